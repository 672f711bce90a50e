/**
 * kickoff batch FILE --out DIR: plan every practice in a CSV, .xlsx or YAML/JSON list, in one
 * process, through planBatch. On a terminal: progress and a table. Otherwise (or with --json): one
 * JSON summary on stdout and messages on stderr, for pipelines.
 */
import { sep } from 'node:path';
import { ExitCode, UsageError } from '../errors.js';
import { planBatch, readBatch, type BatchPractice, type BatchSummary } from '../app/batch/run.js';
import { loadWorkspace } from '../app/workspace.js';
import { readBatchDefaults, withDefaults } from '../app/batch/defaults.js';
import type { Terminal } from '../adapters/terminal/terminal.js';

export interface BatchOptions {
  readonly file: string;
  readonly out: string;
  readonly template?: string;
  /** An answers file whose keys fill in what a row leaves blank. */
  readonly defaults?: string;
  readonly today?: string;
  readonly wait?: string;
  readonly json?: boolean;
  readonly force?: boolean;
  readonly quiet?: boolean;
  /** As typed: a whole number, 1 or more. */
  readonly jobs?: string;
}

export async function batch(options: BatchOptions, terminal: Terminal): Promise<ExitCode> {
  const jobs = parseJobs(options.jobs);
  const defaults = options.defaults !== undefined ? await readBatchDefaults(options.defaults) : undefined;
  // --template wins over the defaults' template; a row's own template column wins over both.
  const workspace = await loadWorkspace(options.template ?? defaults?.template);
  defaults?.check(workspace.template);
  const input = withDefaults(await readBatch(options.file, workspace.template), defaults);
  const json = Boolean(options.json) || !terminal.outputIsTerminal;
  const showProgress = !json && !options.quiet;
  if (input.note && !options.quiet) terminal.say(input.note);
  if (input.ignoredColumns.length > 0 && !options.quiet)
    terminal.say(`Ignored column(s) kickoff does not know: ${input.ignoredColumns.join(', ')}.`);
  const summary = await planBatch(input, {
    out: options.out,
    workspace,
    force: Boolean(options.force),
    ...(jobs !== undefined ? { jobs } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
    ...(showProgress
      ? { onPractice: (done, total) => terminal.progress(`Planning ${done + 1} of ${total}…`) }
      : {}),
  });
  if (showProgress) terminal.progress(undefined);
  for (const row of summary.rows.filter((r) => r.status === 'failed'))
    terminal.say(`${terminal.colour.red(`Row ${row.row}:`)} ${row.reason}`);
  if (json) terminal.data(JSON.stringify(summary, null, 2));
  else {
    if (!options.quiet) terminal.data(table(summary.rows));
    terminal.say(sentence(summary, options.out));
  }
  // A folder that cannot be written is the machine's problem, not the rows': exit 3, as elsewhere.
  const unwritable = summary.rows.find((r) => r.fileSystem);
  if (unwritable) {
    terminal.say(
      terminal.colour.red(`Practices could not be written in ${options.out}${sep} (${unwritable.reason})`),
    );
    terminal.say(
      '  Check the folder exists, you may write to it, and the disk has room; then run the batch again.',
    );
    return ExitCode.environment;
  }
  return summary.failed > 0 || summary.needAction > 0 ? ExitCode.problems : ExitCode.ok;
}

function parseJobs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1)
    throw new UsageError(
      `--jobs ${text}: give a whole number of practices to plan at once, 1 or more (e.g. --jobs 2).`,
      'More jobs than the machine has cores gains nothing; leave --jobs out to let kickoff choose.',
    );
  return Number(text);
}

function sentence(s: BatchSummary, out: string): string {
  return `${s.practices} practice(s) in ${out}${sep}: ${s.planned} planned, ${s.replanned} re-planned, ${s.unchanged} unchanged, ${s.failed} failed; ${s.needAction} need action now.`;
}

/** The summary for people: practice, go-live, kick-off, earliest notice deadline, problems. */
export function table(rows: readonly BatchPractice[]): string {
  const head = ['row', 'practice', 'ODS', 'go-live', 'kick-off', 'earliest notice', 'problems'];
  const body = rows.map((r) => [
    String(r.row),
    (r.practice ?? '').slice(0, 32),
    r.ods ?? '',
    r.goLive ?? '',
    r.kickoff ?? '',
    r.earliestNotice?.date ?? '',
    r.status === 'failed'
      ? `FAILED: ${r.reason ?? ''}`
      : r.problems.length === 0
        ? r.status
        : `${r.status}; ${r.problems.filter((p) => p.severity === 'error').length} error(s), ${r.problems.filter((p) => p.severity === 'warning').length} warning(s)`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...body.map(line)].join('\n');
}
