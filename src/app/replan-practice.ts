/**
 * replanPractice: what `kickoff schedule` does (and `batch` for a practice it planned before): run
 * the template's rules again from the plan's answers, perhaps with a new go-live, write the new
 * dates into the same text (comments, ticks and notes survive), and regenerate the calendars.
 */
import { checkGoLiveDate } from '../domain/answers.js';
import { formatLong, WorkingCalendar } from '../domain/calendar.js';
import { diffPlans, isEmpty, type PlanDiff } from '../domain/diff.js';
import { handEditNotes, keepHandEdits } from '../domain/schedule/hand-edits.js';
import type { PublishedEvent } from '../domain/calendar-events/publish.js';
import type { Answers, CalendarDate, Diagnostic, Plan } from '../domain/types.js';
import { UsageError } from '../errors.js';
import { publishPlan } from '../adapters/calendar/calendar-set.js';
import { SCHEDULED_LINE, scheduledLine } from '../adapters/plan-file/write.js';
import { kickoffVersion } from '../version.js';
import { calendarFolder } from './calendar-files.js';
import { changePlan, revisedPlanText, type AppliedChange } from './edit-plan.js';
import { lastPublished, pinsFor, reopen, replan, type OpenPlan } from './open-plan.js';
import { editItemFields } from '../adapters/plan-file/edit.js';
import { resolve, resolvePlanFile, type Resolved, type UseCaseOptions } from './workspace.js';

/** What changed since the plan was made; nothing means "re-plan after hand edits". */
export interface PlanChange {
  /** A new go-live date, 2027-04-12 or 12/04/2027. */
  readonly goLive?: string;
  /**
   * Pins to let go (kickoff schedules those items again): 'breaking', every pin that breaks a rule
   * or sits past go-live after this re-plan; or the ids given.
   */
  readonly release?: 'breaking' | readonly string[];
}

/** Diagnostics about a pinned date that the template's rules no longer allow. */
const PIN_PROBLEMS = new Set([
  'schedule.pin_breaks_rule',
  'schedule.pin_after_go_live',
  'schedule.out_of_order',
]);

/** The pinned items that break a rule or sit past go-live in this plan. */
export function breakingPins(plan: Plan): string[] {
  const pinned = new Set(plan.items.filter((i) => i.origin === 'pinned').map((i) => i.id));
  return [
    ...new Set(
      plan.diagnostics.flatMap((d) =>
        PIN_PROBLEMS.has(d.code) && d.itemId && pinned.has(d.itemId) ? [d.itemId] : [],
      ),
    ),
  ].sort();
}

export interface ReplanOptions extends UseCaseOptions {
  /** Work everything out, write nothing. */
  readonly dryRun?: boolean;
  /** Where the calendars go; default calendars/ beside the plan. */
  readonly out?: string;
}

export interface ReplannedPractice {
  /** Pins let go by --release-pins / --release. */
  readonly released?: readonly string[];
  /** The plan file (a folder given as the plan is read as FOLDER/kickoff.yaml). */
  readonly planFile: string;
  /** The plan as it was read. */
  readonly before: Plan;
  /** The plan after re-planning. */
  readonly plan: Plan;
  readonly diagnostics: readonly Diagnostic[];
  readonly diff: PlanDiff;
  readonly today: CalendarDate;
  /** Events with a new revision (sequence) in the calendars. */
  readonly revised: readonly PublishedEvent[];
  /** The plan's text after the edit (what was, or with dryRun would be, written). */
  readonly planText: string;
  readonly planChanged: boolean;
  readonly dryRun: boolean;
  /** The calendar files written. */
  readonly calendars: readonly string[];
}

export async function replanPractice(
  planFile: string,
  change: PlanChange = {},
  options: ReplanOptions = {},
): Promise<ReplannedPractice> {
  const context = await resolve(options);
  const file = await resolvePlanFile(planFile, context.files);
  const changed = await changePlan(file, context, {
    command: change.goLive === undefined ? 'schedule' : 'schedule --go-live',
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
    apply: (opened) => withReleases(opened, change, context, options.out),
  });
  return {
    ...changed.result,
    planText: changed.text,
    planChanged: changed.planChanged,
    dryRun: Boolean(options.dryRun),
    calendars: changed.calendars.map((c) => c.path),
  };
}

/**
 * The re-plan, and when asked, a second one with the breaking pins (or those named) let go: what
 * a person releases is scheduled by the rules again, in the same change of the plan.
 */
function withReleases(
  opened: OpenPlan,
  change: PlanChange,
  context: Resolved,
  out: string | undefined,
): AppliedChange<Replanned> {
  const first = scheduleStep(opened, change, context, out);
  if (!change.release) return first;
  const pinned = new Set(opened.plan.items.filter((i) => i.origin === 'pinned').map((i) => i.id));
  const named = change.release === 'breaking' ? breakingPins(first.result.plan) : change.release;
  for (const id of named)
    if (!pinned.has(id))
      throw new UsageError(
        `--release ${id}: ${opened.plan.items.some((i) => i.id === id) ? 'that item is not pinned' : 'the plan has no such item'}.`,
        'kickoff schedule lists the pins that break a rule; --release-pins lets go of all of them.',
      );
  if (named.length === 0) return first;
  const text = editItemFields(
    opened.stored.text,
    named.map((id) => ({ id, pinned: false })),
  );
  const second = scheduleStep(
    reopen(opened, opened.stored.file, text),
    { ...change, release: undefined },
    context,
    out,
  );
  return {
    ...second,
    summary: `${second.summary}; released ${named.join(', ')}`,
    result: {
      ...second.result,
      before: first.result.before,
      diff: diffPlans(first.result.before, second.result.plan),
      released: named,
    },
  };
}

export type Replanned = Omit<ReplannedPractice, 'planText' | 'planChanged' | 'dryRun' | 'calendars'>;

/**
 * The re-plan of an open plan (schedule; pin and unpin after their own edit): dates changed by hand
 * are pinned and kept, the rules run again, and the new dates and calendars' record go into the text.
 */
export function scheduleStep(
  opened: OpenPlan,
  change: PlanChange,
  { clock }: Resolved,
  out?: string,
): AppliedChange<Replanned> {
  const file = opened.stored.file;
  // A date changed by hand without `pinned: true` is kept and pinned, never silently put back.
  const { plan: before, edits: handEdits } = keepHandEdits(opened.plan, lastPublished(opened.stored));
  const answers = withGoLive(before.answers, change.goLive, opened, clock.today);
  const replanned = replan(opened, before, answers, clock.today);
  const plan = { ...replanned, diagnostics: [...handEditNotes(handEdits), ...replanned.diagnostics] };
  const diff = diffPlans(before, plan);
  const publication = publishPlan(plan, lastPublished(opened.stored), clock.today);
  const meta = { version: kickoffVersion(), today: clock.today };
  const text = revisedPlanText(opened, file, {
    before,
    after: plan,
    ...(isEmpty(diff)
      ? {}
      : {
          scheduled: clock.today,
          scheduledLine: { pattern: SCHEDULED_LINE, text: scheduledLine(plan, meta) },
        }),
    published: publication.events,
    pin: pinsFor(handEdits, clock.today),
  });
  return {
    text,
    checked: true,
    summary: summaryOf(diff),
    calendars: { plan, publication, folder: calendarFolder(file, out) },
    result: {
      planFile: file,
      before,
      plan,
      diagnostics: plan.diagnostics,
      diff,
      today: clock.today,
      revised: publication.revised,
    },
  };
}

/** One line for the plan's history: "go-live Mon 12 Apr 2027 (was Mon 19 Apr 2027); 41 moved". */
function summaryOf(diff: PlanDiff): string {
  const parts = [
    ...(diff.goLive
      ? [`go-live ${formatLong(diff.goLive.after)} (was ${formatLong(diff.goLive.before)})`]
      : []),
    ...(diff.moved.length > 0 ? [`${diff.moved.length} item(s) moved`] : []),
    ...(diff.added.length > 0 ? [`${diff.added.length} added`] : []),
    ...(diff.removed.length > 0 ? [`${diff.removed.length} removed`] : []),
  ];
  return parts.length > 0 ? `re-planned: ${parts.join('; ')}` : 're-planned: no date changed';
}

function withGoLive(
  answers: Answers,
  goLive: string | undefined,
  opened: OpenPlan,
  today: CalendarDate,
): Answers {
  if (goLive === undefined) return answers;
  const checked = checkGoLiveDate(goLive, new WorkingCalendar(opened.holidays, answers.nation), today);
  if (!checked.ok) throw new UsageError(`--go-live: ${checked.message}`);
  return { ...answers, goLive: checked.value };
}
