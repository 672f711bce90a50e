/**
 * kickoff export: the kick-off pack (Markdown or a printable web page) and the action list (CSV or
 * an Excel workbook) from the plan as it is. The work is exportPlan's; this says what was written.
 */
import { ExitCode } from '../errors.js';
import { exportPlan } from '../app/export-plan.js';
import type { Terminal } from '../adapters/terminal/terminal.js';

export interface ExportOptions {
  readonly plan: string;
  readonly format?: string;
  readonly out?: string;
  readonly template?: string;
  readonly today?: string;
  /** Who the copy is for: everyone (default) or the practice (no third-party reminder rows). */
  readonly for?: string;
  /** Only one person's actions (csv, xlsx). */
  readonly person?: string;
  /** No "Wrote …" message (the file, or the text on standard output, is the result). */
  readonly quiet?: boolean;
}

export async function exportCommand(options: ExportOptions, terminal: Terminal): Promise<ExitCode> {
  const result = await exportPlan(options.plan, {
    ...(options.format !== undefined ? { format: options.format } : {}),
    ...(options.out !== undefined ? { out: options.out } : {}),
    ...(options.for !== undefined ? { for: options.for } : {}),
    ...(options.person !== undefined ? { person: options.person } : {}),
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
  });
  if (result.text !== undefined) {
    terminal.data(result.text, { file: true });
    return ExitCode.ok;
  }
  if (options.quiet) return ExitCode.ok;
  terminal.say(`Wrote ${result.format.what} to ${result.written}.`);
  if (result.format.actionList)
    terminal.say(
      `Share it; when it comes back with statuses and notes filled in: kickoff import ${result.written}`,
    );
  return ExitCode.ok;
}
