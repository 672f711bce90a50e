/**
 * Does the migration fit between now (or a fixed kick-off) and go-live? When it does not, the
 * earliest go-live that leaves every lead time whole, found by re-running the template's rules.
 */
import { GO_LIVE_ID, KICKOFF_ID } from '../anchors.js';
import {
  addDays,
  CalendarRangeError,
  daysBetween,
  formatLong,
  maxDate,
  type WorkingCalendar,
} from '../calendar.js';
import { isClosed, leadTimeIds, type Lookup } from './rules.js';
import { meetingFreeDays } from '../schedule/recurrence.js';
import { expandItems, resolveDates, resolveThirdParties } from '../schedule/resolve.js';
import type { Template } from '../template.js';
import type { Answers, CalendarDate, Diagnostic, Plan } from '../types.js';
import { byText } from '../order.js';

/** How far a search for a feasible go-live may go before it gives up. */
const MAX_STEPS = 60;

export function checkFeasibility(
  plan: Plan,
  template: Template,
  calendar: WorkingCalendar,
  today: CalendarDate,
  lookup: Lookup,
): Diagnostic[] {
  const { answers } = plan;
  // Once the kick-off has happened the plan is under way: a lead-time item that slipped past is
  // overdue (items_in_past, notice_in_past), not a sign that the plan cannot fit.
  if (lookup(KICKOFF_ID)?.status === 'done') return [];
  const from = maxDate(today, answers.kickoff ?? today);
  const lead = leadTimeIds(template, plan.thirdParties)
    .map(lookup)
    .filter((item) => item !== undefined && !isClosed(item) && item.status !== 'doing' && item.start < from)
    .sort((a, b) => byText(a!.start, b!.start));
  if (lead.length === 0) return [];
  const since = from === today ? `today (${formatLong(today)})` : `the kick-off (${formatLong(from)})`;
  const names = lead.map((item) => `"${item!.title}" (${formatLong(item!.start)})`).join(', ');
  const earliest = earliestGoLive(template, answers, calendar, from);
  const advice = earliest
    ? ` The earliest go-live that leaves them their time is ${formatLong(earliest)}: kickoff schedule --go-live ${earliest}.`
    : ' No go-live within the bank-holiday table gives them their time; choose an earlier kick-off.';
  return [
    {
      severity: 'error',
      code: 'schedule.infeasible',
      message: `Go-live ${formatLong(answers.goLive)} leaves too little time: ${lead.length} item(s) needing lead time would be before ${since}: ${names}.${advice}`,
      itemId: GO_LIVE_ID,
      ...(earliest ? { earliestGoLive: earliest } : {}),
    },
  ];
}

/**
 * The first working day after the current go-live on which the template's rules put every
 * lead-time item on or after `from`. Pins are ignored: this is what the rules alone allow.
 */
export function earliestGoLive(
  template: Template,
  answers: Answers,
  calendar: WorkingCalendar,
  from: CalendarDate,
): CalendarDate | undefined {
  const parties = resolveThirdParties(template, answers);
  const specs = expandItems(template, parties);
  const ids = leadTimeIds(template, parties);
  const meetingFree = meetingFreeDays(template);
  /** Days the earliest lead-time item falls short of `from` (0 when all fit). */
  const shortfall = (goLive: CalendarDate): number => {
    const spans = resolveDates(specs, { ...answers, goLive }, calendar, { meetingFree });
    const starts = ids.flatMap((id) => spans.get(id)?.start ?? []);
    return Math.max(0, ...starts.map((start) => daysBetween(start, from)));
  };
  try {
    let goLive = calendar.nextWorkingDay(addDays(answers.goLive, 1));
    for (let step = 0; step < MAX_STEPS; step += 1) {
      const short = shortfall(goLive);
      if (short === 0) return walkBack(goLive, answers.goLive, calendar, shortfall);
      goLive = calendar.nextWorkingDay(addDays(goLive, short));
    }
  } catch (error) {
    if (!(error instanceof CalendarRangeError)) throw error;
  }
  return undefined;
}

/** Jumps may overshoot by a roll or two: step back while the day before still fits. */
function walkBack(
  goLive: CalendarDate,
  floor: CalendarDate,
  calendar: WorkingCalendar,
  shortfall: (goLive: CalendarDate) => number,
): CalendarDate {
  let best = goLive;
  for (let step = 0; step < 10; step += 1) {
    const earlier = calendar.previousWorkingDay(addDays(best, -1));
    if (earlier <= floor || shortfall(earlier) > 0) break;
    best = earlier;
  }
  return best;
}
