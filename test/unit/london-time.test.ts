import { describe, expect, it } from 'vitest';
import { londonDate, londonTime } from '../../src/domain/london-time.js';

// The oracle: ICU's Europe/London zone, through Intl, which kickoff itself no longer asks.
const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });
const timeOf = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

describe('the time in England, by the British Summer Time rule', () => {
  it('gives the day and time ICU gives, every half hour from 2020 to 2035', () => {
    const differ: string[] = [];
    let checked = 0;
    for (let ms = Date.UTC(2020, 0, 1); ms < Date.UTC(2036, 0, 1); ms += 1_800_000) {
      const instant = new Date(ms);
      checked += 1;
      const [day, time] = [londonDate(instant), londonTime(instant).time];
      if (day !== dayOf.format(instant) || time !== timeOf.format(instant))
        differ.push(
          `${instant.toISOString()}: ${day} ${time}, ICU ${dayOf.format(instant)} ${timeOf.format(instant)}`,
        );
      if (differ.length > 5) break;
    }
    expect(differ).toEqual([]);
    expect(checked).toBeGreaterThan(280_000);
  });

  it('turns at 01:00 UTC on the last Sundays of March and October', () => {
    expect(londonTime(new Date('2027-03-28T00:59:00Z'))).toEqual({ day: 'Sun 28 Mar 2027', time: '00:59' });
    expect(londonTime(new Date('2027-03-28T01:00:00Z'))).toEqual({ day: 'Sun 28 Mar 2027', time: '02:00' });
    expect(londonTime(new Date('2027-10-31T00:59:00Z')).time).toBe('01:59');
    expect(londonTime(new Date('2027-10-31T01:00:00Z')).time).toBe('01:00');
    // 23:30 UTC in summer is already tomorrow in England.
    expect(londonDate(new Date('2027-06-30T23:30:00Z'))).toBe('2027-07-01');
    expect(londonDate(new Date('2027-12-31T23:30:00Z'))).toBe('2027-12-31');
  });
});
