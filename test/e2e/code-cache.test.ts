/**
 * bin/kickoff.js runs the bundled program with V8's code cache made at build time (scripts/
 * code-cache.mjs). The cache must only ever change how fast kickoff starts: these tests hold the
 * cached run to the same bytes as the unbundled program (--debug runs dist/cli/main.js), with a
 * cache V8 accepts, with a damaged one and with none.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/options.js';
import { assertBuilt, copyOf, examplePlan, kickoff, REPO_ROOT, tempDir } from '../helpers/cli.js';

const BUNDLE = join(REPO_ROOT, 'dist/bundle/main.cjs');
const HELP_BUNDLE = join(REPO_ROOT, 'dist/bundle/help.cjs');
const CACHE = join(REPO_ROOT, 'dist/bundle/cache');
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

function run(bin: string, args: readonly string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the code cache', () => {
  it('is made at build time for the commands people run most, and V8 accepts each', () => {
    const made = readdirSync(CACHE).sort();
    expect(made).toEqual(
      ['batch', 'calendar', 'check', 'due', 'export', 'help', 'init', 'schedule', 'show', 'tick'].map(
        (command) => `${command}.bin`,
      ),
    );
    // help.bin is the help bundle's; the rest are main.cjs's.
    const wrapped = (bundle: string) =>
      `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`;
    for (const file of made) {
      const bundle = file === 'help.bin' ? HELP_BUNDLE : BUNDLE;
      const script = new vm.Script(wrapped(bundle), {
        filename: bundle,
        cachedData: readFileSync(join(CACHE, file)),
      });
      expect(script.cachedDataRejected, file).toBe(false);
    }
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

  it('answers every help command line from the help bundle with the same bytes and exit code as the program', () => {
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
  });

  it("loads Node's child_process, crypto, os and tty only in a command that uses them (scripts/bundle.mjs)", () => {
    const dir = tempDir('kickoff-lazy-');
    const list = join(dir, 'modules.txt');
    const preload = join(dir, 'list-modules.cjs');
    writeFileSync(
      preload,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')));`,
    );
    const loaded = (args: readonly string[]) => {
      const result = spawnSync(
        process.execPath,
        ['-r', preload, join(REPO_ROOT, 'bin/kickoff.js'), ...args],
        {
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' },
        },
      );
      expect(result.status, result.stderr).toBe(0);
      return new Set(readFileSync(list, 'utf8').split('\n'));
    };
    const shown = loaded(['show', '--plan', plan, ...TODAY]);
    expect(shown.has('NativeModule fs')).toBe(true); // the list is the real one
    for (const name of ['child_process', 'crypto', 'os', 'tty'])
      expect(shown.has(`NativeModule ${name}`), name).toBe(false);
    // calendar fingerprints each event (crypto): the stand-in loads it, and the files are the bytes
    // the unbundled program writes.
    const copies = [0, 1].map(() => join(copyOf(dirname(plan)), 'kickoff.yaml'));
    expect(loaded(['calendar', '--plan', copies[0]!, ...TODAY]).has('NativeModule crypto')).toBe(true);
    expect(kickoff(['calendar', '--plan', copies[1]!, ...TODAY, '--debug']).code).toBe(0);
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
    writeFileSync(join(root, 'dist/bundle/cache/show.bin'), Buffer.from('not a code cache'));
    expect(run(bin, ['show', '--plan', plan, ...TODAY])).toEqual(good);
    cpSync(join(root, 'dist/bundle/cache/help.bin'), join(root, 'dist/bundle/cache/show.bin'));
    expect(run(bin, ['show', '--plan', plan, ...TODAY])).toEqual(good);
    for (const file of readdirSync(join(root, 'dist/bundle/cache')))
      writeFileSync(join(root, 'dist/bundle/cache', file), '');
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
    // Help needs only the help bundle: this is how the test knows bin/kickoff.js chose it.
    for (const line of [['--help'], ['help', 'show'], ['show', '--help']]) {
      const help = run(bin, line);
      expect(help.code, line.join(' ')).toBe(0);
      expect(help.stdout).toMatch(/^Usage: kickoff/);
    }
  });
});
