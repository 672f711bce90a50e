/**
 * Every problem with a plan, as data: nothing here throws for bad user data, so `show` and
 * `schedule` can report all problems at once.
 */
import { addDays, formatLong, type WorkingCalendar } from './calendar.js';
import { checkStatus } from './check-status.js';
import { shiftDate } from './schedule.js';
import { describeOffset, type GapRule, type Template } from './template.js';
import type { CalendarDate, Diagnostic, Offset, Plan, PlanItem, ThirdParty } from './types.js';

/** How many days ahead a notice deadline counts as "due soon". */
const SOON_DAYS = 7;

export function checkPlan(
  plan: Plan,
  template: Template,
  calendar: WorkingCalendar,
  today: CalendarDate,
): Diagnostic[] {
  const byId = new Map(plan.items.map((i) => [i.id, i]));
  return [
    ...checkGoLive(plan, template, calendar),
    ...template.rules.flatMap((rule) => checkGapRule(rule, byId, plan.thirdParties, calendar)),
    ...checkAgainstToday(plan, today),
    ...checkAbsences(plan),
    ...checkStatus(plan, calendar),
  ];
}

function checkGoLive(plan: Plan, template: Template, calendar: WorkingCalendar): Diagnostic[] {
  const goLive = plan.answers.goLive;
  const found: Diagnostic[] = [];
  if (!calendar.isWorkingDay(goLive)) {
    const holiday = calendar.bankHoliday(goLive);
    found.push({
      severity: 'warning',
      code: 'schedule.go_live_not_working_day',
      message: `Go-live, ${formatLong(goLive)}, is ${holiday ? `a bank holiday (${holiday.title})` : 'a weekend'}. The nearest working days are ${formatLong(calendar.previousWorkingDay(goLive))} and ${formatLong(calendar.nextWorkingDay(goLive))}.`,
      itemId: 'go-live',
    });
  }
  const monthDay = goLive.slice(5);
  for (const period of template.busyPeriods) {
    const inside =
      period.from <= period.to
        ? monthDay >= period.from && monthDay <= period.to
        : monthDay >= period.from || monthDay <= period.to;
    if (inside) {
      found.push({
        severity: 'warning',
        code: period.code,
        message: `Go-live, ${formatLong(goLive)}, falls in ${period.reason}. Migrations are best kept out of busy periods; consider another date.`,
        itemId: 'go-live',
      });
    }
  }
  return found;
}

function checkGapRule(
  rule: GapRule,
  byId: ReadonlyMap<string, PlanItem>,
  parties: readonly ThirdParty[],
  calendar: WorkingCalendar,
): Diagnostic[] {
  const cases = rule.forEachThirdParty
    ? parties.map((p) => ({
        item: rule.item.replace('{party}', p.id),
        before: rule.before.replace('{party}', p.id),
        gap: rule.atLeast === 'notice' ? p.notice : rule.atLeast,
      }))
    : [{ item: rule.item, before: rule.before, gap: rule.atLeast as Offset }];
  return cases.flatMap(({ item, before, gap }) => {
    const earlier = byId.get(item);
    const later = byId.get(before);
    // An item a person removed from the plan has nothing left to check.
    if (!earlier || !later || earlier.status === 'done' || earlier.status === 'not-needed') return [];
    const latest = shiftDate(later.start, { amount: -gap.amount, unit: gap.unit }, calendar);
    if (earlier.start <= latest) return [];
    return [
      {
        severity: 'error' as const,
        code: rule.code,
        message: `"${earlier.title}" (${formatLong(earlier.start)}) is less than ${describeOffset(gap)} before "${later.title}" (${formatLong(later.start)}); it should be on or before ${formatLong(latest)}. ${rule.fix}`,
        itemId: earlier.id,
      },
    ];
  });
}

function checkAgainstToday(plan: Plan, today: CalendarDate): Diagnostic[] {
  const open = plan.items.filter((i) => !i.informational && i.status !== 'done' && i.status !== 'not-needed');
  const found: Diagnostic[] = [];
  const kickoff = open.find((i) => i.id === 'kick-off');
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
      found.push({
        severity: 'error',
        code: 'schedule.notice_in_past',
        message: `"${notice.title}" was ${formatLong(notice.start)}, before today. Contact them today and agree a shorter notice in writing, or move go-live later.`,
        itemId: notice.id,
      });
    } else if (notice.start <= addDays(today, SOON_DAYS)) {
      found.push({
        severity: 'warning',
        code: 'schedule.notice_due_soon',
        message: `"${notice.title}" is ${formatLong(notice.start)}, within a week.`,
        itemId: notice.id,
      });
    }
  }
  const overdue = open.filter((i) => i.start < today && i.id !== 'kick-off' && i.type !== 'notice');
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
    const person = plan.answers.team.find(
      (p) => p.name.toLowerCase() === who || p.email.toLowerCase() === who,
    );
    if (!person) {
      found.push({
        severity: 'warning',
        code: 'absence.unknown_person',
        message: `An absence names "${absence.who}", who is not in the team. Use a team member's name or email.`,
      });
      continue;
    }
    const clashes = plan.items.filter(
      (i) =>
        i.type !== 'reminder' &&
        !i.informational &&
        i.roles.includes(person.role) &&
        overlaps(i, absence.from, absence.to),
    );
    for (const item of clashes) {
      found.push({
        severity: 'warning',
        code: 'absence.clash',
        message: `${person.name} (${person.role}) is away ${formatLong(absence.from)} to ${formatLong(absence.to)}, during "${item.title}" (${describeSpan(item)}). Arrange cover or move the absence.`,
        itemId: item.id,
      });
    }
  }
  return found;
}

/** Whether an item (every occurrence of a weekly series) touches the days from..to. */
function overlaps(item: PlanItem, from: CalendarDate, to: CalendarDate): boolean {
  if (!item.recurrence) return item.start <= to && item.end >= from;
  const skipped = new Set(item.recurrence.except);
  for (let day = item.start; day <= item.recurrence.until && day <= to; day = addDays(day, 7)) {
    if (day >= from && !skipped.has(day)) return true;
  }
  return false;
}

function describeSpan(item: PlanItem): string {
  return item.start === item.end
    ? formatLong(item.start)
    : `${formatLong(item.start)} to ${formatLong(item.end)}`;
}
