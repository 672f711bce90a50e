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
import { lastPublished, pinsFor, replan, type OpenPlan } from './open-plan.js';
import { resolve, resolvePlanFile, type Resolved, type UseCaseOptions } from './workspace.js';

/** What changed since the plan was made; nothing means "re-plan after hand edits". */
export interface PlanChange {
  /** A new go-live date, 2027-04-12 or 12/04/2027. */
  readonly goLive?: string;
}

export interface ReplanOptions extends UseCaseOptions {
  /** Work everything out, write nothing. */
  readonly dryRun?: boolean;
  /** Where the calendars go; default calendars/ beside the plan. */
  readonly out?: string;
}

export interface ReplannedPractice {
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
    apply: (opened) => scheduleStep(opened, change, context, options.out),
  });
  return {
    ...changed.result,
    planText: changed.text,
    planChanged: changed.planChanged,
    dryRun: Boolean(options.dryRun),
    calendars: changed.calendars.map((c) => c.path),
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
