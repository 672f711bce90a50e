/**
 * kickoff report: the weekly report on one practice — what changed since the last report (or
 * --since), what is overdue and due in the next two weeks, notices to give, problems and the RAID
 * log — as Markdown, a printable web page or JSON. The work is app/weekly-report.ts's.
 */
import { ExitCode, UsageError } from '../errors.js';
import { weeklyReport, type WeeklyReport } from '../app/weekly-report.js';
import { writeOutputFile } from '../app/output-file.js';
import type { Terminal } from '../adapters/terminal/terminal.js';
import { practiceReport, renderReportHtml, renderReportMarkdown } from '../render/report.js';
import { changesJson } from './changes-json.js';
import { donePercent } from '../domain/portfolio/health.js';
import type { PlanItem } from '../domain/types.js';

export interface ReportOptions {
  readonly plan: string;
  readonly since?: string;
  readonly format?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly template?: string;
  readonly today?: string;
  readonly quiet?: boolean;
}

export const REPORT_FORMATS = ['md', 'html', 'json'] as const;

export async function report(options: ReportOptions, terminal: Terminal): Promise<ExitCode> {
  const format = options.json ? 'json' : (options.format ?? 'md');
  if (options.json && options.format !== undefined && options.format !== 'json')
    throw new UsageError('Choose one of --json and --format.');
  const made = await weeklyReport(options.plan, {
    ...(options.since !== undefined ? { since: options.since } : {}),
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
  });
  const text =
    format === 'json'
      ? `${JSON.stringify(reportJson(made), null, 2)}\n`
      : format === 'html'
        ? renderReportHtml(practiceReport(made))
        : renderReportMarkdown(practiceReport(made));
  if (options.out) {
    await writeOutputFile(options.out, text);
    if (!options.quiet) terminal.say(`Wrote the weekly report to ${options.out}.`);
  } else terminal.data(text.trimEnd(), format === 'html' ? { file: true } : undefined);
  return made.health.reasons.some((r) => r.severity === 'error') ? ExitCode.problems : ExitCode.ok;
}

const item = (i: PlanItem) => ({
  id: i.id,
  title: i.title,
  start: i.start,
  end: i.end,
  type: i.type,
  roles: i.roles,
  ...(i.status ? { status: i.status } : {}),
});

/** `kickoff report --format json` (documented in docs/commands.md). */
export function reportJson(r: WeeklyReport) {
  const { health, lists } = r;
  return {
    planFile: r.planFile,
    practice: r.plan.answers.practice,
    goLive: r.plan.answers.goLive,
    today: r.today,
    since: r.since,
    sinceFrom: r.sinceFrom,
    status: health.status,
    actions: { ...health.actions, percentDone: donePercent(health) },
    ...(health.next ? { nextMilestone: health.next } : {}),
    changes: changesJson(r.changes),
    overdue: lists.overdue.map(item),
    dueUntil: lists.until,
    due: lists.due.map(item),
    notices: lists.notices.map(item),
    problems: lists.problems.map((d) => ({
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.itemId ? { itemId: d.itemId } : {}),
    })),
    raid: lists.raid,
    raidAdded: r.raidChanges.added.map((e) => e.id),
    raidClosed: r.raidChanges.closed.map((e) => e.id),
    reviewsDue: lists.reviewsDue.map((e) => e.id),
  };
}
