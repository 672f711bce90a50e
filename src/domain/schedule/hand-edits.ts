/**
 * Dates people changed in the plan without pinning them. Re-planning would quietly put them back;
 * instead kickoff keeps the person's date, pins it, and says so. A date counts as changed by hand
 * when it differs from what the calendars last published for that item.
 */
import { formatLong } from '../calendar.js';
import type { PublishedEvent } from '../calendar-events/publish.js';
import type { CalendarDate, Diagnostic, Plan, PlanItem } from '../types.js';

export interface HandEdit {
  readonly item: PlanItem;
  readonly was: { readonly start: CalendarDate; readonly end: CalendarDate };
}

/**
 * The plan with every date changed by hand pinned (as the person left it), and those changes: what
 * `schedule`, `calendar` and the staleness check all start from.
 */
export function keepHandEdits(
  plan: Plan,
  published: readonly PublishedEvent[],
): { readonly plan: Plan; readonly edits: HandEdit[] } {
  const edits = findHandEdits(plan, published);
  return { plan: pinHandEdits(plan, edits), edits };
}

function findHandEdits(plan: Plan, published: readonly PublishedEvent[]): HandEdit[] {
  const last = new Map(published.filter((e) => !e.cancelled).map((e) => [e.id, e]));
  return plan.items.flatMap((item) => {
    const was = last.get(item.id);
    if (!was || item.origin === 'pinned' || item.status === 'done') return [];
    if (was.start === item.start && was.end === item.end) return [];
    return [{ item, was: { start: was.start, end: was.end } }];
  });
}

/** The plan with those items pinned to the dates the person gave them. */
function pinHandEdits(plan: Plan, edits: readonly HandEdit[]): Plan {
  if (edits.length === 0) return plan;
  const ids = new Set(edits.map((e) => e.item.id));
  return {
    ...plan,
    items: plan.items.map((item) => (ids.has(item.id) ? { ...item, origin: 'pinned' as const } : item)),
  };
}

export function handEditNotes(edits: readonly HandEdit[]): Diagnostic[] {
  return edits.map(({ item, was }) => ({
    severity: 'info' as const,
    code: 'schedule.hand_edit_pinned',
    message: `"${item.title}" was changed by hand from ${span(was.start, was.end)} to ${span(item.start, item.end)}; kickoff kept it and pinned it (pinned: true), so it will not move. Remove that line to let kickoff move it again.`,
    itemId: item.id,
  }));
}

function span(start: CalendarDate, end: CalendarDate): string {
  return start === end ? formatLong(start) : `${formatLong(start)} – ${formatLong(end)}`;
}
