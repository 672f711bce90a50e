/**
 * kickoff batch --jobs N, the built binary: worker threads give the same summary and the same files,
 * in the same order, as one thread (over the fixture and ~200 real practices from epraccur.csv); a
 * worker that crashes stops the run with exit 70 naming the practice, and never hangs; a bad --jobs
 * is a usage error; the progress display still works in a real pseudo-terminal.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node-pty';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, commandLine, kickoff, REPO_ROOT, tempDir, type CliRun } from '../helpers/cli.js';
import { SHARED } from '../helpers/shared.js';

const FIXTURE = join(REPO_ROOT, 'test/fixtures/batch/practices.csv');
const EPRACCUR = join(SHARED, 'data/epraccur.csv');
const TODAY = ['--today', '2026-11-25'];

beforeAll(assertBuilt);

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** Runs the batch into a new folder with --jobs N (none: kickoff's choice); returns the run and the folder. */
function batch(
  file: string,
  jobs: string | undefined,
  env: NodeJS.ProcessEnv = {},
): { run: CliRun; out: string } {
  const out = join(tempDir(), 'plans');
  const run = kickoff(['batch', file, '--out', out, ...(jobs ? ['--jobs', jobs] : []), ...TODAY], { env });
  return { run, out };
}

function expectSameRuns(a: { run: CliRun; out: string }, b: { run: CliRun; out: string }): void {
  expect(b.run.code).toBe(a.run.code);
  expect(b.run.stdout).toBe(a.run.stdout);
  expect(b.run.stderr).toBe(a.run.stderr);
  const files = filesIn(a.out);
  expect(filesIn(b.out)).toEqual(files);
  for (const file of files.filter((f) => f.includes('.')))
    expect(readFileSync(join(b.out, file), 'utf8'), file).toBe(readFileSync(join(a.out, file), 'utf8'));
}

/**
 * ~200 active GP practices from NHS Digital's epraccur (columns: ODS code, name, …, status code A,
 * …, prescribing setting 4 = GP practice), with go-live dates, third parties and systems varied
 * row by row, and two bad rows (a duplicate code, an impossible date) so failures interleave.
 */
function realPractices(count: number): string {
  const rows = readFileSync(EPRACCUR, 'latin1')
    .split('\n')
    .map((line) => line.split('","').map((f) => f.replace(/^"|"$/g, '')))
    .filter((f) => f[12] === 'A' && f[25] === '4')
    .slice(0, count);
  const goLives = ['2027-04-19', '2027-05-10', '19/07/2027', '2027-09-06', '2027-02-01'];
  const parties = ['eps;pathology', 'eps', 'eps;docman;gp2gp', '', 'pathology;sms'];
  const quote = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = rows.map((f, i) =>
    [
      quote(f[1]!),
      i === 50 ? rows[10]![0]! : f[0]!,
      i === 120 ? '2027-02-29' : goLives[i % goLives.length]!,
      parties[i % parties.length]!,
      i % 2 ? 'EMIS Web' : 'SystmOne',
      i % 2 ? 'SystmOne' : 'EMIS Web',
      'Priya Shah',
      'priya.shah@nhs.net',
    ].join(','),
  );
  const header =
    'practice,ods,goLive,thirdParties,currentSystem,newSystem,projectManager,projectManagerEmail';
  return `${[header, ...lines].join('\r\n')}\r\n`;
}

/** realPractices written to a practices.csv of its own. */
function realPracticesFile(count: number): string {
  const csv = join(tempDir(), 'practices.csv');
  writeFileSync(csv, realPractices(count));
  return csv;
}

describe('kickoff batch --jobs', () => {
  it('gives the fixture the same summary, messages and files with 1 or 3 jobs', () => {
    const one = batch(FIXTURE, '1');
    expect(one.run.code, one.run.stderr).toBe(1);
    expect(JSON.parse(one.run.stdout)).toMatchObject({ planned: 3, failed: 6 });
    expectSameRuns(one, batch(FIXTURE, '3'));
  }, 120_000);

  it.skipIf(!existsSync(EPRACCUR) && !process.env.CI)(
    'gives ~200 real practices the same summary and files with 1 or 3 jobs',
    () => {
      const csv = realPracticesFile(200);
      const one = batch(csv, '1');
      expect(one.run.code, one.run.stderr).toBe(1);
      const summary = JSON.parse(one.run.stdout) as { practices: number; failed: number; planned: number };
      expect(summary).toMatchObject({ practices: 200, failed: 2, planned: 198 });
      expect(one.run.stderr).toMatch(/Row 52: ODS code \w+ is also on row 12\./);
      expect(one.run.stderr).toContain('Row 122: goLive "2027-02-29" is not a real date');
      expect(readdirSync(one.out)).toHaveLength(198);
      expectSameRuns(one, batch(csv, '3'));
    },
    240_000,
  );

  it.skipIf(!existsSync(EPRACCUR) && !process.env.CI)(
    'gives 600 real practices the same summary and files without --jobs (a worker per core) as with --jobs 1',
    () => {
      const csv = realPracticesFile(600);
      const one = batch(csv, '1');
      expect(JSON.parse(one.run.stdout)).toMatchObject({ practices: 600, failed: 2, planned: 598 });
      expectSameRuns(one, batch(csv, undefined));
    },
    240_000,
  );

  it('stops with exit 70 naming the practice when a worker thread stops or meets a bug', () => {
    for (const fault of ['exit:3', 'throw:3']) {
      const { run } = batch(FIXTURE, '2', { KICKOFF_TEST_WORKER_CRASH: fault });
      expect(run.code, `${fault}: ${run.stderr}`).toBe(70);
      // A bug names its row; a thread that stops names the rows it held (it cannot say which one).
      const row3 = 'row 3 (a81002, QUEENS PARK MEDICAL CENTRE, STOCKTON)';
      expect(run.stderr).toContain(
        fault === 'throw:3'
          ? `kickoff: internal error: while planning ${row3}: injected fault`
          : `kickoff: internal error: while planning one of row 2 (A81001, THE DENSHAM SURGERY); ${row3}`,
      );
      expect(run.stderr).toContain('This is a bug in kickoff.');
      expect(run.stdout).toBe('');
    }
  }, 120_000);

  it('refuses a --jobs that is not a whole number of 1 or more (exit 2), before writing anything', () => {
    for (const jobs of ['0', '-2', 'two', '1.5']) {
      const { run, out } = batch(FIXTURE, jobs);
      expect(run.code, jobs).toBe(2);
      expect(run.stderr).toContain(`--jobs ${jobs}: give a whole number of practices to plan at once`);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('shows progress and the table in a terminal with --jobs 2', async () => {
    const out = join(tempDir(), 'plans');
    const { NO_COLOR: _unset, ...env } = process.env;
    const run = await new Promise<{ code: number; output: string }>((done) => {
      const pty = spawn(...commandLine(['batch', FIXTURE, '--out', out, '--jobs', '2', ...TODAY]), {
        name: 'xterm-256color',
        cols: 160,
        rows: 50,
        cwd: REPO_ROOT,
        env,
      });
      let output = '';
      pty.onData((data) => (output += data));
      pty.onExit(({ exitCode }) => done({ code: exitCode, output }));
    });
    expect(run.code, run.output).toBe(1);
    expect(run.output).toMatch(/Planning \d of 9…/);
    expect(run.output).toMatch(/row +practice +ODS +go-live/);
    expect(run.output).toContain('9 practice(s) in');
    expect(readdirSync(out).sort()).toEqual(['A81001', 'A81002', 'W00005']);
  }, 120_000);
});
