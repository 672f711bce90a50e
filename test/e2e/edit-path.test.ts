/**
 * The one edit path (app/edit-plan.ts), the built binary: one writer at a time (the lock), the plan
 * written before its calendars (never a calendar ahead of its plan, after a kill -9 or a full disk),
 * the history of replaced versions, and a Windows plan's line ends and byte-order mark kept.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/adapters/plan-file/read.js';
import { eventUid } from '../../src/domain/ids.js';
import { assertBuilt, commandLine, examplePlan, kickoff, tempDir } from '../helpers/cli.js';
import { kickoffAsync } from '../helpers/cli-async.js';
import { loadDefaults } from '../helpers/fixtures.js';

const TODAY = '2026-11-25';
let pristine: string;

beforeAll(() => {
  assertBuilt();
  pristine = examplePlan('kickoff-edit-pristine-', TODAY);
});

function copy(): string {
  const dir = tempDir('kickoff-edit-');
  cpSync(pristine, dir, { recursive: true });
  return dir;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function statusOf(dir: string, id: string): Promise<string | undefined> {
  const { template } = await loadDefaults();
  const text = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
  return parsePlan(text, 'kickoff.yaml', template).plan.items.find((i) => i.id === id)?.status;
}

/** Each event's SEQUENCE in the plan's `published:` record, by the event's UID. */
async function recordOf(dir: string): Promise<Map<string, number>> {
  const { template } = await loadDefaults();
  const stored = parsePlan(readFileSync(join(dir, 'kickoff.yaml'), 'utf8'), 'kickoff.yaml', template);
  const ods = stored.plan.answers.practice.ods;
  return new Map((stored.published ?? []).map((e) => [eventUid(ods, e.id), e.sequence]));
}

/** Each event's SEQUENCE in every calendar file: [file, UID, sequence]. */
function calendarSequences(dir: string): [string, string, number][] {
  const folder = join(dir, 'calendars');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith('.ics'))
    .flatMap((file) => {
      const text = readFileSync(join(folder, file), 'utf8').replace(/\r\n[ \t]/g, '');
      return text
        .split('BEGIN:VEVENT')
        .slice(1)
        .map((event): [string, string, number] => {
          const uid = /\r\nUID:([^\r]*)/.exec(event)![1]!;
          return [file, uid, Number(/\r\nSEQUENCE:(\d+)/.exec(event)![1])];
        });
    });
}

/** No calendar is ahead of its plan: every event's SEQUENCE is at most the plan's record of it. */
async function expectCalendarsNotAhead(dir: string): Promise<void> {
  const record = await recordOf(dir);
  for (const [file, id, sequence] of calendarSequences(dir)) {
    const known = record.get(id);
    expect(known, `${file}: ${id} is not in the plan's record`).toBeDefined();
    expect(sequence, `${file}: ${id}`).toBeLessThanOrEqual(known!);
  }
}

/** After `kickoff calendar`, every calendar says exactly what the plan's record says. */
async function expectCalendarsAtPlan(dir: string): Promise<void> {
  const record = await recordOf(dir);
  for (const [file, id, sequence] of calendarSequences(dir))
    expect(sequence, `${file}: ${id}`).toBe(record.get(id));
}

describe('two writers, one plan', () => {
  it('two ticks at once both land, 20 times out of 20', async () => {
    for (let round = 0; round < 20; round++) {
      const dir = copy();
      const [a, b] = await Promise.all([
        kickoffAsync(['tick', 'kick-off', '--today', TODAY], { cwd: dir }),
        kickoffAsync(['tick', 'technical-survey', '--today', TODAY], { cwd: dir }),
      ]);
      expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
      expect(await statusOf(dir, 'kick-off')).toBe('done');
      expect(await statusOf(dir, 'technical-survey')).toBe('done');
      expect(existsSync(join(dir, 'kickoff.yaml.lock'))).toBe(false);
    }
  }, 600_000);

  it('a tick and, 0.1–0.2 s later, a go-live move both land, 20 times out of 20', async () => {
    for (let round = 0; round < 20; round++) {
      const dir = copy();
      const tick = kickoffAsync(['tick', 'hardware-costs-approved', '--today', TODAY], { cwd: dir });
      await sleep(100 + Math.random() * 100);
      const move = kickoffAsync(['schedule', '--go-live', '2027-05-10', '--today', TODAY], { cwd: dir });
      const [t, m] = await Promise.all([tick, move]);
      expect(t.code, t.stderr).toBe(0);
      expect([0, 1]).toContain(m.code);
      expect(await statusOf(dir, 'hardware-costs-approved')).toBe('done');
      expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toMatch(/goLive: 2027-05-10/);
      await expectCalendarsNotAhead(dir);
    }
  }, 600_000);

  it('takes over a lock left on this computer by a process that has gone', async () => {
    const dir = copy();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const holder = {
      host: hostname(),
      user: 'priya',
      pid: Number(gone.stdout),
      since: new Date().toISOString(),
      command: 'tick',
    };
    writeFileSync(join(dir, 'kickoff.yaml.lock'), JSON.stringify(holder));
    const run = await kickoffAsync(['tick', 'kick-off', '--today', TODAY, '--wait', '0'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(await statusOf(dir, 'kick-off')).toBe('done');
    expect(existsSync(join(dir, 'kickoff.yaml.lock'))).toBe(false);
  }, 60_000);

  it('never takes over a lock from another computer: exit 3 naming it, nothing written', async () => {
    const dir = copy();
    const before = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    const holder = {
      host: 'LAPTOP-PM7',
      user: 'sam.lee',
      pid: 4242,
      since: '2026-11-25T10:42:00.000Z',
      command: 'schedule',
    };
    writeFileSync(join(dir, 'kickoff.yaml.lock'), JSON.stringify(holder));
    const run = await kickoffAsync(['tick', 'kick-off', '--today', TODAY, '--wait', '1'], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('kickoff schedule (user sam.lee, process 4242) on the computer LAPTOP-PM7');
    expect(run.stderr).toContain('10:42 on Wed 25 Nov 2026');
    expect(run.stderr).toMatch(/delete .*kickoff\.yaml\.lock/);
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(before);
    expect(JSON.parse(readFileSync(join(dir, 'kickoff.yaml.lock'), 'utf8'))).toEqual(holder);
  }, 60_000);

  it('waits for a writer on this computer, then goes on with the plan it left', async () => {
    const dir = copy();
    // A live process of this computer holds the lock for a second, then lets go.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    const lock = {
      host: hostname(),
      user: 'priya',
      pid: holder.pid,
      since: new Date().toISOString(),
      command: 'tick',
    };
    writeFileSync(join(dir, 'kickoff.yaml.lock'), JSON.stringify(lock));
    const waiting = kickoffAsync(['tick', 'kick-off', '--today', TODAY], { cwd: dir });
    await sleep(1000);
    rmSync(join(dir, 'kickoff.yaml.lock'));
    holder.kill();
    const run = await waiting;
    expect(run.code, run.stderr).toBe(0);
    expect(await statusOf(dir, 'kick-off')).toBe('done');
  }, 60_000);
});

describe('the plan first, then its calendars', () => {
  it('after 30 schedule runs killed at random moments, no calendar is ever ahead of its plan', async () => {
    const dir = copy();
    const goLives = ['2027-05-10', '2027-04-19', '2027-05-24'];
    const started = performance.now();
    expect(
      (await kickoffAsync(['schedule', '--go-live', '2027-05-03', '--today', TODAY], { cwd: dir })).code,
    ).toBe(0);
    const span = performance.now() - started;
    let killed = 0;
    for (let i = 0; i < 30; i++) {
      const child = spawn(...commandLine(['schedule', '--go-live', goLives[i % 3]!, '--today', TODAY]), {
        cwd: dir,
        stdio: 'ignore',
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), span * (0.3 + 0.7 * Math.random()));
      const code = await new Promise<number | null>((done) => child.on('close', done));
      clearTimeout(timer);
      if (code === null) killed += 1;
      await expectCalendarsNotAhead(dir);
    }
    expect(killed).toBeGreaterThan(5);
    // The next run that writes calendars brings every one of them to the plan's record.
    const run = await kickoffAsync(['calendar', '--today', TODAY], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    await expectCalendarsAtPlan(dir);
  }, 600_000);

  const root = spawnSync('id', ['-u'], { encoding: 'utf8' }).stdout.trim() === '0';
  it.skipIf(!root)(
    'with the disk full at 30 different points, the plan is whole and no calendar is ahead of it',
    async () => {
      for (let i = 0; i < 30; i++) {
        const disk = tempDir('kickoff-edit-disk-');
        if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk]).status !== 0) return;
        try {
          const dir = join(disk, 'practice');
          mkdirSync(dir);
          cpSync(pristine, dir, { recursive: true });
          const used = Number(
            spawnSync('df', ['-B1', '--output=used', disk], { encoding: 'utf8' })
              .stdout.trim()
              .split('\n')[1],
          );
          // From almost nothing left to enough for the history entry and part of the calendars.
          const free = 4096 + i * 8192;
          writeFileSync(join(disk, 'filler'), Buffer.alloc(Math.max(0, 1024 * 1024 - used - free)));
          const run = await kickoffAsync(['schedule', '--go-live', '2027-05-10', '--today', TODAY], {
            cwd: dir,
          });
          expect([0, 1, 3]).toContain(run.code);
          expect(run.stderr).not.toMatch(/internal error/);
          const { template } = await loadDefaults();
          expect(() =>
            parsePlan(readFileSync(join(dir, 'kickoff.yaml'), 'utf8'), 'kickoff.yaml', template),
          ).not.toThrow();
          await expectCalendarsNotAhead(dir);
          rmSync(join(disk, 'filler'));
          const after = await kickoffAsync(['calendar', '--today', TODAY], { cwd: dir });
          expect(after.code, after.stderr).toBe(0);
          await expectCalendarsAtPlan(dir);
        } finally {
          spawnSync('umount', ['-l', disk]);
        }
      }
    },
    600_000,
  );
});

describe("the plan's history", () => {
  it('keeps each version a command replaced, with the command and a line saying what it did', () => {
    const dir = copy();
    const first = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    expect(kickoff(['tick', 'kick-off', '--today', TODAY], { cwd: dir }).code).toBe(0);
    const second = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    expect([0, 1]).toContain(
      kickoff(['schedule', '--go-live', '2027-05-10', '--today', TODAY], { cwd: dir }).code,
    );
    const folder = join(dir, '.kickoff/history/kickoff.yaml');
    const entries = readdirSync(folder)
      .sort()
      .map((f) => JSON.parse(readFileSync(join(folder, f), 'utf8')) as Record<string, unknown>);
    expect(entries.map((e) => [e.number, e.command, e.text === first || e.text === second])).toEqual([
      [1, 'tick', true],
      [2, 'schedule --go-live', true],
    ]);
    expect(entries[0]!.text).toBe(first);
    expect(entries[1]!.text).toBe(second);
    expect(entries[0]!.summary).toBe('kick-off: done');
    expect(entries[1]!.summary).toMatch(
      /^re-planned: go-live Mon 10 May 2027 \(was Mon 19 Apr 2027\); \d+ item\(s\) moved/,
    );
  });
});

describe('a plan saved on Windows (Notepad: UTF-8 with a byte-order mark, CRLF)', () => {
  it('keeps its byte-order mark and CRLF line ends through tick and schedule', () => {
    const dir = copy();
    const lf = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    writeFileSync(join(dir, 'kickoff.yaml'), `\ufeff${lf.replace(/\n/g, '\r\n')}`);
    expect(
      kickoff(['tick', 'kick-off', '--note', 'Held in room 2', '--today', TODAY], { cwd: dir }).code,
    ).toBe(0);
    expect([0, 1]).toContain(
      kickoff(['schedule', '--go-live', '2027-05-10', '--today', TODAY], { cwd: dir }).code,
    );
    const bytes = readFileSync(join(dir, 'kickoff.yaml'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text).toMatch(/goLive: 2027-05-10\r\n/);
    expect(text).toMatch(/notes: Held in room 2\r\n/);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes a plan it creates with LF line ends and no byte-order mark', () => {
    const text = readFileSync(join(pristine, 'kickoff.yaml'));
    expect(text[0]).not.toBe(0xef);
    expect(text.toString('utf8')).not.toMatch(/\r/);
  });
});
