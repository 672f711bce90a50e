/**
 * The quick YAML reader (js-yaml) for files that are almost always valid: see parseYaml. It answers
 * only when it can give exactly what `yaml` (YAML 1.2 core schema, unique keys) would give;
 * otherwise it steps aside and `yaml` reads the file and reports.
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import { NUMBER_READ_DIFFERENTLY, readKickoffYaml } from './yaml-lines.js';

export type QuickRead = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/**
 * An anchor (&a) or alias (*a) where a node starts. Aliases are left to `yaml`, which caps their
 * expansion (a "billion laughs" file must not hang kickoff); "Smith & Jones" is not an anchor.
 */
const ANCHOR_OR_ALIAS = /(?:^|[\s[{,])[&*][^\s,[\]{}]/;

/**
 * Where js-yaml (which keeps some YAML 1.1 habits) and YAML 1.2 disagree: tags (!!float 1), and
 * plain scalars that js-yaml reads as numbers and YAML 1.2 as text or the other way round: digits
 * with underscores (1_000, 0x_1, ._0), binary (0b101), a leading dot with a sign (-.5), as values or
 * as keys. Rare in kickoff's files; `yaml` reads them.
 */
const TAG = /(?:^|[\s[{,:])!/;
const PLAIN_TOKEN = /(?:^|[\s[{,:])([-+]?[0-9.][0-9A-Za-z_.+-]*)(?=$|[\s,\]}:])/gm;

function readDifferently(text: string): boolean {
  if (TAG.test(text)) return true;
  for (const match of text.matchAll(PLAIN_TOKEN)) if (NUMBER_READ_DIFFERENTLY.test(match[1]!)) return true;
  return false;
}

/**
 * A list item with nothing after its dash. When a less indented item follows, js-yaml puts that
 * item in the inner list, yaml (and YAML) in the outer one (found by test/property/yaml-lines).
 */
const EMPTY_LIST_ITEM = /^ *-(?: +#.*| *)$/m;

export function readYamlQuickly(text: string): QuickRead {
  if (ANCHOR_OR_ALIAS.test(text) || readDifferently(text)) return { ok: false };
  // kickoff's own layout, read line by line (yaml-lines.ts); anything else, js-yaml.
  const lines = readKickoffYaml(text);
  if (lines !== undefined) return { ok: true, value: lines };
  if (EMPTY_LIST_ITEM.test(text)) return { ok: false };
  try {
    // CORE_SCHEMA: YAML 1.2's core types, as `yaml`'s 'core' schema (no timestamps, no merge keys);
    // js-yaml refuses duplicate keys by default, as `yaml` does with uniqueKeys.
    return { ok: true, value: load(text, { schema: CORE_SCHEMA }) };
  } catch {
    return { ok: false };
  }
}
