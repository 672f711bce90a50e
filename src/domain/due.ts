/**
 * What is due: a plan's open actions that are overdue (ended before today) or due by a day, each
 * with the day it is due. `kickoff due` lists one plan's; `portfolio --person` one person's in every plan.
 */
import { daysFromTo } from './dates.js';
import { ownerRoleIds } from './people.js';
import { occurrences } from './schedule/recurrence.js';
import type { CalendarDate, Plan, PlanItem } from './types.js';
import { byText } from './order.js';

export interface DueEntry {
  readonly item: PlanItem;
  /** The day it is due: the next meeting of a weekly series, the last day of a stretch. */
  readonly on: CalendarDate;
  /** Days past `on`; 0 when not overdue. */
  readonly daysLate: number;
}

/** Open actions: reminders only repeat their notice deadline, and informational items ask nothing. */
function isOpen(item: PlanItem): boolean {
  return (
    !item.informational && item.type !== 'reminder' && item.status !== 'done' && item.status !== 'not-needed'
  );
}

/** The next meeting of a weekly series on or after `today`, if any is left. */
function nextMeeting(item: PlanItem, today: CalendarDate): CalendarDate | undefined {
  return occurrences(item.start, item.recurrence!).find((day) => day >= today);
}

/** Overdue (ended before today), then due (starting by `until`, or under way), each by date. */
export function dueItems(
  plan: Plan,
  today: CalendarDate,
  until: CalendarDate,
  role?: string,
  wanted: (item: PlanItem) => boolean = () => true,
) {
  const overdue: DueEntry[] = [];
  const due: DueEntry[] = [];
  for (const item of plan.items) {
    if (!isOpen(item) || (role && !ownerRoleIds(plan, item).includes(role)) || !wanted(item)) continue;
    if (item.recurrence) {
      const next = nextMeeting(item, today);
      if (next && next <= until) due.push({ item, on: next, daysLate: 0 });
      else if (!next && item.recurrence.until < today)
        overdue.push({ item, on: item.recurrence.until, daysLate: daysFromTo(item.recurrence.until, today) });
    } else if (item.end < today) overdue.push({ item, on: item.end, daysLate: daysFromTo(item.end, today) });
    else if (item.start <= until)
      due.push({ item, on: item.start < today ? item.end : item.start, daysLate: 0 });
  }
  const byDate = (a: DueEntry, b: DueEntry) =>
    byText(a.on, b.on) || byText(a.item.time ?? '', b.item.time ?? '');
  return { overdue: overdue.sort(byDate), due: due.sort(byDate) };
}
