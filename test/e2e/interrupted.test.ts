/**
 * Interruptions (issue 13), the built binary: `schedule` and `batch` killed with SIGKILL at random
 * moments, many times. Every plan and calendar on disk is always a complete version (old or new),
 * never half; temp files a killed run leaves are ignored and removed by the next run that writes
 * there. Two `schedule` runs on one plan at once both finish, and leave a complete plan.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/adapters/plan-file/read.js';
import { assertBuilt, commandLine, examplePlan, kickoff, REPO_ROOT, tempDir } from '../helpers/cli.js';
import { kickoffAsync } from '../helpers/cli-async.js';
import { loadDefaults } from '../helpers/fixtures.js';
import { expectIcsCheckPasses } from '../helpers/ics-check.js';

const TODAY = '2026-11-25';
const RUNS = 50;
let pristine: string;

beforeAll(() => {
  assertBuilt();
  pristine = examplePlan('kickoff-kill-pristine-', TODAY);
});

interface KilledRun {
  /** null: killed before it finished. */
  readonly code: number | null;
  readonly elapsed: number;
}

/** Starts kickoff and kills it with SIGKILL after `delayMs` (if it is still running then). */
function runKilledAfter(args: readonly string[], cwd: string, delayMs: number): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const [command, line] = commandLine(args);
    const child = spawn(command, line, {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, elapsed: performance.now() - started });
    });
  });
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => join(f.parentPath, f.name));
}

/** A calendar that a client would take whole: BEGIN/END pairs balance, and it ends as RFC 5545 says. */
function expectWholeCalendar(path: string): void {
  const text = readFileSync(path, 'utf8');
  expect(text.startsWith('BEGIN:VCALENDAR\r\n'), path).toBe(true);
  expect(text.endsWith('END:VCALENDAR\r\n'), path).toBe(true);
  const open: string[] = [];
  for (const line of text.split('\r\n')) {
    if (line.startsWith('BEGIN:')) open.push(line.slice(6));
    else if (line.startsWith('END:')) expect(open.pop(), `${path}: ${line}`).toBe(line.slice(4));
  }
  expect(open, path).toEqual([]);
}

/** Every plan under `dir` reads back through kickoff's own reader; every calendar is whole. */
async function expectAllWhole(dir: string): Promise<void> {
  const { template } = await loadDefaults();
  for (const path of files(dir)) {
    if (path.endsWith('kickoff.yaml')) {
      const text = readFileSync(path, 'utf8');
      expect(() => parsePlan(text, path, template), path).not.toThrow();
    } else if (path.endsWith('.ics')) expectWholeCalendar(path);
  }
}

const temps = (dir: string) => files(dir).filter((f) => f.endsWith('.tmp'));

/** How long an uninterrupted run takes here: the median of three (kills are spread over it). */
async function runTime(args: readonly string[], cwd: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const run = await kickoffAsync(args, { cwd });
    expect(run.stderr).not.toMatch(/internal error/);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[1]!;
}

/**
 * Moments to kill a run: anywhere in its last three quarters, where it reads, plans and writes (the
 * first quarter is Node starting, when a kill finds nothing to break). A fixed floor (300 ms) sent
 * most kills past the end once kickoff started faster, so the test no longer interrupted anything;
 * a span timed once at the start did too when the machine got less busy afterwards (the rest of the
 * suite finishing): a run that ends before its kill now shortens the span for the next ones.
 */
function killMoments(timed: number) {
  let span = timed;
  return {
    next: () => span * (0.25 + 0.75 * Math.random()),
    learn: (run: KilledRun) => {
      if (run.code !== null) span = Math.min(span, run.elapsed);
    },
  };
}

describe('kill -9 at random moments', () => {
  it(`leaves the plan and calendars whole across ${RUNS} killed schedule runs, and the next run tidies up`, async () => {
    const dir = tempDir('kickoff-kill-schedule-');
    cpSync(pristine, dir, { recursive: true });
    const goLives = ['2027-05-10', '2027-04-19'];
    const moments = killMoments(await runTime(['schedule', '--go-live', goLives[0]!, '--today', TODAY], dir));
    let killed = 0;
    for (let i = 0; i < RUNS; i++) {
      const run = await runKilledAfter(
        ['schedule', '--go-live', goLives[i % 2]!, '--today', TODAY],
        dir,
        moments.next(),
      );
      moments.learn(run);
      if (run.code === null) killed += 1;
      await expectAllWhole(dir);
      const plan = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
      expect(goLives.some((d) => plan.includes(`goLive: ${d}`))).toBe(true);
    }
    expect(killed, 'most runs should have been killed part-way').toBeGreaterThan(RUNS / 4);
    // A finishing run removes every temp file the killed runs left (and these two, for certain: their
    // process ids are beyond any real one).
    writeFileSync(join(dir, '.kickoff.yaml.2147483646.deadbeef.tmp'), 'format: 1\nhalf a pl');
    // A stale lock a run moved aside to take it over, and was killed before removing.
    writeFileSync(join(dir, 'kickoff.yaml.lock.stale.2147483646'), '{}');
    writeFileSync(join(dir, 'calendars/.a81001-everything.ics.2147483646.deadbeef.tmp'), 'BEGIN:VCAL');
    const final = await kickoffAsync(['schedule', '--go-live', '2027-05-10', '--today', TODAY], { cwd: dir });
    expect(final.stderr).not.toMatch(/internal error/);
    expect([0, 1]).toContain(final.code);
    expect(temps(dir)).toEqual([]);
    await expectAllWhole(dir);
    const sample = join(dir, 'calendars/a81001-everything.ics');
    expectIcsCheckPasses([sample]);
  }, 600_000);

  it(`leaves every practice whole or absent across ${RUNS} killed batch runs`, async () => {
    const practices = join(REPO_ROOT, 'test/fixtures/batch/practices.csv');
    const root = tempDir('kickoff-kill-batch-');
    const args = (out: string) => ['batch', practices, '--out', out, '--today', TODAY];
    const moments = killMoments(await runTime(args(join(root, 'timed')), root));
    let killed = 0;
    for (let i = 0; i < RUNS; i++) {
      const run = await runKilledAfter(args(join(root, `run-${i}`)), root, moments.next());
      moments.learn(run);
      if (run.code === null) killed += 1;
      await expectAllWhole(root);
    }
    expect(killed, 'most runs should have been killed part-way').toBeGreaterThan(RUNS / 4);
    const again = await kickoffAsync(args(join(root, 'after')), { cwd: root });
    expect(again.stderr).not.toMatch(/internal error/);
    expect(again.code).toBe(1); // the fixture has bad rows
    await expectAllWhole(root);
  }, 600_000);
});

describe('kill -9 during import', () => {
  const IMPORTS = 30;
  it(`leaves the plan whole across ${IMPORTS} killed imports, and the next import, with nothing to change, removes every temp file`, async () => {
    const dir = tempDir('kickoff-kill-import-');
    cpSync(pristine, dir, { recursive: true });
    // Two action lists: the kick-off meeting done in one, to do in the other; each import changes it.
    // Without its kickoff record column (the last), as an older kickoff made it: each sheet is then
    // taken as it is, so the two undo each other and every import changes the plan.
    const exported = kickoff(['export', '--format', 'csv', '--today', TODAY], { cwd: dir }).stdout.replace(
      /,[^,\r\n]*\r$/gm,
      '\r',
    );
    const withStatus = (status: string) =>
      exported.replace(/^(kick-off,.*,)todo,([^,]*)\r$/m, `$1${status},$2\r`);
    writeFileSync(join(dir, 'done.csv'), withStatus('done'));
    writeFileSync(join(dir, 'todo.csv'), exported);
    expect(withStatus('done')).not.toBe(exported);
    const sheets = ['done.csv', 'todo.csv'];
    const args = (sheet: string) => ['import', sheet, '--today', TODAY];
    const moments = killMoments(await runTime(args(sheets[0]!), dir));
    let killed = 0;
    for (let i = 0; i < IMPORTS; i++) {
      const run = await runKilledAfter(args(sheets[i % 2]!), dir, moments.next());
      moments.learn(run);
      if (run.code === null) killed += 1;
      await expectAllWhole(dir);
    }
    expect(killed, 'most runs should have been killed part-way').toBeGreaterThan(IMPORTS / 4);
    // Left by runs killed for certain (their process ids are beyond any real one), in every folder.
    writeFileSync(join(dir, '.kickoff.yaml.2147483646.deadbeef.tmp'), 'format: 1\nhalf a pl');
    // A stale lock a run moved aside to take it over, and was killed before removing.
    writeFileSync(join(dir, 'kickoff.yaml.lock.stale.2147483646'), '{}');
    writeFileSync(join(dir, 'calendars/.a81001-everything.ics.2147483646.deadbeef.tmp'), 'BEGIN:VCAL');
    mkdirSync(join(dir, '.kickoff/history/kickoff.yaml'), { recursive: true });
    writeFileSync(join(dir, '.kickoff/history/kickoff.yaml/.000001.json.2147483646.deadbeef.tmp'), '{"num');
    // The plan as the kills left it: import the sheet that matches it, so nothing changes.
    const plan = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    const current = /- id: kick-off\n(?: {8}.*\n)*? {8}status: done/.test(plan) ? 'done.csv' : 'todo.csv';
    const next = await kickoffAsync(args(current), { cwd: dir });
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toMatch(/No changes/);
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(plan);
    expect(temps(dir)).toEqual([]);
    expect(files(dir).filter((f) => /\.lock/.test(f))).toEqual([]);
    await expectAllWhole(dir);
  }, 600_000);
});

describe('two schedule runs at once', () => {
  it('both finish (or one refuses clearly) and leave a complete plan and calendars', async () => {
    for (let round = 0; round < 5; round++) {
      const dir = tempDir('kickoff-race-');
      cpSync(pristine, dir, { recursive: true });
      const [a, b] = await Promise.all([
        kickoffAsync(['schedule', '--go-live', '2027-05-10', '--today', TODAY], { cwd: dir }),
        kickoffAsync(['schedule', '--go-live', '2027-05-17', '--today', TODAY], { cwd: dir }),
      ]);
      for (const run of [a, b]) {
        expect(run.stderr).not.toMatch(/internal error|This is a bug/);
        expect([0, 1, 3]).toContain(run.code);
      }
      expect([a.code, b.code].filter((c) => c === 0 || c === 1).length).toBeGreaterThanOrEqual(1);
      await expectAllWhole(dir);
      expect(temps(dir)).toEqual([]);
      const plan = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
      expect(/goLive: 2027-05-(10|17)/.test(plan)).toBe(true);
    }
  }, 300_000);
});

describe('a run with nothing to change', () => {
  it('still removes the temp files killed runs left beside the plan (schedule and calendar)', () => {
    const dir = tempDir('kickoff-tidy-');
    cpSync(pristine, dir, { recursive: true });
    for (const command of [['schedule'], ['calendar']]) {
      writeFileSync(join(dir, '.kickoff.yaml.2147483646.deadbeef.tmp'), 'format: 1\nhalf a pl');
      // A stale lock a run moved aside to take it over, and was killed before removing.
      writeFileSync(join(dir, 'kickoff.yaml.lock.stale.2147483646'), '{}');
      const before = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
      const run = kickoff([...command, '--plan', dir, '--today', TODAY]);
      expect([0, 1]).toContain(run.code);
      expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(before);
      expect(temps(dir)).toEqual([]);
    }
  });
});
