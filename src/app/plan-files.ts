/**
 * What the use cases share: opening a plan with its template, writing the calendars, and
 * checking an edited plan reads back as intended before it replaces the person's file.
 */
import { GO_LIVE_ID, KICKOFF_ID } from '../domain/anchors.js';
import { basename, dirname, join } from 'node:path';
import { CalendarRangeError, formatLong, WorkingCalendar, type HolidayTable } from '../domain/calendar.js';
import { datesOf, diffPlans, isEmpty, sameDates } from '../domain/diff.js';
import { keepHandEdits } from '../domain/schedule/hand-edits.js';
import { reschedule } from '../domain/schedule/reschedule.js';
import { samePublished, type Publication, type PublishedEvent } from '../domain/calendar-events/publish.js';
import { expandItems, resolveThirdParties } from '../domain/schedule/resolve.js';
import type { Template } from '../domain/template.js';
import type { HandEdit } from '../domain/schedule/hand-edits.js';
import type { Answers, CalendarDate, Diagnostic, Plan } from '../domain/types.js';
import { InputError, UsageError } from '../errors.js';
import { calendarSet, type FeedOptions } from '../adapters/calendar/calendar-set.js';
import type { Clock } from '../adapters/clock.js';
import { editPlanText, type PlanTextChanges } from '../adapters/plan-file/edit.js';
import { NO_PLAN_HINT, parsePlan, renderPublished, type StoredPlan } from '../adapters/plan-file/read.js';
import { KICKOFF_VERSION } from '../version.js';
import { diskFiles, type FileStore, type Workspace } from './workspace.js';
import { byText } from '../domain/order.js';

export const CALENDAR_DIR = 'calendars';

export interface OpenPlan {
  readonly template: Template;
  readonly holidays: HolidayTable;
  readonly stored: StoredPlan;
  /** The plan as read, with its third parties resolved against the template. */
  readonly plan: Plan;
}

export async function openPlan(
  file: string,
  workspace: Workspace,
  files: FileStore = diskFiles,
): Promise<OpenPlan> {
  const { template, holidays } = workspace;
  const stored = parsePlan(await files.readText(file, 'the plan', NO_PLAN_HINT), file, template);
  const made = stored.plan.template;
  if (made.id !== template.id) {
    throw new UsageError(
      `${file} was made from template "${made.id}", but kickoff is using "${template.id}".`,
      `Pass the template the plan was made from: --template FILE.`,
    );
  }
  const plan = { ...stored.plan, thirdParties: resolveThirdParties(template, stored.plan.answers) };
  return { template, holidays, stored, plan };
}

/**
 * What the calendars said last time. A plan written before kickoff kept `published:` had every
 * event at sequence 0; an empty fingerprint makes each one count as changed, so its first
 * regeneration raises every sequence and calendar apps take the new dates.
 */
export function lastPublished(stored: StoredPlan): readonly PublishedEvent[] {
  return (
    stored.published ??
    stored.plan.items.map((item) => ({
      id: item.id,
      sequence: 0,
      since: stored.scheduled,
      fingerprint: '',
      title: item.title,
      start: item.start,
      end: item.end,
      ...(item.time ? { time: item.time } : {}),
      roles: item.roles,
    }))
  );
}

/**
 * Runs the scheduler on answers people gave: a kick-off not before go-live, or a plan reaching
 * outside the bank-holiday table's years, becomes a message they can act on.
 */
export function planFrom(answers: Answers, schedule: () => Plan): Plan {
  if (answers.kickoff && answers.kickoff >= answers.goLive) {
    throw new UsageError(
      `The kick-off (${formatLong(answers.kickoff)}) must be before go-live (${formatLong(answers.goLive)}).`,
      'Choose an earlier kick-off (answers.kickoff) or a later go-live.',
    );
  }
  try {
    return schedule();
  } catch (error) {
    if (error instanceof CalendarRangeError) {
      throw new InputError(
        error.message,
        'Choose a go-live date that keeps the whole plan inside those years, or update kickoff for a newer bank-holiday table.',
      );
    }
    throw error;
  }
}

/** The template's rules run again over `previous` (the plan as read, hand edits pinned). */
export function replan(
  opened: Pick<OpenPlan, 'template' | 'holidays' | 'stored'>,
  previous: Plan,
  answers: Answers,
  today: CalendarDate,
): Plan {
  const { template, stored } = opened;
  // Without a published record (a plan from before kickoff kept one), nothing is added back.
  const known = new Set(
    stored.published?.map((e) => e.id) ??
      expandItems(template, resolveThirdParties(template, answers), answers).map((s) => s.id),
  );
  return planFrom(answers, () =>
    reschedule({
      template,
      previous,
      answers,
      calendar: new WorkingCalendar(opened.holidays, answers.nation),
      today,
      known,
    }),
  );
}

/**
 * Answers edited without re-planning in ways checkPlan cannot see from the plan alone (a third
 * party added or taken out, a nation changed): what a re-plan would change, for `show` and
 * `calendar`. A go-live or kick-off answer that no longer matches its item is checkPlan's own
 * `plan.stale`, so it is not reported twice.
 */
export function staleness(opened: OpenPlan, today: CalendarDate): Diagnostic[] {
  const { answers, items } = opened.plan;
  const itemOn = (id: string) => items.find((i) => i.id === id)?.start;
  if (itemOn(GO_LIVE_ID) !== answers.goLive) return [];
  if (answers.kickoff && itemOn(KICKOFF_ID) !== answers.kickoff) return [];
  const previous = keepHandEdits(opened.plan, lastPublished(opened.stored)).plan;
  const diff = diffPlans(previous, replan(opened, previous, answers, today));
  const changes = [...diff.moved.map((m) => m.item), ...diff.added, ...diff.removed];
  if (changes.length === 0) return [];
  return [
    {
      severity: 'warning',
      code: 'plan.stale_items',
      message: `The plan's dates no longer match its answers: ${changes.length} item(s) would change (${listed(changes.map((i) => `"${i.title}"`))}). The answers were edited and kickoff schedule has not been run since: run it to update the dates and calendars.`,
    },
  ];
}

function listed(names: readonly string[], shown = 3): string {
  const more = names.length > shown ? ` and ${names.length - shown} more` : '';
  return `${names.slice(0, shown).join(', ')}${more}`;
}

/** The `pinned: true` lines for dates people changed by hand, each saying when and from what. */
export function pinsFor(
  edits: readonly HandEdit[],
  today: CalendarDate,
): { readonly id: string; readonly comment: string }[] {
  return edits.map(({ item, was }) => ({
    id: item.id,
    comment: `changed by hand from ${was.start}; kept by kickoff on ${today}`,
  }));
}

/** Calendars go in calendars/ beside the plan unless --out says otherwise. */
export function calendarFolder(planFile: string, out?: string): string {
  return out ?? join(dirname(planFile), CALENDAR_DIR);
}

/** Each calendar atomically; returns the paths written. */
export async function writeCalendars(
  plan: Plan,
  publication: Publication,
  folder: string,
  clock: Clock,
  store: FileStore = diskFiles,
): Promise<string[]> {
  const written = await writeCalendarSet(plan, publication, folder, clock, store);
  return written.map((calendar) => calendar.path);
}

/** A calendar written: its path, 'everything' or the role's id, and its name. */
export interface WrittenCalendar {
  readonly path: string;
  readonly key: string;
  readonly name: string;
}

/** writeCalendars, saying which calendar each file is; with `feed`, as subscription feeds. */
export async function writeCalendarSet(
  plan: Plan,
  publication: Publication,
  folder: string,
  clock: Clock,
  store: FileStore = diskFiles,
  feed?: FeedOptions,
): Promise<WrittenCalendar[]> {
  const files = calendarSet(plan, publication, {
    timestamp: clock.timestamp,
    productVersion: KICKOFF_VERSION,
    ...(feed ? { feed } : {}),
  });
  // File names come from the ODS code, checked on the way in; a name with a path in it is a bug.
  for (const file of files)
    if (basename(file.fileName) !== file.fileName || file.fileName.startsWith('.'))
      throw new Error(`calendar file name "${file.fileName}" is not a plain file name`);
  // All at once: each is atomic on its own, and waiting on the disk one file at a time was most of
  // a batch's time.
  await Promise.all(files.map((file) => store.writeAtomic(join(folder, file.fileName), file.text)));
  return files.map((f) => ({ path: join(folder, f.fileName), key: f.key, name: f.name }));
}

/**
 * The plan's text after `changes`, checked by reading it back. When nothing moved, was added or
 * removed, no date is pinned and the calendars' record (`published:`) is the same, it is the file
 * as read and checked: no edit and no read-back (the steady state of `calendar` and `schedule`).
 */
export function revisedPlanText(opened: OpenPlan, file: string, changes: PlanTextChanges): string {
  const { stored } = opened;
  // Compared field by field first, and written out only when that differs (rendering both records
  // was about 1 ms of every `kickoff calendar`).
  const same =
    (changes.before === changes.after || isEmpty(diffPlans(changes.before, changes.after))) &&
    (changes.pin ?? []).length === 0 &&
    stored.published !== undefined &&
    (samePublished(stored.published, changes.published) ||
      renderPublished(stored.published, false) === renderPublished(changes.published, false));
  if (same) return stored.text;
  const text = editPlanText(stored.text, changes);
  assertReadsBack(text, file, opened.template, changes.after, changes.published);
  return text;
}

/** Writes the plan's new text, or, with nothing to change, only tidies its folder of killed runs' temp files. */
export async function savePlanText(
  files: FileStore,
  file: string,
  text: string,
  was: string,
): Promise<boolean> {
  if (text === was) {
    await files.tidy?.(dirname(file));
    return false;
  }
  await files.writeAtomic(file, text);
  return true;
}

/**
 * Reads the edited text back and compares it with the plan it should hold. A mismatch is kickoff's
 * bug, and the person's file must not be replaced by it.
 */
export function assertReadsBack(
  text: string,
  file: string,
  template: Template,
  expected: Plan,
  published: readonly PublishedEvent[],
): void {
  const back = parsePlan(text, file, template);
  const problems: string[] = [];
  if (back.plan.answers.goLive !== expected.answers.goLive) problems.push('go-live');
  const got = new Map(back.plan.items.map((i) => [i.id, i]));
  if (got.size !== expected.items.length) problems.push('the number of items');
  for (const item of expected.items) {
    const found = got.get(item.id);
    if (!found || !sameDates(datesOf(found), datesOf(item))) problems.push(`item ${item.id}`);
  }
  if (canonical(back.published ?? []) !== canonical(published)) problems.push('published:');
  if (problems.length > 0) {
    throw new Error(
      `the edited plan would not read back as planned (${problems.join(', ')}); ${file} was not changed`,
    );
  }
}

/** JSON with object keys sorted, so key order does not count as a difference. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => byText(a, b)))
      : v,
  );
}

/**
 * Runs a check over a plan a person edited: a date beyond the bank-holiday table's years (say a
 * go-live typed as 2031) is their problem to fix, not kickoff's internal error.
 */
export function withinCalendarYears<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof CalendarRangeError)
      throw new InputError(
        error.message,
        'Correct the date in the plan (a go-live inside those years keeps the whole plan inside them), then run kickoff schedule.',
      );
    throw error;
  }
}
