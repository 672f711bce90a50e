/* global setInterval, clearInterval */
// kickoff portfolio over N plans that `kickoff batch` planned (default 1,000): practices from
// epraccur.csv, two go-lives a week (one a week with --suggest, as issue 24 measured), every
// fourth practice's project manager shared with nine others, a trainer and practice manager each. Both runs are whole
// processes, as a pipeline runs them, timed, with their peak resident memory sampled from /proc.
// Goals: `portfolio` takes at most half as long as the batch that planned the plans, with memory
// flat (compare 1,000 with 10,000); `portfolio --suggest` takes no longer than the batch, in 300 MB.
// Usage: node bench/portfolio.mjs [N] [shared-folder] [--suggest]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadWorkspace } from '../dist/index.js';
import { addDays, WorkingCalendar } from '../dist/domain/calendar.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const suggest = process.argv.includes('--suggest');
const n = Number(args[0] ?? 1000);
const shared = args[1] ?? process.env.KICKOFF_SHARED ?? join(import.meta.dirname, '..', '..', 'shared');
const today = '2026-11-25';
const bin = join(import.meta.dirname, '..', 'bin', 'kickoff.js');
const rows = readFileSync(join(shared, 'data', 'epraccur.csv'), 'latin1')
  .split('\n')
  .map((line) => line.split('","').map((f) => f.replace(/^"|"$/g, '')))
  .filter((f) => f[12] === 'A' && f[25] === '4');
const calendar = new WorkingCalendar((await loadWorkspace()).holidays, 'england');
const dir = mkdtempSync(join(tmpdir(), 'kickoff-bench-portfolio-'));

/** Runs kickoff, timed, sampling its resident memory every 50 ms. */
async function timed(argv) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
  let [out, err] = ['', ''];
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  let peak = 0;
  const timer = setInterval(() => {
    try {
      const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
      peak = Math.max(peak, kb);
    } catch {
      // the process has just ended
    }
  }, 50);
  const code = await new Promise((done) => child.on('exit', done));
  clearInterval(timer);
  if (code !== 0 && code !== 1) throw new Error(`kickoff ${argv[0]} failed (${code}): ${err.slice(0, 500)}`);
  return { s: (performance.now() - t0) / 1000, mb: Math.round(peak / 1024), out };
}

try {
  const header =
    'practice,ods,goLive,thirdParties,currentSystem,newSystem,projectManager,projectManagerEmail,trainer,trainerEmail,practiceManager,practiceManagerEmail';
  const lines = [header];
  let monday = '2027-04-05';
  for (let i = 0; i < n; i++) {
    if (i > 0 && (suggest || i % 2 === 0)) monday = addDays(monday, 7);
    // Many plans span years: wrap round to stay inside the bank-holiday table.
    if (monday > '2029-06-30') monday = '2027-04-05';
    const goLive = calendar.nextWorkingDay(addDays(monday, suggest || i % 2 === 0 ? 1 : 3));
    const [ods, name] = [rows[i % rows.length][0], rows[i % rows.length][1]];
    // ODS codes repeat past the 6,830 practices: a number makes each practice its own.
    const code = i < rows.length ? ods : `${ods.slice(0, 1)}${String(i).padStart(5, '0')}`;
    const o = `${code.toLowerCase()}-${i}`;
    // Every fourth practice shares its project manager with nine others (ten over about a year):
    // one manager on a quarter of 10,000 practices would make millions of clashing pairs.
    const pm = i % 4 === 0 ? `shared-${Math.floor(i / 40)}` : o;
    lines.push(
      [
        `"${name.replace(/"/g, '""')}"`,
        code,
        goLive,
        'eps;pathology',
        'EMIS Web',
        'SystmOne',
        `PM ${pm}`,
        `pm.${pm}@nhs.net`,
        `Trainer ${o}`,
        `trainer.${o}@nhs.net`,
        `Manager ${o}`,
        `manager.${o}@nhs.net`,
      ].join(','),
    );
  }
  writeFileSync(join(dir, 'practices.csv'), `${lines.join('\n')}\n`);
  const plans = join(dir, 'plans');
  const batch = await timed([
    'batch',
    join(dir, 'practices.csv'),
    '--out',
    plans,
    '--today',
    today,
    '--quiet',
  ]);
  const run = await timed([
    'portfolio',
    plans,
    '--json',
    '--today',
    today,
    ...(suggest ? ['--suggest'] : []),
  ]);
  const result = JSON.parse(run.out);
  const planned = `kickoff batch planned them in ${batch.s.toFixed(1)} s (peak ${batch.mb} MB)`;
  if (suggest)
    console.log(
      `portfolio --suggest: ${result.practices.length} plans (go-lives a week apart) in ${run.s.toFixed(1)} s, peak ${run.mb} MB; ${planned}; ${(run.s / batch.s).toFixed(2)}× the batch (goal: ≤ 1×, ≤ 300 MB); ${result.problems.length} problems, ${result.suggestion.moves.length} moves, ${result.suggestion.unresolved.length} unresolved`,
    );
  else
    console.log(
      `portfolio: ${result.practices.length} plans in ${run.s.toFixed(1)} s (${((run.s * 1000) / n).toFixed(2)} ms a plan), peak ${run.mb} MB; ${planned}; ${(run.s / batch.s).toFixed(2)}× the batch (goal: ≤ 0.5×, memory flat); ${result.problems.length} problems`,
    );
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log(dir);
}
