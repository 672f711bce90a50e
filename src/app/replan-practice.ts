/**
 * replanPractice: what `kickoff schedule` does (and `batch` for a practice it planned before): run
 * the template's rules again from the plan's answers, perhaps with a new go-live, write the new
 * dates into the same text (comments, ticks and notes survive), and regenerate the calendars.
 */
import { checkGoLiveDate } from '../domain/answers.js';
import { WorkingCalendar } from '../domain/calendar.js';
import { diffPlans, isEmpty, type PlanDiff } from '../domain/diff.js';
import { handEditNotes, keepHandEdits } from '../domain/schedule/hand-edits.js';
import type { PublishedEvent } from '../domain/calendar-events/publish.js';
import type { Answers, CalendarDate, Diagnostic, Plan } from '../domain/types.js';
import { UsageError } from '../errors.js';
import { publishPlan } from '../adapters/calendar/calendar-set.js';
import { SCHEDULED_LINE, scheduledLine } from '../adapters/plan-file/write.js';
import { KICKOFF_VERSION } from '../version.js';
import {
  calendarFolder,
  lastPublished,
  openPlan,
  pinsFor,
  revisedPlanText,
  savePlanText,
  replan,
  writeCalendars,
  type OpenPlan,
} from './plan-files.js';
import { resolve, resolvePlanFile, type UseCaseOptions } from './workspace.js';

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
  const { workspace, files, clock } = await resolve(options);
  const file = await resolvePlanFile(planFile, files);
  const opened = await openPlan(file, workspace, files);
  // A date changed by hand without `pinned: true` is kept and pinned, never silently put back.
  const { plan: before, edits: handEdits } = keepHandEdits(opened.plan, lastPublished(opened.stored));
  const answers = withGoLive(before.answers, change.goLive, opened, clock.today);
  const replanned = replan(opened, before, answers, clock.today);
  const plan = { ...replanned, diagnostics: [...handEditNotes(handEdits), ...replanned.diagnostics] };
  const diff = diffPlans(before, plan);
  const publication = publishPlan(plan, lastPublished(opened.stored), clock.today);
  const meta = { version: KICKOFF_VERSION, today: clock.today };
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

  const planChanged = text !== opened.stored.text;
  let calendars: string[] = [];
  if (!options.dryRun) {
    // Calendars first, the plan last: the plan on disk then always describes calendars that exist.
    calendars = await writeCalendars(plan, publication, calendarFolder(file, options.out), clock, files);
    await savePlanText(files, file, text, opened.stored.text);
  }
  return {
    planFile: file,
    before,
    plan,
    diagnostics: plan.diagnostics,
    diff,
    today: clock.today,
    revised: publication.revised,
    planText: text,
    planChanged,
    dryRun: Boolean(options.dryRun),
    calendars,
  };
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
