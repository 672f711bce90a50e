/**
 * The kick-off pack as one self-contained web page: inline CSS, an inline SVG chart, no scripts and
 * nothing fetched from the network. Prints on A4 landscape, each part on its own page.
 */
import { formatLong } from '../domain/calendar.js';
import { weekByWeek } from '../domain/summary.js';
import type { Plan, PlanItem } from '../domain/types.js';
import { escapeXml as esc, renderGantt } from './gantt.js';
import {
  ACTION_TABLE_HEADERS,
  actionsByPhase,
  agenda,
  byDate,
  ownersOf,
  roleTitle,
  when,
  type PackInput,
} from './pack.js';

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
.gantt { width: 100%; height: auto; display: block; }
.legend span { display: inline-block; margin-right: 16px; }
.status-done, .status-not-needed { color: #768692; }
.columns { columns: 2; column-gap: 32px; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { margin: 0; font-size: 9px; }
  th, td { padding: 1px 4px; }
  .columns { columns: 3; }
  section.follows { break-before: auto; }
  h2 { font-size: 14px; }
  section { break-before: page; }
  section:first-of-type { break-before: auto; }
  tr, li { break-inside: avoid; }
  .gantt { max-height: 140mm; }
}`;

function list(plan: Plan, items: readonly PlanItem[]): string {
  if (items.length === 0) return '<p>Nothing dated in the plan yet.</p>';
  return `<ul>${items.map((i) => `<li><b>${esc(when(i))}</b>: ${esc(i.title)} — ${esc(ownersOf(plan, i).join(', '))}</li>`).join('')}</ul>`;
}

function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  rowClass?: (n: number) => string,
): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map(
      (r, n) =>
        `<tr${rowClass ? ` class="${rowClass(n)}"` : ''}>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
}

export function renderHtml(input: PackInput): string {
  const { plan, today } = input;
  const a = plan.answers;
  const topics = agenda(plan);
  const title = `Kick-off pack: ${a.practice.name} (${a.practice.ods})`;
  const parts: string[] = [];
  parts.push(
    `<section><h1>${esc(title)}</h1>`,
    `<p>Moving from ${esc(a.systems.current)} to ${esc(a.systems.new)}. <span class="golive">Go-live: ${esc(formatLong(a.goLive))}.</span><br>Prepared by kickoff on ${esc(formatLong(today))} from the plan; the plan file (kickoff.yaml) is the source of truth.</p>`,
    `<h2>The plan at a glance</h2>`,
    `<p class="legend"><span>■ window</span><span>◆ milestone or deadline</span><span style="color:#da291c">◆ third-party notice deadline</span><span style="color:#da291c">┆ today</span><span style="color:#007f3b">│ go-live</span><span>grey columns: bank holidays</span></p>`,
    renderGantt(input),
    `</section>`,
  );
  parts.push(
    `<section><h2>Agenda</h2><ol>${topics.map((t) => `<li>${esc(t.title)}</li>`).join('')}</ol>`,
    `<h2>Who is involved</h2>${table(
      ['Role', 'Name', 'Email'],
      a.team.map((p) => [roleTitle(plan, p.role), p.name, p.email]),
    )}`,
    a.absences.length > 0
      ? `<p>Away during the project: ${a.absences.map((x) => esc(`${x.who} ${formatLong(x.from)} – ${formatLong(x.to)}`)).join('; ')}.</p>`
      : '',
    `<h2>Key dates</h2>${list(plan, topics[1]!.items)}</section>`,
  );
  parts.push(
    `<section><h2>1. Milestones</h2>${table(
      ['Date', 'Milestone', 'Owners'],
      topics[0]!.items.map((i) => [when(i), i.title, ownersOf(plan, i).join(', ')]),
    )}<h3>Week by week</h3><div class="columns">${weekByWeek(plan)
      .map(
        (w) =>
          `<h3>Week of ${esc(formatLong(w.monday))}</h3><ul>${byDate(w.items)
            .map((i) => `<li>${esc(when(i))}: ${esc(i.title)}</li>`)
            .join('')}</ul>`,
      )
      .join('')}</div></section>`,
  );
  const parties = plan.thirdParties
    .map((party) => {
      const items = byDate(plan.items.filter((i) => i.thirdParty === party.id));
      const notice = items.find((i) => i.type === 'notice');
      return `<h3>${esc(party.name)}${notice ? ` — tell them by ${esc(formatLong(notice.start))}` : ''}</h3><ul>${items
        .map((i) => `<li>${esc(when(i))}: ${esc(i.title)}</li>`)
        .join('')}</ul>`;
    })
    .join('');
  parts.push(
    `<section><h2>4. Communications</h2>${list(plan, topics[3]!.items)}<h3>Third parties: notice deadlines and reminders</h3><div class="columns">${parties}</div></section>`,
  );
  const risk: [string, number][] = [
    ['5. Data-migration scope', 4],
    ['6. Risk ownership', 5],
    ['7. Hazard log', 6],
    ['8. Rollback', 7],
    ['9. Downtime and its impact on core hours', 8],
  ];
  parts.push(
    `<section class="follows">${risk.map(([heading, n]) => `<h2>${esc(heading)}</h2>${list(plan, topics[n]!.items)}`).join('')}</section>`,
  );
  parts.push(`<section><h2>Action list</h2><p>Status is one of todo, doing, done, not-needed.</p>`);
  for (const phase of actionsByPhase(input)) {
    parts.push(
      `<h3>${esc(phase.title)}</h3>`,
      table(ACTION_TABLE_HEADERS, phase.cells, (n) => `status-${phase.rows[n]!.status || 'none'}`),
    );
  }
  parts.push('</section>');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}
</style>
</head>
<body>
${parts.filter(Boolean).join('\n')}
</body>
</html>
`;
}
