/**
 * The same programme gets the same --suggest advice, however portfolio is made faster: the advice on
 * a fixed programme (test/helpers/weekly-programme.ts) is compared with the advice the code gave
 * before it was optimised, committed in test/golden/advice/. Regenerate only on purpose, with
 * UPDATE_GOLDEN=1, and read the diff: a changed move is changed advice.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dayOfWeek } from '../../src/domain/calendar.js';
import type { CalendarDate } from '../../src/domain/types.js';
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
  // The advice was recorded when --suggest could move a go-live to any working day.
  writeFileSync(join(dir, 'any-day.yaml'), 'goLiveDays: [monday, tuesday, wednesday, thursday, friday]\n');
}, 240_000);

interface Advice {
  problems: { id: string }[];
  suggestion: { moves: { to: CalendarDate }[]; unresolved: unknown[] };
}

function advise(...args: string[]): Advice {
  const run = kickoff(['portfolio', dir, '--suggest', '--json', '--today', TODAY, ...args]);
  expect([0, 1], run.stderr).toContain(run.code);
  return JSON.parse(run.stdout.split(dir).join('PROGRAMME')) as Advice;
}

describe('kickoff portfolio --suggest on a fixed programme', () => {
  it('gives the same moves and the same unresolved problems as before', () => {
    const { problems, suggestion } = advise('--capacity', join(dir, 'any-day.yaml'));
    const advice = `${JSON.stringify({ problems: problems.map((p) => p.id), suggestion }, null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(EXPECTED)) writeFileSync(EXPECTED, advice);
    expect(advice).toBe(readFileSync(EXPECTED, 'utf8'));
  }, 240_000);

  it('moves no go-live to a Friday by default, though the same programme has Friday moves when allowed', () => {
    const fridays = (a: Advice) => a.suggestion.moves.filter((m) => dayOfWeek(m.to) === 5).map((m) => m.to);
    expect(fridays(advise('--capacity', join(dir, 'any-day.yaml'))).length).toBeGreaterThan(0);
    const byDefault = advise();
    expect(byDefault.suggestion.moves.length).toBeGreaterThan(0);
    expect(fridays(byDefault)).toEqual([]);
  }, 240_000);

  it('moves go-lives only to the days capacity.yaml lists', () => {
    writeFileSync(join(dir, 'tuesdays.yaml'), 'goLiveDays: [tuesday]\n');
    const advice = advise('--capacity', join(dir, 'tuesdays.yaml'));
    expect(advice.suggestion.moves.map((m) => dayOfWeek(m.to))).toEqual(advice.suggestion.moves.map(() => 2));
  }, 240_000);
});
