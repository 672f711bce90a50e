/**
 * The dates people type, through every way in (init --go-live, schedule --go-live, the answers
 * file): each is taken as the day it means or refused with exit 2 (1 for a file) and a message that
 * names it, and a refusal writes nothing. "Today" is fixed at Wed 25 Nov 2026.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, assertBuilt, kickoff, tempDir } from '../helpers/cli.js';

const TODAY = ['--today', '2026-11-25'];

/** What each typed date must become: the ISO day, or the words of its refusal. */
const CATALOGUE: readonly { typed: string; means?: string; refused?: RegExp }[] = [
  { typed: '2027-03-15', means: '2027-03-15' },
  { typed: '15/03/2027', means: '2027-03-15' },
  { typed: '2027-3-15', means: '2027-03-15' },
  { typed: ' 2027-03-15 ', means: '2027-03-15' },
  { typed: '2027-02-29', refused: /Feb 2027 has 28 days/ },
  { typed: '31/02/2027', refused: /Feb 2027 has 28 days/ },
  { typed: '15/3/27', refused: /is not a date\. Use 2027-03-15 or 15\/03\/2027/ },
  { typed: '03/15/2027', refused: /no month 15/ },
  { typed: '', refused: /is not a date/ },
  { typed: '   ', refused: /is not a date/ },
  { typed: '2026-11-20', refused: /before today \(Wed 25 Nov 2026\)/ },
  { typed: '2031-06-02', refused: /bank holidays for 2024–2030 only/ },
  { typed: '2046-11-26', refused: /bank holidays for 2024–2030 only/ },
];

let pristine: string;
beforeAll(() => {
  assertBuilt();
  pristine = tempDir('kickoff-dates-');
  expect(kickoff(['init', '--example', '--dir', pristine, ...TODAY]).code).toBe(0);
}, 60_000);

const goLiveOf = (dir: string) =>
  /^ {2}goLive: (\S+)$/m.exec(readFileSync(join(dir, 'kickoff.yaml'), 'utf8'))?.[1];

describe.each(CATALOGUE)('the date "$typed"', ({ typed, means, refused }) => {
  it('through init --go-live', () => {
    const dir = join(tempDir('kickoff-date-init-'), 'plan');
    const run = kickoff(['init', '--example', '--go-live', typed, '--dir', dir, ...TODAY]);
    if (means) {
      expect(run.code, run.stderr).toBe(0);
      expect(goLiveOf(dir)).toBe(means);
    } else {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(refused!);
      expect(run.stderr).toMatch(/--go-live/);
      expect(existsSync(dir)).toBe(false);
    }
  });

  it('through schedule --go-live', () => {
    const dir = tempDir('kickoff-date-schedule-');
    cpSync(pristine, dir, { recursive: true });
    const before = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    const run = kickoff(['schedule', '--plan', dir, '--go-live', typed, ...TODAY]);
    if (means) {
      expect([0, 1], run.stderr).toContain(run.code);
      expect(goLiveOf(dir)).toBe(means);
    } else {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(refused!);
      expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(before);
    }
  });

  it('through an answers file', () => {
    const dir = tempDir('kickoff-date-answers-');
    const answers = join(dir, 'answers.yaml');
    const example = readFileSync(join(REPO_ROOT, 'examples/densham-surgery.yaml'), 'utf8');
    writeFileSync(answers, example.replace(/^goLive: .*$/m, `goLive: "${typed}"`));
    const out = join(dir, 'plan');
    const run = kickoff(['init', '--answers', answers, '--dir', out, '--yes', ...TODAY]);
    if (means) {
      expect(run.code, run.stderr).toBe(0);
      expect(goLiveOf(out)).toBe(means);
    } else {
      expect(run.code).not.toBe(70);
      expect([1, 2]).toContain(run.code);
      expect(run.stderr).toMatch(refused!);
      expect(run.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
      expect(existsSync(out)).toBe(false);
    }
  });
});
