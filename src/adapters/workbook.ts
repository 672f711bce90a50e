/**
 * The action list as an Excel workbook, and back: the one place that knows exceljs (and the zip
 * library under it). Loaded lazily, only by `export --format xlsx` and `import` of an .xlsx.
 */
import type { CalendarDate } from '../domain/types.js';
import { STATUSES } from '../domain/types.js';
import { InputError } from '../errors.js';

export interface WorkbookSpec {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns (0-based) whose cells are dates 'YYYY-MM-DD'. */
  readonly dateColumns: readonly number[];
  readonly statusColumn: number;
  readonly widths: readonly number[];
  /** Fixes the workbook's created/modified dates and the zip entries' times, for identical bytes. */
  readonly today: CalendarDate;
}

function utcDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

export async function writeWorkbook(spec: WorkbookSpec): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const { default: JSZip } = await import('jszip');
  const book = new ExcelJS.Workbook();
  const stamp = utcDate(spec.today);
  book.creator = 'kickoff';
  book.lastModifiedBy = 'kickoff';
  book.created = stamp;
  book.modified = stamp;
  book.title = spec.title;
  const sheet = book.addWorksheet('Actions', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.header.map((header, i) => ({ header, width: spec.widths[i] ?? 12 }));
  sheet.getRow(1).font = { bold: true };
  for (const cells of spec.rows) {
    sheet.addRow(cells.map((cell, i) => (spec.dateColumns.includes(i) && cell ? utcDate(cell) : cell)));
  }
  for (const column of spec.dateColumns) sheet.getColumn(column + 1).numFmt = 'ddd d mmm yyyy';
  sheet.getColumn(spec.header.length).alignment = { wrapText: true, vertical: 'top' };
  const last = spec.rows.length + 1;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: last, column: spec.header.length } };
  const status = sheet.getColumn(spec.statusColumn + 1).letter;
  for (let row = 2; row <= last; row++) {
    if (!spec.rows[row - 2]![spec.statusColumn]) continue; // informational: nothing to tick
    sheet.getCell(`${status}${row}`).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [`"${STATUSES.join(',')}"`],
      showErrorMessage: true,
      errorTitle: 'Status',
      error: `Choose one of: ${STATUSES.join(', ')}.`,
    };
  }
  const written = Buffer.from(await book.xlsx.writeBuffer());
  // The zip library stamps every entry with the current time; rewrite them with today's date.
  const zip = await JSZip.loadAsync(written);
  for (const entry of Object.values(zip.files)) entry.date = stamp;
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}

/** The first sheet's rows as text ('YYYY-MM-DD' for date cells); row 1 is the header. */
export async function readWorkbook(bytes: Buffer, file: string): Promise<string[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new InputError(
      `${file} is not a workbook kickoff can read (${(error as Error).message}).`,
      'Save it from Excel as an .xlsx workbook, or export it as CSV.',
    );
  }
  const sheet = book.worksheets[0];
  if (!sheet)
    throw new InputError(`${file} has no sheets.`, 'Export the action list again with kickoff export.');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c).value));
    rows[number - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: string; result?: unknown };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result);
  }
  return String(value as string | number | boolean);
}
