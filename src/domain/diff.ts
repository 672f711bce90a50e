/**
 * What changed between two versions of a plan, as data: the change report, the JSON output and the
 * plan-file edits all come from this.
 */
import { movesKey } from './schedule/recurrence.js';
import type { CalendarDate, OccurrenceMove, Plan, PlanItem } from './types.js';
import { byText } from './order.js';

export interface ItemDates {
  readonly start: CalendarDate;
  readonly end: CalendarDate;
  /** Last day of a weekly series. */
  readonly until?: CalendarDate;
  readonly except?: readonly CalendarDate[];
  /** Occurrences of the series held on another day of their week, sorted by `from`. */
  readonly moved?: readonly OccurrenceMove[];
}

export interface ItemMove {
  readonly item: PlanItem;
  readonly before: ItemDates;
  readonly after: ItemDates;
}

export interface PlanDiff {
  readonly goLive?: { readonly before: CalendarDate; readonly after: CalendarDate };
  /** In both plans with different dates, in the new plan's order. */
  readonly moved: readonly ItemMove[];
  /** Only in the new plan. */
  readonly added: readonly PlanItem[];
  /** Only in the old plan. */
  readonly removed: readonly PlanItem[];
}

export function datesOf(item: PlanItem): ItemDates {
  return {
    start: item.start,
    end: item.end,
    ...(item.recurrence
      ? {
          until: item.recurrence.until,
          except: [...item.recurrence.except].sort(),
          moved: [...(item.recurrence.moved ?? [])].sort((a, b) => byText(a.from, b.from)),
        }
      : {}),
  };
}

export function sameDates(a: ItemDates, b: ItemDates): boolean {
  return (
    a.start === b.start &&
    a.end === b.end &&
    a.until === b.until &&
    (a.except ?? []).join() === (b.except ?? []).join() &&
    movesKey(a.moved) === movesKey(b.moved)
  );
}

export function diffPlans(before: Plan, after: Plan): PlanDiff {
  const old = new Map(before.items.map((i) => [i.id, i]));
  const now = new Set(after.items.map((i) => i.id));
  const moved: ItemMove[] = [];
  const added: PlanItem[] = [];
  for (const item of after.items) {
    const was = old.get(item.id);
    if (!was) added.push(item);
    else if (!sameDates(datesOf(was), datesOf(item)))
      moved.push({ item, before: datesOf(was), after: datesOf(item) });
  }
  const goLive =
    before.answers.goLive === after.answers.goLive
      ? {}
      : { goLive: { before: before.answers.goLive, after: after.answers.goLive } };
  return { ...goLive, moved, added, removed: before.items.filter((i) => !now.has(i.id)) };
}

export function isEmpty(diff: PlanDiff): boolean {
  return !diff.goLive && diff.moved.length + diff.added.length + diff.removed.length === 0;
}
