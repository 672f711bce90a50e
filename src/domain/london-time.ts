/**
 * Instants as they are read in England. British Summer Time runs from 01:00 UTC on the last Sunday
 * of March to 01:00 UTC on the last Sunday of October (Summer Time Order 2002), so the day and time
 * are worked out here rather than asked of Intl: a time zone's first use loads its data, about
 * 30 ms of every command's start, for a rule of two lines.
 */
import { formatLong } from './calendar.js';
import type { CalendarDate } from './types.js';

const HOUR = 3_600_000;

/** The last Sunday of a 31-day month (0-based, as Date.UTC counts them). */
function lastSunday(year: number, month: number): number {
  return 31 - new Date(Date.UTC(year, month, 31)).getUTCDay();
}

/** The instant moved to England's wall clock (still read with getUTC…). */
function wallClock(instant: Date): Date {
  const ms = instant.getTime();
  const year = instant.getUTCFullYear();
  const bstFrom = Date.UTC(year, 2, lastSunday(year, 2), 1);
  const bstTo = Date.UTC(year, 9, lastSunday(year, 9), 1);
  return new Date(ms >= bstFrom && ms < bstTo ? ms + HOUR : ms);
}

/** The day it is in England at this instant. */
export function londonDate(instant: Date): CalendarDate {
  return wallClock(instant).toISOString().slice(0, 10) as CalendarDate;
}

/** `Sun 6 Dec 2026` and `10:42`: the instant as people in England read it. */
export function londonTime(instant: Date): { readonly day: string; readonly time: string } {
  const wall = wallClock(instant).toISOString();
  return { day: formatLong(wall.slice(0, 10) as CalendarDate), time: wall.slice(11, 16) };
}
