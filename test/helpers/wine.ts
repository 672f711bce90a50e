/**
 * kickoff-win-x64.exe under Wine (Debian: apt-get install --no-install-recommends wine64), for the
 * Windows tests of issue 20. KICKOFF_TEST_WINDOWS_EXECUTABLE names the executable (CI, after npm run
 * package: release/kickoff-win-x64.exe); KICKOFF_WINE the wine program; KICKOFF_WINEPREFIX the Wine
 * folder (default: the one npm run package made the Windows code cache in).
 *
 * Wine 8 cannot give a Windows program a Unix pipe as its output (Node fails: "open EBADF"), so a
 * run's output goes through files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawn } from 'node-pty';
import { REPO_ROOT, tempDir, type CliRun } from './cli.js';

const given = process.env.KICKOFF_TEST_WINDOWS_EXECUTABLE;
export const WINDOWS_EXECUTABLE: string | undefined = given ? resolve(REPO_ROOT, given) : undefined;
export const WINE: string | undefined = [
  process.env.KICKOFF_WINE,
  '/usr/lib/wine/wine64',
  '/usr/bin/wine64',
  '/usr/bin/wine',
].find((path) => path !== undefined && existsSync(path));
export const WINE_PREFIX = resolve(
  process.env.KICKOFF_WINEPREFIX ?? join(REPO_ROOT, 'node_modules/.cache/kickoff-package/wine'),
);
/** The Wine folder's C: drive, as Linux sees it. */
export const DRIVE_C = join(WINE_PREFIX, 'drive_c');

const WINE_ENV = { WINEPREFIX: WINE_PREFIX, WINEDEBUG: '-all' };

/** A Linux path as Windows programs under Wine see it (Wine's Z: drive is /). */
export function windowsPath(path: string): string {
  if (path.startsWith(`${DRIVE_C}/`)) return `C:${path.slice(DRIVE_C.length).replaceAll('/', '\\')}`;
  return `Z:${path.replaceAll('/', '\\')}`;
}

/** A new folder on the Wine C: drive: [as Linux sees it, as Windows sees it]. */
export function windowsTempDir(prefix = 'kickoff-'): [string, string] {
  mkdirSync(join(DRIVE_C, 'tmp'), { recursive: true });
  const dir = mkdtempSync(join(DRIVE_C, 'tmp', prefix));
  return [dir, windowsPath(dir)];
}

/** The Wine folder made once, saying Windows 10 (Node refuses Wine's default, Windows 7). */
export function prepareWine(): void {
  if (!WINE) throw new Error('Wine is not installed: apt-get install --no-install-recommends wine64');
  const quiet = { env: { ...process.env, ...WINE_ENV }, stdio: 'ignore' as const };
  if (!existsSync(join(WINE_PREFIX, 'system.reg'))) spawnSync(WINE, ['wineboot', '--init'], quiet);
  const key = 'HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion';
  for (const [name, type, value] of [
    ['CurrentVersion', 'REG_SZ', '10.0'],
    ['CurrentBuild', 'REG_SZ', '19045'],
    ['CurrentBuildNumber', 'REG_SZ', '19045'],
    ['CurrentMajorVersionNumber', 'REG_DWORD', '10'],
    ['CurrentMinorVersionNumber', 'REG_DWORD', '0'],
    ['ProductName', 'REG_SZ', 'Windows 10 Pro'],
  ] as const)
    spawnSync(WINE, ['reg', 'add', key, '/v', name, '/t', type, '/d', value, '/f'], quiet);
}

/** `program args` under Wine (a Windows program: the executable, cmd…), output through files. */
export function underWine(
  program: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): CliRun {
  const dir = tempDir('kickoff-wine-out-');
  const [out, err] = [openSync(join(dir, 'out'), 'w'), openSync(join(dir, 'err'), 'w')];
  const run = spawnSync(WINE!, [program, ...args], {
    cwd: options.cwd ?? tempDir(),
    env: { ...process.env, ...WINE_ENV, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', out, err],
    timeout: 120_000,
  });
  closeSync(out);
  closeSync(err);
  const text = (name: string) => readFileSync(join(dir, name), 'utf8');
  return { code: run.status, stdout: text('out'), stderr: text('err') };
}

/** `kickoff ARGS` with the Windows executable under Wine. */
export function kickoffOnWindows(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): CliRun {
  return underWine(WINDOWS_EXECUTABLE!, args, options);
}

/**
 * A Windows program under Wine in a real pseudo-terminal, so it has a console (colours, the console
 * API's UTF-16 output). `steps`: wait for each text, then type. LANG=C.UTF-8: Wine writes the
 * console to the terminal in UTF-8.
 *
 * NODE_OPTIONS=--title=kickoff gives the console a title, as every console on Windows has. The
 * console Wine makes on a Unix terminal has none, and Node's libuv then stops in most runs, before
 * the first question, with "Assertion failed: process_title, file c:\ws\deps\uv\src\win\util.c,
 * line 412" (exit code 9): the stock node.exe running bin/kickoff.js as much as the executable.
 * With the title set (here, or by cmd's `title`) it was not seen again.
 */
export function inWineTerminal(
  line: readonly string[],
  env: NodeJS.ProcessEnv,
  steps: readonly (readonly [string, string])[] = [],
): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const pty = spawn(WINE!, [...line], {
      name: 'xterm-256color',
      cols: 200,
      rows: 50,
      cwd: tempDir(),
      env: { ...env, ...WINE_ENV, LANG: 'C.UTF-8', NODE_OPTIONS: '--title=kickoff' },
    });
    let output = '';
    let at = 0;
    let step = 0;
    const next = () => {
      const [wait, keys] = steps[step] ?? [];
      if (wait === undefined || keys === undefined) return;
      const found = output.indexOf(wait, at);
      if (found < 0) return;
      at = found + wait.length;
      step++;
      setTimeout(() => {
        pty.write(keys);
        next();
      }, 300);
    };
    const timer = setTimeout(() => pty.kill(), 60_000);
    pty.onData((data) => {
      output += data;
      next();
    });
    pty.onExit(({ exitCode }) => {
      clearTimeout(timer);
      done({ code: exitCode, output });
    });
  });
}
