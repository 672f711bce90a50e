/**
 * Opening a plan: its text read (and its line ends and byte-order mark noted), checked against the
 * template it was made from, and what the use cases derive from it — what the calendars last said,
 * the plan the rules give now, and whether the answers were edited without re-planning.
 */
import { basename, dirname, join } from 'node:path';
import { GO_LIVE_ID, KICKOFF_ID } from '../domain/anchors.js';
import { CalendarRangeError, formatLong, WorkingCalendar, type HolidayTable } from '../domain/calendar.js';
import { diffPlans } from '../domain/diff.js';
import { keepHandEdits, type HandEdit } from '../domain/schedule/hand-edits.js';
import { reschedule } from '../domain/schedule/reschedule.js';
import type { PublishedEvent } from '../domain/calendar-events/publish.js';
import { expandItems, resolveThirdParties } from '../domain/schedule/resolve.js';
import type { Template } from '../domain/template.js';
import type { Answers, CalendarDate, Diagnostic, Plan } from '../domain/types.js';
import { InputError, UsageError } from '../errors.js';
import { splitFormat, type TextFormat } from '../adapters/files.js';
import { NO_PLAN_HINT, parsePlan, type StoredPlan } from '../adapters/plan-file/read.js';
import { diskFiles, type FileStore, type Workspace } from './workspace.js';

export interface OpenPlan {
  readonly template: Template;
  readonly holidays: HolidayTable;
  /** The plan as read; its `text` has LF line ends and no byte-order mark, whatever the file has. */
  readonly stored: StoredPlan;
  /** The plan as read, with its third parties resolved against the template. */
  readonly plan: Plan;
  /** How the file was saved (CRLF, a byte-order mark): kept when kickoff writes it back. */
  readonly format: TextFormat;
}

export async function openPlan(
  file: string,
  workspace: Workspace,
  files: FileStore = diskFiles,
): Promise<OpenPlan> {
  const raw = await files.readText(file, 'the plan', NO_PLAN_HINT, { keepBom: true });
  const { text, format } = splitFormat(raw);
  return reopen({ ...workspace, format }, file, text);
}

/** A plan's text in memory (an edit of one read from `file`), read as openPlan reads the file. */
export function reopen(
  from: Pick<OpenPlan, 'template' | 'holidays' | 'format'>,
  file: string,
  text: string,
): OpenPlan {
  const { template, holidays, format } = from;
  const stored = parsePlan(text, file, template);
  const made = stored.plan.template;
  if (made.id !== template.id) {
    throw new UsageError(
      `${file} was made from template "${made.id}", but kickoff is using "${template.id}".`,
      `Pass the template the plan was made from: --template FILE.`,
    );
  }
  const plan = { ...stored.plan, thirdParties: resolveThirdParties(template, stored.plan.answers) };
  return { template, holidays, stored, plan, format };
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
  { check = true }: { readonly check?: boolean } = {},
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
      check,
    }),
  );
}

/**
 * Copies of a plan that a sync service made beside it when two laptops changed it at once:
 * OneDrive's `kickoff-LAPTOP-7.yaml` (the computer's name, which Windows keeps in capitals) or
 * `kickoff (1).yaml`. kickoff's own `kickoff-answers.yaml` is not one.
 */
export function conflictCopies(planFile: string, names: readonly string[]): string[] {
  const name = basename(planFile);
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const copy = new RegExp(`^${escape(stem)}(-[A-Z0-9][^./\\\\]*| \\(\\d+\\))${escape(ext)}$`);
  return names.filter((n) => copy.test(n)).sort();
}

/**
 * What a person should know about the plan file itself, whatever the command: a note cut short by
 * a `#`, and copies of the plan a sync service made beside it (kickoff merge takes their changes).
 */
export async function fileNotices(opened: OpenPlan, files: FileStore): Promise<Diagnostic[]> {
  const file = opened.stored.file;
  const copies = conflictCopies(file, (await files.list?.(dirname(file))) ?? []);
  return [
    ...opened.stored.warnings,
    ...copies.map((copy) => ({
      severity: 'warning' as const,
      code: 'plan.conflict_copy',
      message: `${join(dirname(file), copy)} is a copy of the plan that OneDrive (or another sync service) made when it was changed in two places at once; changes made there are not in ${file}. Run kickoff merge ${join(dirname(file), copy)} --plan ${file} to bring them in.`,
    })),
  ];
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
  // Only the dates are compared: the command checks the plan itself.
  const diff = diffPlans(previous, replan(opened, previous, answers, today, { check: false }));
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
