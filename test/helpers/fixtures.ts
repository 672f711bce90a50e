/**
 * Shared test data: the shipped template and bank-holiday table (loaded once per test file),
 * a valid base set of answers to override field by field, and a working calendar per nation.
 */
import { loadHolidayTable } from '../../src/adapters/inputs/holiday-loader.js';
import { loadTemplate } from '../../src/adapters/inputs/template-loader.js';
import { WorkingCalendar, type HolidayTable } from '../../src/domain/calendar.js';
import type { Template } from '../../src/domain/template.js';
import { backSchedule } from '../../src/domain/schedule/back-schedule.js';
import type { Answers, CalendarDate, Diagnostic, Nation, Plan, PlanItem } from '../../src/domain/types.js';

export interface Defaults {
  readonly template: Template;
  readonly holidays: HolidayTable;
}

let defaults: Promise<Defaults> | undefined;

/** The default template (templates/nhs-england-gp.yaml) and templates/bank-holidays.yaml, memoised. */
export function loadDefaults(): Promise<Defaults> {
  defaults ??= Promise.all([loadTemplate(), loadHolidayTable()]).then(([template, holidays]) => ({
    template,
    holidays,
  }));
  return defaults;
}

/** A literal date for tests; the caller vouches that it is a real 'YYYY-MM-DD'. */
export function D(text: string): CalendarDate {
  return text as CalendarDate;
}

/** Base answers: Test Surgery (B82005), go-live Mon 14 Jun 2027, England, EMIS Web → SystmOne, EPS only. */
export function answersFor(overrides: Partial<Answers> = {}): Answers {
  return {
    practice: { name: 'Test Surgery', ods: 'B82005' },
    goLive: D('2027-06-14'),
    nation: 'england',
    systems: { current: 'EMIS Web', new: 'SystmOne' },
    team: [{ role: 'project-manager', name: 'Pat Jones', email: 'pat.jones@nhs.net' }],
    thirdParties: [{ id: 'eps' }],
    absences: [],
    ...overrides,
  };
}

export function calendarFor(holidays: HolidayTable, nation: Nation): WorkingCalendar {
  return new WorkingCalendar(holidays, nation);
}

/** The plan's item with this id; fails loudly (naming the ids there are) when it is missing. */
export function itemOf(plan: Plan, id: string): PlanItem {
  const item = plan.items.find((i) => i.id === id);
  if (!item) throw new Error(`no item "${id}" in the plan; it has ${plan.items.map((i) => i.id).join(', ')}`);
  return item;
}

/** start/end of an item, for compact expectations. */
export function spanOf(plan: Plan, id: string): { start: string; end: string } {
  const { start, end } = itemOf(plan, id);
  return { start, end };
}

/** A date long before any test plan's kick-off, so nothing is "in the past". */
export const LONG_AGO = '2026-01-05' as CalendarDate;

/** The base answers with overrides, back-scheduled with the defaults on their nation's calendar. */
export function scheduleWith(
  defaults: Defaults,
  overrides: Partial<Answers> = {},
  today: CalendarDate = LONG_AGO,
): Plan {
  const answers = answersFor(overrides);
  return backSchedule(defaults.template, answers, calendarFor(defaults.holidays, answers.nation), today);
}

/** The diagnostics with one code, from a plan or a list. */
export function withCode(plan: Plan | readonly Diagnostic[], code: string): Diagnostic[] {
  return ('diagnostics' in plan ? plan.diagnostics : plan).filter((d) => d.code === code);
}

/**
 * Plan texts as `kickoff init` would write them, for three sets of answers: the example's, one
 * with a kick-off date and a meeting room whose name needs quoting, and a Welsh practice with a
 * third party of its own whose name holds ": ". For tests that read plans kickoff writes.
 */
export async function plannedPlanTexts(): Promise<string[]> {
  const { planPractice } = await import('../../src/app/plan-practice.js');
  const { loadWorkspace } = await import('../../src/app/workspace.js');
  const workspace = await loadWorkspace();
  const answers = [
    answersFor(),
    answersFor({ meetingLocation: 'Room 2, "The Annexe"', kickoff: '2027-01-11' as CalendarDate }),
    answersFor({
      nation: 'wales',
      thirdParties: [{ name: 'Hospice: out of hours', notice: { amount: 10, unit: 'wd' } }],
    }),
  ];
  const today = '2026-11-25' as CalendarDate;
  return Promise.all(
    answers.map(
      async (a) =>
        (await planPractice(a, { dir: '/never-written', workspace, today, dryRun: true })).planText,
    ),
  );
}
