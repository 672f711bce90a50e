/**
 * The template's rules between items — order, minimum gaps, longest lengths — checked on any plan,
 * computed or edited by hand. Each rule reads dates through a lookup, so the feasibility search can
 * check dates that are not a plan yet.
 */
import { KICKOFF_ID } from '../anchors.js';
import { formatLong, type WorkingCalendar } from '../calendar.js';
import { shiftDate } from '../schedule/resolve.js';
import { describeOffset, type GapRule, type LengthRule, type OrderRule, type Template } from '../template.js';
import type { CalendarDate, Diagnostic, Offset, PlanItem, Status, ThirdParty } from '../types.js';

/** What a rule needs of an item. */
export interface Dated {
  readonly id: string;
  readonly title: string;
  readonly start: CalendarDate;
  readonly end: CalendarDate;
  readonly status?: Status;
}

export type Lookup = (id: string) => Dated | undefined;

export function lookupOf(items: readonly PlanItem[]): Lookup {
  const byId = new Map(items.map((i) => [i.id, i]));
  return (id) => byId.get(id);
}

/** An item a person set aside (or that has happened) no longer holds anything up. */
export function isClosed(item: Dated): boolean {
  return item.status === 'done' || item.status === 'not-needed';
}

/** One rule for each third party when it says so ('{party}-notice' → 'eps-notice'), else itself. */
function perParty<R extends { forEachThirdParty?: boolean }>(
  rule: R,
  parties: readonly ThirdParty[],
  expand: (rule: R, party: ThirdParty) => R,
): R[] {
  return rule.forEachThirdParty ? parties.map((party) => expand(rule, party)) : [rule];
}

export const inParty = (text: string, party: ThirdParty) => text.replace('{party}', party.id);

export function checkOrder(template: Template, parties: readonly ThirdParty[], lookup: Lookup): Diagnostic[] {
  return template.order
    .flatMap((rule) =>
      perParty(rule, parties, (r, p): OrderRule => ({
        ...r,
        first: inParty(r.first, p),
        then: inParty(r.then, p),
      })),
    )
    .flatMap((rule) => {
      const first = lookup(rule.first);
      const then = lookup(rule.then);
      // Order is for planning: an item done (it happened) or not needed constrains nothing.
      if (!first || !then || isClosed(first) || isClosed(then)) return [];
      const inOrder = rule.sameDay ? first.start <= then.start : first.start < then.start;
      if (inOrder) return [];
      const how = first.start === then.start ? 'is on the same day as' : 'comes before';
      return [
        {
          severity: 'error' as const,
          code: 'schedule.out_of_order',
          message: `"${then.title}" (${formatLong(then.start)}) ${how} "${first.title}" (${formatLong(first.start)}), but must come after it. Move one of them (or go-live) so they are in order.`,
          itemId: then.id,
        },
      ];
    });
}

export function checkGaps(
  template: Template,
  parties: readonly ThirdParty[],
  lookup: Lookup,
  calendar: WorkingCalendar,
): Diagnostic[] {
  return template.rules.flatMap((rule) =>
    gapCases(rule, parties).flatMap((c) => gapProblem(rule, c, lookup, calendar)),
  );
}

/** A gap rule as the cases it checks: itself, or one for each third party ('{party}-notice'). */
export function gapCases(rule: GapRule, parties: readonly ThirdParty[]): GapCase[] {
  return rule.forEachThirdParty
    ? parties.map((p) => ({
        item: inParty(rule.item, p),
        before: inParty(rule.before, p),
        gap: rule.atLeast === 'notice' ? p.notice : rule.atLeast,
        assumed: rule.atLeast === 'notice' && p.noticeAssumed === true,
      }))
    : [{ item: rule.item, before: rule.before, gap: rule.atLeast as Offset, assumed: false }];
}

export interface GapCase {
  readonly item: string;
  readonly before: string;
  readonly gap: Offset;
  /** The gap is kickoff's assumption, not a published figure: a warning, not an error. */
  readonly assumed: boolean;
}

function gapProblem(rule: GapRule, c: GapCase, lookup: Lookup, calendar: WorkingCalendar): Diagnostic[] {
  const earlier = lookup(c.item);
  const later = lookup(c.before);
  // An item a person removed from the plan, or has done, has nothing left to check.
  if (!earlier || !later || isClosed(earlier)) return [];
  const latest = shiftDate(later.start, { amount: -c.gap.amount, unit: c.gap.unit }, calendar);
  if (earlier.start <= latest) return [];
  const gap = describeOffset(c.gap);
  const what =
    earlier.start > later.start
      ? `is after "${later.title}" (${formatLong(later.start)}), but must be at least ${gap} before it`
      : `is less than ${gap} before "${later.title}" (${formatLong(later.start)})`;
  const assumed = c.assumed
    ? ` The ${gap} is kickoff's assumption (no published figure): confirm the notice they need.`
    : '';
  return [
    {
      severity: c.assumed ? 'warning' : 'error',
      code: rule.code,
      message: `"${earlier.title}" (${formatLong(earlier.start)}) ${what}; it should be on or before ${formatLong(latest)}. ${rule.fix}${assumed}`,
      itemId: earlier.id,
    },
  ];
}

export function checkLengths(template: Template, lookup: Lookup, calendar: WorkingCalendar): Diagnostic[] {
  return template.lengths.flatMap((rule: LengthRule) => {
    const item = lookup(rule.item);
    if (!item || item.status === 'not-needed') return [];
    const days = calendar.workingDaysBetween(item.start, item.end);
    if (days <= rule.atMost.amount) return [];
    return [
      {
        severity: 'warning' as const,
        code: rule.code,
        message: `"${item.title}" lasts ${days} working days (${formatLong(item.start)} to ${formatLong(item.end)}), more than ${describeOffset(rule.atMost)}. ${rule.fix}`,
        itemId: item.id,
      },
    ];
  });
}

/**
 * Items that need lead time: the earlier side of each gap rule (extract request, notices, the
 * planning meeting…) and what must follow the kick-off. None may fall before today or the kick-off.
 * A notice whose period is kickoff's assumption is left out: a late one is a warning that says to
 * confirm the period with the party (notice_in_past), not a reason to call the plan infeasible.
 */
export function leadTimeIds(template: Template, parties: readonly ThirdParty[]): string[] {
  const sourced = parties.filter((p) => p.noticeAssumed !== true);
  const perParty = (text: string, forEach: boolean | undefined) =>
    forEach ? sourced.map((p) => inParty(text, p)) : [text];
  const gapItems = template.rules.flatMap((rule) => perParty(rule.item, rule.forEachThirdParty));
  const afterKickoff = template.order
    .filter((rule) => rule.first === KICKOFF_ID)
    .flatMap((rule) => perParty(rule.then, rule.forEachThirdParty));
  return [...new Set([...gapItems, ...afterKickoff])];
}
