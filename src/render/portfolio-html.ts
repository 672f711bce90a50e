/**
 * The programme as one self-contained web page (inline CSS and SVG, no scripts, nothing fetched):
 * a Gantt of every practice (kick-off to go-live, FDP and go-live marked, practices in a problem in
 * red), a load chart of the people shared between practices (week by week), and the problem list.
 */
import { addDays, daysBetween, formatLong, maxDate, minDate } from '../domain/calendar.js';
import { mondayOf, weeksOf } from '../domain/dates.js';
import type { ProgrammeLoad } from '../domain/portfolio/load.js';
import { byHealth, donePercent, type PracticeHealth } from '../domain/portfolio/health.js';
import type { Problem } from '../domain/portfolio/problems.js';
import type { Suggestion } from '../domain/portfolio/suggest.js';
import type { PracticeView } from '../domain/portfolio/portfolio.js';
import type { CalendarDate } from '../domain/types.js';
import { htmlPage } from './html-page.js';
import { escapeXml as esc } from './gantt.js';

export interface ProgrammeHtmlInput {
  readonly today: CalendarDate;
  readonly folder: string;
  readonly practices: readonly PracticeView[];
  readonly problems: readonly Problem[];
  /** Each practice's own health, by plan file. */
  readonly health?: ReadonlyMap<string, PracticeHealth>;
  readonly load: ProgrammeLoad;
  /** Where the limits came from, and each limit as a line. */
  readonly capacitySource: string;
  readonly capacity: readonly string[];
  readonly broken: readonly { readonly file: string; readonly message: string }[];
  readonly suggestion?: Suggestion;
  /** The `kickoff schedule` command for each move. */
  readonly commands?: readonly string[];
}

const LABEL = 340;
const WIDTH = 1500;
/** The narrowest the charts are drawn: their 14-unit labels are then 10.5px or more. */
const MIN_WIDTH = 1120;
const ROW = 18;
const TOP = 34;
const FONT = 14;
/** Room for a date label ("25 Jan 2027" or "2027-01-25") at FONT, and a gap. */
const LABEL_GAP = 100;
const RED = '#da291c';
const BLUE = '#41b6e6';
const ORANGE = '#ed8b00';
const GREEN = '#007f3b';

const STYLE = `
body { font: 14px/1.4 Arial, Helvetica, sans-serif; color: #212b32; margin: 24px; }
h1 { color: #003087; font-size: 24px; margin: 0 0 4px; }
h2 { color: #003087; font-size: 18px; border-bottom: 2px solid #005eb8; padding-bottom: 2px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 12px; }
th, td { border: 1px solid #c8cdd0; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #e8edee; }
/* Charts keep their labels 10px or more: narrower than ${MIN_WIDTH}px, they scroll sideways in their box. */
.chart { overflow-x: auto; margin: 0 0 8px; }
.chart:focus { outline: 3px solid #ffb81c; }
svg { width: 100%; min-width: ${MIN_WIDTH}px; height: auto; display: block; }
.legend > span { display: inline-block; margin-right: 16px; }
.key { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; }
.key.diamond { transform: rotate(45deg) scale(0.8); }
.key.line { width: 0; border-left: 2px dashed ${RED}; }
.ok { color: ${GREEN}; font-weight: bold; }
.bad { color: ${RED}; font-weight: bold; }
.status { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border: 1px solid #212b32; }
.status.red { background: ${RED}; } .status.amber { background: ${ORANGE}; } .status.green { background: ${GREEN}; }
td ul { margin: 0; padding-left: 16px; }
code { font-size: 12px; overflow-wrap: anywhere; }
details.chart-text { margin: 0 0 12px; }
details.chart-text summary { cursor: pointer; color: #005eb8; }
@page { size: A4 landscape; margin: 10mm; }
/* Printed, the sections follow on (a new page each left pages three-quarters empty); a chart and a
   table row are kept whole, and a heading stays with what follows it. */
@media print {
  body { margin: 0; font-size: 9px; }
  .chart { overflow: visible; }
  svg { min-width: 0; break-inside: avoid; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  details.chart-text { display: none; }
}`;

export function renderProgrammeHtml(input: ProgrammeHtmlInput): string {
  const title = `Migration programme: ${input.practices.length} practices`;
  const verdict =
    input.problems.length === 0
      ? `<span class="ok">No clashes and no limits broken.</span>`
      : `<span class="bad">${input.problems.length} problem(s): ${countsOf(input.problems)}.</span>`;
  const parts = [
    `<section><h1>${esc(title)}</h1>`,
    `<p>From ${esc(input.folder)}, on ${esc(formatLong(input.today))}. ${verdict}</p>`,
    `<p>Limits (${esc(input.capacitySource)}): ${esc(input.capacity.join('; '))}.</p>`,
    `<h2>Programme</h2>`,
    `<p class="legend"><span><span class="key" style="background:${BLUE}"></span>kick-off to go-live</span><span><span class="key diamond" style="background:${ORANGE}"></span>final data production</span><span><span class="key diamond" style="background:${GREEN}"></span>go-live</span><span><span class="key" style="background:${RED}"></span>! before the name: a practice in a problem</span><span><span class="key line"></span>today</span></p>`,
    `<div class="chart" tabindex="0" role="region" aria-label="Programme chart (scrolls sideways on a narrow screen)">${gantt(input)}</div>`,
    practiceTable(input),
    `</section>`,
    healthPart(input),
    `<section><h2>Problems</h2>${problemTable(input.problems)}</section>`,
    `<section><h2>Load on people shared between practices</h2><p>Practices needing each person on a critical day (kick-off, training, FDP, cutover, go-live…), week by week; darker is more.</p>${loadChart(input.load)}${loadTable(input.load)}</section>`,
    suggestionPart(input),
    input.broken.length > 0
      ? `<section><h2>Plans kickoff could not read</h2><ul>${input.broken.map((b) => `<li><code>${esc(b.file)}</code>: ${esc(b.message)}</li>`).join('')}</ul></section>`
      : '',
  ];
  return htmlPage(title, STYLE, parts);
}

function countsOf(problems: readonly Problem[]): string {
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
}

function startOf(p: PracticeView): CalendarDate {
  return p.kickoff ?? p.fdp ?? p.goLive;
}

function gantt(input: ProgrammeHtmlInput): string {
  const { practices } = input;
  if (practices.length === 0) return '<p>No plans.</p>';
  const first = mondayOf(practices.map(startOf).reduce(minDate));
  const last = addDays(practices.map((p) => p.goLive).reduce(maxDate), 7);
  const days = Math.max(1, daysBetween(first, last));
  const x = (d: CalendarDate) => LABEL + ((WIDTH - LABEL - 10) * daysBetween(first, d)) / days;
  const height = TOP + practices.length * ROW + 10;
  const inProblem = new Set(input.problems.flatMap((p) => p.practices));
  // A date every few weeks, as many weeks apart as keeps the labels from touching.
  const every = Math.max(1, Math.ceil(LABEL_GAP / ((7 * (WIDTH - LABEL - 10)) / days)));
  // A date only where it has room before the right edge.
  const grid = weeksOf(first, last)
    .filter((w, i) => i % every === 0 && x(w) + LABEL_GAP <= WIDTH)
    .map(
      (w) =>
        `<line x1="${x(w).toFixed(1)}" y1="${TOP - 6}" x2="${x(w).toFixed(1)}" y2="${height}" stroke="#e8edee"/><text x="${x(w).toFixed(1)}" y="${TOP - 12}" font-size="${FONT}">${esc(formatLong(w).replace(/^\w+ /, ''))}</text>`,
    );
  const rows = practices.map((p, i) => {
    const y = TOP + i * ROW;
    const colour = inProblem.has(p.id) ? RED : BLUE;
    const diamond = (d: CalendarDate, fill: string) =>
      `<path d="M${x(d).toFixed(1)} ${y + 2} l7 7 l-7 7 l-7 -7 z" fill="${fill}"/>`;
    return [
      // "!" as well as red: colour is not the only sign of a practice in a problem.
      `<text x="4" y="${y + 13}" font-size="${FONT}"${inProblem.has(p.id) ? ` fill="${RED}" font-weight="bold"` : ''}>${esc(`${inProblem.has(p.id) ? '! ' : ''}${p.ods} ${p.name}`.slice(0, 34))}</text>`,
      `<rect x="${x(startOf(p)).toFixed(1)}" y="${y + 3}" width="${Math.max(1, x(p.goLive) - x(startOf(p))).toFixed(1)}" height="${ROW - 6}" fill="${colour}"><title>${esc(`${p.ods}: kick-off ${p.kickoff ?? '?'}, go-live ${p.goLive}`)}</title></rect>`,
      p.fdp ? diamond(p.fdp, ORANGE) : '',
      diamond(p.goLive, GREEN),
    ].join('');
  });
  const today =
    input.today >= first && input.today <= last
      ? `<line x1="${x(input.today).toFixed(1)}" y1="${TOP - 6}" x2="${x(input.today).toFixed(1)}" y2="${height}" stroke="${RED}" stroke-dasharray="4 3"/>`
      : '';
  return `<svg class="gantt programme" viewBox="0 0 ${WIDTH} ${height}" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Programme chart: each practice from kick-off to go-live; the same dates are in the table after it">${grid.join('')}${rows.join('')}${today}</svg>`;
}

/** The Gantt's dates as a table: its text alternative. */
function practiceTable(input: ProgrammeHtmlInput): string {
  if (input.practices.length === 0) return '';
  const inProblem = new Set(input.problems.flatMap((p) => p.practices));
  const rows = input.practices.map(
    (p) =>
      `<tr><td>${esc(`${p.ods} ${p.name}`)}</td><td>${esc(p.kickoff ? formatLong(p.kickoff) : '')}</td><td>${esc(p.fdp ? formatLong(p.fdp) : '')}</td><td>${esc(formatLong(p.goLive))}</td><td>${inProblem.has(p.id) ? 'yes' : ''}</td></tr>`,
  );
  return `<details class="chart-text"><summary>The chart's dates as a table</summary><table><thead><tr><th scope="col">Practice</th><th scope="col">Kick-off</th><th scope="col">Final data production</th><th scope="col">Go-live</th><th scope="col">In a problem</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`;
}

/** The load chart as text: each person's weeks needed by more than one practice. */
function loadTable(load: ProgrammeLoad): string {
  if (load.people.length === 0) return '';
  const rows = load.people.map((person) => {
    const busy = person.weeks.filter((w) => w.practices > 1);
    const weeks = busy.map((w) => `${formatLong(w.week)} (${w.practices})`).join(', ');
    return `<tr><td>${esc(person.name)}</td><td>${person.practices}</td><td>${esc(weeks || 'none')}</td></tr>`;
  });
  return `<details class="chart-text"><summary>The chart as a table</summary><table><thead><tr><th scope="col">Person</th><th scope="col">Practices</th><th scope="col">Weeks needed by more than one practice (how many)</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`;
}

function problemTable(problems: readonly Problem[]): string {
  if (problems.length === 0) return '<p class="ok">None.</p>';
  const rows = problems.map(
    (p) =>
      `<tr><td>${esc(p.kind)}</td><td>${esc((p.days ?? [p]).map((d) => (d.from === d.to ? d.from : `${d.from} – ${d.to}`)).join(', '))}</td><td>${esc(p.person?.name ?? p.supplier ?? '')}</td><td>${esc(p.message)}</td></tr>`,
  );
  return `<table class="problems"><thead><tr><th>Kind</th><th>When</th><th>Who</th><th>What</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function loadChart(load: ProgrammeLoad): string {
  const people = load.people;
  if (people.length === 0) return '<p>No one works on more than one practice.</p>';
  const weeks = [...new Set(people.flatMap((p) => p.weeks.map((w) => w.week)))].sort();
  const all = weeksOf(weeks[0]!, weeks.at(-1)!);
  const cell = Math.max(4, Math.min(16, (WIDTH - LABEL) / all.length));
  const height = TOP + people.length * ROW + 4;
  const shades = ['#ffffff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];
  const rows = people.map((person, i) => {
    const y = TOP + i * ROW;
    const byWeek = new Map(person.weeks.map((w) => [w.week, w.practices]));
    const cells = all.map((w, k) => {
      const n = byWeek.get(w) ?? 0;
      if (n === 0) return '';
      return `<rect x="${(LABEL + k * cell).toFixed(1)}" y="${y + 1}" width="${(cell - 1).toFixed(1)}" height="${ROW - 2}" fill="${n > 1 ? shades[Math.min(4, n)]! : shades[1]!}"><title>${esc(`${person.name}, week of ${w}: ${n} practice(s)`)}</title></rect>`;
    });
    return `<text x="4" y="${y + 13}" font-size="${FONT}">${esc(`${person.name} (${person.practices})`.slice(0, 38))}</text>${cells.join('')}`;
  });
  const every = Math.max(1, Math.ceil(LABEL_GAP / cell));
  const marks = all
    .map((w, k) =>
      k % every === 0 && LABEL + k * cell + LABEL_GAP <= WIDTH
        ? `<text x="${(LABEL + k * cell).toFixed(1)}" y="${TOP - 10}" font-size="${FONT}">${esc(w)}</text>`
        : '',
    )
    .join('');
  return `<div class="chart" tabindex="0" role="region" aria-label="Load chart (scrolls sideways on a narrow screen)"><svg class="load" viewBox="0 0 ${WIDTH} ${height}" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Load per person, week by week; the busiest weeks are in the table after it">${marks}${rows.join('')}</svg></div>`;
}

function suggestionPart(input: ProgrammeHtmlInput): string {
  const s = input.suggestion;
  if (!s) return '';
  const moves =
    s.moves.length === 0
      ? '<p>No moves needed.</p>'
      : `<table><thead><tr><th>Practice</th><th>Go-live</th><th>Move</th><th>Command</th></tr></thead><tbody>${s.moves
          .map(
            (m, i) =>
              `<tr><td>${esc(`${m.ods} ${m.name}`)}</td><td>${esc(`${m.from} → ${m.to}`)}</td><td>${m.workingDays > 0 ? '+' : ''}${m.workingDays} working days</td><td><code>${esc(input.commands?.[i] ?? '')}</code></td></tr>`,
          )
          .join('')}</tbody></table>`;
  const left =
    s.unresolved.length === 0
      ? ''
      : `<p class="bad">Not cleared within ${s.horizonWorkingDays} working days:</p><ul>${s.unresolved.map((u) => `<li>${esc(u.message)} ${esc(u.reason)}</li>`).join('')}</ul>`;
  return `<section><h2>Suggested go-live moves</h2>${moves}${left}</section>`;
}

const STATUS_WORD = { red: 'Red', amber: 'Amber', green: 'Green' } as const;

/** Each practice's own health: red and amber first, with the reasons; the status as a word too. */
function healthPart(input: ProgrammeHtmlInput): string {
  const health = input.health;
  if (!health || input.practices.length === 0) return '';
  const rows = input.practices
    .map((p) => ({ p, h: health.get(p.id) }))
    .filter((r): r is { p: PracticeView; h: PracticeHealth } => r.h !== undefined)
    .sort((a, b) => byHealth(a.h.status, b.h.status))
    .map(({ p, h }) => {
      const next = h.next ? `${h.next.title}, ${formatLong(h.next.date)}` : '';
      const reasons = h.reasons.length
        ? `<ul>${h.reasons.map((r) => `<li>${esc(r.message)}</li>`).join('')}</ul>`
        : '';
      return `<tr><td><span class="status ${h.status}"></span>${STATUS_WORD[h.status]}</td><td>${esc(`${p.ods} ${p.name}`)}</td><td>${donePercent(h)}% (${h.actions.done} of ${h.actions.total})</td><td>${esc(next)}</td><td>${reasons}</td></tr>`;
    });
  const count = (s: PracticeHealth['status']) => [...health.values()].filter((h) => h.status === s).length;
  return `<section><h2>Each practice's own plan</h2><p>${count('red')} red (an error in the plan itself), ${count('amber')} amber (warnings, or in a programme problem), ${count('green')} green.</p><table><thead><tr><th scope="col">Status</th><th scope="col">Practice</th><th scope="col">Actions done</th><th scope="col">Next milestone</th><th scope="col">Reasons</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}
