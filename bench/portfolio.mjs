// kickoff portfolio over N generated plans (default 1,000): the plans are written first with the
// library API (practices from epraccur.csv, two go-lives a week, a project manager shared by every
// fourth practice), then the built binary reads and analyses them once, timed, with its peak RSS.
// With --suggest, go-lives are one week apart (as a batch of 1,000 was planned in issue 24) and
// `portfolio --suggest --json` is timed instead: its goal is no longer than planning the plans took.
// Usage: node bench/portfolio.mjs [N] [shared-folder] [--suggest]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadWorkspace, planPractice } from '../dist/index.js';
import { addDays, WorkingCalendar } from '../dist/domain/calendar.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const suggest = process.argv.includes('--suggest');
const n = Number(args[0] ?? 1000);
const shared = args[1] ?? process.env.KICKOFF_SHARED ?? join(import.meta.dirname, '..', '..', 'shared');
const today = '2026-11-25';
const rows = readFileSync(join(shared, 'data', 'epraccur.csv'), 'latin1')
  .split('\n')
  .map((line) => line.split('","').map((f) => f.replace(/^"|"$/g, '')))
  .filter((f) => f[12] === 'A' && f[25] === '4');
const workspace = await loadWorkspace();
const calendar = new WorkingCalendar(workspace.holidays, 'england');
const dir = mkdtempSync(join(tmpdir(), 'kickoff-bench-portfolio-'));
try {
  let monday = '2027-04-05';
  const planning = performance.now();
  for (let i = 0; i < n; i++) {
    if (i > 0 && (suggest || i % 2 === 0)) monday = addDays(monday, 7);
    // 1,000 plans span years: wrap round to stay inside the bank-holiday table.
    if (monday > '2029-06-30') monday = '2027-04-05';
    const goLive = calendar.nextWorkingDay(addDays(monday, suggest || i % 2 === 0 ? 1 : 3));
    const [ods, name] = [rows[i % rows.length][0], rows[i % rows.length][1]];
    const o = `${ods.toLowerCase()}-${i}`;
    const team = [
      {
        role: 'project-manager',
        name: `PM ${i % 4 === 0 ? 'shared' : o}`,
        email: `pm.${i % 4 === 0 ? 'shared' : o}@nhs.net`,
      },
      { role: 'trainer', name: `Trainer ${o}`, email: `trainer.${o}@nhs.net` },
      { role: 'practice-manager', name: `Manager ${o}`, email: `manager.${o}@nhs.net` },
    ];
    const answers = {
      practice: { name, ods },
      goLive,
      nation: 'england',
      systems: { current: 'EMIS Web', new: 'SystmOne' },
      team,
      thirdParties: [{ id: 'eps' }, { id: 'pathology' }],
      absences: [],
    };
    await planPractice(answers, { dir: join(dir, String(i).padStart(4, '0'), ods), workspace, today });
  }
  const planned = performance.now() - planning;
  const t0 = performance.now();
  const run = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M',
      process.execPath,
      'bin/kickoff.js',
      'portfolio',
      dir,
      '--json',
      '--today',
      today,
      ...(suggest ? ['--suggest'] : []),
    ],
    { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
  );
  const ms = performance.now() - t0;
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`portfolio failed (${run.status}): ${run.stderr}`);
  const result = JSON.parse(run.stdout);
  const rss = run.stderr.trim().split('\n').at(-1);
  if (suggest)
    console.log(
      `portfolio --suggest: ${result.practices.length} plans (go-lives a week apart) in ${(ms / 1000).toFixed(2)} s; planning them took ${(planned / 1000).toFixed(2)} s (goal: no longer); ${result.problems.length} problems, ${result.suggestion.moves.length} moves, ${result.suggestion.unresolved.length} unresolved; peak RSS ${Math.round(rss / 1024)} MB (goal: 300 MB or less)`,
    );
  else
    console.log(
      `portfolio: ${result.practices.length} plans read and analysed in ${(ms / 1000).toFixed(2)} s (${(ms / n).toFixed(1)} ms a plan), ${result.problems.length} problems, peak RSS ${Math.round(rss / 1024)} MB`,
    );
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log(dir);
}
