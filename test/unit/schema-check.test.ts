/**
 * The generated checks (plan-file/schema-check.generated.ts) are written from the zod schemas by
 * scripts/gen-schema-check.mjs, never by hand: a schema changed without `npm run generate` would
 * leave them checking the old one. test/property/schema-check.property.test.ts holds them to zod.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

describe('the generated schema checks', () => {
  it('are what the generator writes from the schemas as they are now', () => {
    const run = spawnSync(process.execPath, ['scripts/gen-schema-check.mjs', '--check'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 60_000);
});
