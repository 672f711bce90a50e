/**
 * The `moved:` weeks of a weekly series that a person edited: a move of a day the series does not
 * meet on does nothing, and one onto a weekend, a bank holiday or a day kept free of meetings puts
 * the meeting where the rules never would. Both are warnings: the person's word stands.
 */
import { formatLong, mondayOf, type WorkingCalendar } from '../calendar.js';
import { movesOf, occurrences, strayMoves, type MeetingFree } from '../schedule/recurrence.js';
import type { Template } from '../template.js';
import type { Diagnostic, Plan } from '../types.js';

/**
 * A weekly series the template says must meet in certain weeks (final data production, go-live):
 * computed plans always do (every week keeps a meeting); a series edited by hand may not.
 */
export function checkSeriesWeeks(plan: Plan, template: Template): Diagnostic[] {
  const byId = new Map(plan.items.map((i) => [i.id, i]));
  return template.items.flatMap((spec) => {
    const series = byId.get(spec.id);
    if (!spec.meetsInWeekOf || !series?.recurrence || series.status === 'not-needed') return [];
    const weeks = new Set(occurrences(series.start, series.recurrence).map(mondayOf));
    return spec.meetsInWeekOf.flatMap((ref): Diagnostic[] => {
      const item = byId.get(ref);
      if (!item || weeks.has(mondayOf(item.start))) return [];
      return [
        {
          severity: 'warning',
          code: 'schedule.no_meeting_in_week',
          message: `"${series.title}" has no meeting in the week of "${item.title}" (${formatLong(item.start)}). Change its dates in the plan (repeatsWeeklyUntil, moved:) so that week has one.`,
          itemId: series.id,
        },
      ];
    });
  });
}

export function checkMoves(plan: Plan, calendar: WorkingCalendar, meetingFree: MeetingFree): Diagnostic[] {
  return plan.items.flatMap((item): Diagnostic[] => {
    if (!item.recurrence?.moved) return [];
    const stray = strayMoves(item.start, item.recurrence).map((m): Diagnostic => ({
      severity: 'warning',
      code: 'plan.move_not_in_series',
      message: `"${item.title}" moves ${formatLong(m.from)}, a day the series does not meet on (it meets every week from ${formatLong(item.start)}), so that line does nothing. Correct the first date under moved:, or delete it.`,
      itemId: item.id,
    }));
    const offDay = movesOf(item.start, item.recurrence)
      .filter((m) => !calendar.isWorkingDay(m.to) || meetingFree(m.to))
      .map((m): Diagnostic => ({
        severity: 'warning',
        code: 'plan.move_to_day_off',
        message: `"${item.title}" is moved from ${formatLong(m.from)} to ${formatLong(m.to)}, a weekend, bank holiday or day kept free of meetings. Pick a working day that week under moved:.`,
        itemId: item.id,
      }));
    return [...stray, ...offDay];
  });
}
