/**
 * The date-fns helpers behind the timeline and `due`. CI runs this file under TZ=Pacific/Auckland
 * and TZ=America/Los_Angeles too: every expectation is a fixed calendar date, so a day shifted by
 * the machine's time zone fails here.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  daysFromTo,
  formatDayMonth,
  formatDayMonthYear,
  mondayOf,
  parseWindow,
  plusDays,
  weeksOf,
} from '../../src/domain/dates.js';
import { editDistance, nearestIds } from '../../src/domain/nearest.js';
import { D } from '../helpers/fixtures.js';

describe('dates on date-fns, in UTC', () => {
  it('steps over the UK and New Zealand clock changes without losing or gaining a day', () => {
    expect(plusDays(D('2027-03-27'), 1)).toBe('2027-03-28'); // UK clocks go forward on the 28th
    expect(plusDays(D('2027-03-28'), 1)).toBe('2027-03-29');
    expect(plusDays(D('2026-09-26'), 1)).toBe('2026-09-27'); // NZ clocks go forward on the 27th
    expect(plusDays(D('2026-11-01'), -1)).toBe('2026-10-31'); // US clocks go back on 1 Nov
    expect(plusDays(D('2027-12-31'), 1)).toBe('2028-01-01');
    expect(daysFromTo(D('2027-03-01'), D('2027-04-01'))).toBe(31);
    expect(daysFromTo(D('2027-04-01'), D('2027-03-01'))).toBe(-31);
  });

  it('finds the Monday of a week, Monday to Sunday', () => {
    expect(mondayOf(D('2027-04-19'))).toBe('2027-04-19'); // a Monday
    expect(mondayOf(D('2027-04-25'))).toBe('2027-04-19'); // the Sunday after
    expect(mondayOf(D('2027-01-01'))).toBe('2026-12-28'); // across a year
  });

  it('lists the Mondays of every week touching a span', () => {
    expect(weeksOf(D('2027-03-24'), D('2027-04-05'))).toEqual(['2027-03-22', '2027-03-29', '2027-04-05']);
    expect(weeksOf(D('2027-04-05'), D('2027-03-24'))).toEqual([]);
  });

  it('formats days for people', () => {
    expect(formatDayMonth(D('2027-03-28'))).toBe('Sun 28 Mar');
    expect(formatDayMonthYear(D('2027-01-01'))).toBe('Fri 1 Jan 2027');
  });

  it('reads look-ahead windows in days or weeks, and refuses anything else', () => {
    expect(parseWindow('7d')).toEqual({ ok: true, days: 7 });
    expect(parseWindow('2w')).toEqual({ ok: true, days: 14 });
    expect(parseWindow('10')).toEqual({ ok: true, days: 10 });
    expect(parseWindow('soon')).toMatchObject({ ok: false });
    expect(parseWindow('2 months')).toMatchObject({ ok: false });
  });
});

describe('nearest ids', () => {
  it('counts edits', () => {
    expect(editDistance('kick-of', 'kick-off')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('eps-notice', 'eps-notice')).toBe(0);
  });

  it('suggests the closest ids first, preferring ids that contain what was typed', () => {
    const ids = ['kick-off', 'go-live', 'technical-survey', 'eps-notice', 'eps-reminder-week'];
    expect(nearestIds('tecnical-survey', ids)[0]).toBe('technical-survey');
    expect(nearestIds('eps', ids, 2)).toEqual(['eps-notice', 'eps-reminder-week']);
  });
});

describe('week arithmetic in zones whose midnight can be skipped by a clock change', () => {
  // Dates are local midnights: where DST starts at 00:00 (Santiago, Havana, Beirut) that midnight
  // does not exist. The built code is run under each zone (npm test builds first).
  it.each(['America/Santiago', 'America/Havana', 'Asia/Beirut', 'Pacific/Apia', 'Australia/Lord_Howe'])(
    'gives every Monday of 2024–2030 in %s',
    (zone) => {
      const out = execFileSync(
        process.execPath,
        [fileURLToPath(new URL('../helpers/week-check.mjs', import.meta.url))],
        {
          env: { ...process.env, TZ: zone },
          encoding: 'utf8',
        },
      );
      expect(JSON.parse(out)).toEqual({
        wrong: 0,
        weeks: 366,
        first: '2024-01-01',
        last: '2030-12-30',
        even: true,
      });
    },
  );
});
