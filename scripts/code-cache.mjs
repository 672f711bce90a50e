// Run after scripts/bundle.mjs (npm run build): makes dist/bundle/main.bin, the V8 code cache that
// bin/kickoff.js uses on Node 20 (Node 22 and later cache for themselves). It loads the bundle as
// bin/code-cache.js does, runs the commands people run most on the built-in example in a temporary
// folder, in this one process, and keeps everything V8 compiled. Made by the Node that runs
// kickoff; a different Node rejects the cache and kickoff compiles as usual.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// `--bundle FILE --out FILE`: the cache of another bundle, elsewhere. scripts/package.mjs makes one
// for each single executable's program, with that executable's own Node (V8 takes a cache only
// from the Node that made it).
const option = (name, otherwise) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? resolve(process.argv[at + 1]) : join(process.cwd(), otherwise);
};
const BUNDLE = option('--bundle', 'dist/bundle/main.cjs');
const CACHE = option('--out', 'dist/bundle/main.bin');

if (process.argv[2] !== '--here') {
  // The commands print as they run: in a child, with its output left out of the build's.
  const child = spawnSync(process.execPath, [process.argv[1], '--here', ...process.argv.slice(2)], {
    stdio: 'ignore',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (child.status !== 0)
    console.warn(`code-cache: not made (exit ${child.status}); kickoff runs without it.`);
  process.exit(0);
}

const { loadWithCodeCache } = createRequire(import.meta.url)('../bin/code-cache.js');
const { exports: program, script } = loadWithCodeCache(BUNDLE, undefined);
const work = mkdtempSync(join(tmpdir(), 'kickoff-code-cache-'));
const plan = join(work, 'example', 'kickoff.yaml');
const today = ['--today', '2026-11-25'];
const runs = [
  ['init', '--example', '--dir', join(work, 'example'), ...today],
  ['show', '--plan', plan, ...today],
  ['show', '--json', '--plan', plan, ...today],
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
  // Exit 1 is a plan with problems (the batch fixture has bad rows on purpose): the cache is still good.
  for (const args of runs) await program.main(args);
  writeFileSync(CACHE, script.createCachedData());
} finally {
  rmSync(work, { recursive: true, force: true });
}
