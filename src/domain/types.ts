/**
 * The domain's vocabulary. Pure data: no library types, no JS Date.
 * Dates are `CalendarDate` strings ('YYYY-MM-DD'); only calendar.ts turns them into numbers.
 */

/** A day on the calendar, always 'YYYY-MM-DD'. Made only by parseCalendarDate / calendar arithmetic. */
export type CalendarDate = string & { readonly __brand: 'CalendarDate' };

/** The nations whose bank holidays differ. England and Wales share one table. */
export const NATIONS = ['england', 'wales', 'scotland', 'northern-ireland'] as const;
export type Nation = (typeof NATIONS)[number];

export const ITEM_TYPES = [
  'meeting',
  'milestone',
  'deadline',
  'window',
  'task',
  'notice',
  'reminder',
  'constraint',
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** Units of an offset: working days, calendar days, weeks (7 calendar days), calendar months. */
export type OffsetUnit = 'wd' | 'd' | 'w' | 'm';

/** A signed distance in time, e.g. -3wd or +90d. */
export interface Offset {
  readonly amount: number;
  readonly unit: OffsetUnit;
}

/** How long a third party needs to be told before its links switch off. */
export type NoticePeriod = Offset;

export type Severity = 'error' | 'warning' | 'info';

/** A problem found in a plan. `code` is stable (e.g. `schedule.notice_in_past`) so scripts can match it. */
export interface Diagnostic {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly itemId?: string;
  /** For `schedule.infeasible`: the first go-live that leaves every lead time whole. */
  readonly earliestGoLive?: CalendarDate;
  /**
   * For `schedule.infeasible`: the first go-live the sourced rules alone allow (kickoff's assumed
   * offsets left out); earlier than `earliestGoLive` when an assumption is what pushes it later.
   */
  readonly earliestGoLiveSourced?: CalendarDate;
  /** Every item the problem concerns, when it concerns several (a busy period's items). */
  readonly itemIds?: readonly string[];
}

export interface Practice {
  readonly name: string;
  /** NHS ODS code, e.g. B82005. */
  readonly ods: string;
}

export interface Person {
  readonly role: string;
  readonly name: string;
  readonly email: string;
}

/** Someone away for a stretch of days (inclusive). `who` is a team member's name or email. */
export interface Absence {
  readonly who: string;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
}

/** A third party chosen from the template by id, or one the practice added itself. */
export type ThirdPartyChoice =
  { readonly id: string } | { readonly name: string; readonly notice: NoticePeriod };

export interface ClinicalSystems {
  readonly current: string;
  readonly new: string;
}

/** Everything a person tells kickoff. The scheduler needs nothing else but the template and the calendar. */
export interface Answers {
  readonly practice: Practice;
  readonly goLive: CalendarDate;
  readonly nation: Nation;
  readonly systems: ClinicalSystems;
  readonly team: readonly Person[];
  readonly thirdParties: readonly ThirdPartyChoice[];
  readonly absences: readonly Absence[];
  /** A fixed kick-off date; otherwise the template's default offset from go-live. */
  readonly kickoff?: CalendarDate;
  /** Where the meetings are held: a room or the call link (the same for the weekly series). */
  readonly meetingLocation?: string;
  /** A dispensing practice: its dispensary gets its own items (stock, formulary, hardware). */
  readonly dispensing?: boolean;
}

export type Status = 'todo' | 'doing' | 'done' | 'not-needed';
export const STATUSES: readonly Status[] = ['todo', 'doing', 'done', 'not-needed'];

/** One occurrence of a weekly series held on another day of its week (its own day is a bank holiday). */
export interface OccurrenceMove {
  /** The day the series would meet on. */
  readonly from: CalendarDate;
  /** The day it meets instead. */
  readonly to: CalendarDate;
}

/**
 * A weekly series from the item's start until `until` (inclusive). Occurrences on a day off move
 * within their week (`moved`, sorted by `from`); `except` leaves out those whose week has no day left.
 */
export interface Recurrence {
  readonly weekly: true;
  readonly until: CalendarDate;
  readonly except: readonly CalendarDate[];
  readonly moved?: readonly OccurrenceMove[];
}

/** Whether kickoff computed an item's date or a person fixed it. */
export type Origin = 'computed' | 'pinned';

/** One dated thing in the plan: a meeting, milestone, deadline, window, notice, reminder... */
export interface PlanItem {
  readonly id: string;
  readonly title: string;
  readonly phase: string;
  readonly type: ItemType;
  readonly start: CalendarDate;
  /** Inclusive last day; equals start for one-day items. */
  readonly end: CalendarDate;
  /** Europe/London wall-clock start, 'HH:MM', for meetings. */
  readonly time?: string;
  readonly durationMinutes?: number;
  /** Where it is held (a room or the call link), for this item only: overrides answers.meetingLocation. */
  readonly location?: string;
  readonly recurrence?: Recurrence;
  /** Role ids who own or attend this item. */
  readonly roles: readonly string[];
  /**
   * Owners named on the item as written in the plan: team members by e-mail or name, or more role
   * ids (domain/people.ts reads them). The roles above still give the item's defaults.
   */
  readonly owners?: readonly string[];
  readonly thirdParty?: string;
  /** Records a fact rather than asking anyone to act; keeps its exact date, may fall on any day. */
  readonly informational?: boolean;
  readonly origin: Origin;
  /** Absent for informational items. */
  readonly status?: Status;
  readonly description?: string;
  readonly source: string;
  /**
   * A person's own item dated from another item (`from: go-live`, `offset: -10wd`): re-planning
   * moves it with that item, as the template's rules move theirs.
   */
  readonly rule?: OwnRule;
}

/** An own item's date rule, in the template's terms. */
export interface OwnRule {
  readonly from: string;
  readonly at?: 'start' | 'end';
  readonly offset: Offset;
}

export interface Phase {
  readonly id: string;
  readonly title: string;
}

export interface Role {
  readonly id: string;
  readonly title: string;
}

/** A third party as the plan knows it: resolved name and notice period. */
export interface ThirdParty {
  readonly id: string;
  readonly name: string;
  readonly notice: NoticePeriod;
  /** No source gives this notice period: kickoff assumed it. */
  readonly noticeAssumed?: boolean;
  readonly source: string;
}

export interface Plan {
  readonly template: { readonly id: string; readonly version: string };
  readonly answers: Answers;
  readonly phases: readonly Phase[];
  readonly roles: readonly Role[];
  readonly thirdParties: readonly ThirdParty[];
  /** Sorted by start date, then start time (all-day first), then template order. */
  readonly items: readonly PlanItem[];
  readonly diagnostics: readonly Diagnostic[];
}
