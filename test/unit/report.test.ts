/**
 * The weekly report's pure parts: each practice's own health (red, amber, green, share done, next
 * milestone), the RAID log's order and ids, and the report's lists against today.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/domain/calendar.js';
import { checkPlan } from '../../src/domain/check/check.js';
import { practiceHealth, withProgrammeProblems, donePercent } from '../../src/domain/portfolio/health.js';
import { nextRaidId, sortRaid, type RaidEntry } from '../../src/domain/raid.js';
import { reportLists } from '../../src/domain/report.js';
import { backSchedule } from '../../src/domain/schedule/back-schedule.js';
import type { Template } from '../../src/domain/template.js';
import type { Answers, CalendarDate, Plan } from '../../src/domain/types.js';
import { loadWorkspace } from '../../src/index.js';

const PLANNED = '2026-11-25' as CalendarDate;
let template: Template;
let calendar: WorkingCalendar;
let plan: Plan;

beforeAll(async () => {
  const workspace = await loadWorkspace();
  template = workspace.template;
  calendar = new WorkingCalendar(workspace.holidays, 'england');
  const answers: Answers = {
    practice: { name: 'Practice A81001', ods: 'A81001' },
    goLive: '2027-05-11' as CalendarDate,
    nation: 'england',
    systems: { current: 'EMIS Web', new: 'SystmOne' },
    team: [{ role: 'project-manager', name: 'Priya Shah', email: 'priya.shah@nhs.net' }],
    thirdParties: [{ id: 'eps' }],
    absences: [],
  } as Answers;
  plan = backSchedule(template, answers, calendar, PLANNED);
});

const check = (p: Plan, today: string) => checkPlan(p, template, calendar, today as CalendarDate);

describe("a practice's own health", () => {
  it('is red with the missed notice among its reasons once the EPS notice day has passed', () => {
    const notice = plan.items.find((i) => i.id === 'eps-notice')!;
    const after = calendar.addWorkingDays(notice.start, 1);
    const health = practiceHealth(plan, check(plan, after), after);
    expect(health.status).toBe('red');
    expect(health.reasons.filter((r) => r.severity === 'error').map((r) => r.code)).toContain(
      'schedule.notice_in_past',
    );
    // Errors come before warnings.
    const severities = health.reasons.map((r) => r.severity);
    expect(severities).toEqual([...severities].sort());
  });

  it('is not red the day it is planned, and its next milestone is the first one ahead', () => {
    const health = practiceHealth(plan, check(plan, PLANNED), PLANNED);
    expect(health.status).not.toBe('red');
    const milestones = plan.items
      .filter((i) => i.type === 'milestone' && i.start >= PLANNED)
      .map((i) => i.start)
      .sort();
    expect(health.next?.date).toBe(milestones[0]);
  });

  it('counts done actions, leaving out informational and not-needed items', () => {
    const ticked: Plan = {
      ...plan,
      items: plan.items.map((i, n) =>
        n === 0 && !i.informational
          ? { ...i, status: 'done' as const }
          : n === 1
            ? { ...i, status: 'not-needed' as const }
            : i,
      ),
    };
    const health = practiceHealth(ticked, [], PLANNED);
    const actions =
      plan.items.filter((i) => !i.informational).length - (plan.items[1]!.informational ? 0 : 1);
    expect(health.actions.total).toBe(actions);
    expect(health.actions.done).toBe(plan.items[0]!.informational ? 0 : 1);
    expect(health.status).toBe('green');
    expect(donePercent({ ...health, actions: { done: 1, total: 3 } })).toBe(33);
  });

  it('turns a green practice amber when it is in a programme problem, and keeps red red', () => {
    const green = practiceHealth(plan, [], PLANNED);
    expect(withProgrammeProblems(green, 2).status).toBe('amber');
    expect(withProgrammeProblems(green, 0)).toBe(green);
    const red = { ...green, status: 'red' as const };
    expect(withProgrammeProblems(red, 1).status).toBe('red');
  });
});

const entry = (id: string, over: Partial<RaidEntry> = {}): RaidEntry => ({
  id,
  kind: 'risk',
  title: id,
  owner: 'project-manager',
  rating: 'medium',
  review: '2027-01-10' as CalendarDate,
  status: 'open',
  ...over,
});

describe('the RAID log', () => {
  it('lists open before closed, high before medium before low, risks before the rest, then by review day', () => {
    const sorted = sortRaid([
      entry('a', { status: 'closed', rating: 'high' }),
      entry('b', { rating: 'low' }),
      entry('c', { kind: 'assumption', rating: 'high' }),
      entry('d', { rating: 'high', review: '2027-02-01' as CalendarDate }),
      entry('e', { rating: 'high' }),
    ]);
    expect(sorted.map((e) => e.id)).toEqual(['e', 'd', 'c', 'b', 'a']);
  });

  it('gives the next free id of a kind, past ids people wrote by hand', () => {
    expect(nextRaidId([], 'risk')).toBe('risk-1');
    expect(nextRaidId([entry('risk-1'), entry('risk-2', { kind: 'issue' })], 'risk')).toBe('risk-3');
  });
});

describe("the report's lists", () => {
  it('splits open items into overdue (before today) and due (today to two weeks on), with notices', () => {
    const today = '2027-03-01' as CalendarDate;
    const lists = reportLists(plan, check(plan, today), [entry('risk-1', { rating: 'high' })], today);
    expect(lists.until).toBe('2027-03-15');
    expect(lists.overdue.length).toBeGreaterThan(0);
    expect(lists.overdue.every((i) => i.start < today)).toBe(true);
    expect(lists.due.every((i) => i.start >= today && i.start <= lists.until)).toBe(true);
    expect(lists.notices.every((i) => i.type === 'notice' && i.start <= lists.until)).toBe(true);
    expect(lists.raid.map((e) => e.id)).toEqual(['risk-1']);
    expect(lists.reviewsDue.map((e) => e.id)).toEqual(['risk-1']);
    expect(lists.problems.findIndex((d) => d.severity === 'warning')).toBeGreaterThanOrEqual(
      lists.problems.filter((d) => d.severity === 'error').length,
    );
  });

  it('leaves done items and closed RAID entries out', () => {
    const today = '2027-03-01' as CalendarDate;
    const done: Plan = { ...plan, items: plan.items.map((i) => ({ ...i, status: 'done' as const })) };
    const lists = reportLists(done, [], [entry('risk-1', { status: 'closed' })], today);
    expect([lists.overdue, lists.due, lists.notices, lists.raid]).toEqual([[], [], [], []]);
  });
});
