/**
 * `check`, `due`, `tick`, `pin` and `unpin`, the built binary, on `kickoff init --example` as of
 * 2026-11-25 (The Densham Surgery, go-live Mon 19 Apr 2027; kick-off Mon 18 Jan 2027; EPS notice
 * Mon 8 Mar 2027; technical survey Thu 21 Jan 2027).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, copyOf, examplePlan, kickoff } from '../helpers/cli.js';
import { expectIcsCheckPasses } from '../helpers/ics-check.js';

const PLAN = 'kickoff.yaml';
let pristine: string;

beforeAll(() => {
  assertBuilt();
  pristine = examplePlan('kickoff-status-pristine-', '2026-11-25');
});

function copy(): string {
  return copyOf(pristine);
}

const readPlan = (dir: string) => readFileSync(join(dir, PLAN), 'utf8');

/** Every calendar file's SEQUENCE by UID. */
function sequences(dir: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const file of readdirSync(join(dir, 'calendars'))) {
    const ics = readFileSync(join(dir, 'calendars', file), 'utf8').replace(/\r\n[ \t]/g, '');
    for (const block of ics.split('BEGIN:VEVENT').slice(1)) {
      const uid = /UID:(\S+)/.exec(block)![1]!;
      found.set(`${file} ${uid}`, Number(/SEQUENCE:(\d+)/.exec(block)![1]));
    }
  }
  return found;
}

function raised(before: Map<string, number>, after: Map<string, number>): string[] {
  const ids = [...after].filter(([key, seq]) => seq !== before.get(key)).map(([key]) => key.split(' ')[1]!);
  return [...new Set(ids)].map((uid) => uid.replace(/^a81001-/, '').replace(/@kickoff\.invalid$/, '')).sort();
}

/** The plan's item dates, from show --json. */
function dates(dir: string): Map<string, string> {
  const run = kickoff(['show', '--json', '--today', '2026-11-26'], { cwd: dir });
  const events = (JSON.parse(run.stdout) as { events: { id: string; start: string; end: string }[] }).events;
  return new Map(events.map((e) => [e.id, `${e.start}..${e.end}`]));
}

/**
 * Lines of `b` (before `published:`) that differ from the same line of `a`, once the lines `added`
 * says were inserted are taken out of `b`.
 */
function changedLines(a: string, b: string, added: (line: string) => boolean): string[] {
  const cut = (t: string) => t.slice(0, t.indexOf('\npublished:')).split('\n');
  const x = cut(a);
  const y = cut(b).filter((line) => !added(line));
  expect(y.length).toBe(x.length);
  return y.filter((line, n) => line !== x[n]);
}

describe('kickoff tick', () => {
  it('marks items done in place, keeping comments byte for byte, and appends notes', () => {
    const dir = copy();
    const original = readPlan(dir)
      .replace('      - id: kick-off\n', '      # Booked the library for this.\n      - id: kick-off\n')
      .replace(/(id: technical-survey[\s\S]*?status: todo)/, '$1  # ask Chris first');
    writeFileSync(join(dir, PLAN), original);
    const before = sequences(dir);
    const run = kickoff(
      ['tick', 'kick-off', 'technical-survey', '--note', 'Held: see minutes', '--today', '2027-01-25'],
      {
        cwd: dir,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const after = readPlan(dir);
    expect(after).toContain('      # Booked the library for this.\n      - id: kick-off\n');
    expect(after).toContain('status: done  # ask Chris first');
    // Only the two status lines change; each item gains one notes line, nothing else moves.
    expect(changedLines(original, after, (l) => l === '        notes: "Held: see minutes"')).toEqual([
      '        status: done',
      '        status: done  # ask Chris first',
    ]);
    expect(after.match(/notes: "Held: see minutes"/g)).toHaveLength(2);
    // Done does not change what a calendar event shows: no SEQUENCE rises.
    expect(raised(before, sequences(dir))).toEqual([]);
    // A second note makes a block of lines people can read.
    kickoff(['tick', 'kick-off', '--note', 'Minutes sent', '--today', '2027-01-25'], { cwd: dir });
    expect(readPlan(dir)).toContain('notes: |-\n          Held: see minutes\n          Minutes sent\n');
  });

  it('publishes a not-needed item as cancelled, raising only its SEQUENCE', () => {
    const dir = copy();
    const before = sequences(dir);
    const run = kickoff(['tick', 'eps-notice', '--status', 'not-needed', '--today', '2026-12-01'], {
      cwd: dir,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(raised(before, sequences(dir))).toEqual(['eps-notice']);
    const ics = readFileSync(join(dir, 'calendars', 'a81001-everything.ics'), 'utf8').replace(
      /\r\n[ \t]/g,
      '',
    );
    const block = ics.split('BEGIN:VEVENT').find((b) => b.includes('UID:a81001-eps-notice@'))!;
    expect(block).toContain('STATUS:CANCELLED');
    expect(block).toContain('SEQUENCE:1');
    expectIcsCheckPasses(readdirSync(join(dir, 'calendars')).map((f) => join(dir, 'calendars', f)));
  }, 120_000); // ics-check runs four back-ends on each of seven calendars

  it('names the nearest ids for an unknown one, and changes nothing', () => {
    const dir = copy();
    const text = readPlan(dir);
    const run = kickoff(['tick', 'kick-off', 'tecnical-survey'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('has no item "tecnical-survey"');
    expect(run.stderr).toMatch(/Did you mean technical-survey/);
    expect(readPlan(dir)).toBe(text);
  });

  it('refuses a status that does not exist and an informational item', () => {
    const dir = copy();
    expect(kickoff(['tick', 'kick-off', '--status', 'finished'], { cwd: dir }).stderr).toContain(
      'not-needed',
    );
    const info = kickoff(['tick', 'legacy-support-ends'], { cwd: dir });
    expect(info.code).toBe(2);
    expect(info.stderr).toContain('records a fact');
  });
});

describe('kickoff pin and unpin', () => {
  it('pins a date in place, re-plans like schedule, and raises SEQUENCE only for events that moved', () => {
    const dir = copy();
    const original = readPlan(dir);
    const before = { seq: sequences(dir), dates: dates(dir) };
    const run = kickoff(['pin', 'technical-survey', '22/01/2027', '--today', '2026-11-26'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('pinned on Fri 22 Jan 2027 (was Thu 21 Jan 2027)');
    const after = readPlan(dir);
    expect(after).toMatch(/id: technical-survey\n(?:.*\n)*?\s+date: 2027-01-22\n(?:.*\n)*?\s+pinned: true\n/);
    const moved = [...dates(dir)].filter(([id, span]) => before.dates.get(id) !== span).map(([id]) => id);
    expect(moved).toContain('technical-survey');
    expect(raised(before.seq, sequences(dir))).toEqual(moved.sort());
    // Header comment, answers and every other line are as they were.
    for (const line of changedLines(original, after, (l) => l === '        pinned: true'))
      expect(line).toMatch(/^\s+(date|start|end):|^# Go-live|^scheduled:/);

    const unpinned = kickoff(['unpin', 'technical-survey', '--today', '2026-11-27'], { cwd: dir });
    expect(unpinned.code, unpinned.stderr).toBe(0);
    const back = readPlan(dir);
    const survey = /id: technical-survey\n(?:(?! {6}- ).*\n)*/.exec(back)![0];
    expect(survey).not.toContain('pinned');
    expect(survey).toContain('date: 2027-01-21');
  });

  it('leaves the plan as it was when re-planning fails (a pin beyond the bank-holiday years)', () => {
    const dir = copy();
    const text = readPlan(dir);
    const run = kickoff(['pin', 'kick-off', '2031-01-06', '--today', '2026-11-25'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('outside the years kickoff knows bank holidays for');
    expect(run.stderr).not.toContain('pinned on');
    expect(readPlan(dir)).toBe(text);
  });

  it('refuses a date that is not real, and changes nothing', () => {
    const dir = copy();
    const text = readPlan(dir);
    const run = kickoff(['pin', 'technical-survey', '2027-02-30'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Feb 2027 has 28 days');
    expect(readPlan(dir)).toBe(text);
  });
});

describe('kickoff due', () => {
  it('lists the EPS notice as due a week ahead, with whom to contact and who owns it', () => {
    const dir = copy();
    const run = kickoff(['due', '--within', '1w', '--today', '2027-03-01'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const due = run.stdout.slice(run.stdout.indexOf('Due by'));
    expect(due).toMatch(/Mon 8 Mar 2027\s+Last day to give Electronic Prescription Service \(EPS\)\s+notice/);
    for (const line of run.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(due).toContain('contact: Electronic Prescription Service (EPS)');
    expect(due).toContain('Migration project manager: Priya Shah');
  });

  it('does not list it the day before the window reaches it, and lists it overdue the day after', () => {
    const dir = copy();
    const early = kickoff(['due', '--within', '7d', '--today', '2027-02-28', '--json'], { cwd: dir });
    const ids = (list: { id: string }[]) => list.map((e) => e.id);
    const early_ = JSON.parse(early.stdout) as { due: { id: string }[]; overdue: { id: string }[] };
    expect(ids(early_.due)).not.toContain('eps-notice');
    const late = JSON.parse(kickoff(['due', '--today', '2027-03-09', '--json'], { cwd: dir }).stdout) as {
      overdue: { id: string; daysLate: number; contact: { name: string } }[];
    };
    expect(late.overdue.find((e) => e.id === 'eps-notice')).toMatchObject({
      daysLate: 1,
      contact: { name: 'Electronic Prescription Service (EPS)' },
    });
    // Overdue comes first in the text too.
    const text = kickoff(['due', '--today', '2027-03-09'], { cwd: dir }).stdout;
    expect(text.indexOf('Overdue')).toBeLessThan(text.indexOf('Due by'));
    expect(text).toMatch(/\(1 day\s+late\)/);
  });

  it('keeps to one role, and refuses an unknown role or window', () => {
    const dir = copy();
    const trainer = JSON.parse(
      kickoff(['due', '--role', 'trainer', '--within', '2w', '--today', '2027-01-25', '--json'], { cwd: dir })
        .stdout,
    ) as { due: { owners: { role: string }[] }[] };
    expect(trainer.due.length).toBeGreaterThan(0);
    for (const entry of trainer.due) expect(entry.owners.map((o) => o.role)).toContain('trainer');
    expect(kickoff(['due', '--role', 'gardener'], { cwd: dir }).code).toBe(2);
    expect(kickoff(['due', '--within', 'soon'], { cwd: dir }).code).toBe(2);
  });
});

describe('kickoff check', () => {
  it('exits 0 with warnings only, 1 with --strict, and writes nothing', () => {
    const dir = copy();
    const text = readPlan(dir);
    const run = kickoff(['check', '--today', '2026-11-25'], { cwd: dir });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('Warnings (');
    expect(run.stdout).toContain('[absence.clash]');
    expect(kickoff(['check', '--strict', '--today', '2026-11-25'], { cwd: dir }).code).toBe(1);
    expect(readPlan(dir)).toBe(text);
  });

  it('groups an error first, with its code and item, and exits 1; --json gives the same', () => {
    const dir = copy();
    writeFileSync(join(dir, PLAN), readPlan(dir).replace('goLive: 2027-04-19', 'goLive: 2027-04-26'));
    const run = kickoff(['check', '--today', '2026-11-25'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout.indexOf('Problems (1)')).toBeLessThan(run.stdout.indexOf('Warnings'));
    expect(run.stdout).toContain('[plan.stale] go-live');
    const json = JSON.parse(kickoff(['check', '--json', '--today', '2026-11-25'], { cwd: dir }).stdout) as {
      ok: boolean;
      diagnostics: { code: string; itemId?: string; severity: string }[];
    };
    expect(json.ok).toBe(false);
    expect(json.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'plan.stale', itemId: 'go-live', severity: 'error' }),
    );
  });

  it('reports a notice deadline already past as an error, the same code schedule uses', () => {
    const dir = copy();
    const run = kickoff(['check', '--json', '--today', '2027-03-09'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('"code": "schedule.notice_in_past"');
  });

  it('warns about an item hand-moved onto a bank holiday, and not before the edit', () => {
    const dir = copy();
    const code = 'plan.item_not_working_day';
    expect(kickoff(['check', '--json', '--today', '2026-11-25'], { cwd: dir }).stdout).not.toContain(code);
    // Technical survey, Thu 21 Jan 2027, moved to Good Friday.
    writeFileSync(join(dir, PLAN), readPlan(dir).replace('date: 2027-01-21', 'date: 2027-03-26'));
    const run = kickoff(['check', '--today', '2026-11-25'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`[${code}] technical-survey`);
    expect(run.stdout).toContain('a bank holiday (Good Friday)');
  });

  it('explains a go-live typed beyond the bank-holiday years instead of failing inside', () => {
    const dir = copy();
    writeFileSync(join(dir, PLAN), readPlan(dir).replace('goLive: 2027-04-19', 'goLive: 2031-04-14'));
    const run = kickoff(['check', '--today', '2026-11-25'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Mon 14 Apr 2031 is outside the years kickoff knows bank holidays for');
    expect(run.stderr).not.toContain('internal error');
  });

  it('reports a hand-edited schema problem at file:line:col', () => {
    const dir = copy();
    writeFileSync(join(dir, PLAN), readPlan(dir).replace('date: 2027-01-21', 'date: 2027-02-30'));
    const run = kickoff(['check'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/kickoff\.yaml:\d+:15/);
  });
});

describe('kickoff show filters', () => {
  it('keeps to a phase and dates, and refuses an unknown phase, role or date', () => {
    const dir = copy();
    const run = kickoff(['show', '--phase', 'go-live', '--from', '2027-04-12', '--today', '2027-01-25'], {
      cwd: dir,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Go live on the new clinical system');
    expect(run.stdout).not.toContain('Kick-off meeting');
    expect(run.stdout).not.toContain('Week of Mon 5 Apr 2027');
    expect(kickoff(['show', '--phase', 'launch'], { cwd: dir }).stderr).toContain('Use one of preparation');
    expect(kickoff(['show', '--role', 'gardener'], { cwd: dir }).code).toBe(2);
    expect(kickoff(['show', '--to', '2027-02-30'], { cwd: dir }).code).toBe(2);
  });
});
