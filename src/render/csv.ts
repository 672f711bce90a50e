/**
 * The action list as CSV for Excel: UTF-8 with a byte-order mark (or Excel guesses the encoding),
 * CRLF line ends and RFC 4180 quoting.
 */
import { ACTION_COLUMNS, actionRows, type ActionRow, type PackInput } from './pack.js';

/**
 * A cell Excel or LibreOffice would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe, so a note like "=HYPERLINK(...)" stays text. Import takes the apostrophe off again.
 * Apostrophes a person typed before a formula start get one more, so that taking one off gives
 * back exactly what they typed.
 */
export function neutralise(cell: string): string {
  return /^'*[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** The inverse of neutralise, for cells read back from a sheet. */
export function unneutralise(cell: string): string {
  return /^''*[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/**
 * Where a spreadsheet may start a new cell when it reads CSV: a comma, or the `;` LibreOffice and
 * Excel in many European locales use, or a tab; then perhaps spaces.
 */
const AFTER_SEPARATOR = /([,;\t] *)('*[=+\-@])/g;
const NEUTRALISED_AFTER_SEPARATOR = /([,;\t] *)'('*[=+\-@])/g;

/**
 * neutralise for CSV: a formula start after any separator gets its apostrophe too. `Sam;=1+1` is
 * quoted (quote() below), but a spreadsheet that splits it anyway, at the `;`, still finds text.
 */
export function neutraliseCsv(cell: string): string {
  return neutralise(cell).replace(AFTER_SEPARATOR, "$1'$2");
}

/** The inverse of neutraliseCsv. */
export function unneutraliseCsv(cell: string): string {
  return unneutralise(cell.replace(NEUTRALISED_AFTER_SEPARATOR, '$1$2'));
}

/**
 * RFC 4180 quoting, and quotes around every cell with a `;` or a tab as well: a spreadsheet that
 * reads `;` or tab as the separator then keeps the cell whole.
 */
function quote(cell: string): string {
  return /[",;\t\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function rowCells(row: ActionRow): string[] {
  return [
    row.id,
    row.phase,
    row.title,
    row.type,
    row.start,
    row.end,
    row.time,
    row.ownerRoles.join('; '),
    row.ownerNames.join('; '),
    row.thirdParty,
    row.status,
    row.notes,
    row.record,
  ];
}

export function renderCsv(input: PackInput): string {
  const lines = [ACTION_COLUMNS as readonly string[], ...actionRows(input).map(rowCells)].map((cells) =>
    cells.map((c) => quote(neutraliseCsv(c))).join(','),
  );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** RFC 4180 parsing (quoted cells may hold commas, quotes and line breaks); a BOM is skipped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
