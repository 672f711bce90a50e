// Run after scripts/bundle.mjs (npm run build): runs the commands people run most, once each, on the
// built-in example in a temporary folder, and keeps what V8 compiled for each as its code cache
// (dist/bundle/cache/<command>.bin, written by bin/kickoff.js when KICKOFF_WRITE_CODE_CACHE=1).
// The next run of that command skips parsing and compiling that code. Made here, by the Node that
// runs kickoff; a different Node rejects the cache and kickoff compiles as usual.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const work = mkdtempSync(join(tmpdir(), 'kickoff-code-cache-'));
const plan = join(work, 'example', 'kickoff.yaml');
const today = ['--today', '2026-11-25'];
const runs = [
  ['init', '--example', '--dir', join(work, 'example'), ...today],
  ['show', '--plan', plan, ...today],
  ['check', '--plan', plan, ...today],
  ['due', '--plan', plan, ...today],
  ['export', '--format', 'md', '--plan', plan, ...today],
  ['calendar', '--plan', plan, ...today],
  ['schedule', '--go-live', '2027-04-26', '--plan', plan, ...today],
  ['tick', 'kick-off', '--plan', plan, ...today],
  ['--help'],
];
const fixture = 'test/fixtures/batch/practices.csv';
if (existsSync(fixture)) runs.push(['batch', fixture, '--out', join(work, 'batch'), '--quiet', ...today]);
try {
  for (const args of runs) {
    const run = spawnSync(process.execPath, ['bin/kickoff.js', ...args], {
      env: { ...process.env, KICKOFF_WRITE_CODE_CACHE: '1', NO_COLOR: '1' },
      encoding: 'utf8',
    });
    // Exit 1 is a plan with problems (the batch fixture has bad rows on purpose): the cache is still
    // good. Anything else is worth a word, never a failed build: kickoff runs without a cache.
    if (run.status !== 0 && run.status !== 1)
      console.warn(`code-cache: kickoff ${args[0]} exited ${run.status}: ${run.stderr.split('\n')[0]}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
