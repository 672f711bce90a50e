/**
 * kickoff schedule: re-plan kickoff.yaml from its answers (perhaps with a new go-live), write the new
 * dates into the same file, regenerate the calendars, and report what moved. The work is
 * replanPractice's; this parses the flags and renders the outcome.
 */
import { ExitCode } from '../errors.js';
import { replanPractice, type ReplannedPractice } from '../app/replan-practice.js';
import { sayDiagnostics, type Terminal } from '../adapters/terminal/terminal.js';
import { changeReport, reportJson } from './schedule-report.js';

export interface ScheduleOptions {
  readonly plan: string;
  readonly goLive?: string;
  readonly releasePins?: boolean;
  readonly release?: readonly string[];
  readonly dryRun?: boolean;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly out?: string;
  readonly template?: string;
  readonly today?: string;
  readonly wait?: string;
}

export async function schedule(options: ScheduleOptions, terminal: Terminal): Promise<ExitCode> {
  const result = await replanPractice(
    options.plan,
    {
      ...(options.goLive !== undefined ? { goLive: options.goLive } : {}),
      ...(options.releasePins
        ? { release: 'breaking' as const }
        : options.release
          ? { release: options.release }
          : {}),
    },
    {
      ...(options.today !== undefined ? { today: options.today } : {}),
      ...(options.template !== undefined ? { template: options.template } : {}),
      ...(options.out !== undefined ? { out: options.out } : {}),
      ...(options.wait !== undefined ? { wait: options.wait } : {}),
      dryRun: Boolean(options.dryRun),
    },
  );
  return reportSchedule(result, options, terminal);
}

/** The schedule's report (a table, or JSON) and its problems; exit 1 when one needs action. */
export function reportSchedule(
  result: ReplannedPractice,
  options: { readonly json?: boolean; readonly quiet?: boolean },
  terminal: Terminal,
): ExitCode {
  if (options.json) terminal.data(JSON.stringify(reportJson(result), null, 2));
  else {
    if (!options.quiet) terminal.data(changeReport(result));
    sayDiagnostics(terminal, result.diagnostics, { quiet: options.quiet });
  }
  return result.diagnostics.some((d) => d.severity === 'error') ? ExitCode.problems : ExitCode.ok;
}
