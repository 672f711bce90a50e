/**
 * weeklyReport: what `kickoff report` says about one practice — what changed since the last report
 * (or --since), from the plan's history (changesSince, as `kickoff changes`); what is overdue and
 * due in the next two weeks; the notices to give; the plan's own problems (its check, as `kickoff
 * check`); and its RAID log. Reads the plan; writes only the day of this report, beside it.
 */
import { addDays, WorkingCalendar } from '../domain/calendar.js';
import { checkPlan } from '../domain/check/check.js';
import { practiceHealth, type PracticeHealth } from '../domain/portfolio/health.js';
import { reportLists, type ReportLists } from '../domain/report.js';
import type { CalendarDate, Plan } from '../domain/types.js';
import type { RaidEntry } from '../domain/raid.js';
import { splitFormat } from '../adapters/files.js';
import { lastReportDay, recordReportDay } from '../adapters/plan-file/report-record.js';
import { changesSince, type ChangesSince } from './plan-history.js';
import { fileNotices, openPlan, reopen, staleness, withinCalendarYears } from './open-plan.js';
import { resolve, resolvePlanFile, type UseCaseOptions } from './workspace.js';

export interface ReportOptions extends UseCaseOptions {
  /** From this day (2027-03-15, 15/03/2027 or last-week); default the last report's day, else a week ago. */
  readonly since?: string;
  /** Keep this report's day for the next one (default true). */
  readonly record?: boolean;
}

export type SinceFrom = 'since' | 'last-report' | 'a-week-ago';

export interface WeeklyReport {
  readonly planFile: string;
  readonly plan: Plan;
  readonly today: CalendarDate;
  readonly since: CalendarDate;
  /** Where `since` came from: --since, the last report, or a week ago (no report before). */
  readonly sinceFrom: SinceFrom;
  readonly health: PracticeHealth;
  readonly lists: ReportLists;
  readonly changes: ChangesSince;
  /** RAID entries added, and those closed, since then (the plan's history against now). */
  readonly raidChanges: { readonly added: readonly RaidEntry[]; readonly closed: readonly RaidEntry[] };
}

export async function weeklyReport(planFile: string, options: ReportOptions = {}): Promise<WeeklyReport> {
  const context = await resolve(options);
  const { workspace, files, clock } = context;
  const today = clock.today;
  const file = await resolvePlanFile(planFile, files);
  const opened = await openPlan(file, workspace, files);
  const { plan } = opened;
  const calendar = new WorkingCalendar(workspace.holidays, plan.answers.nation);
  const diagnostics = withinCalendarYears(() => [
    ...checkPlan(plan, workspace.template, calendar, today),
    ...staleness(opened, today),
  ]);
  diagnostics.push(...(await fileNotices(opened, files)));
  const last = options.since === undefined ? await lastReportDay(file) : undefined;
  const sinceFrom: SinceFrom =
    options.since !== undefined
      ? 'since'
      : last !== undefined && last <= today
        ? 'last-report'
        : 'a-week-ago';
  const since = sinceFrom === 'last-report' ? last! : addDays(today, -7);
  const changes = await changesSince(file, {
    ...options,
    workspace,
    files,
    since: options.since ?? since,
  });
  const first = changes.entries[0];
  const then = first ? reopen(opened, file, splitFormat(first.text).text).stored.raid : opened.stored.raid;
  const was = new Map(then.map((e) => [e.id, e]));
  const raid = opened.stored.raid;
  const report: WeeklyReport = {
    planFile: file,
    plan,
    today,
    since: changes.since,
    sinceFrom,
    health: practiceHealth(plan, diagnostics, today),
    lists: reportLists(plan, diagnostics, opened.stored.raid, today),
    changes,
    raidChanges: {
      added: raid.filter((e) => !was.has(e.id)),
      closed: raid.filter((e) => e.status === 'closed' && was.get(e.id)?.status === 'open'),
    },
  };
  if (options.record !== false) await recordReportDay(file, today);
  return report;
}
