/**
 * Re-planning an existing plan: the template's rules run again from the (possibly changed) answers,
 * but what people decided stays. Pure: the same plan and answers always give the same result.
 *
 * - A pinned item keeps its dates, and items anchored to it follow it.
 * - A done item keeps its dates: it happened then.
 * - A person's own item (an id the template does not make) is kept exactly as written.
 * - A template item a person removed is not brought back; one never published before is added, and
 *   so are the items of a third party that has none in the plan (just added to the answers, again).
 * - The items of a third party taken out of the answers go.
 */
import { formatLong, type WorkingCalendar } from '../calendar.js';
import { checkPlan } from '../check/check.js';
import { recurrenceOf, sortItems, toPlanItem } from './back-schedule.js';
import { meetingFreeDays, seriesDays, type MeetingFree } from './recurrence.js';
import { planSpecs, resolveDates, resolveThirdParties, type ItemSpec, type Span } from './resolve.js';
import type { Template } from '../template.js';
import type { Answers, CalendarDate, Diagnostic, Plan, PlanItem, Recurrence } from '../types.js';
import { byText } from '../order.js';

export interface RescheduleInput {
  readonly template: Template;
  /** The plan as read from the file. */
  readonly previous: Plan;
  /** The answers to plan from: the file's, perhaps with a new go-live. */
  readonly answers: Answers;
  readonly calendar: WorkingCalendar;
  readonly today: CalendarDate;
  /**
   * Ids kickoff has put in the plan before (its published record). A template item missing from the
   * plan but in here was removed by a person; one missing from both is new.
   */
  readonly known: ReadonlySet<string>;
  /**
   * false: the dates only, without checking the plan (diagnostics empty), for a caller that only
   * compares dates (the staleness check, which `show` and `calendar` run beside their own check).
   */
  readonly check?: boolean;
}

/** A person's own item dated from another, as the resolver takes a template item's rule. */
/** An own item dated from an item kickoff does not date (gone, or another own item without a rule). */
function unknownAnchor(item: PlanItem): Diagnostic {
  return {
    severity: 'error',
    code: 'plan.own_rule_unknown_anchor',
    message: `"${item.title}" is dated from "${item.rule!.from}", which is not an item kickoff dates in this plan; its date stays ${formatLong(item.start)}. Change from: to another item's id (kickoff show lists them), or remove from: and offset: and pin the date.`,
    itemId: item.id,
  };
}

/** Dates a person decided: pinned, or done on the day it was done. */
export function isFixed(item: PlanItem): boolean {
  return item.origin === 'pinned' || item.status === 'done';
}

export function reschedule(input: RescheduleInput): Plan {
  const { template, previous, answers, calendar, today } = input;
  const parties = resolveThirdParties(template, answers);
  const { specs, unknownFrom } = planSpecs(template, parties, answers, previous.items);
  const specById = new Map(specs.map((s) => [s.id, s]));
  const fixed = new Map<string, Span>(
    previous.items
      .filter((item) => isFixed(item) && specById.has(item.id))
      .map((item) => [item.id, { start: item.start, end: item.end }]),
  );
  const meetingFree = meetingFreeDays(template);
  const spans = resolveDates(specs, answers, calendar, { fixed, meetingFree });
  const partyIds = new Set(parties.map((p) => p.id));
  const partyItem = (item: PlanItem) =>
    item.thirdParty !== undefined &&
    template.thirdPartyItems.some((t) => item.id === `${item.thirdParty}-${t.id}`);
  // An item the template makes, but not for these answers any more (another nation, no dispensary,
  // a reminder now merged into its notice): it goes, unless a person fixed it.
  const noLongerMade = (item: PlanItem) =>
    !specById.has(item.id) &&
    !isFixed(item) &&
    (partyItem(item) || template.items.some((t) => t.id === item.id || isDayOf(t, item.id)));

  const kept = previous.items
    .filter((item) => !(partyItem(item) && !partyIds.has(item.thirdParty!)))
    .filter((item) => !noLongerMade(item))
    .map((item) => {
      const spec = specById.get(item.id);
      return spec && !isFixed(item) ? redate(item, spec, spans, calendar, meetingFree) : item;
    });
  const present = new Set(previous.items.map((i) => i.id));
  // A third party with no items in the plan was just added to the answers (perhaps again): all new.
  const partyIsNew = (id: string | undefined) =>
    id !== undefined && !previous.items.some((i) => i.thirdParty === id);
  const added = specs
    .filter((spec) => !present.has(spec.id) && (!input.known.has(spec.id) || partyIsNew(spec.thirdParty)))
    .map((spec) => toPlanItem(spec, spans.get(spec.id)!, recurrenceOf(spec, spans, calendar, meetingFree)));

  const plan: Plan = {
    ...previous,
    // A phase the plan no longer has comes back only if an added item needs it.
    phases: [
      ...previous.phases,
      ...template.phases.filter(
        (p) => !previous.phases.some((q) => q.id === p.id) && added.some((i) => i.phase === p.id),
      ),
    ],
    answers,
    thirdParties: parties,
    items: sortItems(
      [...kept, ...added],
      specs.map((s) => s.id),
    ),
    diagnostics: [],
  };
  if (input.check === false) return plan;
  // Where the rules alone would put each item, to tell people what a pin is holding back.
  const unpinned = fixed.size > 0 ? resolveDates(specs, answers, calendar, { meetingFree }) : spans;
  const computed = (id: string) => unpinned.get(id);
  return {
    ...plan,
    diagnostics: [
      ...unknownFrom.map(unknownAnchor),
      ...checkPlan(plan, template, calendar, today),
      ...checkPinned(plan.items, computed, calendar),
    ],
  };
}

/** Whether `id` is one day ('<id>-2') of an item held on several working days. */
function isDayOf(item: Template['items'][number], id: string): boolean {
  return item.repeatWorkingDays !== undefined && new RegExp(`^${item.id}-\\d+$`).test(id);
}

/** New dates from the rules; everything a person wrote (title, roles, time, status, notes) stays. */
function redate(
  item: PlanItem,
  spec: ItemSpec,
  spans: ReadonlyMap<string, Span>,
  calendar: WorkingCalendar,
  meetingFree: MeetingFree,
): PlanItem {
  const span = spans.get(spec.id)!;
  // A series a person turned into one day stays one day; one they made weekly keeps their end.
  const computed = item.recurrence && (recurrenceOf(spec, spans, calendar, meetingFree) ?? item.recurrence);
  const recurrence = computed && keepOwnMoves(computed, item.recurrence!, span.start);
  const { recurrence: _old, ...rest } = item;
  return { ...rest, start: span.start, end: span.end, ...(recurrence ? { recurrence } : {}) };
}

/**
 * Moves written in the plan whose day the new series still meets on are kept: the rules would give
 * the same move (a bank holiday stays one), so a different one is a person's choice.
 */
function keepOwnMoves(computed: Recurrence, previous: Recurrence, start: CalendarDate): Recurrence {
  const days = new Set(seriesDays(start, computed.until));
  const own = (previous.moved ?? []).filter((m) => days.has(m.from) && m.to !== m.from);
  if (own.length === 0) return computed;
  const taken = new Set(own.map((m) => m.from));
  const moved = [...own, ...(computed.moved ?? []).filter((m) => !taken.has(m.from))].sort((a, b) =>
    byText(a.from, b.from),
  );
  return { ...computed, except: computed.except.filter((d) => !taken.has(d)), moved };
}

/** What a pinned date means for the rest of the plan; rule breaks are found by checkPlan's gap rules. */
function checkPinned(
  items: readonly PlanItem[],
  computed: (id: string) => Span | undefined,
  _calendar: WorkingCalendar,
): Diagnostic[] {
  return items
    .filter((item) => item.origin === 'pinned')
    .flatMap((item): Diagnostic[] => {
      const found: Diagnostic[] = [];
      // A pinned date on a day off is checkPlan's (check-status.ts): `check` reports it too.
      const rule = computed(item.id);
      if (rule && rule.start !== item.start) {
        found.push({
          severity: 'info',
          code: 'schedule.pinned_differs',
          message: `"${item.title}" is pinned to ${formatLong(item.start)}; the template's rules would put it on ${formatLong(rule.start)}. Remove \`pinned: true\` to let kickoff move it.`,
          itemId: item.id,
        });
      }
      return found;
    });
}
