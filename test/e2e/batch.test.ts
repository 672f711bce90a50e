/**
 * kickoff batch, the built binary: good and bad rows (golden summaries, checked by a person; see
 * test/golden/README.md), the same bytes twice, re-running keeps people's edits, and no row can
 * make kickoff write outside --out.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { assertBuilt, kickoff, REPO_ROOT, tempDir, writeCsuTemplate } from '../helpers/cli.js';
import { expectIcsCheckPasses } from '../helpers/ics-check.js';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/batch');
const GOLDEN = join(REPO_ROOT, 'test/golden/batch');
const TODAY = ['--today', '2026-11-25'];

interface Summary {
  failed: number;
  planned: number;
  replanned: number;
  unchanged: number;
  rows: { row: number; ods?: string; status: string; reason?: string }[];
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual);
  expect(existsSync(path), `${path} is missing: run UPDATE_GOLDEN=1 npm test and review it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

beforeAll(assertBuilt);

describe('kickoff batch', () => {
  it('plans the good rows of a CSV, reports each bad row with its number and reason, and exits 1', () => {
    const out = join(tempDir(), 'plans');
    const run = kickoff(['batch', join(FIXTURES, 'practices.csv'), '--out', out, ...TODAY]);
    expect(run.code, run.stderr).toBe(1);
    expectGolden('csv-summary.json', run.stdout);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary.planned).toBe(3);
    expect(summary.failed).toBe(6);
    expect(run.stderr).toContain('Row 5: goLive "2027-02-30" is not a real date');
    expect(run.stderr).toContain('Row 8: ODS code A81001 is also on row 2.');
    expect(run.stderr).toContain('fax-machine');
    expect(readdirSync(out).sort()).toEqual(['A81001', 'A81002', 'W00005']);
    // Exactly what init writes: the quoted name with a comma, and the practice manager's calendar.
    expect(readFileSync(join(out, 'A81002/kickoff.yaml'), 'utf8')).toContain(
      'QUEENS PARK MEDICAL CENTRE, STOCKTON',
    );
    expect(filesIn(join(out, 'A81001'))).toEqual([
      'calendars',
      'calendars/a81001-everything.ics',
      'calendars/a81001-practice-manager.ics',
      'calendars/a81001-project-manager.ics',
      'kickoff.yaml',
    ]);
    expectIcsCheckPasses([join(out, 'W00005/calendars/w00005-everything.ics')]);
  });

  it('names a mistyped third party by its place in the list, counted from 1, and suggests the nearest', () => {
    const dir = tempDir();
    const csv = join(dir, 'practices.csv');
    writeFileSync(
      csv,
      'practice,ods,goLive,thirdParties,projectManager,projectManagerEmail\n' +
        'Typo Surgery,A81009,2027-04-19,eps;pathlogy,Priya Shah,priya.shah@nhs.net\n',
    );
    const run = kickoff(['batch', csv, '--out', join(dir, 'plans'), ...TODAY]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'Row 2: third party 2 ("pathlogy") is not a third party in the template. Did you mean "pathology"?',
    );
    expect(run.stderr).not.toContain('thirdParties[');
  });

  it('writes per practice what kickoff init writes from the same answers, byte for byte', () => {
    const root = tempDir();
    kickoff(['batch', join(FIXTURES, 'practices.yaml'), '--out', join(root, 'batch'), ...TODAY]);
    const answers = join(root, 'answers.yaml');
    const list = parse(readFileSync(join(FIXTURES, 'practices.yaml'), 'utf8')) as unknown[];
    const first = stringify(list[0]);
    writeFileSync(answers, first);
    const init = kickoff(['init', '--answers', answers, '--dir', join(root, 'init'), '--yes', ...TODAY]);
    expect(init.code, init.stderr).toBe(0);
    for (const file of filesIn(join(root, 'init')).filter((f) => f.includes('.')))
      expect(readFileSync(join(root, 'batch/A81001', file), 'utf8'), file).toBe(
        readFileSync(join(root, 'init', file), 'utf8'),
      );
  });

  it('reads a YAML list of answers documents, with the same row rules', () => {
    const out = join(tempDir(), 'plans');
    const run = kickoff(['batch', join(FIXTURES, 'practices.yaml'), '--out', out, '--json', ...TODAY]);
    expect(run.code).toBe(1);
    expectGolden('yaml-summary.json', run.stdout);
    expect(readdirSync(out).sort()).toEqual(['A81001', 'S12345']);
  });

  it('says a value of the wrong type is wrong, not missing (zod leaves the value out of its issue)', () => {
    const file = join(tempDir(), 'practices.yaml');
    const row = (ods: string, goLive: string) =>
      `- practice: { name: A Surgery, ods: ${ods} }\n${goLive}  systems: { current: EMIS Web, new: SystmOne }\n  team: [ { role: project-manager, name: P, email: p@nhs.net } ]\n`;
    writeFileSync(file, row('A81001', '  goLive: 5\n') + row('A81002', ''));
    const run = kickoff(['batch', file, '--out', join(tempDir(), 'plans'), ...TODAY]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Row 1: goLive should be a string');
    expect(run.stderr).toContain('Row 2: missing goLive');
  });

  it('reads the first sheet of an .xlsx workbook', () => {
    const out = join(tempDir(), 'plans');
    const run = kickoff(['batch', join(FIXTURES, 'practices.xlsx'), '--out', out, ...TODAY]);
    expect(run.code).toBe(1);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary.rows.map((r) => [r.row, r.status])).toEqual([
      [2, 'planned'],
      [3, 'failed'],
    ]);
    expect(readFileSync(join(out, 'A81001/kickoff.yaml'), 'utf8')).toContain('goLive: 2027-04-19');
  });

  it('gives the same bytes on two runs (summary and every file)', () => {
    const [a, b] = [tempDir(), tempDir()];
    const first = kickoff(['batch', join(FIXTURES, 'practices.csv'), '--out', join(a, 'o'), ...TODAY]);
    const second = kickoff(['batch', join(FIXTURES, 'practices.csv'), '--out', join(b, 'o'), ...TODAY], {
      env: { TZ: 'Pacific/Auckland' },
    });
    expect(second.stdout).toBe(first.stdout);
    const files = filesIn(join(a, 'o'));
    expect(filesIn(join(b, 'o'))).toEqual(files);
    for (const file of files.filter((f) => f.includes('.')))
      expect(readFileSync(join(b, 'o', file), 'utf8'), file).toBe(readFileSync(join(a, 'o', file), 'utf8'));
  });

  it('re-plans an existing folder like schedule, keeping edits, unless --force', () => {
    const root = tempDir();
    const csv = join(root, 'practices.csv');
    const row = (goLive: string) =>
      `practice,ods,goLive,currentSystem,newSystem,projectManager,projectManagerEmail\nDensham,A81001,${goLive},EMIS Web,SystmOne,Priya Shah,priya.shah@nhs.net\n`;
    writeFileSync(csv, row('2027-04-19'));
    const out = join(root, 'plans');
    expect(kickoff(['batch', csv, '--out', out, ...TODAY]).code).toBe(0);
    const plan = join(out, 'A81001/kickoff.yaml');
    writeFileSync(plan, `${readFileSync(plan, 'utf8')}# our note\n`);

    const same = JSON.parse(kickoff(['batch', csv, '--out', out, ...TODAY]).stdout) as Summary;
    expect(same.rows[0]!.status).toBe('unchanged');
    writeFileSync(csv, row('2027-05-10'));
    const moved = kickoff(['batch', csv, '--out', out, '--today', '2026-11-26']);
    expect(moved.code, moved.stderr).toBe(0);
    expect((JSON.parse(moved.stdout) as Summary).rows[0]!.status).toBe('replanned');
    const text = readFileSync(plan, 'utf8');
    expect(text).toContain('goLive: 2027-05-10');
    expect(text).toContain('# our note');

    const forced = kickoff(['batch', csv, '--out', out, '--force', ...TODAY]);
    expect((JSON.parse(forced.stdout) as Summary).rows[0]!.status).toBe('planned');
    expect(readFileSync(plan, 'utf8')).not.toContain('# our note');
    expect(readFileSync(`${plan}.bak`, 'utf8')).toContain('# our note');
  });

  it('never writes outside --out, whatever the names and codes say', () => {
    const root = tempDir();
    const csv = join(root, 'evil.csv');
    const pm = 'EMIS Web,SystmOne,Priya Shah,priya.shah@nhs.net';
    writeFileSync(
      csv,
      [
        'practice,ods,goLive,currentSystem,newSystem,projectManager,projectManagerEmail',
        `../../etc,../../etc,2027-04-19,${pm}`,
        `/abs/path,/abs,2027-04-19,${pm}`,
        `CON,CON,2027-04-19,${pm}`,
        `NUL,A8100/,2027-04-19,${pm}`,
        `"..\\\\..\\\\windows",..\\\\x1,2027-04-19,${pm}`,
        `../../../tmp/owned,A81001,2027-04-19,${pm}`,
      ].join('\n'),
    );
    const run = kickoff(['batch', csv, '--out', join(root, 'out'), ...TODAY], { cwd: root });
    expect(run.code).toBe(1);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary.rows.map((r) => r.status)).toEqual([
      'failed',
      'failed',
      'failed',
      'failed',
      'failed',
      'planned',
    ]);
    // Only the input and out/A81001 exist; the name with ../ is text in the plan, not a path.
    expect(readdirSync(root).sort()).toEqual(['evil.csv', 'out']);
    expect(readdirSync(join(root, 'out'))).toEqual(['A81001']);
    expect(readFileSync(join(root, 'out/A81001/kickoff.yaml'), 'utf8')).toContain('../../../tmp/owned');
  });

  it('will not write through a practice folder that is a symbolic link to elsewhere', () => {
    const root = tempDir();
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere);
    mkdirSync(join(root, 'out'));
    symlinkSync(elsewhere, join(root, 'out/A81001'));
    const csv = join(root, 'p.csv');
    writeFileSync(
      csv,
      'practice,ods,goLive,currentSystem,newSystem,projectManager,projectManagerEmail\nDensham,A81001,2027-04-19,EMIS Web,SystmOne,Priya Shah,priya.shah@nhs.net\n',
    );
    const run = kickoff(['batch', csv, '--out', join(root, 'out'), ...TODAY]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('symbolic link');
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('stops before planning anything when a required column is missing (exit 1), and needs --out (exit 2)', () => {
    const root = tempDir();
    const csv = join(root, 'p.csv');
    writeFileSync(csv, 'practice,goLive\nDensham,2027-04-19\n');
    const run = kickoff(['batch', csv, '--out', join(root, 'out'), ...TODAY]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no ods column');
    expect(existsSync(join(root, 'out'))).toBe(false);
    expect(kickoff(['batch', csv, ...TODAY]).code).toBe(2);
    expect(kickoff(['batch', join(root, 'none.csv'), '--out', join(root, 'out')]).code).toBe(3);
  });

  it('plans a row with the template its template column names (relative to the file), and fails a row whose template is missing', () => {
    const root = tempDir();
    writeCsuTemplate(root);
    const pm = 'EMIS Web,SystmOne,Priya Shah,priya.shah@nhs.net';
    const csv = join(root, 'practices.csv');
    writeFileSync(
      csv,
      [
        'practice,ods,goLive,template,currentSystem,newSystem,projectManager,projectManagerEmail',
        `Densham,A81001,2027-04-19,templates/csu.yaml,${pm}`,
        `Queens Park,A81002,2027-04-19,templates/none.yaml,${pm}`,
        `Bluebell,A81004,2027-04-19,,${pm}`,
      ].join('\n'),
    );
    const runs = ['1', '2'].map((jobs) => {
      const out = join(root, `out${jobs}`);
      return {
        out,
        run: kickoff(['batch', csv, '--out', out, '--jobs', jobs, ...TODAY], { cwd: REPO_ROOT }),
      };
    });
    const { out, run } = runs[0]!;
    expect(run.code).toBe(1);
    expect(runs[1]!.run.stdout).toBe(run.stdout);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary.rows.map((r) => r.status)).toEqual(['planned', 'failed', 'planned']);
    expect(summary.rows[1]!.reason).toMatch(
      /^template templates\/none.yaml: Cannot read the template .*none.yaml: it does not exist/,
    );
    expect(readFileSync(join(out, 'A81001/kickoff.yaml'), 'utf8')).toContain(
      'from template csu-variant 1.1.0',
    );
    expect(readFileSync(join(out, 'A81004/kickoff.yaml'), 'utf8')).toContain(
      'from template nhs-england-gp 1.1.0',
    );
    expect(run.stderr).not.toContain('Ignored column');
  }, 120_000);
});
