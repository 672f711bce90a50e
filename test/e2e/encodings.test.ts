/**
 * `kickoff batch` and `kickoff import`, the built binary, reading the files Excel on Windows saves:
 * "CSV UTF-8" (UTF-8 with a mark), UTF-8 without one, "CSV" (Windows-1252), "Unicode Text"
 * (tab-separated UTF-16LE with a mark) and UTF-16BE. Names and notes with é, £ and ’ must arrive
 * intact, and a guessed encoding is said on standard error.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/render/csv.js';
import { assertBuilt, kickoff, tempDir } from '../helpers/cli.js';
import { excelBytes, type ExcelEncoding } from '../helpers/excel-bytes.js';

const TODAY = ['--today', '2026-11-25'];
const ENCODINGS: readonly ExcelEncoding[] = ['utf-8-bom', 'utf-8', 'windows-1252', 'utf-16le', 'utf-16be'];
const NOTE = /is not UTF-8: kickoff read it as Windows-1252/;
/** Excel's "Unicode Text" is tab-separated; its CSVs are comma-separated. */
const separator = (encoding: ExcelEncoding) => (encoding === 'utf-16le' ? '\t' : ',');

beforeAll(assertBuilt);

describe('kickoff batch reads the practices file in every encoding Excel saves', () => {
  for (const encoding of ENCODINGS)
    it(encoding, () => {
      const root = tempDir();
      const s = separator(encoding);
      const rows = [
        ['practice', 'ods', 'goLive', 'currentSystem', 'newSystem', 'projectManager', 'projectManagerEmail'],
        [
          'Café Surgery — O’Neill’s £ Practice',
          'A81001',
          '2027-04-19',
          'EMIS Web',
          'SystmOne',
          'Zoë O’Brien',
          'zoe@nhs.net',
        ],
      ];
      const csv = join(root, 'practices.csv');
      writeFileSync(csv, excelBytes(`${rows.map((r) => r.join(s)).join('\r\n')}\r\n`, encoding));
      const run = kickoff(['batch', csv, '--out', join(root, 'out'), ...TODAY]);
      expect(run.code, run.stderr).toBe(0);
      const plan = readFileSync(join(root, 'out/A81001/kickoff.yaml'), 'utf8');
      expect(plan).toContain('Café Surgery — O’Neill’s £ Practice');
      expect(plan).toContain('Zoë O’Brien');
      if (encoding === 'windows-1252') expect(run.stderr).toMatch(NOTE);
      else expect(run.stderr).not.toMatch(/UTF-8/);
    });
});

describe('kickoff import reads the action list in every encoding Excel saves', () => {
  let pristine: string;
  beforeAll(() => {
    pristine = tempDir('kickoff-enc-');
    const run = kickoff(['init', '--example', '--dir', pristine, ...TODAY]);
    if (run.code !== 0) throw new Error(run.stderr);
  });

  for (const encoding of ENCODINGS)
    it(encoding, () => {
      const dir = tempDir();
      cpSync(pristine, dir, { recursive: true });
      const plan = join(dir, 'kickoff.yaml');
      const exported = kickoff(['export', '--format', 'csv', '--plan', plan, ...TODAY]).stdout;
      const rows = parseCsv(exported);
      const row = rows.find((r) => r[0] === 'rooms-booked')!;
      row[10] = 'done';
      row[11] = 'Café room booked: £40, O’Neill’s key';
      const s = separator(encoding);
      const cell = (c: string) => (c.includes(s) || /["\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
      const file = join(dir, encoding === 'utf-16le' ? 'actions.txt' : 'actions.csv');
      writeFileSync(file, excelBytes(`${rows.map((r) => r.map(cell).join(s)).join('\r\n')}\r\n`, encoding));
      const run = kickoff(['import', file, '--plan', plan, '--today', '2026-11-26']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/Changed 1 item\(s\)/);
      expect(readFileSync(plan, 'utf8')).toContain('        notes: "Café room booked: £40, O’Neill’s key"\n');
      if (encoding === 'windows-1252') expect(run.stderr).toMatch(NOTE);
      else expect(run.stderr).not.toMatch(/UTF-8/);
    });
});
