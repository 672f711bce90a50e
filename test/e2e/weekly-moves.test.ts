/**
 * The weekly migration meeting over bank holidays, through the built binary: `init` writes the moved
 * weeks into the plan and the calendar (RECURRENCE-ID overrides), `show` names them, a person's own
 * move survives `schedule` and raises the series' SEQUENCE, and the calendars pass ics-check.
 *
 * The example practice (The Densham Surgery, go-live Mon 19 Apr 2027): kick-off Mon 18 Jan, the
 * series meets on Mondays from 25 Jan until go-live + 45 days (Thu 3 Jun 2027). Easter Monday
 * (29 Mar), the early May (3 May) and spring (31 May) bank holidays move to the Tuesdays after.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, kickoff, tempDir } from '../helpers/cli.js';
import { expectIcsCheckPasses } from '../helpers/ics-check.js';

const EVERYTHING = join('calendars', 'a81001-everything.ics');
const UID = 'UID:a81001-weekly-migration-meeting@kickoff.invalid';

/** The VEVENTs of the weekly series (the series, then its overrides), unfolded. */
function seriesEvents(ics: string): string[][] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('BEGIN:VEVENT\r\n')
    .slice(1)
    .map((block) => block.slice(0, block.indexOf('END:VEVENT')).split('\r\n'))
    .filter((lines) => lines.includes(UID));
}

const line = (event: readonly string[], name: string) =>
  event.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));

describe('kickoff: weekly meetings on bank holidays', () => {
  let dir: string;
  beforeAll(() => {
    assertBuilt();
    dir = tempDir();
    const run = kickoff(['init', '--example', '--dir', dir, '--today', '2026-11-25']);
    expect(run.code, run.stderr).toBe(0);
  });

  it('writes the moved weeks into the plan, readable and in one place', () => {
    const plan = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    expect(plan).toContain(
      '        repeatsWeeklyUntil: 2027-06-03\n        moved: { 2027-03-29: 2027-03-30, 2027-05-03: 2027-05-04, 2027-05-31: 2027-06-01 }\n',
    );
    expect(plan).not.toMatch(/^\s+except:/m);
  });

  it('writes one series plus one override per moved week, and ics-check passes', (ctx) => {
    const events = seriesEvents(readFileSync(join(dir, EVERYTHING), 'utf8'));
    expect(events).toHaveLength(4);
    expect(line(events[0]!, 'RRULE')).toBe('RRULE:FREQ=WEEKLY;UNTIL=20270531T235959Z');
    expect(line(events[0]!, 'EXDATE')).toBeUndefined();
    expect(events.slice(1).map((e) => [line(e, 'RECURRENCE-ID'), line(e, 'DTSTART')])).toEqual([
      ['RECURRENCE-ID;TZID=Europe/London:20270329T100000', 'DTSTART;TZID=Europe/London:20270330T100000'],
      ['RECURRENCE-ID;TZID=Europe/London:20270503T100000', 'DTSTART;TZID=Europe/London:20270504T100000'],
      ['RECURRENCE-ID;TZID=Europe/London:20270531T100000', 'DTSTART;TZID=Europe/London:20270601T100000'],
    ]);
    expectIcsCheckPasses([join(dir, EVERYTHING)], ctx);
  }, 120_000);

  it('shows the moved weeks in the timeline and in --json', () => {
    const show = kickoff(['show', '--plan', dir, '--today', '2026-11-25']);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout.replace(/\s+/g, ' ')).toContain(
      'Weekly migration meeting (weekly until Tue 1 Jun; Tue 30 Mar instead of Mon 29 Mar; Tue 4 May instead of Mon 3 May; Tue 1 Jun instead of Mon 31 May)',
    );
    const json = kickoff(['show', '--plan', dir, '--json', '--today', '2026-11-25']);
    const events = (JSON.parse(json.stdout) as { events: { id: string; moved?: object }[] }).events;
    expect(events.find((e) => e.id === 'weekly-migration-meeting')?.moved).toEqual({
      '2027-03-29': '2027-03-30',
      '2027-05-03': '2027-05-04',
      '2027-05-31': '2027-06-01',
    });
  }, 120_000);

  it('keeps a move a person changed, and publishes it as a new revision of the series', () => {
    const file = join(dir, 'kickoff.yaml');
    // Easter week's meeting on Wednesday instead of Tuesday.
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'moved: { 2027-03-29: 2027-03-30,',
        'moved: { 2027-03-29: 2027-03-31,',
      ),
    );
    const run = kickoff(['schedule', '--plan', dir, '--today', '2026-11-26']);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('moved: { 2027-03-29: 2027-03-31, 2027-05-03: 2027-05-04,');
    const events = seriesEvents(readFileSync(join(dir, EVERYTHING), 'utf8'));
    expect(line(events[1]!, 'DTSTART')).toBe('DTSTART;TZID=Europe/London:20270331T100000');
    // The move changed what the series shows: every part of it is re-issued at SEQUENCE 1.
    for (const event of events) expect(line(event, 'SEQUENCE')).toBe('SEQUENCE:1');
  }, 120_000);

  it('rewrites the moves when go-live moves (the spring bank holiday week drops out)', () => {
    // Go-live Mon 12 Apr 2027: the series ends go-live + 45 days, Thu 27 May, before Mon 31 May.
    const run = kickoff(['schedule', '--plan', dir, '--go-live', '2027-04-12', '--today', '2026-11-27']);
    expect(run.code, run.stderr).toBe(0);
    const plan = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    expect(plan).toContain(
      '        repeatsWeeklyUntil: 2027-05-27\n        moved: { 2027-03-29: 2027-03-31, 2027-05-03: 2027-05-04 }\n',
    );
    expect(seriesEvents(readFileSync(join(dir, EVERYTHING), 'utf8'))).toHaveLength(3);
  }, 120_000);
});
