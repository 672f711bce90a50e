/**
 * A plan's dates resolved the way the scheduler resolves them, asked to explain: the chain behind
 * each item's date, for `kickoff why`, the problems in `check --json` and `show --json`, and the
 * pack's appendix. Never a second way to work a date out.
 */
import { WorkingCalendar, type HolidayTable } from '../domain/calendar.js';
import { checkPlan } from '../domain/check/check.js';
import type { Resolved } from '../domain/schedule/resolve.js';
import { explainPlan, whyDate, type WhyLink } from '../domain/schedule/why.js';
import type { Template } from '../domain/template.js';
import type { CalendarDate, Diagnostic, Plan } from '../domain/types.js';
import { withinCalendarYears } from './open-plan.js';

/** The plan's dates resolved with their chains, and today's check of the plan. */
export function resolution(
  plan: Plan,
  workspace: { readonly template: Template; readonly holidays: HolidayTable },
  today: CalendarDate,
): {
  readonly resolved: Map<string, Resolved>;
  readonly diagnostics: Diagnostic[];
  readonly calendar: WorkingCalendar;
} {
  const calendar = new WorkingCalendar(workspace.holidays, plan.answers.nation);
  return withinCalendarYears(() => ({
    resolved: explainPlan(plan, workspace.template, calendar),
    diagnostics: checkPlan(plan, workspace.template, calendar, today),
    calendar,
  }));
}

/**
 * Each item's chain, for the problems about it (`check --json`, `show --json`, the pack's
 * appendix): the same resolution `kickoff why` shows.
 */
export function chainsFor(
  plan: Plan,
  workspace: { readonly template: Template; readonly holidays: HolidayTable },
  today: CalendarDate,
): Map<string, readonly WhyLink[]> {
  const { resolved, calendar } = resolution(plan, workspace, today);
  return new Map(
    plan.items.flatMap((item) => {
      const why = whyDate(plan, item.id, resolved, calendar, []);
      return why && why.chain.length > 0 ? [[item.id, why.chain] as const] : [];
    }),
  );
}
