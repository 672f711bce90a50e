/**
 * kickoff export: the kick-off pack (Markdown or a printable web page) and the action list (CSV or
 * an Excel workbook) from the plan as it is. Reads the plan; writes only the file asked for.
 */
import { writeFile } from 'node:fs/promises';
import { toParts, WorkingCalendar } from '../domain/calendar.js';
import { ExitCode, IoError, UsageError } from '../errors.js';
import { readClock } from '../adapters/clock.js';
import { writeAtomic } from '../adapters/files.js';
import { readItemNotes } from '../adapters/plan-file/notes.js';
import type { Terminal } from '../adapters/terminal/terminal.js';
import { renderCsv, rowCells } from '../render/csv.js';
import { renderHtml } from '../render/html.js';
import { renderMarkdown } from '../render/markdown.js';
import { formatLong } from '../domain/calendar.js';
import { ACTION_COLUMNS, actionRows, AUDIENCES, type Audience, type PackInput } from '../render/pack.js';
import { openPlanFile } from '../app/read-plan.js';

export const EXPORT_FORMATS = ['md', 'csv', 'html', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  readonly plan: string;
  readonly format?: string;
  readonly out?: string;
  readonly template?: string;
  readonly today?: string;
  /** Who the copy is for: everyone (default) or the practice (no third-party reminder rows). */
  readonly for?: string;
  /** No "Wrote …" message (the file, or the text on standard output, is the result). */
  readonly quiet?: boolean;
}

export async function exportPlan(options: ExportOptions, terminal: Terminal): Promise<ExitCode> {
  const format = options.format as ExportFormat | undefined;
  if (!format || !EXPORT_FORMATS.includes(format))
    throw new UsageError(
      `--format ${options.format ?? '(missing)'}: choose md, csv, html or xlsx.`,
      'md and html: the kick-off meeting pack; csv and xlsx: the action list to share and import back.',
    );
  const audience = (options.for ?? 'everyone') as Audience;
  if (!AUDIENCES.includes(audience))
    throw new UsageError(
      `--for ${options.for}: choose practice or everyone.`,
      "practice: the practice's copy, without the reminders the project manager sends third parties; everyone: every item (the default).",
    );
  if (format === 'xlsx' && !options.out)
    throw new UsageError('An Excel workbook needs a file to go in: add --out actions.xlsx.');
  const clock = readClock(options.today);
  const opened = await openPlanFile(options.plan, options.template);
  const { plan } = opened;
  const calendar = new WorkingCalendar(opened.holidays, plan.answers.nation);
  const years = new Set(plan.items.flatMap((i) => [toParts(i.start)[0], toParts(i.end)[0]]));
  const input: PackInput = {
    plan,
    notes: readItemNotes(opened.stored.text),
    today: clock.today,
    bankHolidays: [...years].sort().flatMap((y) => calendar.holidaysIn(y)),
    audience,
  };
  if (format === 'xlsx') {
    const { writeWorkbook } = await import('../adapters/spreadsheet/workbook.js');
    const practice = `${plan.answers.practice.name} (${plan.answers.practice.ods})`;
    const bytes = await writeWorkbook({
      title: `Action list: ${practice}`,
      pageHeader: `Action list: ${practice}${audience === 'practice' ? ", the practice's copy" : ''}`,
      pageFooter: `From the plan by kickoff on ${formatLong(clock.today)}`,
      header: ACTION_COLUMNS,
      // Text as it is: the workbook keeps formulas out with the Text number format, not an apostrophe
      // as the CSV must. A workbook is XML, which turns CR into LF: done here, so import compares alike.
      rows: actionRows(input).map((row) => rowCells(row).map((c) => c.replace(/\r\n?/g, '\n'))),
      dateColumns: [4, 5],
      statusColumn: 10,
      widths: [26, 14, 34, 9, 15, 15, 11, 22, 18, 14, 10, 26],
      today: clock.today,
    });
    await writeBytes(options.out!, bytes);
  } else {
    const text =
      format === 'md' ? renderMarkdown(input) : format === 'csv' ? renderCsv(input) : renderHtml(input);
    if (!options.out) {
      terminal.data(text);
      return ExitCode.ok;
    }
    await writeAtomic(options.out, text);
  }
  if (options.quiet) return ExitCode.ok;
  terminal.say(`Wrote ${DESCRIPTION[format]} to ${options.out}.`);
  if (format === 'csv' || format === 'xlsx')
    terminal.say(
      `Share it; when it comes back with statuses and notes filled in: kickoff import ${options.out}`,
    );
  return ExitCode.ok;
}

const DESCRIPTION: Record<ExportFormat, string> = {
  md: 'the kick-off pack (Markdown)',
  html: 'the kick-off pack (web page; print it from the browser)',
  csv: 'the action list (CSV)',
  xlsx: 'the action list (Excel workbook)',
};

async function writeBytes(path: string, bytes: Buffer): Promise<void> {
  try {
    await writeFile(path, bytes);
  } catch (error) {
    throw new IoError(
      `Cannot write ${path}: ${(error as Error).message}.`,
      'Check the folder exists and you may write to it.',
    );
  }
}
