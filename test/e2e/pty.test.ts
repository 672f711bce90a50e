/**
 * The built binary in a real pseudo-terminal, answered as a person would: wait for each question,
 * then type. `npm test` builds first; run on its own, this needs `npm run build`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { spawn, type IPty } from 'node-pty';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandLine } from '../helpers/cli.js';
import { ENTER, typedAnswers } from '../helpers/typed-answers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT = existsSync(join(ROOT, 'dist/cli/main.js'));

const CTRL_C = '\x03';

/** One run of kickoff in a pseudo-terminal: what it shows, and how it ended. */
class PtyRun {
  private readonly pty: IPty;
  private screen = '';
  /** Where the next search starts, so an earlier question's text is not mistaken for the next one. */
  private cursor = 0;
  readonly exited: Promise<number>;

  constructor(args: readonly string[]) {
    this.pty = spawn(...commandLine(args), {
      name: 'xterm-256color',
      // Wide, so no question is wrapped across lines and split.
      cols: 500,
      rows: 50,
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    });
    this.pty.onData((data) => {
      this.screen += stripVTControlCharacters(data);
    });
    this.exited = new Promise((resolve) => this.pty.onExit(({ exitCode }) => resolve(exitCode)));
  }

  get output(): string {
    return this.screen;
  }

  async waitFor(text: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = this.screen.indexOf(text, this.cursor);
      if (at >= 0) {
        this.cursor = at + text.length;
        return;
      }
      if (Date.now() > deadline) {
        throw new Error(`"${text}" never appeared. The terminal ended:\n${this.screen.slice(-1500)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async answer(steps: readonly (readonly [string, string])[]): Promise<void> {
    for (const [question, keys] of steps) {
      await this.waitFor(question);
      this.pty.write(keys);
    }
  }

  /** SIGINT, as Ctrl-C is when it arrives as a signal (Ctrl-Break on Windows, `kill -INT`), not a key. */
  interrupt(): void {
    process.kill(this.pty.pid, 'SIGINT');
  }

  kill(): void {
    try {
      this.pty.kill();
    } catch {
      // Already gone.
    }
  }
}

const SUITE = BUILT
  ? 'kickoff init in a real terminal'
  : 'kickoff init in a real terminal (skipped: dist/cli/main.js is missing; run `npm run build`, as `npm test` does)';

describe.skipIf(!BUILT)(SUITE, () => {
  let dir: string;
  let run: PtyRun | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kickoff-pty-'));
  });

  afterEach(async () => {
    run?.kill();
    run = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  function start(extra: readonly string[] = []): PtyRun {
    run = new PtyRun(['init', '--dir', dir, '--today', '2026-11-25', ...extra]);
    return run;
  }

  it('asks every question, writes the plan and calendars when told yes, and exits 0', async () => {
    const kickoff = start();
    await kickoff.answer([...typedAnswers('14/06/2027'), ['Write the plan and calendars?', 'y\r']]);
    const code = await kickoff.exited;
    expect(code, kickoff.output).toBe(0);
    expect(existsSync(join(dir, 'kickoff.yaml'))).toBe(true);
    const calendars = await readdir(join(dir, 'calendars'));
    expect(calendars.filter((name) => name.endsWith('.ics')).length).toBeGreaterThan(0);
  }, 60_000);

  it('stops at Ctrl-C with exit code 130, says nothing was written, and writes nothing', async () => {
    const kickoff = start();
    await kickoff.answer([
      ['Practice name', 'Riverside Surgery\r'],
      ['ODS code', 'B82005\r'],
      ['Go-live date', '14/06/2027\r'],
      ["Which nation's bank holidays apply?", ENTER],
      ['Current clinical system', ENTER],
      ['New clinical system', ENTER],
      ['Team member 1: role', CTRL_C],
    ]);
    const code = await kickoff.exited;
    expect(code, kickoff.output).toBe(130);
    expect(kickoff.output).toContain('Cancelled; nothing was written.');
    expect(await readdir(dir)).toEqual([]);
  }, 60_000);

  it('stops the same way when Ctrl-C comes as a signal (SIGINT) rather than a key: exit 130, nothing written', async () => {
    const kickoff = start();
    await kickoff.answer([['Practice name', 'Riverside Surgery\r']]);
    await kickoff.waitFor('ODS code');
    kickoff.interrupt();
    const code = await kickoff.exited;
    expect(code, kickoff.output).toBe(130);
    expect(kickoff.output).toContain('Cancelled; nothing was written.');
    expect(await readdir(dir)).toEqual([]);
  }, 60_000);

  it('shows the warnings before asking to write, and on "no" keeps the answers in a file instead', async () => {
    // The example's answers: only whether it dispenses, the optional kick-off date and meeting place
    // are left to ask, then whether to write.
    const kickoff = start(['--answers', join(ROOT, 'examples/densham-surgery.yaml')]);
    await kickoff.answer([
      ['Is it a dispensing practice', ENTER],
      ['Kick-off meeting date', ENTER],
      ['Where are the meetings held?', ENTER],
    ]);
    await kickoff.waitFor('Write the plan and calendars?');
    const beforeQuestion = kickoff.output.slice(0, kickoff.output.indexOf('Write the plan and calendars?'));
    expect(beforeQuestion).toContain('Sam Lee (trainer) is away Mon 5 Apr 2027 to Fri 9 Apr 2027');
    expect(beforeQuestion).toContain('[schedule.busy_qof_year_end]');
    await kickoff.answer([
      ['', 'n\r'],
      ['Save your answers in', ENTER],
    ]);
    const code = await kickoff.exited;
    expect(code, kickoff.output).toBe(130);
    expect(kickoff.output).toContain('the plan was not written');
    expect(await readdir(dir)).toEqual(['kickoff-answers.yaml']);
    // The saved answers plan the same practice when given back.
    const again = start(['--answers', join(dir, 'kickoff-answers.yaml'), '--yes', '--no-input']);
    expect(await again.exited, again.output).toBe(0);
    expect(existsSync(join(dir, 'kickoff.yaml'))).toBe(true);
  }, 60_000);
});

describe.skipIf(!BUILT)('kickoff batch in a real terminal', () => {
  it('shows a table (practice, go-live, kick-off, earliest notice, problems) instead of JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kickoff-pty-'));
    const csv = join(ROOT, 'test/fixtures/batch/practices.csv');
    const run = new PtyRun(['batch', csv, '--out', join(dir, 'plans'), '--today', '2026-11-25']);
    try {
      const code = await run.exited;
      expect(code, run.output).toBe(1);
      expect(run.output).toMatch(/row +practice +ODS +go-live +kick-off +earliest notice +problems/);
      expect(run.output).toMatch(/THE DENSHAM SURGERY +A81001 +2027-04-19 +2027-01-18 +2027-03-08 +planned/);
      expect(run.output).toContain('FAILED: ODS code A81001 is also on row 2.');
      expect(run.output).toContain('9 practice(s)');
      expect(run.output).not.toContain('"rows"');
    } finally {
      run.kill();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
