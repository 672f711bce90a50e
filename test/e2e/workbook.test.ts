/**
 * The action list as people open and print it (issue 25), read from the workbook's own XML (jszip,
 * no spreadsheet library in between): one Status drop-down, A4 landscape print set-up naming the
 * practice, text cells in the Text format instead of an apostrophe; the columns (Time, the weekly
 * meeting's span, a practice's own items in date order); and the practice's copy without the
 * project manager's reminder rows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/render/csv.js';
import { assertBuilt, copyOf, examplePlan, kickoff } from '../helpers/cli.js';

const TODAY = '2026-11-25';
let pristine: string;

beforeAll(() => {
  assertBuilt();
  pristine = examplePlan('kickoff-workbook-', TODAY);
});

function run(dir: string, args: readonly string[]) {
  return kickoff([...args, '--plan', join(dir, 'kickoff.yaml'), '--today', TODAY], { cwd: dir });
}

/** The workbook export writes, unzipped: each part's XML by name. */
async function exportParts(dir: string, extra: readonly string[] = []): Promise<Map<string, string>> {
  const out = join(dir, 'actions.xlsx');
  const exported = run(dir, ['export', '--format', 'xlsx', '--out', out, ...extra]);
  expect(exported.code, exported.stderr).toBe(0);
  const zip = await JSZip.loadAsync(readFileSync(out));
  const parts = new Map<string, string>();
  for (const entry of zip.file(/.*/)) parts.set(entry.name, await entry.async('string'));
  return parts;
}

function csvRows(dir: string, extra: readonly string[] = []): string[][] {
  const csv = run(dir, ['export', '--format', 'csv', ...extra]);
  expect(csv.code, csv.stderr).toBe(0);
  return parseCsv(csv.stdout);
}

/** Row numbers in a sqref like 'K2:K80 K82'. */
function rowsIn(sqref: string): number[] {
  return sqref.split(' ').flatMap((area) => {
    const [from, to = from] = area.split(':').map((a) => Number(a.replace(/^[A-Z]+/, ''))) as [
      number,
      number?,
    ];
    return Array.from({ length: to! - from + 1 }, (_, i) => from + i);
  });
}

/** A note, as a person writes it in the plan, on an item by id. */
function withNote(dir: string, id: string, note: string): void {
  const file = join(dir, 'kickoff.yaml');
  const text = readFileSync(file, 'utf8').replace(
    new RegExp(`(- id: ${id}\\n(?: {8}.*\\n)*? {8}status: todo\\n)`),
    `$1        notes: ${JSON.stringify(note)}\n`,
  );
  expect(text).toContain(JSON.stringify(note));
  writeFileSync(file, text);
}

describe('the workbook, read from its XML', () => {
  it('has one Status drop-down, over the Status cells of the rows that have a status', async () => {
    const dir = copyOf(pristine);
    const sheet = (await exportParts(dir)).get('xl/worksheets/sheet1.xml')!;
    const validations = [...sheet.matchAll(/<dataValidation [^>]*>/g)].map((m) => m[0]);
    expect(validations).toHaveLength(1);
    const sqref = /sqref="([^"]+)"/.exec(validations[0]!)![1]!;
    const status = csvRows(dir)[0]!.indexOf('Status');
    const column = String.fromCharCode(65 + status);
    expect(sqref.split(' ').every((area) => area.split(':').every((a) => a.startsWith(column)))).toBe(true);
    const rows = rowsIn(sqref);
    expect(new Set(rows).size).toBe(rows.length); // no cell twice: no overlapping ranges
    const withStatus = csvRows(dir).flatMap((r, i) => (i > 0 && r[status] ? [i + 1] : []));
    expect(rows).toEqual(withStatus);
    expect(validations[0]).toContain('type="list"');
  });

  it('prints A4 landscape, one page wide, the header row on every page, the practice named', async () => {
    const dir = copyOf(pristine);
    const file = join(dir, 'kickoff.yaml');
    // An ampersand in the name is a code in a page header: it must be written '&&'.
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('The Densham Surgery', 'Densham & Partners'));
    const parts = await exportParts(dir);
    const sheet = parts.get('xl/worksheets/sheet1.xml')!;
    const setup = /<pageSetup [^>]*>/.exec(sheet)![0];
    expect(setup).toContain('paperSize="9"'); // A4
    expect(setup).toContain('orientation="landscape"');
    expect(setup).toContain('fitToWidth="1"');
    expect(setup).toContain('fitToHeight="0"'); // as many pages down as it takes
    expect(sheet).toMatch(/<sheetPr>.*<pageSetUpPr fitToPage="1"\/>.*<\/sheetPr>/);
    expect(parts.get('xl/workbook.xml')).toMatch(
      /<definedName name="_xlnm\.Print_Titles" localSheetId="0">&apos;Actions&apos;!\$1:\$1<\/definedName>/,
    );
    const header = /<oddHeader>(.*?)<\/oddHeader>/.exec(sheet)![1]!;
    expect(header).toContain('Action list: Densham &amp;&amp; Partners (A81001)');
    expect(/<oddFooter>(.*?)<\/oddFooter>/.exec(sheet)![1]).toContain('Page &amp;P of &amp;N');
  });

  it('writes text that looks like a formula as a Text-format cell, without an apostrophe', async () => {
    const dir = copyOf(pristine);
    withNote(dir, 'training-needs-meeting', '-2 trainers short in March');
    withNote(dir, 'hardware-ordered', '=HYPERLINK("http://evil.example","x")');
    const parts = await exportParts(dir);
    const strings = [...parts.get('xl/sharedStrings.xml')!.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map(
      (m) => m[1],
    );
    expect(strings).toContain('-2 trainers short in March');
    expect(strings).toContain('=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)');
    expect(strings.filter((s) => s!.startsWith("'"))).toEqual([]);
    // Every text cell is a string cell (t="s") in a style whose number format is Text (49, "@").
    const styles = parts.get('xl/styles.xml')!;
    const xfs = [
      .../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!.matchAll(/<xf [^>]*?numFmtId="(\d+)"/g),
    ].map((m) => Number(m[1]));
    const sheet = parts.get('xl/worksheets/sheet1.xml')!;
    const textCells = [...sheet.matchAll(/<c r="[A-Z]+(\d+)" s="(\d+)" t="s">/g)].filter((m) => m[1] !== '1');
    expect(textCells.length).toBeGreaterThan(500);
    for (const cell of textCells) expect(xfs[Number(cell[2])], cell[0]).toBe(49);
    // Kept in the CSV, where the apostrophe is the known defence.
    const rows = csvRows(dir);
    const notes = rows.map((r) => r[rows[0]!.indexOf('Notes')]);
    expect(notes).toContain("'-2 trainers short in March");
  });

  it('imports the workbook as written, and one written before with apostrophes, changing nothing', async () => {
    const dir = copyOf(pristine);
    withNote(dir, 'training-needs-meeting', '-2 trainers short in March');
    const plan = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    await exportParts(dir);
    const out = join(dir, 'actions.xlsx');
    const now = run(dir, ['import', out]);
    expect(now.code, now.stderr).toBe(0);
    expect(now.stderr).toMatch(/No changes/);
    // The same workbook as an older kickoff wrote it: the apostrophe in the cell.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.getWorksheet('Actions')!;
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (typeof cell.value === 'string' && /^[-=+@]/.test(cell.value)) cell.value = `'${cell.value}`;
      });
    });
    const old = join(dir, 'old.xlsx');
    await book.xlsx.writeFile(old);
    const before = run(dir, ['import', old]);
    expect(before.code, before.stderr).toBe(0);
    expect(before.stderr).toMatch(/No changes/);
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(plan);
  });
});

describe('the action list columns', () => {
  it('has a Time column, the weekly meeting as a span "weekly until …", own items in date order', () => {
    const dir = copyOf(pristine);
    const file = join(dir, 'kickoff.yaml');
    // The practice's own item, added at the end of its phase with an early date.
    const own = [
      '      - id: our-own-early-check',
      '        title: Our own early check',
      '        type: deadline',
      '        date: 2027-01-20',
      '        roles: [ practice-manager ]',
      '        status: todo',
      '',
    ].join('\n');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('  - phase: data\n', `${own}  - phase: data\n`));
    const rows = csvRows(dir);
    const header = rows[0]!;
    expect(header.slice(4, 7)).toEqual(['Start', 'End', 'Time']);
    const at = (id: string) => rows.find((r) => r[0] === id)!;
    expect(at('kick-off').slice(4, 7)).toEqual(['2027-01-18', '2027-01-18', '10:00–12:00']);
    expect(at('weekly-migration-meeting').slice(4, 7)).toEqual([
      '2027-01-25',
      '2027-06-01',
      '10:00–11:00, weekly until Tue 1 Jun 2027',
    ]);
    expect(at('pre-migration-tasks')[6]).toBe('');
    const phase = rows.filter((r) => r[1] === 'Kick-off and preparation').map((r) => r[4]!);
    expect(phase).toEqual([...phase].sort());
    expect(rows.findIndex((r) => r[0] === 'our-own-early-check')).toBeLessThan(
      rows.findIndex((r) => r[0] === 'weekly-migration-meeting'),
    );
    // Import reads the weekly meeting's span back without calling it a changed date.
    writeFileSync(
      join(dir, 'back.csv'),
      `\uFEFF${rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n')}\r\n`,
    );
    const imported = run(dir, ['import', join(dir, 'back.csv')]);
    expect(imported.code, imported.stderr).toBe(0);
  });
});

describe("the practice's copy (--for practice)", () => {
  it("leaves out the project manager's reminder rows, and a not-needed party's switch-off", () => {
    const dir = copyOf(pristine);
    const everyone = csvRows(dir);
    const reminders = everyone.filter((r) => r[3] === 'reminder');
    // 19: Docman's notice is short enough that its week-before reminder is part of the notice (issue 23).
    expect(reminders.length).toBe(19);
    expect(reminders.every((r) => r[2]!.startsWith('Remind '))).toBe(true);
    const practice = csvRows(dir, ['--for', 'practice']);
    expect(practice.filter((r) => r[3] === 'reminder')).toEqual([]);
    expect(practice.length).toBe(everyone.length - reminders.length);
    expect(practice.some((r) => r[0] === 'docman-switch-off')).toBe(true);
    // Docman is not needed: its switch-off and reconnection go too; its notice row says so.
    const file = join(dir, 'kickoff.yaml');
    const text = readFileSync(file, 'utf8').replace(
      /(- id: docman-notice\n(?: {8}.*\n)*? {8}status: )todo/,
      '$1not-needed',
    );
    writeFileSync(file, text);
    const without = csvRows(dir, ['--for', 'practice']);
    const status = without[0]!.indexOf('Status');
    const docman = without.filter((r) => r[0]!.startsWith('docman-')).map((r) => `${r[0]} ${r[status]}`);
    expect(docman).toEqual(['docman-notice not-needed']);
    // The CSU's copy keeps every row.
    expect(csvRows(dir).length).toBe(everyone.length);
  });

  it('names the copy in the workbook header, and refuses a --for it does not know', async () => {
    const dir = copyOf(pristine);
    const sheet = (await exportParts(dir, ['--for', 'practice'])).get('xl/worksheets/sheet1.xml')!;
    expect(/<oddHeader>(.*?)<\/oddHeader>/.exec(sheet)![1]).toContain('the practice&apos;s copy');
    const bad = run(dir, ['export', '--format', 'csv', '--for', 'ccg']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('kickoff: --for: "ccg" is not one of everyone, practice.\n');
  });
});
