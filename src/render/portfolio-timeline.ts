/**
 * The programme on a terminal: one line per practice, one column per week, kick-off to go-live;
 * FDP and go-live weeks marked; weeks where the practice is in a clash or over a limit shown with
 * `!` (and in red, in colour). Fits the width (80 by default) by paging: each page has its weeks.
 */
import { maxDate, minDate, toParts } from '../domain/calendar.js';
import { mondayOf, weeksOf } from '../domain/dates.js';
import type { Problem } from '../domain/portfolio/problems.js';
import type { PracticeView } from '../domain/portfolio/portfolio.js';
import type { CalendarDate } from '../domain/types.js';
import { truncate } from './text.js';
import { NO_PAINT, type Paint } from './timeline.js';

export interface ProgrammeTimelineInput {
  readonly practices: readonly PracticeView[];
  readonly problems: readonly Problem[];
  readonly today: CalendarDate;
  readonly from?: CalendarDate;
  readonly to?: CalendarDate;
  readonly width?: number;
  readonly paint?: Paint;
}

const LABEL = 18;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const TIMELINE_KEY =
  'Key: - kick-off to go-live  F final data production  G go-live  X FDP+go-live\n     ! (or f g x) a clash or a limit broken that week, listed below  v this week';

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
      lines.push(row(practice, page, marked.get(practice.id) ?? new Set(), paint));
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
    const weeks = weeksOf(problem.from, problem.to);
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
): string {
  const label = truncate(`${practice.ods} ${practice.name}`, LABEL - 1).padEnd(LABEL);
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
