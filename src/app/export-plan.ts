/**
 * exportPlan: what `kickoff export` does. The kick-off pack (Markdown or a printable web page) or
 * the action list (CSV or an Excel workbook) from the plan as it is. Reads the plan; writes only
 * the file asked for (atomically; a link there is followed, a device written into: writeNamedFile),
 * or gives the text for standard output.
 */
import { toParts, WorkingCalendar } from '../domain/calendar.js';
import { UsageError } from '../errors.js';
import { writeNamedFile } from '../adapters/files.js';
import { readItemNotes } from '../adapters/plan-file/notes.js';
import { neutralise, renderCsv, rowCells } from '../render/csv.js';
import { describeFormats, exportFormat, type ExportFormat, type ExportFormatId } from '../render/formats.js';
import { renderHtml } from '../render/html.js';
import { renderMarkdown } from '../render/markdown.js';
import { ACTION_COLUMNS, actionRows, type PackInput } from '../render/pack.js';
import { openPlanFile } from './read-plan.js';
import type { UseCaseOptions } from './workspace.js';

export interface ExportOptions extends UseCaseOptions {
  /** md, html, csv or xlsx (render/formats.ts). */
  readonly format?: string;
  /** The file to write; without it the text is returned (not for xlsx). */
  readonly out?: string;
}

export interface ExportedPlan {
  readonly format: ExportFormat;
  /** The text, when no file was asked for. */
  readonly text?: string;
  /** The file written. */
  readonly written?: string;
}

/** Each format's writer: text for people, or bytes. */
const WRITERS: Record<ExportFormatId, (input: PackInput) => Promise<string | Buffer>> = {
  md: (input) => Promise.resolve(renderMarkdown(input)),
  html: (input) => Promise.resolve(renderHtml(input)),
  csv: (input) => Promise.resolve(renderCsv(input)),
  xlsx: writeXlsx,
};

export async function exportPlan(planFile: string, options: ExportOptions): Promise<ExportedPlan> {
  const format = exportFormat(options.format);
  if (!format)
    throw new UsageError(
      `--format ${options.format ?? '(missing)'}: choose ${describeFormats()}.`,
      'The kick-off pack is for the meeting; the action list is to share and import back.',
    );
  if (format.binary && !options.out)
    throw new UsageError(`${format.what} needs a file to go in: add --out actions.${format.id}.`);
  const opened = await openPlanFile(planFile, options);
  const { plan } = opened;
  const calendar = new WorkingCalendar(opened.holidays, plan.answers.nation);
  const years = new Set(plan.items.flatMap((i) => [toParts(i.start)[0], toParts(i.end)[0]]));
  const input: PackInput = {
    plan,
    notes: readItemNotes(opened.stored.text),
    today: opened.today,
    bankHolidays: [...years].sort().flatMap((y) => calendar.holidaysIn(y)),
  };
  const content = await WRITERS[format.id](input);
  if (!options.out) return { format, text: content.toString() };
  await writeNamedFile(options.out, content);
  return { format, written: options.out };
}

async function writeXlsx(input: PackInput): Promise<Buffer> {
  const { writeWorkbook } = await import('../adapters/spreadsheet/workbook.js');
  const { practice } = input.plan.answers;
  return writeWorkbook({
    title: `Action list: ${practice.name} (${practice.ods})`,
    header: ACTION_COLUMNS,
    // Neutralised as in the CSV: a note typed as =HYPERLINK(…) stays text when edited in Excel.
    // A workbook is XML, which turns CR into LF: done first, so the apostrophe goes on what is kept.
    rows: actionRows(input).map((row) => rowCells(row).map((c) => neutralise(c.replace(/\r\n?/g, '\n')))),
    dateColumns: [4, 5],
    statusColumn: 9,
    widths: [30, 28, 60, 11, 15, 15, 40, 30, 24, 12, 50],
    today: input.today,
  });
}
