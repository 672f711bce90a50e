/**
 * Dates and working days. The only module that does date arithmetic; it uses UTC day numbers so
 * that no result depends on the machine's time zone.
 */
import type { CalendarDate, Nation } from './types.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export type DateParse = { ok: true; date: CalendarDate } | { ok: false; message: string };

/**
 * Reads a date a person typed: ISO `2027-03-15` or UK `15/03/2027`. Strict: `31/02/2027` is refused,
 * and so is the US order when it cannot be a UK date.
 */
export function parseCalendarDate(text: string): DateParse {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  const parts = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2], uk[1]] : undefined;
  if (!parts) {
    return {
      ok: false,
      message: `"${trimmed}" is not a date. Use 2027-03-15 or 15/03/2027.`,
    };
  }
  const [year, month, day] = parts.map(Number) as [number, number, number];
  if (month < 1 || month > 12) {
    return { ok: false, message: `"${trimmed}" has no month ${month}. Use 2027-03-15 or 15/03/2027.` };
  }
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return {
      ok: false,
      message: `"${trimmed}" is not a real date: ${MONTHS[month - 1]} ${year} has ${last} days.`,
    };
  }
  return { ok: true, date: fromParts(year, month, day) };
}

/** For data kickoff wrote itself (plan, templates): throws when the text is not a real ISO date. */
export function isCalendarDate(text: unknown): text is CalendarDate {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  // Read by position, as toParts does: every date of a plan passes here when it is read.
  const year = yearOf(text as CalendarDate);
  const month = monthOf(text as CalendarDate);
  const day = dayOf(text as CalendarDate);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const TWO_DIGITS = Array.from({ length: 32 }, (_, n) => String(n).padStart(2, '0'));

export function fromParts(year: number, month: number, day: number): CalendarDate {
  const yyyy = year >= 1000 ? String(year) : String(year).padStart(4, '0');
  return `${yyyy}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}` as CalendarDate;
}

/** A CalendarDate is always `yyyy-mm-dd`: read by position (the scheduler's hot path). */
export function toParts(date: CalendarDate): [year: number, month: number, day: number] {
  return [yearOf(date), monthOf(date), dayOf(date)];
}

// Each part on its own, for the hot paths: a command runs them cold, in V8's interpreter, where
// `const [y, m, d] = toParts(date)` walks an iterator, making objects at every step.
function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}
function monthOf(date: CalendarDate): number {
  return Number(date.slice(5, 7));
}
function dayOf(date: CalendarDate): number {
  return Number(date.slice(8, 10));
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
}

/**
 * Days since 1970-01-01, and back, by the proleptic Gregorian civil-day formulas (H. Hinnant,
 * "chrono-compatible low-level date algorithms"): plain arithmetic, no Date per step.
 */
function toDayNumber(date: CalendarDate): number {
  const year = yearOf(date);
  const m = monthOf(date);
  const d = dayOf(date);
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(n: number): CalendarDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return fromParts(yoe + era * 400 + (month <= 2 ? 1 : 0), month, day);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar months; a day that does not exist in the target month becomes that month's last day. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = toParts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return fromParts(year, month, Math.min(d, daysInMonth(year, month)));
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: CalendarDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/** The Monday of `date`'s week (Monday to Sunday, as in the UK). */
export function mondayOf(date: CalendarDate): CalendarDate {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

export function isWeekend(date: CalendarDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

/** 'Mon 15 Mar 2027' — for people, in messages and descriptions. */
export function formatLong(date: CalendarDate): string {
  return `${WEEKDAYS[dayOfWeek(date)]} ${dayOf(date)} ${MONTHS[monthOf(date) - 1]} ${yearOf(date)}`;
}

/**
 * A date as formatLong writes it ('Mon 15 Mar 2027', or without the weekday): what a spreadsheet
 * shows in a date cell kickoff formatted, and writes when it is saved as CSV. A weekday that does
 * not match the date is refused, as a typed date would be.
 */
export function parseLongDate(text: string): CalendarDate | undefined {
  const match = /^(?:([A-Za-z]{3}),?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$/.exec(text.trim());
  if (!match) return undefined;
  const month = MONTHS.findIndex((m) => m.toLowerCase() === match[3]!.toLowerCase()) + 1;
  if (month === 0) return undefined;
  const parsed = parseCalendarDate(`${match[4]}-${month}-${match[2]}`);
  if (!parsed.ok) return undefined;
  const weekday = match[1];
  if (weekday && WEEKDAYS[dayOfWeek(parsed.date)]!.toLowerCase() !== weekday.toLowerCase()) return undefined;
  return parsed.date;
}

export function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a <= b ? a : b;
}

export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a >= b ? a : b;
}

/** Which bank-holiday table a nation uses. */
export type HolidayRegion = 'england-and-wales' | 'scotland' | 'northern-ireland';

export function regionOf(nation: Nation): HolidayRegion {
  return nation === 'england' || nation === 'wales' ? 'england-and-wales' : nation;
}

export interface BankHoliday {
  readonly date: CalendarDate;
  readonly title: string;
}

/** The shipped bank-holiday data (templates/bank-holidays.yaml) and the years it covers. */
export interface HolidayTable {
  readonly source: string;
  readonly firstYear: number;
  readonly lastYear: number;
  readonly regions: Readonly<Record<HolidayRegion, readonly BankHoliday[]>>;
}

/** Raised when a date falls outside the years the bank-holiday table covers: never guess. */
export class CalendarRangeError extends Error {
  constructor(
    readonly date: CalendarDate,
    readonly firstYear: number,
    readonly lastYear: number,
  ) {
    super(
      `${formatLong(date)} is outside the years kickoff knows bank holidays for (${firstYear}–${lastYear}).`,
    );
    this.name = 'CalendarRangeError';
  }
}

/** Monday to Friday minus one nation's bank holidays. */
export class WorkingCalendar {
  private readonly holidays: ReadonlyMap<string, BankHoliday>;
  private index?: WorkingDayIndex;

  constructor(
    readonly table: HolidayTable,
    readonly nation: Nation,
  ) {
    this.holidays = new Map(table.regions[regionOf(nation)].map((h) => [h.date, h]));
  }

  /** The working days of the table's years, counted once: stepping is then a look-up. */
  private steps(): WorkingDayIndex {
    this.index ??= indexOf(this);
    return this.index;
  }

  covers(date: CalendarDate): boolean {
    const year = yearOf(date);
    return year >= this.table.firstYear && year <= this.table.lastYear;
  }

  /** Throws CalendarRangeError for a date the table does not cover. */
  assertCovers(date: CalendarDate): void {
    if (!this.covers(date)) throw new CalendarRangeError(date, this.table.firstYear, this.table.lastYear);
  }

  bankHoliday(date: CalendarDate): BankHoliday | undefined {
    this.assertCovers(date);
    return this.holidays.get(date);
  }

  /** This nation's bank holidays in one year (none outside the table's years). */
  holidaysIn(year: number): BankHoliday[] {
    return this.table.regions[regionOf(this.nation)].filter((h) => h.date.startsWith(`${year}-`));
  }

  isWorkingDay(date: CalendarDate): boolean {
    // bankHoliday first: a date outside the table throws even on a weekend, so behaviour never depends on the weekday.
    return this.bankHoliday(date) === undefined && !isWeekend(date);
  }

  /** `date` itself when it is a working day, else the working day before it. */
  previousWorkingDay(date: CalendarDate): CalendarDate {
    const fast = this.steps().previous(date);
    if (fast !== undefined) return fast;
    let day = date;
    while (!this.isWorkingDay(day)) day = addDays(day, -1);
    return day;
  }

  /** `date` itself when it is a working day, else the working day after it. */
  nextWorkingDay(date: CalendarDate): CalendarDate {
    const fast = this.steps().next(date);
    if (fast !== undefined) return fast;
    let day = date;
    while (!this.isWorkingDay(day)) day = addDays(day, 1);
    return day;
  }

  /**
   * Steps `count` working days from `date` (backwards when negative). Zero gives `date` itself,
   * rolled earlier when it is not a working day. Counting from a non-working day starts from it:
   * +1 from a Saturday is the Monday.
   */
  addWorkingDays(date: CalendarDate, count: number): CalendarDate {
    if (count === 0) return this.previousWorkingDay(date);
    const fast = this.steps().add(date, count);
    if (fast !== undefined) return fast;
    const step = count > 0 ? 1 : -1;
    let day = date;
    for (let left = Math.abs(count); left > 0;) {
      day = addDays(day, step);
      if (this.isWorkingDay(day)) left -= 1;
    }
    return day;
  }

  /** Working days in [from, to], both inclusive. */
  workingDaysBetween(from: CalendarDate, to: CalendarDate): number {
    const fast = this.steps().between(from, to);
    if (fast !== undefined) return fast;
    let count = 0;
    for (let day = from; day <= to; day = addDays(day, 1)) if (this.isWorkingDay(day)) count += 1;
    return count;
  }
}

/**
 * Every working day of the table's years, in order, and for each day of those years how many
 * working days come before it. Scheduling, re-planning and --suggest step by working days many
 * thousand times a plan; one day at a time that was most of their work. Each answer here is what
 * the day-by-day walk gives; anything reaching outside the years is left to that walk (undefined),
 * which raises the CalendarRangeError people are shown.
 */
/** One index per table and region: a command makes several calendars of the same table. */
const INDEXES = new WeakMap<HolidayTable, Map<string, WorkingDayIndex>>();

function indexOf(calendar: WorkingCalendar): WorkingDayIndex {
  const region = regionOf(calendar.nation);
  let byRegion = INDEXES.get(calendar.table);
  if (!byRegion) INDEXES.set(calendar.table, (byRegion = new Map()));
  let index = byRegion.get(region);
  if (!index) byRegion.set(region, (index = new WorkingDayIndex(calendar)));
  return index;
}

class WorkingDayIndex {
  private readonly first: number;
  /** The working days' day numbers, in order. */
  private readonly days: Int32Array;
  /** before[o]: working days strictly before the day `first + o` (one entry past the last day too). */
  private readonly before: Int32Array;

  constructor(calendar: WorkingCalendar) {
    const { firstYear, lastYear } = calendar.table;
    this.first = toDayNumber(fromParts(firstYear, 1, 1));
    const last = toDayNumber(fromParts(lastYear, 12, 31));
    // By day number, not date text: built on a command's first step, so it must cost next to nothing.
    const holidays = new Set(
      calendar.table.regions[regionOf(calendar.nation)].map((h) => toDayNumber(h.date)),
    );
    const days = new Int32Array(last - this.first + 1);
    let count = 0;
    this.before = new Int32Array(last - this.first + 2);
    for (let n = this.first; n <= last; n += 1) {
      this.before[n - this.first] = count;
      const weekday = (((n + 4) % 7) + 7) % 7;
      if (weekday !== 0 && weekday !== 6 && !holidays.has(n)) days[count++] = n;
    }
    this.before[last - this.first + 1] = count;
    this.days = days.slice(0, count);
  }

  /** The day's place in `before`, or undefined outside the table's years. */
  private offset(date: CalendarDate): number | undefined {
    const o = toDayNumber(date) - this.first;
    return o >= 0 && o < this.before.length - 1 ? o : undefined;
  }

  private at(index: number): CalendarDate | undefined {
    return index >= 0 && index < this.days.length ? fromDayNumber(this.days[index]!) : undefined;
  }

  next(date: CalendarDate): CalendarDate | undefined {
    const o = this.offset(date);
    return o === undefined ? undefined : this.at(this.before[o]!);
  }

  previous(date: CalendarDate): CalendarDate | undefined {
    const o = this.offset(date);
    return o === undefined ? undefined : this.at(this.before[o + 1]! - 1);
  }

  add(date: CalendarDate, count: number): CalendarDate | undefined {
    const o = this.offset(date);
    if (o === undefined) return undefined;
    // Forward: the count-th working day after the date; back: the |count|-th before it.
    return this.at(count > 0 ? this.before[o + 1]! + count - 1 : this.before[o]! + count);
  }

  between(from: CalendarDate, to: CalendarDate): number | undefined {
    const a = this.offset(from);
    const b = this.offset(to);
    if (a === undefined || b === undefined || from > to) return undefined;
    return this.before[b + 1]! - this.before[a]!;
  }
}
