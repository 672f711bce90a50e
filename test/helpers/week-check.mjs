/* global process */
// Run under a given TZ by test/unit/dates.test.ts: prints how many days of 2024–2030 get a Monday
// other than the one plain day arithmetic gives, and whether the weeks are 7 days apart.
const { mondayOf, weeksOf } = await import('../../dist/domain/dates.js');
const { addDays } = await import('../../dist/domain/calendar.js');
let wrong = 0;
for (let d = '2024-01-01'; d < '2031-01-01'; d = addDays(d, 1)) {
  const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
  if (mondayOf(d) !== addDays(d, -((weekday + 6) % 7))) wrong += 1;
}
const weeks = weeksOf('2024-01-03', '2030-12-30');
const even = weeks.every((w, i) => i === 0 || addDays(weeks[i - 1], 7) === w);
process.stdout.write(
  `${JSON.stringify({ wrong, weeks: weeks.length, first: weeks[0], last: weeks.at(-1), even })}\n`,
);
