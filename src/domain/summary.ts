/** A week-by-week view of a plan, for the confirmation before writing and for `show`. */
import { mondayOf } from './calendar.js';
import type { CalendarDate, Plan, PlanItem } from './types.js';
import { byText } from './order.js';

export interface Week {
  /** The Monday that starts the week. */
  readonly monday: CalendarDate;
  readonly items: readonly PlanItem[];
}

/**
 * Weeks that have something starting in them. Reminders, switch-offs and reconnections are left out:
 * they follow their notices and the cutover, and would drown the milestones.
 */
export function weekByWeek(plan: Plan): Week[] {
  const weeks = new Map<CalendarDate, PlanItem[]>();
  for (const item of plan.items) {
    if (item.type === 'reminder' || (item.thirdParty && item.type !== 'notice')) continue;
    const monday = mondayOf(item.start);
    weeks.set(monday, [...(weeks.get(monday) ?? []), item]);
  }
  return [...weeks.entries()].sort(([a], [b]) => byText(a, b)).map(([monday, items]) => ({ monday, items }));
}
