/**
 * Issue 25, "repeated listings": tick and calendar list the calendar files only when an event in
 * them changed; a run that changed nothing says so in one line, and leaves the files alone.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, examplePlan, kickoff } from '../helpers/cli.js';

const TODAY = ['--today', '2026-11-25'];

beforeAll(assertBuilt);

describe('calendar files are listed only when an event changed', () => {
  it('calendar with nothing changed: one line, no file list', () => {
    const dir = examplePlan();
    const run = kickoff(['calendar', '--plan', dir, ...TODAY]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /No event changed since the calendars were last written: the 7 calendar\(s\) in .*calendars.* are up to date\./,
    );
    expect(run.stderr).not.toMatch(/\.ics/);
  });

  it('a tick that cancels an event lists the files and the event; the same tick again, and a tick that moves no event, list nothing', () => {
    const dir = examplePlan();
    const first = kickoff(['tick', 'docman-notice', '--status', 'not-needed', '--plan', dir, ...TODAY]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/Wrote 7 calendar\(s\) in/);
    expect(first.stderr.match(/\.ics/g)).toHaveLength(7);
    expect(first.stderr).toMatch(
      /1 event\(s\) changed since the calendars were last written \(docman-notice\)/,
    );
    for (const args of [['docman-notice', '--status', 'not-needed'], ['kick-off']]) {
      const again = kickoff(['tick', ...args, '--plan', dir, ...TODAY]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).not.toMatch(/\.ics/);
    }
  });
});

describe('a calendar file already as it would be written is left alone', () => {
  it('calendar run again leaves every file as it was (same inode and time), and writes again one a person changed', () => {
    const dir = examplePlan();
    const folder = join(dir, 'calendars');
    const before = new Map(readdirSync(folder).map((f) => [f, statSync(join(folder, f))]));
    const edited = [...before.keys()][0]!;
    writeFileSync(join(folder, edited), 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    const run = kickoff(['calendar', '--plan', dir, ...TODAY]);
    expect(run.code, run.stderr).toBe(0);
    for (const [file, was] of before) {
      const now = statSync(join(folder, file));
      if (file === edited) {
        expect(readFileSync(join(folder, file), 'utf8')).toMatch(/BEGIN:VEVENT/);
        continue;
      }
      expect([now.ino, now.mtimeMs], file).toEqual([was.ino, was.mtimeMs]);
    }
    expect(readdirSync(folder).sort()).toEqual([...before.keys()].sort());
  });
});
