/**
 * How Windows treats files, through the whole program (issue 20), as far as Linux can show it:
 * a plan another program holds open (a real EBUSY: the plan is a bind mount, which needs root) and
 * a practices list written on Windows, with `.\templates\…` in its template column. Run against
 * node bin/kickoff.js, or with KICKOFF_TEST_EXECUTABLE the single executable. Under Wine, the real
 * thing: test/e2e/windows-wine.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, examplePlan, kickoff, tempDir, writeCsuTemplate } from '../helpers/cli.js';

const TODAY = ['--today', '2026-11-26'];

beforeAll(() => assertBuilt());

/** Every file under `dir` (names and bytes), to show nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return Object.fromEntries(
    files.map((e) => {
      const file = join(e.parentPath, e.name);
      return [file.slice(dir.length), readFileSync(file, 'base64')];
    }),
  );
}

const canBindMount =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  spawnSync('mount', ['--version'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!canBindMount)('a plan another program holds open (EBUSY on the rename)', () => {
  const mounted: string[] = [];
  afterEach(() => {
    for (const file of mounted.splice(0)) spawnSync('umount', [file], { stdio: 'ignore' });
  });

  it('tick waits, then exits 3 naming the likely holders, and leaves the plan, calendars and history as they were', () => {
    const dir = examplePlan('kickoff-held-');
    const plan = join(dir, 'kickoff.yaml');
    const copy = join(tempDir('kickoff-holder-'), 'kickoff.yaml');
    writeFileSync(copy, readFileSync(plan));
    const before = snapshot(dir);
    expect(spawnSync('mount', ['--bind', copy, plan]).status).toBe(0);
    mounted.push(plan);

    const started = Date.now();
    const run = kickoff(['tick', 'kick-off', '--plan', dir, ...TODAY]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain(
      `Cannot replace ${plan}: another program has it open (Excel or Notepad, say), or OneDrive or a virus scanner is busy with it. kickoff.yaml was not changed.`,
    );
    expect(run.stderr).toContain('Close the file in the other program, wait for OneDrive to finish syncing');

    spawnSync('umount', [plan]);
    mounted.pop();
    // The history entry written before the rename records a change that never happened: readers skip it.
    const { ['/.kickoff/history/kickoff.yaml/000001.json']: _skipped, ...after } = snapshot(dir);
    expect(after).toEqual(before);
    expect(kickoff(['history', '--plan', dir, ...TODAY]).stdout).toContain('kickoff has kept no change yet');
    expect(readdirSync(dir).sort()).toEqual(['.kickoff', 'calendars', 'kickoff.yaml']);
    // Let go, the same command goes through.
    expect(kickoff(['tick', 'kick-off', '--plan', dir, ...TODAY]).code).toBe(0);
    expect(readFileSync(plan, 'utf8')).toMatch(/id: kick-off\n(.*\n)*?\s+status: done/);
  }, 60_000);
});

describe('a practices list written on Windows', () => {
  it('finds the template its template column names as .\\templates\\csu.yaml or templates\\csu.yaml', () => {
    const root = tempDir();
    writeCsuTemplate(root);
    const pm = 'EMIS Web,SystmOne,Priya Shah,priya.shah@nhs.net';
    writeFileSync(
      join(root, 'practices.csv'),
      [
        'practice,ods,goLive,template,currentSystem,newSystem,projectManager,projectManagerEmail',
        `Densham,A81001,2027-04-19,.\\templates\\csu.yaml,${pm}`,
        `Queens Park,A81002,2027-04-19,templates\\csu.yaml,${pm}`,
      ].join('\r\n'),
    );
    const run = kickoff(['batch', join(root, 'practices.csv'), '--out', join(root, 'out'), ...TODAY]);
    expect(run.code, run.stderr).toBe(0);
    for (const ods of ['A81001', 'A81002'])
      expect(readFileSync(join(root, 'out', ods, 'kickoff.yaml'), 'utf8')).toContain(
        'from template csu-variant 1.1.0',
      );
  }, 60_000);
});
