/**
 * Golden plans and calendars for two practices, checked by a person (see test/golden/README.md).
 * Regenerate with UPDATE_GOLDEN=1 npm test, then read the diff before committing it.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, kickoff, REPO_ROOT, tempDir } from '../helpers/cli.js';
import { expectIcsCheckPasses } from '../helpers/ics-check.js';

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
    expectIcsCheckPasses([join(folder, 'everything.ics')]);
  });
});

/**
 * A hand-edited plan (comments, ticks, a note, a pinned date, an own item, a deleted item) moved by
 * `kickoff schedule --go-live`: the plan must differ only in the dates that moved.
 */
describe('golden re-schedule (moved/)', () => {
  const folder = join(REPO_ROOT, 'test/golden/moved');
  let out: string;
  let stdout: string;

  beforeAll(() => {
    out = tempDir();
    copyFileSync(join(folder, 'before.yaml'), join(out, 'kickoff.yaml'));
    const run = kickoff(['schedule', '--go-live', '2027-02-22', '--today', '2026-11-02'], { cwd: out });
    if (run.code !== 0) throw new Error(`kickoff schedule failed (${run.code}): ${run.stderr}`);
    stdout = run.stdout;
  });

  const golden = (name: string, actual: () => string) =>
    it(`writes ${name} exactly as reviewed`, () => {
      const goldenPath = join(folder, name);
      if (process.env.UPDATE_GOLDEN) writeFileSync(goldenPath, actual());
      expect(existsSync(goldenPath), `${goldenPath} is missing: run UPDATE_GOLDEN=1`).toBe(true);
      expect(actual()).toBe(readFileSync(goldenPath, 'utf8'));
    });
  golden('after.yaml', () => readFileSync(join(out, 'kickoff.yaml'), 'utf8'));
  golden('report.txt', () => stdout);
  golden('after-everything.ics', () => readFileSync(join(out, 'calendars/a81002-everything.ics'), 'utf8'));

  it('changes only date lines, the header line and published: (every other byte kept)', () => {
    const cut = (text: string) => text.slice(0, text.indexOf('\npublished:')).split('\n');
    const before = cut(readFileSync(join(folder, 'before.yaml'), 'utf8'));
    const after = cut(readFileSync(join(out, 'kickoff.yaml'), 'utf8'));
    expect(after.length).toBe(before.length);
    const dateLine = /^\s*(date|start|end|repeatsWeeklyUntil|moved|except|goLive|scheduled): |^# Go-live /;
    const changed = after.filter((line, i) => line !== before[i]);
    expect(changed.length).toBeGreaterThan(20);
    for (const line of changed) expect(line, line).toMatch(dateLine);
  });

  it('has a golden calendar that passes the independent checker', () => {
    expectIcsCheckPasses([join(folder, 'after-everything.ics')]);
  });
});
