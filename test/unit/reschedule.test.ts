/**
 * reschedule and publish with the real template and bank holidays: one test per rule of re-planning.
 * Expected dates are worked out by hand in the comments (go-live Mon 14 Jun 2027 → Mon 28 Jun 2027;
 * no bank holidays between mid-May and the end of June 2027 apart from Mon 31 May).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eventFingerprint } from '../../src/adapters/calendar/fingerprint.js';
import type { HolidayTable } from '../../src/domain/calendar.js';
import { publish } from '../../src/domain/calendar-events/publish.js';
import { reschedule } from '../../src/domain/schedule/reschedule.js';
import { backSchedule } from '../../src/domain/schedule/back-schedule.js';
import type { Template } from '../../src/domain/template.js';
import type { Answers, Plan, PlanItem } from '../../src/domain/types.js';
import { D, answersFor, calendarFor, itemOf, loadDefaults, spanOf } from '../helpers/fixtures.js';

let template: Template;
let holidays: HolidayTable;

beforeAll(async () => {
  ({ template, holidays } = await loadDefaults());
});

const TODAY = D('2027-01-04');
const LATER = D('2027-06-28');

function initial(overrides: Partial<Answers> = {}): Plan {
  const answers = answersFor(overrides);
  return backSchedule(template, answers, calendarFor(holidays, answers.nation), TODAY);
}

function moved(previous: Plan, overrides: Partial<Answers> = {}, known?: Iterable<string>): Plan {
  const answers = { ...previous.answers, ...overrides };
  return reschedule({
    template,
    previous,
    answers,
    calendar: calendarFor(holidays, answers.nation),
    today: TODAY,
    known: new Set(known ?? previous.items.map((i) => i.id)),
  });
}

function edit(plan: Plan, id: string, change: Partial<PlanItem>): Plan {
  return { ...plan, items: plan.items.map((i) => (i.id === id ? { ...i, ...change } : i)) };
}

describe('reschedule', () => {
  it('moves computed items with go-live', () => {
    // Go-live Mon 28 Jun; FDP 3 working days before: Wed 23 Jun; EPS links off 2 wd before FDP:
    // Mon 21 Jun; EPS notice 5 weeks before that: Mon 17 May 2027.
    const plan = moved(initial(), { goLive: LATER });
    expect(spanOf(plan, 'go-live').start).toBe('2027-06-28');
    expect(spanOf(plan, 'final-data-production').start).toBe('2027-06-23');
    expect(spanOf(plan, 'eps-switch-off').start).toBe('2027-06-21');
    expect(spanOf(plan, 'eps-notice').start).toBe('2027-05-17');
  });

  it('keeps a pinned date, and items anchored to it follow the pin', () => {
    // FDP pinned to Fri 25 Jun: EPS links off 2 wd before: Wed 23 Jun; notice 5 weeks before: Wed 19 May.
    const pinned = edit(initial(), 'final-data-production', {
      start: D('2027-06-25'),
      end: D('2027-06-25'),
      origin: 'pinned',
    });
    const plan = moved(pinned, { goLive: LATER });
    expect(spanOf(plan, 'final-data-production').start).toBe('2027-06-25');
    expect(spanOf(plan, 'eps-switch-off').start).toBe('2027-06-23');
    expect(spanOf(plan, 'eps-notice').start).toBe('2027-05-19');
    const note = plan.diagnostics.find((d) => d.code === 'schedule.pinned_differs');
    expect(note?.itemId).toBe('final-data-production');
    expect(note?.message).toContain('Wed 23 Jun 2027');
  });

  it('reports a pinned notice deadline that no longer gives the notice period', () => {
    // EPS links off Mon 21 Jun after the move; a notice pinned to Mon 24 May is 4 weeks before: too late.
    const pinned = edit(initial(), 'eps-notice', {
      start: D('2027-05-24'),
      end: D('2027-05-24'),
      origin: 'pinned',
    });
    const plan = moved(pinned, { goLive: LATER });
    expect(spanOf(plan, 'eps-notice').start).toBe('2027-05-24');
    const problem = plan.diagnostics.find((d) => d.itemId === 'eps-notice' && d.severity === 'error');
    expect(problem?.code).toBe('schedule.notice_too_short');
  });

  it('keeps the dates of a done item', () => {
    const before = initial();
    const kickoff = itemOf(before, 'kick-off');
    const plan = moved(edit(before, 'kick-off', { status: 'done' }), { goLive: LATER });
    expect(spanOf(plan, 'kick-off')).toEqual({ start: kickoff.start, end: kickoff.end });
    expect(spanOf(plan, 'go-live').start).toBe('2027-06-28');
  });

  it("keeps a person's own item exactly as written", () => {
    const own: PlanItem = {
      id: 'practice-open-evening',
      title: 'Open evening',
      phase: 'data',
      type: 'meeting',
      start: D('2027-04-07'),
      end: D('2027-04-07'),
      time: '18:30',
      roles: ['practice-manager'],
      origin: 'computed',
      status: 'todo',
      source: '',
    };
    const before = initial();
    const plan = moved({ ...before, items: [...before.items, own] }, { goLive: LATER });
    expect(itemOf(plan, own.id)).toEqual(own);
  });

  it('does not bring back a template item a person removed, and adds one never published', () => {
    const before = initial();
    const without = { ...before, items: before.items.filter((i) => i.id !== 'supplier-fixes') };
    const published = before.items.map((i) => i.id);
    const again = moved(without, { goLive: LATER }, published);
    expect(again.items.some((i) => i.id === 'supplier-fixes')).toBe(false);
    // Never published (say, new in the template): added, with its dates from the rules.
    const fresh = moved(
      without,
      { goLive: LATER },
      published.filter((id) => id !== 'supplier-fixes'),
    );
    expect(itemOf(fresh, 'supplier-fixes').origin).toBe('computed');
  });

  it("adds a new third party's items and drops those of one taken out of the answers", () => {
    const before = initial();
    const plan = moved(before, { thirdParties: [{ id: 'docman' }] });
    expect(plan.items.some((i) => i.id === 'docman-notice')).toBe(true);
    expect(plan.items.some((i) => i.thirdParty === 'eps')).toBe(false);
  });

  it('is idempotent', () => {
    const once = moved(initial(), { goLive: LATER });
    expect(moved(once).items).toEqual(once.items);
  });
});

describe('publish', () => {
  const fingerprintFor = (plan: Plan) => (item: PlanItem, cancelled: boolean) =>
    eventFingerprint(plan, item, cancelled);

  it('starts every event at sequence 0, revised today', () => {
    const plan = initial();
    const { events } = publish([], plan, TODAY, fingerprintFor(plan));
    expect(events.every((e) => e.sequence === 0 && e.since === TODAY)).toBe(true);
    expect(events.map((e) => e.id)).toEqual(plan.items.map((i) => i.id).sort());
  });

  it('raises the sequence of changed events only, and cancels removed and not-needed ones', () => {
    const plan = initial();
    const first = publish([], plan, TODAY, fingerprintFor(plan));
    const next = edit(
      edit({ ...plan, items: plan.items.filter((i) => i.id !== 'supplier-fixes') }, 'go-live', {
        start: LATER,
        end: LATER,
      }),
      'training',
      { status: 'not-needed' },
    );
    const day = D('2027-01-05');
    const second = publish(first.events, next, day, fingerprintFor(next));
    const get = (id: string) => second.events.find((e) => e.id === id)!;
    expect(get('go-live')).toMatchObject({ sequence: 1, since: day });
    expect(get('supplier-fixes')).toMatchObject({ sequence: 1, since: day, cancelled: true });
    expect(get('training')).toMatchObject({ sequence: 1, cancelled: true });
    expect(get('kick-off')).toMatchObject({ sequence: 0, since: TODAY });
    expect(second.cancelled.map((c) => c.item.id).sort()).toEqual(['supplier-fixes', 'training']);
    expect(second.live.some((i) => i.id === 'training')).toBe(false);
    // Publishing the same plan again changes nothing.
    expect(publish(second.events, next, D('2027-02-01'), fingerprintFor(next)).events).toEqual(second.events);
  });

  it('cancels an event in the calendars of roles it has left', () => {
    const plan = initial();
    const first = publish([], plan, TODAY, fingerprintFor(plan));
    const roles = itemOf(plan, 'go-live').roles.filter((r) => r !== 'trainer');
    const next = edit(plan, 'go-live', { roles });
    const second = publish(first.events, next, D('2027-01-05'), fingerprintFor(next));
    expect(second.cancelled).toEqual([
      { item: itemOf(next, 'go-live'), roles: ['trainer'], everywhere: false },
    ]);
  });
});
