/**
 * The plan as a Gantt-style chart in inline SVG: one row per item (reminders and the per-link
 * switch-offs left out, as in the week-by-week view), grouped by phase; bars for windows, diamonds
 * for milestones and deadlines, triangles for third-party notice deadlines (red, and a shape of
 * their own, so colour is not the only sign); bank holidays shaded; today and go-live marked.
 * The same dates come as a table too (`renderGanttTable`), the chart's text alternative.
 */
import { addDays, daysBetween, formatLong, maxDate, minDate } from '../domain/calendar.js';
import { mondayOf } from '../domain/calendar.js';
import type { CalendarDate, PlanItem } from '../domain/types.js';
import { lastDayOf, type PackInput } from './pack.js';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const LABEL = 380;
const WIDTH = 1500;
const ROW = 15;
/** Month names on the first line of the axis, today's and go-live's labels on the second. */
const MONTH_Y = 14;
const MARKER_Y = 31;
const TOP = 42;
/** Label sizes in the chart's units (the page's CSS sets them again for screen and print). */
const LABEL_SIZE = 13;
/** Roughly how wide a character of a label is, in ems: enough to keep labels apart. */
const EM_WIDTH = 0.6;

const DIAMOND_TYPES = new Set(['milestone', 'deadline']);
export const NOTICE_RED = '#da291c';
const GO_LIVE_GREEN = '#007f3b';
const DONE_GREY = '#8c9aa5';

function charted(item: PlanItem): boolean {
  return item.type !== 'reminder' && !(item.thirdParty && item.type !== 'notice');
}

/** Rows of the chart: a heading row per phase, then its items (those in the chart's span). */
function chartRows(input: PackInput, from: CalendarDate): ({ phase: string } | { item: PlanItem })[] {
  const { plan } = input;
  const rows: ({ phase: string } | { item: PlanItem })[] = [];
  for (const phase of plan.phases) {
    const items = plan.items.filter((i) => i.phase === phase.id && charted(i) && lastDayOf(i) >= from);
    if (items.length === 0) continue;
    rows.push({ phase: phase.title });
    for (const item of items) rows.push({ item });
  }
  return rows;
}

/**
 * The chart's first and last day. It starts the week of kick-off (the plan's first item), or the week
 * of today when today falls inside the plan: never on empty weeks before the plan begins.
 */
export function chartSpan(input: PackInput): { from: CalendarDate; to: CalendarDate; today: boolean } {
  const { plan, today } = input;
  const items = plan.items.filter(charted);
  const goLive = plan.answers.goLive;
  const start = items.reduce((d, i) => minDate(d, i.start), goLive);
  const end = items.reduce((d, i) => maxDate(d, lastDayOf(i)), goLive);
  const inside = today >= start && today <= end;
  return { from: mondayOf(inside ? today : start), to: addDays(end, 7), today: inside };
}

export function renderGantt(input: PackInput): string {
  const span = chartSpan(input);
  return chartSvg(input, span, chartRows(input, span.from));
}

/**
 * Rows on one printed A4 landscape page with labels at 7pt or more: the chart is 1500 units across
 * 281 mm, so 14-unit labels are 7pt when the chart is at most about 1,000 units (60 rows) tall.
 */
const PRINT_ROWS = 60;

/**
 * The chart for paper: the same rows in parts of at most PRINT_ROWS, cut at a phase heading where
 * one is near, each part a chart with its own axis on a page of its own. Hidden on screen and from
 * screen readers (the screen's chart and its table say the same).
 */
export function renderGanttForPrint(input: PackInput): string {
  const span = chartSpan(input);
  const rows = chartRows(input, span.from);
  const parts: (typeof rows)[] = [];
  let start = 0;
  while (start < rows.length) {
    let end = Math.min(start + PRINT_ROWS, rows.length);
    if (end < rows.length) {
      // Cut before a phase heading in the last third of the part, when there is one.
      const heading = rows.findLastIndex(
        (row, n) => n > start + (PRINT_ROWS * 2) / 3 && n < end && 'phase' in row,
      );
      if (heading > start) end = heading;
    }
    parts.push(rows.slice(start, end));
    start = end;
  }
  return parts.map((part) => chartSvg(input, span, part, 'gantt-print')).join('\n');
}

function chartSvg(
  input: PackInput,
  span: ReturnType<typeof chartSpan>,
  rows: ReturnType<typeof chartRows>,
  printed?: 'gantt-print',
): string {
  const { plan, today } = input;
  const goLive = plan.answers.goLive;
  const first = span.from;
  const last = span.to;
  const days = daysBetween(first, last) + 1;
  const perDay = (WIDTH - LABEL - 10) / days;
  const x = (date: CalendarDate) => LABEL + daysBetween(first, maxDate(date, first)) * perDay;
  const height = TOP + rows.length * ROW + 10;
  const svg: string[] = [
    printed
      ? `<svg xmlns="http://www.w3.org/2000/svg" class="${printed}" viewBox="0 0 ${WIDTH} ${height}" aria-hidden="true">`
      : `<svg xmlns="http://www.w3.org/2000/svg" class="gantt" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeXml(`Chart of the plan for ${plan.answers.practice.name} from ${formatLong(first)}, go-live ${formatLong(goLive)}; the same dates are in the table after it`)}">`,
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
  ];
  for (const holiday of input.bankHolidays) {
    if (holiday.date < first || holiday.date > last) continue;
    svg.push(
      `<rect class="holiday" x="${x(holiday.date).toFixed(1)}" y="${TOP - 4}" width="${perDay.toFixed(1)}" height="${height - TOP}" fill="#d9d9d9"><title>${escapeXml(`${holiday.title}, ${formatLong(holiday.date)}`)}</title></rect>`,
    );
  }
  // A tick and label every Monday of a month's first week, a faint line every week.
  for (let week = first; week <= last; week = addDays(week, 7)) {
    const left = x(week).toFixed(1);
    svg.push(`<line x1="${left}" y1="${TOP - 4}" x2="${left}" y2="${height}" stroke="#eeeeee"/>`);
    if (Number(week.slice(8)) <= 7 && x(week) + 80 < WIDTH)
      svg.push(
        `<text class="axis" x="${left}" y="${MONTH_Y}" font-size="${LABEL_SIZE}" fill="#333333">${escapeXml(formatLong(week).slice(4))}</text>`,
      );
  }
  rows.forEach((row, n) => {
    const y = TOP + n * ROW;
    if ('phase' in row) {
      svg.push(
        `<text class="label phase" x="4" y="${y + 12}" font-size="${LABEL_SIZE}" font-weight="bold" fill="#003087">${escapeXml(row.phase)}</text>`,
      );
      return;
    }
    const { item } = row;
    const label = item.title.length > 52 ? `${item.title.slice(0, 51)}…` : item.title;
    const done = item.status === 'done' || item.status === 'not-needed';
    svg.push(
      `<text class="label" x="12" y="${y + 12}" font-size="${LABEL_SIZE}" fill="#222222">${escapeXml(label)}</text>`,
    );
    const end = lastDayOf(item);
    const tip = `<title>${escapeXml(`${item.title}: ${formatLong(item.start)}${end === item.start ? '' : ` – ${formatLong(end)}`}`)}</title>`;
    const colour = done ? DONE_GREY : item.type === 'notice' ? NOTICE_RED : '#005eb8';
    const cx = x(item.start) + perDay / 2;
    const cy = y + ROW / 2;
    if (item.type === 'notice' && item.start === item.end) {
      // A triangle: a notice deadline differs from a milestone by its shape, not only its red.
      svg.push(
        `<polygon class="notice" points="${cx.toFixed(1)},${cy - 7} ${(cx + 7).toFixed(1)},${cy + 6} ${(cx - 7).toFixed(1)},${cy + 6}" fill="${colour}">${tip}</polygon>`,
      );
    } else if (DIAMOND_TYPES.has(item.type) && item.start === item.end) {
      svg.push(
        `<polygon class="diamond" points="${cx.toFixed(1)},${cy - 6} ${(cx + 6).toFixed(1)},${cy} ${cx.toFixed(1)},${cy + 6} ${(cx - 6).toFixed(1)},${cy}" fill="${colour}">${tip}</polygon>`,
      );
    } else {
      const from = maxDate(item.start, first);
      const width = Math.max((daysBetween(from, end) + 1) * perDay, 3);
      svg.push(
        `<rect class="bar" x="${x(from).toFixed(1)}" y="${y + 3}" width="${width.toFixed(1)}" height="${ROW - 6}" rx="2" fill="${colour}" fill-opacity="${item.recurrence ? 0.35 : 1}">${tip}</rect>`,
      );
    }
  });
  // Today's and go-live's labels share the line under the month names: the earlier one reads to the
  // left of its line, the later one to the right, so they never run into each other.
  const markers = [
    ...(span.today ? [{ date: today, colour: NOTICE_RED, text: `Today ${formatLong(today)}` }] : []),
    { date: goLive, colour: GO_LIVE_GREEN, text: `Go-live ${formatLong(goLive)}` },
  ].sort((a, b) => (a.date < b.date ? -1 : 1));
  markers.forEach((marker, i) => {
    const left = x(marker.date) + perDay / 2;
    const wide = marker.text.length * LABEL_SIZE * EM_WIDTH;
    const before = markers.length > 1 ? i === 0 : left + wide > WIDTH;
    svg.push(
      `<line x1="${left.toFixed(1)}" y1="${MARKER_Y - 11}" x2="${left.toFixed(1)}" y2="${height}" stroke="${marker.colour}" stroke-width="2" stroke-dasharray="${marker.colour === NOTICE_RED ? '5,3' : '0'}"/>`,
      `<text class="marker" x="${(left + (before ? -4 : 4)).toFixed(1)}" y="${MARKER_Y}" font-size="${LABEL_SIZE}" font-weight="bold" fill="${marker.colour}" text-anchor="${before ? 'end' : 'start'}">${escapeXml(marker.text)}</text>`,
    );
  });
  svg.push('</svg>');
  return svg.join('\n');
}

/** The chart's rows as a table: what it shows, for a screen reader or anyone who prefers text. */
export function renderGanttTable(input: PackInput): string {
  const rows = chartRows(input, chartSpan(input).from);
  const body = rows.map((row) => {
    if ('phase' in row)
      return `<tr class="phase"><th colspan="3" scope="colgroup">${escapeXml(row.phase)}</th></tr>`;
    const { item } = row;
    const end = lastDayOf(item);
    const kind = item.type === 'notice' ? 'notice deadline' : item.recurrence ? 'weekly' : item.type;
    return `<tr><td>${escapeXml(item.title)}</td><td>${escapeXml(kind)}</td><td>${escapeXml(end === item.start ? formatLong(item.start) : `${formatLong(item.start)} – ${formatLong(end)}`)}</td></tr>`;
  });
  return `<table class="chart-table"><thead><tr><th scope="col">Item</th><th scope="col">Kind</th><th scope="col">When</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}
