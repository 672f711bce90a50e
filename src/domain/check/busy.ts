/**
 * Busy times of year (Christmas, Easter, the QOF year end…) against the days a migration cannot
 * lose: every critical item, not only go-live.
 */
import { GO_LIVE_ID } from '../anchors.js';
import { formatLong, toParts, type WorkingCalendar } from '../calendar.js';
import { criticalIds } from '../schedule/resolve.js';
import type { BusyPeriod, Template } from '../template.js';
import type { CalendarDate, Diagnostic, Plan, PlanItem } from '../types.js';

interface Stretch {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
}

export function checkBusyPeriods(plan: Plan, template: Template, calendar: WorkingCalendar): Diagnostic[] {
  const critical = criticalIds(template, plan.thirdParties);
  const items = plan.items.filter((i) => critical.has(i.id) && i.status !== 'not-needed');
  return template.busyPeriods.flatMap((period) =>
    items.flatMap((item) => {
      const hit = stretchesOf(period, item, calendar).find((s) => item.start <= s.to && item.end >= s.from);
      return hit ? [busyWarning(period, item, hit)] : [];
    }),
  );
}

/** The period's stretches in every year the item touches (and the year before, for Christmas). */
function stretchesOf(period: BusyPeriod, item: PlanItem, calendar: WorkingCalendar): Stretch[] {
  const years: number[] = [];
  for (let y = toParts(item.start)[0] - 1; y <= toParts(item.end)[0]; y += 1) years.push(y);
  return years.flatMap((year): Stretch[] => {
    if (period.holidays) {
      const days = calendar
        .holidaysIn(year)
        .filter((h) => period.holidays!.includes(h.title))
        .map((h) => h.date)
        .sort();
      return days.length === 0 ? [] : [{ from: days[0]!, to: days.at(-1)! }];
    }
    const from = `${year}-${period.from!}` as CalendarDate;
    const toYear = period.to! < period.from! ? year + 1 : year;
    return [{ from, to: `${toYear}-${period.to!}` as CalendarDate }];
  });
}

function busyWarning(period: BusyPeriod, item: PlanItem, hit: Stretch): Diagnostic {
  const when =
    item.start === item.end ? formatLong(item.start) : `${formatLong(item.start)} to ${formatLong(item.end)}`;
  const span =
    hit.from === hit.to ? formatLong(hit.from) : `${formatLong(hit.from)} to ${formatLong(hit.to)}`;
  const advice =
    item.id === GO_LIVE_ID
      ? 'Migrations are best kept out of busy periods; consider another go-live.'
      : 'Plan cover for it, or move go-live so it falls outside.';
  return {
    severity: 'warning',
    code: period.code,
    message: `"${item.title}" (${when}) falls in ${period.reason} (${span}). ${advice}`,
    itemId: item.id,
  };
}
