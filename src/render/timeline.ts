/**
 * The plan as a timeline for people: week by week, phases distinct within each week, today marked,
 * each item's id, owners by name (a role's title where nobody holds it), statuses visible, every
 * line at most `width` columns. Pure: plan and options in, lines out; colour comes in as painters
 * (identity functions when there is none).
 */
import {
  formatDayMonth,
  formatDayMonthYear,
  mondayOf,
  plusDays,
  weeksOf,
  daysFromTo,
} from '../domain/dates.js';
import { locationOf } from '../domain/location.js';
import { lastOccurrence, movesOf } from '../domain/schedule/recurrence.js';
import type { CalendarDate, ItemType, Plan, PlanItem } from '../domain/types.js';
import { truncate, wrap } from './text.js';
import { byText } from '../domain/order.js';
import { ownerLabels, ownerRoleIds } from '../domain/people.js';
import { NO_PAINT, type Paint } from './paint.js';

export interface TimelineOptions {
  readonly today: CalendarDate;
  readonly from?: CalendarDate;
  readonly to?: CalendarDate;
  readonly role?: string;
  /** Only one person's items: their name, and which items are theirs. */
  readonly person?: { readonly name: string; readonly owns: (item: PlanItem) => boolean };
  readonly phase?: string;
  /** Columns; 80 unless the caller knows better. */
  readonly width?: number;
  readonly paint?: Paint;
}

const MARK: Record<ItemType, string> = {
  meeting: '@',
  notice: '!',
  milestone: '*',
  deadline: '>',
  window: '=',
  task: '-',
  reminder: '~',
  constraint: '#',
};

const KEY = [
  'Key: @ meeting  ! notice deadline  * milestone  > deadline  = several days',
  '     - task  ~ reminder  # constraint',
  '     Under each title: its id (for kickoff tick and why), then who owns it.',
];

/** Where the item's first line starts its title: "  @ Mon 18 Jan 10:00  ". */
const TITLE_COLUMN = 22;

export function renderTimeline(plan: Plan, options: TimelineOptions): string[] {
  const width = options.width ?? 80;
  const paint = options.paint ?? NO_PAINT;
  const { answers } = plan;
  const items = plan.items.filter(
    (i) =>
      (!options.role || ownerRoleIds(plan, i).includes(options.role)) &&
      (!options.person || options.person.owns(i)) &&
      (!options.phase || i.phase === options.phase) &&
      (!options.from || lastDay(i) >= options.from) &&
      (!options.to || i.start <= options.to),
  );
  const lines: string[] = [
    ...wrap(
      `${answers.practice.name} (${answers.practice.ods}): ${answers.systems.current} to ${answers.systems.new}`,
      width,
    ).map((line) => paint.bold(line)),
    `Go-live ${formatDayMonthYear(answers.goLive)}. Today ${formatDayMonthYear(options.today)}.`,
  ];
  const filters = [
    options.role ? `role ${roleName(plan, options.role)}` : '',
    options.person ? `${options.person.name}'s items` : '',
    options.phase ? `phase ${plan.phases.find((p) => p.id === options.phase)?.title ?? options.phase}` : '',
    options.from ? `from ${formatDayMonthYear(options.from)}` : '',
    options.to ? `to ${formatDayMonthYear(options.to)}` : '',
  ].filter(Boolean);
  if (filters.length > 0) lines.push(...wrap(`Showing only: ${filters.join(', ')}.`, width));
  lines.push(...KEY.map((line) => paint.dim(line)));
  if (items.length === 0) {
    lines.push('', 'Nothing to show.');
    return lines;
  }
  const first = options.from ?? items.reduce((d, i) => (i.start < d ? i.start : d), items[0]!.start);
  const last = options.to ?? items.reduce((d, i) => (lastDay(i) > d ? lastDay(i) : d), lastDay(items[0]!));
  const weeks = weeksOf(first, last);
  const firstWeek = weeks[0]!;
  const phaseOrder = new Map(plan.phases.map((p, n) => [p.id, n]));
  const byWeek = new Map<string, PlanItem[]>();
  for (const item of items) {
    const week = item.start < firstWeek ? firstWeek : mondayOf(item.start);
    byWeek.set(week, [...(byWeek.get(week) ?? []), item]);
  }
  if (options.today < firstWeek)
    lines.push(
      '',
      paint.magenta(`Today, ${formatDayMonthYear(options.today)}, is before the first week shown.`),
    );
  const goLiveWeek = mondayOf(answers.goLive);
  const isQuiet = (week: CalendarDate) =>
    !byWeek.has(week) && !(options.today >= week && options.today <= plusDays(week, 6));
  for (let w = 0; w < weeks.length; w++) {
    const week = weeks[w]!;
    // A run of weeks with nothing in them is one line, so the weeks that matter stay on screen.
    let end = w;
    while (isQuiet(week) && end + 1 < weeks.length && isQuiet(weeks[end + 1]!)) end += 1;
    if (end > w) {
      lines.push(
        '',
        paint.dim(
          `Weeks of ${formatDayMonthYear(week)} to ${formatDayMonthYear(weeks[end]!)}: nothing starts`,
        ),
      );
      w = end;
      continue;
    }
    const thisWeek = options.today >= week && options.today <= plusDays(week, 6);
    const heading = `Week of ${formatDayMonthYear(week)}`;
    const note = weekNote(week, goLiveWeek) + (thisWeek ? ', this week' : '');
    lines.push(
      '',
      paint.bold(heading) + ' '.repeat(Math.max(1, width - heading.length - note.length)) + paint.dim(note),
    );
    if (thisWeek) lines.push(paint.magenta(`  >> today, ${formatDayMonthYear(options.today)}`));
    const inWeek = (byWeek.get(week) ?? []).sort(
      (a, b) =>
        (phaseOrder.get(a.phase) ?? 99) - (phaseOrder.get(b.phase) ?? 99) ||
        byText(a.start, b.start) ||
        byText(a.time ?? '', b.time ?? ''),
    );
    if (inWeek.length === 0) lines.push(paint.dim('  nothing starts this week'));
    let phase: string | undefined;
    for (const item of inWeek) {
      if (item.phase !== phase) {
        phase = item.phase;
        const title = plan.phases.find((p) => p.id === phase)?.title ?? phase;
        lines.push(paint.cyan(truncate(` ${title}`, width)));
      }
      lines.push(...itemLines(plan, item, options.today, width, paint));
    }
  }
  if (options.today > last)
    lines.push(
      '',
      paint.magenta(`Today, ${formatDayMonthYear(options.today)}, is after the last week shown.`),
    );
  return lines;
}

function lastDay(item: PlanItem): CalendarDate {
  return item.recurrence && item.recurrence.until > item.end ? item.recurrence.until : item.end;
}

function weekNote(week: CalendarDate, goLiveWeek: CalendarDate): string {
  const weeks = Math.round(daysFromTo(week, goLiveWeek) / 7);
  if (weeks === 0) return 'go-live week';
  const n = Math.abs(weeks);
  return weeks > 0
    ? `${n} week${n === 1 ? '' : 's'} to go-live`
    : `${n} week${n === 1 ? '' : 's'} after go-live`;
}

/** "GP IT delivery partner (e.g. CSU)" → "GP IT delivery partner": short enough for a line. */
function roleName(plan: Plan, id: string): string {
  const title = plan.roles.find((r) => r.id === id)?.title ?? id;
  return title.replace(/\s*\([^)]*\)\s*$/, '');
}

function tags(item: PlanItem, today: CalendarDate): string[] {
  const found: string[] = [];
  if (item.informational) found.push('info');
  if (item.status === 'doing') found.push('doing');
  if (item.status === 'done') found.push('done');
  if (item.status === 'not-needed') found.push('not needed');
  if (item.origin === 'pinned') found.push('pinned');
  const open = !item.informational && item.status !== 'done' && item.status !== 'not-needed';
  if (open && item.type !== 'reminder' && lastDay(item) < today) found.push('late');
  return found;
}

/** "; Tue 29 Dec instead of Mon 28 Dec": the weeks whose meeting moved off a bank holiday. */
function movedText(item: PlanItem): string {
  const moves = item.recurrence ? movesOf(item.start, item.recurrence) : [];
  return moves.map((m) => `; ${formatDayMonth(m.to)} instead of ${formatDayMonth(m.from)}`).join('');
}

function itemLines(plan: Plan, item: PlanItem, today: CalendarDate, width: number, paint: Paint): string[] {
  const when = `${formatDayMonth(item.start).padEnd(10)} ${(item.time ?? '').padEnd(5)}`;
  const prefix = `  ${MARK[item.type]} ${when}  `;
  const span = item.recurrence
    ? ` (weekly until ${formatDayMonth(lastOccurrence(item.start, item.recurrence))}${movedText(item)})`
    : item.end !== item.start
      ? ` (to ${formatDayMonth(item.end)})`
      : '';
  const itemTags = tags(item, today);
  const where = item.type === 'meeting' ? locationOf(plan, item) : undefined;
  const title = `${item.title}${span}${where ? ` (at ${where})` : ''}${itemTags.map((t) => ` [${t}]`).join('')}`;
  const room = width - TITLE_COLUMN;
  const titleLines = wrap(title, room);
  // Semicolons between owners: a name may hold a comma ("Patel, Anika").
  const labels = ownerLabels(plan, item, (r) => roleName(plan, r));
  const owners = labels.join('; ');
  const pad = ' '.repeat(TITLE_COLUMN);
  const colour =
    item.status === 'done' || item.status === 'not-needed'
      ? paint.dim
      : itemTags.includes('late')
        ? paint.red
        : item.type === 'notice'
          ? (t: string) => paint.yellow(paint.bold(t))
          : item.type === 'milestone'
            ? paint.bold
            : item.type === 'meeting'
              ? paint.blue
              : (text: string) => text;
  const out = titleLines.map((line, n) => (n === 0 ? prefix : pad) + colour(line));
  // The id on a line of its own under the title: `tick`, `why` and errors name items by it, and it
  // tells apart titles that begin alike. The owners follow the id when they fit whole, or else take
  // lines of their own. An id is one word: a very long one is broken across lines, never cut.
  const id =
    item.id.length <= room ? [item.id] : (item.id.match(new RegExp(`.{1,${room}}`, 'gu')) ?? [item.id]);
  const idLast = id.at(-1)!;
  out.push(...id.slice(0, -1).map((line) => pad + line));
  if (!owners) out.push(pad + idLast);
  else if (idLast.length + 3 + owners.length <= room) out.push(`${pad}${idLast}${paint.dim(` · ${owners}`)}`);
  else out.push(pad + idLast, ...ownerLines(labels, room).map((line) => pad + paint.dim(line)));
  return out;
}

/** Owners over as many lines as they need, a name never split: every owner is someone to ask. */
function ownerLines(labels: readonly string[], room: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const label of labels.map((l) => truncate(l, room - 1))) {
    if (!line) line = label;
    else if (line.length + 2 + label.length + 1 <= room) line += `; ${label}`;
    else {
      lines.push(`${line};`);
      line = label;
    }
  }
  return [...lines, line];
}
