/**
 * backSchedule with the real default template and bank-holiday table: one test per scheduling rule.
 *
 * Every expected date below was worked out by hand from the template's rules and the bank holidays
 * (the arithmetic is in the comments), never by calling the scheduler or calendar code under test.
 * Bank holidays used (England & Wales unless said): 2026 Fri 25 Dec, Mon 28 Dec (Boxing Day
 * substitute); 2027 Fri 1 Jan, Fri 26 Mar (Good Friday), Mon 29 Mar (Easter Monday), Mon 3 May,
 * Mon 31 May, Mon 30 Aug. Scotland 2026 Mon 30 Nov, 2027 Mon 4 Jan (2nd January substitute), no
 * Easter Monday.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CalendarRangeError, daysBetween, type HolidayTable } from '../../src/domain/calendar.js';
import { backSchedule } from '../../src/domain/schedule/back-schedule.js';
import { expandItems, resolveDates, resolveThirdParties } from '../../src/domain/schedule/resolve.js';
import type { Template } from '../../src/domain/template.js';
import type { Answers, Plan } from '../../src/domain/types.js';
import { D, answersFor, calendarFor, itemOf, loadDefaults, spanOf } from '../helpers/fixtures.js';

let template: Template;
let holidays: HolidayTable;

beforeAll(async () => {
  ({ template, holidays } = await loadDefaults());
});

/** Far before every plan below, so "today" never matters here. */
const LONG_AGO = D('2024-01-02');

/** The calendar day after `date`. */
const next = (date: string): string =>
  new Date(Date.parse(`${date}T00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function planFor(overrides: Partial<Answers> = {}, today = LONG_AGO): Plan {
  const answers = answersFor(overrides);
  return backSchedule(template, answers, calendarFor(holidays, answers.nation), today);
}

describe('backSchedule: kick-off', () => {
  it('puts the kick-off 13 weeks before go-live by default', () => {
    // Mon 14 Jun 2027 − 91 days: −31 → Fri 14 May, −30 → Wed 14 Apr, −30 → Mon 15 Mar 2027.
    // 91 days is 13 whole weeks, so still a Monday; 15 Mar 2027 is not a bank holiday.
    const plan = planFor();
    expect(spanOf(plan, 'kick-off')).toEqual({ start: '2027-03-15', end: '2027-03-15' });
    expect(itemOf(plan, 'kick-off').time).toBe('10:00');
  });

  it('uses a fixed kick-off answer as given, and the items anchored to it follow', () => {
    // Fixed: Wed 10 Mar 2027 (the default would be Mon 15 Mar).
    const plan = planFor({ kickoff: D('2027-03-10') });
    expect(spanOf(plan, 'kick-off')).toEqual({ start: '2027-03-10', end: '2027-03-10' });
    // weekly meeting: kick-off + 1w = Wed 17 Mar 2027.
    expect(itemOf(plan, 'weekly-migration-meeting').start).toBe('2027-03-17');
    // technical survey: kick-off + 3wd = Thu 11 (1), Fri 12 (2), Mon 15 Mar (3).
    expect(itemOf(plan, 'technical-survey').start).toBe('2027-03-15');
    // approach agreed: survey + 5wd = Mon 22 Mar; clinical risk assessment a week on = Mon 29 Mar,
    // Easter Monday, and Fri 26 is Good Friday: the deadline moves back to Thu 25 Mar 2027.
    expect(itemOf(plan, 'migration-approach-agreed').start).toBe('2027-03-22');
    expect(itemOf(plan, 'clinical-risk-assessment').start).toBe('2027-03-25');
    // go-live is untouched.
    expect(itemOf(plan, 'go-live').start).toBe('2027-06-14');
  });
});

describe('backSchedule: final data production', () => {
  it('puts final data production 3 working days before go-live, not counting bank holidays', () => {
    // Go-live Tue 30 Mar 2027 (England). Counting back: Mon 29 Mar Easter Monday (skip),
    // Sun 28, Sat 27 (weekend), Fri 26 Good Friday (skip), Thu 25 (1), Wed 24 (2), Tue 23 Mar (3).
    const plan = planFor({ goLive: D('2027-03-30') });
    expect(spanOf(plan, 'final-data-production')).toEqual({ start: '2027-03-23', end: '2027-03-23' });
    // The cutover runs from FDP to go-live − 1wd = Thu 25 Mar (Fri 26 and Mon 29 are holidays).
    expect(spanOf(plan, 'cutover')).toEqual({ start: '2027-03-23', end: '2027-03-25' });
  });

  it('counts working days with the nation’s own bank holidays', () => {
    // Scotland has Good Friday but no Easter Monday: Mon 29 Mar (1), Fri 26 (skip), Thu 25 (2), Wed 24 Mar (3).
    const plan = planFor({ goLive: D('2027-03-30'), nation: 'scotland' });
    expect(itemOf(plan, 'final-data-production').start).toBe('2027-03-24');
  });
});

describe('backSchedule: cutover planning meeting', () => {
  it('holds the cutover planning meeting 4 weeks before final data production', () => {
    // Go-live Mon 14 Jun 2027 → FDP: Fri 11 (1), Thu 10 (2), Wed 9 Jun (3).
    // Wed 9 Jun − 28 days = Wed 12 May 2027, a working day.
    const plan = planFor();
    expect(itemOf(plan, 'final-data-production').start).toBe('2027-06-09');
    expect(spanOf(plan, 'cutover-planning-meeting')).toEqual({ start: '2027-05-12', end: '2027-05-12' });
    expect(itemOf(plan, 'cutover-planning-meeting').time).toBe('10:00');
  });

  it('moves the cutover planning meeting earlier, never later, when 4 weeks before FDP is a bank holiday', () => {
    // Go-live Thu 1 Jul 2027 → FDP: Wed 30 Jun (1), Tue 29 (2), Mon 28 Jun (3).
    // Mon 28 Jun − 28 days = Mon 31 May 2027, the Spring bank holiday → previous working day Fri 28 May.
    const plan = planFor({ goLive: D('2027-07-01') });
    expect(itemOf(plan, 'final-data-production').start).toBe('2027-06-28');
    expect(itemOf(plan, 'cutover-planning-meeting').start).toBe('2027-05-28');
  });
});

describe('backSchedule: weekly migration meeting', () => {
  // Go-live Mon 18 Jan 2027 − 91 days: −31 → Fri 18 Dec, −30 → Wed 18 Nov, −30 → Mon 19 Oct 2026.
  // Weekly series starts kick-off + 1w = Mon 26 Oct 2026 and runs through go-live week and the
  // post-go-live support weeks, until go-live + 45 days = Thu 4 Mar 2027.
  // Mondays in the series: 26 Oct; 2, 9, 16, 23, 30 Nov; 7, 14, 21, 28 Dec; 4, 11, 18, 25 Jan; 1, 8, 15, 22 Feb; 1 Mar.
  it('is one weekly series from a week after kick-off to 45 days after go-live, moving off bank holidays', () => {
    const plan = planFor({ goLive: D('2027-01-18') });
    expect(itemOf(plan, 'kick-off').start).toBe('2026-10-19');
    const weekly = plan.items.filter((i) => i.id === 'weekly-migration-meeting');
    expect(weekly).toHaveLength(1); // one series, not one item per week
    const meeting = weekly[0]!;
    expect(meeting.start).toBe('2026-10-26');
    expect(meeting.end).toBe('2026-10-26');
    expect(meeting.time).toBe('10:00'); // the same time every week
    expect(meeting.durationMinutes).toBe(60);
    // England: only Mon 28 Dec 2026 (Boxing Day substitute) falls on a series Monday;
    // Christmas Day (Fri 25 Dec) and New Year's Day (Fri 1 Jan) are not Mondays. That week's
    // meeting moves to the next working day of the week, Tue 29 Dec; no week loses its meeting.
    expect(meeting.recurrence).toEqual({
      weekly: true,
      until: '2027-03-04',
      except: [],
      moved: [{ from: '2026-12-28', to: '2026-12-29' }],
    });
  });

  it('moves the series’ bank holidays of the plan’s nation to the next day of that week', () => {
    // Scotland adds Mon 30 Nov 2026 (St Andrew's Day) and Mon 4 Jan 2027 (2nd January substitute):
    // each to the Tuesday after, a working day in Scotland.
    const plan = planFor({ goLive: D('2027-01-18'), nation: 'scotland' });
    expect(itemOf(plan, 'weekly-migration-meeting').recurrence).toEqual({
      weekly: true,
      until: '2027-03-04',
      except: [],
      moved: [
        { from: '2026-11-30', to: '2026-12-01' },
        { from: '2026-12-28', to: '2026-12-29' },
        { from: '2027-01-04', to: '2027-01-05' },
      ],
    });
  });

  it('moves an Easter Monday meeting to the Tuesday', () => {
    // Kick-off fixed on Mon 1 Mar 2027: the series meets on Mondays from 8 Mar; Easter Monday is
    // 29 Mar 2027, so that week meets on Tue 30 Mar. Mon 3 May and Mon 31 May 2027 (go-live 14 Jun
    // + 45 days = Thu 29 Jul) move to Tue 4 May and Tue 1 Jun.
    const plan = planFor({ kickoff: D('2027-03-01') });
    const series = itemOf(plan, 'weekly-migration-meeting');
    expect(series.start).toBe('2027-03-08');
    expect(series.recurrence?.moved).toEqual([
      { from: '2027-03-29', to: '2027-03-30' },
      { from: '2027-05-03', to: '2027-05-04' },
      { from: '2027-05-31', to: '2027-06-01' },
    ]);
    expect(series.recurrence?.except).toEqual([]);
  });
});

describe('backSchedule: days kept free of meetings', () => {
  it('never puts a meeting on Christmas Eve or New Year’s Eve', () => {
    // Go-live Fri 24 Mar 2028 − 91 days = Fri 24 Dec 2027: kick-off moves to the day before.
    const plan = planFor({ goLive: D('2028-03-24') });
    expect(itemOf(plan, 'kick-off').start).toBe('2027-12-23');
    // The weekly series follows the kick-off: Thu 30 Dec 2027, a working day.
    expect(itemOf(plan, 'weekly-migration-meeting').start).toBe('2027-12-30');
  });

  it('moves Friday meetings on Christmas Eve, New Year’s Eve and Good Friday back to the Thursday', () => {
    // Go-live Fri 10 Mar 2028 → kick-off Fri 10 Dec 2027; the series runs on Fridays from 17 Dec
    // until go-live + 45 days (Mon 24 Apr 2028). Fri 24 Dec and Fri 31 Dec are kept free of meetings,
    // Fri 14 Apr 2028 is Good Friday; a Friday has no working day after it in its week, so each
    // goes to the day before: Thu 23 Dec, Thu 30 Dec (Mon 27 and Tue 28 Dec are the Christmas
    // substitutes, but Thursday comes first going back), Thu 13 Apr.
    const plan = planFor({ goLive: D('2028-03-10') });
    const series = itemOf(plan, 'weekly-migration-meeting');
    expect(series.start).toBe('2027-12-17');
    expect(series.recurrence?.except).toEqual([]);
    expect(series.recurrence?.moved).toEqual([
      { from: '2027-12-24', to: '2027-12-23' },
      { from: '2027-12-31', to: '2027-12-30' },
      { from: '2028-04-14', to: '2028-04-13' },
    ]);
  });
});

describe('backSchedule: third parties', () => {
  it('gives each chosen party a notice, two reminders, a switch-off and a reconnect, on the rules’ dates', () => {
    // Go-live Thu 21 Oct 2027 → FDP: Wed 20 (1), Tue 19 (2), Mon 18 Oct (3).
    // EPS switch-off = FDP − 2wd: Fri 15 (1), Thu 14 Oct (2).
    // EPS notice = Thu 14 Oct − 35 days: −14 → Thu 30 Sep, −21 → Thu 9 Sep 2027 (a working day).
    const plan = planFor({ goLive: D('2027-10-21'), thirdParties: [{ id: 'eps' }, { id: 'screening' }] });
    expect(itemOf(plan, 'final-data-production').start).toBe('2027-10-18');
    const eps = (suffix: string) => itemOf(plan, `eps-${suffix}`);
    expect(eps('switch-off').start).toBe('2027-10-14');
    expect(eps('notice').start).toBe('2027-09-09');
    expect(eps('notice').type).toBe('notice');
    expect(eps('reminder-week-before').start).toBe('2027-10-07'); // Thu 14 Oct − 7 days
    expect(eps('reminder-on-the-day').start).toBe('2027-10-14');
    expect(eps('reconnect').start).toBe('2027-10-21'); // go-live
    expect(eps('notice').title).toContain('Electronic Prescription Service (EPS)');
    for (const suffix of [
      'notice',
      'reminder-week-before',
      'reminder-on-the-day',
      'switch-off',
      'reconnect',
    ]) {
      expect(eps(suffix).thirdParty).toBe('eps');
      expect(itemOf(plan, `screening-${suffix}`).thirdParty).toBe('screening');
    }
    expect(plan.thirdParties.map((p) => p.id)).toEqual(['eps', 'screening']);
    expect(plan.thirdParties[0]!.notice).toEqual({ amount: 5, unit: 'w' });
  });

  it('switches screening off 2 calendar days before FDP, rolled back to a working day', () => {
    // Same plan: FDP Mon 18 Oct 2027 − 2 days = Sat 16 Oct → previous working day Fri 15 Oct
    // (EPS, at FDP − 2wd, is Thu 14 Oct). Notice Fri 15 Oct − 35 days: −15 → Thu 30 Sep, −20 → Fri 10 Sep.
    // Reminder a week before: Fri 8 Oct. Reconnect: go-live + 1wd = Fri 22 Oct.
    const plan = planFor({ goLive: D('2027-10-21'), thirdParties: [{ id: 'eps' }, { id: 'screening' }] });
    expect(itemOf(plan, 'screening-switch-off').start).toBe('2027-10-15');
    expect(itemOf(plan, 'screening-notice').start).toBe('2027-09-10');
    expect(itemOf(plan, 'screening-reminder-week-before').start).toBe('2027-10-08');
    expect(itemOf(plan, 'screening-reminder-on-the-day').start).toBe('2027-10-15');
    expect(itemOf(plan, 'screening-reconnect').start).toBe('2027-10-22');
  });

  it('gives a party the practice added a kebab-case id and its own notice in calendar days, rolled back', () => {
    // Go-live Tue 19 Oct 2027 → FDP: Mon 18 (1), Fri 15 (2), Thu 14 Oct (3).
    // Switch-off = FDP − 2wd: Wed 13 (1), Tue 12 Oct (2).
    // Notice = Tue 12 Oct − 10 days = Sat 2 Oct → previous working day Fri 1 Oct 2027.
    const plan = planFor({
      goLive: D('2027-10-19'),
      thirdParties: [{ id: 'eps' }, { name: 'Vocare OOH', notice: { amount: 10, unit: 'd' } }],
    });
    expect(plan.thirdParties[1]).toMatchObject({
      id: 'vocare-ooh',
      name: 'Vocare OOH',
      notice: { amount: 10, unit: 'd' },
    });
    expect(itemOf(plan, 'vocare-ooh-switch-off').start).toBe('2027-10-12');
    expect(itemOf(plan, 'vocare-ooh-notice').start).toBe('2027-10-01');
    expect(itemOf(plan, 'vocare-ooh-notice').thirdParty).toBe('vocare-ooh');
    expect(itemOf(plan, 'vocare-ooh-notice').title).toContain('Vocare OOH');
    // Week before: Tue 12 − 7 days = Tue 5 Oct, inside 5–9 days before the switch-off and after the
    // deadline (10 days' notice is not merged into the reminder: that takes under 10 days).
    expect(itemOf(plan, 'vocare-ooh-reminder-week-before').start).toBe('2027-10-05');
    expect(itemOf(plan, 'vocare-ooh-reconnect').start).toBe('2027-10-19');
    // EPS in the same plan keeps its 5 weeks: Tue 12 Oct − 35 days = Tue 7 Sep 2027.
    expect(itemOf(plan, 'eps-notice').start).toBe('2027-09-07');
  });

  it('makes no third-party items when no party is chosen', () => {
    const plan = planFor({ thirdParties: [] });
    expect(plan.items.filter((i) => i.thirdParty !== undefined)).toEqual([]);
    expect(plan.thirdParties).toEqual([]);
  });
});

describe('backSchedule: a week-before reminder and its own notice deadline', () => {
  it('merges the reminder into a Docman notice of 5 working days, which says so', () => {
    // Go-live Mon 19 Apr 2027: FDP Wed 14 Apr (Fri 16, Thu 15, Wed 14); switch-off FDP − 2wd = Mon 12 Apr.
    // Docman notice = 12 Apr − 5wd: Fri 9, Thu 8, Wed 7, Tue 6, Mon 5 Apr (Easter Monday was 29 Mar):
    // a week before, so it is the reminder too; EPS (5 weeks) keeps both.
    const plan = planFor({ goLive: D('2027-04-19'), thirdParties: [{ id: 'eps' }, { id: 'docman' }] });
    expect(itemOf(plan, 'docman-notice').start).toBe('2027-04-05');
    expect(itemOf(plan, 'docman-notice').title).toBe(
      'Last day to give Docman (document management) notice of the cutover, and to remind them the links switch off soon',
    );
    expect(plan.items.map((i) => i.id)).not.toContain('docman-reminder-week-before');
    expect(itemOf(plan, 'eps-notice').start).toBe('2027-03-08');
    expect(itemOf(plan, 'eps-notice').title).toBe(
      'Last day to give Electronic Prescription Service (EPS) notice of the cutover',
    );
    expect(itemOf(plan, 'eps-reminder-week-before').start).toBe('2027-04-05');
  });

  it('keeps a week-before reminder 5 to 9 days ahead when a bank holiday falls on the week before', () => {
    // Go-live Mon 14 Jun 2027: FDP Wed 9 Jun; EPS switch-off Mon 7 Jun. A week before is Mon 31 May,
    // the Spring bank holiday; rolled back it would be Fri 28 May (10 days ahead), so it moves to the
    // working day inside 5–9 days nearest a week: Tue 1 Jun (6 days).
    const plan = planFor();
    expect(itemOf(plan, 'eps-reminder-week-before').start).toBe('2027-06-01');
  });

  it('keeps its ids (and so calendar UIDs) for the other items, and leaves the reconnection reminder alone', () => {
    const plan = planFor({ goLive: D('2027-04-19'), thirdParties: [{ id: 'docman' }] });
    expect(
      plan.items
        .filter((i) => i.id.startsWith('docman-'))
        .map((i) => i.id)
        .sort(),
    ).toEqual([
      'docman-notice',
      'docman-reconnect',
      'docman-reconnect-on-the-day',
      'docman-reconnect-week-before',
      'docman-reminder-on-the-day',
      'docman-switch-off',
    ]);
    // Reconnect on go-live Mon 19 Apr; its week-before reminder Mon 12 Apr (it has no notice deadline).
    expect(itemOf(plan, 'docman-reconnect-week-before').start).toBe('2027-04-12');
  });

  it('merges by the notice period, not by where weekends fall: under 10 days merged, 10 or more not', () => {
    const party = (days: number) => [{ name: 'Local hospice', notice: { amount: days, unit: 'd' as const } }];
    const ids = (days: number) =>
      planFor({ goLive: D('2027-07-16'), thirdParties: party(days) }).items.map((i) => i.id);
    expect(ids(9)).not.toContain('local-hospice-reminder-week-before');
    expect(ids(10)).toContain('local-hospice-reminder-week-before');
  });

  it('for any notice from 1 to 20 days and any go-live in 2027: 5 to 9 days ahead, after its notice, never earlier for a later go-live', () => {
    // Dates only (the rules, without the checks), so a year of go-lives for 20 notices stays quick.
    const calendar = calendarFor(holidays, 'england');
    for (let days = 1; days <= 20; days++) {
      const answers = answersFor({
        thirdParties: [
          { name: 'Local hospice', notice: { amount: days, unit: 'd' as const } },
          { id: 'docman' },
          { id: 'eps' },
        ],
      });
      const parties = resolveThirdParties(template, answers);
      const specs = expandItems(template, parties, answers);
      const reminders = specs.filter((s) => s.id.endsWith('-reminder-week-before'));
      let before: Map<string, { start: string }> | undefined;
      for (
        let goLive = D('2027-03-01');
        goLive <= D('2027-12-31');
        goLive = calendar.nextWorkingDay(D(next(goLive)))
      ) {
        const spans = resolveDates(specs, { ...answers, goLive }, calendar);
        for (const reminder of reminders) {
          const party = reminder.thirdParty!;
          const what = `${reminder.id}, ${days}d, go-live ${goLive}`;
          const start = spans.get(reminder.id)!.start;
          const ahead = daysBetween(start, spans.get(`${party}-switch-off`)!.start);
          expect(ahead, what).toBeGreaterThanOrEqual(5);
          expect(ahead, what).toBeLessThanOrEqual(9);
          expect(start > spans.get(`${party}-notice`)!.start, what).toBe(true);
          if (before) expect(start >= before.get(reminder.id)!.start, what).toBe(true);
        }
        before = spans;
      }
    }
  });
});

describe('backSchedule: rolling off non-working days', () => {
  it('moves a deadline that lands on a weekend or bank holiday to the previous working day', () => {
    // Go-live Mon 14 Jun 2027 → FDP Wed 9 Jun (see above); EPS switch-off = FDP − 2wd = Mon 7 Jun.
    // EPS notice: Mon 7 Jun − 35 days = Mon 3 May, the Early May bank holiday → Sun 2, Sat 1 → Fri 30 Apr.
    // Retrospective: go-live + 45 days = Thu 29 Jul (a working day); read-only-access decision: 45 days'
    // end (Thu 29 Jul) − 2 weeks = Thu 15 Jul. Old system decommissioned: legacy support (Sun 12 Sep),
    // rolled forward (roll: next) to Mon 13 Sep.
    const plan = planFor();
    expect(itemOf(plan, 'eps-notice').start).toBe('2027-04-30');
    expect(itemOf(plan, 'read-only-access-decision').start).toBe('2027-07-15');
    expect(itemOf(plan, 'old-system-decommissioned').start).toBe('2027-09-13');
  });

  it('moves a "not before" item (roll: next) to the next working day', () => {
    // Go-live Fri 16 Apr 2027. Training starts go-live − 3w = Fri 26 Mar, Good Friday → Sat 27, Sun 28,
    // Mon 29 Easter Monday → Tue 30 Mar 2027. It ends go-live − 1wd = Thu 15 Apr.
    // FDP = Thu 15 (1), Wed 14 (2), Tue 13 Apr (3); FP10 window opens FDP − 1 month = Sat 13 Mar → Mon 15 Mar,
    // and pharmacies and patients are told two weeks before it opens, Mon 1 Mar.
    const plan = planFor({ goLive: D('2027-04-16') });
    expect(spanOf(plan, 'training')).toEqual({ start: '2027-03-30', end: '2027-04-15' });
    expect(itemOf(plan, 'final-data-production').start).toBe('2027-04-13');
    expect(itemOf(plan, 'fp10-window').start).toBe('2027-03-15');
    expect(itemOf(plan, 'prescribing-changes-announced').start).toBe('2027-03-01');
  });

  it('keeps an informational item on its exact date, even a Sunday, with no status', () => {
    // Go-live Mon 14 Jun 2027 + 90 days: +16 → Wed 30 Jun, +31 → Sat 31 Jul, +31 → Tue 31 Aug, +12 → Sun 12 Sep.
    // + 45 days: +16 → 30 Jun, +29 → Thu 29 Jul.
    const plan = planFor();
    const legacy = itemOf(plan, 'legacy-support-ends');
    expect(legacy.start).toBe('2027-09-12');
    expect(legacy.informational).toBe(true);
    expect('status' in legacy).toBe(false);
    const readOnly = itemOf(plan, 'read-only-access-ends');
    expect(readOnly.start).toBe('2027-07-29');
    expect(readOnly.informational).toBe(true);
    expect('status' in readOnly).toBe(false);
  });

  it('rolls a meeting at go-live + 45 days but not the informational item on the same offset', () => {
    // Go-live Thu 17 Jun 2027 + 45 days: +13 → Wed 30 Jun, +31 → Sat 31 Jul, +1 → Sun 1 Aug.
    // read-only-access-ends stays on Sun 1 Aug; the retrospective (a meeting) rolls back to Fri 30 Jul.
    const plan = planFor({ goLive: D('2027-06-17') });
    expect(itemOf(plan, 'read-only-access-ends').start).toBe('2027-08-01');
    expect(itemOf(plan, 'retrospective').start).toBe('2027-07-30');
  });
});

describe('backSchedule: windows around go-live', () => {
  it('keeps the quiet period from FDP to go-live + 2 working days and ends training the working day before go-live', () => {
    // Go-live Tue 1 Jun 2027 (the day after the Spring bank holiday, Mon 31 May).
    // FDP = Mon 31 May (skip), Fri 28 (1), Thu 27 (2), Wed 26 May (3).
    // Quiet period ends go-live + 2wd = Wed 2 (1), Thu 3 Jun (2).
    // Training ends go-live − 1wd = Mon 31 May (skip) → Fri 28 May; starts go-live − 3w = Tue 11 May.
    const plan = planFor({ goLive: D('2027-06-01') });
    expect(spanOf(plan, 'quiet-period')).toEqual({ start: '2027-05-26', end: '2027-06-03' });
    expect(spanOf(plan, 'training')).toEqual({ start: '2027-05-11', end: '2027-05-28' });
  });

  it('ends legacy support exactly 90 days after go-live, even on a bank holiday', () => {
    // Go-live Tue 1 Jun 2027 + 90 days: +29 → Wed 30 Jun, +31 → Sat 31 Jul, +30 → Mon 30 Aug 2027,
    // which is the Summer bank holiday: informational, so it stays there.
    const plan = planFor({ goLive: D('2027-06-01') });
    expect(spanOf(plan, 'legacy-support-ends')).toEqual({ start: '2027-08-30', end: '2027-08-30' });
  });
});

describe('backSchedule: the plan as a whole', () => {
  const REQUIRED = [
    'kick-off',
    'weekly-migration-meeting',
    'clinical-risk-assessment',
    'technical-survey',
    'initial-data-production',
    'data-checking',
    'supplier-fixes',
    'data-recheck',
    'data-sign-off',
    'cutover-planning-meeting',
    'final-data-production',
    'cutover',
    'go-live',
    'training',
    'quiet-period',
    'data-re-entry',
    'legacy-support-ends',
  ];

  it('contains every required item, each non-informational one computed with status todo', () => {
    const plan = planFor();
    const ids = plan.items.map((i) => i.id);
    for (const id of REQUIRED) expect(ids).toContain(id);
    for (const item of plan.items) {
      expect(item.origin, item.id).toBe('computed');
      if (item.informational) expect(item.status, item.id).toBeUndefined();
      else expect(item.status, item.id).toBe('todo');
    }
    // Only the two facts recorded after go-live are informational.
    expect(
      plan.items
        .filter((i) => i.informational)
        .map((i) => i.id)
        .sort(),
    ).toEqual(['legacy-support-ends', 'read-only-access-ends']);
  });

  it('lays out the data phase from initial data production', () => {
    // IDP = go-live − 8w = Mon 14 Jun − 56 days = Mon 19 Apr 2027.
    // Data checking IDP + 1..5wd = Tue 20, Wed 21, Thu 22, Fri 23, Mon 26 Apr.
    // Fixes: +1..5wd from Mon 26 Apr = Tue 27, Wed 28, Thu 29, Fri 30 Apr, (Mon 3 May bank holiday) Tue 4 May.
    // Recheck +1..5wd from Tue 4 May = Wed 5 – Tue 11 May; sign-off = recheck end + 0wd = Tue 11 May.
    const plan = planFor();
    expect(itemOf(plan, 'initial-data-production').start).toBe('2027-04-19');
    expect(spanOf(plan, 'data-checking')).toEqual({ start: '2027-04-20', end: '2027-04-26' });
    expect(spanOf(plan, 'supplier-fixes')).toEqual({ start: '2027-04-27', end: '2027-05-04' });
    expect(spanOf(plan, 'data-recheck')).toEqual({ start: '2027-05-05', end: '2027-05-11' });
    expect(itemOf(plan, 'data-sign-off').start).toBe('2027-05-11');
    // Re-entry: go-live + 1..5wd = Tue 15 – Mon 21 Jun.
    expect(spanOf(plan, 'data-re-entry')).toEqual({ start: '2027-06-15', end: '2027-06-21' });
  });

  it('refuses a go-live whose plan runs past the bank-holiday table (2030) with CalendarRangeError', () => {
    // Go-live Mon 2 Dec 2030: the retrospective (+45 days) is Thu 16 Jan 2031 and legacy support (+90) Sun 2 Mar 2031.
    expect(() => planFor({ goLive: D('2030-12-02') })).toThrow(CalendarRangeError);
  });

  // Go-live Fri 1 Nov 2030: legacy-support-ends is Thu 30 Jan 2031 (1 Nov + 90 days: +30 → 1 Dec,
  // +31 → 1 Jan, +29 → 30 Jan) while every other date stays in 2030 (the retrospective is Mon 16 Dec 2030).
  it('refuses a go-live whose only date past 2030 is informational (legacy support ends in 2031)', () => {
    expect(() => planFor({ goLive: D('2030-11-01') })).toThrow(CalendarRangeError);
  });

  it('refuses a go-live whose plan starts before the table (2024) with CalendarRangeError', () => {
    // Go-live Fri 1 Mar 2024: kick-off − 13w = Fri 1 Dec 2023.
    expect(() => planFor({ goLive: D('2024-03-01') })).toThrow(CalendarRangeError);
  });

  it('is a pure function: the same inputs give deep-equal plans, and neither inputs are changed', () => {
    const before = structuredClone(template);
    const answers = answersFor({ thirdParties: [{ id: 'eps' }, { id: 'docman' }, { id: 'screening' }] });
    const a = backSchedule(template, answers, calendarFor(holidays, 'england'), LONG_AGO);
    const b = backSchedule(template, answersFor({ ...answers }), calendarFor(holidays, 'england'), LONG_AGO);
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
    expect(template).toEqual(before);
    expect(a.answers).toEqual(answers);
  });

  it('sorts items by start date', () => {
    const plan = planFor({ thirdParties: [{ id: 'eps' }, { id: 'docman' }, { id: 'screening' }] });
    const starts = plan.items.map((i) => i.start);
    expect(starts).toEqual([...starts].sort());
    // First and last by hand: the order is placed a week before kick-off (Mon 8 Mar 2027). Mon 15 Mar
    // has kick-off (13w before go-live), the risk-escalation route (kick-off day) and the data-extract
    // request (IDP − 5w = Mon 19 Apr − 35 days = Mon 15 Mar); on the same day items without a time sort
    // before a timed one (kick-off, 10:00), in the template's order. Legacy support (Sun 12 Sep) is
    // followed by the old system's decommissioning on the next working day, Mon 13 Sep.
    expect(plan.items.slice(0, 4).map((i) => i.id)).toEqual([
      'order-placed',
      'risk-escalation-route',
      'data-extract-request',
      'kick-off',
    ]);
    expect(plan.items.slice(-2).map((i) => i.id)).toEqual([
      'legacy-support-ends',
      'old-system-decommissioned',
    ]);
  });
});
