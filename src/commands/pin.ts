/**
 * kickoff pin / unpin: fix an item on a date (or let kickoff schedule it again), in place in the
 * plan, then re-plan exactly as `kickoff schedule` does: items scheduled from it follow it.
 */
import { parseCalendarDate } from '../domain/calendar.js';
import { daysFromTo, formatDayMonthYear, plusDays } from '../domain/dates.js';
import { datesOf } from '../domain/diff.js';
import { ExitCode, UsageError } from '../errors.js';
import { editItemFields } from '../adapters/plan-file/edit.js';
import type { Terminal } from '../adapters/terminal/terminal.js';
import { findItem, thenFromFile } from './item-ids.js';
import { openPlanFile } from '../app/read-plan.js';
import { schedule } from './schedule.js';

export interface PinOptions {
  readonly plan: string;
  readonly id: string;
  readonly date?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly template?: string;
  readonly today?: string;
  readonly quiet?: boolean;
}

export async function pin(options: PinOptions, terminal: Terminal): Promise<ExitCode> {
  const parsed = parseCalendarDate(options.date ?? '');
  if (!parsed.ok) throw new UsageError(`date: ${parsed.message}`);
  const opened = await openPlanFile(options.plan, options.template);
  const item = findItem(opened.plan, options.id, options.plan);
  const before = datesOf(item);
  // A stretch of days keeps its length; a weekly series keeps its last meeting.
  const after = {
    ...before,
    start: parsed.date,
    end: plusDays(parsed.date, daysFromTo(item.start, item.end)),
  };
  const text = editItemFields(opened.stored.text, [
    { id: item.id, pinned: true, ...(item.start !== parsed.date ? { dates: { before, after } } : {}) },
  ]);
  const code = await replan({ ...options, plan: opened.stored.file }, opened.stored.text, text, terminal);
  if (!options.quiet)
    terminal.say(
      `${item.id}: ${item.title} pinned on ${formatDayMonthYear(parsed.date)}${item.start !== parsed.date ? ` (was ${formatDayMonthYear(item.start)})` : ''}.`,
    );
  return code;
}

export async function unpin(options: PinOptions, terminal: Terminal): Promise<ExitCode> {
  const opened = await openPlanFile(options.plan, options.template);
  const item = findItem(opened.plan, options.id, options.plan);
  if (item.origin !== 'pinned') {
    if (!options.quiet) terminal.say(`${item.id}: ${item.title} is not pinned; nothing to change.`);
    return ExitCode.ok;
  }
  const text = editItemFields(opened.stored.text, [{ id: item.id, pinned: false }]);
  const code = await replan({ ...options, plan: opened.stored.file }, opened.stored.text, text, terminal);
  if (!options.quiet) terminal.say(`${item.id}: ${item.title} unpinned; kickoff schedules it again.`);
  return code;
}

function replan(
  options: PinOptions,
  original: string,
  edited: string,
  terminal: Terminal,
): Promise<ExitCode> {
  return thenFromFile(options.plan, original, edited, () =>
    schedule(
      {
        plan: options.plan,
        ...(options.json ? { json: true } : {}),
        ...(options.quiet ? { quiet: true } : {}),
        ...(options.out ? { out: options.out } : {}),
        ...(options.template ? { template: options.template } : {}),
        ...(options.today ? { today: options.today } : {}),
      },
      terminal,
    ),
  );
}
