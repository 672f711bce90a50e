/**
 * A table people made in a spreadsheet (CSV as Excel saves it, or the first sheet of an .xlsx
 * workbook) → a header and rows of text cells, for `batch` (practices) and `import` (the action
 * list). csv-parse does the RFC 4180 quoting; the workbook reader (exceljs) is imported only for
 * .xlsx, so the CSV path never loads it.
 *
 * Excel on Windows saves "CSV" in Windows-1252 (no mark), "CSV UTF-8" with a UTF-8 byte-order mark,
 * and "Unicode Text" as tab-separated UTF-16LE with a mark. The mark decides; without one the bytes
 * are read as UTF-8 if they are valid UTF-8, else as Windows-1252, and the person is told so.
 */
import { parse } from 'csv-parse/sync';
import { InputError } from '../../errors.js';
import { readBytes } from '../files.js';
import { MAX_SHEET_ROWS, PRACTICES_LIST, tooManyRows, type SheetKind } from './sheet-kinds.js';
import { capitalise } from '../../domain/words.js';

export type TextEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
  /** No byte-order mark said so: the encoding is kickoff's guess (Windows-1252). */
  readonly assumed: boolean;
}

/**
 * Windows-1252's bytes 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ), from the
 * WHATWG encoding index. Node 20's TextDecoder('windows-1252') returns them as the C1 control
 * characters U+0080–U+009F (ISO-8859-1), so they are put right here; the five bytes Windows-1252
 * leaves undefined stay as they are. Where the platform decodes them properly this changes nothing.
 */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

export function decodeText(bytes: Uint8Array): DecodedText {
  const starts = (...mark: number[]) => mark.every((b, i) => bytes[i] === b);
  if (starts(0xef, 0xbb, 0xbf)) return { text: decode('utf-8', bytes), encoding: 'UTF-8', assumed: false };
  if (starts(0xff, 0xfe)) return { text: decode('utf-16le', bytes), encoding: 'UTF-16LE', assumed: false };
  if (starts(0xfe, 0xff)) return { text: decode('utf-16be', bytes), encoding: 'UTF-16BE', assumed: false };
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true }).decode(bytes),
      encoding: 'UTF-8',
      assumed: false,
    };
  } catch {
    const latin = new TextDecoder('windows-1252').decode(bytes);
    const text = latin.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
    return { text, encoding: 'Windows-1252', assumed: true };
  }
}

/** The decoder drops the byte-order mark itself. */
function decode(label: string, bytes: Uint8Array): string {
  return new TextDecoder(label).decode(bytes);
}

/** What to tell the person when kickoff had to guess the file's encoding. */
export function encodingNote(file: string, decoded: DecodedText): string | undefined {
  if (!decoded.assumed) return undefined;
  return `${file} is not UTF-8: kickoff read it as ${decoded.encoding}, which Excel on Windows uses for "CSV". If a name or note looks wrong (é, £, ’), save the sheet from Excel as "CSV UTF-8" and run this again.`;
}

/** A delimited text file, decoded as above: its rows, and a note when the encoding was guessed. */
export interface TextTable {
  readonly records: string[][];
  readonly note?: string;
}

/**
 * Reads CSV (or the tab-separated text Excel saves as "Unicode Text") into rows of cells, blank rows
 * kept so that row numbers are the spreadsheet's. The header row is read first and given to
 * `checkHeader` (which throws for a file of the wrong kind) before any other row is read; rows
 * are then read up to MAX_SHEET_ROWS below it.
 */
export async function readDelimited(
  file: string,
  kind: SheetKind,
  checkHeader: (header: readonly string[]) => void = () => undefined,
): Promise<TextTable> {
  const decoded = decodeText(await readBytes(file, kind.what));
  const note = encodingNote(file, decoded);
  checkHeader(parseDelimited(decoded.text, file, kind.what, 1)[0] ?? []);
  const records = parseDelimited(decoded.text, file, kind.what, MAX_SHEET_ROWS + 2);
  if (records.length > MAX_SHEET_ROWS + 1) throw tooManyRows(file, kind);
  return { records, ...(note ? { note } : {}) };
}

/** The text's rows, at most `most` of them (the header counts): the parser stops there. */
export function parseDelimited(text: string, file: string, what: string, most?: number): string[][] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const header = body.slice(0, body.search(/\r|\n|$/));
  // "Unicode Text" separates cells with tabs; a CSV's header has commas.
  const delimiter = header.includes('\t') && !header.includes(',') ? '\t' : ',';
  try {
    return parse(body, {
      delimiter,
      relax_column_count: true,
      trim: true,
      ...(most !== undefined ? { to: most } : {}),
    }) as string[][];
  } catch (error) {
    const e = error as { message: string; lines?: number };
    throw new InputError(
      `${capitalise(what)} is not valid CSV: ${e.message.split('\n')[0]}`,
      'Check the quotes on that line: a cell containing a comma or a quote is written "like ""this"", here".',
      { file, ...(e.lines !== undefined ? { line: e.lines } : {}) },
    );
  }
}

export interface TableRow {
  /** The row number a spreadsheet shows: the header is row 1. */
  readonly row: number;
  readonly cells: Readonly<Record<string, string>>;
}

export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly TableRow[];
  /** Said to the person: the encoding kickoff assumed for a CSV without a byte-order mark. */
  readonly note?: string;
}

/**
 * The practices file: `checkColumns` sees the header before any other row is read (in a CSV; a
 * workbook is read to its row limit first), and throws if the columns are not a practices file's.
 */
export async function readTable(
  file: string,
  checkColumns: (columns: readonly string[]) => void = () => undefined,
): Promise<Table> {
  const columnsOf = (header: readonly string[] | undefined) => {
    if (!header) throw new InputError(`The practices file ${file} is empty.`, 'It needs a header row.');
    return header.map((c) => c.trim());
  };
  if (/\.xlsx$/i.test(file)) {
    const records = await readPracticesWorkbook(file);
    checkColumns(columnsOf(records[0]));
    return toTable(records, columnsOf(records[0]));
  }
  const { records, note } = await readDelimited(file, PRACTICES_LIST, (header) =>
    checkColumns(columnsOf(header.length > 0 ? header : undefined)),
  );
  return { ...toTable(records, columnsOf(records[0])), ...(note ? { note } : {}) };
}

/** The first sheet, through the same workbook reader as `kickoff import` (exceljs, loaded only here). */
async function readPracticesWorkbook(file: string): Promise<string[][]> {
  const { readWorkbook } = await import('./workbook.js');
  const rows = await readWorkbook(await readBytes(file, PRACTICES_LIST.what), file, PRACTICES_LIST);
  return rows.map((row) => row.map((cell) => cell.trim()));
}

function toTable(records: readonly (readonly string[])[], columns: readonly string[]): Table {
  const body = records.slice(1);
  const rows = body
    .map((values, i) => ({
      row: i + 2,
      cells: Object.fromEntries(columns.map((c, j) => [c, (values[j] ?? '').trim()])),
    }))
    .filter((r) => Object.values(r.cells).some((v) => v !== ''));
  return { columns, rows };
}
