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
import { neutralise, renderCsv, rowCells } from '../render/csv.js';
import { renderHtml } from '../render/html.js';
import { renderMarkdown } from '../render/markdown.js';
import { ACTION_COLUMNS, actionRows, type PackInput } from '../render/pack.js';
import { openPlanFile } from '../app/read-plan.js';

export const EXPORT_FORMATS = ['md', 'csv', 'html', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  readonly plan: string;
  readonly format?: string;
  readonly out?: string;
  readonly template?: string;
  readonly today?: string;
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
  };
  if (format === 'xlsx') {
    const { writeWorkbook } = await import('../adapters/spreadsheet/workbook.js');
    const bytes = await writeWorkbook({
      title: `Action list: ${plan.answers.practice.name} (${plan.answers.practice.ods})`,
      header: ACTION_COLUMNS,
      // Neutralised as in the CSV: a note typed as =HYPERLINK(…) stays text when edited in Excel.
      // A workbook is XML, which turns CR into LF: done first, so the apostrophe goes on what is kept.
      rows: actionRows(input).map((row) => rowCells(row).map((c) => neutralise(c.replace(/\r\n?/g, '\n')))),
      dateColumns: [4, 5],
      statusColumn: 9,
      widths: [30, 28, 60, 11, 15, 15, 40, 30, 24, 12, 50],
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
