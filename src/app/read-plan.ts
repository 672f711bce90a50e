/** readPracticePlan: a plan as it is, checked against today (what `show` prints). Writes nothing. */
import { WorkingCalendar } from '../domain/calendar.js';
import { checkPlan } from '../domain/check/check.js';
import type { WhyLink } from '../domain/schedule/why.js';
import type { CalendarDate, Diagnostic, Plan } from '../domain/types.js';
import { chainsFor } from './date-chains.js';
import { fileNotices, openPlan, staleness, withinCalendarYears, type OpenPlan } from './open-plan.js';
import { resolve, resolvePlanFile, type UseCaseOptions } from './workspace.js';
import { byText } from '../domain/order.js';

/** A plan file (or the folder it is in) opened with its template, and today: for commands that report. */
export async function openPlanFile(
  planFile: string,
  options: UseCaseOptions = {},
): Promise<OpenPlan & { readonly today: CalendarDate; readonly notices: readonly Diagnostic[] }> {
  const { workspace, files, clock } = await resolve(options);
  const file = await resolvePlanFile(planFile, files);
  const opened = await openPlan(file, workspace, files);
  return { ...opened, today: clock.today, notices: await fileNotices(opened, files) };
}

export interface ReadPlan {
  readonly planFile: string;
  /** Items sorted by date, then time; `diagnostics` are today's check of the plan. */
  readonly plan: Plan;
  readonly diagnostics: readonly Diagnostic[];
  readonly today: CalendarDate;
  /** With `explain`: how each item's date was reached (kickoff why). */
  readonly chains?: ReadonlyMap<string, readonly WhyLink[]>;
}

export async function readPracticePlan(
  planFile: string,
  options: UseCaseOptions & { readonly explain?: boolean } = {},
): Promise<ReadPlan> {
  const { workspace, files, clock } = await resolve(options);
  const file = await resolvePlanFile(planFile, files);
  const opened = await openPlan(file, workspace, files);
  const read = opened.plan;
  const calendar = new WorkingCalendar(workspace.holidays, read.answers.nation);
  const diagnostics = withinCalendarYears(() => [
    ...checkPlan(read, workspace.template, calendar, clock.today),
    ...staleness(opened, clock.today),
  ]);
  diagnostics.push(...(await fileNotices(opened, files)));
  const items = [...read.items].sort(
    (a, b) => byText(a.start, b.start) || byText(a.time ?? '', b.time ?? ''),
  );
  const chains = options.explain ? chainsFor(read, workspace, clock.today) : undefined;
  return {
    planFile: file,
    plan: { ...read, items, diagnostics },
    diagnostics,
    today: clock.today,
    ...(chains ? { chains } : {}),
  };
}
