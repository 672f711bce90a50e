/**
 * The quick reader (js-yaml) may answer only with exactly what `yaml` gives (YAML 1.2 core schema);
 * where they would differ it must step aside. Checked on every YAML file in the repository, on
 * scalars where YAML 1.1 and 1.2 disagree, and on generated plans full of awkward text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { runs } from '../setup/fast-check.js';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { readYamlQuickly } from '../../src/adapters/yaml-fast.js';

function slow(text: string): { ok: true; value: unknown } | { ok: false } {
  const document = parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: false });
  return document.errors.length ? { ok: false } : { ok: true, value: document.toJS() };
}

/** Quick and slow agree whenever the quick reader answers; it must answer for plain files. */
function expectAgreement(text: string): boolean {
  const quick = readYamlQuickly(text);
  if (!quick.ok) return false;
  const reference = slow(text);
  expect(reference.ok, 'the quick reader accepted what yaml refuses').toBe(true);
  if (reference.ok) expect(quick.value).toStrictEqual(reference.value);
  return true;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

describe('readYamlQuickly', () => {
  const files = ['templates', 'examples', 'test/golden', 'test/fixtures'].flatMap(yamlFiles);

  it('reads every YAML file in the repository exactly as yaml does', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    const answered = files.filter((file) => expectAgreement(readFileSync(file, 'utf8')));
    // Templates and plans are plain YAML: the quick reader must not step aside for them.
    const plain = files.filter((f) => /kickoff\.yaml$|after\.yaml$|nhs-england-gp\.yaml$/.test(f));
    expect(plain.length).toBeGreaterThan(3);
    expect(answered).toEqual(expect.arrayContaining(plain));
  });

  const awkward = [
    '0755',
    '0o14',
    '0x1F',
    '1_000',
    '+12',
    '.5',
    '-.5',
    '+.5',
    '1e3',
    '1.0',
    '.inf',
    '-.Inf',
    '.NaN',
    '09:30',
    '1:30:00',
    'yes',
    'no',
    'on',
    'off',
    'y',
    'True',
    'TRUE',
    'tRue',
    'null',
    '~',
    '',
    '2027-04-19',
    '2027-04-19T10:00:00Z',
    '0b101',
    '"a\\tb"',
    "'it''s'",
    'a # c',
    'a#b',
    '!!str 12',
    '!!float 1',
    '!!int "3"',
    '[1, 2]',
    '{a: 1}',
    '"\\u00e9"',
    '"\\x41"',
    '"\\N"',
    '1__0',
    '0x_1',
    '0b135c69e782ed4a',
    '0b101 x',
    '1_0a',
    'Smith & Jones',
    '&a x',
    '*a',
    'Urgent! call',
    '- item',
    '10000000000000000000000',
    "O'Brien",
    '._0',
    '-._5',
  ];
  it.each(awkward)('agrees with yaml on the scalar %j, or steps aside', (scalar) => {
    expectAgreement(`v: ${scalar}\nw: [${scalar}]\n`);
  });

  it.each(['._0', '1_0', '0b1', '-.5'])('agrees with yaml on the key %j, or steps aside', (key) => {
    // Found by the property below: js-yaml reads the key ._0 as the number 0, yaml as the text "._0".
    expectAgreement(`items:\n  - ${key}: "0755"\n`);
  });

  it('steps aside for syntax errors, duplicate keys and aliases (yaml reports them)', () => {
    expect(readYamlQuickly('a: [1, 2\nb: 3\n').ok).toBe(false);
    expect(readYamlQuickly('a: 1\na: 2\n').ok).toBe(false);
    expect(readYamlQuickly('a: &x [1]\nb: *x\n').ok).toBe(false);
    expect(readYamlQuickly('a: 1\n---\nb: 2\n').ok).toBe(false);
  });

  it('steps aside where js-yaml answers and yaml answers otherwise or refuses (found in review)', () => {
    // A block scalar keeps the line reader out of each, so that js-yaml would be asked.
    for (const text of [
      '~: 1\n',
      'null: 1\n',
      'a: { null: 1 }\n',
      '[a]: 1\n',
      '{ a: 1 }: 2\n',
      'a: "x"#c\n',
      "a: 'x'#c\n",
      'a: [a, b]#c\n',
    ]) {
      expect(readYamlQuickly(`${text}z: |\n  block\n`), text).toEqual({ ok: false });
      expectAgreement(`${text}z: |\n  block\n`);
    }
    const longKey = `${'k'.repeat(1025)}: x\n`;
    expect(slow(longKey).ok).toBe(false);
    expect(readYamlQuickly(longKey).ok).toBe(false);
  });

  it('reads deep nesting without running out of stack', () => {
    const deep = (n: number) => `a: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    expect(readYamlQuickly(deep(10))).toEqual({ ok: true, value: { a: JSON.parse(deep(10).slice(3)) } });
    expect(() => readYamlQuickly(deep(20_000))).not.toThrow();
  });

  it('agrees with yaml on documents of awkward text (property)', () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string(), fc.constantFrom(...awkward));
    const record = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), text, { maxKeys: 5 });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 4 }), text, (items, note) => {
        // Rendered the way kickoff renders plans: by the yaml library, block style.
        expectAgreement(stringify({ practice: note, items }));
        expectAgreement(`notes: ${note.replace(/\n/g, ' ')}\n`);
      }),
      { numRuns: runs(300) },
    );
  });
});

describe("readYamlQuickly and js-yaml's empty list items", () => {
  it("gives yaml's answer when an empty item is followed by a less indented one", () => {
    const nested = 'l:\n  - d:\n      - 1\n      -\n  - last\n';
    // js-yaml reads { l: [{ d: [1, null, 'last'] }] }; yaml (and YAML) { l: [{ d: [1, null] }, 'last'] }.
    expect(readYamlQuickly(nested)).toEqual({ ok: true, value: { l: [{ d: [1, null] }, 'last'] } });
    // When the line reader steps aside (here for a block scalar), js-yaml is not asked either.
    expect(readYamlQuickly(`${nested}x: |\n  block\n`)).toEqual({ ok: false });
    expect(expectAgreement(`${nested}x: |\n  block\n`)).toBe(false);
  });
});

describe('readYamlQuickly answers for the text kickoff writes', () => {
  it('is not put off by fingerprints that start like numbers (0b13…, 1e3…)', () => {
    const text =
      'published:\n  go-live: { sequence: 0, since: 2026-11-25, fingerprint: 0b135c69e782ed4a }\n  x: { fingerprint: 1e3f5c69e782ed4a }\n';
    expect(readYamlQuickly(text).ok).toBe(true);
    expectAgreement(text);
  });
});
