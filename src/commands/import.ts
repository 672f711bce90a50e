/**
 * kickoff import: statuses and notes from a shared action list back into kickoff.yaml, then the
 * calendars. The work is importActionList's; this says what changed, or which rows cannot be
 * applied (and then nothing is written).
 */
import { sep } from 'node:path';
import { ExitCode, InputError } from '../errors.js';
import { importActionList } from '../app/import-sheet.js';
import { muted, sayDiagnostics, type Terminal } from '../adapters/terminal/terminal.js';

export interface ImportOptions {
  readonly file: string;
  readonly plan: string;
  readonly dryRun?: boolean;
  readonly template?: string;
  readonly today?: string;
  readonly wait?: string;
  readonly quiet?: boolean;
  /** What changed (or would), as data on standard output. */
  readonly json?: boolean;
}

export async function importSheet(options: ImportOptions, terminal: Terminal): Promise<ExitCode> {
  // Rows that cannot be applied are always said; the report only without --quiet or --json.
  const out = muted(terminal, Boolean(options.quiet || options.json));
  const result = await importActionList(options.file, options.plan, {
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
  });
  const { changes, problems, report } = result;
  if (result.note) out.say(result.note);
  if (problems.length > 0) {
    for (const problem of problems) terminal.say(`  ${problem}`);
    throw new InputError(
      `${problems.length} row(s) of ${options.file} cannot be applied (listed above); nothing was changed.`,
      'Fix those rows in the sheet (or export it again with kickoff export) and import it again.',
    );
  }
  const json = () => {
    if (options.json)
      terminal.data(
        JSON.stringify(
          { plan: options.plan, changes, planChanged: result.planChanged, dryRun: result.dryRun },
          null,
          2,
        ),
      );
  };
  if (changes.length === 0) {
    out.say(`No changes: ${options.plan} already has every status and note in ${options.file}.`);
    json();
    return ExitCode.ok;
  }
  out.say(`${options.dryRun ? 'Would change' : 'Changed'} ${changes.length} item(s) in ${options.plan}:`);
  for (const line of report) out.say(`  ${line}`);
  if (options.dryRun) {
    out.say('Dry run: nothing was written.');
    json();
    return ExitCode.ok;
  }
  const calendars = result.calendars;
  if (calendars) {
    sayDiagnostics(terminal, calendars.diagnostics, { quiet: Boolean(options.quiet || options.json) });
    out.say(`Calendars updated in ${calendars.folder}${sep} (${calendars.written.length} file(s)).`);
  }
  json();
  return ExitCode.ok;
}
