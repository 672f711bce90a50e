/**
 * Week and window arithmetic for the timeline and `kickoff due`, on date-fns. Every Date here is a
 * UTCDate (its getters and setters are UTC), so no result depends on the machine's time zone; what
 * goes in and comes out is always a CalendarDate. Working days (bank holidays) stay in calendar.ts.
 */
import { UTCDate } from '@date-fns/utc';
import { eachWeekOfInterval, format, startOfISOWeek } from 'date-fns';
import { addDays as plusDaysOf, daysBetween } from './calendar.js';
import type { CalendarDate } from './types.js';

function toUtc(date: CalendarDate): UTCDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new UTCDate(y, m - 1, d);
}

function fromUtc(date: Date): CalendarDate {
  return format(date, 'yyyy-MM-dd') as CalendarDate;
}

/**
 * Day arithmetic and the long date format stay calendar.ts's (plain day numbers: the scheduler's hot
 * path steps one day at a time, and date-fns with a UTCDate per step measured slower); these names
 * are kept for the timeline and `due`, which read better with them.
 */
export {
  addDays as plusDays,
  daysBetween as daysFromTo,
  formatLong as formatDayMonthYear,
} from './calendar.js';

/** The Monday of the week (Monday to Sunday, as in the UK) holding `date`. */
export function mondayOf(date: CalendarDate): CalendarDate {
  return fromUtc(startOfISOWeek(toUtc(date)));
}

/** The Mondays of every week that touches from..to, in order. */
export function weeksOf(from: CalendarDate, to: CalendarDate): CalendarDate[] {
  if (to < from) return [];
  return eachWeekOfInterval({ start: toUtc(from), end: toUtc(to) }, { weekStartsOn: 1 }).map(fromUtc);
}

/** The last meeting of a weekly series from `start` until `until` (inclusive), skipping `except`. */
export function lastWeekly(
  start: CalendarDate,
  until: CalendarDate,
  except: readonly CalendarDate[] = [],
): CalendarDate {
  const weeks = Math.floor(daysBetween(start, until) / 7);
  for (let n = weeks; n > 0; n--) {
    const day = plusDaysOf(start, n * 7);
    if (!except.includes(day)) return day;
  }
  return start;
}

/** 'Mon 15 Mar': a day in a timeline, where the year is in the week's heading. */
export function formatDayMonth(date: CalendarDate): string {
  return format(toUtc(date), 'EEE d MMM');
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
