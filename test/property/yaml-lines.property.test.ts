/**
 * The line reader (yaml-lines.ts) against its two oracles, js-yaml (the core schema, as
 * yaml-fast.ts reads) and yaml (the reader that reports). It must answer for kickoff's own files;
 * on any other text, and on thousands of damaged ones, it may step aside, but whenever it answers,
 * js-yaml and yaml must both read the text without complaint and give the same value, key for key
 * and in the same order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CORE_SCHEMA, load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { EMPTY_LIST_ITEM } from '../../src/adapters/yaml-fast.js';
import { readKickoffYaml } from '../../src/adapters/plan-file/dialect-read.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { plannedPlanTexts } from '../helpers/fixtures.js';
import { runs } from '../setup/fast-check.js';

const FILES = [
  'test/golden/easter/kickoff.yaml',
  'test/golden/christmas/kickoff.yaml',
  'test/golden/moved/before.yaml',
  'test/golden/moved/after.yaml',
  'test/golden/easter/answers.yaml',
  'test/golden/christmas/answers.yaml',
  'examples/densham-surgery.yaml',
  'test/fixtures/batch/practices.yaml',
  'templates/bank-holidays.yaml',
];

/** YAML as kickoff writes it and people edit it, with every construct the reader takes. */
const EVERYTHING = `# a comment
format: 1
empty:
tilde: ~
words: [ true, False, NULL, null, 0, 12, 2027-03-15, 1.0.0, 1h 30m, A81001 ]
quoted: { a: "x: y", b: 'it''s', c: "tab\\there \\"quoted\\" \\\\ \\u00e9 \\/", d: "", e: '' }
nested: { a: { b: [ c, { d: e } ], f: [] }, g: {} }
moved: { 2026-12-28: 2026-12-29, 2027-03-29: 2027-03-30 }
people:
  priya.shah+pm@nhs.net: { kick-off: 0, go-live: 2 }
list:
  - plain text with (brackets), a comma and O'Neill's apostrophe # and a comment
  - { role: lead-gp, name: Dr Zoë Adams, email: zoe.adams@nhs.net }
  - - not taken
  -
    nested: value
  - key: value
    other: [ a, b ]   # comment
    deeper:
      - 1
      - two

  # an indented comment between entries
  - last
tail: end
`.replace('  - - not taken\n', '');

let texts: string[];

beforeAll(async () => {
  const planned = await plannedPlanTexts();
  texts = [...FILES.map((f) => readFileSync(join(REPO_ROOT, f), 'utf8')), ...planned, EVERYTHING];
});

/** What js-yaml and yaml read, or why not. */
function oracles(text: string): { jsYaml: unknown; yaml: unknown } {
  const jsYaml = load(text, { schema: CORE_SCHEMA });
  const document = parseDocument(text, { schema: 'core', uniqueKeys: true });
  if (document.errors.length > 0) throw new Error(`yaml refuses it: ${document.errors[0]!.message}`);
  if (document.warnings.length > 0) throw new Error(`yaml warns: ${document.warnings[0]!.message}`);
  return { jsYaml, yaml: document.toJS() };
}

/**
 * yaml is the reference. js-yaml must agree too, but for one known difference: an empty list item
 * (`-` alone) followed by a less indented one, which js-yaml puts in the wrong list (yaml-fast.ts
 * leaves such files to yaml when this reader steps aside).
 */
function expectSameAsOracles(text: string, value: unknown): void {
  const { jsYaml, yaml } = oracles(text);
  expect(value).toStrictEqual(yaml);
  expect(JSON.stringify(value)).toBe(JSON.stringify(yaml));
  if (EMPTY_LIST_ITEM.test(text)) return;
  expect(value).toStrictEqual(jsYaml);
  expect(JSON.stringify(value)).toBe(JSON.stringify(jsYaml));
}

// ---------------------------------------------------------------- damage

const CHARACTERS = [
  ' ',
  '  ',
  '#',
  ':',
  ': ',
  '-',
  '- ',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ',',
  '&',
  '*',
  '!',
  '|',
  '>',
  '%',
  '@',
  '`',
  '?',
  '\t',
  '\\',
  '~',
  '0',
  '.',
  '_',
  'é',
  '\u00a0',
  '\r',
  '\n',
];
const TOKENS = [
  '"a\\nb"',
  "'it''s'",
  '[a, b]',
  '{ a: 1 }',
  '{a: 1}',
  '{ a: 1, }',
  '1.5',
  '0x1f',
  '0o17',
  '-1',
  '+1',
  '007',
  '1_000',
  '0b11',
  '.5',
  '1e3',
  '12e45',
  '.inf',
  '~',
  'Null',
  'TRUE',
  'yes',
  'on',
  '2027-02-30',
  '"unterminated',
  "'unterminated",
  'a: b',
  'a #b',
  'a#b',
  '|',
  '>',
  '&a x',
  '*a',
  '!tag x',
  '!!str 1',
  '- x',
  '""',
  "''",
  '[ ]',
  '{ }',
  '[ a, [ b ] ]',
  '{ a: { b: c } }',
  '"\\u00e9"',
  '"\\x41"',
  '"\\ud800"',
  '"\\N"',
  'a, b',
  'x]',
  '2027-04-19 # note',
  '? x',
  '---',
];

type Edit =
  | { readonly kind: 'insert'; readonly line: number; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly line: number; readonly at: number }
  | { readonly kind: 'value'; readonly line: number; readonly text: string }
  | { readonly kind: 'indent'; readonly line: number; readonly by: number }
  | { readonly kind: 'dash'; readonly line: number; readonly by: number }
  | { readonly kind: 'copy' | 'drop' | 'swap'; readonly line: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    line: fc.nat(),
    at: fc.nat(),
    text: fc.constantFrom(...CHARACTERS),
  }),
  fc.record({ kind: fc.constant('delete' as const), line: fc.nat(), at: fc.nat() }),
  fc.record({ kind: fc.constant('value' as const), line: fc.nat(), text: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('value' as const), line: fc.nat(), text: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.constantFrom(-2, -1, 1, 2) }),
  fc.record({ kind: fc.constant('dash' as const), line: fc.nat(), by: fc.constantFrom(1, 2) }),
  fc.record({ kind: fc.constantFrom('copy' as const, 'drop' as const, 'swap' as const), line: fc.nat() }),
);

function edited(lines: string[], e: Edit): string[] {
  const out = [...lines];
  if (out.length === 0) return out;
  const i = e.line % out.length;
  const line = out[i]!;
  if (e.kind === 'insert') {
    const at = e.at % (line.length + 1);
    out[i] = line.slice(0, at) + e.text + line.slice(at);
  } else if (e.kind === 'delete' && line.length > 0) {
    const at = e.at % line.length;
    out[i] = line.slice(0, at) + line.slice(at + 1);
  } else if (e.kind === 'value') {
    const colon = line.indexOf(': ');
    out[i] = colon === -1 ? `${line} ${e.text}` : `${line.slice(0, colon + 2)}${e.text}`;
  } else if (e.kind === 'dash') {
    // More space after a list item's dash: the item's own keys then start further right.
    const dash = out.findIndex((l, k) => k >= i && /^ *- /.test(l));
    if (dash !== -1) out[dash] = out[dash]!.replace(/^( *-)/, `$1${' '.repeat(e.by)}`);
  } else if (e.kind === 'indent') {
    out[i] = e.by > 0 ? `${' '.repeat(e.by)}${line}` : line.replace(new RegExp(`^ {0,${-e.by}}`), '');
  } else if (e.kind === 'copy') out.splice(i, 0, line);
  else if (e.kind === 'drop') out.splice(i, 1);
  else if (e.kind === 'swap' && i + 1 < out.length) [out[i], out[i + 1]] = [out[i + 1]!, line];
  return out;
}

/** Up to 50 lines of a text from one of its top-level keys (yaml is slow on whole plans). */
function windowOf(text: string, start: number): string[] {
  const lines = text.split('\n');
  const tops = lines.flatMap((line, i) => (/^[^\s#-]/.test(line) ? [i] : []));
  const from = tops.length > 0 ? tops[start % tops.length]! : 0;
  return lines.slice(from, from + 50);
}

describe('the line reader', () => {
  it("reads kickoff's own files, and a file with every construct it takes, as js-yaml and yaml do", () => {
    expect(texts.length).toBe(FILES.length + 4);
    for (const text of texts) {
      const value = readKickoffYaml(text);
      expect(value, text.slice(0, 200)).toBeDefined();
      expectSameAsOracles(text, value);
    }
  });

  it('on damaged files, answers only where js-yaml and yaml read the same value', () => {
    let answered = 0;
    let steppedAside = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: 12 }),
        fc.nat(),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        (which, start, edits) => {
          const text = edits.reduce(edited, windowOf(texts[which]!, start)).join('\n');
          const value = readKickoffYaml(text);
          if (value === undefined) {
            steppedAside += 1;
            return;
          }
          answered += 1;
          expectSameAsOracles(text, value);
        },
      ),
      { numRuns: runs(4000) },
    );
    expect(answered).toBeGreaterThan(runs(4000) / 10);
    expect(steppedAside).toBeGreaterThan(runs(4000) / 10);
  }, 180_000);
});
