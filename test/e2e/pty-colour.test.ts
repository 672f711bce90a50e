/**
 * Colour in `kickoff show`, the built binary: on in a real pseudo-terminal, off when piped, with
 * NO_COLOR or with --no-color. `npm test` builds first; run alone, this needs `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node-pty';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandLine, kickoff, tempDir } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT = existsSync(join(ROOT, 'dist/cli/main.js'));
const ESC = '\u001b[';

const { NO_COLOR: _unset, ...ENV } = process.env;

function inTerminal(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const pty = spawn(...commandLine(args), {
      name: 'xterm-256color',
      cols: 80,
      rows: 50,
      cwd: ROOT,
      env,
    });
    let output = '';
    pty.onData((data) => (output += data));
    pty.onExit(({ exitCode }) => resolve({ code: exitCode, output }));
  });
}

describe.skipIf(!BUILT)('kickoff show colour', () => {
  let plan: string;
  beforeAll(() => {
    const dir = tempDir();
    const run = kickoff(['init', '--example', '--dir', dir, '--today', '2026-11-25']);
    if (run.code !== 0) throw new Error(run.stderr);
    plan = join(dir, 'kickoff.yaml');
  });
  const args = () => ['show', '--plan', plan, '--today', '2027-01-27'];

  it('colours the timeline in a terminal', async () => {
    const run = await inTerminal(args(), ENV);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('Week of Mon 18 Jan 2027');
    expect(run.output).toContain(`${ESC}1mWeek of Mon 18 Jan 2027`);
  }, 30_000);

  it('has no colour in a terminal with NO_COLOR or --no-color', async () => {
    for (const [extra, env] of [
      [[], { ...ENV, NO_COLOR: '1' }],
      [['--no-color'], ENV],
    ] as const) {
      const run = await inTerminal([...extra, ...args()], env);
      expect(run.output).toContain('Week of Mon 18 Jan 2027');
      expect(run.output).not.toContain(ESC);
    }
  }, 30_000);

  it('has no colour when piped', () => {
    const run = spawnSync(...commandLine(args()), { encoding: 'utf8', env: ENV });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Week of Mon 18 Jan 2027');
    expect(run.stdout).not.toContain(ESC);
    expect(run.stderr).not.toContain(ESC);
  });
});
