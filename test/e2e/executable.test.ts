/**
 * The single executable (npm run package, issue 20) against `node bin/kickoff.js`: the same
 * commands, with relative paths and a fixed --today, in two fresh folders, must give the same
 * bytes: standard output, standard error, exit code and every file written (the plan, calendars,
 * CSV and .xlsx exports, batch plans, history). Runs only with KICKOFF_TEST_EXECUTABLE set
 * (CI: release/kickoff-linux-x64), as does the rest of test/e2e against the executable.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN, EXECUTABLE, REPO_ROOT, tempDir } from '../helpers/cli.js';

const T = ['--today', '2026-11-25'];
const PLAN = ['--plan', 'ex/kickoff.yaml'];

/** Each command line of one session, in order, with a name for its output. */
const SESSION: readonly (readonly [string, readonly string[]])[] = [
  ['version', ['--version']],
  ['help', ['--help']],
  ['init', ['init', '--example', '--dir', 'ex', ...T]],
  ['show', ['show', ...PLAN, ...T]],
  ['show-json', ['show', '--json', ...PLAN, ...T]],
  ['calendar', ['calendar', ...PLAN, ...T]],
  ['check', ['check', ...PLAN, ...T]],
  ['due', ['due', ...PLAN, ...T]],
  ['csv', ['export', '--format', 'csv', ...PLAN, ...T]],
  ['csv-file', ['export', '--format', 'csv', '--out', 'actions.csv', ...PLAN, ...T]],
  ['xlsx', ['export', '--format', 'xlsx', '--out', 'actions.xlsx', ...PLAN, ...T]],
  ['md', ['export', '--format', 'md', ...PLAN, ...T]],
  ['html', ['export', '--format', 'html', ...PLAN, ...T]],
  ['schema', ['schema', 'plan']],
  ['import', ['import', 'actions.xlsx', ...PLAN, ...T]],
  ['tick', ['tick', 'kick-off', ...PLAN, ...T]],
  ['schedule', ['schedule', '--go-live', '2027-05-10', ...PLAN, ...T]],
  ['history', ['history', ...PLAN, ...T]],
  ['batch', ['batch', 'practices.csv', '--out', 'plans', '--jobs', '2', ...T]],
  ['portfolio', ['portfolio', 'plans', ...T]],
];

interface Session {
  readonly outputs: Record<string, { code: number | null; stdout: string; stderr: string }>;
  readonly files: Record<string, string>;
}

function runSession(start: readonly string[]): Session {
  const dir = tempDir('kickoff-same-');
  copyFileSync(join(REPO_ROOT, 'test/fixtures/batch/practices.csv'), join(dir, 'practices.csv'));
  const outputs: Session['outputs'] = {};
  for (const [name, args] of SESSION) {
    const run = spawnSync(start[0]!, [...start.slice(1), ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 120_000,
    });
    outputs[name] = { code: run.status, stdout: run.stdout, stderr: run.stderr };
  }
  return { outputs, files: filesIn(dir) };
}

function filesIn(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = join(entry.parentPath, entry.name);
        return [file.slice(dir.length + 1), readFileSync(file).toString('base64')];
      })
      .sort(([a], [b]) => (a! < b! ? -1 : 1)),
  );
}

describe.skipIf(EXECUTABLE === undefined)('the single executable', () => {
  let node: Session;
  let executable: Session;

  beforeAll(() => {
    assertBuilt();
    node = runSession([process.execPath, BIN]);
    executable = runSession([EXECUTABLE!]);
  }, 300_000);

  it('gives every command the same output and exit code as node bin/kickoff.js', () => {
    expect(node.outputs.init!.code, node.outputs.init!.stderr).toBe(0);
    expect(node.outputs.xlsx!.code).toBe(0);
    for (const [name] of SESSION) expect(executable.outputs[name], name).toEqual(node.outputs[name]);
  });

  it('writes the same files, byte for byte: plan, calendars, CSV, .xlsx, batch plans, history', () => {
    const names = Object.keys(node.files);
    expect(names).toContain('ex/kickoff.yaml');
    expect(names).toContain('actions.xlsx');
    expect(names).toContain('actions.csv');
    expect(names.filter((n) => n.startsWith('ex/calendars/')).length).toBe(7);
    expect(names.filter((n) => /^plans\/[^/]+\/kickoff.yaml$/.test(n)).length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(executable.files)).toEqual(names);
    for (const name of names) expect(executable.files[name], name).toBe(node.files[name]);
  });

  it('takes its own V8 code cache (made by its Node at build time)', () => {
    const run = spawnSync(EXECUTABLE!, ['--help'], {
      encoding: 'utf8',
      env: { ...process.env, KICKOFF_CODE_CACHE_REPORT: '1' },
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('code cache: accepted\n');
  });

  it('reads a portfolio of 200 plans in worker threads started from inside itself, as node does', () => {
    const dir = tempDir('kickoff-portfolio-');
    const pm = 'EMIS Web,SystmOne,Priya Shah,priya.shah@nhs.net';
    const rows = Array.from({ length: 200 }, (_, i) => {
      const goLive = ['2027-04-19', '2027-05-10', '2027-06-07'][i % 3];
      return `Practice ${i},A${String(10000 + i)},${goLive},${pm}`;
    });
    writeFileSync(
      join(dir, 'practices.csv'),
      ['practice,ods,goLive,currentSystem,newSystem,projectManager,projectManagerEmail', ...rows].join('\n'),
    );
    const batch = spawnSync(EXECUTABLE!, ['batch', 'practices.csv', '--out', 'plans', '--quiet', ...T], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(batch.status, batch.stderr).toBe(0);
    const run = (start: readonly string[], env: NodeJS.ProcessEnv = {}) =>
      spawnSync(start[0]!, [...start.slice(1), 'portfolio', 'plans', ...T], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', ...env },
        maxBuffer: 64 * 1024 * 1024,
      });
    // NODE_DEBUG=worker: Node says when it starts a worker thread (here from source: doEval).
    const watched = run([EXECUTABLE!], { NODE_DEBUG: 'worker' });
    expect(watched.stderr).toMatch(/WORKER \d+: instantiating Worker\. url: null doEval: classic/);
    const fromExecutable = run([EXECUTABLE!]);
    const fromNode = run([process.execPath, BIN]);
    expect(fromExecutable.status, fromExecutable.stderr).toBeLessThanOrEqual(1);
    expect(fromExecutable.stdout.length).toBeGreaterThan(1000);
    const same = fromExecutable.stdout === fromNode.stdout && fromExecutable.stderr === fromNode.stderr;
    expect(same, 'the same output from the executable and node').toBe(true);
    expect(fromExecutable.status).toBe(fromNode.status);
  }, 120_000);

  const root = process.platform === 'linux' && process.getuid?.() === 0;
  it.skipIf(!root)(
    'needs no network: with none (unshare --net), the same files as node writes',
    () => {
      const commands = [
        ['init', '--example', '--dir', 'ex', ...T],
        ['show', ...PLAN, ...T],
        ['calendar', ...PLAN, ...T],
        ['export', '--format', 'xlsx', '--out', 'actions.xlsx', ...PLAN, ...T],
      ];
      const session = (start: readonly string[]) => {
        const dir = tempDir('kickoff-offline-');
        for (const args of commands) {
          const run = spawnSync(start[0]!, [...start.slice(1), ...args], { cwd: dir, encoding: 'utf8' });
          expect(run.status, `${args.join(' ')}: ${run.stderr}`).toBe(0);
        }
        return filesIn(dir);
      };
      const offline = session(['unshare', '--net', EXECUTABLE!]);
      expect(Object.keys(offline)).toContain('actions.xlsx');
      expect(offline).toEqual(session([process.execPath, BIN]));
    },
    60_000,
  );
});
