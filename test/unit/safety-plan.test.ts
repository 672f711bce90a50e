/**
 * Issue 23, "a plan a clinical safety officer would sign": each case the domain review found, as a
 * test that failed on the code before the change. Go-lives: Thu 25 Mar 2027 (FDP Mon 22 Mar, links
 * off Thu 18 Mar) and Tue 6 Apr 2027 (Easter 26–29 Mar; FDP Thu 1 Apr, links off Tue 30 Mar).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { goLiveDayProblem } from '../../src/domain/answers.js';
import { addDays, daysBetween, type HolidayTable } from '../../src/domain/calendar.js';
import { checkPlan } from '../../src/domain/check/check.js';
import type { Template } from '../../src/domain/template.js';
import type { Answers, CalendarDate, Nation, Plan } from '../../src/domain/types.js';
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

/** Every third party the template offers in `nation`. */
function catalogue(nation: Nation): Answers['thirdParties'] {
  return template.thirdParties
    .filter((p) => !p.nations || p.nations.includes(nation))
    .map((p) => ({ id: p.id }));
}

function planFor(
  goLive: string,
  nation: Nation = 'england',
  extra: Partial<Answers> = {},
  today: CalendarDate = LONG_AGO,
): Plan {
  return scheduleWith(
    { template, holidays },
    { goLive: D(goLive), nation, thirdParties: catalogue(nation), ...extra },
    today,
  );
}

const ids = (plan: Plan) => plan.items.map((i) => i.id);
const partyItems = (plan: Plan, suffix: string) => plan.items.filter((i) => i.id.endsWith(`-${suffix}`));

describe('decisions and rollback', () => {
  it.each(['2027-03-25', '2027-04-06'])(
    'takes the go / no-go decision (go-live %s) before any link switches off or its 09:00 reminder',
    (goLive) => {
      const plan = planFor(goLive);
      const decision = itemOf(plan, 'go-no-go-meeting').start;
      const switchOffs = partyItems(plan, 'switch-off');
      expect(switchOffs.length).toBeGreaterThan(10);
      for (const item of [...switchOffs, ...partyItems(plan, 'reminder-on-the-day')])
        expect(decision < item.start, `${item.id} ${item.start} vs go/no-go ${decision}`).toBe(true);
    },
  );

  it('holds a final go / no-go at the end of the cutover, after final data production and before go-live', () => {
    const plan = planFor('2027-03-25');
    const final = itemOf(plan, 'final-go-no-go');
    expect(final.type).toBe('meeting');
    expect(final.start > itemOf(plan, 'final-data-production').start).toBe(true);
    expect(final.start < itemOf(plan, 'go-live').start).toBe(true);
    expect(final.roles).toContain('clinical-safety-officer');
  });

  it('signs the safety case and passes the last point of rollback on the day of the final go / no-go, even off Christmas Eve', () => {
    // Go-live Wed 29 Dec 2027: the last cutover day is Fri 24 Dec, kept free of meetings, so the
    // final go / no-go is Thu 23 Dec, and the sign-off and the last point of rollback go with it.
    const plan = planFor('2027-12-29');
    for (const id of ['final-go-no-go', 'clinical-safety-sign-off', 'rollback-last-point'])
      expect(itemOf(plan, id).start, id).toBe('2027-12-23');
    expect(withCode(plan, 'schedule.out_of_order')).toEqual([]);
  });

  it('agrees a written rollback plan at the cutover planning meeting, and names the last point of rollback', () => {
    const plan = planFor('2027-03-25');
    expect(itemOf(plan, 'rollback-plan-agreed').start).toBe(itemOf(plan, 'cutover-planning-meeting').start);
    const last = itemOf(plan, 'rollback-last-point');
    expect(last.type).toBe('milestone');
    expect(last.roles[0]).toBe('project-manager');
    expect(last.start > itemOf(plan, 'final-data-production').start).toBe(true);
    expect(last.start < itemOf(plan, 'go-live').start).toBe(true);
  });
});

describe('clinical safety (DCB0160) and information governance', () => {
  it('has a clinical safety officer role who signs the safety case before go-live', () => {
    expect(template.roles.map((r) => r.id)).toContain('clinical-safety-officer');
    const plan = planFor('2027-03-25');
    const goLive = itemOf(plan, 'go-live').start;
    const drafted = itemOf(plan, 'safety-case-drafted');
    const hazards = itemOf(plan, 'hazard-log-reviewed');
    const signOff = itemOf(plan, 'clinical-safety-sign-off');
    expect(signOff.roles).toContain('clinical-safety-officer');
    expect(hazards.start < drafted.start).toBe(true);
    expect(drafted.start <= itemOf(plan, 'go-no-go-meeting').start).toBe(true);
    expect(signOff.start < goLive).toBe(true);
  });

  it('names the route for escalating a material clinical risk, for the pack', () => {
    const route = itemOf(planFor('2027-03-25'), 'risk-escalation-route');
    expect(route.roles).toContain('clinical-safety-officer');
    expect(route.description).toMatch(/clinical safety officer/i);
  });

  it('reviews the DPIA before the first extract leaves the practice, with information-governance sign-off', () => {
    const plan = planFor('2027-03-25');
    const dpia = itemOf(plan, 'dpia-reviewed');
    expect(dpia.title).toMatch(/information.governance sign-off/i);
    expect(dpia.start < itemOf(plan, 'initial-data-production').start).toBe(true);
  });

  it('places the order before kick-off; ends the old contract and records the deployment after go-live', () => {
    const plan = planFor('2027-03-25');
    const goLive = itemOf(plan, 'go-live').start;
    expect(itemOf(plan, 'order-placed').start < itemOf(plan, 'kick-off').start).toBe(true);
    for (const id of ['deployment-recorded', 'old-system-notice-given', 'old-system-decommissioned'])
      expect(itemOf(plan, id).start > goLive, id).toBe(true);
    expect(itemOf(plan, 'old-system-decommissioned').start >= itemOf(plan, 'legacy-support-ends').start).toBe(
      true,
    );
  });
});

describe('prescribing safety', () => {
  it('tells pharmacies and patients at least two weeks before the FP10 window opens', () => {
    // Before: both Mon 22 Feb 2027 (FDP − 1 month).
    const plan = planFor('2027-03-25');
    const told = itemOf(plan, 'prescribing-changes-announced').start;
    const window = itemOf(plan, 'fp10-window').start;
    expect(daysBetween(told, window)).toBeGreaterThanOrEqual(14);
  });

  it('cancels outstanding repeat dispensing after the decision and before EPS switches off; re-issues after go-live', () => {
    const plan = planFor('2027-03-25');
    const cancelled = itemOf(plan, 'erd-cancelled').start;
    expect(cancelled >= itemOf(plan, 'go-no-go-meeting').start).toBe(true);
    expect(cancelled < itemOf(plan, 'eps-switch-off').start).toBe(true);
    expect(itemOf(plan, 'erd-reissued').start > itemOf(plan, 'go-live').start).toBe(true);
  });

  it('gives a dispensing practice its own path, and no one else', () => {
    const dispensing = planFor('2027-03-25', 'england', { dispensing: true });
    const plain = planFor('2027-03-25');
    const path = ['dispensing-hardware-checked', 'dispensary-stock-take', 'dispensary-re-entered'];
    for (const id of path) {
      expect(ids(dispensing)).toContain(id);
      expect(ids(plain)).not.toContain(id);
    }
  });
});

describe('hypercare after go-live', () => {
  it('puts support in the practice on days 1–5, a daily stand-up, an issue log and weekly report checks', () => {
    // Go-live Thu 25 Mar 2027: days 1–5 are Thu 25, Tue 30, Wed 31 Mar, Thu 1, Fri 2 Apr (Good Friday
    // 26 Mar and Easter Monday 29 Mar skipped); the stand-ups are on days 2–5.
    const plan = planFor('2027-03-25');
    expect(itemOf(plan, 'hypercare-support')).toMatchObject({ start: '2027-03-25', end: '2027-04-02' });
    const standUps = plan.items.filter((i) => i.id.startsWith('daily-stand-up'));
    expect(standUps.map((i) => i.start)).toEqual(['2027-03-30', '2027-03-31', '2027-04-01', '2027-04-02']);
    expect(standUps.map((i) => i.id)).toEqual([1, 2, 3, 4].map((n) => `daily-stand-up-${n}`));
    expect(standUps.every((i) => i.type === 'meeting' && i.time !== undefined)).toBe(true);
    expect(itemOf(plan, 'issue-log').start <= itemOf(plan, 'final-data-production').start).toBe(true);
    const reports = itemOf(plan, 'report-checks');
    expect(reports.recurrence?.until).toBe(addDays(D('2027-03-25'), 28));
  });

  it('keeps the stand-ups on four different working days when Christmas Eve and New Year’s Eve fall among them', () => {
    // Go-live Wed 23 Dec 2026: day 2 would be Thu 24 Dec (kept free of meetings), so the stand-ups
    // are Tue 29, Wed 30 Dec (25 and 28 Dec are bank holidays), then not Thu 31 Dec but Mon 4 and
    // Tue 5 Jan 2027 (1 Jan is a bank holiday).
    const plan = planFor('2026-12-23');
    const standUps = plan.items.filter((i) => i.id.startsWith('daily-stand-up')).map((i) => i.start);
    expect(standUps).toEqual(['2026-12-29', '2026-12-30', '2027-01-04', '2027-01-05']);
  });

  it('asks, before read-only access to the old system ends, whether to extend it or export the audit trail', () => {
    const plan = planFor('2027-03-25');
    const decide = itemOf(plan, 'read-only-access-decision');
    const ends = itemOf(plan, 'read-only-access-ends').start;
    expect(daysBetween(decide.start, ends)).toBeGreaterThanOrEqual(7);
    expect(decide.title).toMatch(/audit trail/);
  });
});

describe('access and links', () => {
  it('starts smartcard and Registration Authority changes weeks before training', () => {
    // Before: the only smartcard item was at FDP − 5wd, Mon 15 Mar, after training began Thu 4 Mar.
    const plan = planFor('2027-03-25');
    const cards = itemOf(plan, 'smartcard-ra-changes');
    expect(daysBetween(cards.start, itemOf(plan, 'training').start)).toBeGreaterThanOrEqual(21);
    expect(cards.end < itemOf(plan, 'training').start).toBe(true);
  });

  it('reconciles the registration list before go-live', () => {
    const plan = planFor('2027-03-25');
    expect(itemOf(plan, 'list-reconciliation').end < itemOf(plan, 'final-data-production').start).toBe(true);
  });

  it('offers e-RS, MESH and pathology order comms as linked services with a notice; PCSE’s 2 weeks is sourced', () => {
    const plan = planFor('2027-03-25');
    for (const party of ['e-rs', 'mesh', 'order-comms']) expect(ids(plan)).toContain(`${party}-notice`);
    expect(template.thirdParties.find((p) => p.id === 'pcse')).toMatchObject({
      notice: { amount: 2, unit: 'w' },
    });
    expect(template.thirdParties.find((p) => p.id === 'pcse')?.noticeAssumed).toBeUndefined();
  });
});

describe('each nation’s own plan', () => {
  it('gives Scotland its own services and no England-only items', () => {
    const scotland = planFor('2027-05-11', 'scotland');
    const offered = scotland.thirdParties.map((p) => p.id);
    for (const id of ['epharmacy', 'ecs-kis', 'nhs-24', 'sci-gateway', 'gp2gp'])
      expect(offered).toContain(id);
    for (const id of ['pcse', 'scr', 'nhs-111', 'e-rs', 'eps']) expect(offered).not.toContain(id);
    expect(ids(scotland)).not.toContain('fp10-window');
    expect(withCode(scotland, 'answers.party_not_in_nation')).toEqual([]);
  });

  it('lets a Scottish practice choose GP2GP without a warning (it is used in Scotland)', () => {
    const plan = planFor('2027-05-11', 'scotland', { thirdParties: [{ id: 'gp2gp' }] });
    expect(withCode(plan, 'answers.party_not_in_nation')).toEqual([]);
  });

  it('gives Northern Ireland its own registration and care-record services', () => {
    const offered = planFor('2027-05-11', 'northern-ireland').thirdParties.map((p) => p.id);
    expect(offered).toEqual(expect.arrayContaining(['bso-fps', 'niecr']));
    expect(offered).not.toContain('pcse');
  });

  it.each(['scotland', 'northern-ireland'] as const)('gives no QOF year-end warning in %s', (nation) => {
    // Go-live Thu 25 Mar 2027: training, cutover and go-live all in March.
    expect(withCode(planFor('2027-03-25', nation), 'schedule.busy_qof_year_end')).toEqual([]);
    expect(withCode(planFor('2027-03-25', 'england'), 'schedule.busy_qof_year_end')).not.toEqual([]);
  });

  it('warns about the July holiday fortnight in Northern Ireland only', () => {
    const july = (nation: Nation) =>
      planFor('2027-07-13', nation).diagnostics.filter((d) => /July/.test(d.message));
    expect(july('northern-ireland')).toHaveLength(1);
    expect(july('england')).toEqual([]);
  });

  it('sources every nation’s own service from that nation, not an assumption', () => {
    const own = template.thirdParties.filter((p) => p.nations && !p.nations.includes('england'));
    expect(own.length).toBeGreaterThanOrEqual(8);
    for (const party of own) expect(party.source, party.id).not.toMatch(/assumed/i);
  });
});

describe('checks that still missed things', () => {
  it('warns when the kick-off and the all-staff briefing fall over Christmas', () => {
    // Go-live Thu 25 Mar 2027: kick-off Wed 23 Dec 2026, all-staff briefing Wed 30 Dec 2026.
    const plan = planFor('2027-03-25');
    expect(itemOf(plan, 'kick-off').start).toBe('2026-12-23');
    const [christmas, ...more] = withCode(plan, 'schedule.busy_christmas');
    expect(more).toEqual([]);
    expect(christmas!.itemIds).toEqual(expect.arrayContaining(['kick-off', 'all-staff-briefing']));
    expect(christmas!.message).toContain('Kick-off meeting');
  });

  it('gives one warning per busy period, listing its items, not one per item', () => {
    // Before: 15 near-identical QOF year-end lines for this plan.
    const plan = planFor('2027-03-25');
    const qof = withCode(plan, 'schedule.busy_qof_year_end');
    expect(qof).toHaveLength(1);
    expect(qof[0]!.itemIds).toEqual(expect.arrayContaining(['go-live', 'final-data-production', 'training']));
    expect(qof[0]!.itemId).toBe('go-live');
  });

  it('puts each "next week" reminder 5–9 days before its switch-off, never before its own notice', () => {
    // Go-live Tue 6 Apr 2027. Before: Docman's reminder Thu 18 Mar for a Tue 30 Mar switch-off,
    // 12 days ahead and before its own notice deadline (Fri 19 Mar).
    const plan = planFor('2027-04-06');
    const reminders = partyItems(plan, 'reminder-week-before');
    expect(reminders.length).toBeGreaterThan(5);
    for (const reminder of reminders) {
      const party = reminder.thirdParty!;
      const days = daysBetween(reminder.start, itemOf(plan, `${party}-switch-off`).start);
      expect(days, reminder.id).toBeGreaterThanOrEqual(5);
      expect(days, reminder.id).toBeLessThanOrEqual(9);
      expect(reminder.start > itemOf(plan, `${party}-notice`).start, reminder.id).toBe(true);
    }
  });

  it('merges the reminder into the notice when the notice is about a week or less', () => {
    // Go-live Thu 25 Mar 2027: Docman's 5 working days' notice is Thu 11 Mar, a week before its switch-off.
    const plan = planFor('2027-03-25');
    expect(ids(plan)).not.toContain('docman-reminder-week-before');
    expect(itemOf(plan, 'docman-notice').title).toMatch(/remind/i);
    expect(ids(plan)).toContain('eps-reminder-week-before');
  });

  it('never offers a working day in the past for a go-live on a weekend', () => {
    // Today Sun 6 Dec 2026, go-live Sun 6 Dec 2026. Before: "The nearest working days are Fri 4 Dec 2026 …"
    const today = D('2026-12-06');
    const calendar = calendarFor(holidays, 'england');
    const problem = goLiveDayProblem(today, calendar, today);
    expect(problem?.before).toBeUndefined();
    expect(problem?.after).toBe('2026-12-07');
    const plan = planFor('2026-12-06', 'england', {}, today);
    const [warning] = withCode(plan, 'schedule.go_live_not_working_day');
    expect(warning!.message).not.toContain('Fri 4 Dec 2026');
    expect(warning!.message).toContain('Mon 7 Dec 2026');
  });

  it('says a notice in the past is a warning when its period is assumed, and an error when it is sourced', () => {
    // Go-live Thu 25 Mar 2027 checked on Mon 15 Feb 2027: 5-week notices (Thu 11 Feb) have passed.
    const plan = planFor('2027-03-25', 'england', {}, D('2027-02-15'));
    const late = withCode(plan, 'schedule.notice_in_past');
    const pathology = late.find((d) => d.itemId === 'pathology-notice');
    expect(pathology).toMatchObject({ severity: 'warning' });
    expect(pathology!.message).toContain("kickoff's assumption");
    expect(late.find((d) => d.itemId === 'eps-notice')).toMatchObject({ severity: 'error' });
  });

  it('gives the earliest go-live the sourced rules allow, and names the assumption that pushes it later', () => {
    // Go-live Tue 6 Apr 2027 checked on Mon 22 Mar 2027. Before: "The earliest go-live that leaves
    // them their time is Mon 21 Jun 2027", where the sourced rules allow one in May.
    const plan = scheduleWith(
      { template, holidays },
      { goLive: D('2027-04-06'), thirdParties: [{ id: 'eps' }] },
      D('2027-03-22'),
    );
    const [infeasible] = withCode(plan, 'schedule.infeasible');
    expect(infeasible!.earliestGoLiveSourced).toMatch(/^2027-05-/);
    expect(infeasible!.earliestGoLive! > infeasible!.earliestGoLiveSourced!).toBe(true);
    expect(infeasible!.message).toMatch(/sourced rules allow .* May 2027/);
    expect(infeasible!.message).toContain('Initial data production');
    expect(infeasible!.message).toMatch(/assum/);
  });
});

describe('a plan re-checked', () => {
  it('still reports the grouped busy warning when a hand-edited plan is checked', () => {
    const plan = planFor('2027-03-25');
    const found = checkPlan(plan, template, calendarFor(holidays, 'england'), LONG_AGO);
    expect(withCode(found, 'schedule.busy_christmas')).toHaveLength(1);
  });
});
