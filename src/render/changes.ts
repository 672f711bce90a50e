/**
 * What changed in a plan since a day (`kickoff changes`, and the kick-off pack's "since the last
 * meeting"), for people: as lines for a terminal, or as Markdown. Pure: the changes in, text out.
 */
import { formatLong } from '../domain/calendar.js';
import type { PlanChanges } from '../domain/changes.js';
import { datesOf, type ItemDates } from '../domain/diff.js';
import type { CalendarDate, PlanItem } from '../domain/types.js';

export interface ChangesReport {
  readonly practice: { readonly name: string; readonly ods: string };
  readonly since: CalendarDate;
  readonly today: CalendarDate;
  readonly changes: PlanChanges;
}

/** Each change in words, grouped; empty when nothing changed. */
export function changeSections(
  changes: PlanChanges,
): { readonly heading: string; readonly lines: string[] }[] {
  const when = (d: ItemDates) =>
    d.until !== undefined
      ? `${formatLong(d.start)}, weekly until ${formatLong(d.until)}`
      : d.start === d.end
        ? formatLong(d.start)
        : `${formatLong(d.start)} to ${formatLong(d.end)}`;
  const title = (item: PlanItem) => `${item.title} (${item.id})`;
  const sections = [
    {
      heading: 'Go-live',
      lines: changes.goLive
        ? [`moved from ${formatLong(changes.goLive.before)} to ${formatLong(changes.goLive.after)}`]
        : [],
    },
    {
      heading: 'Dates moved',
      lines: changes.moved.map((m) => `${title(m.item)}: ${when(m.before)} → ${when(m.after)}`),
    },
    {
      heading: 'Statuses changed',
      lines: changes.statuses.map((s) => `${title(s.item)}: ${s.before ?? 'none'} → ${s.after ?? 'none'}`),
    },
    {
      heading: 'Notes changed',
      lines: changes.notes.map((n) =>
        n.before.trim() === ''
          ? `${title(n.item)}: added "${oneLine(n.after)}"`
          : n.after.trim() === ''
            ? `${title(n.item)}: removed`
            : `${title(n.item)}: now "${oneLine(n.after)}"`,
      ),
    },
    { heading: 'Added', lines: changes.added.map((i) => `${title(i)}, ${when(datesOf(i))}`) },
    { heading: 'Removed', lines: changes.removed.map((i) => `${title(i)}, was ${when(datesOf(i))}`) },
    {
      heading: 'Pinned (kickoff will not move them)',
      lines: changes.pinned.map((i) => `${title(i)}, ${when(datesOf(i))}`),
    },
    { heading: 'Released (kickoff schedules them again)', lines: changes.released.map(title) },
    {
      heading: 'Notices now due',
      lines: changes.noticesDue.map((i) => `${title(i)}: by ${formatLong(i.start)}`),
    },
  ];
  return sections.filter((s) => s.lines.length > 0);
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}

export function renderChangesText(report: ChangesReport): string {
  const { practice, since, today } = report;
  const head = `${practice.name} (${practice.ods}): what changed from ${formatLong(since)} to ${formatLong(today)}`;
  const sections = changeSections(report.changes);
  if (sections.length === 0) return `${head}\n\nNothing changed.\n`;
  const body = sections.map((s) => [`${s.heading}:`, ...s.lines.map((l) => `  ${l}`)].join('\n'));
  return `${head}\n\n${body.join('\n\n')}\n`;
}

export function renderChangesMarkdown(report: ChangesReport): string {
  const { practice, since, today } = report;
  const head = `## ${practice.name} (${practice.ods}): changes from ${formatLong(since)} to ${formatLong(today)}`;
  const sections = changeSections(report.changes);
  if (sections.length === 0) return `${head}\n\nNothing changed.\n`;
  const body = sections.map((s) =>
    [`### ${s.heading}`, '', ...s.lines.map((l) => `- ${markdownText(l)}`)].join('\n'),
  );
  return `${head}\n\n${body.join('\n\n')}\n`;
}

/** Markdown's own characters shown as themselves. */
function markdownText(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}
