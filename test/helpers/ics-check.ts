/**
 * Runs the independent iCalendar checker kept beside the repository (../shared/tools/ics-check).
 * CI clones the repo next to `shared/`, so the path is resolved from the repository root, not
 * hard-coded. When the checker or one of its backends is missing we report `available: false`
 * instead of a failure, because a missing tool says nothing about the calendar.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { expect } from 'vitest';
import { SHARED } from './shared.js';

export interface IcsCheckResult {
  /** The checker ran and every check passed. */
  readonly ok: boolean;
  /** What the checker printed (-q: FAIL lines and RESULT lines), or why it is unavailable. */
  readonly output: string;
  /** False when the checker or its dependencies are not installed on this machine. */
  readonly available: boolean;
}

const TOOL = resolve(SHARED, 'tools/ics-check');
const INSTALL_HINT = 'run ../shared/tools/ics-check-kit/install.sh';
/** Four backends × a few events take ~0.3 s per file; generous for a loaded CI machine. */
const TIMEOUT_MS = 120_000;

export function icsCheck(files: string[]): IcsCheckResult {
  const missing = missingDependency();
  if (missing)
    return { ok: false, available: false, output: `ics-check unavailable: ${missing}; ${INSTALL_HINT}` };
  const run = spawnSync(TOOL, ['-q', ...files], { encoding: 'utf8', timeout: TIMEOUT_MS });
  if (run.error)
    return { ok: false, available: false, output: `ics-check could not run: ${run.error.message}` };
  return { ok: run.status === 0, available: true, output: `${run.stdout}${run.stderr}` };
}

/** The first thing the checker needs that is not here, or undefined. Mirrors ics-check's own lookup. */
function missingDependency(): string | undefined {
  if (!existsSync(TOOL)) return `${TOOL} not found`;
  if (!icalJsInstalled()) return 'ical.js not installed (ICS_CHECK_HOME or ~/.cache/ics-check)';
  for (const program of ['khal', 'calcurse']) if (!onPath(program)) return `${program} not on PATH`;
  if (!pythonIcalendarInstalled()) return '/usr/bin/python3 cannot import icalendar';
  return undefined;
}

function icalJsInstalled(): boolean {
  const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  const homes = [
    process.env.ICS_CHECK_HOME ?? join(cache, 'ics-check'),
    resolve(SHARED, 'tools/ics-check-kit'),
  ];
  return homes.some((home) => existsSync(join(home, 'node_modules', 'ical.js')));
}

function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The checker's shebang is /usr/bin/python3 and it imports python3-icalendar in-process. */
function pythonIcalendarInstalled(): boolean {
  const run = spawnSync('/usr/bin/python3', ['-c', 'import icalendar'], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return run.status === 0;
}

/**
 * Every file passes ics-check. Where the checker cannot run, the test is skipped (or, without a test
 * context, this check alone is left out), except in CI (which installs it), where that is a failure.
 */
export function expectIcsCheckPasses(files: string[], ctx?: { skip: (note?: string) => void }): void {
  const result = icsCheck(files);
  if (!result.available) {
    if (process.env.CI) expect.fail(`ics-check must run in CI: ${result.output}`);
    if (ctx) ctx.skip(result.output);
    return;
  }
  expect(result.output).not.toContain('FAIL');
  expect(result.ok, result.output).toBe(true);
}
