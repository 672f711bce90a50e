import { beforeAll, describe, expect, it } from 'vitest';
import { loadHolidayTable } from '../../src/adapters/inputs/holiday-loader.js';
import {
  CalendarRangeError,
  WorkingCalendar,
  addDays,
  daysBetween,
  addMonths,
  dayOfWeek,
  formatLong,
  isCalendarDate,
  parseCalendarDate,
  regionOf,
  type BankHoliday,
  type HolidayRegion,
  type HolidayTable,
} from '../../src/domain/calendar.js';
import type { CalendarDate, Nation } from '../../src/domain/types.js';

const D = (text: string) => text as CalendarDate;

const REGIONS: readonly HolidayRegion[] = ['england-and-wales', 'scotland', 'northern-ireland'];
const YEARS = [2024, 2025, 2026, 2027, 2028, 2029, 2030] as const;

/**
 * An independent derivation of the bank holidays, so that a wrong date in
 * templates/bank-holidays.yaml fails a test. It shares no code with calendar.ts or with whatever
 * produced the YAML: its own UTC day arithmetic, Easter by the anonymous Gregorian algorithm, and
 * substitute days written out case by case from the weekday rather than by search.
 */
const DAY_MS = 86_400_000;

function utc(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day);
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function weekday(ms: number): number {
  return new Date(ms).getUTCDay();
}

function plus(ms: number, days: number): number {
  return ms + days * DAY_MS;
}

/** Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(utc(year, month, day));
}

function firstMonday(year: number, month: number): number {
  const first = utc(year, month, 1);
  return plus(first, (8 - weekday(first)) % 7);
}

function lastMonday(year: number, month: number): number {
  const last = utc(year, month + 1, 0);
  return plus(last, -((weekday(last) + 6) % 7));
}

const SUB = ' (substitute day)';

/** A lone fixed-date holiday: Saturday or Sunday moves to the Monday after. */
function single(date: number, title: string): BankHoliday[] {
  const dow = weekday(date);
  if (dow === 6) return [{ date: D(iso(plus(date, 2))), title: title + SUB }];
  if (dow === 0) return [{ date: D(iso(plus(date, 1))), title: title + SUB }];
  return [{ date: D(iso(date)), title }];
}

/** Two fixed-date holidays on consecutive days (25/26 Dec; 1/2 Jan in Scotland). */
function pair(first: number, firstTitle: string, secondTitle: string): BankHoliday[] {
  const second = plus(first, 1);
  const at = (ms: number, title: string) => ({ date: D(iso(ms)), title });
  switch (weekday(first)) {
    case 5: // Fri + Sat: the second moves to Monday.
      return [at(first, firstTitle), at(plus(second, 2), secondTitle + SUB)];
    case 6: // Sat + Sun: Monday and Tuesday, in order.
      return [at(plus(first, 2), firstTitle + SUB), at(plus(second, 2), secondTitle + SUB)];
    case 0: // Sun + Mon: the second keeps Monday, the first takes Tuesday.
      return [at(second, secondTitle), at(plus(first, 2), firstTitle + SUB)];
    default:
      return [at(first, firstTitle), at(second, secondTitle)];
  }
}

/** Extra days made by Royal Proclamation. Add new ones here and in the YAML. */
const ONE_OFFS: Readonly<Record<HolidayRegion, readonly BankHoliday[]>> = {
  'england-and-wales': [],
  scotland: [{ date: D('2026-06-15'), title: 'FIFA World Cup bank holiday' }],
  'northern-ireland': [],
};

function derivedHolidays(region: HolidayRegion, year: number): BankHoliday[] {
  const easter = Date.parse(`${easterSunday(year)}T00:00:00Z`);
  const on = (ms: number, title: string): BankHoliday => ({ date: D(iso(ms)), title });
  const list: BankHoliday[] = [];
  if (region === 'scotland') {
    list.push(...pair(utc(year, 1, 1), 'New Year’s Day', '2nd January'));
  } else {
    list.push(...single(utc(year, 1, 1), 'New Year’s Day'));
  }
  if (region === 'northern-ireland') list.push(...single(utc(year, 3, 17), 'St Patrick’s Day'));
  list.push(on(plus(easter, -2), 'Good Friday'));
  if (region !== 'scotland') list.push(on(plus(easter, 1), 'Easter Monday'));
  list.push(on(firstMonday(year, 5), 'Early May bank holiday'));
  list.push(on(lastMonday(year, 5), 'Spring bank holiday'));
  if (region === 'northern-ireland') {
    list.push(...single(utc(year, 7, 12), 'Battle of the Boyne (Orangemen’s Day)'));
  }
  list.push(on(region === 'scotland' ? firstMonday(year, 8) : lastMonday(year, 8), 'Summer bank holiday'));
  if (region === 'scotland') list.push(...single(utc(year, 11, 30), 'St Andrew’s Day'));
  list.push(...pair(utc(year, 12, 25), 'Christmas Day', 'Boxing Day'));
  list.push(...ONE_OFFS[region].filter((h) => h.date.startsWith(`${year}-`)));
  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
let table: HolidayTable;
const cal = (nation: Nation) => new WorkingCalendar(table, nation);

beforeAll(async () => {
  table = await loadHolidayTable();
});

describe('the independent rule derivation', () => {
  it('computes the known Easter Sundays 2024–2030', () => {
    expect(YEARS.map((y) => easterSunday(y))).toEqual([
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2028-04-16',
      '2029-04-01',
      '2030-04-21',
    ]);
  });
});

describe('the shipped bank-holiday table', () => {
  it('covers 2024 to 2030 and says where its data comes from', () => {
    expect(table.firstYear).toBe(2024);
    expect(table.lastYear).toBe(2030);
    expect(table.source).toMatch(/gov\.uk\/bank-holidays/);
    expect(Object.keys(table.regions).sort()).toEqual([...REGIONS].sort());
  });

  describe.each(REGIONS)('in %s', (region) => {
    it.each(YEARS)('lists exactly the holidays the rules give for %i', (year) => {
      const listed = table.regions[region]
        .filter((h) => h.date.startsWith(`${year}-`))
        .map((h) => ({ date: h.date, title: h.title }));
      expect(listed).toEqual(derivedHolidays(region, year));
    });

    it('has no date outside the covered years', () => {
      const outside = table.regions[region].filter((h) => {
        const year = Number(h.date.slice(0, 4));
        return year < table.firstYear || year > table.lastYear;
      });
      expect(outside).toEqual([]);
    });

    it('is sorted by date with no date listed twice', () => {
      const dates = table.regions[region].map((h) => h.date);
      for (let i = 1; i < dates.length; i += 1) expect(dates[i]! > dates[i - 1]!).toBe(true);
    });

    it('puts every holiday on a weekday, with a real date', () => {
      for (const h of table.regions[region]) {
        expect(isCalendarDate(h.date), h.date).toBe(true);
        expect([1, 2, 3, 4, 5], `${h.date} ${h.title}`).toContain(dayOfWeek(h.date));
      }
    });
  });

  const spotChecks: [HolidayRegion, string, string][] = [
    ['england-and-wales', '2024-03-29', 'Good Friday'],
    ['england-and-wales', '2025-08-25', 'Summer bank holiday'],
    ['scotland', '2025-08-04', 'Summer bank holiday'],
    ['england-and-wales', '2026-08-31', 'Summer bank holiday'],
    ['england-and-wales', '2026-12-28', 'Boxing Day (substitute day)'],
    ['england-and-wales', '2027-12-27', 'Christmas Day (substitute day)'],
    ['england-and-wales', '2027-12-28', 'Boxing Day (substitute day)'],
    ['scotland', '2027-12-27', 'Christmas Day (substitute day)'],
    ['northern-ireland', '2027-12-28', 'Boxing Day (substitute day)'],
    ['england-and-wales', '2028-01-03', 'New Year’s Day (substitute day)'],
    ['scotland', '2028-01-03', 'New Year’s Day (substitute day)'],
    ['scotland', '2028-01-04', '2nd January (substitute day)'],
    ['scotland', '2027-01-04', '2nd January (substitute day)'],
    ['scotland', '2024-12-02', 'St Andrew’s Day (substitute day)'],
    ['scotland', '2026-06-15', 'FIFA World Cup bank holiday'],
    ['northern-ireland', '2027-03-17', 'St Patrick’s Day'],
    ['northern-ireland', '2024-03-18', 'St Patrick’s Day (substitute day)'],
    ['northern-ireland', '2025-07-14', 'Battle of the Boyne (Orangemen’s Day) (substitute day)'],
    ['england-and-wales', '2029-03-30', 'Good Friday'],
  ];

  it.each(spotChecks)('in %s has %s as %s (checked by hand)', (region, date, title) => {
    expect(table.regions[region].find((h) => h.date === date)?.title).toBe(title);
  });

  it('has no Easter Monday in Scotland and no substitute for St Patrick’s Day 2027 (a Wednesday)', () => {
    expect(table.regions.scotland.some((h) => h.title.startsWith('Easter Monday'))).toBe(false);
    expect(
      table.regions['northern-ireland'].some((h) => h.date === '2027-03-18' || h.date === '2027-03-22'),
    ).toBe(false);
  });

  it('does not give the 2026 Scottish one-off to England, Wales or Northern Ireland', () => {
    expect(table.regions['england-and-wales'].some((h) => h.date === '2026-06-15')).toBe(false);
    expect(table.regions['northern-ireland'].some((h) => h.date === '2026-06-15')).toBe(false);
  });
});

describe('working days', () => {
  it('maps England and Wales to one table and the other nations to their own', () => {
    expect(regionOf('england')).toBe('england-and-wales');
    expect(regionOf('wales')).toBe('england-and-wales');
    expect(regionOf('scotland')).toBe('scotland');
    expect(regionOf('northern-ireland')).toBe('northern-ireland');
  });

  it('treats Saturdays and Sundays as non-working everywhere', () => {
    for (const nation of ['england', 'wales', 'scotland', 'northern-ireland'] as const) {
      expect(cal(nation).isWorkingDay(D('2027-03-13'))).toBe(false);
      expect(cal(nation).isWorkingDay(D('2027-03-14'))).toBe(false);
      expect(cal(nation).isWorkingDay(D('2027-03-15'))).toBe(true);
    }
  });

  it('treats a bank holiday as non-working in its own region only', () => {
    // Scotland's summer holiday is the first Monday of August.
    expect(cal('england').isWorkingDay(D('2027-08-02'))).toBe(true);
    expect(cal('scotland').isWorkingDay(D('2027-08-02'))).toBe(false);
    // England's is the last Monday.
    expect(cal('england').isWorkingDay(D('2027-08-30'))).toBe(false);
    expect(cal('scotland').isWorkingDay(D('2027-08-30'))).toBe(true);
    // Easter Monday is not a Scottish bank holiday.
    expect(cal('england').isWorkingDay(D('2027-03-29'))).toBe(false);
    expect(cal('wales').isWorkingDay(D('2027-03-29'))).toBe(false);
    expect(cal('northern-ireland').isWorkingDay(D('2027-03-29'))).toBe(false);
    expect(cal('scotland').isWorkingDay(D('2027-03-29'))).toBe(true);
    // St Patrick's Day and St Andrew's Day.
    expect(cal('northern-ireland').isWorkingDay(D('2027-03-17'))).toBe(false);
    expect(cal('england').isWorkingDay(D('2027-03-17'))).toBe(true);
    expect(cal('scotland').isWorkingDay(D('2027-11-30'))).toBe(false);
    expect(cal('northern-ireland').isWorkingDay(D('2027-11-30'))).toBe(true);
    // Scotland's 2 January.
    expect(cal('scotland').isWorkingDay(D('2029-01-02'))).toBe(false);
    expect(cal('england').isWorkingDay(D('2029-01-02'))).toBe(true);
  });

  it('names the bank holiday on a date, and nothing on an ordinary day', () => {
    expect(cal('england').bankHoliday(D('2027-12-27'))?.title).toBe('Christmas Day (substitute day)');
    expect(cal('wales').bankHoliday(D('2027-03-26'))?.title).toBe('Good Friday');
    expect(cal('england').bankHoliday(D('2027-12-24'))).toBeUndefined();
  });

  it('rolls to the next working day over Easter and Christmas', () => {
    expect(cal('england').nextWorkingDay(D('2027-03-26'))).toBe('2027-03-30');
    expect(cal('scotland').nextWorkingDay(D('2027-03-26'))).toBe('2027-03-29');
    expect(cal('england').nextWorkingDay(D('2027-12-25'))).toBe('2027-12-29');
    expect(cal('england').nextWorkingDay(D('2028-01-01'))).toBe('2028-01-04');
    expect(cal('scotland').nextWorkingDay(D('2028-01-01'))).toBe('2028-01-05');
  });

  it('rolls to the previous working day over Easter and Christmas', () => {
    expect(cal('england').previousWorkingDay(D('2027-12-28'))).toBe('2027-12-24');
    expect(cal('england').previousWorkingDay(D('2027-03-29'))).toBe('2027-03-25');
    expect(cal('scotland').previousWorkingDay(D('2028-01-04'))).toBe('2027-12-31');
    expect(cal('england').previousWorkingDay(D('2028-01-04'))).toBe('2028-01-04');
  });

  it('leaves a working day where it is when rolling either way', () => {
    expect(cal('england').nextWorkingDay(D('2027-03-15'))).toBe('2027-03-15');
    expect(cal('england').previousWorkingDay(D('2027-03-15'))).toBe('2027-03-15');
  });

  it('adds working days forwards across Christmas and New Year', () => {
    expect(cal('england').addWorkingDays(D('2027-12-23'), 1)).toBe('2027-12-24');
    expect(cal('england').addWorkingDays(D('2027-12-23'), 2)).toBe('2027-12-29');
    expect(cal('england').addWorkingDays(D('2027-12-31'), 1)).toBe('2028-01-04');
    expect(cal('scotland').addWorkingDays(D('2027-12-31'), 1)).toBe('2028-01-05');
    expect(cal('england').addWorkingDays(D('2027-12-24'), 5)).toBe('2028-01-05');
  });

  it('adds working days backwards across Christmas and New Year', () => {
    expect(cal('england').addWorkingDays(D('2027-12-29'), -1)).toBe('2027-12-24');
    expect(cal('england').addWorkingDays(D('2028-01-04'), -1)).toBe('2027-12-31');
    expect(cal('scotland').addWorkingDays(D('2028-01-05'), -3)).toBe('2027-12-29');
    expect(cal('scotland').addWorkingDays(D('2028-01-05'), -4)).toBe('2027-12-24');
    expect(cal('england').addWorkingDays(D('2028-01-05'), -5)).toBe('2027-12-24');
  });

  it('adds working days across Easter, differently in Scotland', () => {
    expect(cal('england').addWorkingDays(D('2027-03-25'), 1)).toBe('2027-03-30');
    expect(cal('scotland').addWorkingDays(D('2027-03-25'), 1)).toBe('2027-03-29');
    expect(cal('england').addWorkingDays(D('2027-03-30'), -1)).toBe('2027-03-25');
    expect(cal('scotland').addWorkingDays(D('2027-03-30'), -2)).toBe('2027-03-25');
    expect(cal('northern-ireland').addWorkingDays(D('2027-03-16'), 1)).toBe('2027-03-18');
  });

  it('adds zero working days as the date itself, rolled earlier when it is not a working day', () => {
    expect(cal('england').addWorkingDays(D('2027-03-15'), 0)).toBe('2027-03-15');
    expect(cal('england').addWorkingDays(D('2027-03-13'), 0)).toBe('2027-03-12');
    expect(cal('england').addWorkingDays(D('2027-03-29'), 0)).toBe('2027-03-25');
  });

  it('counts from a weekend day itself', () => {
    expect(cal('england').addWorkingDays(D('2027-03-13'), 1)).toBe('2027-03-15');
    expect(cal('england').addWorkingDays(D('2027-03-14'), 1)).toBe('2027-03-15');
    expect(cal('england').addWorkingDays(D('2027-03-13'), -1)).toBe('2027-03-12');
    expect(cal('england').addWorkingDays(D('2027-03-13'), 5)).toBe('2027-03-19');
  });

  it('counts working days in an inclusive range', () => {
    expect(cal('england').workingDaysBetween(D('2027-12-20'), D('2027-12-31'))).toBe(8);
    expect(cal('england').workingDaysBetween(D('2027-03-22'), D('2027-04-02'))).toBe(8);
    expect(cal('scotland').workingDaysBetween(D('2027-03-22'), D('2027-04-02'))).toBe(9);
    expect(cal('england').workingDaysBetween(D('2027-03-15'), D('2027-03-15'))).toBe(1);
    expect(cal('england').workingDaysBetween(D('2027-03-26'), D('2027-03-26'))).toBe(0);
    expect(cal('england').workingDaysBetween(D('2027-03-19'), D('2027-03-15'))).toBe(0);
  });

  it('agrees between addWorkingDays and workingDaysBetween through December 2027', () => {
    const england = cal('england');
    for (let day = 1; day <= 31; day += 1) {
      const from = D(`2027-12-${String(day).padStart(2, '0')}`);
      if (!england.isWorkingDay(from)) continue;
      for (const n of [1, 3, 7]) {
        expect(england.workingDaysBetween(from, england.addWorkingDays(from, n))).toBe(n + 1);
        expect(england.workingDaysBetween(england.addWorkingDays(from, -n), from)).toBe(n + 1);
      }
    }
  });
  it('steps exactly as a day-by-day walk does, on every day of the table, to its edges', () => {
    // addWorkingDays and its kin look steps up in an index of the table's working days; this walk
    // is the plain definition, asking isWorkingDay of each day in turn.
    const walk = (c: WorkingCalendar, from: CalendarDate, count: number): CalendarDate | 'range' => {
      let day = from;
      try {
        if (count === 0) {
          while (!c.isWorkingDay(day)) day = addDays(day, -1);
          return day;
        }
        for (let left = Math.abs(count); left > 0;) {
          day = addDays(day, Math.sign(count));
          if (c.isWorkingDay(day)) left -= 1;
        }
        return day;
      } catch (error) {
        if (error instanceof CalendarRangeError) return 'range';
        throw error;
      }
    };
    const stepped = (c: WorkingCalendar, from: CalendarDate, count: number): CalendarDate | 'range' => {
      try {
        return c.addWorkingDays(from, count);
      } catch (error) {
        if (error instanceof CalendarRangeError) return 'range';
        throw error;
      }
    };
    const differ: string[] = [];
    let checked = 0;
    for (const nation of ['england', 'scotland', 'northern-ireland'] as const) {
      const c = cal(nation);
      for (let day = D('2023-12-20'); day <= D('2031-01-10'); day = addDays(day, 1)) {
        for (const count of [-30, -5, -1, 0, 1, 5, 30]) {
          checked += 1;
          const [want, got] = [walk(c, day, count), stepped(c, day, count)];
          if (want !== got) differ.push(`${nation} ${day} ${count}: walk ${want}, index ${got}`);
        }
        if (c.covers(day)) {
          const to = addDays(day, 9);
          let n = 0;
          for (let d = day; d <= to && c.covers(d); d = addDays(d, 1)) n += c.isWorkingDay(d) ? 1 : 0;
          if (c.covers(to) && c.workingDaysBetween(day, to) !== n) differ.push(`${nation} between ${day}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(50_000);
    expect(differ).toEqual([]);
  });
});

describe('dates outside the table', () => {
  it('refuses years after 2030 with a message naming the covered years', () => {
    const england = cal('england');
    expect(() => england.isWorkingDay(D('2031-01-02'))).toThrow(CalendarRangeError);
    expect(() => england.isWorkingDay(D('2031-01-02'))).toThrow(/2024–2030/);
    expect(() => england.bankHoliday(D('2031-01-01'))).toThrow(CalendarRangeError);
  });

  it('refuses years before 2024', () => {
    expect(() => cal('scotland').isWorkingDay(D('2023-12-29'))).toThrow(/2024–2030/);
    expect(() => cal('scotland').previousWorkingDay(D('2024-01-01'))).toThrow(CalendarRangeError);
  });

  it('refuses to step past the end of the table rather than guess', () => {
    expect(() => cal('england').addWorkingDays(D('2030-12-31'), 1)).toThrow(CalendarRangeError);
    expect(() => cal('england').workingDaysBetween(D('2030-12-30'), D('2031-01-03'))).toThrow(
      CalendarRangeError,
    );
  });

  it('says whether it covers a date, and carries the date and years on the error', () => {
    const england = cal('england');
    expect(england.covers(D('2024-01-01'))).toBe(true);
    expect(england.covers(D('2030-12-31'))).toBe(true);
    expect(england.covers(D('2031-01-01'))).toBe(false);
    try {
      england.isWorkingDay(D('2031-01-02'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarRangeError);
      const e = error as CalendarRangeError;
      expect([e.date, e.firstYear, e.lastYear]).toEqual(['2031-01-02', 2024, 2030]);
      expect(e.message).toContain('Thu 2 Jan 2031');
    }
  });
});

describe('parseCalendarDate', () => {
  it.each([
    ['2027-03-15', '2027-03-15'],
    ['15/03/2027', '2027-03-15'],
    ['5/3/2027', '2027-03-05'],
    ['  2027-03-15 ', '2027-03-15'],
    ['29/02/2028', '2028-02-29'],
  ])('accepts %j as %s', (text, date) => {
    expect(parseCalendarDate(text)).toEqual({ ok: true, date });
  });

  it('rejects 31/02/2027 saying how many days February has', () => {
    const result = parseCalendarDate('31/02/2027');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/Feb 2027 has 28 days/);
  });

  it('rejects 29 February in a year that is not a leap year', () => {
    const result = parseCalendarDate('2027-02-29');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/28 days/);
  });

  it('rejects a month that does not exist', () => {
    const result = parseCalendarDate('2027-13-01');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/month 13/);
  });

  it.each(['tomorrow', '', '2027/03/15', '03/15/2027', '15-03-2027', '2027-03-15T00:00'])(
    'rejects %j with a hint showing the accepted forms',
    (text) => {
      const result = parseCalendarDate(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/2027-03-15|15\/03\/2027|month|days/);
    },
  );
});

describe('date helpers', () => {
  it('isCalendarDate accepts only real, zero-padded ISO dates', () => {
    expect(isCalendarDate('2027-03-15')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-3-15')).toBe(false);
    expect(isCalendarDate('15/03/2027')).toBe(false);
    expect(isCalendarDate(20270315)).toBe(false);
    expect(isCalendarDate(undefined)).toBe(false);
    expect(isCalendarDate('2027-00-10')).toBe(false);
    expect(isCalendarDate('2027-13-01')).toBe(false);
    expect(isCalendarDate('2027-04-31')).toBe(false);
    expect(isCalendarDate('2027-04-00')).toBe(false);
    // Leap years by the Gregorian rule, as JavaScript's Date counts them.
    for (const year of [1900, 2000, 2024, 2100, 2400]) {
      const leap = new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
      expect(isCalendarDate(`${year}-02-29`), String(year)).toBe(leap);
    }
  });

  it('addMonths clamps to the last day of a shorter month', () => {
    expect(addMonths(D('2027-01-31'), 1)).toBe('2027-02-28');
    expect(addMonths(D('2028-01-31'), 1)).toBe('2028-02-29');
    expect(addMonths(D('2027-03-31'), -1)).toBe('2027-02-28');
    expect(addMonths(D('2027-05-31'), 1)).toBe('2027-06-30');
  });

  it('addMonths crosses year boundaries both ways', () => {
    expect(addMonths(D('2027-11-15'), 2)).toBe('2028-01-15');
    expect(addMonths(D('2027-01-15'), -1)).toBe('2026-12-15');
    expect(addMonths(D('2027-03-15'), -15)).toBe('2025-12-15');
    expect(addMonths(D('2027-03-15'), 0)).toBe('2027-03-15');
  });

  it('dayOfWeek counts 0 for Sunday to 6 for Saturday, before 1970 too', () => {
    expect(dayOfWeek(D('2027-03-14'))).toBe(0);
    expect(dayOfWeek(D('2027-03-15'))).toBe(1);
    expect(dayOfWeek(D('2027-03-13'))).toBe(6);
    expect(dayOfWeek(D('1970-01-01'))).toBe(4);
    expect(dayOfWeek(D('1969-12-31'))).toBe(3);
    expect(dayOfWeek(D('2000-02-29'))).toBe(2);
  });

  it('formatLong writes the weekday, unpadded day, short month and year', () => {
    expect(formatLong(D('2027-03-15'))).toBe('Mon 15 Mar 2027');
    expect(formatLong(D('2028-01-03'))).toBe('Mon 3 Jan 2028');
    expect(formatLong(D('2026-12-26'))).toBe('Sat 26 Dec 2026');
  });
});

describe('day arithmetic (civil-day formulas) against JavaScript Date', () => {
  it('agrees on every day from 1900 to 2100: date, day count and weekday', () => {
    const base = Date.UTC(1900, 0, 1) / 86_400_000;
    let day = '1900-01-01' as CalendarDate;
    for (let n = 0; day < '2101-01-01'; n += 1) {
      const expected = new Date((base + n) * 86_400_000).toISOString().slice(0, 10);
      expect(day).toBe(expected);
      expect(daysBetween('1900-01-01' as CalendarDate, day)).toBe(n);
      expect(dayOfWeek(day)).toBe(new Date(expected).getUTCDay());
      day = addDays(day, 1);
    }
    expect(addDays('2028-03-01' as CalendarDate, -1)).toBe('2028-02-29');
    expect(addDays('2100-03-01' as CalendarDate, -1)).toBe('2100-02-28');
  });
});
