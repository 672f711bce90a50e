/**
 * Does the migration fit between now (or a fixed kick-off) and go-live? When it does not, the
 * earliest go-live that leaves every lead time whole, found by re-running the template's rules, and
 * the earliest the sourced rules alone allow, when kickoff's own assumptions are what push it later.
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
import { earliestSourcedGoLive, type SourcedGoLive } from './sourced.js';
import { meetingFreeDays } from '../schedule/recurrence.js';
import { expandItems, resolveDates, resolveThirdParties } from '../schedule/resolve.js';
import { describeOffset, type DateRule, type Template } from '../template.js';
import type { Answers, CalendarDate, Diagnostic, Offset, Plan } from '../types.js';
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
  const sourced = earliestSourcedGoLive(template, answers, calendar, from);
  const pushed = earliest !== undefined && sourced !== undefined && sourced.date < earliest;
  const advice = !earliest
    ? ' No go-live within the bank-holiday table gives them their time; choose an earlier kick-off.'
    : pushed
      ? ` ${sourcedAdvice(template, answers, calendar, from, sourced, earliest)}`
      : ` The earliest go-live that leaves them their time is ${formatLong(earliest)}: kickoff schedule --go-live ${earliest}.`;
  return [
    {
      severity: 'error',
      code: 'schedule.infeasible',
      message: `Go-live ${formatLong(answers.goLive)} leaves too little time: ${lead.length} item(s) needing lead time would be before ${since}: ${names}.${advice}`,
      itemId: GO_LIVE_ID,
      ...(earliest ? { earliestGoLive: earliest } : {}),
      ...(pushed ? { earliestGoLiveSourced: sourced.date } : {}),
    },
  ];
}

/**
 * Says what the sourced rules allow (and the chain that binds), which of kickoff's assumptions push
 * go-live later, and how to go live sooner: pin the assumed item earlier.
 */
function sourcedAdvice(
  template: Template,
  answers: Answers,
  calendar: WorkingCalendar,
  from: CalendarDate,
  sourced: SourcedGoLive,
  earliest: CalendarDate,
): string {
  const parties = resolveThirdParties(template, answers);
  const specs = expandItems(template, parties, answers);
  const byId = new Map(specs.map((s) => [s.id, s]));
  const title = (id: string) => shortTitle(byId.get(id)?.title ?? id);
  const chain = sourced.chain.map(title).join(' → ');
  const assumptions = assumedOnTheWay(template, { ...answers, goLive: sourced.date }, calendar, from);
  const named = assumptions.map((a) => {
    const anchor = a.rule.from === GO_LIVE_ID ? 'go-live' : `"${title(a.rule.from!)}"`;
    const offset = a.rule.offset as Offset;
    const side = offset.amount < 0 ? 'before' : 'after';
    return `"${title(a.id)}" ${describeOffset(offset)} ${side} ${anchor} (${a.rule.assumed})`;
  });
  const pin = assumptions[0];
  const what =
    named.length === 0
      ? "kickoff's own assumed offsets push it"
      : `kickoff's own assumption${named.length > 1 ? 's push' : ' pushes'} it`;
  const how = pin
    ? ` To go live sooner, pin "${title(pin.id)}" earlier (kickoff pin ${pin.id} DATE) and check again.`
    : '';
  const keys = sourceKeys(sourced.sources);
  return `The sourced rules allow go-live from ${formatLong(sourced.date)} (${chain}${keys.length > 0 ? `; ${keys.join(', ')}` : ''}), but ${what} to ${formatLong(earliest)}${named.length > 0 ? `: ${named.join('; ')}` : ''}. To keep to kickoff's rules: kickoff schedule --go-live ${earliest}.${how}`;
}

/** A title without what follows a semicolon or its explanation in brackets, for a chain of steps. */
function shortTitle(title: string): string {
  const bare = (text: string) => text.replace(/\s*\([^()]*\)\s*$/, '');
  return bare(bare(title).replace(/;.*$/, ''));
}

/** The source keys (P-start, S-steps, N-pco…) named in `sources:` texts, once each, in order. */
function sourceKeys(sources: readonly string[]): string[] {
  const keys = sources.flatMap(
    (text) => text.match(/\b(?:[A-Z][A-Z0-9]{0,4}-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*|P2|GPG|CfH|PSA)\b/g) ?? [],
  );
  return [...new Set(keys)];
}

/**
 * At `answers.goLive`, the lead-time item furthest before `from`, and the assumed date rules on its
 * way to go-live (or the kick-off): the assumptions that put it too early.
 */
function assumedOnTheWay(
  template: Template,
  answers: Answers,
  calendar: WorkingCalendar,
  from: CalendarDate,
): { id: string; rule: DateRule }[] {
  const parties = resolveThirdParties(template, answers);
  const specs = expandItems(template, parties, answers);
  const byId = new Map(specs.map((s) => [s.id, s]));
  let spans: Map<string, { start: CalendarDate }>;
  try {
    spans = resolveDates(specs, answers, calendar, { meetingFree: meetingFreeDays(template) });
  } catch (error) {
    if (error instanceof CalendarRangeError) return [];
    throw error;
  }
  const worst = leadTimeIds(template, parties)
    .filter((id) => (spans.get(id)?.start ?? from) < from)
    .sort((a, b) => byText(spans.get(a)!.start, spans.get(b)!.start))[0];
  const found: { id: string; rule: DateRule }[] = [];
  const seen = new Set<string>();
  for (let id = worst; id !== undefined && !seen.has(id);) {
    seen.add(id);
    const rule: DateRule | undefined = byId.get(id)?.start;
    if (!rule || rule.answer !== undefined || rule.from === undefined) break;
    if (rule.assumed) found.push({ id, rule });
    id = rule.from;
  }
  return found;
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
  const specs = expandItems(template, parties, answers);
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
