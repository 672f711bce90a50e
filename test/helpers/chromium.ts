/**
 * Debian's headless Chromium for the browser tests (the pack, the programme page, the feed index).
 * As root in a container: no sandbox, no GPU, a fresh profile each run, nothing fetched in the
 * background (this machine's closed network refuses it). `.ci/run` installs it; outside CI a
 * machine without it skips those tests.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function which(name: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

export const CHROMIUM = which('chromium') ?? which('chromium-browser');

/** Browser tests run wherever Chromium is, and always in CI (where its absence is a failure). */
export const SKIP_BROWSER = !CHROMIUM && !process.env.CI;

export function chromium(args: readonly string[]) {
  const profile = mkdtempSync(join(tmpdir(), 'kickoff-chromium-'));
  try {
    const run = spawnSync(
      CHROMIUM ?? 'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
        ...args,
      ],
      { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
    );
    if (run.error) throw run.error;
    return run;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
