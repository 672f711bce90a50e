/**
 * kickoff portfolio's edges with the built binary: capacity.yaml checked against its JSON Schema and
 * by kickoff (file:line:col), usage errors (exit 2), a missing folder (exit 3), and a small programme
 * read from the tree `kickoff batch` writes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, kickoff, REPO_ROOT, tempDir } from '../helpers/cli.js';

const TODAY = ['--today', '2026-11-25'];
let dir: string;

beforeAll(() => {
  assertBuilt();
  dir = tempDir('kickoff-portfolio-cli-');
  const batch = kickoff([
    'batch',
    join(REPO_ROOT, 'test/fixtures/batch/practices.csv'),
    '--out',
    join(dir, 'plans'),
    '--json',
    ...TODAY,
  ]);
  if (batch.code === null || batch.code > 1) throw new Error(`batch failed: ${batch.stderr}`);
}, 120_000);

describe('kickoff schema capacity', () => {
  it('accepts the example capacity.yaml and rejects a misspelt key', () => {
    const run = kickoff(['schema', 'capacity']);
    expect(run.code, run.stderr).toBe(0);
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(
      JSON.parse(run.stdout) as object,
    );
    const text = readFileSync(join(REPO_ROOT, 'examples/capacity.yaml'), 'utf8');
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(parse(text.replace('goLivesPerWeek', 'goLivesAWeek')))).toBe(false);
  });
});

describe('kickoff portfolio', () => {
  it('reads the plans batch wrote and states the limits it used', () => {
    const run = kickoff([
      'portfolio',
      join(dir, 'plans'),
      '--capacity',
      join(REPO_ROOT, 'examples/capacity.yaml'),
      ...TODAY,
    ]);
    expect([0, 1]).toContain(run.code);
    expect(run.stdout).toContain('A81001');
    // Wrapped at 80 columns, where a long checkout path moves the break: read as one line.
    expect(run.stdout.replace(/\s*\n\s*/g, ' ')).toContain(
      `Limits (from ${join(REPO_ROOT, 'examples/capacity.yaml')}): go-lives per week: 3`,
    );
    const json = JSON.parse(kickoff(['portfolio', join(dir, 'plans'), '--json', ...TODAY]).stdout) as {
      capacity: { source: string; goLivesPerWeek: number };
      practices: unknown[];
    };
    expect(json.capacity).toMatchObject({ source: 'defaults', goLivesPerWeek: 2 });
    expect(json.practices.length).toBeGreaterThan(1);
  });

  it('reports a mistake in capacity.yaml at file:line:col (exit 1)', () => {
    const file = join(dir, 'capacity.yaml');
    writeFileSync(file, 'goLivesPerWeek: 3\natOnce:\n  training: none\n');
    const run = kickoff(['portfolio', join(dir, 'plans'), '--capacity', file, ...TODAY]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}:3:`);
  });

  it('refuses two outputs at once or an unknown format (exit 2), and a missing folder (exit 3)', () => {
    expect(kickoff(['portfolio', join(dir, 'plans'), '--json', '--calendar']).code).toBe(2);
    expect(kickoff(['portfolio', join(dir, 'plans'), '--format', 'pdf']).code).toBe(2);
    expect(kickoff(['portfolio', join(dir, 'plans'), '--from', '31/02/2027']).code).toBe(2);
    const missing = kickoff(['portfolio', join(dir, 'nowhere'), ...TODAY]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('does not exist');
  });

  it('says so when the folder has no plans (exit 0)', () => {
    mkdirSync(join(dir, 'empty'));
    const run = kickoff(['portfolio', join(dir, 'empty'), ...TODAY]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('No kickoff.yaml under');
  });
});
