/**
 * Weekly series that move off bank holidays within their week. Every expected date was worked out
 * by hand from templates/bank-holidays.yaml (England & Wales unless said): 2026 Fri 25 Dec, Mon 28 Dec
 * (Boxing Day substitute); 2027 Fri 1 Jan, Fri 26 Mar (Good Friday), Mon 29 Mar (Easter Monday);
 * 2028 Mon 25 Dec, Tue 26 Dec; 2029 Mon 1 Jan. Christmas Eve and New Year's Eve are kept free of meetings (the
 * template's noMeetingsOn).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { HolidayTable, WorkingCalendar } from '../../src/domain/calendar.js';
import {
  lastOccurrence,
  meetingDayOfWeek,
  occurrences,
  weeklySeries,
  type MeetingFree,
} from '../../src/domain/schedule/recurrence.js';
import { D, calendarFor, loadDefaults } from '../helpers/fixtures.js';

let england: WorkingCalendar;
let holidays: HolidayTable;
const christmasAndNewYearsEve: MeetingFree = (day) => day.endsWith('-12-24') || day.endsWith('-12-31');

beforeAll(async () => {
  ({ holidays } = await loadDefaults());
  england = calendarFor(holidays, 'england');
});

describe('weeklySeries', () => {
  it('moves a Monday meeting on the Boxing Day substitute to the Tuesday, and keeps the rest', () => {
    // Mondays 14 Dec 2026 … 11 Jan 2027: 14, 21, 28 (holiday → Tue 29), 4 Jan, 11 Jan.
    const series = weeklySeries(D('2026-12-14'), D('2027-01-11'), england, christmasAndNewYearsEve);
    expect(series).toEqual({
      weekly: true,
      until: '2027-01-11',
      except: [],
      moved: [{ from: '2026-12-28', to: '2026-12-29' }],
    });
    expect(occurrences(D('2026-12-14'), series)).toEqual([
      '2026-12-14',
      '2026-12-21',
      '2026-12-29',
      '2027-01-04',
      '2027-01-11',
    ]);
  });

  it('moves Friday meetings on Christmas Day and New Year’s Day back past the days kept free', () => {
    // Fri 25 Dec 2026 is a holiday with no working day after it that week; Thu 24 Dec is kept free,
    // so Wed 23 Dec. Fri 1 Jan 2027: Thu 31 Dec is kept free, so Wed 30 Dec.
    const series = weeklySeries(D('2026-12-18'), D('2027-01-08'), england, christmasAndNewYearsEve);
    expect(series.moved).toEqual([
      { from: '2026-12-25', to: '2026-12-23' },
      { from: '2027-01-01', to: '2026-12-30' },
    ]);
    expect(series.except).toEqual([]);
  });

  it('moves an Easter Monday meeting to the Tuesday and a Good Friday one to the Thursday', () => {
    expect(weeklySeries(D('2027-03-22'), D('2027-04-05'), england).moved).toEqual([
      { from: '2027-03-29', to: '2027-03-30' },
    ]);
    // Good Friday has no working day after it in its week: the previous one, Thu 25 Mar 2027.
    expect(weeklySeries(D('2027-03-19'), D('2027-04-02'), england).moved).toEqual([
      { from: '2027-03-26', to: '2027-03-25' },
    ]);
  });

  it('moves past a Monday and a Tuesday that are both bank holidays', () => {
    // Christmas 2028: Mon 25 and Tue 26 Dec are both holidays; the week meets on Wed 27 Dec.
    // (Mon 1 Jan 2029 is New Year's Day: Tue 2 Jan.)
    expect(weeklySeries(D('2028-12-18'), D('2029-01-01'), england).moved).toEqual([
      { from: '2028-12-25', to: '2028-12-27' },
      { from: '2029-01-01', to: '2029-01-02' },
    ]);
    // A Tuesday series the same week goes to Wednesday too.
    expect(weeklySeries(D('2028-12-19'), D('2029-01-02'), england).moved).toEqual([
      { from: '2028-12-26', to: '2028-12-27' },
    ]);
  });

  it('leaves out only a week with no day left for a meeting', () => {
    // A template that kept the whole week of 28 Dec 2026 free: that Monday's meeting has nowhere to go.
    const closed: MeetingFree = (day) => day >= '2026-12-28' && day <= '2027-01-03';
    const series = weeklySeries(D('2026-12-21'), D('2027-01-04'), england, closed);
    expect(series.except).toEqual(['2026-12-28']);
    expect(series.moved).toBeUndefined();
    expect(occurrences(D('2026-12-21'), series)).toEqual(['2026-12-21', '2027-01-04']);
  });

  it('keeps a series with nothing on a day off exactly as before (no moved list)', () => {
    expect(weeklySeries(D('2027-01-11'), D('2027-02-01'), england)).toEqual({
      weekly: true,
      until: '2027-02-01',
      except: [],
    });
  });
});

describe('meetingDayOfWeek', () => {
  it('keeps a working day, and looks later in the week before it looks earlier', () => {
    expect(meetingDayOfWeek(D('2027-01-11'), england, () => false)).toBe('2027-01-11');
    expect(meetingDayOfWeek(D('2026-12-28'), england, () => false)).toBe('2026-12-29');
    // Sunday is the week's last day: a Sunday occurrence goes back to Friday.
    expect(meetingDayOfWeek(D('2027-01-10'), england, () => false)).toBe('2027-01-08');
  });
});

describe('lastOccurrence', () => {
  it('is the last meeting after its move', () => {
    // Series Mondays to 29 Mar 2027 (Easter Monday): the last meeting is Tue 30 Mar.
    const series = weeklySeries(D('2027-03-15'), D('2027-03-31'), england);
    expect(lastOccurrence(D('2027-03-15'), series)).toBe('2027-03-30');
  });
});
