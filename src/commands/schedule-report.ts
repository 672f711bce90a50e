/**
 * What `kickoff schedule` tells people (a table of what moved) and programs (the same as JSON).
 */
import { formatLong } from '../domain/calendar.js';
import type { ItemDates, PlanDiff } from '../domain/diff.js';
import type { PublishedEvent } from '../domain/calendar-events/publish.js';
import type { CalendarDate, Diagnostic, Plan, PlanItem } from '../domain/types.js';
import { breakingPins } from '../app/replan-practice.js';

export interface ScheduleOutcome {
  readonly released?: readonly string[];
  readonly plan: Plan;
  readonly diff: PlanDiff;
  readonly today: CalendarDate;
  /** Events with a new revision (sequence) in the calendars. */
  readonly revised: readonly PublishedEvent[];
  readonly dryRun: boolean;
  readonly planFile: string;
  readonly planChanged: boolean;
  readonly calendars: readonly string[];
}

const TITLE_WIDTH = 44;

/** Notice deadlines are reported from the diagnostics, so "past" and "within a week" mean one thing. */
function notices(plan: Plan, code: string): PlanItem[] {
  const ids = new Set(plan.diagnostics.filter((d) => d.code === code).map((d) => d.itemId));
  return plan.items.filter((i) => ids.has(i.id));
}

/** 'Mon 18 Jan 2027', 'Tue 19 Jan – Fri 19 Feb 2027', 'Mon 25 Jan 2027, weekly to 18 Apr'. */
function describeDates(dates: ItemDates): string {
  const span = dates.start === dates.end ? formatLong(dates.start) : range(dates.start, dates.end);
  return dates.until ? `${span}, weekly to ${formatLong(dates.until).slice(4)}` : span;
}

function range(start: CalendarDate, end: CalendarDate): string {
  const first = formatLong(start);
  return `${start.slice(0, 4) === end.slice(0, 4) ? first.slice(0, -5) : first} – ${formatLong(end)}`;
}

function fit(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

export function changeReport(outcome: ScheduleOutcome): string {
  const { plan, diff } = outcome;
  const { practice, goLive } = plan.answers;
  const lines: string[] = [];
  lines.push(
    diff.goLive
      ? `${practice.name} (${practice.ods}): go-live moves from ${formatLong(diff.goLive.before)} to ${formatLong(diff.goLive.after)}.`
      : `${practice.name} (${practice.ods}): go-live ${formatLong(goLive)}.`,
  );
  lines.push('');
  if (diff.moved.length === 0) lines.push('No dates move.');
  else {
    lines.push(`${diff.moved.length} item(s) move:`);
    const was = diff.moved.map((m) => describeDates(m.before));
    const width = Math.max(3, ...was.map((w) => w.length));
    lines.push(`  ${fit('Item', TITLE_WIDTH)}  ${'Was'.padEnd(width)}     Now`);
    diff.moved.forEach((move, i) =>
      lines.push(
        `  ${fit(move.item.title, TITLE_WIDTH)}  ${was[i]!.padEnd(width)}  →  ${describeDates(move.after)}`,
      ),
    );
  }
  const pinned = plan.items.filter((i) => i.origin === 'pinned');
  if (pinned.length > 0) lines.push(`Pinned, so not moved: ${pinned.map((i) => i.title).join('; ')}.`);
  if (outcome.released?.length)
    lines.push(`Released, so kickoff dates them again: ${outcome.released.join(', ')}.`);
  const breaking = breakingPins(plan);
  if (breaking.length > 0)
    lines.push(
      `Pins that now break a rule or sit past go-live: ${breaking.join(', ')}. To let kickoff date them again: kickoff schedule --release-pins (or --release ${breaking[0]}).`,
    );
  for (const item of diff.added) lines.push(`Added: ${item.title} (${describeDates(item)}).`);
  for (const item of diff.removed)
    lines.push(`Removed: ${item.title} (its third party is no longer in the answers).`);
  const section = (heading: string, items: readonly PlanItem[]) => {
    if (items.length === 0) return;
    lines.push('', heading);
    for (const item of items) lines.push(`  ${fit(item.title, TITLE_WIDTH)}  ${formatLong(item.start)}`);
  };
  section('Notice deadlines already past (act today):', notices(plan, 'schedule.notice_in_past'));
  section('Notice deadlines within a week:', notices(plan, 'schedule.notice_due_soon'));
  lines.push('', writtenLine(outcome));
  return lines.join('\n');
}

function writtenLine(outcome: ScheduleOutcome): string {
  const count = (kind: RevisionKind) => outcome.revised.filter((e) => revisionKind(e) === kind).length;
  const events = `calendar events: ${count('updated')} updated, ${count('new')} new, ${count('cancelled')} cancelled`;
  if (outcome.dryRun)
    return `Dry run: nothing written. Writing would update ${outcome.planChanged ? outcome.planFile : 'no plan dates'} and the calendars (${events}).`;
  const plan = outcome.planChanged ? `Updated ${outcome.planFile}` : `${outcome.planFile} unchanged`;
  return `${plan}; wrote ${outcome.calendars.length} calendar(s) (${events}).`;
}

function dates(d: ItemDates) {
  return {
    start: d.start,
    end: d.end,
    ...(d.until ? { repeatsWeeklyUntil: d.until } : {}),
    ...(d.moved?.length ? { moved: Object.fromEntries(d.moved.map((m) => [m.from, m.to])) } : {}),
  };
}

type RevisionKind = 'new' | 'updated' | 'cancelled';

/** A revised event is new at sequence 0; otherwise an update or a cancellation. */
function revisionKind(event: PublishedEvent): RevisionKind {
  return event.cancelled ? 'cancelled' : event.sequence === 0 ? 'new' : 'updated';
}

const brief = (item: PlanItem) => ({ id: item.id, title: item.title, ...dates(item) });

/** One diagnostic as JSON, for every command's --json. */
export function diagnosticJson(d: Diagnostic) {
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.itemId ? { itemId: d.itemId } : {}),
    ...(d.itemIds ? { itemIds: d.itemIds } : {}),
    ...(d.earliestGoLive ? { earliestGoLive: d.earliestGoLive } : {}),
    ...(d.earliestGoLiveSourced ? { earliestGoLiveSourced: d.earliestGoLiveSourced } : {}),
  };
}

/** The same as the table, as data (documented in the README). */
export function reportJson(outcome: ScheduleOutcome) {
  const { plan, diff } = outcome;
  return {
    practice: plan.answers.practice,
    goLive: { before: diff.goLive?.before ?? plan.answers.goLive, after: plan.answers.goLive },
    moved: diff.moved.map((m) => ({
      id: m.item.id,
      title: m.item.title,
      pinned: m.item.origin === 'pinned',
      before: dates(m.before),
      after: dates(m.after),
    })),
    added: diff.added.map(brief),
    removed: diff.removed.map(brief),
    notices: {
      past: notices(plan, 'schedule.notice_in_past').map(brief),
      dueWithinAWeek: notices(plan, 'schedule.notice_due_soon').map(brief),
    },
    calendarEvents: outcome.revised.map((e) => ({ id: e.id, change: revisionKind(e), sequence: e.sequence })),
    diagnostics: plan.diagnostics.map(diagnosticJson),
    breakingPins: breakingPins(plan),
    released: outcome.released ?? [],
    dryRun: outcome.dryRun,
    written: outcome.dryRun ? [] : [...(outcome.planChanged ? [outcome.planFile] : []), ...outcome.calendars],
  };
}
