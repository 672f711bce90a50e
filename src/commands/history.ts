/**
 * kickoff history, undo and changes: what kickoff changed in the plan and when, a change taken
 * back, and what changed since a day. The work is app/plan-history.ts's.
 */
import { ExitCode } from '../errors.js';
import { londonTime as inLondon } from '../domain/london-time.js';
import { changesSince, planHistory, undoChange, type HistoryEntry } from '../app/plan-history.js';
import type { Terminal } from '../adapters/terminal/terminal.js';
import { renderChangesMarkdown, renderChangesText } from '../render/changes.js';
import { changesJson } from './changes-json.js';

interface Common {
  readonly plan: string;
  readonly template?: string;
  readonly today?: string;
  readonly json?: boolean;
}

export async function history(options: Common, terminal: Terminal): Promise<ExitCode> {
  const view = await planHistory(options.plan, useCase(options));
  if (options.json) {
    const entry = ({ text: _text, after: _after, ...e }: HistoryEntry) => e;
    terminal.data(
      JSON.stringify(
        {
          planFile: view.planFile,
          editedSince: view.editedSince,
          undoable: view.undoable?.number ?? null,
          entries: view.entries.map(entry),
        },
        null,
        2,
      ),
    );
    return ExitCode.ok;
  }
  if (view.entries.length === 0) {
    terminal.data(
      `${view.planFile}: kickoff has kept no change yet (each command that changes the plan adds one).`,
    );
    return ExitCode.ok;
  }
  const lines = view.entries.map((e) => {
    const mark = e.number === view.undoable?.number ? '  ← kickoff undo takes this back' : '';
    return `${String(e.number).padStart(4)}  ${londonTime(e.when)}  ${e.command.padEnd(18)} ${e.summary}${mark}`;
  });
  const edited = view.editedSince
    ? ['', 'The plan has been edited by hand since kickoff last changed it.']
    : [];
  terminal.data([`Changes kickoff made to ${view.planFile}, newest first:`, ...lines, ...edited].join('\n'));
  return ExitCode.ok;
}

export interface UndoOptions extends Common {
  readonly force?: boolean;
  readonly out?: string;
  readonly wait?: string;
  readonly quiet?: boolean;
}

export async function undo(options: UndoOptions, terminal: Terminal): Promise<ExitCode> {
  const result = await undoChange(options.plan, {
    ...useCase(options),
    ...(options.force ? { force: true } : {}),
    ...(options.out !== undefined ? { out: options.out } : {}),
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
  });
  const { undone } = result;
  if (options.json) {
    const { text: _text, after: _after, ...entry } = undone;
    terminal.data(
      JSON.stringify(
        { planFile: result.planFile, undone: entry, revised: result.revised, calendars: result.calendars },
        null,
        2,
      ),
    );
  } else if (!options.quiet) {
    terminal.say(
      `Undid change ${undone.number} (${undone.command}, ${londonTime(undone.when)}): ${undone.summary}.`,
    );
    terminal.say(
      `${result.planFile} is as it was before it; ${result.revised} calendar event(s) change back (calendar apps take them as updates).`,
    );
    terminal.say('Run kickoff undo again to go back one more change.');
  }
  return ExitCode.ok;
}

export interface ChangesOptions extends Common {
  readonly since?: string;
  readonly format?: string;
}

export async function changes(options: ChangesOptions, terminal: Terminal): Promise<ExitCode> {
  const result = await changesSince(options.plan, {
    ...useCase(options),
    since: options.since ?? 'last-week',
  });
  if (options.json) terminal.data(JSON.stringify(changesJson(result), null, 2));
  else if (options.format === 'md') terminal.data(renderChangesMarkdown(result).trimEnd());
  else terminal.data(renderChangesText(result).trimEnd());
  return ExitCode.ok;
}

function useCase(options: Common) {
  return {
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
  };
}

/** An instant as people in England read it: Sun 6 Dec 2026 10:42. */
function londonTime(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  const { day, time } = inLondon(date);
  return `${day} ${time}`;
}
