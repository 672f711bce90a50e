/**
 * Back-scheduling: (template, answers, calendar, today) → Plan. Pure: the same inputs always give
 * the same plan, and a plan is built even when time is short (the diagnostics say so).
 */
import type { WorkingCalendar } from '../calendar.js';
import { checkPlan } from '../check/check.js';
import { meetingFreeDays, weeklySeries, type MeetingFree } from './recurrence.js';
import {
  expandItems,
  resolveDates,
  resolveThirdParties,
  shiftDate,
  type ItemSpec,
  type Span,
} from './resolve.js';
import type { Template } from '../template.js';
import type { Answers, CalendarDate, Offset, Plan, PlanItem, Recurrence } from '../types.js';
import { byText } from '../order.js';

export function toPlanItem(spec: ItemSpec, span: Span, recurrence: Recurrence | undefined): PlanItem {
  return {
    id: spec.id,
    title: spec.title,
    phase: spec.phase,
    type: spec.type,
    start: span.start,
    end: span.end,
    ...(spec.time ? { time: spec.time } : {}),
    ...(spec.durationMinutes !== undefined ? { durationMinutes: spec.durationMinutes } : {}),
    ...(recurrence ? { recurrence } : {}),
    roles: spec.roles,
    ...(spec.thirdParty ? { thirdParty: spec.thirdParty } : {}),
    ...(spec.informational ? { informational: true } : {}),
    origin: 'computed',
    ...(spec.informational ? {} : { status: 'todo' as const }),
    ...(spec.description ? { description: spec.description } : {}),
    source: spec.source,
  };
}

/** Items by start date, then time, then the template's order (so ties never reorder between runs). */
export function sortItems<T extends PlanItem>(items: readonly T[], order: readonly string[]): T[] {
  const rank = new Map(order.map((id, i) => [id, i]));
  return [...items].sort(
    (a, b) =>
      byText(a.start, b.start) ||
      byText(a.time ?? '', b.time ?? '') ||
      (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity) ||
      byText(a.id, b.id),
  );
}

/**
 * Builds the whole plan from a go-live date backwards. Throws CalendarRangeError when a date falls
 * outside the bank-holiday table's years.
 */
export function backSchedule(
  template: Template,
  answers: Answers,
  calendar: WorkingCalendar,
  today: CalendarDate,
): Plan {
  const thirdParties = resolveThirdParties(template, answers);
  const specs = expandItems(template, thirdParties, answers);
  const meetingFree = meetingFreeDays(template);
  const spans = resolveDates(specs, answers, calendar, { meetingFree });
  const items = specs.map((spec) =>
    toPlanItem(spec, spans.get(spec.id)!, recurrenceOf(spec, spans, calendar, meetingFree)),
  );
  const plan: Plan = {
    template: { id: template.id, version: template.version },
    answers,
    phases: template.phases,
    roles: template.roles.map(({ id, title, titleIn }) => ({
      id,
      title: titleIn?.[answers.nation] ?? title,
    })),
    thirdParties,
    items: sortItems(
      items,
      specs.map((s) => s.id),
    ),
    diagnostics: [],
  };
  return { ...plan, diagnostics: checkPlan(plan, template, calendar, today) };
}

/** The weekly series of a repeating item, from its resolved start to its `repeatWeeklyUntil` rule. */
export function recurrenceOf(
  spec: ItemSpec,
  spans: ReadonlyMap<string, Span>,
  calendar: WorkingCalendar,
  meetingFree: MeetingFree = () => false,
): Recurrence | undefined {
  const rule = spec.repeatWeeklyUntil;
  if (!rule) return undefined;
  const anchor = spans.get(rule.from!)!;
  const until = shiftDate(rule.at === 'end' ? anchor.end : anchor.start, rule.offset as Offset, calendar);
  return weeklySeries(spans.get(spec.id)!.start, until, calendar, meetingFree);
}
