/**
 * Where meetings are held, through the built binary: the answers' meeting location reaches every
 * meeting's LOCATION and `show`; a `location:` a person adds to one item in the plan overrides it
 * for that item (the weekly series and its moved weeks keep one), survives `schedule` byte for byte,
 * and re-issues that event (SEQUENCE 1). The calendars pass ics-check.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, kickoff, REPO_ROOT, tempDir } from '../helpers/cli.js';
import { expectIcsCheckPasses } from '../helpers/ics-check.js';

const EVERYTHING = join('calendars', 'a81001-everything.ics');

/** Every VEVENT of one item (a series and its moved weeks), unfolded, as lists of lines. */
function eventsOf(ics: string, id: string): string[][] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('BEGIN:VEVENT\r\n')
    .slice(1)
    .map((block) => block.slice(0, block.indexOf('END:VEVENT')).split('\r\n'))
    .filter((lines) => lines.includes(`UID:a81001-${id}@kickoff.invalid`));
}

const value = (event: readonly string[], name: string) =>
  event.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1);

describe('kickoff: meeting locations', () => {
  let dir: string;
  beforeAll(() => {
    assertBuilt();
    dir = tempDir();
    const answers = join(dir, 'answers.yaml');
    const example = readFileSync(join(REPO_ROOT, 'examples/densham-surgery.yaml'), 'utf8');
    writeFileSync(answers, `${example.trimEnd()}\nmeetingLocation: "Meeting room 2"\n`);
    const run = kickoff(['init', '--answers', answers, '--dir', dir, '--yes', '--today', '2026-11-25']);
    expect(run.code, run.stderr).toBe(0);
  });

  it('puts the answers’ location on meetings only, and show prints it', () => {
    const ics = readFileSync(join(dir, EVERYTHING), 'utf8');
    expect(value(eventsOf(ics, 'kick-off')[0]!, 'LOCATION')).toBe('Meeting room 2');
    expect(value(eventsOf(ics, 'go-live')[0]!, 'LOCATION')).toBeUndefined();
    const show = kickoff(['show', '--plan', dir, '--today', '2026-11-25']);
    expect(show.stdout.replace(/\s+/g, ' ')).toContain('Kick-off meeting (at Meeting room 2)');
  }, 120_000);

  it('lets one item have its own location in the plan, kept by schedule and published', (ctx) => {
    const file = join(dir, 'kickoff.yaml');
    const link = 'Teams: https://teams.example/l/weekly?a=1;b=2';
    const edited = readFileSync(file, 'utf8').replace(
      '        duration: 1h\n        repeatsWeeklyUntil:',
      `        duration: 1h\n        location: "${link}"   # the weekly call\n        repeatsWeeklyUntil:`,
    );
    expect(edited).toContain(link);
    writeFileSync(file, edited);
    const run = kickoff(['schedule', '--plan', dir, '--today', '2026-11-26']);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(`        location: "${link}"   # the weekly call\n`);

    const ics = readFileSync(join(dir, EVERYTHING), 'utf8');
    const weekly = eventsOf(ics, 'weekly-migration-meeting');
    expect(weekly.length).toBeGreaterThan(1); // the series and its moved weeks: one location for all
    for (const event of weekly) {
      expect(value(event, 'LOCATION')).toBe('Teams: https://teams.example/l/weekly?a=1\\;b=2');
      expect(value(event, 'SEQUENCE')).toBe('1');
    }
    // The other meetings keep the answers' location and their revision.
    expect(value(eventsOf(ics, 'kick-off')[0]!, 'LOCATION')).toBe('Meeting room 2');
    expect(value(eventsOf(ics, 'kick-off')[0]!, 'SEQUENCE')).toBe('0');

    const json = kickoff(['show', '--plan', dir, '--json', '--today', '2026-11-26']);
    const events = (JSON.parse(json.stdout) as { events: { id: string; location?: string }[] }).events;
    expect(events.find((e) => e.id === 'weekly-migration-meeting')?.location).toBe(link);
    expect(events.find((e) => e.id === 'kick-off')?.location).toBe('Meeting room 2');

    expectIcsCheckPasses([join(dir, EVERYTHING)], ctx);
  }, 120_000);

  it('refuses an empty location in the plan, at its line', () => {
    const file = join(dir, 'kickoff.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/location: "[^"]*"/, 'location: ""'));
    const run = kickoff(['show', '--plan', dir, '--today', '2026-11-26']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/kickoff\.yaml:\d+:\d+/);
    expect(run.stderr).toContain('should be a room or a call link');
  }, 120_000);
});
