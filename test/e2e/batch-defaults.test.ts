/**
 * kickoff batch --defaults, the built binary: a CSV of just practice,ods,goLive planned with the
 * CSU's shared answers (test/fixtures/batch/defaults/csu.yaml); a row's own value wins; a bad
 * defaults file stops the batch at its line and column before anything is written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, kickoff, REPO_ROOT, tempDir } from '../helpers/cli.js';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/batch/defaults');
const TODAY = ['--today', '2026-11-25'];

interface Summary {
  planned: number;
  failed: number;
  rows: { ods?: string; status: string; reason?: string }[];
}

beforeAll(assertBuilt);

/** kickoff batch of a fixture with the CSU's defaults (csu.yaml), its summary as JSON. */
function batchWithDefaults(practices: string, out: string) {
  return kickoff([
    'batch',
    join(FIXTURES, practices),
    '--defaults',
    join(FIXTURES, 'csu.yaml'),
    '--out',
    out,
    '--json',
    ...TODAY,
  ]);
}

describe('kickoff batch --defaults', () => {
  it('fails a CSV of just practice, ods and goLive without defaults, naming what is missing', () => {
    const out = join(tempDir(), 'plans');
    const run = kickoff(['batch', join(FIXTURES, 'practices.csv'), '--out', out, '--json', ...TODAY]);
    expect(run.code).toBe(1);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary.failed).toBe(3);
    expect(summary.rows[0]?.reason).toContain('missing systems, team');
  });

  it('plans it with the defaults: systems, the CSU people, the usual third parties', () => {
    const out = join(tempDir(), 'plans');
    const run = batchWithDefaults('practices.csv', out);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary.planned).toBe(3);
    for (const ods of ['A81001', 'A81002', 'A81004']) {
      const plan = readFileSync(join(out, ods, 'kickoff.yaml'), 'utf8');
      expect(plan).toContain('  systems: { current: EMIS Web, new: SystmOne }');
      expect(plan).toContain('    - { role: project-manager, name: Priya Shah, email: priya.shah@nhs.net }');
      expect(plan).toContain('    - { role: trainer, name: Sam Lee, email: sam.lee@nhs.net }');
      expect(plan).toMatch(/ {2}thirdParties:\n {4}- eps\n {4}- pathology\n/);
      expect(plan).toContain('meetingLocation: Microsoft Teams (link in the weekly invitation)');
      expect(existsSync(join(out, ods, 'calendars', `${ods.toLowerCase()}-trainer.ics`))).toBe(true);
    }
  });

  it("keeps a row's own values and fills in only what it leaves blank", () => {
    const out = join(tempDir(), 'plans');
    const run = batchWithDefaults('own.yaml', out);
    expect(run.code, run.stderr).toBe(0);
    const plan = readFileSync(join(out, 'A81002', 'kickoff.yaml'), 'utf8');
    expect(plan).toContain('  systems: { current: Vision, new: SystmOne }');
    expect(plan).toContain('    - { role: project-manager, name: Anika Patel, email: anika.patel@nhs.net }');
    expect(plan).not.toContain('Priya Shah');
    expect(plan).toContain('    - { role: trainer, name: Sam Lee, email: sam.lee@nhs.net }');
    expect(plan).toMatch(/ {2}thirdParties:\n {4}- docman\n {2}absences/);
    expect(readFileSync(join(out, 'A81001', 'kickoff.yaml'), 'utf8')).toContain('name: Priya Shah');
  });

  it('stops at the line and column of a mistake in the defaults, writing nothing', () => {
    const dir = tempDir();
    const cases: [string, RegExp][] = [
      ['systems: { current: EMIS Web }\n', /csu\.yaml:1:\d+: Defaults: systems\.new is missing/],
      [
        'team:\n  - { role: project-manger, name: Priya Shah, email: priya.shah@nhs.net }\n',
        /csu\.yaml:2:\d+: Defaults: team\[0\]\.role "project-manger" is not a role in the template/,
      ],
      ['thirdParties: [ eps, fax ]\n', /csu\.yaml:1:\d+: Defaults: third party 2 \("fax"\)/],
      ['systems: [oops\n', /csu\.yaml:1:\d+: Defaults is not valid YAML/],
      ['template: north.yaml\n', /Cannot read the template .*north\.yaml that .*csu\.yaml names/],
    ];
    for (const [text, message] of cases) {
      const defaults = join(dir, 'csu.yaml');
      writeFileSync(defaults, text);
      const out = join(dir, 'plans');
      const run = kickoff([
        'batch',
        join(FIXTURES, 'practices.csv'),
        '--defaults',
        defaults,
        '--out',
        out,
        ...TODAY,
      ]);
      expect(run.code, text).not.toBe(0);
      expect(run.stderr, text).toMatch(message);
      expect(existsSync(out), text).toBe(false);
    }
  });
});
