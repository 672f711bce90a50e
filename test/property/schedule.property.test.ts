/**
 * Properties of backSchedule over many go-live dates, nations and third-party choices.
 *
 * "Working day" is decided here independently of calendar.ts: Monday to Friday (from JS Date's
 * UTC weekday) and not in the nation's list in templates/bank-holidays.yaml.
 */
import fc from 'fast-check';
import { runs } from '../setup/fast-check.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HolidayTable } from '../../src/domain/calendar.js';
import { occurrences } from '../../src/domain/schedule/recurrence.js';
import { backSchedule } from '../../src/domain/schedule/back-schedule.js';
import { shiftDate } from '../../src/domain/schedule/resolve.js';
import type { Template } from '../../src/domain/template.js';
import {
  NATIONS,
  type Answers,
  type CalendarDate,
  type Nation,
  type Plan,
  type Recurrence,
} from '../../src/domain/types.js';
import { D, answersFor, calendarFor, loadDefaults } from '../helpers/fixtures.js';

let template: Template;
let holidays: HolidayTable;
let holidaySets: Record<Nation, ReadonlySet<string>>;

beforeAll(async () => {
  ({ template, holidays } = await loadDefaults());
  const set = (region: keyof HolidayTable['regions']) => new Set(holidays.regions[region].map((h) => h.date));
  const englandAndWales = set('england-and-wales');
  holidaySets = {
    england: englandAndWales,
    wales: englandAndWales,
    scotland: set('scotland'),
    'northern-ireland': set('northern-ireland'),
  };
});

const TODAY = D('2024-01-02');
const NUM_RUNS = 200;
const DAY_MS = 86_400_000;

// Own date arithmetic (UTC), so the properties do not lean on calendar.ts.
const toMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromMs = (ms: number) => D(new Date(ms).toISOString().slice(0, 10));
const plusDays = (date: string, days: number) => fromMs(toMs(date) + days * DAY_MS);

function isWorkingDay(date: string, nation: Nation): boolean {
  const weekday = new Date(toMs(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidaySets[nation].has(date);
}

function nextWorkingDay(date: string, nation: Nation): CalendarDate {
  let day = D(date);
  while (!isWorkingDay(day, nation)) day = plusDays(day, 1);
  return day;
}

const FIRST = '2025-06-01';
const LAST = '2030-06-30';
const SPAN_DAYS = (toMs(LAST) - toMs(FIRST)) / DAY_MS;

interface Case {
  readonly nation: Nation;
  readonly goLive: CalendarDate;
  readonly partyIds: readonly string[];
}

/** A nation, a go-live that is a working day there (2025-06-01 … 2030-06-30), and some template parties. */
function caseArb(): fc.Arbitrary<Case> {
  return fc
    .record({
      nation: fc.constantFrom(...NATIONS),
      offset: fc.integer({ min: 0, max: SPAN_DAYS }),
      partyIds: fc.subarray(template.thirdParties.map((p) => p.id)),
    })
    .map(({ nation, offset, partyIds }) => ({
      nation,
      goLive: nextWorkingDay(plusDays(FIRST, offset), nation),
      partyIds,
    }));
}

function answersOf(c: Case, goLive: CalendarDate = c.goLive): Answers {
  return answersFor({ goLive, nation: c.nation, thirdParties: c.partyIds.map((id) => ({ id })) });
}

function schedule(answers: Answers): Plan {
  return backSchedule(template, answers, calendarFor(holidays, answers.nation), TODAY);
}

const mondayOf = (date: string) => plusDays(date, -((new Date(toMs(date)).getUTCDay() + 6) % 7));

/**
 * Every occurrence of a weekly series, after its moves, is on a working day that is not kept free
 * of meetings, in the week of the day it replaces: one a week, none lost (no week of the default
 * template's span is closed from Monday to Friday, so `except` stays empty).
 */
function expectSeriesMeetsEveryWeek(start: CalendarDate, r: Recurrence, nation: Nation): void {
  const meetingFree = new Set(template.noMeetingsOn?.days ?? []);
  const moves = new Map((r.moved ?? []).map((m) => [m.from, m.to]));
  expect(r.except).toEqual([]);
  const weeks = new Set<string>();
  for (let day: string = start; day <= r.until; day = plusDays(day, 7)) {
    const held = moves.get(D(day)) ?? day;
    expect(isWorkingDay(held, nation), `${day} held on ${held}`).toBe(true);
    expect(meetingFree.has(held.slice(5)), `${day} held on ${held}`).toBe(false);
    expect(mondayOf(held), `${day} held on ${held}`).toBe(mondayOf(day));
    // Moved only when its own day would not do, and then to the nearest later day of the week if any.
    if (held !== day) {
      expect(isWorkingDay(day, nation) && !meetingFree.has(day.slice(5)), day).toBe(false);
      const between = held > day ? [] : [1, 2, 3, 4, 5, 6].map((n) => plusDays(day, n));
      for (const later of between.filter((d) => mondayOf(d) === mondayOf(day)))
        expect(isWorkingDay(later, nation) && !meetingFree.has(later.slice(5)), later).toBe(false);
    }
    weeks.add(mondayOf(held));
  }
  expect(weeks.size).toBe(Math.floor((toMs(r.until) - toMs(start)) / DAY_MS / 7) + 1);
}

describe('backSchedule properties', () => {
  it('holds a weekly migration meeting in the week of final data production and of go-live', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        const plan = schedule(answersOf(c));
        const byId = new Map(plan.items.map((i) => [i.id, i]));
        const series = byId.get('weekly-migration-meeting')!;
        const held = occurrences(series.start, series.recurrence!).map(mondayOf);
        for (const id of ['final-data-production', 'go-live'])
          expect(held, `${id} ${byId.get(id)!.start}`).toContain(mondayOf(byId.get(id)!.start));
      }),
      { numRuns: runs(NUM_RUNS) },
    );
  });

  it('puts every non-informational item on working days of the plan’s nation', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        expect(isWorkingDay(c.goLive, c.nation)).toBe(true); // the arbitrary itself
        const plan = schedule(answersOf(c));
        for (const item of plan.items) {
          if (item.informational) continue;
          expect(isWorkingDay(item.start, c.nation), `${item.id} starts ${item.start}`).toBe(true);
          expect(isWorkingDay(item.end, c.nation), `${item.id} ends ${item.end}`).toBe(true);
          if (item.recurrence) expectSeriesMeetsEveryWeek(item.start, item.recurrence, c.nation);
          if (item.id === 'weekly-migration-meeting') {
            // The series runs on through the post-go-live support weeks (template: go-live + 45 days).
            expect(item.recurrence!.until, item.id).toBe(plusDays(c.goLive, 45));
          } else if (item.recurrence) {
            // The weekly report checks: the first four weeks after go-live.
            expect(item.recurrence.until, item.id).toBe(plusDays(c.goLive, 28));
          }
          if (item.type === 'meeting') {
            expect(['12-24', '12-31'], `${item.id} on ${item.start}`).not.toContain(item.start.slice(5));
          }
        }
      }),
      { numRuns: runs(NUM_RUNS) },
    );
  });

  it('honours every chosen party’s notice period', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        const plan = schedule(answersOf(c));
        const calendar = calendarFor(holidays, c.nation);
        const byId = new Map(plan.items.map((i) => [i.id, i]));
        expect(plan.thirdParties.map((p) => p.id)).toEqual(c.partyIds);
        for (const party of plan.thirdParties) {
          const notice = byId.get(`${party.id}-notice`);
          const switchOff = byId.get(`${party.id}-switch-off`);
          expect(notice, party.id).toBeDefined();
          expect(switchOff, party.id).toBeDefined();
          const latest = shiftDate(
            switchOff!.start,
            { amount: -party.notice.amount, unit: party.notice.unit },
            calendar,
          );
          expect(notice!.start <= latest, `${party.id}: notice ${notice!.start}, latest ${latest}`).toBe(
            true,
          );
          // and the switch-off comes before final data production
          expect(switchOff!.start < byId.get('final-data-production')!.start, party.id).toBe(true);
        }
      }),
      { numRuns: runs(NUM_RUNS) },
    );
  });

  it('never moves an item earlier when go-live moves later', () => {
    fc.assert(
      fc.property(caseArb(), fc.integer({ min: 1, max: 70 }), (c, delta) => {
        const later = nextWorkingDay(plusDays(c.goLive, delta), c.nation);
        const before = schedule(answersOf(c));
        const after = new Map(schedule(answersOf(c, later)).items.map((i) => [i.id, i]));
        expect(after.size).toBe(before.items.length);
        for (const item of before.items) {
          const moved = after.get(item.id)!;
          expect(moved.start >= item.start, `${item.id}: ${item.start} → ${moved.start}`).toBe(true);
          expect(moved.end >= item.end, `${item.id}: end ${item.end} → ${moved.end}`).toBe(true);
          if (item.recurrence) expect(moved.recurrence!.until >= item.recurrence.until, item.id).toBe(true);
        }
      }),
      { numRuns: runs(NUM_RUNS) },
    );
  });

  it('gives unique kebab-case ids, never ends an item before it starts, and finds no error when there is time', () => {
    fc.assert(
      fc.property(caseArb(), (c) => {
        const plan = schedule(answersOf(c));
        const ids = plan.items.map((i) => i.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const item of plan.items) {
          expect(item.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
          expect(item.end >= item.start, `${item.id}: ${item.start} … ${item.end}`).toBe(true);
        }
        // today (2 Jan 2024) is over a year before the earliest kick-off (go-live ≥ Jun 2025 − 13 weeks).
        expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        // items stay sorted by start date
        const starts = plan.items.map((i) => i.start);
        expect(starts).toEqual([...starts].sort());
      }),
      { numRuns: runs(NUM_RUNS) },
    );
  });

  it('puts nothing out of order when a fixed kick-off leaves time; otherwise names a go-live that does', () => {
    fc.assert(
      fc.property(caseArb(), fc.integer({ min: 4, max: 20 }), (c, weeksBefore) => {
        // A fixed kick-off 4–20 weeks before go-live, on a working day.
        const kickoff = nextWorkingDay(plusDays(c.goLive, -7 * weeksBefore), c.nation);
        const plan = schedule({ ...answersOf(c), kickoff });
        const infeasible = plan.diagnostics.filter((d) => d.code === 'schedule.infeasible');
        if (infeasible.length === 0) {
          expect(plan.diagnostics.filter((d) => d.code === 'schedule.out_of_order')).toEqual([]);
          return;
        }
        const earliest = infeasible[0]!.earliestGoLive;
        if (earliest === undefined || earliest > '2030-09-01') return; // past the bank-holiday table
        expect(earliest > c.goLive).toBe(true);
        expect(isWorkingDay(earliest, c.nation)).toBe(true);
        const moved = schedule({ ...answersOf(c, earliest), kickoff });
        const codes = moved.diagnostics.map((d) => d.code);
        expect(codes).not.toContain('schedule.infeasible');
        expect(codes).not.toContain('schedule.out_of_order');
      }),
      { numRuns: runs(NUM_RUNS) },
    );
  });
});
