/**
 * Golden plans and calendars for two practices, checked by a person (see test/golden/README.md).
 * Regenerate with UPDATE_GOLDEN=1 npm test, then read the diff before committing it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, kickoff, REPO_ROOT, tempDir } from '../helpers/cli.js';
import { icsCheck } from '../helpers/ics-check.js';

const CASES = [
  { name: 'christmas', today: '2026-09-01', calendar: 'a81002-everything.ics' },
  { name: 'easter', today: '2027-12-01', calendar: 'w00005-everything.ics' },
];

beforeAll(assertBuilt);

describe.each(CASES)('golden $name', ({ name, today, calendar }) => {
  const folder = join(REPO_ROOT, 'test/golden', name);
  let out: string;

  beforeAll(() => {
    out = tempDir();
    const run = kickoff([
      'init',
      '--answers',
      join(folder, 'answers.yaml'),
      '--dir',
      out,
      '--yes',
      '--today',
      today,
    ]);
    if (run.code !== 0) throw new Error(`kickoff init failed (${run.code}): ${run.stderr}`);
  });

  for (const [produced, expected] of [
    ['kickoff.yaml', 'kickoff.yaml'],
    [join('calendars', calendar), 'everything.ics'],
  ] as const) {
    it(`writes ${produced} exactly as reviewed`, () => {
      const actual = readFileSync(join(out, produced), 'utf8');
      const goldenPath = join(folder, expected);
      if (process.env.UPDATE_GOLDEN) writeFileSync(goldenPath, actual);
      expect(
        existsSync(goldenPath),
        `${goldenPath} is missing: run UPDATE_GOLDEN=1 npm test and review it`,
      ).toBe(true);
      expect(actual).toBe(readFileSync(goldenPath, 'utf8'));
    });
  }

  it('has a golden calendar that passes the independent checker', () => {
    const check = icsCheck([join(folder, 'everything.ics')]);
    if (!check.available && !process.env.CI) return;
    expect(check.ok, check.output).toBe(true);
  });
});
