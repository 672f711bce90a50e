/**
 * Hostile YAML (issue 13), the built binary: an answers file (`init --answers`), a plan
 * (`schedule`) and a template (`init --template`), each broken in every way the catalogue lists.
 * Each is refused with file:line:col and exit 1 — never a stack trace (exit 70), never a hang, and
 * in bounded memory (the runs get a 128 MB heap; a billion-laughs expansion would need gigabytes).
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, examplePlan, kickoff, REPO_ROOT, tempDir, type CliRun } from '../helpers/cli.js';

const TODAY = '2026-12-01';
const ANSWERS = readFileSync(join(REPO_ROOT, 'examples/densham-surgery.yaml'), 'utf8');
const TEMPLATE = readFileSync(join(REPO_ROOT, 'templates/nhs-england-gp.yaml'), 'utf8');
/** Small enough that a runaway alias expansion or a 50 MB parse dies instead of passing. */
const BOUNDED = { NODE_OPTIONS: '--max-old-space-size=128' };

let pristine: string;
let planText: string;

beforeAll(() => {
  assertBuilt();
  pristine = examplePlan('kickoff-hostile-pristine-', TODAY);
  planText = readFileSync(join(pristine, 'kickoff.yaml'), 'utf8');
});

const BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((k, i) => {
    const prev = 'abcdefghi'[i]!;
    return `${k}: &${k} [${Array<string>(9).fill(`*${prev}`).join(',')}]`;
  }),
  '',
].join('\n');

function replaceOnce(text: string, from: RegExp, to: string): string {
  if (!from.test(text)) throw new Error(`test set-up: ${String(from)} not found`);
  return text.replace(from, to);
}

/** One hostile file: bytes, and where the refusal must point (line), when that is known. */
interface Hostile {
  readonly name: string;
  readonly bytes: (good: string, kind: Kind) => Buffer | string;
  readonly line?: number | ((good: string) => number);
  readonly message: RegExp;
}

type Kind = 'answers' | 'plan' | 'template';

const lineOf = (good: string, pattern: RegExp) => good.split('\n').findIndex((l) => pattern.test(l)) + 1;
const lines = (good: string) => good.split('\n').length;

/** A key each kind has on its own line, with a scalar value: for wrong types and tags. */
const SCALAR: Record<Kind, RegExp> = {
  answers: /^goLive: .*$/m,
  plan: /^scheduled: .*$/m,
  template: /^title: .*$/m,
};
const SCALAR_KEY: Record<Kind, string> = { answers: 'goLive', plan: 'scheduled', template: 'title' };

const HOSTILE: readonly Hostile[] = [
  {
    name: 'a syntax error (an unclosed bracket)',
    bytes: (good) => `${good}broken: [oops, "x"\nmore: 1\n`,
    line: (good) => lines(good),
    message: /is not valid YAML/,
  },
  {
    name: 'a tab used for indentation',
    bytes: (good) => `${good}broken:\n\tkey: value\n`,
    line: (good) => lines(good) + 1,
    message: /is not valid YAML: Tabs are not allowed/,
  },
  {
    name: 'a duplicate key',
    bytes: (good, kind) => `${good}${SCALAR_KEY[kind]}: again\n`,
    line: (good) => lines(good),
    message: /Map keys must be unique/,
  },
  {
    name: 'an unknown key',
    bytes: (good) => `${good}colour: blue\n`,
    line: (good) => lines(good),
    message: /colour is not a key kickoff knows/,
  },
  {
    name: 'a value of the wrong type',
    bytes: (good, kind) => replaceOnce(good, SCALAR[kind], `${SCALAR_KEY[kind]}: [1, 2]`),
    message: /should be a string/,
  },
  {
    name: 'a billion-laughs alias bomb',
    bytes: () => BOMB,
    line: 2,
    message: /too many aliases/,
  },
  {
    name: 'a custom tag that would run code in some YAML readers',
    bytes: (good, kind) =>
      replaceOnce(good, SCALAR[kind], `${SCALAR_KEY[kind]}: !!js/function "function () { return 1 }"`),
    message: /does not read YAML tags/,
  },
  {
    name: 'an empty file',
    bytes: () => '',
    line: 1,
    message: /is empty/,
  },
  {
    name: 'a file of comments only',
    bytes: () => '# nothing here yet\n\n',
    line: 1,
    message: /is empty/,
  },
  {
    name: 'a binary file',
    bytes: () => Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0xff, 0x10]),
    line: 1,
    message: /is not a text file/,
  },
  {
    name: 'a UTF-16 file (Notepad "Unicode")',
    bytes: (good) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, 'utf16le')]),
    line: 1,
    message: /saved as UTF-16; kickoff reads UTF-8/,
  },
  {
    name: 'a Windows-1252 file (not UTF-8)',
    bytes: (good) => Buffer.concat([Buffer.from(good), Buffer.from('# Caf\u00e9\n', 'latin1')]),
    line: (good) => lines(good),
    message: /is not UTF-8 text/,
  },
];

/** Runs the command that reads `kind`, with the hostile file in place; returns the run and its file. */
function runWith(kind: Kind, content: Buffer | string): { run: CliRun; file: string; dir: string } {
  const dir = tempDir('kickoff-hostile-');
  if (kind === 'plan') {
    cpSync(pristine, dir, { recursive: true });
    const file = join(dir, 'kickoff.yaml');
    writeFileSync(file, content);
    return { run: kickoff(['schedule', '--today', TODAY], { cwd: dir, env: BOUNDED }), file, dir };
  }
  const file = join(dir, kind === 'answers' ? 'answers.yaml' : 'template.yaml');
  writeFileSync(file, content);
  const answers = kind === 'answers' ? file : join(REPO_ROOT, 'examples/densham-surgery.yaml');
  const template = kind === 'template' ? ['--template', file] : [];
  const args = ['init', '--answers', answers, ...template, '--dir', join(dir, 'out'), '--yes'];
  return { run: kickoff([...args, '--today', TODAY], { env: BOUNDED }), file, dir };
}

function goodText(kind: Kind): string {
  return kind === 'answers' ? ANSWERS : kind === 'plan' ? planText : TEMPLATE;
}

function expectRefused(kind: Kind, run: CliRun, file: string, dir: string, line?: number): void {
  expect(run.stderr).not.toMatch(/internal error|This is a bug|\n\s+at /);
  expect(run.code, run.stderr).toBe(1);
  const where = line === undefined ? String.raw`\d+` : String(line);
  // schedule names the plan as found in the folder it runs in.
  const shown = kind === 'plan' ? './kickoff.yaml' : file;
  expect(run.stderr).toMatch(new RegExp(`^kickoff: ${shown.replace(/[.\\/]/g, '\\$&')}:${where}:\\d+: `));
  if (kind === 'plan') {
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(join(dir, 'calendars/a81001-everything.ics'), 'utf8')).toBe(
      readFileSync(join(pristine, 'calendars/a81001-everything.ics'), 'utf8'),
    );
  } else expect(existsSync(join(dir, 'out'))).toBe(false);
}

describe.each<Kind>(['answers', 'plan', 'template'])('a hostile %s file', (kind) => {
  it.each(HOSTILE.map((h) => [h.name, h] as const))(
    'refuses %s with file:line:col and exit 1',
    (_name, hostile) => {
      const good = goodText(kind);
      const { run, file, dir } = runWith(kind, hostile.bytes(good, kind));
      const line = typeof hostile.line === 'function' ? hostile.line(good) : hostile.line;
      expectRefused(kind, run, file, dir, line);
      expect(run.stderr).toMatch(hostile.message);
      if (hostile.name.startsWith('a value of the wrong type'))
        expect(run.stderr).toContain(`:${lineOf(good, SCALAR[kind])}:`);
    },
    60_000,
  );

  it('refuses a 50 MB file at once, naming the limit', () => {
    const good = goodText(kind);
    const padding = '# padding padding padding padding padding padding padding\n';
    const big = good + padding.repeat(Math.ceil((50 * 1024 * 1024) / padding.length));
    const { run, file, dir } = runWith(kind, big);
    try {
      expectRefused(kind, run, file, dir, 1);
      expect(run.stderr).toMatch(/is larger than 10 MB, the most kickoff reads/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('reads a UTF-8 file with a byte-order mark as if it had none', () => {
    const good = goodText(kind);
    const plain = runWith(kind, good);
    const bom = runWith(kind, `\uFEFF${good}`);
    expect(bom.run.stderr).not.toMatch(/internal error/);
    expect(bom.run.code, bom.run.stderr).toBe(plain.run.code);
    // schedule leaves a plan it has nothing to change as it was, byte-order mark and all.
    const planOf = (dir: string) =>
      readFileSync(join(dir, kind === 'plan' ? '' : 'out', 'kickoff.yaml'), 'utf8').replace(/^\uFEFF/, '');
    expect(planOf(bom.dir)).toBe(planOf(plain.dir));
  }, 60_000);
});

describe('the alias limit', () => {
  it('still reads a file with a few aliases, as YAML allows', () => {
    const dir = tempDir('kickoff-hostile-');
    const answers = ANSWERS.replace('  - eps\n', '  - &eps eps\n').replace(
      'absences:',
      'extraCopy: *eps\nabsences:',
    );
    // An alias is read (not refused as a bomb); the unknown key it sits under is what is refused.
    writeFileSync(join(dir, 'a.yaml'), answers);
    const run = kickoff(['init', '--answers', join(dir, 'a.yaml'), '--dir', join(dir, 'out'), '--yes'], {
      env: BOUNDED,
    });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/extraCopy is not a key kickoff knows/);
  }, 60_000);
});
