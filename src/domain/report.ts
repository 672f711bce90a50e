/**
 * The weekly report on one practice, as data: what is overdue, what is due in the next two weeks,
 * the notices to give, the problems (the plan's own check) and the RAID log, open high risks first.
 * Pure: the plan, its check, its RAID log and today in; the report's lists out.
 */
import { addDays } from './calendar.js';
import { byText } from './order.js';
import { sortRaid, type RaidEntry } from './raid.js';
import type { CalendarDate, Diagnostic, Plan, PlanItem } from './types.js';

/** How far ahead "due" looks: two weeks, the fortnight a weekly report has to act in. */
export const REPORT_DAYS_AHEAD = 14;

export interface ReportLists {
  /** Open items dated before today (notices among them): oldest first. */
  readonly overdue: readonly PlanItem[];
  /** Open items starting from today to two weeks ahead, notices among them. */
  readonly due: readonly PlanItem[];
  /** Notices not given yet whose last day has passed or is within two weeks. */
  readonly notices: readonly PlanItem[];
  /** Errors first, then warnings. */
  readonly problems: readonly Diagnostic[];
  /** Open entries, high first (sortRaid); closed ones are left out. */
  readonly raid: readonly RaidEntry[];
  /** Open entries whose review day has come. */
  readonly reviewsDue: readonly RaidEntry[];
  /** The last day the report's "due" looks at. */
  readonly until: CalendarDate;
}

const open = (i: PlanItem) => !i.informational && i.status !== 'done' && i.status !== 'not-needed';
const byDate = (a: PlanItem, b: PlanItem) =>
  byText(a.start, b.start) || byText(a.time ?? '', b.time ?? '') || byText(a.id, b.id);

export function reportLists(
  plan: Plan,
  diagnostics: readonly Diagnostic[],
  raid: readonly RaidEntry[],
  today: CalendarDate,
): ReportLists {
  const until = addDays(today, REPORT_DAYS_AHEAD);
  const items = plan.items.filter(open);
  const openRaid = sortRaid(raid.filter((e) => e.status === 'open'));
  return {
    overdue: items.filter((i) => i.start < today).sort(byDate),
    due: items.filter((i) => i.start >= today && i.start <= until).sort(byDate),
    notices: items.filter((i) => i.type === 'notice' && i.start <= until).sort(byDate),
    problems: [
      ...diagnostics.filter((d) => d.severity === 'error'),
      ...diagnostics.filter((d) => d.severity === 'warning'),
    ],
    raid: openRaid,
    reviewsDue: openRaid.filter((e) => e.review <= today),
    until,
  };
}

/** What `portfolio --report` keeps of one practice's report: small, whatever the plan's size. */
export interface PracticeWeek {
  readonly overdue: number;
  readonly due: number;
  /** Notices not given whose last day has passed or is within two weeks. */
  readonly notices: readonly { readonly id: string; readonly title: string; readonly date: CalendarDate }[];
  /** Open high-rated entries of the RAID log (risks first). */
  readonly highRisks: readonly RaidEntry[];
  /** Open entries whose review day has come. */
  readonly reviewsDue: number;
}

export function practiceWeek(
  plan: Plan,
  diagnostics: readonly Diagnostic[],
  raid: readonly RaidEntry[],
  today: CalendarDate,
): PracticeWeek {
  const lists = reportLists(plan, diagnostics, raid, today);
  return {
    overdue: lists.overdue.length,
    due: lists.due.length,
    notices: lists.notices.map((i) => ({ id: i.id, title: i.title, date: i.start })),
    highRisks: lists.raid.filter((e) => e.rating === 'high'),
    reviewsDue: lists.reviewsDue.length,
  };
}
