/**
 * Why an item is on its date: the chain of steps the date resolution took (resolve.ts, asked to
 * explain), from go-live (or a fixed kick-off, or a date a person fixed) down to the item, each with
 * its rule's source or kickoff's reasoning where the number is assumed. The dates are never worked
 * out again here: each step is the resolver's own record of what it did. What is added is only
 * what a person needs to follow it: the bank holidays a count of working days passed over, and
 * which day off a date was moved from.
 */
import { addDays, isWeekend, type WorkingCalendar } from '../calendar.js';
import { isFixed } from './reschedule.js';
import { meetingFreeDays, movesOf } from './recurrence.js';
import {
  planSpecs,
  resolveDates,
  type DateChain,
  type DateStep,
  type Resolved,
  type Span,
} from './resolve.js';
import type { Template } from '../template.js';
import type { CalendarDate, Diagnostic, OccurrenceMove, Plan, PlanItem, ThirdParty } from '../types.js';

/** A day a date was moved off, or counted past, and why it is not a working day (or a meeting day). */
export interface DayOff {
  readonly date: CalendarDate;
  readonly why: 'weekend' | 'bank holiday' | 'no meetings';
  /** The bank holiday's name. */
  readonly name?: string;
}

export type WhyStep = DateStep & {
  /** For a count of working days: the bank holidays it passed over. */
  readonly passed?: readonly DayOff[];
  /** For a roll: the days off it moved across. */
  readonly skipped?: readonly DayOff[];
};

/** One link of the chain: how one item's date (its start, or its end) was reached. */
export interface WhyLink {
  readonly id: string;
  readonly title: string;
  readonly at: 'start' | 'end';
  readonly date: CalendarDate;
  readonly steps: readonly WhyStep[];
  readonly source: string;
  readonly assumed?: string;
  /** When an offset is a third party's notice period. */
  readonly thirdParty?: Pick<ThirdParty, 'id' | 'name' | 'notice' | 'noticeAssumed' | 'source'>;
}

export interface WhyDate {
  readonly item: PlanItem;
  /** The item first, then what it is dated from, and so on to go-live, a fixed kick-off or a pin. */
  readonly chain: readonly WhyLink[];
  /** The end's own chain, for an item over several days whose end has a rule of its own. */
  readonly endChain?: readonly WhyLink[];
  /** The rules give another date than the plan holds (answers edited without re-planning). */
  readonly rulesSay?: Span;
  /** A person's own item with no rule: dated by hand. */
  readonly own: boolean;
  /** A weekly series' weeks held on another day, each with the day off it avoids. */
  readonly movedWeeks: readonly (OccurrenceMove & { readonly off: DayOff })[];
  /** Problems with this item (a broken rule, an absence, a busy period…). */
  readonly problems: readonly Diagnostic[];
}

/** The resolution of every item of the plan as it stands, with each date's chain. */
export function explainPlan(
  plan: Plan,
  template: Template,
  calendar: WorkingCalendar,
): Map<string, Resolved> {
  const { specs } = planSpecs(template, plan.thirdParties, plan.answers, plan.items);
  const ids = new Set(specs.map((s) => s.id));
  const fixed = new Map<string, Span>(
    plan.items.filter((i) => isFixed(i) && ids.has(i.id)).map((i) => [i.id, { start: i.start, end: i.end }]),
  );
  return resolveDates(specs, plan.answers, calendar, {
    fixed,
    meetingFree: meetingFreeDays(template),
    explain: true,
  });
}

export function whyDate(
  plan: Plan,
  itemId: string,
  resolved: ReadonlyMap<string, Resolved>,
  calendar: WorkingCalendar,
  diagnostics: readonly Diagnostic[],
): WhyDate | undefined {
  const item = plan.items.find((i) => i.id === itemId);
  if (!item) return undefined;
  const mine = resolved.get(itemId);
  const link = (id: string, at: 'start' | 'end'): WhyLink | undefined => {
    const r = resolved.get(id);
    const chain = r?.why?.[at] ?? r?.why?.start;
    if (!r || !chain) return undefined;
    const title = plan.items.find((i) => i.id === id)?.title ?? id;
    const date = at === 'end' && r.why?.end ? r.end : r.start;
    return describe(id, title, at, date, chain, plan, calendar);
  };
  const follow = (id: string, at: 'start' | 'end'): WhyLink[] => {
    const out: WhyLink[] = [];
    const seen = new Set<string>();
    for (let next: { id: string; at: 'start' | 'end' } | undefined = { id, at }; next;) {
      if (seen.has(`${next.id}/${next.at}`)) break;
      seen.add(`${next.id}/${next.at}`);
      const l = link(next.id, next.at);
      if (!l) break;
      out.push(l);
      const offset = l.steps.find((s) => s.kind === 'offset');
      next = offset?.kind === 'offset' ? { id: offset.from, at: offset.at } : undefined;
    }
    return out;
  };
  const chain = follow(itemId, 'start');
  const endChain = mine?.why?.end ? follow(itemId, 'end') : undefined;
  const stale = mine && (mine.start !== item.start || mine.end !== item.end);
  return {
    item,
    chain,
    ...(endChain ? { endChain } : {}),
    ...(stale ? { rulesSay: { start: mine.start, end: mine.end } } : {}),
    own: mine === undefined,
    movedWeeks: item.recurrence
      ? movesOf(item.start, item.recurrence).map((m) => ({ ...m, off: dayOff(m.from, calendar) }))
      : [],
    problems: diagnostics.filter((d) => d.itemId === itemId || d.itemIds?.includes(itemId)),
  };
}

function describe(
  id: string,
  title: string,
  at: 'start' | 'end',
  date: CalendarDate,
  chain: DateChain,
  plan: Plan,
  calendar: WorkingCalendar,
): WhyLink {
  const steps = chain.steps.map((step): WhyStep => {
    if (step.kind === 'offset' && step.offset.unit === 'wd')
      return { ...step, passed: holidaysBetween(step.base, step.date, calendar) };
    if (step.kind === 'roll')
      return { ...step, skipped: daysOff(step.from, step.date, calendar, step.meetingFree) };
    return step;
  });
  const notice = steps.find((s) => s.kind === 'offset' && s.notice);
  const party = notice?.kind === 'offset' ? plan.thirdParties.find((p) => p.id === notice.notice) : undefined;
  return {
    id,
    title,
    at,
    date,
    steps,
    source: chain.source,
    ...(chain.assumed ? { assumed: chain.assumed } : {}),
    ...(party ? { thirdParty: party } : {}),
  };
}

/** The bank holidays strictly between two dates (either way round): what a working-day count passed over. */
function holidaysBetween(a: CalendarDate, b: CalendarDate, calendar: WorkingCalendar): DayOff[] {
  const [from, to] = a < b ? [a, b] : [b, a];
  const out: DayOff[] = [];
  for (let day = addDays(from, 1); day < to; day = addDays(day, 1)) {
    const holiday = calendar.bankHoliday(day);
    if (holiday && !isWeekend(day)) out.push({ date: day, why: 'bank holiday', name: holiday.title });
  }
  return out;
}

/** The days a roll moved across: from `from` up to (not including) `to`, each with why it was passed. */
function daysOff(
  from: CalendarDate,
  to: CalendarDate,
  calendar: WorkingCalendar,
  meetingFree: boolean,
): DayOff[] {
  const out: DayOff[] = [];
  const step = from < to ? 1 : -1;
  for (let day = from; day !== to; day = addDays(day, step))
    out.push(
      meetingFree && calendar.isWorkingDay(day) ? { date: day, why: 'no meetings' } : dayOff(day, calendar),
    );
  return out;
}

function dayOff(date: CalendarDate, calendar: WorkingCalendar): DayOff {
  const holiday = calendar.bankHoliday(date);
  if (holiday) return { date, why: 'bank holiday', name: holiday.title };
  return isWeekend(date) ? { date, why: 'weekend' } : { date, why: 'no meetings' };
}
