/**
 * Where kickoff writes (issue 22), the built binary: a file named with --out that is a device, a
 * named pipe, a socket or a symbolic link is written into, followed or refused, never replaced; a
 * calendar kickoff names itself is never written over a device or a pipe; nothing is written outside
 * `publish --out` or `batch --out` through a link inside them; and two `publish` runs into one folder
 * both end up in its index.html.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN, examplePlan, kickoff, tempDir, type CliRun } from '../helpers/cli.js';
import { kickoffAsync } from '../helpers/cli-async.js';
import { feedFolder } from '../helpers/feeds.js';

const TODAY = '2026-11-25';
let pristine: string;

beforeAll(() => {
  assertBuilt();
  pristine = examplePlan('kickoff-paths-pristine-', TODAY);
});

function copy(): string {
  const dir = tempDir('kickoff-paths-');
  cpSync(pristine, dir, { recursive: true });
  return dir;
}

const exportTo = (dir: string, out: string) =>
  kickoff(['export', '--format', 'csv', '--out', out, '--plan', dir, '--today', TODAY]);

function expectNoBug(run: CliRun): void {
  expect(run.stderr).not.toMatch(/internal error|This is a bug|\n\s+at /);
}

/** A character device like /dev/full (1,7), made in a temp folder: undefined where mknod is not allowed. */
function fullDevice(dir: string): string | undefined {
  const path = join(dir, 'full');
  return spawnSync('mknod', [path, 'c', '1', '7']).status === 0 ? path : undefined;
}
const canMknod = fullDevice(tempDir('kickoff-mknod-probe-')) !== undefined;

describe('--out at something that is not a plain file', () => {
  it.skipIf(!canMknod)(
    'a full device is written into: exit 3, "the disk is full", and it stays a device',
    () => {
      const dir = copy();
      const device = fullDevice(dir)!;
      const run = exportTo(dir, device);
      expectNoBug(run);
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toMatch(/Cannot write .*full: the disk is full/);
      expect(run.stderr).not.toMatch(/Wrote/);
      expect(statSync(device).isCharacterDevice()).toBe(true);
    },
  );

  it('a named pipe is written into, and stays a pipe', async () => {
    const dir = copy();
    const fifo = join(dir, 'pipe.csv');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // A reader on the other end, as a program reading the pipe would be.
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (read += chunk));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    const run = await kickoffAsync(
      ['export', '--format', 'csv', '--out', fifo, '--plan', dir, '--today', TODAY],
      {
        timeoutMs: 30_000,
      },
    );
    if (run.code === null) reader.kill();
    await closed;
    expectNoBug(run);
    expect(run.code, run.stderr).toBe(0);
    expect(read.startsWith('\uFEFFId,Phase,Action')).toBe(true);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  }, 60_000);

  it('a symbolic link to standard output is followed: the CSV goes there, and the link stays', () => {
    const dir = copy();
    const link = join(dir, 'stdout.csv');
    symlinkSync('/proc/self/fd/1', link);
    // Through `| cat`, as in a shell: standard output is a pipe (a child of Node gets a socket).
    const script = `"${process.execPath}" "${BIN}" "$@" | cat`;
    const args = ['export', '--format', 'csv', '--out', link, '--plan', dir, '--today', TODAY];
    const run = spawnSync('sh', ['-c', script, 'kickoff', ...args], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expectNoBug({ code: run.status, stdout: run.stdout, stderr: run.stderr });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Wrote the action list \(CSV\)/);
    expect(run.stdout.startsWith('\uFEFFId,Phase,Action')).toBe(true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('/proc/self/fd/1');
  });

  it('a symbolic link to a file is followed: the file it points to is replaced, and the link stays', () => {
    const dir = copy();
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'shared/actions.csv'), 'old');
    const link = join(dir, 'actions.csv');
    symlinkSync(join(dir, 'shared/actions.csv'), link);
    const run = exportTo(dir, link);
    expect(run.code, run.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'shared/actions.csv'), 'utf8').startsWith('\uFEFFId,Phase')).toBe(true);
    expect(readdirSync(join(dir, 'shared')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a socket is refused (exit 3), and stays a socket', async () => {
    const dir = copy();
    const path = join(dir, 'socket.csv');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      const run = exportTo(dir, path);
      expectNoBug(run);
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toMatch(/socket\.csv: it is a socket, not a file/);
      expect(lstatSync(path).isSocket()).toBe(true);
    } finally {
      server.close();
    }
  });

  it('a calendar kickoff names itself is never written over a named pipe (exit 3, named)', () => {
    const dir = copy();
    const fifo = join(dir, 'calendars/a81001-trainer.ics');
    spawnSync('rm', [fifo]);
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const run = kickoff(['calendar', '--plan', dir, '--today', TODAY]);
    expectNoBug(run);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toMatch(
      /a81001-trainer\.ics: it is a named pipe, not a file, and kickoff never replaces one/,
    );
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});

describe('nothing is written outside the output folder through a link in it', () => {
  it('publish refuses a practice folder that is a link elsewhere, names it, and writes nothing there (nor the plan)', () => {
    const dir = copy();
    const root = tempDir('kickoff-paths-feeds-');
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere);
    // Published once, so the practice's folder (its name has the feed token) is known and kept.
    const first = kickoff(['publish', '--plan', dir, '--out', join(root, 'fo'), '--today', TODAY]);
    expect(first.code, first.stderr).toBe(0);
    const folder = join(root, 'fo', feedFolder(join(root, 'fo'), 'A81001'));
    spawnSync('rm', ['-r', folder]);
    symlinkSync(elsewhere, folder);
    const plan = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    const run = kickoff(['publish', '--plan', dir, '--out', join(root, 'fo'), '--today', TODAY]);
    expectNoBug(run);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain(`${folder} is a symbolic link that leads outside ${join(root, 'fo')}`);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(plan);
  });

  it('a batch re-plan refuses a calendars folder that is a link elsewhere, names it, and writes nothing there', () => {
    const root = tempDir('kickoff-paths-batch-');
    const csv = join(root, 'p.csv');
    writeFileSync(
      csv,
      'practice,ods,goLive,currentSystem,newSystem,projectManager,projectManagerEmail\nDensham,A81001,2027-04-19,EMIS Web,SystmOne,Priya Shah,priya.shah@nhs.net\nOther,A81002,2027-05-17,EMIS Web,SystmOne,Sam Lee,sam.lee@nhs.net\n',
    );
    const first = kickoff(['batch', csv, '--out', join(root, 'out'), '--today', TODAY]);
    expect(first.code, first.stderr).toBeLessThan(2);
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere);
    spawnSync('rm', ['-r', join(root, 'out/A81001/calendars')]);
    symlinkSync(elsewhere, join(root, 'out/A81001/calendars'));
    const plan = readFileSync(join(root, 'out/A81001/kickoff.yaml'), 'utf8');
    writeFileSync(
      csv,
      readFileSync(csv, 'utf8')
        .replace(/2027-04-19/, '2027-05-10')
        .replace(/2027-05-17/, '2027-05-24'),
    );
    const again = kickoff(['batch', csv, '--out', join(root, 'out'), '--today', TODAY]);
    expectNoBug(again);
    expect(again.code, again.stderr + again.stdout).toBe(3);
    expect(again.stdout + again.stderr).toContain(
      `${join(root, 'out/A81001/calendars')} is a symbolic link that leads outside`,
    );
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readFileSync(join(root, 'out/A81001/kickoff.yaml'), 'utf8')).toBe(plan);
    // The other practice is re-planned as asked.
    expect(readFileSync(join(root, 'out/A81002/kickoff.yaml'), 'utf8')).toMatch(/goLive: 2027-05-24/);
  }, 60_000);
});

describe('two publish runs into one folder', () => {
  it('both practices are in index.html and feeds.json, 20 times out of 20', async () => {
    const second = copy();
    const file = join(second, 'kickoff.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('ods: A81001', 'ods: A81002')
        .replace('The Densham Surgery', 'Other Surgery'),
    );
    for (let round = 0; round < 20; round++) {
      const feeds = join(tempDir('kickoff-paths-race-'), 'feeds');
      const [a, b] = await Promise.all([
        kickoffAsync(['publish', '--plan', copy(), '--out', feeds, '--today', TODAY]),
        kickoffAsync(['publish', '--plan', second, '--out', feeds, '--today', TODAY]),
      ]);
      expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
      const index = readFileSync(join(feeds, 'index.html'), 'utf8');
      expect(index, `round ${round}`).toMatch(/A81001-[a-z2-7]{26}\/everything\.ics/);
      expect(index, `round ${round}`).toMatch(/A81002-[a-z2-7]{26}\/everything\.ics/);
      const listed = (JSON.parse(readFileSync(join(feeds, 'feeds.json'), 'utf8')) as { ods: string }[]).map(
        (p) => p.ods,
      );
      expect(listed).toEqual(['A81001', 'A81002']);
      expect(existsSync(join(feeds, 'index.html.lock'))).toBe(false);
    }
  }, 600_000);
});
