/**
 * What changed in a plan between two of its versions, as people follow a plan week by week: dates
 * moved, statuses and notes changed, items added or removed, pins set or released, and the notice
 * deadlines that have come due. Pure: two plans (with their notes) and today in, the changes out.
 */
import type { WorkingCalendar } from './calendar.js';
import { diffPlans, type ItemMove } from './diff.js';
import { byText } from './order.js';
import type { CalendarDate, Plan, PlanItem, Status } from './types.js';

/** How many working days ahead a notice deadline counts as due (as `check` and `due` say). */
const DUE_WORKING_DAYS = 5;

export interface StatusChange {
  readonly item: PlanItem;
  readonly before: Status | undefined;
  readonly after: Status | undefined;
}

export interface NotesChange {
  readonly item: PlanItem;
  readonly before: string;
  readonly after: string;
}

export interface PlanChanges {
  readonly goLive?: { readonly before: CalendarDate; readonly after: CalendarDate };
  readonly moved: readonly ItemMove[];
  readonly statuses: readonly StatusChange[];
  readonly notes: readonly NotesChange[];
  readonly added: readonly PlanItem[];
  readonly removed: readonly PlanItem[];
  /** Items a person fixed on a date since (pinned: true set). */
  readonly pinned: readonly PlanItem[];
  /** Items let go since (pinned: true taken away). */
  readonly released: readonly PlanItem[];
  /** Notice deadlines, not given yet, that were not due before and are now (passed, or within a week). */
  readonly noticesDue: readonly PlanItem[];
}

/** A plan with each item's notes (the domain's items do not carry them). */
export interface PlanVersion {
  readonly plan: Plan;
  readonly notes: ReadonlyMap<string, string>;
  /** The day this version was current: a notice is "due" from DUE_WORKING_DAYS before its date. */
  readonly day: CalendarDate;
}

export function changesBetween(
  before: PlanVersion,
  after: PlanVersion,
  calendar: WorkingCalendar,
): PlanChanges {
  const diff = diffPlans(before.plan, after.plan);
  const old = new Map(before.plan.items.map((i) => [i.id, i]));
  const statuses: StatusChange[] = [];
  const notes: NotesChange[] = [];
  const pinned: PlanItem[] = [];
  const released: PlanItem[] = [];
  for (const item of after.plan.items) {
    const was = old.get(item.id);
    if (!was) continue;
    if (was.status !== item.status) statuses.push({ item, before: was.status, after: item.status });
    const [a, b] = [before.notes.get(item.id) ?? '', after.notes.get(item.id) ?? ''];
    if (a.trim() !== b.trim()) notes.push({ item, before: a, after: b });
    if (was.origin !== 'pinned' && item.origin === 'pinned') pinned.push(item);
    if (was.origin === 'pinned' && item.origin !== 'pinned') released.push(item);
  }
  const dueBy = (day: CalendarDate) => calendar.addWorkingDays(day, DUE_WORKING_DAYS);
  const open = (item: PlanItem | undefined) =>
    item !== undefined && item.status !== 'done' && item.status !== 'not-needed';
  const noticesDue = after.plan.items
    .filter((item) => item.type === 'notice' && open(item))
    .filter((item) => item.start <= dueBy(after.day))
    .filter((item) => {
      const was = old.get(item.id);
      return !open(was) || was!.start > dueBy(before.day);
    })
    .sort((a, b) => byText(a.start, b.start) || byText(a.id, b.id));
  return {
    ...(diff.goLive ? { goLive: diff.goLive } : {}),
    moved: diff.moved,
    statuses,
    notes,
    added: diff.added,
    removed: diff.removed,
    pinned,
    released,
    noticesDue,
  };
}

export function noChanges(changes: PlanChanges): boolean {
  return (
    !changes.goLive &&
    [
      changes.moved,
      changes.statuses,
      changes.notes,
      changes.added,
      changes.removed,
      changes.pinned,
      changes.released,
      changes.noticesDue,
    ].every((list) => list.length === 0)
  );
}
