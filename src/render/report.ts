/**
 * The weekly report (`kickoff report`, `kickoff portfolio --report`) for people: one document of
 * headed sections, written as Markdown or as a self-contained, printable web page. Pure: the
 * report's data in, text out.
 */
import { addDays, formatLong } from '../domain/calendar.js';
import { byHealth, donePercent, shownReasons, type PracticeHealth } from '../domain/portfolio/health.js';
import type { PracticeView } from '../domain/portfolio/portfolio.js';
import { byText } from '../domain/order.js';
import { firstSentence } from './portfolio-timeline.js';
import type { RaidEntry } from '../domain/raid.js';
import type { Plan, PlanItem } from '../domain/types.js';
import { changeSections } from './changes.js';
import { escapeXml as esc } from './gantt.js';
import { htmlPage } from './html-page.js';
import type { PlanChanges } from '../domain/changes.js';
import type { PracticeWeek, ReportLists } from '../domain/report.js';
import type { CalendarDate } from '../domain/types.js';

/** What the report on one practice is made from (app/weekly-report.ts's WeeklyReport). */
export interface PracticeReportInput {
  readonly plan: Plan;
  readonly today: CalendarDate;
  readonly since: CalendarDate;
  readonly sinceFrom: 'since' | 'last-report' | 'a-week-ago';
  readonly health: PracticeHealth;
  readonly lists: ReportLists;
  readonly changes: {
    readonly changes: PlanChanges;
    readonly entries: readonly { readonly command: string; readonly summary: string }[];
  };
  readonly raidChanges: { readonly added: readonly RaidEntry[]; readonly closed: readonly RaidEntry[] };
}

export interface ReportSection {
  readonly heading: string;
  /** One entry a line (a list item); `sub` are the lines under it. */
  readonly lines: readonly { readonly text: string; readonly sub?: readonly string[] }[];
  /** Said when there are no lines. */
  readonly none: string;
}

export interface ReportDocument {
  readonly title: string;
  /** Paragraphs under the title. */
  readonly intro: readonly string[];
  readonly sections: readonly ReportSection[];
}

const STATUS_WORD = { red: 'Red', amber: 'Amber', green: 'Green' } as const;

export function statusLine(health: PracticeHealth): string {
  const next = health.next ? ` Next milestone: ${health.next.title}, ${formatLong(health.next.date)}.` : '';
  return `Status: ${STATUS_WORD[health.status]}. ${donePercent(health)}% of actions done (${health.actions.done} of ${health.actions.total}).${next}`;
}

function whose(plan: Plan, item: PlanItem): string {
  const people = item.roles.map((role) => {
    const named = plan.answers.team.filter((p) => p.role === role).map((p) => p.name);
    return named.length > 0 ? named.join(', ') : role;
  });
  return people.length > 0 ? ` — ${[...new Set(people)].join(', ')}` : '';
}

function when(item: PlanItem): string {
  return item.start === item.end
    ? formatLong(item.start)
    : `${formatLong(item.start)} to ${formatLong(item.end)}`;
}

export function raidLine(entry: RaidEntry): string {
  return `${entry.rating.toUpperCase()} ${entry.kind} ${entry.id}: ${entry.title} — owner ${entry.owner}, review ${formatLong(entry.review)}`;
}

/** The report on one practice as headed sections. */
export function practiceReport(report: PracticeReportInput): ReportDocument {
  const { plan, lists, health, today, since } = report;
  const { practice, goLive } = plan.answers;
  const item = (i: PlanItem) => ({ text: `${when(i)}: ${i.title} (${i.id})${whose(plan, i)}` });
  const changed = changeSections(report.changes.changes);
  const sinceWhat =
    report.sinceFrom === 'last-report'
      ? 'the last report'
      : report.sinceFrom === 'since'
        ? 'the day asked for'
        : 'a week ago: no report was made before';
  return {
    title: `Weekly report: ${practice.name} (${practice.ods})`,
    intro: [`On ${formatLong(today)}. Go-live ${formatLong(goLive)}.`, statusLine(health)],
    sections: [
      {
        heading: `What changed since ${formatLong(since)}, ${sinceWhat}`,
        lines: [
          ...changed.map((s) => ({ text: s.heading, sub: s.lines })),
          ...(report.raidChanges.added.length > 0
            ? [{ text: 'Added to the RAID log', sub: report.raidChanges.added.map(raidLine) }]
            : []),
          ...(report.raidChanges.closed.length > 0
            ? [{ text: 'Closed in the RAID log', sub: report.raidChanges.closed.map(raidLine) }]
            : []),
          ...(report.changes.entries.length > 0
            ? [
                {
                  text: 'Changes kickoff made',
                  sub: report.changes.entries.map((e) => `${e.command}: ${e.summary}`),
                },
              ]
            : []),
        ],
        none: 'Nothing changed.',
      },
      { heading: 'Overdue', lines: lists.overdue.map(item), none: 'Nothing is overdue.' },
      {
        heading: `Due in the next two weeks (to ${formatLong(lists.until)})`,
        lines: lists.due.map(item),
        none: 'Nothing is due.',
      },
      {
        heading: 'Notices to give',
        lines: lists.notices.map((i) => ({
          text: `${i.start < today ? 'LATE ' : ''}by ${formatLong(i.start)}: ${i.title} (${i.id})${whose(plan, i)}`,
        })),
        none: 'No notice is due in the next two weeks.',
      },
      {
        heading: 'Problems',
        lines: lists.problems.map((d) => ({
          text: `${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.message}`,
        })),
        none: 'kickoff check finds no problem.',
      },
      {
        heading: 'RAID log (open; high first)',
        lines: lists.raid.map((e) => ({
          text: `${e.review <= today ? 'REVIEW DUE ' : ''}${raidLine(e)}`,
          ...(e.notes ? { sub: [e.notes] } : {}),
        })),
        none: 'No open risks, assumptions, issues or dependencies (add them with kickoff raid add).',
      },
    ],
  };
}

/** Markdown's own characters shown as themselves. */
function md(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

export function renderReportMarkdown(doc: ReportDocument): string {
  const parts = [`# ${md(doc.title)}`, ...doc.intro.map(md)];
  for (const section of doc.sections) {
    parts.push(`## ${md(section.heading)}`);
    if (section.lines.length === 0) parts.push(md(section.none));
    else
      parts.push(
        section.lines
          .map((l) => [`- ${md(l.text)}`, ...(l.sub ?? []).map((s) => `  - ${md(s)}`)].join('\n'))
          .join('\n'),
      );
  }
  return `${parts.join('\n\n')}\n`;
}

const STYLE = `
body { font: 15px/1.45 Arial, Helvetica, sans-serif; color: #212b32; margin: 24px; max-width: 60em; }
h1 { color: #003087; font-size: 24px; margin: 0 0 8px; }
h2 { color: #003087; font-size: 18px; border-bottom: 2px solid #005eb8; padding-bottom: 2px; margin-top: 20px; }
ul { padding-left: 20px; margin: 4px 0; }
li { margin: 2px 0; }
.none { color: #4c6272; }
@page { size: A4; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 10pt; max-width: none; }
  h2 { break-after: avoid; }
  li { break-inside: avoid; }
}`;

export function renderReportHtml(doc: ReportDocument): string {
  const parts = [`<main><h1>${esc(doc.title)}</h1>`, ...doc.intro.map((p) => `<p>${esc(p)}</p>`)];
  for (const section of doc.sections) {
    const body =
      section.lines.length === 0
        ? `<p class="none">${esc(section.none)}</p>`
        : `<ul>${section.lines
            .map(
              (l) =>
                `<li>${esc(l.text)}${l.sub && l.sub.length > 0 ? `<ul>${l.sub.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>` : ''}</li>`,
            )
            .join('')}</ul>`;
    parts.push(`<section><h2>${esc(section.heading)}</h2>${body}</section>`);
  }
  parts.push('</main>');
  return htmlPage(doc.title, STYLE, parts);
}

/** What the programme's weekly report is made from (readProgramme with `report`). */
export interface ProgrammeReportInput {
  readonly folder: string;
  readonly today: CalendarDate;
  readonly practices: readonly PracticeView[];
  readonly health: ReadonlyMap<string, PracticeHealth>;
  readonly weeks: ReadonlyMap<string, PracticeWeek>;
  readonly problems: readonly { readonly message: string }[];
  readonly broken: readonly { readonly file: string; readonly message: string }[];
}

/** The days "this week" covers: today and the six after it. */
export const WEEK_DAYS = 7;

/**
 * The programme's weekly report: red and amber practices first (red before amber), each with why,
 * its progress and its week; the open high risks across the programme; the week's go-lives and
 * FDPs; the notices to give; the programme's own problems (clashes, limits); green ones counted.
 */
export function programmeReport(input: ProgrammeReportInput): ReportDocument {
  const { today, practices, health, weeks } = input;
  const end = addDays(today, WEEK_DAYS - 1);
  const name = (p: PracticeView) => `${p.ods} ${p.name}`;
  const count = (s: PracticeHealth['status']) =>
    practices.filter((p) => health.get(p.id)?.status === s).length;
  const flagged = practices
    .filter((p) => health.get(p.id) && health.get(p.id)!.status !== 'green')
    .sort((a, b) => byHealth(health.get(a.id)!.status, health.get(b.id)!.status));
  const practiceLine = (p: PracticeView) => {
    const h = health.get(p.id)!;
    const week = weeks.get(p.id);
    const next = h.next ? `; next: ${h.next.title}, ${formatLong(h.next.date)}` : '';
    const { reasons, more } = shownReasons(h);
    return {
      text: `${STATUS_WORD[h.status].toUpperCase()} ${name(p)}: go-live ${formatLong(p.goLive)}; ${donePercent(h)}% of actions done${next}`,
      sub: [
        ...reasons.map((r) => firstSentence(r.message)),
        ...(more > 0 ? [`and ${more} more warning(s): kickoff check --plan ${p.id}`] : []),
        ...(week
          ? [
              `${week.overdue} overdue, ${week.due} due in the next two weeks, ${week.notices.length} notice(s) to give, ${week.highRisks.length} open high risk(s)${week.reviewsDue > 0 ? `, ${week.reviewsDue} RAID review(s) due` : ''}.`,
            ]
          : []),
      ],
    };
  };
  const risks = practices.flatMap((p) => (weeks.get(p.id)?.highRisks ?? []).map((e) => ({ p, e })));
  const events = practices
    .flatMap((p) => [
      ...(p.fdp && p.fdp >= today && p.fdp <= end
        ? [{ date: p.fdp, text: `Final data production: ${name(p)}` }]
        : []),
      ...(p.goLive >= today && p.goLive <= end ? [{ date: p.goLive, text: `Go-live: ${name(p)}` }] : []),
    ])
    .sort((a, b) => byText(a.date, b.date) || byText(a.text, b.text));
  const notices = practices
    .flatMap((p) => (weeks.get(p.id)?.notices ?? []).map((n) => ({ p, n })))
    .sort((a, b) => byText(a.n.date, b.n.date) || byText(a.p.ods, b.p.ods));
  return {
    title: `Programme report: ${practices.length} practices`,
    intro: [
      `From ${input.folder}, on ${formatLong(today)}.`,
      `${count('red')} red (an error in the practice's own plan), ${count('amber')} amber (warnings, or in a clash or over a limit), ${count('green')} green. ${input.problems.length} programme problem(s).`,
    ],
    sections: [
      {
        heading: 'Red and amber practices',
        lines: flagged.map(practiceLine),
        none: 'Every practice is green.',
      },
      {
        heading: 'Open high risks',
        lines: risks.map(({ p, e }) => ({ text: `${p.ods}: ${raidLine(e)}` })),
        none: 'No open high risk in any RAID log.',
      },
      {
        heading: `Go-lives and final data productions this week (${formatLong(today)} to ${formatLong(end)})`,
        lines: events.map((e) => ({ text: `${formatLong(e.date)}: ${e.text}` })),
        none: 'None this week.',
      },
      {
        heading: 'Notices to give (late, or due in the next two weeks)',
        lines: notices.map(({ p, n }) => ({
          text: `${n.date < today ? 'LATE ' : ''}by ${formatLong(n.date)}: ${p.ods} ${n.title}`,
        })),
        none: 'No notice is due in the next two weeks.',
      },
      {
        heading: 'Programme problems (people double-booked, limits broken)',
        lines: input.problems.map((p) => ({ text: p.message })),
        none: 'No clashes and no limits broken.',
      },
      ...(input.broken.length > 0
        ? [
            {
              heading: 'Plans kickoff could not read',
              lines: input.broken.map((b) => ({ text: `${b.file}: ${b.message}` })),
              none: '',
            },
          ]
        : []),
    ],
  };
}
