/**
 * Back-scheduling: (template, answers, calendar, today) → Plan. Pure: the same inputs always give
 * the same plan, and a plan is built even when time is short (the diagnostics say so).
 */
import { addDays, addMonths, type WorkingCalendar } from './calendar.js';
import { checkPlan } from './check.js';
import { toKebabId } from './ids.js';
import { meetingFreeDays, weeklySeries, type MeetingFree } from './recurrence.js';
import type { DateRule, KeepBefore, Template, TemplateItem } from './template.js';
import type { Answers, CalendarDate, Offset, Plan, PlanItem, Recurrence, ThirdParty } from './types.js';
import { byText } from './order.js';

/** A template item made concrete for this practice (third-party items expanded). */
export interface ItemSpec extends TemplateItem {
  readonly thirdParty?: string;
}

/** The third parties the practice chose, with names and notice periods resolved. */
export function resolveThirdParties(template: Template, answers: Answers): ThirdParty[] {
  const known = new Map(template.thirdParties.map((p) => [p.id, p]));
  const taken = new Set<string>();
  return answers.thirdParties.map((choice) => {
    if ('id' in choice) {
      const party = known.get(choice.id);
      if (!party) throw new Error(`unknown third party "${choice.id}" reached the scheduler`);
      taken.add(party.id);
      return {
        id: party.id,
        name: party.name,
        notice: party.notice,
        source: party.source,
        ...(party.noticeAssumed ? { noticeAssumed: true } : {}),
      };
    }
    let id = toKebabId(choice.name) || 'third-party';
    while (taken.has(id) || known.has(id)) id = `${id}-own`;
    taken.add(id);
    return { id, name: choice.name, notice: choice.notice, source: 'given by the practice' };
  });
}

/** The template's items plus, for each third party, its own copy of thirdPartyItems. */
export function expandItems(template: Template, parties: readonly ThirdParty[]): ItemSpec[] {
  const partyItemIds = new Set(template.thirdPartyItems.map((i) => i.id));
  const overrides = new Map(template.thirdParties.map((p) => [p.id, p.overrides ?? {}]));
  const descriptions = new Map(template.thirdParties.map((p) => [p.id, p.description]));
  const forParty = (party: ThirdParty, item: TemplateItem): ItemSpec => {
    const localise = (rule: DateRule): DateRule => ({
      ...rule,
      from: rule.from && partyItemIds.has(rule.from) ? `${party.id}-${rule.from}` : rule.from,
      offset:
        rule.offset === '-notice'
          ? negate(party.notice)
          : rule.offset === 'notice'
            ? party.notice
            : rule.offset,
    });
    const localiseKeep = (keep: KeepBefore): KeepBefore => ({
      ...keep,
      item: partyItemIds.has(keep.item) ? `${party.id}-${keep.item}` : keep.item,
    });
    const description = descriptions.get(party.id);
    return {
      ...item,
      id: `${party.id}-${item.id}`,
      title: item.title.replaceAll('{name}', party.name),
      start: localise(overrides.get(party.id)?.[item.id] ?? item.start),
      ...(item.end ? { end: localise(item.end) } : {}),
      ...(item.keepBefore ? { keepBefore: localiseKeep(item.keepBefore) } : {}),
      ...(description ? { description } : {}),
      thirdParty: party.id,
    };
  };
  return [
    ...template.items,
    ...parties.flatMap((party) => template.thirdPartyItems.map((item) => forParty(party, item))),
  ];
}

function negate(offset: Offset): Offset {
  return { amount: -offset.amount, unit: offset.unit };
}

/** Moves a date by an offset on the working calendar; the caller decides about rolling. */
export function shiftDate(date: CalendarDate, offset: Offset, calendar: WorkingCalendar): CalendarDate {
  switch (offset.unit) {
    case 'wd':
      return calendar.addWorkingDays(date, offset.amount);
    case 'd':
      return addDays(date, offset.amount);
    case 'w':
      return addDays(date, offset.amount * 7);
    case 'm':
      return addMonths(date, offset.amount);
  }
}

export interface Span {
  readonly start: CalendarDate;
  readonly end: CalendarDate;
}

/**
 * Resolves every item's dates. `fixed` holds dates a person pinned: they are used as they are and
 * everything anchored to them follows.
 */
export function resolveDates(
  specs: readonly ItemSpec[],
  answers: Answers,
  calendar: WorkingCalendar,
  fixed: ReadonlyMap<string, Span> = new Map(),
  meetingFree: MeetingFree = () => false,
): Map<string, Span> {
  const byId = new Map(specs.map((s) => [s.id, s]));
  const spans = new Map<string, Span>();
  const visiting = new Set<string>();

  const dateOf = (rule: DateRule, spec: ItemSpec): CalendarDate => {
    if (rule.answer === 'goLive') return answers.goLive;
    if (rule.answer === 'kickoff' && answers.kickoff) return answers.kickoff;
    const anchor = spanOf(rule.from!);
    const base = rule.at === 'end' ? anchor.end : anchor.start;
    const offset = rule.offset as Offset;
    // 0wd with `roll: next` means "that day, or the next working day": never before a go-live kept
    // on a weekend (plain 0wd, like any deadline, rolls back).
    const sameDayOrNext = offset.unit === 'wd' && offset.amount === 0 && rule.roll === 'next';
    const moved = sameDayOrNext ? base : shiftDate(base, offset, calendar);
    // Informational dates are never rolled, but must still be inside the bank-holiday table's years.
    calendar.assertCovers(moved);
    if (spec.informational) return moved;
    const forward =
      rule.roll === 'next' || (rule.roll === undefined && offset.unit === 'wd' && offset.amount > 0);
    const day =
      offset.unit === 'wd' && !sameDayOrNext
        ? moved
        : forward
          ? calendar.nextWorkingDay(moved)
          : calendar.previousWorkingDay(moved);
    return spec.type === 'meeting' ? awayFrom(day, meetingFree, forward, calendar) : day;
  };

  const spanOf = (id: string): Span => {
    const known = spans.get(id) ?? fixed.get(id);
    if (known) return known;
    const spec = byId.get(id);
    if (!spec) throw new Error(`item "${id}" is anchored to, but is not in the plan`);
    if (visiting.has(id)) throw new Error(`item "${id}" depends on itself`);
    visiting.add(id);
    const start = dateOf(spec.start, spec);
    const end = spec.end ? dateOf(spec.end, spec) : start;
    const span = keptBefore(spec, { start, end: end < start ? start : end });
    visiting.delete(id);
    spans.set(id, span);
    return span;
  };

  /** A week-before reminder short notice would put on or just after its deadline: the working day before. */
  const keptBefore = (spec: ItemSpec, span: Span): Span => {
    if (!spec.keepBefore) return span;
    const limit = spanOf(spec.keepBefore.item).start;
    if (!keepApplies(spec, byId.get(spec.keepBefore.item), span.start, limit, calendar)) return span;
    const day = calendar.addWorkingDays(limit, -1);
    return { start: day, end: spec.end && span.end < limit ? span.end : day };
  };

  for (const spec of specs) spanOf(spec.id);
  // The result has every item, the pinned ones with their pinned dates.
  for (const [id, span] of fixed) if (byId.has(id)) spans.set(id, span);
  return spans;
}

export type { MeetingFree } from './recurrence.js';
export { meetingFreeDays } from './recurrence.js';

/**
 * Whether `spec` must move before its keepBefore item. When both are dated from the same anchor
 * (a reminder and its notice, both from switch-off) this is decided on their offsets, not on the
 * dates they land on: weekends and holidays would otherwise switch the rule on and off as go-live
 * moves, and a go-live moved later could pull the reminder earlier. Other pairs: on the dates.
 */
function keepApplies(
  spec: ItemSpec,
  limitSpec: ItemSpec | undefined,
  start: CalendarDate,
  limit: CalendarDate,
  calendar: WorkingCalendar,
): boolean {
  const within = spec.keepBefore!.within;
  const own = spec.start;
  const other = limitSpec?.start;
  const sameAnchor =
    other !== undefined &&
    own.from !== undefined &&
    own.from === other.from &&
    (own.at ?? 'start') === (other.at ?? 'start') &&
    typeof own.offset === 'object' &&
    typeof other.offset === 'object';
  if (!sameAnchor) return start >= limit && !(within && start >= shiftDate(limit, within, calendar));
  const after = nominalDays(own.offset as Offset) - nominalDays(other.offset as Offset);
  return after >= 0 && !(within && after >= nominalDays(within));
}

/** An offset's length in calendar days as a person reads it: 5 working days are a week. */
function nominalDays(offset: Offset): number {
  const perUnit = { d: 1, wd: 7 / 5, w: 7, m: 365.25 / 12 } as const;
  return offset.amount * perUnit[offset.unit];
}

/** The working day nearest `date` in one direction that is not meeting-free. */
function awayFrom(
  date: CalendarDate,
  meetingFree: MeetingFree,
  forward: boolean,
  calendar: WorkingCalendar,
): CalendarDate {
  let day = date;
  while (meetingFree(day) || !calendar.isWorkingDay(day)) day = addDays(day, forward ? 1 : -1);
  return day;
}

/** Ids of the plan's critical items: the template's own, and each third party's copies. */
export function criticalIds(template: Template, parties: readonly ThirdParty[]): Set<string> {
  return new Set([
    ...template.items.filter((i) => i.critical).map((i) => i.id),
    ...template.thirdPartyItems
      .filter((i) => i.critical)
      .flatMap((i) => parties.map((p) => `${p.id}-${i.id}`)),
  ]);
}

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
  const specs = expandItems(template, thirdParties);
  const meetingFree = meetingFreeDays(template);
  const spans = resolveDates(specs, answers, calendar, new Map(), meetingFree);
  const items = specs.map((spec) =>
    toPlanItem(spec, spans.get(spec.id)!, recurrenceOf(spec, spans, calendar, meetingFree)),
  );
  const plan: Plan = {
    template: { id: template.id, version: template.version },
    answers,
    phases: template.phases,
    roles: template.roles.map(({ id, title }) => ({ id, title })),
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
