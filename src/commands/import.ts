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
  readonly take?: string;
  readonly template?: string;
  readonly today?: string;
  readonly wait?: string;
  readonly quiet?: boolean;
  /** What changed (or would), as data on standard output. */
  readonly json?: boolean;
}

/** How many rows a refusal lists: enough to see the pattern, not a screenful of the same. */
const SHOWN = 20;

/** A value as people read it in a message: quoted text, or "empty". */
function shown(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat === '' ? 'empty' : `"${flat.length > 60 ? `${flat.slice(0, 59)}…` : flat}"`;
}

export async function importSheet(options: ImportOptions, terminal: Terminal): Promise<ExitCode> {
  // Rows that cannot be applied are always said; the report only without --quiet or --json.
  const out = muted(terminal, Boolean(options.quiet || options.json));
  const result = await importActionList(options.file, options.plan, {
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.take !== undefined ? { take: options.take } : {}),
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
  });
  const { changes, problems, report, conflicts } = result;
  for (const warning of result.warnings) terminal.say(`${terminal.colour.yellow('Warning:')} ${warning}`);
  if (problems.length > 0) {
    for (const problem of problems.slice(0, SHOWN)) terminal.say(`  ${problem}`);
    if (problems.length > SHOWN) terminal.say(`  … and ${problems.length - SHOWN} more.`);
    throw new InputError(
      `${problems.length} row(s) of ${options.file} cannot be applied (listed above); nothing was changed.`,
      'Fix those rows in the sheet (or export it again with kickoff export) and import it again.',
    );
  }
  if (conflicts.length > 0) {
    for (const c of conflicts)
      terminal.say(
        `  Row ${c.row}, ${c.title} (${c.id}), ${c.field}: the sheet says ${shown(c.sheet)}, the plan now says ${shown(c.plan)} (both changed since the sheet was made, when it was ${shown(c.base)}).`,
      );
    throw new InputError(
      `${conflicts.length} value(s) in ${options.file} were changed both in the sheet and in the plan since the sheet was exported (listed above); nothing was changed.`,
      'Choose for all of them: kickoff import FILE --take sheet (the sheet wins) or --take plan (the plan wins, the rest of the sheet is taken), or correct the sheet and import it again.',
    );
  }
  const json = () => {
    if (options.json)
      terminal.data(
        JSON.stringify(
          {
            plan: options.plan,
            changes,
            planChanged: result.planChanged,
            dryRun: result.dryRun,
            warnings: result.warnings,
          },
          null,
          2,
        ),
      );
  };
  if (report.length === 0) {
    out.say(`No changes: ${options.plan} already has every status and note in ${options.file}.`);
    json();
    return ExitCode.ok;
  }
  out.say(`${options.dryRun ? 'Would change' : 'Changed'} ${report.length} item(s) in ${options.plan}:`);
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
