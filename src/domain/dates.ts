/**
 * Week and window arithmetic for the timeline and `kickoff due`, on date-fns. Every Date here is
 * local midnight of a calendar day, made from and read back to its parts by date-fns in local time,
 * so no result depends on the machine's time zone (the suites run under three zones to prove it);
 * what goes in and comes out is always a CalendarDate. Working days (bank holidays) stay in
 * calendar.ts. (Not @date-fns/utc's UTCDate: loading it cost more than the rest of `show`'s dates.)
 */
// One module per function: the package root loads all of date-fns (measured: twice node's start-up).
import { eachWeekOfInterval } from 'date-fns/eachWeekOfInterval';
import { format } from 'date-fns/format';
import type { CalendarDate } from './types.js';

function toLocal(date: CalendarDate): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/** Written out by hand: date-fns's format, called for every week of a timeline, cost ~2 ms cold. */
function fromLocal(date: Date): CalendarDate {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getFullYear()).padStart(4, '0')}-${two(date.getMonth() + 1)}-${two(date.getDate())}` as CalendarDate;
}

/**
 * Day arithmetic, the Monday of a week and the long date format stay calendar.ts's (plain day
 * numbers: the scheduler's hot path steps one day at a time, and date-fns with a Date per step
 * measured slower); these names are kept for the timeline and `due`, which read better with them.
 */
export {
  mondayOf,
  addDays as plusDays,
  daysBetween as daysFromTo,
  formatLong as formatDayMonthYear,
} from './calendar.js';

/** The Mondays of every week that touches from..to, in order. */
export function weeksOf(from: CalendarDate, to: CalendarDate): CalendarDate[] {
  if (to < from) return [];
  return eachWeekOfInterval({ start: toLocal(from), end: toLocal(to) }, { weekStartsOn: 1 }).map(fromLocal);
}

/** 'Mon 15 Mar': a day in a timeline, where the year is in the week's heading. */
export function formatDayMonth(date: CalendarDate): string {
  return format(toLocal(date), 'EEE d MMM');
}

export type WindowParse = { ok: true; days: number } | { ok: false; message: string };

/** A look-ahead people type: `7d` (days) or `2w` (weeks); a bare number counts days. */
export function parseWindow(text: string): WindowParse {
  const match = /^\s*(\d{1,3})\s*([dw]?)\s*$/i.exec(text);
  if (!match)
    return { ok: false, message: `"${text}" is not a length of time. Use 7d (days) or 2w (weeks).` };
  const amount = Number(match[1]);
  return { ok: true, days: match[2]?.toLowerCase() === 'w' ? amount * 7 : amount };
}
