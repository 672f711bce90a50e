/**
 * Issue 25, "repeated listings": tick and calendar list the calendar files only when an event in
 * them changed; a run that changed nothing says so in one line, and leaves the files alone.
 */
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
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

/**
 * `calendar` again with nothing changed takes no digest of its events when they render to the files
 * already there (publish-calendars.ts, unchangedStep). These hold it to the full step: whatever
 * changed in what an event shows gets the event a new SEQUENCE, in the files and the plan's record.
 */
describe('calendar run again after a change the dates do not show', () => {
  const sequenceIn = (ics: string, id: string) =>
    Number(
      /SEQUENCE:(\d+)/.exec(ics.split('BEGIN:VEVENT').find((e) => e.includes(`UID:a81001-${id}@`))!)![1],
    );
  const everything = (dir: string) => readFileSync(join(dir, 'calendars', 'a81001-everything.ics'), 'utf8');
  const record = (dir: string, id: string) =>
    new RegExp(`^ {2}${id}: \\{ sequence: (\\d+),`, 'm').exec(
      readFileSync(join(dir, 'kickoff.yaml'), 'utf8'),
    )?.[1];

  it('a description edited in the plan revises that event only', () => {
    const dir = examplePlan();
    const plan = join(dir, 'kickoff.yaml');
    const text = readFileSync(plan, 'utf8');
    const description = '        description: Agree milestones and the week-by-week plan';
    expect(text).toContain(description);
    writeFileSync(plan, text.replace(description, `${description} (bring the survey)`));
    const run = kickoff(['calendar', '--plan', dir, ...TODAY]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/1 event\(s\) changed since the calendars were last written \(kick-off\)/);
    expect(everything(dir)).toContain('bring the survey');
    expect(sequenceIn(everything(dir), 'kick-off')).toBe(1);
    expect(record(dir, 'kick-off')).toBe('1');
    expect(sequenceIn(everything(dir), 'go-live')).toBe(0);
    // And again: nothing more to revise.
    const again = kickoff(['calendar', '--plan', dir, ...TODAY]);
    expect(again.stderr).toMatch(/No event changed/);
    expect(sequenceIn(everything(dir), 'kick-off')).toBe(1);
  });

  it('a phase renamed in the plan revises every event of that phase', () => {
    const dir = examplePlan();
    const plan = join(dir, 'kickoff.yaml');
    writeFileSync(
      plan,
      readFileSync(plan, 'utf8').replace('title: Kick-off and preparation', 'title: Getting ready'),
    );
    const run = kickoff(['calendar', '--plan', dir, ...TODAY]);
    expect(run.code, run.stderr).toBe(0);
    expect(everything(dir)).toContain('phase: Getting ready');
    for (const id of ['kick-off', 'order-placed', 'technical-survey'])
      expect([id, sequenceIn(everything(dir), id)]).toEqual([id, 1]);
    expect(sequenceIn(everything(dir), 'go-live')).toBe(0);
  });

  it('a calendar file deleted is written again, with the sequences it had', () => {
    const dir = examplePlan();
    const before = everything(dir);
    const planBefore = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    unlinkSync(join(dir, 'calendars', 'a81001-everything.ics'));
    const run = kickoff(['calendar', '--plan', dir, ...TODAY]);
    expect(run.code, run.stderr).toBe(0);
    expect(everything(dir)).toBe(before);
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(planBefore);
  });
});
