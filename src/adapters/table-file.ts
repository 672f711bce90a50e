/**
 * A practices table (CSV as Excel saves it, or the first sheet of an .xlsx workbook) → a header and
 * rows of text cells. csv-parse does the RFC 4180 quoting; the workbook reader (exceljs) is imported
 * only for .xlsx, so the CSV path never loads it.
 */
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import { readBytes, readText } from './files.js';

export interface TableRow {
  /** The row number a spreadsheet shows: the header is row 1. */
  readonly row: number;
  readonly cells: Readonly<Record<string, string>>;
}

export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly TableRow[];
}

export async function readTable(file: string): Promise<Table> {
  if (/\.xlsx$/i.test(file)) return toTable(await readPracticesWorkbook(file), file);
  return parseCsv(await readText(file, 'the practices file'), file);
}

export function parseCsv(text: string, file: string): Table {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    const e = error as { message: string; lines?: number };
    throw new InputError(
      `The practices file is not valid CSV: ${e.message.split('\n')[0]}`,
      'Check the quotes on that line: a cell containing a comma or a quote is written "like ""this"", here".',
      { file, ...(e.lines !== undefined ? { line: e.lines } : {}) },
    );
  }
  return toTable(records, file);
}

/** The first sheet, through the same workbook reader as `kickoff import` (exceljs, loaded only here). */
async function readPracticesWorkbook(file: string): Promise<string[][]> {
  const { readWorkbook } = await import('./workbook.js');
  const rows = await readWorkbook(await readBytes(file, 'the practices workbook'), file);
  return rows.map((row) => row.map((cell) => cell.trim()));
}

function toTable(records: readonly (readonly string[])[], file: string): Table {
  const [header, ...body] = records;
  if (!header) throw new InputError(`The practices file ${file} is empty.`, 'It needs a header row.');
  const columns = header.map((c) => c.trim());
  const rows = body
    .map((values, i) => ({
      row: i + 2,
      cells: Object.fromEntries(columns.map((c, j) => [c, (values[j] ?? '').trim()])),
    }))
    .filter((r) => Object.values(r.cells).some((v) => v !== ''));
  return { columns, rows };
}
