/**
 * The plan's own YAML layout written directly, byte for byte what the yaml library writes for the
 * same nodes (write.ts's renderPlan), about ten times faster: building and stringifying yaml's
 * Document was half of the time of planning a practice. It only writes what it can write exactly —
 * single-line text without control characters, whole numbers — and otherwise declines (returns
 * undefined) so the caller uses the yaml library. test/unit/plan-text.test.ts compares the two;
 * test/property/dialect.property.test.ts holds it to its reader (dialect-read.ts).
 */
import { DIALECT_NUMBER, INDICATOR, isDialectKey, OTHER_TYPES, UNUSUAL } from './dialect.js';

/** A value in the plan's layout: text, whole numbers and booleans, flow maps and flow lists. */
export type FlowValue = string | number | boolean | Quoted | FlowMap | FlowList;
export interface FlowMap {
  readonly flow: 'map';
  readonly entries: readonly (readonly [string, FlowValue])[];
}
export interface FlowList {
  readonly flow: 'list';
  readonly values: readonly FlowValue[];
}

export const flowMap = (entries: readonly (readonly [string, FlowValue])[]): FlowMap => ({
  flow: 'map',
  entries,
});
export const flowList = (values: readonly FlowValue[]): FlowList => ({ flow: 'list', values });

/** Text that must be double-quoted whatever it holds (times: YAML 1.1 reads 10:00 as a number). */
export class Quoted {
  constructor(readonly text: string) {}
}

/** Thrown inside the writer when a value needs the yaml library's care; caught by `writeOrDecline`. */
class Decline extends Error {}

/** Runs a writer; undefined when it met something it does not write exactly. */
export function writeOrDecline(write: () => string): string | undefined {
  try {
    const written = write();
    // A tab, a line separator or a byte-order mark (in a comment, or inside quotes) is valid YAML
    // that the dialect's reader leaves to yaml: so the writer leaves it to yaml's writer too.
    return UNUSUAL.test(written) ? undefined : written;
  } catch (error) {
    if (error instanceof Decline) return undefined;
    throw error;
  }
}

// yaml's rules (stringifyString.js, YAML 1.2 core schema), for single-line text only. Control
// characters are yaml's reason to double-quote; this writer declines them instead.
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\n\x00-\x08\x0b-\x1f\x7f-\x9f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/;
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const FLOW_INDICATOR = /[[\]{},]/;

/** One line of text as yaml writes it: plain when it reads back the same, else quoted. */
export function text(value: string, inFlow: boolean): string {
  if (CONTROL.test(value) || DOCUMENT_MARKER.test(value)) throw new Decline();
  const plain = !(inFlow && FLOW_INDICATOR.test(value)) && !NOT_PLAIN.test(value) && !OTHER_TYPES.test(value);
  // yaml writes `-x` or `?x` plain; the dialect's reader leaves such a scalar to yaml, so decline it.
  if (plain && INDICATOR.test(value)) throw new Decline();
  if (plain) return value;
  // yaml's choice of quotes: single when the text holds " but not ', else double (JSON's escapes).
  if (value.includes('"') && !value.includes("'")) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

/** A key, plain; one the dialect's reader would not read back is left to yaml's writer. */
function keyText(value: string): string {
  if (!isDialectKey(value)) throw new Decline();
  return value;
}

export function scalar(value: FlowValue, inFlow: boolean): string {
  if (value instanceof Quoted) {
    if (CONTROL.test(value.text)) throw new Decline();
    return JSON.stringify(value.text);
  }
  if (typeof value === 'string') return text(value, inFlow);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!DIALECT_NUMBER.test(String(value)) || Object.is(value, -0)) throw new Decline();
    return String(value);
  }
  if (value.flow === 'list') {
    const inner = value.values.map((v) => scalar(v, true));
    return inner.length ? `[ ${inner.join(', ')} ]` : '[]';
  }
  const inner = value.entries.map(([k, v]) => `${keyText(k)}: ${scalar(v, true)}`);
  return inner.length ? `{ ${inner.join(', ')} }` : '{}';
}

/**
 * `# comment` lines as yaml writes a node's commentBefore (its commentString and indentComment):
 * the same regular expressions, so that a line separator (U+2028) in a practice's name is treated
 * as yaml treats it.
 */
export function commentLines(comment: string, indent: string): string[] {
  const hashed = comment.replace(/^(?!$)(?: $)?/gm, '#');
  return [indent ? hashed.replace(/^(?! *$)/gm, indent) : hashed];
}

/** A block map: one `key: value` a line, optionally after a blank line and a comment. */
export interface BlockMap {
  readonly block: 'map';
  readonly pairs: readonly BlockPair[];
}
export interface BlockPair {
  readonly key: string;
  readonly value: LayoutNode;
  readonly comment?: string;
  readonly spaceBefore?: boolean;
}
/** A block list: one `- value` a line; `spaceBefore` puts a blank line before an entry. */
export interface BlockList {
  readonly block: 'list';
  readonly items: readonly { readonly value: LayoutNode; readonly spaceBefore?: boolean }[];
}
export type LayoutNode = FlowValue | BlockMap | BlockList;

/** A whole file: a comment above a block map. */
export interface Layout {
  readonly comment: string;
  readonly root: BlockMap;
}

const isBlock = (node: LayoutNode): node is BlockMap | BlockList =>
  typeof node === 'object' && 'block' in node;

/** The file as text, or undefined when the yaml library must write it (see the top of this file). */
export function writeLayout(layout: Layout): string | undefined {
  return writeOrDecline(() => {
    const lines = [...commentLines(layout.comment, ''), ''];
    writeMap(layout.root, '', lines);
    return `${lines.join('\n')}\n`;
  });
}

/** A block map alone (an item, the published section), as writeLayout writes it. */
export function writeBlock(node: BlockMap): string | undefined {
  return writeOrDecline(() => {
    const lines: string[] = [];
    writeMap(node, '', lines);
    return `${lines.join('\n')}\n`;
  });
}

function writeMap(map: BlockMap, indent: string, lines: string[]): void {
  // An empty document is not a map to the reader (yaml writes `{}`): never kickoff's layout.
  if (map.pairs.length === 0) throw new Decline();
  // yaml refuses a key twice in one map; so must this writer (it declines, and yaml says why).
  if (new Set(map.pairs.map((p) => p.key)).size !== map.pairs.length) throw new Decline();
  for (const pair of map.pairs) {
    if (pair.spaceBefore) lines.push('');
    if (pair.comment !== undefined) lines.push(...commentLines(pair.comment, indent));
    const key = `${indent}${keyText(pair.key)}:`;
    const value = pair.value;
    if (isBlock(value) && (value.block === 'map' ? value.pairs.length : value.items.length) > 0) {
      lines.push(key);
      writeNode(value, `${indent}  `, lines);
    } else if (isBlock(value)) lines.push(`${key} ${value.block === 'map' ? '{}' : '[]'}`);
    else lines.push(`${key} ${scalar(value, false)}`);
  }
}

function writeNode(node: BlockMap | BlockList, indent: string, lines: string[]): void {
  if (node.block === 'map') return writeMap(node, indent, lines);
  for (const item of node.items) {
    if (item.spaceBefore) lines.push('');
    const value = item.value;
    if (!isBlock(value)) {
      lines.push(`${indent}- ${scalar(value, false)}`);
      continue;
    }
    // A map in a list starts on the dash's line; its other keys line up under the first.
    const inner: string[] = [];
    const empty = value.block === 'map' ? value.pairs.length === 0 : value.items.length === 0;
    if (empty || value.block === 'list') throw new Decline(); // not in kickoff's layout
    const first = value.pairs[0]!;
    if (first.spaceBefore || first.comment !== undefined) throw new Decline();
    writeMap(value, `${indent}  `, inner);
    inner[0] = `${indent}- ${inner[0]!.slice(indent.length + 2)}`;
    lines.push(...inner);
  }
}
