/**
 * `kickoff export` and `kickoff import`, the built binary, on the built-in example (go-live Mon 19 Apr
 * 2027, scheduled on 2026-11-25): golden Markdown and CSV, a workbook read back cell by cell, and the
 * round trip from a spreadsheet people filled in back into the plan.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/render/csv.js';
import { assertBuilt, copyOf, examplePlan, kickoff, REPO_ROOT } from '../helpers/cli.js';

const TODAY = '2026-11-25';
const GOLDEN = join(REPO_ROOT, 'test/golden/export');
let pristine: string;

beforeAll(() => {
  assertBuilt();
  pristine = examplePlan('kickoff-export-pristine-', TODAY);
});

function run(dir: string, args: readonly string[]) {
  return kickoff([...args, '--plan', join(dir, 'kickoff.yaml')], { cwd: dir });
}

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual);
  expect(existsSync(path), `${path} is missing: run UPDATE_GOLDEN=1 npm test and review it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** The lines of two texts that differ, as [line number, before, after]; the texts keep their line count. */
function changedLines(before: string, after: string): [number, string, string][] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[i + 1, line, b[i]!] as [number, string, string]]));
}

/** The plan up to its `published:` record (which kickoff keeps for the calendars). */
function body(plan: string): string {
  return plan.slice(0, plan.indexOf('\npublished:'));
}

describe('kickoff export', () => {
  it('writes the kick-off pack in Markdown exactly as reviewed', () => {
    const md = run(pristine, ['export', '--format', 'md', '--today', TODAY]);
    expect(md.code, md.stderr).toBe(0);
    golden('pack.md', md.stdout);
  });

  it('writes the action list as CSV exactly as reviewed: BOM, CRLF, one row per item', () => {
    const csv = run(pristine, ['export', '--format', 'csv', '--today', TODAY]);
    expect(csv.code, csv.stderr).toBe(0);
    golden('actions.csv', csv.stdout);
    expect(csv.stdout.startsWith('\uFEFFId,Phase,Action,Type,Start,End,')).toBe(true);
    expect(csv.stdout.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const plan = readFileSync(join(pristine, 'kickoff.yaml'), 'utf8');
    const items = plan.match(/^ {6}- id: /gm)!.length;
    expect(parseCsv(csv.stdout)).toHaveLength(items + 1);
  });

  it('neutralises cells a spreadsheet would run as formulas, and keeps dates and ids readable', () => {
    const dir = copyOf(pristine);
    const file = join(dir, 'kickoff.yaml');
    const plan = readFileSync(file, 'utf8').replace(
      '        status: todo\n',
      '        status: todo\n        notes: "=HYPERLINK(\\"http://evil.example\\",\\"x\\")"\n',
    );
    writeFileSync(file, plan);
    const csv = run(dir, ['export', '--format', 'csv', '--today', TODAY]);
    expect(csv.code, csv.stderr).toBe(0);
    const row = parseCsv(csv.stdout)[1]!;
    expect(row[0]).toBe('order-placed');
    expect(row[4]).toBe('2027-01-11');
    expect(row[11]).toBe(`'=HYPERLINK("http://evil.example","x")`);
  });

  it('needs --out for a workbook and names the formats when --format is wrong', () => {
    expect(run(pristine, ['export', '--format', 'xlsx']).stderr).toMatch(/--out actions.xlsx/);
    const bad = run(pristine, ['export', '--format', 'pdf']);
    expect(bad.code).toBe(2);
    // commander checks the value against the formats' list, and says so as kickoff says its errors.
    expect(bad.stderr).toBe('kickoff: --format: "pdf" is not one of md, html, csv, xlsx.\n');
    const none = run(pristine, ['export']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/choose md and html \(the kick-off pack\), csv or xlsx \(the action list\)/);
  });

  it('writes the same bytes for the same plan and --today, the workbook too, later and in another time zone', async () => {
    const dir = copyOf(pristine);
    const exportTo = (out: string, tz: string) =>
      kickoff(
        [
          'export',
          '--format',
          out.slice(2),
          '--out',
          join(dir, out),
          '--today',
          TODAY,
          '--plan',
          join(dir, 'kickoff.yaml'),
        ],
        { cwd: dir, env: { TZ: tz } },
      ).code;
    for (const out of ['a.xlsx', 'a.html']) expect(exportTo(out, 'Europe/London')).toBe(0);
    // Zip entries carry a time to the 2 seconds: wait past it, so a clock leaking in would show.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    for (const out of ['b.xlsx', 'b.html']) expect(exportTo(out, 'Pacific/Auckland')).toBe(0);
    expect(readFileSync(join(dir, 'a.xlsx')).equals(readFileSync(join(dir, 'b.xlsx')))).toBe(true);
    expect(readFileSync(join(dir, 'a.html'), 'utf8')).toBe(readFileSync(join(dir, 'b.html'), 'utf8'));
  });

  it('writes a workbook with date cells, a status drop-down, a frozen header and a filter', async () => {
    const dir = copyOf(pristine);
    const out = join(dir, 'actions.xlsx');
    expect(run(dir, ['export', '--format', 'xlsx', '--out', out, '--today', TODAY]).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.created.toISOString()).toBe('2026-11-25T00:00:00.000Z');
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Id',
      'Phase',
      'Action',
      'Type',
      'Start',
      'End',
      'Time',
      'Owner roles',
      'Owner names',
      'Third party',
      'Status',
      'Notes',
      'kickoff record',
    ]);
    // kickoff's record of the plan as exported (import's three-way merge) is kept out of sight.
    expect(sheet.getColumn(13).hidden).toBe(true);
    expect(sheet.getColumn(12).hidden).toBe(false);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getColumn(3).width).toBeGreaterThan(30);
    const kickOff = sheet.getRow(5); // after the order (Mon 11 Jan), the escalation route and the extract request
    expect(kickOff.getCell(1).value).toBe('kick-off');
    expect(kickOff.getCell(2).value).toBe('Kick-off and preparation');
    expect(kickOff.getCell(5).value).toEqual(new Date(Date.UTC(2027, 0, 18)));
    expect(kickOff.getCell(5).type).toBe(ExcelJS.ValueType.Date);
    expect(kickOff.getCell(6).value).toEqual(new Date(Date.UTC(2027, 0, 18)));
    expect(kickOff.getCell(9).value).toBe("Priya Shah; Mark O'Connor; Dr Zoë Adams");
    expect(kickOff.getCell(11).value).toBe('todo');
    expect(kickOff.getCell(11).dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"todo,doing,done,not-needed"'],
    });
    const informational = sheet
      .getRows(2, sheet.rowCount - 1)!
      .find((r) => r.getCell(1).value === 'legacy-support-ends')!;
    expect(informational.getCell(11).value).toBe('');
  });
});

describe('kickoff import', () => {
  it('takes three statuses and a note from a workbook into the plan, changing only those lines', async () => {
    const dir = copyOf(pristine);
    const out = join(dir, 'actions.xlsx');
    expect(run(dir, ['export', '--format', 'xlsx', '--out', out, '--today', TODAY]).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.worksheets[0]!;
    const rowOf = (id: string) =>
      sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === id)!;
    rowOf('kick-off').getCell(11).value = 'done';
    rowOf('eps-notice').getCell(11).value = 'doing';
    rowOf('technical-survey').getCell(11).value = 'done';
    rowOf('technical-survey').getCell(12).value = 'Survey report on SharePoint: "Densham/IT"';
    await book.xlsx.writeFile(out);

    const before = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    const imported = run(dir, ['import', out, '--today', '2026-11-26']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/Changed 3 item\(s\)/);
    const after = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    const a = body(before).split('\n');
    const b = body(after).split('\n');
    // One line added (the note); everything else the same but the three status lines.
    expect(b.length).toBe(a.length + 1);
    const noteAt = b.findIndex((l) => l.startsWith('        notes: '));
    expect(b[noteAt]).toBe('        notes: "Survey report on SharePoint: \\"Densham/IT\\""');
    b.splice(noteAt, 1);
    expect(changedLines(a.join('\n'), b.join('\n')).map(([, x, y]) => `${x.trim()} → ${y.trim()}`)).toEqual([
      'status: todo → status: done',
      'status: todo → status: done',
      'status: todo → status: doing',
    ]);

    const again = run(dir, ['import', out, '--today', '2026-11-26']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/No changes/);
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(after);
  });

  it('takes statuses and notes from the CSV, and cancels a not-needed item in the calendars', () => {
    const dir = copyOf(pristine);
    const csv = run(dir, ['export', '--format', 'csv', '--today', TODAY]).stdout;
    const rows = parseCsv(csv);
    const edit = (id: string, status: string, notes?: string) => {
      const row = rows.find((r) => r[0] === id)!;
      row[10] = status;
      if (notes !== undefined) row[11] = notes;
    };
    edit('supplier-fixes', 'not-needed');
    edit('rooms-booked', 'done', 'Room 2, with cover\nfrom the locum');
    edit('hardware-ordered', 'doing', '-2 screens still to come');
    const text = `\uFEFF${rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`;
    writeFileSync(join(dir, 'back.csv'), text);
    const before = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    const dry = run(dir, ['import', join(dir, 'back.csv'), '--dry-run', '--today', '2026-11-26']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toMatch(/Would change 3 item\(s\)/);
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(before);

    const imported = run(dir, ['import', join(dir, 'back.csv'), '--today', '2026-11-26']);
    expect(imported.code, imported.stderr).toBe(0);
    const after = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    expect(after).toContain('        status: not-needed\n');
    expect(after).toContain('        notes: "Room 2, with cover\\nfrom the locum"\n');
    expect(after).toContain('        notes: "-2 screens still to come"\n');
    const ics = readFileSync(join(dir, 'calendars/a81001-everything.ics'), 'utf8');
    const event = ics.split('BEGIN:VEVENT').find((e) => e.includes('New supplier fixes the issues found'))!;
    expect(event).toMatch(/STATUS:CANCELLED/);
    expect(event).toMatch(/SEQUENCE:1/);

    // Exported again, the notes come out as they went in (the leading "-" neutralised).
    const back = parseCsv(run(dir, ['export', '--format', 'csv', '--today', TODAY]).stdout);
    expect(back.find((r) => r[0] === 'rooms-booked')![11]).toBe('Room 2, with cover\nfrom the locum');
    expect(back.find((r) => r[0] === 'hardware-ordered')![11]).toBe("'-2 screens still to come");
  });

  it('refuses rows it cannot apply, each with its row number, and changes nothing', () => {
    const dir = copyOf(pristine);
    const rows = parseCsv(run(dir, ['export', '--format', 'csv', '--today', TODAY]).stdout);
    rows[2]![10] = 'finished'; // row 3: the risk-escalation route
    rows[4]![0] = 'technical-servey'; // row 5
    rows[6]![4] = '2027-02-01'; // row 7: the technical survey's date
    rows[8]![10] = 'done'; // row 9: fine on its own
    writeFileSync(
      join(dir, 'bad.csv'),
      rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n'),
    );
    const before = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    const refused = run(dir, ['import', join(dir, 'bad.csv'), '--today', '2026-11-26']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /Row 3: "finished" is not a status kickoff knows; use one of todo, doing, done, not-needed/,
    );
    expect(refused.stderr).toMatch(/Row 5: there is no item "technical-servey" in the plan/);
    expect(refused.stderr).toMatch(
      /Row 7: the start date of "Technical survey[^"]*" was changed in the sheet/,
    );
    expect(refused.stderr).toMatch(/Dates change through kickoff schedule/);
    expect(refused.stderr).toMatch(
      /3 row\(s\) of .*bad.csv cannot be applied \(listed above\); nothing was changed/,
    );
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(before);
  });

  it('reads a CSV that Excel saved again: dates as dd/mm/yyyy, no byte-order mark', () => {
    const dir = copyOf(pristine);
    const rows = parseCsv(run(dir, ['export', '--format', 'csv', '--today', TODAY]).stdout);
    for (const row of rows.slice(1))
      for (const col of [4, 5]) row[col] = row[col]!.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1');
    rows.find((r) => r[0] === 'kick-off')![10] = 'Done';
    writeFileSync(
      join(dir, 'saved.csv'),
      rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n'),
    );
    const imported = run(dir, ['import', join(dir, 'saved.csv'), '--today', '2026-11-26']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/Changed 1 item\(s\)/);
    expect(imported.stderr).toMatch(/Kick-off meeting \(kick-off, row 5\): status todo → done/);
  });

  it('refuses a file that is not CSV or a workbook', () => {
    const dir = copyOf(pristine);
    writeFileSync(join(dir, 'actions.ods'), 'x');
    const refused = run(dir, ['import', join(dir, 'actions.ods')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/imports .csv and .xlsx/);
  });
});
