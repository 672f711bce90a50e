/**
 * Golden chains (`kickoff why`), from the reviewed christmas/ and easter/ plans: a notice, a
 * reminder, a pinned item, meetings moved off bank holidays, and dates resting on an assumed
 * number. Regenerate with UPDATE_GOLDEN=1 and read them (test/golden/README.md says what was checked).
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, kickoff, REPO_ROOT, tempDir } from '../helpers/cli.js';

const FOLDER = join(REPO_ROOT, 'test/golden/why');
let christmas: string;
let easter: string;

beforeAll(() => {
  assertBuilt();
  christmas = tempDir('kickoff-why-christmas-');
  cpSync(join(REPO_ROOT, 'test/golden/christmas/kickoff.yaml'), join(christmas, 'kickoff.yaml'));
  easter = tempDir('kickoff-why-easter-');
  cpSync(join(REPO_ROOT, 'test/golden/easter/kickoff.yaml'), join(easter, 'kickoff.yaml'));
  // A pin, as a person makes one.
  const file = join(christmas, 'kickoff.yaml');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace(
      /(id: technical-survey\n(?:.*\n)*?\s+status: todo)/,
      '$1\n        pinned: true',
    ),
  );
});

const CASES = [
  ['christmas', 'eps-notice', 'notice: five weeks before EPS switches off, over Christmas'],
  ['christmas', 'docman-notice', 'a short notice that the reminder is part of'],
  [
    'christmas',
    'eps-reminder-week-before',
    'a "next week" reminder rolled off Christmas, kept inside its days',
  ],
  ['christmas', 'technical-survey', 'a pinned item'],
  ['christmas', 'weekly-migration-meeting', 'a weekly series with weeks moved off bank holidays'],
  ['easter', 'eps-switch-off', 'links off counted back over Good Friday and Easter Monday'],
  ['easter', 'training', 'an assumed end'],
  ['christmas', 'go-no-go-meeting', 'an assumed offset, with its reasoning'],
] as const;

describe('kickoff why, golden chains', () => {
  it.each(CASES)('%s %s (%s)', (plan, id) => {
    const run = kickoff([
      'why',
      id,
      '--plan',
      plan === 'christmas' ? christmas : easter,
      '--today',
      '2026-10-14',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const file = join(FOLDER, `${plan}-${id}.txt`);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, run.stdout);
    expect(run.stdout).toBe(readFileSync(file, 'utf8'));
  });

  it('gives the same chain as data with --json, and refuses an id the plan does not have', () => {
    const json = JSON.parse(
      kickoff(['why', 'eps-notice', '--plan', christmas, '--json', '--today', '2026-10-14']).stdout,
    ) as {
      chain: { id: string; steps: { kind: string }[] }[];
    };
    expect(json.chain.map((l) => l.id)).toEqual([
      'eps-notice',
      'eps-switch-off',
      'final-data-production',
      'go-live',
    ]);
    expect(json.chain.at(-1)!.steps[0]!.kind).toBe('answer');
    const bad = kickoff(['why', 'eps-notise', '--plan', christmas]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Did you mean eps-notice/);
  });
});
