/**
 * Spreadsheets under attack and abuse (issue 13), the built binary: cells a spreadsheet would run as
 * formulas are neutralised in CSV and XLSX (and the round trip export → import changes nothing);
 * a sheet with formulas, merged cells, extra sheets, 100,000 rows or a wrong header is refused
 * with its row number, or handled, and the plan is left as it was.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/render/csv.js';
import { assertBuilt, copyOf, examplePlan, kickoff } from '../helpers/cli.js';

const TODAY = '2026-11-25';
/** Notes that Excel or LibreOffice would run, or that hide a formula behind a tab or CR. */
const FORMULA_STARTS = [
  '=HYPERLINK("http://evil.example","click")',
  '+44 20 7946 0000',
  '-2 screens still to come',
  '@SUM(1+1)*cmd|"/c calc"!A0',
  '\tTabbed =1+1',
  '\r=1+1',
];

let pristine: string;

beforeAll(() => {
  assertBuilt();
  pristine = examplePlan('kickoff-sheet-pristine-', TODAY);
});

function run(dir: string, args: readonly string[]) {
  return kickoff([...args, '--plan', join(dir, 'kickoff.yaml')], { cwd: dir });
}

/** The plan with one hostile note under each of the first items. */
function withHostileNotes(dir: string): string {
  const file = join(dir, 'kickoff.yaml');
  const parts = readFileSync(file, 'utf8').split('        status: todo\n');
  const notes = FORMULA_STARTS.map((n) => `        status: todo\n        notes: ${JSON.stringify(n)}\n`);
  const plan = parts
    .map((part, i) => part + (i < parts.length - 1 ? (notes[i] ?? '        status: todo\n') : ''))
    .join('');
  writeFileSync(file, plan);
  return plan;
}

async function exportBook(dir: string): Promise<{ out: string; book: ExcelJS.Workbook }> {
  const out = join(dir, 'actions.xlsx');
  const exported = run(dir, ['export', '--format', 'xlsx', '--out', out, '--today', TODAY]);
  expect(exported.code, exported.stderr).toBe(0);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(out);
  return { out, book };
}

function expectRefusedUnchanged(dir: string, before: string, run: { code: number | null; stderr: string }) {
  expect(run.stderr).not.toMatch(/internal error|This is a bug/);
  expect(run.code, run.stderr).toBe(1);
  expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(before);
}

describe('formula injection', () => {
  it('neutralises every formula start in the CSV with an apostrophe, and importing it changes nothing', () => {
    const dir = copyOf(pristine);
    const plan = withHostileNotes(dir);
    const csv = run(dir, ['export', '--format', 'csv', '--today', TODAY]);
    expect(csv.code, csv.stderr).toBe(0);
    const notes = parseCsv(csv.stdout)
      .slice(1)
      .map((r) => r[11]!)
      .filter(Boolean);
    expect(notes).toEqual(FORMULA_STARTS.map((n) => `'${n}`));
    // No cell of any row starts a formula.
    for (const row of parseCsv(csv.stdout)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    writeFileSync(join(dir, 'back.csv'), csv.stdout);
    const imported = run(dir, ['import', join(dir, 'back.csv'), '--today', TODAY]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/No changes/);
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(plan);
  }, 60_000);

  it('writes them in the workbook as text in Text-format cells, and importing it untouched changes nothing', async () => {
    const dir = copyOf(pristine);
    const plan = withHostileNotes(dir);
    const { out, book } = await exportBook(dir);
    const sheet = book.getWorksheet('Actions')!;
    const notes: string[] = [];
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        // Text format (@): what someone types or edits there stays text, never a formula.
        if (typeof cell.value === 'string') expect(cell.numFmt).toBe('@');
      });
      const note = row.getCell(12).value;
      if (typeof note === 'string' && note) notes.push(note);
    });
    // As written, without an apostrophe people would see; a workbook is XML, where CR becomes LF.
    expect(notes).toEqual(FORMULA_STARTS.map((n) => n.replace(/^\r/, '\n')));
    const imported = run(dir, ['import', out, '--today', TODAY]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/No changes/);
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(plan);
  }, 60_000);
});

/**
 * Notes a spreadsheet with `;` or tab as its separator (LibreOffice's choice, Excel in a semicolon
 * locale) would split into cells, one of them a formula; and apostrophes a person typed before one.
 */
const SEPARATED = [
  'Sam;=1+1;@SUM(A1)',
  'Fine, =HYPERLINK("http://evil.example")',
  'tab\t+44 20 7946 0000',
  "Kept;'=as typed",
  "''=two apostrophes first",
  'a;\t-1',
];

describe('formulas after a separator', () => {
  it('quotes every cell with a ; or a tab, neutralises a formula after any separator, and imports back unchanged', () => {
    const dir = copyOf(pristine);
    const file = join(dir, 'kickoff.yaml');
    const parts = readFileSync(file, 'utf8').split('        status: todo\n');
    const notes = SEPARATED.map((n) => `        status: todo\n        notes: ${JSON.stringify(n)}\n`);
    const plan = parts
      .map((part, i) => part + (i < parts.length - 1 ? (notes[i] ?? '        status: todo\n') : ''))
      .join('');
    writeFileSync(file, plan);
    const csv = run(dir, ['export', '--format', 'csv', '--today', TODAY]);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.split('\r\n');
    expect(lines.some((l) => l.includes(`,"Sam;'=1+1;'@SUM(A1)",`))).toBe(true);
    // Read with ; or tab as the separator (and quotes honoured or not), no piece is a formula.
    for (const separator of [/;/, /\t/, /,/])
      for (const line of lines)
        for (const piece of line.split(separator))
          expect(piece.replace(/^"/, '').trimStart(), line).not.toMatch(/^[=+\-@]/);
    for (const row of parseCsv(csv.stdout))
      for (const cell of row)
        if (/[;\t]/.test(cell)) expect(csv.stdout).toContain(`"${cell.replace(/"/g, '""')}"`);
    writeFileSync(join(dir, 'back.csv'), csv.stdout);
    const imported = run(dir, ['import', join(dir, 'back.csv'), '--today', TODAY]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/No changes/);
    expect(readFileSync(file, 'utf8')).toBe(plan);
  }, 60_000);
});

describe('an imported sheet that is not as exported', () => {
  it('refuses a formula cell, naming its row and column', async () => {
    const dir = copyOf(pristine);
    const before = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    const { out, book } = await exportBook(dir);
    const sheet = book.getWorksheet('Actions')!;
    sheet.getCell('J3').value = { formula: 'LOWER("DONE")', result: 'done' };
    sheet.getCell('K4').value = { formula: 'HYPERLINK("http://evil.example")' };
    await book.xlsx.writeFile(out);
    const refused = run(dir, ['import', out, '--today', TODAY]);
    expectRefusedUnchanged(dir, before, refused);
    expect(refused.stderr).toMatch(/actions\.xlsx:3:10: Row 3, column J holds a formula/);
  }, 60_000);

  it('refuses merged cells, naming the row', async () => {
    const dir = copyOf(pristine);
    const before = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    const { out, book } = await exportBook(dir);
    const sheet = book.getWorksheet('Actions')!;
    sheet.getCell('J5').value = 'done';
    sheet.mergeCells('J5:J7');
    await book.xlsx.writeFile(out);
    const refused = run(dir, ['import', out, '--today', TODAY]);
    expectRefusedUnchanged(dir, before, refused);
    expect(refused.stderr).toMatch(/actions\.xlsx:5:10: Row 5, column J is part of merged cells/);
  }, 60_000);

  it('reads the Actions sheet when people added sheets before and after it', async () => {
    const dir = copyOf(pristine);
    const { out, book } = await exportBook(dir);
    const exported = book.getWorksheet('Actions')!;
    // A new workbook: a cover sheet first (as a person dragging its tab to the front leaves it).
    const rebuilt = new ExcelJS.Workbook();
    const cover = rebuilt.addWorksheet('Cover');
    cover.addRow(['Id', 'Status']);
    cover.addRow(['kick-off', 'not-needed']);
    const sheet = rebuilt.addWorksheet('Actions');
    exported.eachRow((row) => sheet.addRow((row.values as unknown[]).slice(1)));
    rebuilt.addWorksheet('Scratch').getCell('A1').value = { formula: '1+1' };
    const kickOff = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === 'kick-off')!;
    kickOff.getCell(11).value = 'done';
    await rebuilt.xlsx.writeFile(out);
    const imported = run(dir, ['import', out, '--today', TODAY]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/Kick-off meeting \(kick-off, row 5\): status todo → done/);
    expect(imported.stderr).toMatch(/Changed 1 item\(s\)/);
  }, 60_000);

  it('refuses a wrong header at row 1, in CSV and in a workbook', async () => {
    const dir = copyOf(pristine);
    const before = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    writeFileSync(join(dir, 'wrong.csv'), 'Name,Date,Who\r\nkick-off,2027-01-18,Priya\r\n');
    const csv = run(dir, ['import', join(dir, 'wrong.csv'), '--today', TODAY]);
    expectRefusedUnchanged(dir, before, csv);
    expect(csv.stderr).toMatch(/Row 1 should be the header kickoff export writes.*found: name, date, who/);
    const { out, book } = await exportBook(dir);
    book.getWorksheet('Actions')!.getCell('A1').value = 'Reference';
    await book.xlsx.writeFile(out);
    const xlsx = run(dir, ['import', out, '--today', TODAY]);
    expectRefusedUnchanged(dir, before, xlsx);
    expect(xlsx.stderr).toMatch(/Row 1 should be the header/);
  }, 60_000);

  it('refuses 100,000 rows at once, in CSV and in a workbook, naming the limit', async () => {
    const dir = copyOf(pristine);
    const before = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    const header = parseCsv(run(dir, ['export', '--format', 'csv', '--today', TODAY]).stdout)[0]!;
    const rows = Array.from({ length: 100_000 }, (_, i) => `item-${i},Phase,Action,,,,,,,todo,`);
    writeFileSync(join(dir, 'huge.csv'), [header.join(','), ...rows, ''].join('\r\n'));
    const csv = run(dir, ['import', join(dir, 'huge.csv'), '--today', TODAY]);
    expectRefusedUnchanged(dir, before, csv);
    expect(csv.stderr).toMatch(/huge\.csv:10002:1: .*has more than 10,000 rows below its header/);

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Actions');
    sheet.addRow(header);
    for (let i = 0; i < 100_000; i++)
      sheet.addRow([`item-${i}`, 'Phase', 'Action', '', '', '', '', '', '', 'todo', '']);
    await book.xlsx.writeFile(join(dir, 'huge.xlsx'));
    const xlsx = run(dir, ['import', join(dir, 'huge.xlsx'), '--today', TODAY]);
    expectRefusedUnchanged(dir, before, xlsx);
    expect(xlsx.stderr).toMatch(/huge\.xlsx:10002:1: .*has more than 10,000 rows below its header/);
  }, 120_000);

  it('refuses a zip bomb (a small workbook that unpacks to more than 50 MB) before reading it', async () => {
    const dir = copyOf(pristine);
    const before = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    const sheet = join(dir, 'actions.xlsx');
    expect(run(dir, ['export', '--format', 'xlsx', '--out', sheet, '--today', TODAY]).code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(sheet));
    zip.file('xl/media/padding.bin', Buffer.alloc(80 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    writeFileSync(join(dir, 'bomb.xlsx'), bomb);
    const result = run(dir, ['import', join(dir, 'bomb.xlsx'), '--today', TODAY]);
    expectRefusedUnchanged(dir, before, result);
    expect(result.stderr).toMatch(/bomb\.xlsx unpacks to more than 50 MB/);
  }, 120_000);
});
