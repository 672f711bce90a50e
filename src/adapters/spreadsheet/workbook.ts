/**
 * The action list as an Excel workbook, and back: the one place that knows exceljs (and the zip
 * library under it). Loaded lazily, only by `export --format xlsx` and `import` of an .xlsx.
 */
import type { CalendarDate } from '../../domain/types.js';
import { STATUSES } from '../../domain/types.js';
import { InputError } from '../../errors.js';
import { MAX_SHEET_ROWS, tooManyRows, type SheetKind } from './sheet-kinds.js';

export interface WorkbookSpec {
  readonly title: string;
  /** Printed at the top of every page: who the list is for ("Action list: The Densham Surgery (A81001)"). */
  readonly pageHeader: string;
  /** Printed at the foot of every page, left; the page number goes right. */
  readonly pageFooter: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns (0-based) whose cells are dates 'YYYY-MM-DD'. */
  readonly dateColumns: readonly number[];
  readonly statusColumn: number;
  /** A column (0-based) kept out of sight: kickoff's own record, which people leave alone. */
  readonly hiddenColumn?: number;
  readonly widths: readonly number[];
  /** Fixes the workbook's created/modified dates and the zip entries' times, for identical bytes. */
  readonly today: CalendarDate;
}

function utcDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** Excel's paper size code for A4 (ECMA-376 §18.3.1.63). */
const A4 = 9;

/** '&' starts a code in a page header or footer (&P, &N…); a practice's own '&' is written '&&'. */
function headerText(text: string): string {
  return text.replace(/&/g, '&&');
}

/**
 * Runs of row numbers as areas of one column, 'K2:K79 K81': the one status validation's range.
 * Excel refuses overlapping validations, and exceljs, given a validation per cell, merges them into
 * overlapping ranges (it sorts K10 before K2); its types offer no range, so the range is written here.
 */
function areas(column: string, rows: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    out.push(i === j ? `${column}${rows[i]}` : `${column}${rows[i]}:${column}${rows[j]}`);
    i = j + 1;
  }
  return out;
}

/** A line of 11pt Calibri, Excel's default, in points. */
const LINE_HEIGHT = 15;

/**
 * How many lines a cell wraps to in a column `width` characters wide: words fill a line, a word
 * longer than the line is broken, a line break starts a new line. An estimate: a column's width
 * counts '0's, and text averages about a fifth narrower (LibreOffice fits "Migration project
 * manager;" in 22).
 */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(1, Math.floor(width * 1.2));
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines += 1;
    for (const word of paragraph.split(' ')) {
      const needed = (used > 0 ? 1 : 0) + word.length;
      if (used > 0 && used + needed > room) {
        lines += 1;
        used = word.length;
      } else used += needed;
      while (used > room) {
        lines += 1;
        used -= room;
      }
    }
  }
  return lines;
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
  const sheet = book.addWorksheet('Actions', {
    views: [{ state: 'frozen', ySplit: 1 }],
    // A4 landscape, every column on one page wide, as many pages down as it takes, the header row
    // on each; narrow margins leave the columns room.
    pageSetup: {
      paperSize: A4,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 },
    },
    headerFooter: {
      oddHeader: `&L&B${headerText(spec.pageHeader)}`,
      oddFooter: `&L${headerText(spec.pageFooter)}&RPage &P of &N`,
    },
  });
  // Text columns in the Text number format (@): a note typed as =HYPERLINK(…) or -2 stays text when
  // someone edits the cell, without an apostrophe in what they read. Dates are real date cells.
  // Text wraps within narrow columns, so that one page wide is still a size people can read.
  sheet.columns = spec.header.map((header, i) => ({
    header,
    width: spec.widths[i] ?? 12,
    style: spec.dateColumns.includes(i)
      ? { numFmt: 'ddd d mmm yyyy', alignment: { vertical: 'top' } }
      : { numFmt: '@', alignment: { vertical: 'top', wrapText: true } },
  }));
  sheet.getRow(1).font = { bold: true };
  if (spec.hiddenColumn !== undefined) sheet.getColumn(spec.hiddenColumn + 1).hidden = true;
  for (const cells of spec.rows) {
    sheet.addRow(cells.map((cell, i) => (spec.dateColumns.includes(i) && cell ? utcDate(cell) : cell)));
  }
  // Row heights are written, not left to the app: LibreOffice keeps a wrapped row one line high,
  // printing its lines over the next row's.
  spec.rows.forEach((cells, i) => {
    const lines = Math.max(
      1,
      ...cells.map((cell, c) =>
        spec.dateColumns.includes(c) || c === spec.hiddenColumn
          ? 1
          : wrappedLines(cell, spec.widths[c] ?? 12),
      ),
    );
    if (lines > 1) sheet.getRow(i + 2).height = lines * LINE_HEIGHT;
  });
  const last = spec.rows.length + 1;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: last, column: spec.header.length } };
  const status = sheet.getColumn(spec.statusColumn + 1).letter;
  // Informational rows record a fact: nothing to tick, so no drop-down.
  const withStatus = spec.rows.flatMap((cells, i) => (cells[spec.statusColumn] ? [i + 2] : []));
  const range = areas(status, withStatus);
  const first = `${status}${withStatus[0]}`;
  if (range.length > 0)
    sheet.getCell(first).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [`"${STATUSES.join(',')}"`],
      showErrorMessage: true,
      errorTitle: 'Status',
      error: `Choose one of: ${STATUSES.join(', ')}.`,
    };
  const written = Buffer.from(await book.xlsx.writeBuffer());
  const zip = await JSZip.loadAsync(written);
  if (range.length > 0) {
    // Written on the first status cell, then widened to them all in the sheet's XML.
    const part = 'xl/worksheets/sheet1.xml';
    const xml = await zip.file(part)!.async('string');
    const from = `sqref="${first}"`;
    if (xml.split(from).length !== 2) throw new Error(`the status validation is not once in ${part}`);
    zip.file(part, xml.replace(from, `sqref="${range.join(' ')}"`));
  }
  // The zip library stamps every entry with the current time; rewrite them with today's date.
  for (const entry of Object.values(zip.files)) entry.date = stamp;
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}

/** What a workbook may unpack to: an action list is a few hundred kilobytes; a zip bomb is gigabytes. */
export const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;

/**
 * Refuses a workbook with a sheet of more than MAX_SHEET_ROWS rows below its header, counting rows
 * in its XML before exceljs builds every cell (a 100,000-row sheet takes exceljs seconds and over
 * 500 MB), and stopping at the first row over. Every part is unpacked as a stream and counted, so a
 * zip bomb (a small file that unpacks to gigabytes) is refused before exceljs, which unpacks all of
 * it into memory, sees it. Unreadable zips are left to exceljs.
 */
async function checkSize(bytes: Buffer, file: string, kind: SheetKind): Promise<void> {
  const { default: JSZip } = await import('jszip');
  let zip: InstanceType<typeof JSZip>;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return;
  }
  let unpacked = 0;
  for (const entry of zip.file(/.*/)) {
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/.test(entry.name);
    let rows = 0;
    let tail = '';
    await new Promise<void>((done, fail) => {
      const stream = entry.nodeStream('nodebuffer');
      const stop = (error: InputError) => {
        stream.pause();
        stream.removeAllListeners('data');
        fail(error);
      };
      stream.on('data', (chunk: Buffer) => {
        unpacked += chunk.length;
        if (unpacked > MAX_UNPACKED_BYTES) return stop(tooLarge(file, kind));
        if (!sheet) return;
        // '<row ' may straddle two chunks: keep the last few characters of each.
        const text = tail + chunk.toString('latin1');
        for (let at = text.indexOf('<row '); at >= 0; at = text.indexOf('<row ', at + 5)) rows += 1;
        tail = text.slice(-4);
        // The header row, then at most MAX_SHEET_ROWS rows.
        if (rows > MAX_SHEET_ROWS + 1) stop(tooManyRows(file, kind));
      });
      stream.on('end', () => done());
      stream.on('error', () => done()); // a broken part: exceljs says what is wrong with it
    });
  }
}

function tooLarge(file: string, kind: SheetKind): InputError {
  return new InputError(
    `${file} unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB, far more than ${kind.what} can be (a few hundred kilobytes).`,
    'Check it is the right file, saved from Excel as an .xlsx workbook.',
  );
}

/** The Actions sheet's rows as text ('YYYY-MM-DD' for date cells); row 1 is the header. */
export async function readWorkbook(bytes: Buffer, file: string, kind: SheetKind): Promise<string[][]> {
  await checkSize(bytes, file, kind);
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
  // The sheet export wrote, wherever it now sits among sheets people added; else the first.
  const sheet = book.getWorksheet('Actions') ?? book.worksheets[0];
  if (!sheet)
    throw new InputError(`${file} has no sheets.`, `Check it is ${kind.what}, saved from Excel as .xlsx.`);
  const rows: string[][] = [];
  const width = sheet.columnCount; // exceljs counts by walking every row: once, not per cell
  const letters = Array.from({ length: width + 1 }, (_, c) => (c > 0 ? sheet.getColumn(c).letter : ''));
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      refuseUnclear(cell, file, number, c, letters[c]!);
      cells.push(cellText(cell.value));
    }
    rows[number - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}

interface SheetCell {
  readonly value: unknown;
  readonly isMerged: boolean;
  readonly master: unknown;
}

/**
 * A formula (its value is whatever Excel last worked out, or nothing) and merged cells (one value
 * shown across several rows or columns) do not say plainly what a row means: refused, with the row.
 */
function refuseUnclear(cell: SheetCell, file: string, row: number, column: number, letter: string): void {
  const at = { file, line: row, column };
  const value = cell.value as { formula?: unknown; sharedFormula?: unknown } | null;
  if (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value))
    throw new InputError(
      `Row ${row}, column ${letter} holds a formula; kickoff imports typed values only.`,
      'Type the value into that cell instead of a formula (or copy it and paste as values).',
      at,
    );
  if (cell.isMerged)
    throw new InputError(
      `Row ${row}, column ${letter} is part of merged cells; kickoff needs one value per cell.`,
      'Unmerge the cells (Excel: Home > Merge & Center > Unmerge Cells) and import again.',
      at,
    );
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
