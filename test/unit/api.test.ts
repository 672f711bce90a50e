/**
 * The public API (src/index.ts, package.json `exports`): the use cases the commands wrap, called as
 * a CSU's Node script would, give the same bytes as the commands.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswers } from '../../src/adapters/inputs/answers-loader.js';
import {
  ExitCode,
  loadWorkspace,
  planPractice,
  readPracticePlan,
  replanPractice,
  UsageError,
  type Answers,
} from '../../src/index.js';
import { REPO_ROOT, tempDir } from '../helpers/cli.js';
import { answersFor } from '../helpers/fixtures.js';

const GOLDEN = join(REPO_ROOT, 'test/golden/christmas');

async function christmasAnswers(): Promise<Answers> {
  const { template } = await loadWorkspace();
  const partial = await loadAnswers(join(GOLDEN, 'answers.yaml'), template);
  return { nation: 'england', thirdParties: [], absences: [], ...partial } as Answers;
}

describe('planPractice', () => {
  it('writes the golden plan and calendar byte for byte, as kickoff init does', async () => {
    const dir = tempDir();
    const result = await planPractice(await christmasAnswers(), { dir, today: '2026-09-01' });
    expect(result.planText).toBe(readFileSync(join(GOLDEN, 'kickoff.yaml'), 'utf8'));
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(result.planText);
    expect(readFileSync(join(dir, 'calendars/a81002-everything.ics'), 'utf8')).toBe(
      readFileSync(join(GOLDEN, 'everything.ics'), 'utf8'),
    );
    expect(result.written.length).toBeGreaterThan(1);
  });

  it('writes nothing with dryRun, and refuses to overwrite a plan unless told to replace it', async () => {
    const dir = tempDir();
    const answers = answersFor();
    const dry = await planPractice(answers, { dir, today: '2026-11-25', dryRun: true });
    expect(dry.written).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
    await planPractice(answers, { dir, today: '2026-11-25' });
    await expect(planPractice(answers, { dir, today: '2026-11-25' })).rejects.toBeInstanceOf(UsageError);
    const again = await planPractice(answers, { dir, today: '2026-11-25', replace: true });
    expect(again.replaced).toBe(true);
    expect(readdirSync(dir)).toContain('kickoff.yaml.bak');
  });

  it('refuses an ODS code that is not one, so a code can never become a path', async () => {
    const dir = tempDir();
    const answers = answersFor({ practice: { name: 'X', ods: '../../etc' } });
    await expect(planPractice(answers, { dir, today: '2026-11-25' })).rejects.toMatchObject({
      exitCode: ExitCode.problems,
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a third party listed twice (found by fuzzing: it crashed writing the plan)', async () => {
    const dir = tempDir();
    const answers = answersFor({ thirdParties: [{ id: 'eps' }, { id: 'eps' }] });
    await expect(planPractice(answers, { dir, today: '2026-11-25' })).rejects.toMatchObject({
      exitCode: ExitCode.problems,
      message: expect.stringContaining('"eps" is listed twice'),
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('replanPractice', () => {
  it('moves go-live in the plan a folder holds, keeping a hand-written note', async () => {
    const dir = tempDir();
    await planPractice(answersFor(), { dir, today: '2026-11-25' });
    const file = join(dir, 'kickoff.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}# our note\n`);
    const result = await replanPractice(dir, { goLive: '2027-06-21' }, { today: '2026-11-26' });
    expect(result.planFile).toBe(file);
    expect(result.diff.goLive).toEqual({ before: '2027-06-14', after: '2027-06-21' });
    expect(result.planChanged).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('goLive: 2027-06-21');
    expect(text).toContain('# our note');
    const read = await readPracticePlan(dir, { today: '2026-11-26' });
    expect(read.plan.answers.goLive).toBe('2027-06-21');
  });
});

describe('the package entry', () => {
  it('resolves `kickoff` through package.json exports to the built API, with no side effects', () => {
    const script = `
      const before = process.listenerCount('exit') + process.listenerCount('uncaughtException');
      const api = await import('kickoff');
      const after = process.listenerCount('exit') + process.listenerCount('uncaughtException');
      console.log(JSON.stringify({ plan: typeof api.planPractice, replan: typeof api.replanPractice, same: before === after }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ plan: 'function', replan: 'function', same: true });
  });
});

describe('planBatch, through the package entry', () => {
  it('plans a batch in worker threads with the same summary as in one thread, and refuses jobs: 0', () => {
    const out = tempDir();
    const script = `
      import { loadWorkspace, planBatch, readBatch } from 'kickoff';
      const workspace = await loadWorkspace();
      const input = await readBatch('test/fixtures/batch/practices.csv', workspace.template);
      const run = (jobs, dir) => planBatch(input, { out: dir, jobs, workspace, today: '2026-11-25' });
      const one = await run(1, ${JSON.stringify(join(out, 'one'))});
      const two = await run(2, ${JSON.stringify(join(out, 'two'))});
      const zero = await run(0, ${JSON.stringify(join(out, 'zero'))}).catch((e) => e.exitCode);
      console.log(JSON.stringify({ same: JSON.stringify(one) === JSON.stringify(two), planned: two.planned, zero }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ same: true, planned: 3, zero: ExitCode.usage });
    expect(readdirSync(join(out, 'two')).sort()).toEqual(['A81001', 'A81002', 'W00005']);
  }, 60_000);
});
