/** readPracticePlan: a plan as it is, checked against today (what `show` prints). Writes nothing. */
import { WorkingCalendar } from '../domain/calendar.js';
import { checkPlan } from '../domain/check.js';
import type { Diagnostic, Plan } from '../domain/types.js';
import { openPlan } from './plan-files.js';
import { resolve, resolvePlanFile, type UseCaseOptions } from './workspace.js';

export interface ReadPlan {
  readonly planFile: string;
  /** Items sorted by date, then time; `diagnostics` are today's check of the plan. */
  readonly plan: Plan;
  readonly diagnostics: readonly Diagnostic[];
}

export async function readPracticePlan(planFile: string, options: UseCaseOptions = {}): Promise<ReadPlan> {
  const { workspace, files, clock } = await resolve(options);
  const file = await resolvePlanFile(planFile, files);
  const { plan: read } = await openPlan(file, workspace, files);
  const calendar = new WorkingCalendar(workspace.holidays, read.answers.nation);
  const diagnostics = checkPlan(read, workspace.template, calendar, clock.today);
  const items = [...read.items].sort(
    (a, b) => a.start.localeCompare(b.start) || (a.time ?? '').localeCompare(b.time ?? ''),
  );
  return { planFile: file, plan: { ...read, items, diagnostics }, diagnostics };
}
