// In-process: plan + YAML text + every calendar for N practices from epraccur.csv (no writes), the
// same steps `kickoff init` takes. Prints ms per practice and RSS at 25/50/75/100% of the run.
// Usage: node bench/practices.mjs N [shared-folder]   or   node bench/practices.mjs --items K
//   or   node bench/practices.mjs --csv N [shared-folder]  (a practices.csv for kickoff batch)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { publishPlan, calendarSet } from '../dist/adapters/calendar/calendar-set.js';
import { loadHolidayTable } from '../dist/adapters/inputs/holiday-loader.js';
import { renderPlan } from '../dist/adapters/plan-file/write.js';
import { loadTemplate } from '../dist/adapters/inputs/template-loader.js';
import { WorkingCalendar } from '../dist/domain/calendar.js';
import { backSchedule } from '../dist/domain/schedule/back-schedule.js';

const template = await loadTemplate();
const holidays = await loadHolidayTable();
const calendar = new WorkingCalendar(holidays, 'england');
const today = '2026-11-25';
const team = [
  { role: 'project-manager', name: 'Priya Shah', email: 'priya.shah@nhs.net' },
  { role: 'trainer', name: 'Sam Lee', email: 'sam.lee@nhs.net' },
];
const answersFor = (name, ods) => ({
  practice: { name, ods },
  goLive: '2027-04-19',
  nation: 'england',
  systems: { current: 'EMIS Web', new: 'SystmOne' },
  team,
  thirdParties: [{ id: 'eps' }, { id: 'pathology' }],
  absences: [],
});

if (process.argv[2] === '--items') {
  // Scheduling cost for a synthetic template of K items (copies of the shipped items, chained ids kept).
  const k = Number(process.argv[3]);
  const items = Array.from({ length: k }, (_, i) => template.items[i % template.items.length]);
  const ids = new Set();
  const copies = items.map((item, i) => {
    const id = ids.has(item.id) ? `${item.id}-x${i}` : item.id;
    ids.add(id);
    return { ...item, id };
  });
  const synthetic = { ...template, items: copies };
  const answers = answersFor('Synthetic', 'A81001');
  const runs = Math.max(5, Math.round(2000 / k));
  let ms = 0;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    try {
      backSchedule(synthetic, answers, calendar, today);
    } catch {
      // copies may reference items a template check would reject; the cost is what is measured
    }
    ms += performance.now() - t;
  }
  console.log(`items ${k}: ${(ms / runs).toFixed(2)} ms per schedule`);
  process.exit(0);
}

const csv = process.argv[2] === '--csv';
const n = Number(process.argv[csv ? 3 : 2] ?? 100);
const shared =
  process.argv[csv ? 4 : 3] ?? process.env.KICKOFF_SHARED ?? join(import.meta.dirname, '..', '..', 'shared');
const rows = readFileSync(join(shared, 'data', 'epraccur.csv'), 'latin1')
  .split('\n')
  .map((line) => line.split('","').map((f) => f.replace(/^"|"$/g, '')))
  .filter((f) => f[12] === 'A' && f[25] === '4');

if (csv) {
  // A practices file for `kickoff batch` (bench/batch.mjs): N active practices, same answers.
  const quote = (s) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [
    'practice,ods,goLive,thirdParties,currentSystem,newSystem,projectManager,projectManagerEmail',
  ];
  for (let i = 0; i < n; i++) {
    const row = rows[i % rows.length];
    // Beyond the 6,800 active practices, made-up codes (Z and five digits: no practice has one) so that
    // each row is a valid practice with a folder of its own.
    const ods = i < rows.length ? row[0] : `Z${String(i).padStart(5, '0')}`;
    lines.push(
      [
        quote(row[1]),
        ods,
        '2027-04-19',
        'eps;pathology',
        'EMIS Web',
        'SystmOne',
        'Priya Shah',
        'priya.shah@nhs.net',
      ].join(','),
    );
  }
  // One write, and exit only once it is out: process.exit would cut a piped stdout short.
  process.stdout.write(`${lines.join('\n')}\n`, () => process.exit(0));
  await new Promise(() => {});
}
const rss = [];
const t0 = performance.now();
let octets = 0;
for (let i = 0; i < n; i++) {
  const row = rows[i % rows.length];
  const plan = backSchedule(template, answersFor(row[1], row[0]), calendar, today);
  const publication = publishPlan(plan, [], today);
  const files = calendarSet(plan, publication, { timestamp: `${today}T00:00:00Z`, productVersion: '0.1.0' });
  const text = renderPlan(plan, { version: '0.1.0', today }, publication.events);
  octets += text.length + files.reduce((sum, f) => sum + f.text.length, 0);
  if ([0.25, 0.5, 0.75, 1].some((q) => i + 1 === Math.round(n * q))) {
    rss.push(`${Math.round(((i + 1) / n) * 100)}%: ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
  }
}
const ms = performance.now() - t0;
console.log(
  `practices ${n}: ${(ms / n).toFixed(2)} ms per practice (${(ms / 1000).toFixed(1)} s, ${Math.round(octets / 1048576)} MB of text); RSS ${rss.join(', ')}`,
);
