/**
 * The quick YAML readers for files that are almost always valid: see parseYaml. The line reader
 * (yaml-lines.ts) for YAML laid out as kickoff writes it, js-yaml for the rest. Each answers only
 * when it can give exactly what `yaml` (YAML 1.2 core schema, unique keys) would give; otherwise
 * it steps aside and `yaml` reads the file and reports.
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import { NUMBER_READ_DIFFERENTLY, readKickoffYaml } from './plan-file/dialect-read.js';

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
 * Where js-yaml answers and yaml gives another answer or refuses (found by test/property/yaml-lines
 * and by review): an empty list item (`-` alone) followed by a less indented one, which js-yaml puts
 * in the inner list; a null key (`~: 1`, which js-yaml names "null", yaml ""); a flow collection
 * as a key (`[a]: 1`); a comment straight after a quote or bracket (`"x"#c`, which yaml refuses); a
 * line over 1,024 characters, where yaml refuses a key as long (js-yaml does not).
 * Rare in kickoff's files, and only asked when the line reader has stepped aside.
 */
export const EMPTY_LIST_ITEM = /^ *-(?: +#.*| *)$/m;
const JS_YAML_DIFFERS = [
  EMPTY_LIST_ITEM,
  /(?:^ *(?:- +)?|[{,] *)(?:~|null|Null|NULL)? *:(?: |$)/m,
  /(?:^ *(?:- +)?|[{,] *)[[{][^\n]*[\]}] *:(?: |$)/m,
  /["'\]}]#/,
  /^[^\n]{1025}/m,
];

export function readYamlQuickly(text: string): QuickRead {
  // kickoff's own layout, read line by line (yaml-lines.ts, which takes no anchor, tag or number
  // js-yaml and yaml disagree on); anything else, js-yaml where it gives what yaml would.
  const lines = readKickoffYaml(text);
  if (lines !== undefined) return { ok: true, value: lines };
  if (ANCHOR_OR_ALIAS.test(text) || readDifferently(text)) return { ok: false };
  if (JS_YAML_DIFFERS.some((pattern) => pattern.test(text))) return { ok: false };
  try {
    // CORE_SCHEMA: YAML 1.2's core types, as `yaml`'s 'core' schema (no timestamps, no merge keys);
    // js-yaml refuses duplicate keys by default, as `yaml` does with uniqueKeys.
    return { ok: true, value: load(text, { schema: CORE_SCHEMA }) };
  } catch {
    return { ok: false };
  }
}
