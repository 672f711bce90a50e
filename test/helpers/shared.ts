/**
 * The project's shared/ folder (domain facts, NHS reference data, ics-check), found as .ci/run finds
 * it: KICKOFF_SHARED; else beside the repository; else, for a clone made elsewhere (say in /tmp),
 * beside the repository it was cloned from.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from './cli.js';

function findShared(): string {
  if (process.env.KICKOFF_SHARED) return process.env.KICKOFF_SHARED;
  const beside = resolve(REPO_ROOT, '../shared');
  if (existsSync(beside)) return beside;
  const origin = spawnSync('git', ['remote', 'get-url', 'origin'], { cwd: REPO_ROOT, encoding: 'utf8' });
  const besideOrigin = origin.status === 0 ? resolve(origin.stdout.trim(), '../shared') : '';
  return besideOrigin && existsSync(besideOrigin) ? besideOrigin : beside;
}

export const SHARED = findShared();
