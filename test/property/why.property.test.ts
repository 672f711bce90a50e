/**
 * `kickoff why`'s chains hold their arithmetic: for every item of plans across nations, go-lives
 * and third parties, following the chain from its answer (go-live, a fixed kick-off) or a pin down
 * to the item, each step computed independently of calendar.ts (its own weekdays and the bank-holiday
 * table) lands on the date the next step starts from, and the last on the item's date in the plan.
 * The chain is the resolver's own record (explainPlan); this test works each step out a second
 * time to check it.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HolidayTable } from '../../src/domain/calendar.js';
import { backSchedule } from '../../src/domain/schedule/back-schedule.js';
import { explainPlan, whyDate, type WhyLink } from '../../src/domain/schedule/why.js';
import type { Template } from '../../src/domain/template.js';
import { NATIONS, type CalendarDate, type Nation, type Offset } from '../../src/domain/types.js';
import { D, answersFor, calendarFor, loadDefaults } from '../helpers/fixtures.js';
import { runs } from '../setup/fast-check.js';

let template: Template;
let holidays: HolidayTable;
let off: Record<Nation, ReadonlySet<string>>;

beforeAll(async () => {
  ({ template, holidays } = await loadDefaults());
  const set = (region: keyof HolidayTable['regions']) => new Set(holidays.regions[region].map((h) => h.date));
  off = {
    england: set('england-and-wales'),
    wales: set('england-and-wales'),
    scotland: set('scotland'),
    'northern-ireland': set('northern-ireland'),
  };
});

const DAY = 86_400_000;
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
const day = (n: number) => D(new Date(n).toISOString().slice(0, 10));
const plus = (d: string, n: number) => day(ms(d) + n * DAY);
const working = (d: string, nation: Nation) =>
  ![0, 6].includes(new Date(ms(d)).getUTCDay()) && !off[nation].has(d);

function shifted(base: string, offset: Offset, nation: Nation): string {
  if (offset.unit === 'd') return plus(base, offset.amount);
  if (offset.unit === 'w') return plus(base, offset.amount * 7);
  if (offset.unit === 'm') {
    const [y, m, dd] = base.split('-').map(Number) as [number, number, number];
    const target = new Date(Date.UTC(y, m - 1 + offset.amount, 1));
    const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    return day(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(dd, last)));
  }
  let d = base;
  for (let left = Math.abs(offset.amount); left > 0;) {
    d = plus(d, Math.sign(offset.amount));
    if (working(d, nation)) left -= 1;
  }
  return d;
}

/** One link's steps, worked out again; returns the date the link ends on. */
function follow(link: WhyLink, nation: Nation, meetingFree: ReadonlySet<string>): string {
  let date: string | undefined;
  for (const step of link.steps) {
    if (step.kind === 'answer' || step.kind === 'pinned') date = step.date;
    else if (step.kind === 'offset') {
      expect(
        shifted(step.base, step.offset, nation),
        `${link.id}: ${step.base} ${step.offset.amount}${step.offset.unit}`,
      ).toBe(step.date);
      date = step.date;
    } else if (step.kind === 'roll') {
      expect(step.from).toBe(date);
      let d = step.from;
      const usable = (x: string) => working(x, nation) && !(step.meetingFree && meetingFree.has(x.slice(5)));
      while (!usable(d)) d = plus(d, step.direction === 'next' ? 1 : -1);
      expect(d, `${link.id}: roll from ${step.from}`).toBe(step.date);
      date = step.date;
    } else if (step.kind === 'kept-within') {
      // Kept within its window ("next week": 5 to 9 days ahead): a working day inside it.
      expect(step.date >= step.earliest && step.date <= step.latest, `${link.id}: kept within`).toBe(true);
      expect(working(step.date, nation), `${link.id}: kept within`).toBe(true);
      date = step.date;
    } else {
      // Kept before: the working day before the item it must stay before.
      let d = plus(step.limit, -1);
      while (!working(d, nation)) d = plus(d, -1);
      expect(d, `${link.id}: kept before ${step.item}`).toBe(step.date);
      date = step.date;
    }
  }
  return date!;
}

describe('kickoff why: the chains', () => {
  it("follow the arithmetic from go-live to every item's date", () => {
    const meetingFree = new Set(template.noMeetingsOn?.days ?? []);
    fc.assert(
      fc.property(
        fc.constantFrom(...NATIONS),
        fc.integer({ min: 0, max: 1200 }),
        fc.subarray(template.thirdParties.map((p) => p.id)),
        (nation, shift, parties) => {
          let goLive = plus('2026-09-01', shift);
          while (!working(goLive, nation)) goLive = plus(goLive, 1);
          const answers = answersFor({
            goLive: goLive as CalendarDate,
            nation,
            thirdParties: parties.map((id) => ({ id })),
          });
          const calendar = calendarFor(holidays, nation);
          const plan = backSchedule(template, answers, calendar, D('2024-01-02'));
          const resolved = explainPlan(plan, template, calendar);
          for (const item of plan.items) {
            const why = whyDate(plan, item.id, resolved, calendar, [])!;
            expect(why.chain.length, item.id).toBeGreaterThan(0);
            expect(why.chain[0]!.date, item.id).toBe(item.start);
            // From the answer up: each link ends on the date the link below starts from.
            for (let i = why.chain.length - 1; i >= 0; i -= 1) {
              const link = why.chain[i]!;
              expect(follow(link, nation, meetingFree), `${item.id} via ${link.id}`).toBe(link.date);
              const below = why.chain[i - 1];
              const offset = below?.steps.find((s) => s.kind === 'offset');
              if (offset?.kind === 'offset')
                expect(offset.base, `${below!.id} from ${link.id}`).toBe(link.date);
            }
            const top = why.chain.at(-1)!.steps[0]!;
            expect(['answer', 'pinned']).toContain(top.kind);
            if (top.kind === 'answer') expect(top.date).toBe(answers.goLive);
          }
        },
      ),
      { numRuns: runs(40) },
    );
  }, 300_000);
});
