/**
 * Rules about how a plan has been kept since kickoff wrote it: dates edited by hand onto days off,
 * and answers changed without re-planning. Called from checkPlan, so `init`, `schedule`, `show` and
 * `check` all report them from this one place.
 */
import { GO_LIVE_ID, KICKOFF_ID } from '../anchors.js';
import { formatLong, type WorkingCalendar } from '../calendar.js';
import type { Diagnostic, Plan, PlanItem } from '../types.js';

export function checkStatus(plan: Plan, calendar: WorkingCalendar): Diagnostic[] {
  return [...checkDaysOff(plan, calendar), ...checkStale(plan)];
}

/**
 * An item someone must act on, dated on a weekend or bank holiday (kickoff never does that; a hand
 * edit can). Go-live itself is reported by its own rule; a weekly series skips its bank holidays.
 */
function checkDaysOff(plan: Plan, calendar: WorkingCalendar): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const item of plan.items) {
    if (item.informational || item.status === 'done' || item.status === 'not-needed') continue;
    if (item.id === GO_LIVE_ID && item.start === plan.answers.goLive) continue;
    const days = item.start === item.end ? [item.start] : [item.start, item.end];
    for (const day of days) {
      // A date outside the bank-holiday table's years is reported where the plan is read or re-planned.
      if (!calendar.covers(day) || calendar.isWorkingDay(day)) continue;
      const holiday = calendar.bankHoliday(day);
      const which = day === item.start ? (item.start === item.end ? 'is on' : 'starts on') : 'ends on';
      found.push({
        severity: 'warning',
        code: item.origin === 'pinned' ? 'schedule.pinned_not_working_day' : 'plan.item_not_working_day',
        message: `"${item.title}" ${which}${item.origin === 'pinned' ? ' (pinned)' : ''} ${formatLong(day)}, ${holiday ? `a bank holiday (${holiday.title})` : 'a weekend'}. Move it to ${formatLong(calendar.previousWorkingDay(day))} or ${formatLong(calendar.nextWorkingDay(day))} (kickoff pin ${item.id} DATE), or mark it not-needed.`,
        itemId: item.id,
      });
    }
  }
  return found;
}

/**
 * Answers edited but `kickoff schedule` not run: the go-live item, or a fixed kick-off, no longer
 * where the answers put it. A date a person pinned on purpose is a conflict of its own, reported too.
 */
function checkStale(plan: Plan): Diagnostic[] {
  const found: Diagnostic[] = [];
  const byId = new Map(plan.items.map((i) => [i.id, i]));
  const stale = (item: PlanItem | undefined, answer: string, wanted: string | undefined): void => {
    if (!item || !wanted || item.start === wanted || item.status === 'done') return;
    found.push({
      severity: 'error',
      code: 'plan.stale',
      message: `answers.${answer} is ${formatLong(wanted as PlanItem['start'])}, but "${item.title}" is on ${formatLong(item.start)}${item.origin === 'pinned' ? ' (pinned)' : ''}: the answers changed and the plan was not re-planned. Run kickoff schedule${item.origin === 'pinned' ? ` (after kickoff unpin ${item.id}, or put the answer back)` : ''}; until then the dates and calendars follow the old answer.`,
      itemId: item.id,
    });
  };
  stale(byId.get(GO_LIVE_ID), 'goLive', plan.answers.goLive);
  stale(byId.get(KICKOFF_ID), 'kickoff', plan.answers.kickoff);
  return found;
}
