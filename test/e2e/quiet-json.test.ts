/**
 * Pipelines: --json gives data on stdout, --quiet says nothing but problems that need action. For
 * the commands that write (calendar, tick, pin, unpin), on a copy of the example plan.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, kickoff, tempDir } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  assertBuilt();
  dir = tempDir();
  expect(kickoff(['init', '--example', '--dir', dir, '--today', '2026-11-25']).code).toBe(0);
}, 60_000);

describe('--json and --quiet on the commands that write', () => {
  it('calendar --json reports the files, the events that changed and the problems', () => {
    const run = kickoff(['calendar', '--plan', dir, '--json', '--today', '2026-11-26']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      planFile: string;
      calendars: { file: string; calendar: string }[];
      changed: string[];
      planChanged: boolean;
      problems: { code: string }[];
    };
    expect(report.planFile).toBe(join(dir, 'kickoff.yaml'));
    expect(report.calendars.map((c) => c.calendar)).toContain('everything');
    for (const c of report.calendars) expect(readFileSync(c.file, 'utf8')).toMatch(/^BEGIN:VCALENDAR/);
    expect(report.changed).toEqual([]);
    expect(report.planChanged).toBe(false);
    expect(Array.isArray(report.problems)).toBe(true);
  });

  it('tick --quiet ticks and prints nothing; tick --json gives the calendars report', () => {
    const quiet = kickoff(['tick', 'kick-off', '--plan', dir, '--quiet', '--today', '2026-11-26']);
    expect(quiet).toMatchObject({ code: 0, stdout: '' });
    expect(quiet.stderr).not.toMatch(/kick-off|Wrote/);
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toMatch(/id: kick-off[\s\S]*?status: done/);
    const json = kickoff(['tick', 'technical-survey', '--plan', dir, '--json', '--today', '2026-11-26']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ planFile: join(dir, 'kickoff.yaml') });
  });

  it('pin and unpin --quiet say nothing and change the plan', () => {
    const pinned = kickoff([
      'pin',
      'technical-survey',
      '2027-01-28',
      '--plan',
      dir,
      '--quiet',
      '--today',
      '2026-11-26',
    ]);
    expect(pinned).toMatchObject({ code: 0, stdout: '' });
    expect(pinned.stderr).not.toMatch(/pinned on/);
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toMatch(
      /date: 2027-01-28\n(?:.*\n)*?\s+pinned: true/,
    );
    const unpinned = kickoff([
      'unpin',
      'technical-survey',
      '--plan',
      dir,
      '--quiet',
      '--today',
      '2026-11-26',
    ]);
    expect(unpinned).toMatchObject({ code: 0, stdout: '' });
    expect(unpinned.stderr).not.toMatch(/unpinned/);
  });
});

describe('init --json', () => {
  it('prints the plan file, calendars, key dates and problems as JSON, and nothing else on stdout', () => {
    const target = tempDir();
    const run = kickoff(['init', '--example', '--dir', target, '--json', '--today', '2026-11-25']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      planFile: join(target, 'kickoff.yaml'),
      practice: { ods: 'A81001' },
      goLive: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      kickoff: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect((report.calendars as string[]).length).toBeGreaterThan(1);
    expect(run.stderr).not.toMatch(/Wrote/);
  });
});

describe('export --quiet and import --json', () => {
  it('export --quiet writes the file and says nothing; import --json reports the (no) changes as data', () => {
    const sheet = join(dir, 'actions.csv');
    const exported = kickoff([
      'export',
      '--format',
      'csv',
      '--out',
      sheet,
      '--plan',
      dir,
      '--quiet',
      '--today',
      '2026-11-26',
    ]);
    expect(exported).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(sheet, 'utf8')).toMatch(/kick-off/);
    const imported = kickoff(['import', sheet, '--plan', dir, '--json', '--today', '2026-11-26']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({
      plan: dir,
      changes: [],
      planChanged: false,
      dryRun: false,
      warnings: [],
    });
    expect(imported.stderr).toBe('');
  });
});

describe('invite --json', () => {
  it('lists each message (to, kind, its items with method and sequence) as data in a dry run', () => {
    const run = kickoff(['invite', '--plan', dir, '--dry-run', '--json', '--today', '2026-11-26']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      messages: {
        to: string;
        kind: string;
        items: { item: string; method: string; sequence: number }[];
        delivered: boolean;
      }[];
      planChanged: boolean;
    };
    expect(report.messages.length).toBeGreaterThan(10);
    const invitation = report.messages.find((m) => m.kind === 'invitation')!;
    expect(invitation).toMatchObject({ delivered: false });
    expect(invitation.items).toHaveLength(1);
    expect(invitation.items[0]).toMatchObject({ method: 'REQUEST' });
    expect(report.messages.filter((m) => m.kind === 'digest')).toHaveLength(5);
    expect(report.messages.every((m) => /@/.test(m.to) && m.items.length > 0)).toBe(true);
    expect(report.planChanged).toBe(false);
  });
});
