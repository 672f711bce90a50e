/**
 * kickoff-win-x64.exe on Windows's own rules, under Wine (issue 20). Runs only with
 * KICKOFF_TEST_WINDOWS_EXECUTABLE set and Wine installed (CI, after npm run package).
 * - The smoke test: --version, init --example --dir C:\tmp\ex, show, calendar, export --format xlsx,
 *   every file byte-identical to the same commands' on Linux (line ends aside).
 * - Paths as people on Windows type them: C:\Users\…\plans\B82005, .\plans, a batch template column.
 * - A plan another program holds open (cmd holding it as a program's input, with no sharing for
 *   delete, as Excel and Notepad hold a file): exit 3, nothing changed.
 * - The console: UTF-8 text ("Tŷ Gwyn", "Zoë") in a file and through the console, colours,
 *   NO_COLOR, and Ctrl-C at a prompt.
 *
 * Two things are Wine's, not Windows's, and the tests step round them (README: "On Windows, without
 * Node"): Wine 8 gives a Windows program no Unix pipe for its output (so: files), and a console Wine
 * makes on a Unix terminal has no title, where Node's libuv may stop with "Assertion failed:
 * process_title" before a prompt. A console on Windows always has a title; inWineTerminal gives one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, EXECUTABLE, REPO_ROOT, tempDir, writeCsuTemplate } from '../helpers/cli.js';
import {
  DRIVE_C,
  inWineTerminal,
  kickoffOnWindows,
  prepareWine,
  WINDOWS_EXECUTABLE,
  WINE,
  WINE_PREFIX,
  windowsPath,
  windowsTempDir,
} from '../helpers/wine.js';

const T = ['--today', '2026-11-25'];
const READY = WINDOWS_EXECUTABLE !== undefined && WINE !== undefined;
/** A colour or style escape (Wine's own console adds cursor and title sequences, never these). */
// eslint-disable-next-line no-control-regex -- the escape character is what is looked for
const SGR = /\u001b\[[0-9;]*m/;

/** The same commands on Linux: the Linux executable when it is being tested, else node bin/kickoff.js. */
function onLinux(args: readonly string[], cwd: string) {
  const [command, ...prefix] = EXECUTABLE ? [EXECUTABLE] : [process.execPath, BIN];
  return spawnSync(command!, [...prefix, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/** `kickoff ARGS` with the Windows executable, in a console. */
function inConsole(args: readonly string[]): string[] {
  return [WINDOWS_EXECUTABLE!, ...args];
}

/** Answers for a Welsh practice with names outside ASCII. */
function welshAnswers(dir: string): string {
  const example = readFileSync(join(REPO_ROOT, 'examples/densham-surgery.yaml'), 'utf8');
  const file = join(dir, 'tŷ-gwyn.yaml');
  writeFileSync(
    file,
    example
      .replace('name: The Densham Surgery', 'name: Tŷ Gwyn Surgery (Dr Zoë Adams)')
      .replace('nation: england', 'nation: wales'),
  );
  return file;
}

describe.skipIf(!READY)('kickoff-win-x64.exe under Wine', () => {
  beforeAll(() => prepareWine(), 120_000);

  it('passes the smoke test: --version, init, show, calendar, export xlsx; files byte-identical to Linux', () => {
    const ex = join(DRIVE_C, 'tmp/ex');
    spawnSync('rm', ['-rf', ex]);
    const version = kickoffOnWindows(['--version']);
    expect(version.code, version.stderr).toBe(0);
    const windows = [
      ['init', '--example', '--dir', 'C:\\tmp\\ex', ...T],
      ['show', '--plan', 'C:\\tmp\\ex', ...T],
      ['calendar', '--plan', 'C:\\tmp\\ex\\kickoff.yaml', ...T],
      ['export', '--format', 'xlsx', '--out', 'C:\\tmp\\ex\\actions.xlsx', '--plan', 'C:\\tmp\\ex', ...T],
    ].map((args) => ({ args, run: kickoffOnWindows(args) }));
    for (const { args, run } of windows) expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);

    const linux = tempDir('kickoff-linux-');
    const linuxRuns = [
      ['init', '--example', '--dir', 'ex', ...T],
      ['show', '--plan', 'ex', ...T],
      ['calendar', '--plan', 'ex/kickoff.yaml', ...T],
      ['export', '--format', 'xlsx', '--out', 'ex/actions.xlsx', '--plan', 'ex', ...T],
    ].map((args) => onLinux(args, linux));
    for (const run of linuxRuns) expect(run.status, run.stderr).toBe(0);

    const names = filesUnder(join(linux, 'ex'));
    expect(names).toContain('kickoff.yaml');
    expect(names).toContain('actions.xlsx');
    expect(names.filter((n) => n.endsWith('.ics'))).toHaveLength(7);
    expect(filesUnder(ex)).toEqual(names);
    const lf = (bytes: Buffer) => bytes.toString('latin1').replaceAll('\r\n', '\n');
    for (const name of names) {
      const [a, b] = [readFileSync(join(linux, 'ex', name)), readFileSync(join(ex, name))];
      expect(a.equals(b) || lf(a) === lf(b), name).toBe(true);
    }
    expect(windows[1]!.run.stdout).toBe(linuxRuns[1]!.stdout);
    const { version: expected } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(version.stdout).toBe(`${expected}\n`);
  }, 240_000);

  it('takes its Windows code cache (made by node.exe under Wine at build time)', () => {
    const run = kickoffOnWindows(['--help'], { env: { KICKOFF_CODE_CACHE_REPORT: '1' } });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('code cache: accepted\n');
  });

  it('takes --dir, --plan and --out as C:\\Users\\…\\plans\\B82005 and .\\plans, and says them with \\', () => {
    const [dir, win] = windowsTempDir();
    const cwd = { cwd: dir };
    const init = kickoffOnWindows(['init', '--example', '--dir', '.\\plans\\B82005', ...T], cwd);
    expect(init.code, init.stderr).toBe(0);
    expect(existsSync(join(dir, 'plans/B82005/kickoff.yaml'))).toBe(true);
    expect(init.stderr).toContain(
      'Wrote plans\\B82005\\kickoff.yaml and 7 calendar(s) in plans\\B82005\\calendars\\:',
    );
    expect(kickoffOnWindows(['show', '--plan', '.\\plans\\B82005', ...T], cwd).code).toBe(0);
    const calendar = kickoffOnWindows(['calendar', '--plan', `${win}\\plans\\B82005\\kickoff.yaml`, ...T]);
    expect(calendar.code, calendar.stderr).toBe(0);
    const csv = kickoffOnWindows(
      ['export', '--format', 'csv', '--out', '.\\actions.csv', '--plan', 'plans\\B82005', ...T],
      cwd,
    );
    expect(csv.code, csv.stderr).toBe(0);
    expect(readFileSync(join(dir, 'actions.csv'), 'utf8')).toContain('Kick-off meeting');

    const user = `C:\\Users\\priya.shah\\plans\\${dir.slice(-6)}\\B82005`;
    const absolute = kickoffOnWindows(['init', '--example', '--dir', user, ...T]);
    expect(absolute.code, absolute.stderr).toBe(0);
    expect(existsSync(join(DRIVE_C, 'users/priya.shah/plans', dir.slice(-6), 'B82005/kickoff.yaml'))).toBe(
      true,
    );
  }, 120_000);

  it('finds a batch row template as .\\templates\\csu.yaml and as C:\\…\\csu.yaml', () => {
    const [dir, win] = windowsTempDir();
    writeCsuTemplate(dir);
    const pm = 'EMIS Web,SystmOne,Priya Shah,priya.shah@nhs.net';
    writeFileSync(
      join(dir, 'practices.csv'),
      [
        'practice,ods,goLive,template,currentSystem,newSystem,projectManager,projectManagerEmail',
        `Densham,A81001,2027-04-19,.\\templates\\csu.yaml,${pm}`,
        `Queens Park,A81002,2027-04-19,${win}\\templates\\csu.yaml,${pm}`,
      ].join('\r\n'),
    );
    const run = kickoffOnWindows(['batch', '.\\practices.csv', '--out', '.\\plans', ...T], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    for (const ods of ['A81001', 'A81002'])
      expect(readFileSync(join(dir, 'plans', ods, 'kickoff.yaml'), 'utf8')).toContain(
        'from template csu-variant 1.1.0',
      );
  }, 120_000);

  it('a plan another program holds open: waits, exits 3 naming the likely holders, changes nothing', async () => {
    const [dir, win] = windowsTempDir();
    expect(kickoffOnWindows(['init', '--example', '--dir', `${win}\\ex`, ...T]).code).toBe(0);
    const plan = join(dir, 'ex/kickoff.yaml');
    const before = readFileSync(plan);
    // cmd opens the plan as ping's input and holds it (no sharing for delete) for about 15 seconds.
    const holder = spawn(
      WINE!,
      ['cmd', '/c', `echo held> ${win}\\held & ping -n 15 127.0.0.1 > nul < ${win}\\ex\\kickoff.yaml`],
      { env: { ...process.env, WINEPREFIX: WINE_PREFIX, WINEDEBUG: '-all' }, stdio: 'ignore' },
    );
    const ended = new Promise((done) => holder.on('exit', done));
    for (let i = 0; i < 120 && !existsSync(join(dir, 'held')); i++)
      await new Promise((r) => setTimeout(r, 250));
    await new Promise((r) => setTimeout(r, 1000));
    const run = kickoffOnWindows(['tick', 'kick-off', '--plan', `${win}\\ex`, '--today', '2026-11-26']);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain(
      `Cannot replace ${win}\\ex\\kickoff.yaml: another program has it open (Excel or Notepad, say), or OneDrive or a virus scanner is busy with it. kickoff.yaml was not changed.`,
    );
    expect(readFileSync(plan).equals(before)).toBe(true);
    expect(readdirSync(join(dir, 'ex')).sort()).toEqual(['.kickoff', 'calendars', 'kickoff.yaml']);
    await ended;
    expect(kickoffOnWindows(['tick', 'kick-off', '--plan', `${win}\\ex`, '--today', '2026-11-26']).code).toBe(
      0,
    );
  }, 120_000);

  it('writes "Tŷ Gwyn" and "Zoë" as UTF-8 to a file, and through the console', async () => {
    const [dir, win] = windowsTempDir();
    const answers = windowsPath(welshAnswers(dir));
    const init = kickoffOnWindows(['init', '--answers', answers, '--dir', `${win}\\tg`, '--yes', ...T]);
    expect(init.code, init.stderr).toBe(0);
    const show = kickoffOnWindows(['show', '--plan', `${win}\\tg`, ...T]);
    expect(show.stdout).toContain('Tŷ Gwyn Surgery (Dr Zoë Adams) (A81001)');
    expect(readFileSync(join(dir, 'tg/kickoff.yaml'), 'utf8')).toContain('Tŷ Gwyn Surgery (Dr Zoë Adams)');
    const shown = await inWineTerminal(inConsole(['show', '--plan', `${win}\\tg`, ...T]), {
      ...process.env,
      NO_COLOR: '1',
    });
    expect(shown.code, shown.output).toBe(0);
    expect(shown.output).toContain('Tŷ Gwyn Surgery (Dr Zoë Adams) (A81001)');
  }, 120_000);

  it('colours the console, and not with NO_COLOR or --no-color', async () => {
    const [, win] = windowsTempDir();
    expect(kickoffOnWindows(['init', '--example', '--dir', `${win}\\ex`, ...T]).code).toBe(0);
    const { NO_COLOR: _unset, FORCE_COLOR: _unforced, ...env } = process.env;
    const show = (extra: readonly string[], more: NodeJS.ProcessEnv = {}) =>
      inWineTerminal(inConsole(['show', ...extra, '--plan', `${win}\\ex`, '--today', '2027-01-27']), {
        ...env,
        ...more,
      });
    const coloured = await show([]);
    expect(coloured.output).toContain('Week of Mon 18 Jan 2027');
    expect(coloured.output).toMatch(SGR);
    for (const plain of [await show([], { NO_COLOR: '1' }), await show(['--no-color'])]) {
      expect(plain.output).toContain('Week of Mon 18 Jan 2027');
      expect(plain.output).not.toMatch(SGR);
    }
  }, 180_000);

  it('Ctrl-C at a prompt: exit 130, "Cancelled; nothing was written.", nothing written', async () => {
    const [dir, win] = windowsTempDir();
    const run = await inWineTerminal(
      inConsole(['init', '--dir', `${win}\\cc`, ...T]),
      { ...process.env, NO_COLOR: '1' },
      [['Practice name', '\u0003']],
    );
    expect(run.code, run.output).toBe(130);
    expect(run.output).toContain('Cancelled; nothing was written.');
    expect(existsSync(join(dir, 'cc'))).toBe(false);
  }, 120_000);
});
