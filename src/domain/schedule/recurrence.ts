/**
 * A weekly series and the days it really meets on. The series keeps one weekday; an occurrence that
 * falls on a bank holiday or a meeting-free day (Christmas Eve…) is held on another day of the same
 * week instead of being lost: the next working day of that week, or the previous one when the week
 * has none left. Only a week with no day at all for a meeting loses its occurrence (`except`).
 * Pure: dates in, dates out.
 */
import { addDays, dayOfWeek, type WorkingCalendar } from '../calendar.js';
import type { Template } from '../template.js';
import type { CalendarDate, OccurrenceMove, Recurrence } from '../types.js';

/** Whether a day is one the template keeps meetings off (Christmas Eve…). */
export type MeetingFree = (date: CalendarDate) => boolean;

export function meetingFreeDays(template: Template): MeetingFree {
  const days = new Set(template.noMeetingsOn?.days ?? []);
  return (date) => days.has(date.slice(5));
}

/** The days a series would meet on with no holidays: `start`, then every 7 days until `until`. */
export function seriesDays(start: CalendarDate, until: CalendarDate): CalendarDate[] {
  const days: CalendarDate[] = [];
  for (let day = start; day <= until; day = addDays(day, 7)) days.push(day);
  return days.length > 0 ? days : [start];
}

/**
 * Where the occurrence due on `day` is held: `day` itself when meetings may be held then, else the
 * nearest later day of its week (Monday to Sunday, as in the UK), else the nearest earlier one;
 * undefined when no day of the week will do.
 */
export function meetingDayOfWeek(
  day: CalendarDate,
  calendar: WorkingCalendar,
  meetingFree: MeetingFree,
): CalendarDate | undefined {
  const fits = (d: CalendarDate) => calendar.isWorkingDay(d) && !meetingFree(d);
  if (fits(day)) return day;
  // Days left in the week after `day` (Sunday is the week's last), then the days before it.
  const weekday = (dayOfWeek(day) + 6) % 7; // 0 = Monday … 6 = Sunday
  for (let n = 1; n <= 6 - weekday; n += 1) if (fits(addDays(day, n))) return addDays(day, n);
  for (let n = 1; n <= weekday; n += 1) if (fits(addDays(day, -n))) return addDays(day, -n);
  return undefined;
}

/**
 * The weekly series from `start` until `until` (inclusive): occurrences on a day off move within
 * their week (`moved`), and those with no day left that week are left out (`except`).
 */
export function weeklySeries(
  start: CalendarDate,
  until: CalendarDate,
  calendar: WorkingCalendar,
  meetingFree: MeetingFree = () => false,
): Recurrence {
  const except: CalendarDate[] = [];
  const moved: OccurrenceMove[] = [];
  for (let day = start; day <= until; day = addDays(day, 7)) {
    const held = meetingDayOfWeek(day, calendar, meetingFree);
    if (held === undefined) except.push(day);
    else if (held !== day) moved.push({ from: day, to: held });
  }
  return {
    weekly: true,
    until: until < start ? start : until,
    except,
    ...(moved.length > 0 ? { moved } : {}),
  };
}

/** The moves that apply: those of a day the series meets on (a plan edited by hand may hold others). */
export function movesOf(start: CalendarDate, recurrence: Recurrence): OccurrenceMove[] {
  const days = new Set(seriesDays(start, recurrence.until));
  const skipped = new Set(recurrence.except);
  return (recurrence.moved ?? []).filter((m) => days.has(m.from) && !skipped.has(m.from) && m.to !== m.from);
}

/** Moves written for a day the series does not meet on: they do nothing. */
export function strayMoves(start: CalendarDate, recurrence: Recurrence): OccurrenceMove[] {
  const days = new Set(seriesDays(start, recurrence.until));
  return (recurrence.moved ?? []).filter((m) => !days.has(m.from));
}

/** The days a series really meets on, in order: after its moves, without its left-out weeks. */
export function occurrences(start: CalendarDate, recurrence: Recurrence): CalendarDate[] {
  const skipped = new Set(recurrence.except);
  const moves = new Map(movesOf(start, recurrence).map((m) => [m.from, m.to]));
  return seriesDays(start, recurrence.until)
    .filter((day) => !skipped.has(day))
    .map((day) => moves.get(day) ?? day)
    .sort();
}

/** A series' moves as plain text, to compare two of them (order-insensitive). */
export function movesKey(moved: readonly OccurrenceMove[] | undefined): string {
  return (moved ?? [])
    .map((m) => `${m.from}>${m.to}`)
    .sort()
    .join();
}

/** The series' last meeting (its start when every week was left out). */
export function lastOccurrence(start: CalendarDate, recurrence: Recurrence): CalendarDate {
  return occurrences(start, recurrence).at(-1) ?? start;
}
