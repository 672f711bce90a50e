/**
 * kickoff's YAML dialect, the writer (dialect-write.ts) and its reader (dialect-read.ts), held as
 * one pair against `yaml`, the library that reads everything else:
 * - whatever layout the writer writes, the reader reads back as the very value written, and so
 *   does `yaml`;
 * - the reader must answer for kickoff's own files; on any other text, and on thousands of damaged
 *   ones, it may step aside, but whenever it answers `yaml` reads the text without complaint and
 *   gives the same value, key for key and in the same order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { readKickoffYaml } from '../../src/adapters/plan-file/dialect-read.js';
import {
  flowList,
  flowMap,
  Quoted,
  writeLayout,
  type BlockMap,
  type FlowValue,
  type LayoutNode,
} from '../../src/adapters/plan-file/dialect-write.js';
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

/** What yaml reads; it must read the text without an error or a warning. */
function yamlValue(text: string): unknown {
  const document = parseDocument(text, { schema: 'core', uniqueKeys: true });
  if (document.errors.length > 0) throw new Error(`yaml refuses it: ${document.errors[0]!.message}`);
  if (document.warnings.length > 0) throw new Error(`yaml warns: ${document.warnings[0]!.message}`);
  return document.toJS();
}

function expectSameAsYaml(text: string, value: unknown): void {
  const yaml = yamlValue(text);
  expect(value).toStrictEqual(yaml);
  expect(JSON.stringify(value)).toBe(JSON.stringify(yaml));
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

// ---------------------------------------------------------------- layouts the writer may be given

/** Text of every kind: what people type (names, notes, titles) and what YAML is touchy about. */
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(...CHARACTERS, 'a', 'Z', 'é', '\u2028', '\ufeff'), maxLength: 8 }),
  fc.constantFrom(...TOKENS),
);
const anyKey = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
  fc.stringMatching(/^\d{4}-\d\d-\d\d$/),
  fc.emailAddress(),
  anyText,
);
const flowValue: fc.Arbitrary<FlowValue> = fc.letrec<{ value: FlowValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyText,
    fc.integer({ min: -5, max: 2 ** 53 }),
    fc.boolean(),
    anyText.map((text) => new Quoted(text)),
    fc.array(tie('value'), { maxLength: 3 }).map(flowList),
    fc
      .uniqueArray(fc.tuple(anyKey, tie('value')), { maxLength: 3, selector: ([k]) => k })
      .map((entries) => flowMap(entries)),
  ),
})).value;
const layoutNode: fc.Arbitrary<LayoutNode> = fc.letrec<{ node: LayoutNode; map: BlockMap }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    flowValue,
    tie('map'),
    fc
      .array(
        fc.record(
          { value: fc.oneof(flowValue, tie('map')), spaceBefore: fc.boolean() },
          { requiredKeys: ['value'] },
        ),
        { maxLength: 3 },
      )
      .map((items) => ({ block: 'list' as const, items })),
  ),
  map: fc
    .uniqueArray(
      fc.record(
        { key: anyKey, value: tie('node'), comment: anyText, spaceBefore: fc.boolean() },
        { requiredKeys: ['key', 'value'] },
      ),
      { maxLength: 4, selector: (p) => p.key },
    )
    .map((pairs) => ({ block: 'map' as const, pairs })),
})).node;

/** The plain value a layout stands for: what the writer means, and what reading must give back. */
function valueOf(node: LayoutNode): unknown {
  if (node instanceof Quoted) return node.text;
  if (typeof node !== 'object') return node;
  if ('flow' in node)
    return node.flow === 'list'
      ? node.values.map(valueOf)
      : Object.fromEntries(node.entries.map(([k, v]) => [k, valueOf(v)]));
  if (node.block === 'list') return node.items.map((item) => valueOf(item.value));
  return Object.fromEntries(node.pairs.map((p) => [p.key, valueOf(p.value)]));
}

describe('the dialect: writer and reader as one pair', () => {
  it('reads back whatever the writer writes as the value written, as yaml does', () => {
    let written = 0;
    fc.assert(
      fc.property(anyText, layoutNode, (comment, node) => {
        const root: BlockMap =
          typeof node === 'object' && 'block' in node && node.block === 'map'
            ? node
            : { block: 'map', pairs: [{ key: 'root', value: node }] };
        const text = writeLayout({ comment, root });
        // The writer declines what it cannot write exactly; yaml's own writer then writes it.
        if (text === undefined) return;
        written += 1;
        const value = readKickoffYaml(text);
        expect(value, text).toBeDefined();
        expect(value).toStrictEqual(valueOf(root));
        expectSameAsYaml(text, value);
      }),
      { numRuns: runs(3000) },
    );
    expect(written).toBeGreaterThan(runs(3000) / 4);
  }, 180_000);
});

describe('the dialect reader', () => {
  it("reads kickoff's own files, and a file with every construct it takes, as yaml does", () => {
    expect(texts.length).toBe(FILES.length + 4);
    for (const text of texts) {
      const value = readKickoffYaml(text);
      expect(value, text.slice(0, 200)).toBeDefined();
      expectSameAsYaml(text, value);
    }
  });

  it('on damaged files, answers only where yaml reads the same value', () => {
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
          expectSameAsYaml(text, value);
        },
      ),
      { numRuns: runs(4000) },
    );
    expect(answered).toBeGreaterThan(runs(4000) / 10);
    expect(steppedAside).toBeGreaterThan(runs(4000) / 10);
  }, 180_000);
});
