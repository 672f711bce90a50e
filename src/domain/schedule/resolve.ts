/**
 * Date resolution: how every item's dates follow from go-live (or a fixed kick-off), the
 * template's rules, the practice's third parties and the working calendar. Scheduling, re-planning
 * and the checks all call this one module; asked to, it also returns, with each date, the chain of
 * steps that made it (`kickoff why` shows that chain and never works a date out again).
 */
import { addDays, addMonths, daysBetween, type WorkingCalendar } from '../calendar.js';
import { toKebabId } from '../ids.js';
import type { MeetingFree } from './recurrence.js';
import {
  inNation,
  nominalDays,
  type DateRule,
  type KeepBefore,
  type StartWindow,
  type Template,
  type TemplateItem,
} from '../template.js';
import type { Answers, CalendarDate, Offset, PlanItem, ThirdParty } from '../types.js';

/** A template item made concrete for this practice (third-party items expanded). */
export interface ItemSpec extends TemplateItem {
  readonly thirdParty?: string;
}

export interface Span {
  readonly start: CalendarDate;
  readonly end: CalendarDate;
}

/** One step from a known date to the item's date. Each step's `date` is where it leaves the date. */
export type DateStep =
  /** The date is an answer a person gave: go-live, or a fixed kick-off. */
  | { readonly kind: 'answer'; readonly answer: 'goLive' | 'kickoff'; readonly date: CalendarDate }
  /**
   * `offset` from another item's start or end (`from`, which was on `base`). `notice` names the third
   * party whose notice period the offset is.
   */
  | {
      readonly kind: 'offset';
      readonly from: string;
      readonly at: 'start' | 'end';
      readonly base: CalendarDate;
      readonly offset: Offset;
      readonly notice?: string;
      readonly date: CalendarDate;
    }
  /** Off a day that is not a working day, or has no meetings, to the working day before or after. */
  | {
      readonly kind: 'roll';
      readonly direction: 'previous' | 'next';
      readonly from: CalendarDate;
      readonly meetingFree: boolean;
      readonly date: CalendarDate;
    }
  /** Moved back inside the days its start must stay within (`earliest`..`latest`). */
  | {
      readonly kind: 'kept-within';
      readonly earliest: CalendarDate;
      readonly latest: CalendarDate;
      readonly from: CalendarDate;
      readonly date: CalendarDate;
    }
  /** Moved to the working day before `item` (on `limit`), to stay before it. */
  | {
      readonly kind: 'kept-before';
      readonly item: string;
      readonly limit: CalendarDate;
      readonly from: CalendarDate;
      readonly date: CalendarDate;
    }
  /** A person fixed the date (pinned, a date changed by hand, or done on the day it was done). */
  | { readonly kind: 'pinned'; readonly date: CalendarDate };

/** How one date (an item's start, or its end) was reached, with the rule's source. */
export interface DateChain {
  readonly steps: readonly DateStep[];
  /** The item's `source:` in the template. */
  readonly source: string;
  /** The rule's `assumed:` reasoning, when no source gives the number. */
  readonly assumed?: string;
  /** For a third party's notice: whether its notice period is kickoff's assumption. */
  readonly noticeAssumed?: boolean;
}

/** An item's dates and, when asked for, how they were reached. */
export interface Resolved extends Span {
  readonly why?: { readonly start: DateChain; readonly end?: DateChain };
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

/** An offset rule resolved for one party: its notice period named, so the chain can say whose it is. */
interface PartyRule extends DateRule {
  readonly notice?: string;
}

/** The answers that decide which of the template's items a practice gets. */
export type ItemChoices = Pick<Answers, 'nation' | 'dispensing'>;

/** Whether the practice gets this item: its nation, and the answers it needs (a dispensary). */
export function itemApplies(item: TemplateItem, choices: ItemChoices): boolean {
  if (!inNation(item, choices.nation)) return false;
  const dispensing = item.when?.dispensing;
  return dispensing === undefined || dispensing === (choices.dispensing === true);
}

/**
 * The template's items the practice gets (its nation's, its dispensary's) plus, for each third
 * party, its own copy of thirdPartyItems. An item held on several working days becomes one item a day.
 */
export function expandItems(
  template: Template,
  parties: readonly ThirdParty[],
  choices: ItemChoices,
): ItemSpec[] {
  const partyItems = template.thirdPartyItems.filter((i) => itemApplies(i, choices));
  const partyItemIds = new Set(partyItems.map((i) => i.id));
  const overrides = new Map(template.thirdParties.map((p) => [p.id, p.overrides ?? {}]));
  const descriptions = new Map(template.thirdParties.map((p) => [p.id, p.description]));
  const forParty = (party: ThirdParty): ItemSpec[] => {
    const localise = (rule: DateRule): PartyRule => ({
      ...rule,
      from: rule.from && partyItemIds.has(rule.from) ? `${party.id}-${rule.from}` : rule.from,
      offset:
        rule.offset === '-notice'
          ? negate(party.notice)
          : rule.offset === 'notice'
            ? party.notice
            : rule.offset,
      ...(rule.offset === '-notice' || rule.offset === 'notice' ? { notice: party.id } : {}),
    });
    const localiseKeep = (keep: KeepBefore): KeepBefore => ({
      ...keep,
      item: partyItemIds.has(keep.item) ? `${party.id}-${keep.item}` : keep.item,
    });
    // With a short notice, an item that merges into another is left out and lends it its words.
    const merged = partyItems.filter(
      (i) => i.mergeInto && nominalDays(party.notice) < nominalDays(i.mergeInto.noticeUnder),
    );
    const titles = new Map(merged.map((i) => [i.mergeInto!.item, i.mergeInto!.title]));
    const description = descriptions.get(party.id);
    return partyItems
      .filter((item) => !merged.includes(item))
      .map((item): ItemSpec => {
        const { mergeInto: _merge, ...rest } = item;
        return {
          ...rest,
          id: `${party.id}-${item.id}`,
          title: (titles.get(item.id) ?? item.title).replaceAll('{name}', party.name),
          start: localise(overrides.get(party.id)?.[item.id] ?? item.start),
          ...(item.end ? { end: localise(item.end) } : {}),
          ...(item.keepBefore ? { keepBefore: localiseKeep(item.keepBefore) } : {}),
          ...(description ? { description } : {}),
          thirdParty: party.id,
        };
      });
  };
  return [
    ...template.items.filter((i) => itemApplies(i, choices)).flatMap(eachWorkingDay),
    ...parties.flatMap(forParty),
  ];
}

/**
 * An item held on several working days in a row: one item a day, each the working day after the one
 * before (so a meeting kept off 24 or 31 December pushes the rest on, and no two share a day).
 */
function eachWorkingDay(item: TemplateItem): TemplateItem[] {
  const days = item.repeatWorkingDays;
  if (days === undefined) return [item];
  const { repeatWorkingDays: _days, ...rest } = item;
  return Array.from({ length: days }, (_, n) => ({
    ...rest,
    id: `${item.id}-${n + 1}`,
    title: `${item.title} (${n + 1} of ${days})`,
    start:
      n === 0
        ? item.start
        : {
            from: `${item.id}-${n}`,
            offset: { amount: 1, unit: 'wd' as const },
            ...(item.start.assumed ? { assumed: item.start.assumed } : {}),
          },
  }));
}

function negate(offset: Offset): Offset {
  return { amount: -offset.amount, unit: offset.unit };
}

/**
 * The specs a plan's dates come from: the template's for these answers, and a person's own items
 * dated from another item (`from:`/`offset:`), which move with it. An own item dated from an item
 * kickoff does not date is returned apart (its date stays as written).
 */
export function planSpecs(
  template: Template,
  parties: readonly ThirdParty[],
  answers: Answers,
  items: readonly PlanItem[],
): { readonly specs: ItemSpec[]; readonly unknownFrom: PlanItem[] } {
  const made = expandItems(template, parties, answers);
  const madeIds = new Set(made.map((s) => s.id));
  const ruled = items.filter((i) => i.rule && !madeIds.has(i.id));
  const ruledIds = new Set(ruled.map((i) => i.id));
  const known = (i: PlanItem) => madeIds.has(i.rule!.from) || ruledIds.has(i.rule!.from);
  return {
    specs: [...made, ...ruled.filter(known).map(ownSpec)],
    unknownFrom: ruled.filter((i) => !known(i)),
  };
}

/** A person's own item dated from another, as the resolver takes a template item's rule. */
function ownSpec(item: PlanItem): ItemSpec {
  const { from, at, offset } = item.rule!;
  return {
    id: item.id,
    title: item.title,
    phase: item.phase,
    type: item.type,
    start: { from, ...(at ? { at } : {}), offset },
    roles: item.roles,
    ...(item.informational ? { informational: true } : {}),
    source: 'your own item, dated from another in the plan',
  };
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

export interface ResolveOptions {
  /** Dates a person fixed: used as they are, and everything anchored to them follows. */
  readonly fixed?: ReadonlyMap<string, Span>;
  readonly meetingFree?: MeetingFree;
  /** Also return, with each date, the chain of steps that made it. */
  readonly explain?: boolean;
}

/** Where one rule put a date, and (when explaining) how. */
interface Placed {
  readonly date: CalendarDate;
  readonly steps?: DateStep[];
}

/**
 * Resolves every item's dates. Pinned dates (`fixed`) are used as they are and everything anchored
 * to them follows. With `explain`, each date comes with its chain.
 */
export function resolveDates(
  specs: readonly ItemSpec[],
  answers: Answers,
  calendar: WorkingCalendar,
  options: ResolveOptions = {},
): Map<string, Resolved> {
  const fixed = options.fixed ?? new Map<string, Span>();
  const meetingFree = options.meetingFree ?? (() => false);
  const explain = options.explain === true;
  const byId = new Map(specs.map((s) => [s.id, s]));
  const spans = new Map<string, Resolved>();
  const visiting = new Set<string>();

  const place = (rule: PartyRule, spec: ItemSpec, window?: StartWindow): Placed => {
    if (rule.answer === 'goLive') return answered('goLive', answers.goLive);
    if (rule.answer === 'kickoff' && answers.kickoff) return answered('kickoff', answers.kickoff);
    const anchor = spanOf(rule.from!);
    const at = rule.at ?? 'start';
    const base = at === 'end' ? anchor.end : anchor.start;
    const offset = rule.offset as Offset;
    // 0wd with `roll: next` means "that day, or the next working day": never before a go-live kept
    // on a weekend (plain 0wd, like any deadline, rolls back).
    const sameDayOrNext = offset.unit === 'wd' && offset.amount === 0 && rule.roll === 'next';
    const moved = sameDayOrNext ? base : shiftDate(base, offset, calendar);
    // Informational dates are never rolled, but must still be inside the bank-holiday table's years.
    calendar.assertCovers(moved);
    const steps: DateStep[] | undefined = explain
      ? [
          {
            kind: 'offset',
            from: rule.from!,
            at,
            base,
            offset,
            ...(rule.notice ? { notice: rule.notice } : {}),
            date: moved,
          },
        ]
      : undefined;
    if (spec.informational) return { date: moved, ...(steps ? { steps } : {}) };
    const forward =
      rule.roll === 'next' || (rule.roll === undefined && offset.unit === 'wd' && offset.amount > 0);
    const direction = forward ? 'next' : 'previous';
    const day =
      offset.unit === 'wd' && !sameDayOrNext
        ? moved
        : forward
          ? calendar.nextWorkingDay(moved)
          : calendar.previousWorkingDay(moved);
    if (steps && day !== moved)
      steps.push({ kind: 'roll', direction, from: moved, meetingFree: false, date: day });
    const meeting = spec.type === 'meeting';
    const held = meeting ? awayFrom(day, meetingFree, forward, calendar) : day;
    if (steps && held !== day)
      steps.push({ kind: 'roll', direction, from: day, meetingFree: true, date: held });
    if (!window) return { date: held, ...(steps ? { steps } : {}) };
    const earliest = shiftDate(base, window.from, calendar);
    const latest = shiftDate(base, window.to, calendar);
    const fits = (d: CalendarDate) => calendar.isWorkingDay(d) && !(meeting && meetingFree(d));
    const inside = nearestInside(moved, earliest, latest, fits);
    if ((held >= earliest && held <= latest) || inside === undefined)
      return { date: held, ...(steps ? { steps } : {}) };
    steps?.push({ kind: 'kept-within', earliest, latest, from: held, date: inside });
    return { date: inside, ...(steps ? { steps } : {}) };
  };

  const answered = (answer: 'goLive' | 'kickoff', date: CalendarDate): Placed =>
    explain ? { date, steps: [{ kind: 'answer', answer, date }] } : { date };

  const spanOf = (id: string): Resolved => {
    const known = spans.get(id);
    if (known) return known;
    const pinned = fixed.get(id);
    if (pinned) {
      const resolved = explain ? withPinnedWhy(pinned, byId.get(id)) : pinned;
      spans.set(id, resolved);
      return resolved;
    }
    const spec = byId.get(id);
    if (!spec) throw new Error(`item "${id}" is anchored to, but is not in the plan`);
    if (visiting.has(id)) throw new Error(`item "${id}" depends on itself`);
    visiting.add(id);
    const start = place(spec.start, spec, spec.startWithin);
    const end = spec.end ? place(spec.end, spec) : undefined;
    const span = keptBefore(spec, start, end && end.date > start.date ? end : undefined);
    visiting.delete(id);
    spans.set(id, span);
    return span;
  };

  /** A week-before reminder short notice would put on or just after its deadline: the working day before. */
  const keptBefore = (spec: ItemSpec, start: Placed, end: Placed | undefined): Resolved => {
    const span = { start: start.date, end: end?.date ?? start.date };
    const resolved = (s: Span, startSteps = start.steps, endSteps = end?.steps): Resolved =>
      explain ? { ...s, why: chains(spec, startSteps!, endSteps) } : s;
    if (!spec.keepBefore) return resolved(span);
    const limit = spanOf(spec.keepBefore.item).start;
    if (!keepApplies(spec, byId.get(spec.keepBefore.item), span.start, limit, calendar))
      return resolved(span);
    const day = calendar.addWorkingDays(limit, -1);
    const keepEnd = spec.end !== undefined && span.end < limit;
    const kept: DateStep = {
      kind: 'kept-before',
      item: spec.keepBefore.item,
      limit,
      from: span.start,
      date: day,
    };
    return resolved(
      { start: day, end: keepEnd ? span.end : day },
      explain ? [...start.steps!, kept] : undefined,
      explain && !keepEnd ? [...(end?.steps ?? start.steps!), { ...kept, from: span.end }] : end?.steps,
    );
  };

  for (const spec of specs) spanOf(spec.id);
  return spans;
}

function chains(spec: ItemSpec, start: readonly DateStep[], end: readonly DateStep[] | undefined) {
  const chain = (steps: readonly DateStep[], rule: DateRule | undefined): DateChain => ({
    steps,
    source: spec.source,
    ...(rule?.assumed ? { assumed: rule.assumed } : {}),
  });
  return { start: chain(start, spec.start), ...(end ? { end: chain(end, spec.end) } : {}) };
}

function withPinnedWhy(span: Span, spec: ItemSpec | undefined): Resolved {
  const chain = (date: CalendarDate): DateChain => ({
    steps: [{ kind: 'pinned', date }],
    source: spec?.source ?? '',
  });
  return {
    ...span,
    why: { start: chain(span.start), ...(span.end !== span.start ? { end: chain(span.end) } : {}) },
  };
}

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

/** The day from `earliest` to `latest` nearest `target` that `fits` (the earlier on a tie). */
function nearestInside(
  target: CalendarDate,
  earliest: CalendarDate,
  latest: CalendarDate,
  fits: (date: CalendarDate) => boolean,
): CalendarDate | undefined {
  let best: CalendarDate | undefined;
  for (let day = earliest; day <= latest; day = addDays(day, 1)) {
    if (!fits(day)) continue;
    if (best === undefined || Math.abs(daysBetween(day, target)) < Math.abs(daysBetween(best, target)))
      best = day;
  }
  return best;
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
