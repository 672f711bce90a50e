/**
 * kickoff merge COPY: bring the changes in a copy of the plan (the one OneDrive makes when two
 * laptops changed it at once) into the plan. The work is mergeCopy's; this says what it took, or
 * which values were changed on both sides (and then nothing is written).
 */
import { ExitCode, InputError } from '../errors.js';
import { mergeCopy } from '../app/merge-copy.js';
import { muted, sayDiagnostics, type Terminal } from '../adapters/terminal/terminal.js';

export interface MergeCommandOptions {
  readonly copy: string;
  readonly plan: string;
  readonly take?: string;
  readonly dryRun?: boolean;
  readonly template?: string;
  readonly today?: string;
  readonly wait?: string;
  readonly quiet?: boolean;
  readonly json?: boolean;
}

export async function merge(options: MergeCommandOptions, terminal: Terminal): Promise<ExitCode> {
  const out = muted(terminal, Boolean(options.quiet || options.json));
  const result = await mergeCopy(options.copy, options.plan, {
    ...(options.take !== undefined ? { take: options.take } : {}),
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
  });
  if (options.json) terminal.data(JSON.stringify(result, null, 2));
  if (result.conflicts.length > 0) {
    for (const c of result.conflicts)
      terminal.say(
        `  ${c.title} (${c.id}), ${c.field}: the copy says ${c.copy}, the plan says ${c.plan} (both changed since ${c.base}).`,
      );
    throw new InputError(
      `${result.conflicts.length} value(s) were changed both in ${options.copy} and in ${result.planFile} (listed above); nothing was changed.`,
      'Choose for all of them: kickoff merge COPY --take copy (the copy wins) or --take plan (the plan wins, the rest of the copy is taken), or change one of the files by hand and merge again.',
    );
  }
  if (result.taken.length === 0)
    out.say(`Nothing to take: ${result.planFile} already has everything in ${options.copy}.`);
  else {
    out.say(
      `${options.dryRun ? 'Would take' : 'Took'} ${result.taken.length} change(s) from ${options.copy}:`,
    );
    for (const line of result.taken) out.say(`  ${line}`);
  }
  if (result.keptAs) out.say(`The copy is kept as ${result.keptAs}; delete it when you no longer need it.`);
  sayDiagnostics(terminal, [], { quiet: Boolean(options.quiet) });
  return ExitCode.ok;
}
