/**
 * bin/kickoff.js runs the bundled program (dist/bundle/main.cjs, the same code as dist/cli/main.js)
 * with Node's compile cache where Node has one, and on Node 20 with the one V8 code cache made at
 * build time (scripts/code-cache.mjs). The cache must only ever change how fast kickoff starts:
 * these tests hold the cached run to the same bytes as the unbundled program (--debug runs
 * dist/cli/main.js), with a cache V8 accepts, with a damaged one and with none.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import module from 'node:module';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/options.js';
import { assertBuilt, copyOf, EXECUTABLE, examplePlan, kickoff, REPO_ROOT, tempDir } from '../helpers/cli.js';

const BUNDLE = join(REPO_ROOT, 'dist/bundle/main.cjs');
const CACHE = join(REPO_ROOT, 'dist/bundle/main.bin');
const TODAY = ['--today', '2026-11-25'];

let plan: string;

beforeAll(() => {
  assertBuilt();
  plan = join(examplePlan('kickoff-cache-'), 'kickoff.yaml');
});

/** A copy of what bin/kickoff.js needs at run time (no node_modules: the bundle carries its libraries). */
function packageCopy(): string {
  const root = tempDir('kickoff-package-');
  for (const part of ['package.json', 'bin', 'templates', 'dist/bundle', 'dist/data'])
    cpSync(join(REPO_ROOT, part), join(root, part), { recursive: true });
  return root;
}

function version(): string {
  return (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function run(bin: string, args: readonly string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// bin/kickoff.js's own cache: with KICKOFF_TEST_EXECUTABLE, kickoff() runs the executable, whose
// cache and byte-for-byte sameness test/e2e/executable.test.ts checks.
describe.skipIf(EXECUTABLE !== undefined)('the code cache', () => {
  it('is one file made at build time, and V8 accepts it', () => {
    expect(readdirSync(dirname(CACHE)).filter((f) => f.endsWith('.bin'))).toEqual(['main.bin']);
    const wrapped = `(function (exports, require, module, __filename, __dirname) {${readFileSync(BUNDLE, 'utf8')}\n})`;
    const script = new vm.Script(wrapped, { filename: BUNDLE, cachedData: readFileSync(CACHE) });
    expect(script.cachedDataRejected).toBe(false);
  });

  it.each([
    ['show', ['show', '--plan']],
    ['show --json', ['show', '--json', '--plan']],
    ['due', ['due', '--within', '8w', '--plan']],
    ['check', ['check', '--plan']],
  ])('gives %s the same bytes as the unbundled program (--debug)', (_name, args) => {
    const cached = kickoff([...args, plan, ...TODAY]);
    const plain = kickoff([...args, plan, ...TODAY, '--debug']);
    expect(cached.stdout.length).toBeGreaterThan(100);
    expect(cached).toEqual(plain);
  });

  it('answers every help command line with the same bytes and exit code as the unbundled program', () => {
    const commands = COMMANDS.map((c) => c.name);
    const lines = [
      [],
      ['--help'],
      ['-h'],
      ['help'],
      ['nonsense', '--help'],
      ...commands.flatMap((c) => [
        ['help', c],
        [c, '--help'],
      ]),
    ];
    for (const line of lines) expect(kickoff(line), line.join(' ')).toEqual(kickoff([...line, '--debug']));
  }, 180_000);

  it('writes the same calendars and plan as the unbundled program', () => {
    const copies = [0, 1].map(() => join(copyOf(dirname(plan)), 'kickoff.yaml'));
    expect(kickoff(['tick', 'kick-off', '--plan', copies[0]!, ...TODAY]).code).toBe(0);
    expect(kickoff(['tick', 'kick-off', '--plan', copies[1]!, ...TODAY, '--debug']).code).toBe(0);
    const files = (planFile: string) => {
      const calendars = join(dirname(planFile), 'calendars');
      return readdirSync(calendars)
        .sort()
        .map((name) => [name, readFileSync(join(calendars, name), 'utf8')]);
    };
    expect(files(copies[0]!).length).toBeGreaterThan(1);
    expect(files(copies[0]!)).toEqual(files(copies[1]!));
    expect(readFileSync(copies[0]!, 'utf8')).toEqual(readFileSync(copies[1]!, 'utf8'));
  });

  it('changes nothing when the cache is damaged or missing', () => {
    const root = packageCopy();
    const bin = join(root, 'bin/kickoff.js');
    const good = run(bin, ['show', '--plan', plan, ...TODAY]);
    expect(good.code).toBe(0);
    const cache = join(root, 'dist/bundle/main.bin');
    writeFileSync(cache, Buffer.from('not a code cache'));
    expect(run(bin, ['show', '--plan', plan, ...TODAY])).toEqual(good);
    writeFileSync(cache, readFileSync(cache).subarray(0, 1000));
    expect(run(bin, ['show', '--plan', plan, ...TODAY])).toEqual(good);
    writeFileSync(cache, '');
    expect(run(bin, ['show', '--plan', plan, ...TODAY])).toEqual(good);
    rmSync(cache);
    expect(run(bin, ['show', '--plan', plan, ...TODAY])).toEqual(good);
  });

  it('says how to build kickoff when the bundle is missing, and exits 70', () => {
    const root = packageCopy();
    const bin = join(root, 'bin/kickoff.js');
    rmSync(join(root, 'dist/bundle/main.cjs'));
    const result = run(bin, ['show', '--plan', plan]);
    expect(result.code).toBe(70);
    expect(result.stderr).toContain('kickoff is not built');
    expect(result.stderr).toContain('npm install');
    expect(result.stdout).toBe('');
    // --version alone needs only package.json.
    expect(run(bin, ['--version'])).toEqual({ code: 0, stdout: `${version()}\n`, stderr: '' });
  });

  const compileCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
  it.skipIf(!compileCache)("uses Node's own compile cache where Node has one (22.1 and later)", () => {
    const dir = tempDir('kickoff-compile-cache-');
    const result = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'bin/kickoff.js'), 'show', '--plan', plan, ...TODAY],
      {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', NODE_COMPILE_CACHE: dir },
      },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(dir, { recursive: true }).length).toBeGreaterThan(0);
  });
});
