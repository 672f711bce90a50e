/**
 * The rules of check-status.ts, through checkPlan (the one entry `init`, `schedule`, `show` and
 * `check` share): each code with a plan that triggers it and one that does not.
 *
 * Base answers: go-live Mon 14 Jun 2027, England, EPS; kick-off Mon 15 Mar 2027 (test/unit/check.test.ts).
 * Days off used here: Sat 20 Mar 2027; Easter Monday Mon 29 Mar 2027; Fri 2 Apr 2027 is Good Friday.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { HolidayTable } from '../../src/domain/calendar.js';
import { checkPlan } from '../../src/domain/check/check.js';
import { backSchedule } from '../../src/domain/schedule/back-schedule.js';
import type { Template } from '../../src/domain/template.js';
import type { Answers, Diagnostic, Plan, PlanItem } from '../../src/domain/types.js';
import { D, answersFor, calendarFor, itemOf, loadDefaults } from '../helpers/fixtures.js';

let template: Template;
let holidays: HolidayTable;
const TODAY = D('2026-01-05');

beforeAll(async () => {
  ({ template, holidays } = await loadDefaults());
});

function planFor(overrides: Partial<Answers> = {}): Plan {
  const answers = answersFor(overrides);
  return backSchedule(template, answers, calendarFor(holidays, answers.nation), TODAY);
}

function check(plan: Plan): Diagnostic[] {
  return checkPlan(plan, template, calendarFor(holidays, plan.answers.nation), TODAY);
}

function edit(plan: Plan, id: string, change: Partial<PlanItem>): Plan {
  itemOf(plan, id);
  return { ...plan, items: plan.items.map((i) => (i.id === id ? { ...i, ...change } : i)) };
}

const withCode = (found: readonly Diagnostic[], code: string) => found.filter((d) => d.code === code);

describe('plan.item_not_working_day', () => {
  it('is not reported for a plan as kickoff scheduled it', () => {
    expect(withCode(check(planFor()), 'plan.item_not_working_day')).toEqual([]);
    expect(withCode(check(planFor()), 'schedule.pinned_not_working_day')).toEqual([]);
  });

  it('warns about an action moved by hand onto a Saturday, naming the working days either side', () => {
    const plan = edit(planFor(), 'technical-survey', { start: D('2027-03-20'), end: D('2027-03-20') });
    const [found, ...more] = withCode(check(plan), 'plan.item_not_working_day');
    expect(more).toEqual([]);
    expect(found).toMatchObject({ severity: 'warning', itemId: 'technical-survey' });
    expect(found!.message).toContain('Sat 20 Mar 2027, a weekend');
    expect(found!.message).toContain('Fri 19 Mar 2027 or Mon 22 Mar 2027');
  });

  it('names the bank holiday, and reports a pinned date under the pinned code instead', () => {
    const plan = edit(planFor(), 'technical-survey', {
      start: D('2027-03-29'),
      end: D('2027-03-29'),
      origin: 'pinned',
    });
    const found = check(plan);
    expect(withCode(found, 'plan.item_not_working_day')).toEqual([]);
    const [pinned] = withCode(found, 'schedule.pinned_not_working_day');
    expect(pinned!.message).toContain('a bank holiday (Easter Monday)');
  });

  it('checks the last day of a window, and leaves done, not-needed and informational items alone', () => {
    const base = planFor();
    const training = itemOf(base, 'training');
    const window = edit(base, 'training', { end: D('2027-06-12') }); // a Saturday
    expect(withCode(check(window), 'plan.item_not_working_day')[0]!.message).toContain('ends on Sat 12 Jun');
    for (const change of [{ status: 'done' as const }, { status: 'not-needed' as const }]) {
      const quiet = edit(base, 'technical-survey', {
        start: D('2027-03-20'),
        end: D('2027-03-20'),
        ...change,
      });
      expect(withCode(check(quiet), 'plan.item_not_working_day')).toEqual([]);
    }
    expect(training.informational).toBeUndefined();
    const legacy = base.items.find((i) => i.informational && !check(base).some((d) => d.itemId === i.id));
    expect(legacy, 'an informational item on its exact date is never reported').toBeDefined();
  });
});

describe('plan.stale', () => {
  it('is not reported when the plan follows its answers', () => {
    expect(withCode(check(planFor()), 'plan.stale')).toEqual([]);
    expect(withCode(check(planFor({ kickoff: D('2027-03-08') })), 'plan.stale')).toEqual([]);
  });

  it('is an error when answers.goLive was edited and schedule not run', () => {
    const plan = planFor();
    const edited = { ...plan, answers: { ...plan.answers, goLive: D('2027-06-21') } };
    const [found, ...more] = withCode(check(edited), 'plan.stale');
    expect(more).toEqual([]);
    expect(found).toMatchObject({ severity: 'error', itemId: 'go-live' });
    expect(found!.message).toContain('answers.goLive is Mon 21 Jun 2027');
    expect(found!.message).toContain('Run kickoff schedule');
  });

  it('is an error when a fixed kick-off answer no longer matches the kick-off meeting', () => {
    const plan = planFor({ kickoff: D('2027-03-08') });
    const edited = { ...plan, answers: { ...plan.answers, kickoff: D('2027-03-01') } };
    expect(withCode(check(edited), 'plan.stale')[0]).toMatchObject({ itemId: 'kick-off' });
    // A kick-off already held keeps its date: nothing to re-plan.
    const held = edit(edited, 'kick-off', { status: 'done' });
    expect(withCode(check(held), 'plan.stale')).toEqual([]);
  });
});
