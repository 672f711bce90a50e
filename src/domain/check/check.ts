/**
 * Every problem with a plan, as data: nothing here throws for bad user data, so `show` and
 * `schedule` can report all problems at once.
 */
import { GO_LIVE_ID, KICKOFF_ID } from '../anchors.js';
import { formatLong, type WorkingCalendar } from '../calendar.js';
import { checkBusyPeriods } from './busy.js';
import { checkGaps, checkLengths, checkOrder, lookupOf } from './rules.js';
import { checkStatus } from './status.js';
import { checkFeasibility } from './feasibility.js';
import { checkMoves, checkSeriesWeeks } from './moves.js';
import { checkPins } from './pins.js';
import { meetingFreeDays, occurrences } from '../schedule/recurrence.js';
import { describeOffset, type Template } from '../template.js';
import { goLiveDayProblem } from '../answers.js';
import type { CalendarDate, Diagnostic, Plan, PlanItem } from '../types.js';
import { nationName } from '../words.js';

/** How many working days ahead a notice deadline counts as "due soon" (issue 10: 5 working days). */
const SOON_WORKING_DAYS = 5;

export function checkPlan(
  plan: Plan,
  template: Template,
  calendar: WorkingCalendar,
  today: CalendarDate,
): Diagnostic[] {
  const lookup = lookupOf(plan.items);
  // Once go-live has passed, "give notice today" and "too little time" are no help to anyone.
  const passed = plan.answers.goLive < today;
  return [
    ...checkGoLive(plan, calendar, today),
    ...checkNations(plan, template),
    ...checkOrder(template, plan.thirdParties, lookup),
    ...checkPins(plan, template, lookup),
    ...checkGaps(template, plan.thirdParties, lookup, calendar),
    ...checkLengths(template, lookup, calendar),
    ...checkBusyPeriods(plan, template, calendar),
    ...(passed
      ? [goLivePassed(plan, today)]
      : [
          ...checkFeasibility(plan, template, calendar, today, lookup),
          ...checkAgainstToday(plan, calendar, today),
        ]),
    ...checkAbsences(plan),
    ...checkStatus(plan, calendar),
    ...checkMoves(plan, calendar, meetingFreeDays(template)),
    ...checkSeriesWeeks(plan, template),
  ];
}

function checkGoLive(plan: Plan, calendar: WorkingCalendar, today: CalendarDate): Diagnostic[] {
  const goLive = plan.answers.goLive;
  const problem = goLiveDayProblem(goLive, calendar, today);
  if (!problem) return [];
  const holiday = calendar.bankHoliday(goLive);
  // A working day before today is no choice at all: offer only what is still ahead.
  const offer = problem.before
    ? `The nearest working days are ${formatLong(problem.before)} and ${formatLong(problem.after)}.`
    : `The nearest working day from today is ${formatLong(problem.after)}.`;
  return [
    {
      severity: 'warning',
      code: 'schedule.go_live_not_working_day',
      message: `Go-live, ${formatLong(goLive)}, is ${holiday ? `a bank holiday (${holiday.title})` : 'a weekend'}. ${offer}`,
      itemId: GO_LIVE_ID,
    },
  ];
}

/** A third party from the catalogue that does not exist in the practice's nation (PCSE in Scotland). */
function checkNations(plan: Plan, template: Template): Diagnostic[] {
  const nation = plan.answers.nation;
  return plan.answers.thirdParties.flatMap((choice) => {
    if (!('id' in choice)) return [];
    const party = template.thirdParties.find((p) => p.id === choice.id);
    if (!party?.nations || party.nations.includes(nation)) return [];
    const others = template.thirdParties
      .filter(
        (p) =>
          p.nations?.includes(nation) && !plan.answers.thirdParties.some((c) => 'id' in c && c.id === p.id),
      )
      .map((p) => p.id);
    return [
      {
        severity: 'warning' as const,
        code: 'answers.party_not_in_nation',
        message: `${party.name} is for ${party.nations.map(nationName).join(' and ')}, not ${nationName(nation)}. Take it out of the answers${others.length > 0 ? `, or use ${nation}'s own: ${others.join(', ')}` : ''}.`,
        itemId: `${party.id}-notice`,
      },
    ];
  });
}

function goLivePassed(plan: Plan, today: CalendarDate): Diagnostic {
  return {
    severity: 'warning',
    code: 'schedule.go_live_passed',
    message: `Go-live was ${formatLong(plan.answers.goLive)}, before today (${formatLong(today)}): this plan is finished or out of date. Tick off what was done, or move go-live with kickoff schedule --go-live DATE.`,
    itemId: GO_LIVE_ID,
  };
}

function partyName(plan: Plan, item: PlanItem): string {
  return plan.thirdParties.find((p) => p.id === item.thirdParty)?.name ?? 'them';
}

function checkAgainstToday(plan: Plan, calendar: WorkingCalendar, today: CalendarDate): Diagnostic[] {
  const open = plan.items.filter((i) => !i.informational && i.status !== 'done' && i.status !== 'not-needed');
  const found: Diagnostic[] = [];
  const kickoff = open.find((i) => i.id === KICKOFF_ID);
  if (kickoff && kickoff.start < today) {
    found.push({
      severity: 'warning',
      code: 'schedule.kickoff_in_past',
      message: `The kick-off meeting would have been on ${formatLong(kickoff.start)}, before today (${formatLong(today)}). Hold it as soon as you can, or move go-live later to give the migration its full time.`,
      itemId: kickoff.id,
    });
  }
  for (const notice of open.filter((i) => i.type === 'notice')) {
    if (notice.start < today) {
      const party = plan.thirdParties.find((p) => p.id === notice.thirdParty);
      // An assumed notice period may be longer than the party needs: ask them before calling it late.
      const assumed = party?.noticeAssumed
        ? ` The ${describeOffset(party.notice)} is kickoff's assumption (no published figure): confirm the notice they need.`
        : '';
      found.push({
        severity: assumed ? 'warning' : 'error',
        code: 'schedule.notice_in_past',
        message: `"${notice.title}" was ${formatLong(notice.start)}, before today: go-live on ${formatLong(plan.answers.goLive)} is at risk. Contact ${partyName(plan, notice)} today and agree a shorter notice in writing, or move go-live later.${assumed}`,
        itemId: notice.id,
      });
    } else if (notice.start <= calendar.addWorkingDays(today, SOON_WORKING_DAYS)) {
      found.push({
        severity: 'warning',
        code: 'schedule.notice_due_soon',
        message: `"${notice.title}" is ${formatLong(notice.start)}, within ${SOON_WORKING_DAYS} working days: give ${partyName(plan, notice)} notice by then, or go-live on ${formatLong(plan.answers.goLive)} is at risk.`,
        itemId: notice.id,
      });
    }
  }
  const overdue = open.filter((i) => i.start < today && i.id !== KICKOFF_ID && i.type !== 'notice');
  if (overdue.length > 0) {
    const names = overdue.slice(0, 3).map((i) => `"${i.title}"`);
    const more = overdue.length > 3 ? ` and ${overdue.length - 3} more` : '';
    found.push({
      severity: 'warning',
      code: 'schedule.items_in_past',
      message: `${overdue.length} item(s) are dated before today and not done: ${names.join(', ')}${more}. Tick them off (status: done) or move go-live later.`,
    });
  }
  return found;
}

/** Absences never move dates: each clash with an item the person's role owns becomes a warning. */
function checkAbsences(plan: Plan): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const absence of plan.answers.absences) {
    const who = absence.who.trim().toLowerCase();
    // One person may hold several roles (the lead GP is often the clinical safety officer too).
    const entries = plan.answers.team.filter(
      (p) => p.name.toLowerCase() === who || p.email.toLowerCase() === who,
    );
    const person = entries[0];
    if (!person) {
      found.push({
        severity: 'warning',
        code: 'absence.unknown_person',
        message: `An absence names "${absence.who}", who is not in the team. Use a team member's name or email.`,
      });
      continue;
    }
    const roles = [...new Set(entries.map((p) => p.role))];
    const clashes = plan.items.filter(
      (i) =>
        i.type !== 'reminder' &&
        !i.informational &&
        roles.some((role) => i.roles.includes(role)) &&
        overlaps(i, absence.from, absence.to),
    );
    for (const item of clashes) {
      found.push({
        severity: 'warning',
        code: 'absence.clash',
        message: `${person.name} (${roles.filter((role) => item.roles.includes(role)).join(', ')}) is away ${formatLong(absence.from)} to ${formatLong(absence.to)}, during "${item.title}" (${describeSpan(item)}). Arrange cover or move the absence.`,
        itemId: item.id,
      });
    }
  }
  return found;
}

/** Whether an item (every occurrence of a weekly series) touches the days from..to. */
function overlaps(item: PlanItem, from: CalendarDate, to: CalendarDate): boolean {
  if (!item.recurrence) return item.start <= to && item.end >= from;
  return occurrences(item.start, item.recurrence).some((day) => day >= from && day <= to);
}

function describeSpan(item: PlanItem): string {
  return item.start === item.end
    ? formatLong(item.start)
    : `${formatLong(item.start)} to ${formatLong(item.end)}`;
}
