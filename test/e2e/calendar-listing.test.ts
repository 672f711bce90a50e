/**
 * Issue 25, "repeated listings": tick and calendar list the calendar files only when an event in
 * them changed; a run that changed nothing says so in one line.
 */
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
