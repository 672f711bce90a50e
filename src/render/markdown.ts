/** The kick-off meeting pack as Markdown: agenda, dates, team, third parties, risks, the action list. */
import { changeSections } from './changes.js';
import { formatLong } from '../domain/calendar.js';
import { weekByWeek } from '../domain/summary.js';
import type { Plan, PlanItem } from '../domain/types.js';
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

/** `|` and line breaks would end a table cell early: a line break inside a cell is written `<br>`. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

/** The agenda topics (risk ownership, hazard log, rollback) whose items show their description. */
const RISK_TOPICS = new Set([5, 6, 7]);

function itemLine(plan: Plan, item: PlanItem): string {
  return `- ${when(item)}: ${placed(plan, item)} — ${ownersOf(plan, item).join(', ')}`;
}

export function renderMarkdown(input: PackInput): string {
  const { plan, today } = input;
  const a = plan.answers;
  const out: string[] = [];
  const topics = agenda(plan);
  out.push(
    `# Kick-off pack: ${a.practice.name} (${a.practice.ods})`,
    '',
    `Moving from ${a.systems.current} to ${a.systems.new}. **Go-live: ${formatLong(a.goLive)}.**`,
    `Prepared by kickoff on ${formatLong(today)} from the plan; the plan file (kickoff.yaml) is the source of truth.`,
    '',
    ...sinceLastMeeting(input),
    '## Agenda',
    '',
    ...topics.map((t, n) => `${n + 1}. ${t.title}`),
    '',
    '## 1. Milestones',
    '',
    ...table(
      ['Date', 'Milestone', 'Owners'],
      topics[0]!.items.map((i) => [when(i), placed(plan, i), ownersOf(plan, i).join(', ')]),
    ),
    '',
    '### Week by week',
    '',
  );
  for (const week of weekByWeek(plan)) {
    out.push(`**Week of ${formatLong(week.monday)}**`, '');
    for (const item of byDate(week.items)) out.push(`- ${when(item)}: ${placed(plan, item)}`);
    out.push('');
  }
  out.push('## 2. Key dates', '', ...topics[1]!.items.map((i) => itemLine(plan, i)), '');
  out.push(
    '## 3. Who is involved',
    '',
    ...table(
      ['Role', 'Name', 'Email'],
      a.team.map((p) => [roleTitle(plan, p.role), p.name, p.email]),
    ),
    '',
  );
  const unfilled = plan.roles.filter(
    (r) => plan.items.some((i) => i.roles.includes(r.id)) && !a.team.some((p) => p.role === r.id),
  );
  if (unfilled.length > 0)
    out.push(`Roles with actions but nobody named yet: ${unfilled.map((r) => r.title).join(', ')}.`, '');
  if (a.absences.length > 0) {
    out.push('Away during the project:', '');
    for (const absence of a.absences)
      out.push(`- ${absence.who}: ${formatLong(absence.from)} – ${formatLong(absence.to)}`);
    out.push('');
  }
  out.push('## 4. Communications', '', ...topics[3]!.items.map((i) => itemLine(plan, i)), '');
  out.push('### Third parties: notice deadlines and reminders', '');
  for (const party of plan.thirdParties) {
    const items = byDate(plan.items.filter((i) => i.thirdParty === party.id));
    const notice = items.find((i) => i.type === 'notice');
    out.push(
      `**${party.name}**${notice ? ` — tell them by ${formatLong(notice.start)}` : ''}${party.noticeAssumed ? ' (notice period assumed: confirm it with them)' : ''}`,
      '',
      ...items.map((i) => `- ${when(i)}: ${i.title}`),
      '',
    );
  }
  out.push(...raidMarkdown(input));
  const sections: [string, number, string][] = [
    ['## 5. Data-migration scope', 4, 'What is extracted, checked and signed off, and by whom.'],
    ['## 6. Risk ownership', 5, 'Who owns each risk decision, and when it is taken.'],
    ['## 7. Hazard log', 6, 'Clinical safety: the hazard log is started, reviewed and signed off.'],
    ['## 8. Rollback', 7, 'What has to be true to go ahead, and what is kept to go back.'],
    [
      '## 9. Downtime and its impact on core hours',
      8,
      'While the old system is off and the new one not yet live, the practice works on paper.',
    ],
  ];
  for (const [heading, n, lead] of sections) {
    const items = topics[n]!.items;
    out.push(heading, '', lead, '');
    // Risk, hazard log and rollback items say what was agreed (the escalation route) under the line.
    const line = (i: PlanItem) =>
      RISK_TOPICS.has(n) && i.description
        ? `${itemLine(plan, i)}
  ${i.description}`
        : itemLine(plan, i);
    out.push(...(items.length > 0 ? items.map(line) : ['- Nothing dated in the plan yet.']));
    out.push('');
  }
  out.push('## Action list', '', 'Status is one of todo, doing, done, not-needed.', '');
  for (const phase of actionsByPhase(input)) {
    out.push(`### ${phase.title}`, '', ...table(ACTION_TABLE_HEADERS, phase.cells), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** "Since the last meeting": what changed in the plan since then, from its history. */
function sinceLastMeeting(input: PackInput): string[] {
  if (!input.since) return [];
  const sections = changeSections(input.since.changes);
  return [
    `## Since the last meeting (${formatLong(input.since.since)})`,
    '',
    ...(sections.length === 0
      ? ['Nothing in the plan has changed.', '']
      : sections.flatMap((s) => [`**${s.heading}**`, '', ...s.lines.map((l) => `- ${l}`), ''])),
  ];
}

/** The RAID log, when the plan has one: every entry, open ones first, high first. */
function raidMarkdown(input: PackInput): string[] {
  const raid = input.raid ?? [];
  if (raid.length === 0) return [];
  return [
    '## RAID log: risks, assumptions, issues and dependencies',
    '',
    ...table(
      ['Id', 'Kind', 'Rating', 'What', 'Owner', 'Review', 'Status'],
      raid.map((e) => [e.id, e.kind, e.rating, e.title, e.owner, formatLong(e.review), e.status]),
    ),
    '',
  ];
}
