/**
 * File-system faults (issue 13), the built binary: an output folder under a regular file, a missing
 * plan folder, a full disk and a read-only disk (real tmpfs mounts, when this machine lets the test
 * mount one: as root in CI). Each is exit 3 naming the path and the reason, never exit 70, and
 * nothing partial is left behind: no temp files, and every file there is complete.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, kickoff, tempDir, type CliRun } from '../helpers/cli.js';

const TODAY = '2026-11-25';
const mounted: string[] = [];

beforeAll(() => assertBuilt());
afterAll(() => {
  for (const dir of mounted) spawnSync('umount', ['-l', dir]);
});

/** A tmpfs of `size` at a new temp folder, read-only if asked; undefined when mounting is not allowed. */
function tinyDisk(size: string, readOnly = false): string | undefined {
  const dir = tempDir('kickoff-tmpfs-');
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  if (mount.status !== 0) return undefined;
  mounted.push(dir);
  mkdirSync(join(dir, 'practice'));
  if (readOnly && spawnSync('mount', ['-o', 'remount,ro', dir]).status !== 0) return undefined;
  return dir;
}

const canMount = (() => {
  const probe = tinyDisk('16k');
  return probe !== undefined;
})();

function expectIoError(run: CliRun, path: string, reason: RegExp): void {
  expect(run.stderr).not.toMatch(/internal error|This is a bug|\n\s+at /);
  expect(run.code, run.stderr).toBe(3);
  expect(run.stderr).toContain(path);
  expect(run.stderr).toMatch(reason);
}

/** Every file under `dir` is whole: no temp files, plans end in a newline, calendars are closed. */
function expectNothingPartial(dir: string): void {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
  for (const file of files) {
    const path = join(file.parentPath, file.name);
    expect(file.name, path).not.toMatch(/\.tmp$/);
    const text = readFileSync(path, 'utf8');
    if (file.name.endsWith('.ics')) expect(text.endsWith('END:VCALENDAR\r\n'), path).toBe(true);
    if (file.name.endsWith('.yaml')) expect(text).toMatch(/\n$/);
  }
}

describe('file-system faults', () => {
  it('refuses an output folder under a regular file: exit 3, the path and the reason', () => {
    const dir = tempDir('kickoff-faults-');
    writeFileSync(join(dir, 'notes.txt'), 'a file, not a folder\n');
    const run = kickoff(['init', '--example', '--dir', join(dir, 'notes.txt', 'practice'), '--today', TODAY]);
    expectIoError(run, join(dir, 'notes.txt', 'practice'), /part of the path is a file, not a folder/);
    expect(run.stdout + run.stderr).not.toMatch(/Wrote /);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('a file, not a folder\n');
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  }, 60_000);

  it('says which plan folder is missing, with exit 3', () => {
    const dir = tempDir('kickoff-faults-');
    const plan = join(dir, 'no-such-practice', 'kickoff.yaml');
    const run = kickoff(['schedule', '--plan', plan, '--today', TODAY], { cwd: dir });
    expectIoError(run, plan, /does not exist/);
    expect(existsSync(join(dir, 'no-such-practice'))).toBe(false);
  }, 60_000);

  it.skipIf(!canMount)(
    'refuses a full disk: exit 3, "the disk is full", nothing partial',
    () => {
      const disk = tinyDisk('48k')!;
      const run = kickoff(['init', '--example', '--dir', join(disk, 'practice'), '--today', TODAY]);
      expectIoError(run, join(disk, 'practice'), /the disk is full/);
      expectNothingPartial(disk);
    },
    60_000,
  );

  it.skipIf(!canMount)(
    'refuses a read-only disk: exit 3, "the disk is read-only", nothing written',
    () => {
      const disk = tinyDisk('1m', true)!;
      const run = kickoff(['init', '--example', '--dir', join(disk, 'practice'), '--today', TODAY]);
      expectIoError(run, join(disk, 'practice'), /the disk is read-only/);
      expect(readdirSync(join(disk, 'practice'))).toEqual([]);
    },
    60_000,
  );

  it.skipIf(!canMount)(
    'keeps the old plan and calendars whole when the disk fills during schedule',
    () => {
      const disk = tinyDisk('1m')!;
      const practice = join(disk, 'practice');
      expect(kickoff(['init', '--example', '--dir', practice, '--today', TODAY]).code).toBe(0);
      const before = readFileSync(join(practice, 'kickoff.yaml'), 'utf8');
      // Fill the disk to the last few kilobytes: the new calendars cannot be written.
      const free = 1024 * 1024 - spaceUsed(disk) - 8 * 1024;
      writeFileSync(join(disk, 'filler'), Buffer.alloc(Math.max(free, 0)));
      const run = kickoff(['schedule', '--go-live', '2027-05-10', '--today', TODAY], { cwd: practice });
      // The version the change replaces goes into the plan's history first: that is what fills up.
      expectIoError(run, '.kickoff/history/kickoff.yaml/', /the disk is full/);
      expectNothingPartial(practice);
      expect(readFileSync(join(practice, 'kickoff.yaml'), 'utf8')).toBe(before);
    },
    60_000,
  );

  it.skipIf(!canMount)(
    'batch and export on a read-only disk: exit 3 with the path and the reason, nothing written',
    () => {
      const disk = tinyDisk('1m', true)!;
      const out = join(disk, 'practice');
      const batch = kickoff([
        'batch',
        'test/fixtures/batch/practices.csv',
        '--out',
        out,
        '--today',
        TODAY,
        '--json',
      ]);
      expectIoError(batch, out, /the disk is read-only/);
      const summary = JSON.parse(batch.stdout) as { rows: { fileSystem?: boolean }[] };
      expect(summary.rows.some((r) => r.fileSystem)).toBe(true);
      const plan = tempDir('kickoff-faults-');
      expect(kickoff(['init', '--example', '--dir', plan, '--today', TODAY]).code).toBe(0);
      const exported = kickoff([
        'export',
        '--format',
        'csv',
        '--out',
        join(out, 'actions.csv'),
        '--plan',
        plan,
        '--today',
        TODAY,
      ]);
      expectIoError(exported, join(out, 'actions.csv'), /the disk is read-only/);
      expect(readdirSync(out)).toEqual([]);
    },
    60_000,
  );

  it.skipIf(!canMount)(
    'batch on a full disk: exit 3, "the disk is full", every file there whole',
    () => {
      const disk = tinyDisk('64k')!;
      const out = join(disk, 'practice');
      const batch = kickoff(['batch', 'test/fixtures/batch/practices.csv', '--out', out, '--today', TODAY]);
      expectIoError(batch, out, /the disk is full/);
      expectNothingPartial(disk);
    },
    60_000,
  );
});

function spaceUsed(dir: string): number {
  const df = spawnSync('df', ['-B1', '--output=used', dir], { encoding: 'utf8' });
  return Number(df.stdout.trim().split('\n')[1]);
}
