/**
 * The workbook printed by a real spreadsheet: LibreOffice Calc (headless) converts it to PDF, and
 * poppler reads the pages back. A4 landscape, every column on the page, the header row and the
 * practice's name on each page. `.ci/run` installs LibreOffice; elsewhere a machine without it
 * skips this file.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { which } from '../helpers/chromium.js';
import { assertBuilt, examplePlan, kickoff, tempDir } from '../helpers/cli.js';

const SOFFICE = which('soffice');
const PDFTOTEXT = which('pdftotext');
const SKIP = (!SOFFICE || !PDFTOTEXT) && !process.env.CI;

let pdf: string;

beforeAll(() => {
  if (SKIP) return;
  assertBuilt();
  const dir = examplePlan('kickoff-workbook-lo-', '2026-11-25');
  const book = join(dir, 'actions.xlsx');
  const run = kickoff(['export', '--format', 'xlsx', '--out', book, '--plan', dir, '--today', '2026-11-25']);
  if (run.code !== 0) throw new Error(run.stderr);
  const profile = tempDir('kickoff-lo-profile-');
  const converted = spawnSync(
    SOFFICE ?? 'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${profile}`,
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      book,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (converted.status !== 0) throw new Error(`soffice: ${converted.stderr}`);
  pdf = join(dir, 'actions.pdf');
}, 180_000);

function pdfText(...args: string[]): string {
  const run = spawnSync(PDFTOTEXT ?? 'pdftotext', [...args, pdf, '-'], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

describe.skipIf(SKIP)('the workbook printed by LibreOffice Calc', () => {
  it('prints A4 landscape, every column across one page, a few pages down', () => {
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(6);
    // Every column's heading on the first page: nothing spills onto a page to the right.
    const first = pdfText('-f', '1', '-l', '1', '-layout');
    for (const heading of ['Id', 'Phase', 'Action', 'Start', 'End', 'Time', 'Owner roles', 'Status', 'Notes'])
      expect(first).toContain(heading);
  });

  it('repeats the header row and names the practice on every page', () => {
    const last = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout)![1]);
    for (let page = 1; page <= last; page++) {
      const text = pdfText('-f', String(page), '-l', String(page), '-layout');
      expect(text, `page ${page}`).toContain('Action list: The Densham Surgery (A81001)');
      expect(text, `page ${page}`).toMatch(/Owner roles\s+Owner names\s+Third party\s+Status\s+Notes/);
      expect(text, `page ${page}`).toContain(`Page ${page} of ${last}`);
    }
  });
});
