/**
 * The same programme gets the same --suggest advice, however portfolio is made faster: the advice on
 * a fixed programme (test/helpers/weekly-programme.ts) is compared with the advice the code gave
 * before it was optimised, committed in test/golden/advice/. Regenerate only on purpose, with
 * UPDATE_GOLDEN=1, and read the diff: a changed move is changed advice.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, kickoff, REPO_ROOT, tempDir } from '../helpers/cli.js';
import { writeWeeklyProgramme } from '../helpers/weekly-programme.js';

const TODAY = '2026-11-25';
const EXPECTED = join(REPO_ROOT, 'test/golden/advice/weekly-60.json');
let dir: string;

beforeAll(async () => {
  assertBuilt();
  dir = tempDir('kickoff-advice-');
  await writeWeeklyProgramme(dir, 60, TODAY);
}, 240_000);

describe('kickoff portfolio --suggest on a fixed programme', () => {
  it('gives the same moves and the same unresolved problems as before', () => {
    const run = kickoff(['portfolio', dir, '--suggest', '--json', '--today', TODAY], {});
    expect([0, 1], run.stderr).toContain(run.code);
    const { problems, suggestion } = JSON.parse(run.stdout.split(dir).join('PROGRAMME')) as {
      problems: { id: string }[];
      suggestion: unknown;
    };
    const advice = `${JSON.stringify({ problems: problems.map((p) => p.id), suggestion }, null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(EXPECTED)) writeFileSync(EXPECTED, advice);
    expect(advice).toBe(readFileSync(EXPECTED, 'utf8'));
  }, 240_000);
});
