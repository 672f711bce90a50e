/**
 * The action list as CSV for Excel: UTF-8 with a byte-order mark (or Excel guesses the encoding),
 * CRLF line ends and RFC 4180 quoting.
 */
import { ACTION_COLUMNS, actionRows, type ActionRow, type PackInput } from './pack.js';

/**
 * A cell Excel or LibreOffice would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe, so a note like "=HYPERLINK(...)" stays text. Import takes the apostrophe off again.
 */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** The inverse of neutralise, for cells read back from a sheet. */
export function unneutralise(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
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
    cells.map((c) => quote(neutralise(c))).join(','),
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
