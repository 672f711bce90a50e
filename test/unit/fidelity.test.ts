/**
 * The plan-fidelity diagnostics: order, feasibility, go-live passed, busy periods over critical
 * days, cutover length, nations, and the wording of gap rules. One case that triggers each code and
 * one that does not. Base answers: go-live Mon 14 Jun 2027, England, EPS (test/helpers/fixtures.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAnswers } from '../../src/adapters/inputs/answers-loader.js';
import { checkNoticeText } from '../../src/domain/answers.js';
import type { HolidayTable } from '../../src/domain/calendar.js';
import { checkPlan } from '../../src/domain/check/check.js';
import { eventUid } from '../../src/domain/ids.js';
import type { Template } from '../../src/domain/template.js';
import type { Answers, CalendarDate, Diagnostic, Plan } from '../../src/domain/types.js';
import {
  D,
  LONG_AGO,
  calendarFor,
  itemOf,
  loadDefaults,
  scheduleWith,
  withCode,
} from '../helpers/fixtures.js';

let template: Template;
let holidays: HolidayTable;

beforeAll(async () => {
  ({ template, holidays } = await loadDefaults());
});

function planFor(overrides: Partial<Answers> = {}, today: CalendarDate = LONG_AGO): Plan {
  return scheduleWith({ template, holidays }, overrides, today);
}

function recheck(plan: Plan, changes: Record<string, string>, today = LONG_AGO): Diagnostic[] {
  const items = plan.items.map((i) =>
    changes[i.id] ? { ...i, start: D(changes[i.id]!), end: D(changes[i.id]!) } : i,
  );
  return checkPlan({ ...plan, items }, template, calendarFor(holidays, plan.answers.nation), today);
}

describe('schedule.out_of_order', () => {
  it('names each item a late fixed kick-off leaves before it', () => {
    // Kick-off fixed Mon 22 Mar 2027, go-live Mon 19 Apr 2027: the rules put IDP (22 Feb), the
    // extract request (18 Jan), the EPS notice (8 Mar) and the planning meeting (17 Mar) before it.
    const plan = planFor({ goLive: D('2027-04-19'), kickoff: D('2027-03-22') }, D('2026-12-01'));
    const named = withCode(plan, 'schedule.out_of_order').map((d) => d.itemId);
    expect(named).toEqual(
      expect.arrayContaining([
        'data-extract-request',
        'initial-data-production',
        'data-checking',
        'data-sign-off',
        'cutover-planning-meeting',
        'eps-notice',
      ]),
    );
    for (const d of withCode(plan, 'schedule.out_of_order')) expect(d.severity).toBe('error');
    expect(withCode(plan, 'schedule.out_of_order')[0]!.message).toContain('Mon 22 Mar 2027');
  });

  it('finds nothing out of order in a plan the rules made with time to spare', () => {
    expect(withCode(planFor(), 'schedule.out_of_order')).toEqual([]);
  });

  it('reports a switch-off moved after final data production, but not a done item', () => {
    const plan = planFor();
    // FDP Wed 9 Jun 2027; the EPS switch-off moved to Thu 10 Jun.
    const moved = recheck(plan, { 'eps-switch-off': '2027-06-10' });
    expect(withCode(moved, 'schedule.out_of_order').map((d) => d.itemId)).toContain('final-data-production');
    const done = checkPlan(
      {
        ...plan,
        items: plan.items.map((i) =>
          i.id === 'eps-switch-off'
            ? { ...i, start: D('2027-06-10'), end: D('2027-06-10'), status: 'done' }
            : i,
        ),
      },
      template,
      calendarFor(holidays, 'england'),
      LONG_AGO,
    );
    expect(withCode(done, 'schedule.out_of_order')).toEqual([]);
  });
});

describe('schedule.infeasible', () => {
  it('gives the earliest go-live that fits, and that go-live is feasible', () => {
    const plan = planFor({ goLive: D('2027-04-19'), kickoff: D('2027-03-22') }, D('2026-12-01'));
    const [error, ...more] = withCode(plan, 'schedule.infeasible');
    expect(more).toEqual([]);
    expect(error).toMatchObject({ severity: 'error', itemId: 'go-live', earliestGoLive: '2027-06-21' });
    // 13 weeks after the fixed kick-off: Mon 21 Jun 2027.
    expect(error!.message).toContain('Mon 21 Jun 2027');
    expect(error!.message).toContain('kickoff schedule --go-live 2027-06-21');
    const fits = planFor({ goLive: D('2027-06-21'), kickoff: D('2027-03-22') }, D('2026-12-01'));
    expect(withCode(fits, 'schedule.infeasible')).toEqual([]);
    expect(withCode(fits, 'schedule.out_of_order')).toEqual([]);
    // One working day earlier does not fit.
    const tight = planFor({ goLive: D('2027-06-18'), kickoff: D('2027-03-22') }, D('2026-12-01'));
    expect(withCode(tight, 'schedule.infeasible')).toHaveLength(1);
  });

  it('counts from today when there is no fixed kick-off', () => {
    // Today Mon 1 Mar 2027; go-live Mon 14 Jun 2027 puts the extract request on Mon 15 Mar … fine;
    // go-live Mon 10 May puts it on Mon 8 Feb, before today.
    expect(withCode(planFor({}, D('2027-03-01')), 'schedule.infeasible')).toEqual([]);
    const late = planFor({ goLive: D('2027-05-10') }, D('2027-03-01'));
    const [error] = withCode(late, 'schedule.infeasible');
    expect(error?.message).toContain('before today (Mon 1 Mar 2027)');
    const earliest = error!.earliestGoLive!;
    expect(earliest > '2027-05-10').toBe(true);
    expect(withCode(planFor({ goLive: earliest }, D('2027-03-01')), 'schedule.infeasible')).toEqual([]);
  });
});

describe('schedule.infeasible once the plan is under way', () => {
  it('leaves a lead item that slipped after a done kick-off to the overdue rules', () => {
    // Today Mon 1 Mar 2027 and go-live Mon 10 May: the extract request (Mon 8 Feb) is past.
    const late = planFor({ goLive: D('2027-05-10') }, D('2027-03-01'));
    expect(withCode(late, 'schedule.infeasible')).toHaveLength(1);
    const underWay = {
      ...late,
      items: late.items.map((i) => (i.id === 'kick-off' ? { ...i, status: 'done' as const } : i)),
    };
    const found = checkPlan(underWay, template, calendarFor(holidays, 'england'), D('2027-03-01'));
    expect(withCode(found, 'schedule.infeasible')).toEqual([]);
    expect(withCode(found, 'schedule.items_in_past')).toHaveLength(1);
  });
});

describe('schedule.go_live_passed', () => {
  it('says go-live has passed instead of asking for notice today', () => {
    const plan = planFor({}, D('2027-07-01'));
    expect(withCode(plan, 'schedule.go_live_passed')).toHaveLength(1);
    expect(withCode(plan, 'schedule.notice_in_past')).toEqual([]);
    expect(withCode(plan, 'schedule.infeasible')).toEqual([]);
  });

  it('is quiet while go-live is ahead', () => {
    expect(withCode(planFor({}, D('2027-06-14')), 'schedule.go_live_passed')).toEqual([]);
  });
});

describe('busy periods across the critical days', () => {
  it('warns when training falls over Easter, naming the item and the period', () => {
    // Go-live Mon 12 Apr 2027: training from GL − 3 w = Mon 22 Mar to Fri 9 Apr, over Easter
    // (Good Friday 26 Mar to Easter Monday 29 Mar 2027).
    const plan = planFor({ goLive: D('2027-04-12') });
    const easter = withCode(plan, 'schedule.busy_easter');
    expect(easter.map((d) => d.itemId)).toContain('training');
    expect(easter.find((d) => d.itemId === 'training')!.message).toContain(
      'Fri 26 Mar 2027 to Mon 29 Mar 2027',
    );
    expect(withCode(planFor({ goLive: D('2027-06-14') }), 'schedule.busy_easter')).toEqual([]);
  });

  it('warns when final data production falls in the Christmas period though go-live does not', () => {
    // Go-live Thu 7 Jan 2027 → FDP Mon 4 Jan (inside 15 Dec – 5 Jan); go-live itself is Thu 7 Jan.
    const [christmas, ...more] = withCode(planFor({ goLive: D('2027-01-07') }), 'schedule.busy_christmas');
    expect(more).toEqual([]);
    expect(christmas!.itemIds).toContain('final-data-production');
    expect(christmas!.itemIds).not.toContain('go-live');
    expect(christmas!.itemId).toBe(christmas!.itemIds![0]);
  });

  it('counts critical items, attended ones and one-off meetings, not deadlines, reminders or a weekly series', () => {
    // Go-live Mon 14 Jun 2027: kick-off Mon 15 Mar; March holds the kick-off, the survey, the staff
    // briefing and the training-needs meeting, and also deadlines (the extract request, Mon 15 Mar)
    // and the weekly meeting's first weeks, which do not count.
    const [qof, ...more] = withCode(planFor({ goLive: D('2027-06-14') }), 'schedule.busy_qof_year_end');
    expect(more).toEqual([]);
    expect(qof!.itemIds).toEqual([
      'kick-off',
      'technical-survey',
      'all-staff-briefing',
      'training-needs-meeting',
    ]);
  });
});

describe('schedule.cutover_too_long', () => {
  it('warns when a hand-moved cutover lasts more than 3 working days (72 hours)', () => {
    const plan = planFor();
    const items = plan.items.map((i) => (i.id === 'cutover' ? { ...i, start: D('2027-06-07') } : i));
    const long = checkPlan({ ...plan, items }, template, calendarFor(holidays, 'england'), LONG_AGO);
    const [warning] = withCode(long, 'schedule.cutover_too_long');
    expect(warning).toMatchObject({ severity: 'warning', itemId: 'cutover' });
    expect(warning!.message).toContain('5 working days');
    expect(withCode(plan, 'schedule.cutover_too_long')).toEqual([]);
  });
});

describe('answers.party_not_in_nation', () => {
  it('warns about PCSE for a Scottish practice and names Scotland’s own', () => {
    const plan = planFor({ nation: 'scotland', thirdParties: [{ id: 'pcse' }] });
    const [warning] = withCode(plan, 'answers.party_not_in_nation');
    expect(warning!.message).toContain('not Scotland');
    expect(warning!.message).toContain('practitioner-services-scotland');
    expect(withCode(planFor({ thirdParties: [{ id: 'pcse' }] }), 'answers.party_not_in_nation')).toEqual([]);
  });
});

describe('gap rules', () => {
  it('says a planning meeting pinned after FDP is after it, not "less than 4 weeks before"', () => {
    const late = recheck(planFor(), { 'cutover-planning-meeting': '2028-03-01' });
    const [error] = withCode(late, 'schedule.planning_meeting_too_late');
    expect(error!.message).toContain('is after "Final data production');
    expect(error!.message).not.toContain('less than');
  });

  it('makes a broken assumed notice period a warning that says it is assumed', () => {
    const plan = planFor({ thirdParties: [{ id: 'eps' }, { id: 'pathology' }] });
    const switchOff = itemOf(plan, 'pathology-switch-off').start;
    const short = recheck(plan, { 'pathology-notice': switchOff, 'eps-notice': switchOff });
    const found = withCode(short, 'schedule.notice_too_short');
    expect(found.find((d) => d.itemId === 'pathology-notice')).toMatchObject({ severity: 'warning' });
    expect(found.find((d) => d.itemId === 'pathology-notice')!.message).toContain('assumption');
    expect(found.find((d) => d.itemId === 'eps-notice')).toMatchObject({ severity: 'error' });
  });
});

describe('a go-live kept on a weekend', () => {
  it('puts reconnections and breather slots on the next working day, never before go-live', () => {
    const plan = planFor({ goLive: D('2027-06-12') }); // Sat 12 Jun 2027
    expect(itemOf(plan, 'eps-reconnect').start).toBe('2027-06-14');
    expect(itemOf(plan, 'breather-slots').start).toBe('2027-06-14');
    expect(itemOf(plan, 'eps-reconnect-on-the-day').start).toBe('2027-06-14');
  });
});

describe('eventUid', () => {
  it('keeps short UIDs as they were and shortens long ones to one calendar line, distinctly', () => {
    expect(eventUid('A81001', 'go-live')).toBe('a81001-go-live@kickoff.invalid');
    const long = 'tees-valley-pathology-results-reconnect-week-before-and-more';
    const other = 'tees-valley-pathology-results-reconnect-week-before-and-less';
    const a = eventUid('A81001', long);
    expect(`UID:${a}`.length).toBeLessThanOrEqual(75);
    expect(a).not.toBe(eventUid('A81001', other));
    expect(a).toBe(eventUid('A81001', long));
    expect(a).toMatch(/^a81001-tees-valley-.*-[0-9a-f]{8}@kickoff\.invalid$/);
  });
});

describe('notice in working days', () => {
  it('reads "10 working days", "10wd", "14 days" and "5 weeks" with their units', () => {
    expect(checkNoticeText('10 working days')).toEqual({ ok: true, value: { amount: 10, unit: 'wd' } });
    expect(checkNoticeText('10wd')).toEqual({ ok: true, value: { amount: 10, unit: 'wd' } });
    expect(checkNoticeText('1 working day')).toEqual({ ok: true, value: { amount: 1, unit: 'wd' } });
    expect(checkNoticeText('14 days')).toEqual({ ok: true, value: { amount: 14, unit: 'd' } });
    expect(checkNoticeText('5 weeks')).toEqual({ ok: true, value: { amount: 5, unit: 'w' } });
    expect(checkNoticeText('10 workdays').ok).toBe(false);
  });

  it('takes noticeWorkingDays from an answers file and counts the notice in working days', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kickoff-notice-'));
    const file = join(dir, 'answers.yaml');
    writeFileSync(file, 'thirdParties:\n  - { name: Vocare out-of-hours, noticeWorkingDays: 10 }\n');
    const known = await loadAnswers(file, template);
    expect(known.thirdParties).toEqual([{ name: 'Vocare out-of-hours', notice: { amount: 10, unit: 'wd' } }]);
    const plan = planFor({ thirdParties: known.thirdParties! });
    // Switch-off Mon 7 Jun 2027 − 10 working days: back over the Spring bank holiday (Mon 31 May)
    // → Fri 21 May 2027.
    expect(itemOf(plan, 'vocare-out-of-hours-switch-off').start).toBe('2027-06-07');
    expect(itemOf(plan, 'vocare-out-of-hours-notice').start).toBe('2027-05-21');
  });
});
