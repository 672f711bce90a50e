/**
 * The programme analysis in the domain, on plans made in memory by the scheduler: who clashes with
 * whom, what an absence elsewhere means, limits, and --suggest's choices.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, WorkingCalendar } from '../../src/domain/calendar.js';
import { DEFAULT_CAPACITY, type Capacity } from '../../src/domain/portfolio/capacity.js';
import {
  analyseProgramme,
  findProblems,
  joinStretches,
  problemsIn,
} from '../../src/domain/portfolio/problems.js';
import { formatLong } from '../../src/domain/calendar.js';
import { suggestMoves, type Mover } from '../../src/domain/portfolio/suggest.js';
import { matchingWarnings, practiceView, type PracticeView } from '../../src/domain/portfolio/portfolio.js';
import { backSchedule } from '../../src/domain/schedule/back-schedule.js';
import type { Template } from '../../src/domain/template.js';
import type { Absence, Answers, CalendarDate, Person, Plan } from '../../src/domain/types.js';
import { loadWorkspace } from '../../src/index.js';

const TODAY = '2026-11-25' as CalendarDate;
let template: Template;
let calendar: WorkingCalendar;

beforeAll(async () => {
  const workspace = await loadWorkspace();
  template = workspace.template;
  calendar = new WorkingCalendar(workspace.holidays, 'england');
});

function person(
  role: string,
  name: string,
  email = `${name.toLowerCase().replace(/ /g, '.')}@nhs.net`,
): Person {
  return { role, name, email };
}

function planFor(ods: string, goLive: string, team: Person[], absences: Absence[] = []): Plan {
  const answers: Answers = {
    practice: { name: `Practice ${ods}`, ods },
    goLive: goLive as CalendarDate,
    nation: 'england',
    systems: { current: 'EMIS Web', new: 'SystmOne' },
    team: [person('practice-manager', `Manager ${ods}`), ...team],
    thirdParties: [],
    absences,
  };
  return backSchedule(template, answers, calendar, TODAY);
}

function programme(plans: Plan[], capacity: Capacity = DEFAULT_CAPACITY, today = TODAY) {
  const read = plans.map((p) =>
    practiceView(`${p.answers.practice.ods}/kickoff.yaml`, p, template, capacity),
  );
  return analyseProgramme(read, capacity, today);
}

describe('people across practices', () => {
  it('matches people by email whatever its case, and reports their clash with both practices', () => {
    const { problems } = programme([
      planFor('A81001', '2027-05-11', [person('project-manager', 'Priya Shah', 'Priya.Shah@NHS.net')]),
      planFor('A81002', '2027-05-13', [person('project-manager', 'P. Shah', 'priya.shah@nhs.net')]),
    ]);
    expect(problems.map((p) => [p.kind, p.person?.key, p.practices])).toEqual([
      ['clash', 'priya.shah@nhs.net', ['A81001/kickoff.yaml', 'A81002/kickoff.yaml']],
    ]);
    expect(problems[0]!.items!.map((i) => i.itemId)).toContain('go-live');
  });

  it('names only the days that clash, not every day from the first to the last', () => {
    const pm = person('project-manager', 'Priya Shah');
    const { problems } = programme([
      planFor('A81001', '2027-05-11', [pm]),
      planFor('A81002', '2027-05-11', [pm]),
    ]);
    const [clash] = problems;
    const a = planFor('A81001', '2027-05-11', [pm]);
    const kickoff = a.items.find((i) => i.id === 'kick-off')!.start;
    // Kick-off in the winter, then the cutover days in May: two stretches at least, months apart.
    expect(clash!.days!.length).toBeGreaterThan(1);
    expect(clash!.days![0]).toEqual({ from: kickoff, to: kickoff });
    expect(clash!.from).toBe(kickoff);
    expect(clash!.message).toMatch(new RegExp(`at once, ${formatLong(kickoff)}(,| and) `));
    expect(clash!.message).not.toContain(`${formatLong(kickoff)} to `);
    for (const d of clash!.days!)
      expect(clash!.message).toContain(
        d.from === d.to ? formatLong(d.from) : `${formatLong(d.from)} to ${formatLong(d.to)}`,
      );
  });

  it('joins stretches of days that overlap or touch, and keeps apart those with a day between', () => {
    const d = (s: string) => s as CalendarDate;
    expect(
      joinStretches([
        { from: d('2027-03-08'), to: d('2027-03-08') },
        { from: d('2026-12-07'), to: d('2026-12-08') },
        { from: d('2026-12-09'), to: d('2026-12-09') },
        { from: d('2026-12-11'), to: d('2026-12-11') },
      ]),
    ).toEqual([
      { from: '2026-12-07', to: '2026-12-09' },
      { from: '2026-12-11', to: '2026-12-11' },
      { from: '2027-03-08', to: '2027-03-08' },
    ]);
  });

  it('finds no clash for people with different emails or practices weeks apart', () => {
    const { problems } = programme([
      planFor('A81001', '2027-05-11', [person('project-manager', 'Priya Shah')]),
      planFor('A81002', '2027-05-13', [person('project-manager', 'Sam Lee')]),
      planFor('A81003', '2027-06-15', [person('project-manager', 'Priya Shah')]),
    ]);
    expect(problems).toEqual([]);
  });

  it('lets a trainer run two trainings at once but not three (capacity atOnce), without calling it a clash', () => {
    const trainer = person('trainer', 'Sam Lee');
    const two = programme([
      planFor('A81001', '2027-05-11', [trainer]),
      planFor('A81002', '2027-05-18', [trainer]),
    ]);
    expect(two.problems).toEqual([]);
    const three = programme([
      planFor('A81001', '2027-05-11', [trainer]),
      planFor('A81002', '2027-05-18', [trainer]),
      planFor('A81003', '2027-05-25', [trainer]),
    ]);
    expect(three.problems.map((p) => [p.kind, p.count, p.limit])).toEqual([['at-once', 3, 2]]);
  });

  it("counts an absence recorded in one plan against the person's days in another, not in its own", () => {
    const trainer = person('trainer', 'Sam Lee');
    const inMay = { who: 'sam.lee@nhs.net', from: '2027-05-10', to: '2027-05-11' } as Absence;
    const inJuly = { who: 'Sam.Lee@nhs.net', from: '2027-07-12', to: '2027-07-13' } as Absence;
    const { problems } = programme([
      planFor('A81001', '2027-09-14', [person('trainer', 'Other Trainer')], [inJuly]),
      planFor('A81002', '2027-05-11', [trainer], [inMay]),
      planFor('A81003', '2027-07-13', [{ ...trainer, role: 'delivery-partner' }]),
    ]);
    // A81002 records its own absence (its own check reports that); A81003 learns of July from A81001.
    expect(problems.map((p) => [p.kind, p.practices, p.absence?.declaredIn])).toEqual([
      ['absence', ['A81003/kickoff.yaml'], 'A81001/kickoff.yaml'],
    ]);
  });

  it('matches an absence naming someone outside its own team by name, with a warning', () => {
    const away = { who: 'Sam Lee', from: '2027-05-11', to: '2027-05-11' } as Absence;
    const { problems, views } = programme([
      planFor('A81001', '2027-09-14', [], [away]),
      planFor('A81002', '2027-05-11', [person('trainer', 'Sam Lee')]),
    ]);
    expect(problems.map((p) => [p.kind, p.person?.key])).toEqual([['absence', 'sam.lee@nhs.net']]);
    expect(matchingWarnings(views).map((w) => w.code)).toEqual(['portfolio.matched_by_name']);
  });
});

describe('what has happened', () => {
  it('leaves out clashes and full weeks that are already in the past', () => {
    const pm = person('project-manager', 'Priya Shah');
    const plans = ['2027-05-11', '2027-05-12', '2027-05-13'].map((d, i) => planFor(`A8100${i + 1}`, d, [pm]));
    expect(programme(plans).problems.length).toBeGreaterThan(1);
    expect(programme(plans, DEFAULT_CAPACITY, '2027-05-17' as CalendarDate).problems).toEqual([]);
  });
});

describe('capacity', () => {
  it('reports go-lives over the weekly limit and FDPs over the supplier limit', () => {
    const plans = ['2027-05-10', '2027-05-11', '2027-05-11'].map((d, i) => planFor(`A8100${i + 1}`, d, []));
    const { problems } = programme(plans);
    expect(problems.map((p) => [p.kind, p.count, p.limit])).toEqual([['go-lives-per-week', 3, 2]]);
    const strict = programme(plans, { ...DEFAULT_CAPACITY, suppliers: { systmone: 1 } });
    expect(strict.problems.map((p) => p.kind)).toEqual(['fdps-per-day', 'go-lives-per-week']);
  });
});

describe('problems about one practice (what --suggest asks after a move)', () => {
  it('are exactly the problems of the whole bucket that name that practice', () => {
    // Six practices sharing a project manager and a trainer, one of them away across two others'
    // critical days: clashes, absences and training at once, each bucket asked about each practice.
    const [pm, trainer] = [person('project-manager', 'Priya Shah'), person('trainer', 'Sam Lee')];
    const away: Absence[] = [
      { who: 'sam.lee@nhs.net', from: '2027-05-10' as CalendarDate, to: '2027-05-21' as CalendarDate },
    ];
    const plans = ['2027-05-11', '2027-05-12', '2027-05-13', '2027-05-18', '2027-05-25', '2027-06-01'].map(
      (d, i) => planFor(`A8100${i + 1}`, d, [pm, trainer], i === 5 ? away : []),
    );
    const { index } = programme(plans);
    let compared = 0;
    for (const bucket of index.buckets())
      for (const practice of index.views.keys()) {
        const names = (p: { practices: readonly string[] }) => p.practices.includes(practice);
        const whole = problemsIn(index, bucket, DEFAULT_CAPACITY).filter(names);
        const focused = problemsIn(index, bucket, DEFAULT_CAPACITY, practice).filter(names);
        expect(focused, `${bucket} ${practice}`).toEqual(whole);
        compared += whole.length;
      }
    expect(compared).toBeGreaterThan(10);
  });
});

describe('--suggest', () => {
  function mover(views: readonly PracticeView[], plans: readonly Plan[]): Mover {
    const byId = new Map(views.map((v, i) => [v.id, plans[i]!]));
    return {
      shift: (_id, date, days) => calendar.addWorkingDays(date, days),
      replan: async (id, goLive) =>
        goLive < TODAY
          ? undefined
          : backSchedule(template, { ...byId.get(id)!.answers, goLive }, calendar, TODAY),
      diagnostics: async (id) => byId.get(id)!.diagnostics,
    };
  }

  it('moves the later practice of a clash by the fewest working days, and says the same every time', async () => {
    // July: moving either go-live a few days puts no meeting or data check into a busy period (in
    // May, a later go-live would put data checking into Easter, a new busy-period warning).
    const pm = person('project-manager', 'Priya Shah');
    const plans = [planFor('A81001', '2027-07-13', [pm]), planFor('A81002', '2027-07-15', [pm])];
    const run = () => {
      const { index, views } = programme(plans);
      return suggestMoves({
        index,
        capacity: DEFAULT_CAPACITY,
        template,
        mover: mover(views, plans),
        names: new Map(),
      });
    };
    const first = await run();
    expect(first.moves).toHaveLength(1);
    expect(first.moves[0]).toMatchObject({ ods: 'A81002', from: '2027-07-15' });
    expect(first.moves[0]!.workingDays).toBeGreaterThan(0);
    expect(await run()).toEqual(first);
    // One working day less would still clash: the move is the smallest.
    const { index, views } = programme([
      plans[0]!,
      backSchedule(
        template,
        { ...plans[1]!.answers, goLive: addDays(calendar.addWorkingDays(first.moves[0]!.to, -1), 0) },
        calendar,
        TODAY,
      ),
    ]);
    expect(views).toHaveLength(2);
    expect(findProblems(index, DEFAULT_CAPACITY).length).toBeGreaterThan(0);
  });

  it('explains a problem it cannot clear: both go-lives pinned', async () => {
    const pm = person('project-manager', 'Priya Shah');
    const plans = [planFor('A81001', '2027-05-11', [pm]), planFor('A81002', '2027-05-13', [pm])].map((p) => ({
      ...p,
      items: p.items.map((i) => (i.id === 'go-live' ? { ...i, origin: 'pinned' as const } : i)),
    }));
    const { index, views } = programme(plans);
    const result = await suggestMoves({
      index,
      capacity: DEFAULT_CAPACITY,
      template,
      mover: mover(views, plans),
      names: new Map(),
    });
    expect(result.moves).toEqual([]);
    expect(result.unresolved[0]!.reason).toContain('pinned');
  });
});
