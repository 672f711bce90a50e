/**
 * kickoff tick: mark items done (or doing, todo, not-needed) and add a note, in place in the plan
 * (every other byte kept), then regenerate the calendars exactly as `kickoff calendar` does. The
 * work is tickItems'; this parses the flags and says what happened.
 */
import { ExitCode } from '../errors.js';
import { tickItems } from '../app/tick-items.js';
import type { Terminal } from '../adapters/terminal/terminal.js';
import { reportCalendars, type CalendarOptions } from './calendar.js';

/** The calendar command's options (with --json, its report on standard output; the ticks on stderr as usual). */
export interface TickOptions extends CalendarOptions {
  readonly ids: readonly string[];
  readonly status?: string;
  readonly note?: string;
}

export async function tick(options: TickOptions, terminal: Terminal): Promise<ExitCode> {
  const result = await tickItems(options.plan, {
    ids: options.ids,
    ...(options.status !== undefined ? { status: options.status } : {}),
    ...(options.note !== undefined ? { note: options.note } : {}),
    ...(options.out !== undefined ? { out: options.out } : {}),
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
  });
  const { status, note } = result;
  for (const item of result.items) {
    if (options.quiet) break;
    const was = item.status === status ? `already ${status}` : `${item.status ?? 'todo'} → ${status}`;
    terminal.say(`${item.id}: ${item.title} (${was})${note ? '; note added' : ''}`);
  }
  if (!result.calendars) {
    if (!options.quiet) terminal.say('Nothing to change.');
    if (options.json)
      terminal.data(JSON.stringify({ planFile: result.planFile, planChanged: false }, null, 2));
    return ExitCode.ok;
  }
  return reportCalendars(result.calendars, options, terminal);
}
