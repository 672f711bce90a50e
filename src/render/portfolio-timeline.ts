/**
 * The programme on a terminal: one line per practice, one column per week, kick-off to go-live;
 * FDP and go-live weeks marked; weeks where the practice is in a clash or over a limit shown with
 * `!` (and in red, in colour). Fits the width (80 by default) by paging: each page has its weeks.
 */
import { maxDate, minDate, toParts } from '../domain/calendar.js';
import { mondayOf, weeksOf } from '../domain/dates.js';
import { byHealth, donePercent, shownReasons, type PracticeHealth } from '../domain/portfolio/health.js';
import type { Problem } from '../domain/portfolio/problems.js';
import type { PracticeView } from '../domain/portfolio/portfolio.js';
import type { CalendarDate } from '../domain/types.js';
import { formatLong } from '../domain/calendar.js';
import { truncate, wrap } from './text.js';
import { NO_PAINT, type Paint } from './paint.js';

export interface ProgrammeTimelineInput {
  readonly practices: readonly PracticeView[];
  readonly problems: readonly Problem[];
  /** Each practice's own health by plan file: its status letter leads its row. */
  readonly health?: ReadonlyMap<string, PracticeHealth>;
  readonly today: CalendarDate;
  readonly from?: CalendarDate;
  readonly to?: CalendarDate;
  readonly width?: number;
  readonly paint?: Paint;
}

const LABEL = 18;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const TIMELINE_KEY =
  "Key: - kick-off to go-live  F final data production  G go-live  X FDP+go-live\n     ! (or f g x) a clash or a limit broken that week, listed below  v this week\n     R red, A amber: the practice's own plan has problems, listed below";

export function renderProgrammeTimeline(input: ProgrammeTimelineInput): string[] {
  const paint = input.paint ?? NO_PAINT;
  const span = windowOf(input);
  if (!span) return ['No practice has dates in this window.'];
  const practices = input.practices.filter((p) => startOf(p) <= span.to && p.goLive >= span.from);
  const marked = problemWeeksByPractice(input.problems);
  const perPage = Math.max(4, (input.width ?? 80) - LABEL);
  const weeks = weeksOf(span.from, span.to);
  const lines: string[] = [];
  for (let first = 0; first < weeks.length; first += perPage) {
    const page = weeks.slice(first, first + perPage);
    if (first > 0) lines.push('');
    lines.push(...header(page, input.today, paint));
    for (const practice of practices) {
      if (startOf(practice) > page.at(-1)! || practice.goLive < page[0]!) continue;
      const status = input.health?.get(practice.id)?.status;
      lines.push(row(practice, page, marked.get(practice.id) ?? new Set(), paint, status));
    }
  }
  return [...lines, '', ...TIMELINE_KEY.split('\n').map((line) => paint.dim(line))];
}

function startOf(practice: PracticeView): CalendarDate {
  return practice.kickoff ?? practice.training?.start ?? practice.fdp ?? practice.goLive;
}

/** --from/--to, or from the first kick-off to the last go-live. */
function windowOf(input: ProgrammeTimelineInput): { from: CalendarDate; to: CalendarDate } | undefined {
  if (input.practices.length === 0) return undefined;
  const first = input.practices.map(startOf).reduce(minDate);
  const last = input.practices.map((p) => p.goLive).reduce(maxDate);
  const from = mondayOf(input.from ?? first);
  const to = input.to ?? last;
  return from <= to ? { from, to } : undefined;
}

function problemWeeksByPractice(problems: readonly Problem[]): Map<string, Set<CalendarDate>> {
  const map = new Map<string, Set<CalendarDate>>();
  for (const problem of problems) {
    // A clash marks only the weeks of the days that clash, not the weeks between them.
    const weeks = (problem.days ?? [problem]).flatMap((d) => weeksOf(d.from, d.to));
    for (const practice of problem.practices) {
      const set = map.get(practice) ?? new Set<CalendarDate>();
      weeks.forEach((w) => set.add(w));
      map.set(practice, set);
    }
  }
  return map;
}

/** Month names where a month starts, and `v` over this week. */
function header(page: readonly CalendarDate[], today: CalendarDate, paint: Paint): string[] {
  const months = [...' '.repeat(page.length)];
  let labelled = false;
  page.forEach((week, i) => {
    const [year, month] = toParts(week);
    const previous = i === 0 ? undefined : toParts(page[i - 1]!)[1];
    if (previous === month || months[i] !== ' ') return;
    // The first column names its month only when that month lasts long enough for the name.
    if (i === 0 && page.length > 4 && toParts(page[4]!)[1] !== month) return;
    // The year with the first month named on the page, and with every January.
    const name =
      month === 1 || !labelled ? `${MONTHS[month - 1]!}${String(year).slice(2)}` : MONTHS[month - 1]!;
    labelled = true;
    [...name].forEach((ch, k) => {
      if (i + k < months.length) months[i + k] = ch;
    });
  });
  const thisWeek = mondayOf(today);
  const marks = page.map((w) => (w === thisWeek ? 'v' : ' ')).join('');
  return [
    paint.dim(`${'week of'.padEnd(LABEL)}${months.join('')}`.trimEnd()),
    `${' '.repeat(LABEL)}${marks}`.trimEnd(),
  ];
}

function row(
  practice: PracticeView,
  page: readonly CalendarDate[],
  problems: ReadonlySet<CalendarDate>,
  paint: Paint,
  status: PracticeHealth['status'] | undefined,
): string {
  const text = truncate(`${practice.ods} ${practice.name}`, LABEL - 3).padEnd(LABEL - 2);
  const label = `${statusMark(status, paint)} ${text}`;
  const fdpWeek = practice.fdp ? mondayOf(practice.fdp) : undefined;
  const goLiveWeek = mondayOf(practice.goLive);
  const start = mondayOf(startOf(practice));
  const cells = page.map((week) => {
    let mark = week >= start && week <= goLiveWeek ? '-' : ' ';
    if (week === fdpWeek) mark = 'F';
    if (week === goLiveWeek) mark = week === fdpWeek ? 'X' : 'G';
    if (!problems.has(week)) return mark === 'G' || mark === 'X' ? paint.green(mark) : mark;
    // Without colour a problem week must still show: `!`, or the letter in lower case.
    return paint.red(paint.inverse(mark === '-' || mark === ' ' ? '!' : mark.toLowerCase()));
  });
  return `${label}${cells.join('')}`.trimEnd();
}

/** R (red), A (amber) or a space: a letter, so the status shows without colour too. */
function statusMark(status: PracticeHealth['status'] | undefined, paint: Paint): string {
  if (status === 'red') return paint.red(paint.bold('R'));
  if (status === 'amber') return paint.yellow(paint.bold('A'));
  return ' ';
}

const STATUS_WORD = { red: 'RED', amber: 'AMBER', green: 'GREEN' } as const;

/** One line on the share done and the next milestone. */
export function progressLine(health: PracticeHealth): string {
  const done = `${donePercent(health)}% of actions done (${health.actions.done} of ${health.actions.total})`;
  const next = health.next ? `; next: ${health.next.title}, ${formatLong(health.next.date)}` : '';
  return `${done}${next}`;
}

/**
 * Each practice's own health under the timeline: how many are red, amber and green, then every red
 * and amber one (red first) with its progress and reasons; green ones are only counted.
 */
export function renderHealth(
  practices: readonly PracticeView[],
  health: ReadonlyMap<string, PracticeHealth>,
  paint: Paint = NO_PAINT,
  width = 80,
): string[] {
  const rows = practices
    .map((practice) => ({ practice, health: health.get(practice.id) }))
    .filter((r): r is { practice: PracticeView; health: PracticeHealth } => r.health !== undefined);
  const count = (s: PracticeHealth['status']) => rows.filter((r) => r.health.status === s).length;
  const lines = [
    paint.bold(
      `Each practice's own plan: ${count('red')} red, ${count('amber')} amber, ${count('green')} green.`,
    ),
  ];
  const shown = rows
    .filter((r) => r.health.status !== 'green')
    .sort((a, b) => byHealth(a.health.status, b.health.status));
  for (const { practice, health: h } of shown) {
    const word = STATUS_WORD[h.status];
    const coloured = h.status === 'red' ? paint.red(word) : paint.yellow(word);
    lines.push(`${coloured} ${practice.ods} ${practice.name}`);
    lines.push(...wrap(progressLine(h), width - 2).map((l) => `  ${l}`));
    const { reasons: shown, more } = shownReasons(h, SHOWN_REASONS);
    for (const reason of shown)
      lines.push(
        ...wrap(firstSentence(reason.message), width - 4).map((l, i) => `  ${i === 0 ? '-' : ' '} ${l}`),
      );
    if (more > 0)
      lines.push(
        ...wrap(`and ${more} more warning(s): kickoff check --plan ${practice.id}`, width - 4).map(
          (l) => `    ${l}`,
        ),
      );
  }
  return lines;
}

/** Every error, and warnings up to this many, under each practice: kickoff check has the rest. */
const SHOWN_REASONS = 3;

/** A diagnostic's first sentence: what is wrong; kickoff check gives what to do at length. */
export function firstSentence(message: string): string {
  const end = message.search(/\.\s(?=[A-Z"])/);
  return end < 0 ? message : message.slice(0, end + 1);
}
