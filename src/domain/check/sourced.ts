/**
 * The earliest go-live the sourced rules alone allow: the template's rules with every number that is
 * kickoff's own assumption (`assumed:` on a date rule, an assumed notice period) left out. A sourced
 * date rule fixes the gap between two items both ways; an assumed one keeps only their order. Gap and
 * order rules hold as they are. Starting from the items that need lead time on or after `from`,
 * each item's earliest date is pushed forward until nothing moves; go-live's is the answer, and the
 * steps that pushed it last are the chain that binds.
 */
import { CalendarRangeError, addDays, type WorkingCalendar } from '../calendar.js';
import { GO_LIVE_ID, KICKOFF_ID } from '../anchors.js';
import { expandItems, resolveThirdParties, shiftDate, type ItemSpec } from '../schedule/resolve.js';
import type { DateRule, Template } from '../template.js';
import type { Answers, CalendarDate, Offset, ThirdParty } from '../types.js';
import { gapCases, inParty, leadTimeIds } from './rules.js';

/** A node is an item's start ('id') or end ('id@end'). */
type Node = string;

interface Edge {
  readonly from: Node;
  readonly to: Node;
  /** The earliest `to` can be, given the earliest `from` can be. */
  readonly bound: (date: CalendarDate) => CalendarDate;
  /** The source key(s) of the rule, for the binding chain. */
  readonly source: string;
}

export interface SourcedGoLive {
  readonly date: CalendarDate;
  /** Item ids, from the first that needs lead time to go-live, along the chain that binds. */
  readonly chain: readonly string[];
  /** The sources of the rules on that chain. */
  readonly sources: readonly string[];
}

/** How many rounds of pushing dates forward before giving up (a template that contradicts itself). */
const MAX_ROUNDS = 200;

export function earliestSourcedGoLive(
  template: Template,
  answers: Answers,
  calendar: WorkingCalendar,
  from: CalendarDate,
): SourcedGoLive | undefined {
  const parties = resolveThirdParties(template, answers);
  const specs = expandItems(template, parties, answers);
  const edges = buildEdges(template, specs, parties, answers, calendar);
  const earliest = new Map<Node, CalendarDate>();
  const cause = new Map<Node, Edge>();
  const start = calendar.nextWorkingDay(from);
  for (const id of [...leadTimeIds(template, parties), KICKOFF_ID]) earliest.set(id, start);
  if (answers.kickoff && answers.kickoff > start) earliest.set(KICKOFF_ID, answers.kickoff);
  try {
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      let moved = false;
      for (const edge of edges) {
        const known = earliest.get(edge.from);
        if (known === undefined) continue;
        const bound = calendar.nextWorkingDay(edge.bound(known));
        const now = earliest.get(edge.to);
        if (now !== undefined && bound <= now) continue;
        calendar.assertCovers(bound);
        earliest.set(edge.to, bound);
        cause.set(edge.to, edge);
        moved = true;
      }
      if (!moved) return answer(earliest.get(GO_LIVE_ID), cause);
    }
  } catch (error) {
    if (!(error instanceof CalendarRangeError)) throw error;
  }
  return undefined;
}

function answer(date: CalendarDate | undefined, cause: ReadonlyMap<Node, Edge>): SourcedGoLive | undefined {
  if (date === undefined) return undefined;
  const chain: string[] = [];
  const sources: string[] = [];
  const seen = new Set<Node>();
  for (let node: Node | undefined = GO_LIVE_ID; node !== undefined && !seen.has(node);) {
    seen.add(node);
    const id = node.replace(/@end$/, '');
    if (chain[0] !== id) chain.unshift(id);
    const edge = cause.get(node);
    if (edge) for (const key of edge.source.split(/,\s*/)) if (!sources.includes(key)) sources.unshift(key);
    node = edge?.from;
  }
  return { date, chain, sources };
}

const endOf = (id: string) => `${id}@end`;

function buildEdges(
  template: Template,
  specs: readonly ItemSpec[],
  parties: readonly ThirdParty[],
  answers: Answers,
  calendar: WorkingCalendar,
): Edge[] {
  const edges: Edge[] = [];
  const ids = new Set(specs.map((s) => s.id));
  const noticeAssumed = new Map(parties.map((p) => [p.id, p.noticeAssumed === true]));
  const same = (date: CalendarDate) => date;
  for (const spec of specs) {
    if (spec.informational) continue;
    const rules: [Node, DateRule | undefined][] = [
      [spec.id, spec.start],
      [endOf(spec.id), spec.end],
    ];
    edges.push({ from: spec.id, to: endOf(spec.id), bound: same, source: spec.source });
    if (!spec.end) edges.push({ from: endOf(spec.id), to: spec.id, bound: same, source: spec.source });
    for (const [node, rule] of rules) {
      if (!rule || rule.answer === 'goLive' || rule.from === undefined) continue;
      if (rule.answer === 'kickoff' && answers.kickoff) continue;
      if (!ids.has(rule.from)) continue;
      const anchor = rule.at === 'end' ? endOf(rule.from) : rule.from;
      const offset = rule.offset as Offset;
      const party = (rule as { notice?: string }).notice;
      const assumed =
        rule.assumed !== undefined || (party !== undefined && noticeAssumed.get(party) === true);
      if (assumed) {
        // Only the order is kept: the item stays on the side of its anchor that the rule puts it.
        if (offset.amount >= 0) edges.push({ from: anchor, to: node, bound: same, source: spec.source });
        else edges.push({ from: node, to: anchor, bound: same, source: spec.source });
        continue;
      }
      edges.push({
        from: anchor,
        to: node,
        bound: (date) => forward(date, rule, offset, calendar),
        source: spec.source,
      });
      edges.push({
        from: node,
        to: anchor,
        bound: (date) => backward(date, rule, offset, calendar),
        source: spec.source,
      });
    }
  }
  for (const rule of template.rules) {
    for (const c of gapCases(rule, parties)) {
      if (c.assumed || !ids.has(c.item) || !ids.has(c.before)) continue;
      edges.push({
        from: c.item,
        to: c.before,
        bound: (date) => shiftDate(date, c.gap, calendar),
        source: rule.source,
      });
    }
  }
  for (const rule of template.order) {
    const pairs = rule.forEachThirdParty
      ? parties.map((p) => [inParty(rule.first, p), inParty(rule.then, p)] as const)
      : [[rule.first, rule.then] as const];
    for (const [first, then] of pairs) {
      if (!ids.has(first) || !ids.has(then)) continue;
      edges.push({
        from: first,
        to: then,
        bound: rule.sameDay ? same : (date) => addDays(date, 1),
        source: rule.source,
      });
    }
  }
  return edges;
}

/** Whether a rule rolls a date off a day off to the next working day (else to the previous). */
function rollsForward(rule: DateRule, offset: Offset): boolean {
  return rule.roll === 'next' || (rule.roll === undefined && offset.unit === 'wd' && offset.amount > 0);
}

/** The earliest the item can be when its anchor is on `date` at the earliest. */
function forward(
  date: CalendarDate,
  rule: DateRule,
  offset: Offset,
  calendar: WorkingCalendar,
): CalendarDate {
  if (offset.unit === 'wd' && !(offset.amount === 0 && rule.roll === 'next'))
    return calendar.addWorkingDays(date, offset.amount);
  const moved = shiftDate(date, offset, calendar);
  return rollsForward(rule, offset) ? calendar.nextWorkingDay(moved) : calendar.previousWorkingDay(moved);
}

/** The earliest the anchor can be when the item must be on `date` at the earliest. */
function backward(
  date: CalendarDate,
  rule: DateRule,
  offset: Offset,
  calendar: WorkingCalendar,
): CalendarDate {
  const day = calendar.nextWorkingDay(date);
  if (offset.unit === 'wd' && !(offset.amount === 0 && rule.roll === 'next'))
    return calendar.addWorkingDays(day, -offset.amount);
  // Rolled back, the item is on or after `day` exactly when the unrolled date is; rolled forward,
  // when the unrolled date is after the working day before `day`.
  const least = rollsForward(rule, offset) ? addDays(calendar.previousWorkingDay(addDays(day, -1)), 1) : day;
  return shiftDate(least, { amount: -offset.amount, unit: offset.unit }, calendar);
}
