/**
 * The kick-off pack as one self-contained web page: inline CSS, an inline SVG chart, no scripts and
 * nothing fetched from the network. Prints on five or so A4 landscape pages (see the print styles).
 */
import { chainLines } from './why.js';
import type { WhyLink } from '../domain/schedule/why.js';
import { changeSections } from './changes.js';
import { formatLong } from '../domain/calendar.js';
import { weekByWeek } from '../domain/summary.js';
import type { Plan, PlanItem } from '../domain/types.js';
import { htmlPage } from './html-page.js';
import { chartSpan, escapeXml as esc, renderGantt, renderGanttForPrint, renderGanttTable } from './gantt.js';
import {
  ACTION_TABLE_HEADERS,
  actionsByPhase,
  agenda,
  byDate,
  ownersOf,
  placed,
  roleTitle,
  when,
  type PackInput,
} from './pack.js';
import { capitalise } from '../domain/words.js';

const STYLE = `
body { font: 14px/1.4 Arial, Helvetica, sans-serif; color: #212b32; margin: 24px; }
h1 { color: #003087; font-size: 24px; margin: 0 0 4px; }
h2 { color: #003087; font-size: 18px; border-bottom: 2px solid #005eb8; padding-bottom: 2px; }
h3 { font-size: 15px; margin: 12px 0 4px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 12px; }
th, td { border: 1px solid #c8cdd0; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #e8edee; }
ul { margin: 4px 0 10px; padding-left: 20px; }
.golive { font-weight: bold; color: #007f3b; }
/* The chart keeps a readable size and scrolls sideways in its own box on a narrow screen. */
.chart { overflow-x: auto; margin: 0 0 8px; }
.chart:focus { outline: 3px solid #ffb81c; }
.gantt { width: 100%; min-width: 1160px; height: auto; display: block; }
.legend span { display: inline-block; margin-right: 16px; }
.legend .notice, .legend .today { color: #da291c; }
.legend .go-live { color: #007f3b; }
.status-done, .status-not-needed { color: #4c6272; }
td.notes { white-space: pre-line; }
.chart-print { display: none; }
/* A date's chain keeps its lines, and wraps a long one on a phone or on paper rather than push the page wide. */
pre.chain { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 13px; }
details.chart-text { margin: 0 0 12px; }
details.chart-text summary { cursor: pointer; color: #005eb8; }
tr.phase th { background: none; border: none; color: #003087; font-size: 15px; padding: 10px 0 2px; }
.columns { columns: 2; column-gap: 32px; }
/* A phone: one column, and table cells that may break a long word rather than push the page wide. */
@media (max-width: 700px) {
  body { margin: 12px; }
  .columns { columns: 1; }
  th, td { padding: 2px 3px; overflow-wrap: anywhere; }
}
.weeks h3 { font-size: 14px; margin: 8px 0 2px; }
@media (min-width: 1000px) {
  .pair { display: grid; grid-template-columns: 1fr 1.4fr; gap: 32px; }
}
/*
 * Printed: A4 landscape in about five pages (issue 11): the chart fills the first (its labels 7pt:
 * 14 of its units at about 0.18 mm each); the agenda beside the team, then the dated sections and the
 * action list flow on. Text is 8pt in a condensed face (Arial Narrow, or Liberation Sans Narrow with
 * its metrics), the week-by-week and third parties as run-in lines, the actions one table with a row
 * per phase; headings stay with what follows them.
 */
@page { size: A4 landscape; margin: 6mm 8mm; }
@media print {
  body {
    margin: 0;
    font: 8pt/1.15 "Arial Narrow", "Liberation Sans Narrow", "Helvetica Neue Condensed", "DejaVu Sans Condensed", Arial, sans-serif;
  }
  h1 { font-size: 14pt; }
  h2 { font-size: 10.5pt; margin: 2mm 0 0.5mm; border-bottom-width: 1px; }
  h2 small { font-size: 8pt; font-weight: normal; color: #212b32; }
  h3 { font-size: 8.5pt; margin: 1.5mm 0 0.5mm; }
  h2, h3 { break-after: avoid; }
  p, ul, ol, table { margin: 0.5mm 0 1.5mm; }
  ul, ol { padding-left: 4mm; }
  th, td { padding: 0.1mm 1.2mm; }
  tr, li { break-inside: avoid; }
  .legend { margin: 0 0 1mm; }
  /* On paper the chart comes in parts of a page each (renderGanttForPrint), so labels stay 7pt. */
  .chart { display: none; }
  .chart-print { display: block; }
  .gantt-print { display: block; width: 100%; height: auto; max-height: 186mm; break-inside: avoid; }
  .gantt-print + .gantt-print { break-before: page; }
  .gantt-print text { font-size: 14px; }
  .why { columns: 2; column-gap: 6mm; }
  .why h3 { break-inside: avoid; }
  pre.chain { font-size: 7pt; margin: 0 0 1mm; break-inside: avoid; }
  details.chart-text { display: none; }
  section { break-before: auto; }
  section.page { break-before: page; }
  .pair { display: grid; grid-template-columns: 1fr 1.5fr; gap: 8mm; }
  .pair h2:first-child { margin-top: 0; }
  .pair ol { columns: 2; column-gap: 6mm; }
  .columns { columns: 3; column-gap: 6mm; }
  .weeks { columns: 4; column-gap: 5mm; }
  .week { margin: 0 0 0.8mm; }
  .weeks h3, .weeks ul, .weeks li { display: inline; font-size: 8pt; margin: 0; padding: 0; }
  .weeks h3::after { content: ":"; }
  .weeks li + li::before { content: " · "; font-weight: bold; }
  table.actions { table-layout: fixed; }
  table.actions th:nth-child(1) { width: 12.5%; }
  table.actions th:nth-child(2) { width: 34%; }
  table.actions th:nth-child(3) { width: 36%; }
  table.actions th:nth-child(4) { width: 6%; }
  table.actions th:nth-child(5) { width: 11.5%; }
  table.actions tbody { break-inside: auto; }
  table.actions tr.phase th { background: none; border: none; font-size: 9pt; color: #003087; padding: 0.8mm 0 0.2mm; }
  .dated td:first-child { white-space: nowrap; }
  table.parties td:first-child { width: 22%; }
}`;

function list(
  plan: Plan,
  items: readonly PlanItem[],
  withDescriptions = false,
  chains?: ReadonlyMap<string, readonly WhyLink[]>,
): string {
  if (items.length === 0) return '<p>Nothing dated in the plan yet.</p>';
  const more = (i: PlanItem) =>
    withDescriptions && i.description ? `<br><small>${esc(i.description)}</small>` : '';
  // A key date links to why it is on that day (the appendix), when kickoff can say.
  const date = (i: PlanItem) =>
    chains?.has(i.id) ? `<a href="#why-${esc(i.id)}"><b>${esc(when(i))}</b></a>` : `<b>${esc(when(i))}</b>`;
  return `<ul>${items.map((i) => `<li>${date(i)}: ${esc(placed(plan, i))} — ${esc(ownersOf(plan, i).join(', '))}${more(i)}</li>`).join('')}</ul>`;
}

/** The appendix: why each key date is on its day, step by step, with the sources. */
function whyAppendix(
  plan: Plan,
  items: readonly PlanItem[],
  chains?: ReadonlyMap<string, readonly WhyLink[]>,
): string[] {
  const explained = items.filter((i) => chains?.has(i.id));
  if (!chains || explained.length === 0) return [];
  const titles = new Map(plan.items.map((i) => [i.id, i.title]));
  return [
    `<section class="why"><h2>Why each key date is on its day</h2><p>Each date follows from go-live by the template's rules; the sources are in the template and its docs/sources.md.</p>`,
    ...explained.map(
      (i) =>
        `<h3 id="why-${esc(i.id)}">${esc(i.title)}: ${esc(when(i))}</h3><pre class="chain">${esc(chainLines(chains.get(i.id)!, titles).join('\n'))}</pre>`,
    ),
    `</section>`,
  ];
}

function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  rowClass?: (n: number) => string,
  tableClass?: string,
): string {
  return `<table${tableClass ? ` class="${tableClass}"` : ''}><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map(
      (r, n) =>
        `<tr${rowClass ? ` class="${rowClass(n)}"` : ''}>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
}

/** When, without the go-live's year (said in the headings around it): "Mon 5 Apr, 10:00". */
function shortWhen(item: PlanItem, year: string): string {
  return when(item).split(` ${year}`).join('');
}

/** Items (sorted by date) grouped by when they happen, so a date is said once. */
function sameDay(items: readonly PlanItem[]): PlanItem[][] {
  const groups = new Map<string, PlanItem[]>();
  for (const item of items) groups.set(when(item), [...(groups.get(when(item)) ?? []), item]);
  return [...groups.values()];
}

/**
 * An item's title in its third party's row, without the party's name said again: "Pathology lab
 * results links: links switched off" → "Links switched off", "Remind Docman (…): …" → "Remind them: …".
 */
function withoutParty(title: string, party: string): string {
  const rest = title.startsWith(`${party}: `)
    ? title.slice(party.length + 2)
    : title.split(party).join('them');
  return capitalise(rest);
}

/** One table, a heading row per phase: the header repeats on each printed page, not per phase. */
function actionTable(input: PackInput, year: string): string {
  const head = ACTION_TABLE_HEADERS.map((h) => `<th>${esc(h)}</th>`).join('');
  const phases = actionsByPhase(input).map(
    (phase) =>
      `<tbody><tr class="phase"><th colspan="${ACTION_TABLE_HEADERS.length}">${esc(phase.title)}</th></tr>${phase.cells
        .map(
          (cells, n) =>
            `<tr class="status-${phase.rows[n]!.status || 'none'}">${cells.map((c, i) => `<td${i === cells.length - 1 ? ' class="notes"' : ''}>${esc(i === 0 ? c.split(` ${year}`).join('') : c)}</td>`).join('')}</tr>`,
        )
        .join('')}</tbody>`,
  );
  return `<table class="actions"><thead><tr>${head}</tr></thead>${phases.join('')}</table>`;
}

export function renderHtml(input: PackInput): string {
  const { plan, today } = input;
  const a = plan.answers;
  const topics = agenda(plan);
  const title = `Kick-off pack: ${a.practice.name} (${a.practice.ods})`;
  const year = a.goLive.slice(0, 4);
  const parts: string[] = [];
  parts.push(
    `<section><h1>${esc(title)}</h1>`,
    `<p>Moving from ${esc(a.systems.current)} to ${esc(a.systems.new)}. <span class="golive">Go-live: ${esc(formatLong(a.goLive))}.</span><br>Prepared by kickoff on ${esc(formatLong(today))} from the plan; the plan file (kickoff.yaml) is the source of truth.</p>`,
    ...sinceLastMeeting(input),
    `<h2>The plan at a glance</h2>`,
    `<p class="legend"><span>■ window</span><span>◆ milestone or deadline</span><span class="notice">▲ third-party notice deadline</span>${
      chartSpan(input).today
        ? '<span class="today">┆ today</span>'
        : `<span>today (${esc(formatLong(today))}) is outside the plan's dates</span>`
    }<span class="go-live">│ go-live</span><span>grey columns: bank holidays</span></p>`,
    `<div class="chart" tabindex="0" role="region" aria-label="Chart of the plan (scrolls sideways on a narrow screen)">${renderGantt(input)}</div>`,
    `<div class="chart-print">${renderGanttForPrint(input)}</div>`,
    `<details class="chart-text"><summary>The chart's dates as a table</summary>${renderGanttTable(input)}</details>`,
    `</section>`,
  );
  parts.push(
    `<section class="page"><div class="pair"><div><h2>Agenda</h2><ol>${topics.map((t) => `<li>${esc(t.title)}</li>`).join('')}</ol></div>`,
    `<div><h2>Who is involved</h2>${table(
      ['Role', 'Name', 'Email'],
      a.team.map((p) => [roleTitle(plan, p.role), p.name, p.email]),
    )}`,
    a.absences.length > 0
      ? `<p>Away during the project: ${a.absences.map((x) => esc(`${x.who} ${formatLong(x.from)} – ${formatLong(x.to)}`)).join('; ')}.</p>`
      : '',
    '</div></div>',
    `<h2>Key dates</h2>${list(plan, topics[1]!.items, false, input.chains)}</section>`,
  );
  parts.push(
    `<section><h2>1. Milestones</h2>${table(
      ['Date', 'Milestone', 'Owners'],
      topics[0]!.items.map((i) => [when(i), placed(plan, i), ownersOf(plan, i).join(', ')]),
      undefined,
      'dated',
    )}<h3>Week by week</h3><div class="columns weeks">${weekByWeek(plan)
      .map(
        (w) =>
          `<div class="week"><h3>Week of ${esc(formatLong(w.monday))}</h3> <ul>${byDate(w.items)
            .map((i) => `<li><b>${esc(shortWhen(i, year))}</b>: ${esc(placed(plan, i))}</li>`)
            .join('')}</ul></div>`,
      )
      .join('')}</div></section>`,
  );
  const parties = plan.thirdParties.map((party) => {
    const items = byDate(plan.items.filter((i) => i.thirdParty === party.id));
    const notice = items.find((i) => i.type === 'notice');
    return [
      `<b>${esc(party.name)}</b>${notice ? ` — tell them by ${esc(formatLong(notice.start))}` : ''}`,
      sameDay(items.filter((i) => i !== notice))
        .map(
          (day) =>
            `<b>${esc(shortWhen(day[0]!, year))}</b>: ${day.map((i) => esc(withoutParty(i.title, party.name))).join('; ')}`,
        )
        .join(' · '),
    ];
  });
  parts.push(
    // A notice deadline is said once, in its party's row of the table below.
    `<section><h2>4. Communications</h2>${list(
      plan,
      topics[3]!.items.filter((i) => !(i.thirdParty && i.type === 'notice')),
    )}<h3>Third parties: notice deadlines and reminders</h3>`,
    parties.length > 0
      ? `<table class="parties"><thead><tr><th>Third party</th><th>Reminders, switch-off and reconnection (${esc(year)})</th></tr></thead><tbody>${parties
          .map(([who, what]) => `<tr><td>${who}</td><td>${what}</td></tr>`)
          .join('')}</tbody></table>`
      : '<p>No third parties in the plan.</p>',
    '</section>',
  );
  if (input.raid && input.raid.length > 0)
    parts.push(
      `<section><h2>RAID log: risks, assumptions, issues and dependencies</h2>${table(
        ['Id', 'Kind', 'Rating', 'What', 'Owner', 'Review', 'Status'],
        input.raid.map((e) => [e.id, e.kind, e.rating, e.title, e.owner, formatLong(e.review), e.status]),
      )}</section>`,
    );
  // Risk ownership, hazard log and rollback items say what was agreed (the escalation route).
  const risk: [string, number, boolean][] = [
    ['5. Data-migration scope', 4, false],
    ['6. Risk ownership', 5, true],
    ['7. Hazard log', 6, true],
    ['8. Rollback', 7, true],
    ['9. Downtime and its impact on core hours', 8, false],
  ];
  parts.push(
    `<section>${risk.map(([heading, n, described]) => `<h2>${esc(heading)}</h2>${list(plan, topics[n]!.items, described)}`).join('')}</section>`,
  );
  parts.push(
    `<section><h2>Action list <small>(dates in ${esc(year)} unless a year is given; status: todo, doing, done or not-needed)</small></h2>`,
  );
  parts.push(actionTable(input, year));
  parts.push('</section>');
  parts.push(...whyAppendix(plan, topics[1]!.items, input.chains));
  return htmlPage(title, STYLE, parts);
}

/** "Since the last meeting": what changed in the plan since then, from its history. */
function sinceLastMeeting(input: PackInput): string[] {
  if (!input.since) return [];
  const sections = changeSections(input.since.changes);
  const body =
    sections.length === 0
      ? '<p>Nothing in the plan has changed.</p>'
      : sections
          .map(
            (s) => `<h3>${esc(s.heading)}</h3><ul>${s.lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`,
          )
          .join('');
  return [`<h2>Since the last meeting (${esc(formatLong(input.since.since))})</h2>`, body];
}
