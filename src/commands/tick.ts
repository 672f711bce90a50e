/**
 * kickoff tick: mark items done (or doing, todo, not-needed) and add a note, in place in the plan
 * (every other byte kept), then regenerate the calendars exactly as `kickoff calendar` does.
 */
import { STATUSES, type Status } from '../domain/types.js';
import { ExitCode, UsageError } from '../errors.js';
import { editItemFields } from '../adapters/plan-file/edit.js';
import { parsePlan } from '../adapters/plan-file/read.js';
import type { Terminal } from '../adapters/terminal/terminal.js';
import { calendar } from './calendar.js';
import { findItem, thenFromFile } from './item-ids.js';
import { openPlanFile } from '../app/read-plan.js';

export interface TickOptions {
  readonly plan: string;
  readonly ids: readonly string[];
  readonly status?: string;
  readonly note?: string;
  readonly out?: string;
  readonly template?: string;
  readonly today?: string;
  readonly quiet?: boolean;
  /** The calendars' report (kickoff calendar --json) on standard output; the ticks on stderr as usual. */
  readonly json?: boolean;
}

export async function tick(options: TickOptions, terminal: Terminal): Promise<ExitCode> {
  const status = (options.status ?? 'done') as Status;
  if (!STATUSES.includes(status))
    throw new UsageError(`--status: "${options.status}" is not a status.`, `Use ${STATUSES.join(', ')}.`);
  const note = options.note?.trim();
  if (options.note !== undefined && !note) throw new UsageError('--note: the note is empty.');
  const opened = await openPlanFile(options.plan, options.template);
  const items = [...new Set(options.ids)].map((id) => findItem(opened.plan, id, options.plan));
  for (const item of items) {
    if (item.informational)
      throw new UsageError(
        `"${item.title}" (${item.id}) records a fact, not an action: it has no status to tick.`,
        note ? 'Add your note to kickoff.yaml by hand.' : undefined,
      );
  }
  const text = editItemFields(
    opened.stored.text,
    items.map((item) => ({
      id: item.id,
      ...(item.status !== status ? { status } : {}),
      ...(note ? { note } : {}),
    })),
  );
  // The edited text must read back with exactly these statuses, or the person's file is left alone.
  const back = parsePlan(text, options.plan, opened.template).plan;
  for (const item of items) {
    if (back.items.find((i) => i.id === item.id)?.status !== status)
      throw new Error(
        `the edited plan would not read back with ${item.id} ${status}; ${options.plan} was not changed`,
      );
  }
  for (const item of items) {
    if (options.quiet) break;
    const was = item.status === status ? `already ${status}` : `${item.status ?? 'todo'} → ${status}`;
    terminal.say(`${item.id}: ${item.title} (${was})${note ? '; note added' : ''}`);
  }
  if (text === opened.stored.text) {
    if (!options.quiet) terminal.say('Nothing to change.');
    if (options.json)
      terminal.data(JSON.stringify({ planFile: opened.stored.file, planChanged: false }, null, 2));
    return ExitCode.ok;
  }
  return thenFromFile(opened.stored.file, opened.stored.text, text, () =>
    calendar(
      {
        plan: opened.stored.file,
        ...(options.out ? { out: options.out } : {}),
        ...(options.template ? { template: options.template } : {}),
        ...(options.today ? { today: options.today } : {}),
        ...(options.quiet ? { quiet: true } : {}),
        ...(options.json ? { json: true } : {}),
      },
      terminal,
    ),
  );
}
