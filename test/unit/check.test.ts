/**
 * Diagnostics: what checkPlan reports about a plan, through backSchedule (computed plans) and
 * directly (hand-edited plans). Dates are worked out by hand in the comments.
 *
 * The base answers (test/helpers/fixtures.ts) give go-live Mon 14 Jun 2027, England, EPS. By hand:
 *   kick-off       = 14 Jun − 91 days          = Mon 15 Mar 2027
 *   FDP            = 14 Jun − 3wd              = Wed 9 Jun (Fri 11, Thu 10, Wed 9)
 *   EPS switch-off = FDP − 2wd                 = Mon 7 Jun (Tue 8, Mon 7)
 *   EPS notice     = 7 Jun − 35 days = Mon 3 May, Early May bank holiday → Fri 30 Apr 2027
 *   planning mtg   = FDP − 28 days             = Wed 12 May 2027
 *   training       = 14 Jun − 3w = Mon 24 May … 14 Jun − 1wd = Fri 11 Jun 2027
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { HolidayTable } from '../../src/domain/calendar.js';
import { checkPlan } from '../../src/domain/check/check.js';
import { backSchedule } from '../../src/domain/schedule/back-schedule.js';
import type { Template } from '../../src/domain/template.js';
import type { Answers, CalendarDate, Plan, PlanItem } from '../../src/domain/types.js';
import {
  D,
  LONG_AGO,
  answersFor,
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

function codes(plan: Plan): string[] {
  return plan.diagnostics.map((d) => d.code);
}

/** A copy of the plan with one item's dates replaced, as a person editing plan.yaml would. */
function moveItem(plan: Plan, id: string, date: string, extra: Partial<PlanItem> = {}): Plan {
  itemOf(plan, id); // fails loudly if the id is wrong
  return {
    ...plan,
    items: plan.items.map((i) => (i.id === id ? { ...i, start: D(date), end: D(date), ...extra } : i)),
    diagnostics: [],
  };
}

describe('checkPlan: today', () => {
  it('warns when today is after the kick-off, and still builds the whole plan', () => {
    const late = planFor({}, D('2027-03-16')); // the day after kick-off (Mon 15 Mar 2027)
    const [warning, ...more] = withCode(late, 'schedule.kickoff_in_past');
    expect(more).toEqual([]);
    expect(warning).toMatchObject({ severity: 'warning', itemId: 'kick-off' });
    expect(warning!.message).toContain('Mon 15 Mar 2027');
    // Same items, same dates as when there is time enough.
    expect(late.items).toEqual(planFor().items);
  });

  it('does not warn about a kick-off that is today', () => {
    expect(codes(planFor({}, D('2027-03-15')))).not.toContain('schedule.kickoff_in_past');
  });

  it('reports an error naming the party when today is after its notice deadline', () => {
    const plan = planFor({}, D('2027-05-01')); // the day after Fri 30 Apr 2027
    const [error, ...more] = withCode(plan, 'schedule.notice_in_past');
    expect(more).toEqual([]);
    expect(error).toMatchObject({ severity: 'error', itemId: 'eps-notice' });
    expect(error!.message).toContain('Electronic Prescription Service (EPS)');
    expect(error!.message).toContain('Fri 30 Apr 2027');
    expect(codes(plan)).not.toContain('schedule.notice_due_soon');
  });

  it('warns that a notice is due soon from 7 days before the deadline up to the day itself', () => {
    // 30 Apr − 7 days = Fri 23 Apr: the first "due soon" day; Thu 22 Apr is one day too early.
    for (const today of ['2027-04-23', '2027-04-27', '2027-04-30']) {
      const plan = planFor({}, D(today));
      expect(withCode(plan, 'schedule.notice_due_soon'), today).toEqual([
        expect.objectContaining({ severity: 'warning', itemId: 'eps-notice' }),
      ]);
      expect(codes(plan), today).not.toContain('schedule.notice_in_past');
    }
    const early = planFor({}, D('2027-04-22'));
    expect(codes(early)).not.toContain('schedule.notice_due_soon');
    expect(codes(early)).not.toContain('schedule.notice_in_past');
  });
});

describe('checkPlan: absences', () => {
  const team = [
    { role: 'project-manager', name: 'Pat Jones', email: 'pat.jones@nhs.net' },
    { role: 'trainer', name: 'Sam Lee', email: 'sam.lee@nhs.net' },
  ];

  it('warns when the trainer is away during the training window, and moves no date', () => {
    // Away Tue 25 – Thu 27 May 2027: inside training (24 May – 11 Jun) and clear of the trainer's other
    // items (training-needs meeting in March, smartcards check Wed 2 Jun, cutover 9–11 Jun, go-live 14 Jun).
    const absences = [{ who: 'Sam Lee', from: D('2027-05-25'), to: D('2027-05-27') }];
    const plan = planFor({ team, absences });
    const clashes = withCode(plan, 'absence.clash');
    expect(clashes).toHaveLength(1);
    expect(clashes[0]).toMatchObject({ severity: 'warning', itemId: 'training' });
    expect(clashes[0]!.message).toContain('Sam Lee');
    expect(clashes[0]!.message).toContain('Core training on the new system');
    expect(plan.items).toEqual(planFor({ team }).items);
  });

  it('finds the person by email too, whatever the case', () => {
    const absences = [{ who: 'SAM.LEE@NHS.NET', from: D('2027-05-25'), to: D('2027-05-27') }];
    expect(withCode(planFor({ team, absences }), 'absence.clash').map((d) => d.itemId)).toEqual(['training']);
  });

  it('counts an absence that ends on the first day of training as a clash', () => {
    // Thu 20 – Mon 24 May 2027: the last day away is training's first day (Mon 24 May).
    const absences = [{ who: 'Sam Lee', from: D('2027-05-20'), to: D('2027-05-24') }];
    expect(withCode(planFor({ team, absences }), 'absence.clash').map((d) => d.itemId)).toEqual(['training']);
    // One day earlier (Thu 20 – Fri 21 May) does not touch it.
    const before = [{ who: 'Sam Lee', from: D('2027-05-20'), to: D('2027-05-21') }];
    expect(withCode(planFor({ team, absences: before }), 'absence.clash')).toEqual([]);
  });

  it('does not warn about an absence outside the trainer’s items', () => {
    // Mon 19 – Fri 23 Apr 2027: after the training-needs meeting, long before training.
    const absences = [{ who: 'Sam Lee', from: D('2027-04-19'), to: D('2027-04-23') }];
    expect(withCode(planFor({ team, absences }), 'absence.clash')).toEqual([]);
  });

  it('counts every role of a person listed twice: a lead GP who is also the clinical safety officer', () => {
    // Go-live Mon 14 Jun 2027: FDP Wed 9 Jun, go/no-go Fri 4 Jun (FDP − 3wd), the safety case drafted
    // Wed 2 Jun (− 2wd): the clinical safety officer's item, not the lead GP's. Away Tue 1 – Wed 2 Jun.
    const both = [
      { role: 'project-manager', name: 'Pat Jones', email: 'pat.jones@nhs.net' },
      { role: 'lead-gp', name: 'Zoe Adams', email: 'zoe.adams@nhs.net' },
      { role: 'clinical-safety-officer', name: 'Zoe Adams', email: 'zoe.adams@nhs.net' },
    ];
    const absences = [{ who: 'Zoe Adams', from: D('2027-06-01'), to: D('2027-06-02') }];
    const clashes = withCode(planFor({ team: both, absences }), 'absence.clash');
    const drafted = clashes.find((d) => d.itemId === 'safety-case-drafted');
    expect(drafted!.message).toContain('Zoe Adams (clinical-safety-officer) is away');
    expect(clashes.map((d) => d.itemId)).toContain('training');
  });

  it('warns about an absence naming someone who is not in the team', () => {
    const absences = [{ who: 'Alex Nobody', from: D('2027-05-25'), to: D('2027-05-27') }];
    const plan = planFor({ team, absences });
    const [warning, ...more] = withCode(plan, 'absence.unknown_person');
    expect(more).toEqual([]);
    expect(warning!.severity).toBe('warning');
    expect(warning!.message).toContain('Alex Nobody');
    expect(codes(plan)).not.toContain('absence.clash');
  });
});

describe('checkPlan: the go-live date', () => {
  it('warns about a go-live on a Saturday and names the working days either side', () => {
    const plan = planFor({ goLive: D('2027-06-12') }); // Sat 12 Jun 2027
    const [warning] = withCode(plan, 'schedule.go_live_not_working_day');
    expect(warning).toMatchObject({ severity: 'warning', itemId: 'go-live' });
    expect(warning!.message).toContain('weekend');
    expect(warning!.message).toContain('Fri 11 Jun 2027');
    expect(warning!.message).toContain('Mon 14 Jun 2027');
  });

  it('warns about a go-live on a bank holiday and names the working days either side', () => {
    // Mon 31 May 2027, Spring bank holiday: Fri 28 May before (weekend between), Tue 1 Jun after.
    const plan = planFor({ goLive: D('2027-05-31') });
    const [warning] = withCode(plan, 'schedule.go_live_not_working_day');
    expect(warning!.message).toContain('Spring bank holiday');
    expect(warning!.message).toContain('Fri 28 May 2027');
    expect(warning!.message).toContain('Tue 1 Jun 2027');
  });

  it('warns about a go-live in March, the QOF year end', () => {
    const plan = planFor({ goLive: D('2027-03-10') }); // Wed 10 Mar 2027
    expect(withCode(plan, 'schedule.busy_qof_year_end')).toContainEqual(
      expect.objectContaining({ severity: 'warning', itemId: 'go-live' }),
    );
    // Its kick-off (Wed 9 Dec 2026) is before Christmas; the briefing a week later (Wed 16 Dec) is in it.
    const [christmas] = withCode(plan, 'schedule.busy_christmas');
    expect(christmas!.itemIds).not.toContain('go-live');
    expect(christmas!.itemIds).toContain('all-staff-briefing');
  });

  it('warns about a go-live over Christmas and New Year (15 Dec – 5 Jan)', () => {
    const goLiveWarned = (goLive: string) =>
      withCode(planFor({ goLive: D(goLive) }), 'schedule.busy_christmas').some((d) => d.itemId === 'go-live');
    expect(goLiveWarned('2027-12-20')).toBe(true); // Mon
    expect(goLiveWarned('2028-01-05')).toBe(true); // Wed, last day
    expect(goLiveWarned('2028-01-06')).toBe(false); // Thu
  });

  it('gives no warning at all for a plan whose key days miss every busy period', () => {
    // Go-live Mon 12 Jul 2027: kick-off Mon 12 Apr, after Easter; nothing in March, October or November.
    expect(planFor({ goLive: D('2027-07-12') }).diagnostics).toEqual([]);
  });
});

describe('checkPlan: gap rules on a hand-edited plan', () => {
  it('reports a cutover planning meeting less than 4 weeks before FDP as an error', () => {
    // FDP Wed 9 Jun 2027 − 3 weeks = Wed 19 May; the latest allowed is 9 Jun − 28 days = Wed 12 May.
    const plan = planFor();
    const calendar = calendarFor(holidays, 'england');
    const late = checkPlan(
      moveItem(plan, 'cutover-planning-meeting', '2027-05-19'),
      template,
      calendar,
      LONG_AGO,
    );
    const [error, ...more] = withCode(late, 'schedule.planning_meeting_too_late');
    expect(more).toEqual([]);
    expect(error).toMatchObject({ severity: 'error', itemId: 'cutover-planning-meeting' });
    expect(error!.message).toContain('Wed 12 May 2027');
    // Exactly 4 weeks is enough; one day later is not.
    const onTime = checkPlan(
      moveItem(plan, 'cutover-planning-meeting', '2027-05-12'),
      template,
      calendar,
      LONG_AGO,
    );
    expect(withCode(onTime, 'schedule.planning_meeting_too_late')).toEqual([]);
    const dayLate = checkPlan(
      moveItem(plan, 'cutover-planning-meeting', '2027-05-13'),
      template,
      calendar,
      LONG_AGO,
    );
    expect(withCode(dayLate, 'schedule.planning_meeting_too_late')).toHaveLength(1);
  });

  it('checks nothing for a moved item that is already done', () => {
    const plan = planFor();
    const done = moveItem(plan, 'cutover-planning-meeting', '2027-05-19', { status: 'done' });
    const found = checkPlan(done, template, calendarFor(holidays, 'england'), LONG_AGO);
    expect(withCode(found, 'schedule.planning_meeting_too_late')).toEqual([]);
  });

  it('reports EPS notice later than 5 weeks before its switch-off as an error', () => {
    // Switch-off Mon 7 Jun 2027 − 35 days = Mon 3 May: the latest notice day (the rule does not roll).
    const plan = planFor();
    const calendar = calendarFor(holidays, 'england');
    const short = checkPlan(moveItem(plan, 'eps-notice', '2027-05-04'), template, calendar, LONG_AGO);
    const [error, ...more] = withCode(short, 'schedule.notice_too_short');
    expect(more).toEqual([]);
    expect(error).toMatchObject({ severity: 'error', itemId: 'eps-notice' });
    expect(error!.message).toContain('Mon 3 May 2027');
    const exact = checkPlan(moveItem(plan, 'eps-notice', '2027-05-03'), template, calendar, LONG_AGO);
    expect(withCode(exact, 'schedule.notice_too_short')).toEqual([]);
  });

  it('finds no error in a default plan when today is well before it', () => {
    const plan = planFor({ thirdParties: [{ id: 'eps' }, { id: 'docman' }, { id: 'screening' }] });
    expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // and checkPlan on the unchanged plan agrees with what backSchedule attached
    expect(checkPlan(plan, template, calendarFor(holidays, 'england'), LONG_AGO)).toEqual(plan.diagnostics);
  });
});

describe('absences and weekly meetings', () => {
  it('reports an absence that falls on one occurrence of the weekly migration meeting', async () => {
    const { template, holidays } = await loadDefaults();
    // Go-live Mon 14 Jun 2027: kick-off Mon 15 Mar, weekly meetings on Mondays from 22 Mar; Mon 29 Mar is
    // Easter Monday (that week meets on Tue 30 Mar), Mon 12 Apr is a meeting day.
    const away = (from: string, to: string) =>
      backSchedule(
        template,
        answersFor({ absences: [{ who: 'Pat Jones', from: D(from), to: D(to) }] }),
        calendarFor(holidays, 'england'),
        D('2026-01-05'),
      ).diagnostics.filter((d) => d.code === 'absence.clash' && d.itemId === 'weekly-migration-meeting');
    expect(away('2027-04-12', '2027-04-16')).toHaveLength(1);
    expect(away('2027-03-29', '2027-03-29')).toHaveLength(0);
    expect(away('2027-03-30', '2027-03-30')).toHaveLength(1);
    expect(away('2027-03-31', '2027-04-02')).toHaveLength(0);
  });
});

describe('moved weeks of the weekly meeting, edited by hand', () => {
  // Weekly meetings on Mondays from 22 Mar 2027; Easter Monday 29 Mar is moved to Tue 30 Mar.
  const withMoves = (plan: Plan, moved: { from: string; to: string }[]): Plan => ({
    ...plan,
    items: plan.items.map((i) =>
      i.id === 'weekly-migration-meeting'
        ? {
            ...i,
            recurrence: { ...i.recurrence!, moved: moved.map((m) => ({ from: D(m.from), to: D(m.to) })) },
          }
        : i,
    ),
  });
  const codes = (plan: Plan) =>
    checkPlan(plan, template, calendarFor(holidays, 'england'), LONG_AGO)
      .filter((d) => d.code.startsWith('plan.move'))
      .map((d) => d.code);

  it('finds nothing wrong with the computed moves', () => {
    expect(codes(planFor())).toEqual([]);
  });

  it('warns when a move names a day the series does not meet on (a Tuesday)', () => {
    expect(codes(withMoves(planFor(), [{ from: '2027-03-30', to: '2027-03-31' }]))).toEqual([
      'plan.move_not_in_series',
    ]);
  });

  it('warns when a move lands on a bank holiday or a weekend', () => {
    // Mon 29 Mar → Fri 26 Mar (Good Friday); Mon 12 Apr → Sat 17 Apr.
    const plan = withMoves(planFor(), [
      { from: '2027-03-29', to: '2027-03-26' },
      { from: '2027-04-12', to: '2027-04-17' },
    ]);
    expect(codes(plan)).toEqual(['plan.move_to_day_off', 'plan.move_to_day_off']);
  });
});

describe('a weekly meeting in the weeks of final data production and go-live', () => {
  // Go-live Mon 14 Jun 2027, FDP Wed 9 Jun: the series (Mondays from 22 Mar) meets on Mon 7 and Mon 14 Jun.
  const codes = (plan: Plan) =>
    checkPlan(plan, template, calendarFor(holidays, 'england'), LONG_AGO)
      .filter((d) => d.code === 'schedule.no_meeting_in_week')
      .map((d) => d.message);

  it('holds for the computed plan', () => {
    expect(codes(planFor())).toEqual([]);
  });

  it('warns, naming the week, when a person ends the series before FDP', () => {
    const plan = planFor();
    const cut = {
      ...plan,
      items: plan.items.map((i) =>
        i.id === 'weekly-migration-meeting'
          ? { ...i, recurrence: { ...i.recurrence!, until: D('2027-05-31'), moved: [] } }
          : i,
      ),
    };
    expect(codes(cut)).toEqual([
      expect.stringContaining(
        'in the week of "Final data production (users logged off; cutover starts)" (Wed 9 Jun 2027)',
      ),
      expect.stringContaining('(Mon 14 Jun 2027)'),
    ]);
  });

  it('warns when that week’s meeting is moved into another week by hand', () => {
    // Mon 7 Jun moved to Fri 4 Jun, the week before: FDP's week has no meeting.
    const plan = planFor();
    const moved = {
      ...plan,
      items: plan.items.map((i) =>
        i.id === 'weekly-migration-meeting'
          ? {
              ...i,
              recurrence: { ...i.recurrence!, moved: [{ from: D('2027-06-07'), to: D('2027-06-04') }] },
            }
          : i,
      ),
    };
    expect(codes(moved)).toHaveLength(1);
  });
});
