/**
 * The plan as a Gantt-style chart in inline SVG: one row per item (reminders and the per-link
 * switch-offs left out, as in the week-by-week view), grouped by phase; bars for windows, diamonds
 * for milestones, deadlines and notice deadlines; bank holidays shaded; today and go-live marked.
 */
import { addDays, daysBetween, formatLong, maxDate, minDate } from '../domain/calendar.js';
import { mondayOf } from '../domain/calendar.js';
import type { CalendarDate, PlanItem } from '../domain/types.js';
import type { PackInput } from './pack.js';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const LABEL = 380;
const WIDTH = 1500;
const ROW = 15;
const TOP = 34;

const DIAMOND_TYPES = new Set(['milestone', 'deadline', 'notice']);

function charted(item: PlanItem): boolean {
  return item.type !== 'reminder' && !(item.thirdParty && item.type !== 'notice');
}

export function renderGantt(input: PackInput): string {
  const { plan, today } = input;
  const goLive = plan.answers.goLive;
  const rows: ({ phase: string } | { item: PlanItem })[] = [];
  for (const phase of plan.phases) {
    const items = plan.items.filter((i) => i.phase === phase.id && charted(i));
    if (items.length === 0) continue;
    rows.push({ phase: phase.title });
    for (const item of items) rows.push({ item });
  }
  const items = plan.items.filter(charted);
  // Today is shown even when it is weeks before the first item: the lead time is the point.
  const first = mondayOf(items.reduce((d, i) => minDate(d, i.start), minDate(today, goLive)));
  const last = addDays(
    items.reduce((d, i) => maxDate(d, i.recurrence?.until ?? i.end), maxDate(today, goLive)),
    7,
  );
  const days = daysBetween(first, last) + 1;
  const perDay = (WIDTH - LABEL - 10) / days;
  const x = (date: CalendarDate) => LABEL + daysBetween(first, date) * perDay;
  const height = TOP + rows.length * ROW + 10;
  const svg: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="gantt" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeXml(`Chart of the plan for ${plan.answers.practice.name}, go-live ${formatLong(goLive)}`)}">`,
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
    if (Number(week.slice(8)) <= 7)
      svg.push(
        `<text x="${left}" y="14" font-size="11" fill="#333">${escapeXml(formatLong(week).slice(4))}</text>`,
      );
  }
  rows.forEach((row, n) => {
    const y = TOP + n * ROW;
    if ('phase' in row) {
      svg.push(
        `<text x="4" y="${y + 11}" font-size="11" font-weight="bold" fill="#003087">${escapeXml(row.phase)}</text>`,
      );
      return;
    }
    const { item } = row;
    const label = item.title.length > 56 ? `${item.title.slice(0, 55)}…` : item.title;
    const done = item.status === 'done' || item.status === 'not-needed';
    svg.push(`<text x="12" y="${y + 11}" font-size="10" fill="#222">${escapeXml(label)}</text>`);
    const tip = `<title>${escapeXml(`${item.title}: ${formatLong(item.start)}${item.end === item.start ? '' : ` – ${formatLong(item.end)}`}`)}</title>`;
    const colour = done ? '#9aa5b1' : item.type === 'notice' ? '#da291c' : '#005eb8';
    if (DIAMOND_TYPES.has(item.type) && item.start === item.end) {
      const cx = x(item.start) + perDay / 2;
      const cy = y + ROW / 2;
      svg.push(
        `<polygon class="diamond" points="${cx.toFixed(1)},${cy - 6} ${(cx + 6).toFixed(1)},${cy} ${cx.toFixed(1)},${cy + 6} ${(cx - 6).toFixed(1)},${cy}" fill="${colour}">${tip}</polygon>`,
      );
    } else {
      const end = item.recurrence ? item.recurrence.until : item.end;
      const width = Math.max((daysBetween(item.start, end) + 1) * perDay, 3);
      svg.push(
        `<rect class="bar" x="${x(item.start).toFixed(1)}" y="${y + 3}" width="${width.toFixed(1)}" height="${ROW - 6}" rx="2" fill="${colour}" fill-opacity="${item.recurrence ? 0.35 : 1}">${tip}</rect>`,
      );
    }
  });
  const marker = (date: CalendarDate, colour: string, text: string, dy: number) => {
    if (date < first || date > last) return;
    const left = (x(date) + perDay / 2).toFixed(1);
    svg.push(
      `<line x1="${left}" y1="${TOP - 8}" x2="${left}" y2="${height}" stroke="${colour}" stroke-width="2" stroke-dasharray="${colour === '#da291c' ? '5,3' : '0'}"/>`,
      `<text x="${left}" y="${TOP - 10 + dy}" font-size="11" font-weight="bold" fill="${colour}" text-anchor="middle">${escapeXml(text)}</text>`,
    );
  };
  marker(today, '#da291c', `Today ${formatLong(today)}`, -2);
  marker(goLive, '#007f3b', `Go-live ${formatLong(goLive)}`, 0);
  svg.push('</svg>');
  return svg.join('\n');
}
