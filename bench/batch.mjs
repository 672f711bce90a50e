/* global setInterval, clearInterval */
// `kickoff batch` as a pipeline runs it: N real practices from epraccur.csv, one process (or
// --jobs J), every plan and calendar written. Prints ms per practice (whole process, start-up
// included) and the resident memory at 25/50/75/100% of the run, sampled from /proc.
// Usage: node bench/batch.mjs N [shared-folder] [--jobs J]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const n = Number(process.argv[2] ?? 100);
const jobsAt = process.argv.indexOf('--jobs');
const jobs = jobsAt > 0 ? ['--jobs', process.argv[jobsAt + 1]] : [];
const shared =
  (process.argv[3] && !process.argv[3].startsWith('--') ? process.argv[3] : undefined) ??
  process.env.KICKOFF_SHARED ??
  join(import.meta.dirname, '..', '..', 'shared');
// --on DIR: where the plans are written. The default is the temp folder (this machine's disk); run.sh
// also writes to /dev/shm (memory), which shows kickoff's own cost without the disk's.
const onAt = process.argv.indexOf('--on');
const base = onAt > 0 ? process.argv[onAt + 1] : tmpdir();
const work = mkdtempSync(join(base, 'kickoff-bench-'));
// The same practices file bench/practices.mjs makes: N real practices, the same answers each.
const csv = spawnSync(
  process.execPath,
  [join(import.meta.dirname, 'practices.mjs'), '--csv', String(n), shared],
  {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  },
);
writeFileSync(join(work, 'practices.csv'), csv.stdout);

const t0 = performance.now();
const child = spawn(
  process.execPath,
  [
    join(import.meta.dirname, '..', 'bin', 'kickoff.js'),
    'batch',
    join(work, 'practices.csv'),
    '--out',
    join(work, 'out'),
    '--today',
    '2026-11-25',
    '--json',
    ...jobs,
  ],
  { stdio: ['ignore', 'ignore', 'pipe'] },
);
let errors = '';
child.stderr.on('data', (chunk) => (errors += chunk));
const samples = [];
const timer = setInterval(() => {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    if (kb) samples.push({ at: performance.now() - t0, kb });
  } catch {
    // the process has just ended
  }
}, 50);
const code = await new Promise((done) => child.on('exit', done));
clearInterval(timer);
const ms = performance.now() - t0;
if (code !== 0) process.stderr.write(errors.split('\n').slice(0, 5).join('\n'));
rmSync(work, { recursive: true, force: true });
const at = (q) => samples.filter((s) => s.at <= ms * q).at(-1)?.kb ?? 0;
const rss = [0.25, 0.5, 0.75, 1].map((q) => `${q * 100}%: ${Math.round(at(q) / 1024)} MB`).join(', ');
console.log(
  `batch ${n}${jobs.length ? ` --jobs ${jobs[1]}` : ''} on ${base}: ${(ms / n).toFixed(2)} ms per practice (${(ms / 1000).toFixed(1)} s, exit ${code}); RSS ${rss}; peak ${Math.round(Math.max(...samples.map((s) => s.kb)) / 1024)} MB`,
);
