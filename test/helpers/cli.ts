/**
 * Runs the BUILT binary (bin/kickoff.js → dist/), or a single executable (KICKOFF_TEST_EXECUTABLE),
 * in a child process, as a user or a pipeline would.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(REPO_ROOT, 'bin/kickoff.js');

/**
 * A single executable to test instead of `node bin/kickoff.js`: KICKOFF_TEST_EXECUTABLE (CI, after
 * npm run package: release/kickoff-linux-x64), relative to the repository or absolute.
 */
const given = process.env.KICKOFF_TEST_EXECUTABLE;
export const EXECUTABLE: string | undefined = given ? resolve(REPO_ROOT, given) : undefined;

/** The program and arguments that run `kickoff ARGS`: node bin/kickoff.js, or the executable. */
export function commandLine(args: readonly string[]): [string, string[]] {
  return EXECUTABLE ? [EXECUTABLE, [...args]] : [process.execPath, [BIN, ...args]];
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function assertBuilt(): void {
  if (EXECUTABLE && !existsSync(EXECUTABLE))
    throw new Error(`${EXECUTABLE} (KICKOFF_TEST_EXECUTABLE) is missing: run \`npm run package\`.`);
  if (!existsSync(join(REPO_ROOT, 'dist/cli/main.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm test does it first).');
  }
}

export function kickoff(
  args: readonly string[],
  options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {},
): CliRun {
  const [command, line] = commandLine(args);
  const run = spawnSync(command, line, {
    cwd: options.cwd ?? REPO_ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

export function tempDir(prefix = 'kickoff-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** `kickoff init --example` into a new temp folder: the starting plan many end-to-end tests share. */
export function examplePlan(prefix = 'kickoff-example-', today = '2026-11-25'): string {
  const dir = tempDir(prefix);
  const run = kickoff(['init', '--example', '--dir', dir, '--today', today]);
  if (run.code !== 0) throw new Error(`init --example failed: ${run.stderr}`);
  return dir;
}

/**
 * A second practice planned into `folder/A81002` with init: the example's answers as Oakwood Surgery,
 * going live on 12 Oct 2027, with its own people (@oakwood.example) and nobody away. Beside the
 * example it makes a programme of two practices, the second with nothing late in the spring.
 */
export function planOakwood(folder: string, today = '2026-11-25'): CliRun {
  const answers = readFileSync(join(REPO_ROOT, 'examples/densham-surgery.yaml'), 'utf8')
    .replace('ods: A81001', 'ods: A81002')
    .replace('The Densham Surgery', 'Oakwood Surgery')
    .replace(/goLive: .*/, 'goLive: 2027-10-12')
    .replace(/@nhs\.net/g, '@oakwood.example')
    .replace(/absences:\n(\s+- .*\n?)+/, 'absences: []\n');
  writeFileSync(join(folder, 'oakwood.yaml'), answers);
  return kickoff([
    'init',
    '--answers',
    join(folder, 'oakwood.yaml'),
    '--dir',
    join(folder, 'A81002'),
    '--yes',
    '--today',
    today,
  ]);
}

/** A CSU's variant of the shipped template (id csu-variant) at `root/templates/csu.yaml`, for batch's template column. */
export function writeCsuTemplate(root: string): void {
  const shipped = readFileSync(join(REPO_ROOT, 'templates/nhs-england-gp.yaml'), 'utf8');
  mkdirSync(join(root, 'templates'), { recursive: true });
  writeFileSync(
    join(root, 'templates/csu.yaml'),
    shipped.replace(/^id: nhs-england-gp$/m, 'id: csu-variant'),
  );
}

/** A fresh copy of a folder (a plan and its calendars), to change without touching the original. */
export function copyOf(dir: string, prefix = 'kickoff-copy-'): string {
  const copy = tempDir(prefix);
  cpSync(dir, copy, { recursive: true });
  return copy;
}
