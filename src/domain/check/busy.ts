/**
 * Busy times of year (Christmas, Easter, the QOF year end…) against the days a migration cannot
 * lose and the days people must be there: every critical item, every one-off meeting (kick-off,
 * technical survey, staff briefing, go/no-go…) and every item marked `attended`. One warning per
 * busy period (per year it is met in), naming its items.
 */
import { GO_LIVE_ID } from '../anchors.js';
import { formatLong, toParts, type WorkingCalendar } from '../calendar.js';
import { expandItems } from '../schedule/resolve.js';
import { inNation, type BusyPeriod, type Template } from '../template.js';
import type { CalendarDate, Diagnostic, Plan, PlanItem } from '../types.js';

interface Stretch {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
}

/** At most this many items are named in one warning; the rest are counted. */
const MOST_NAMED = 8;

export function checkBusyPeriods(plan: Plan, template: Template, calendar: WorkingCalendar): Diagnostic[] {
  const watched = watchedIds(plan, template);
  const items = plan.items.filter((i) => watched.has(i.id) && i.status !== 'not-needed');
  return template.busyPeriods
    .filter((period) => inNation(period, plan.answers.nation))
    .flatMap((period) => {
      const hits = new Map<string, { stretch: Stretch; items: PlanItem[] }>();
      const inYear = stretchesIn(period, calendar);
      for (const item of items) {
        const hit = stretchesOf(item, inYear).find((s) => item.start <= s.to && item.end >= s.from);
        if (!hit) continue;
        const key = `${hit.from}/${hit.to}`;
        const group = hits.get(key) ?? { stretch: hit, items: [] };
        group.items.push(item);
        hits.set(key, group);
      }
      return [...hits.values()].map((group) => busyWarning(period, group.stretch, group.items, plan));
    });
}

/**
 * The items a busy period matters for: critical or attended in the template, and one-off meetings
 * (a weekly series goes on through holidays: its occurrences move off bank holidays instead).
 */
function watchedIds(plan: Plan, template: Template): Set<string> {
  const specs = expandItems(template, plan.thirdParties, plan.answers);
  return new Set(
    specs
      .filter((s) => s.critical || s.attended || (s.type === 'meeting' && !s.repeatWeeklyUntil))
      .map((s) => s.id),
  );
}

/** The period's stretches in every year the item touches (and the year before, for Christmas). */
function stretchesOf(item: PlanItem, inYear: (year: number) => readonly Stretch[]): Stretch[] {
  const years: number[] = [];
  for (let y = toParts(item.start)[0] - 1; y <= toParts(item.end)[0]; y += 1) years.push(y);
  return years.flatMap(inYear);
}

/** The period's stretch starting in a year (none when its holidays fall outside the table), worked out once a year. */
function stretchesIn(period: BusyPeriod, calendar: WorkingCalendar): (year: number) => readonly Stretch[] {
  const known = new Map<number, readonly Stretch[]>();
  return (year) => {
    const had = known.get(year);
    if (had) return had;
    const found = stretchIn(period, calendar, year);
    known.set(year, found);
    return found;
  };
}

function stretchIn(period: BusyPeriod, calendar: WorkingCalendar, year: number): Stretch[] {
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
}

function describeSpan(start: CalendarDate, end: CalendarDate): string {
  return start === end ? formatLong(start) : `${formatLong(start)} to ${formatLong(end)}`;
}

/**
 * One line per entry: an item, or one template item made for several third parties on the same
 * dates ("Links switched off for the cutover, for 13 third parties").
 */
function entries(items: readonly PlanItem[], plan: Plan): string[] {
  const seen = new Map<string, { item: PlanItem; parties: number }>();
  for (const item of items) {
    const party = item.thirdParty;
    const key = party ? `${item.id.slice(party.length + 1)} ${item.start} ${item.end}` : item.id;
    const entry = seen.get(key);
    if (entry) entry.parties += 1;
    else seen.set(key, { item, parties: party ? 1 : 0 });
  }
  return [...seen.values()].map(({ item, parties }) => {
    const when = describeSpan(item.start, item.end);
    if (parties <= 1) return `"${item.title}" (${when})`;
    const name = plan.thirdParties.find((p) => p.id === item.thirdParty)?.name ?? '';
    const title = item.title.replace(name, `${parties} third parties`);
    return `"${title}" (${when})`;
  });
}

function busyWarning(period: BusyPeriod, hit: Stretch, items: readonly PlanItem[], plan: Plan): Diagnostic {
  const goLive = items.some((i) => i.id === GO_LIVE_ID);
  const lines = entries(items, plan);
  const named = lines.slice(0, MOST_NAMED).join(', ');
  const more = lines.length > MOST_NAMED ? `, and ${lines.length - MOST_NAMED} more` : '';
  const one = lines.length === 1;
  const advice = goLive
    ? one
      ? 'Migrations are best kept out of busy periods; consider another go-live.'
      : 'Migrations are best kept out of busy periods: consider another go-live, or plan cover for each of these.'
    : one
      ? 'Plan cover for it, or move go-live so it falls outside.'
      : 'Plan cover for them, or move go-live so they fall outside.';
  const span = describeSpan(hit.from, hit.to);
  const message = one
    ? `${named} falls in ${period.reason} (${span}). ${advice}`
    : `${lines.length} key migration dates fall in ${period.reason} (${span}): ${named}${more}. ${advice}`;
  return {
    severity: 'warning',
    code: period.code,
    message,
    itemId: goLive ? GO_LIVE_ID : items[0]!.id,
    itemIds: items.map((i) => i.id),
  };
}
