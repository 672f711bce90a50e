/**
 * Changes an item's `status:` and `notes:` in the plan text a person keeps, touching only those
 * lines: every other byte (comments, blank lines, key order) stays. Small and self-contained on
 * purpose, so that `import` and `tick` can share one status edit later.
 */
import { isMap, isScalar, isSeq, parseDocument, type Pair, type YAMLMap } from 'yaml';
import type { Status } from '../domain/types.js';

export interface StatusNotesEdit {
  readonly id: string;
  readonly status?: Status;
  /** The new notes; an empty string removes the `notes:` line. */
  readonly notes?: string;
}

interface Edit {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

function range(node: unknown): [number, number, number] {
  return (node as { range: [number, number, number] }).range;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair | undefined;
}

/** Every item's map node, by id. */
function itemNodes(text: string): Map<string, YAMLMap> {
  const doc = parseDocument(text);
  const nodes = new Map<string, YAMLMap>();
  const phases = doc.get('phases');
  if (!isSeq(phases)) return nodes;
  for (const phase of phases.items) {
    const items = isMap(phase) ? phase.get('items') : undefined;
    if (!isSeq(items)) continue;
    for (const item of items.items) if (isMap(item)) nodes.set(String(item.get('id')), item);
  }
  return nodes;
}

/** Each item's `notes:` as written in the plan (the domain's PlanItem does not carry them). */
export function readItemNotes(text: string): Map<string, string> {
  const notes = new Map<string, string>();
  for (const [id, node] of itemNodes(text)) {
    const value = node.get('notes');
    if (value !== undefined && value !== null) notes.set(id, String(value));
  }
  return notes;
}

/**
 * A YAML scalar for notes: plain when that reads back as the same string (block context, so commas
 * are fine), else double-quoted (JSON's escapes are YAML's).
 */
export function yamlString(text: string): string {
  const plain =
    /^[A-Za-z][^\n:#"'{}[\]&*!|>%@`]*$/.test(text) &&
    text === text.trimEnd() &&
    !/^(true|false|null|yes|no|on|off|y|n)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

function lineEnd(text: string, at: number): number {
  const newline = text.indexOf('\n', at);
  return newline === -1 ? text.length : newline + 1;
}

/** The end of the line holding the last of these keys the item has, where a new key goes. */
function insertionPoint(text: string, node: YAMLMap, after: readonly string[]): number {
  for (const key of after) {
    const pair = pairOf(node, key);
    if (pair?.value) return lineEnd(text, range(pair.value)[1] - 1);
  }
  return lineEnd(text, range(node.items.at(-1)!.value ?? node.items.at(-1)!.key)[1] - 1);
}

function indentOf(text: string, node: YAMLMap): string {
  const at = range(node)[0];
  return ' '.repeat(at - lineStart(text, at));
}

/** Applies the edits; items not found are left out (the caller checks ids first). */
export function editStatusAndNotes(text: string, changes: readonly StatusNotesEdit[]): string {
  const nodes = itemNodes(text);
  const edits: Edit[] = [];
  for (const change of changes) {
    const node = nodes.get(change.id);
    if (!node) continue;
    const indent = indentOf(text, node);
    if (change.status !== undefined) {
      const pair = pairOf(node, 'status');
      if (pair?.value) {
        const [from, to] = range(pair.value);
        edits.push({ from, to, text: change.status });
      } else {
        const at = insertionPoint(text, node, ['roles', 'end', 'date', 'start']);
        edits.push({ from: at, to: at, text: `${indent}status: ${change.status}\n` });
      }
    }
    if (change.notes !== undefined) {
      const pair = pairOf(node, 'notes');
      if (pair && change.notes === '') {
        const from = lineStart(text, range(pair.key)[0]);
        const valueEnd = pair.value ? range(pair.value)[1] : range(pair.key)[1];
        edits.push({ from, to: lineEnd(text, valueEnd - 1), text: '' });
      } else if (pair?.value) {
        const [from, to] = range(pair.value);
        // A block scalar's range takes its final line break with it; put that back.
        const tail = text[to - 1] === '\n' ? '\n' : '';
        edits.push({ from, to, text: `${yamlString(change.notes)}${tail}` });
      } else if (change.notes !== '') {
        const at = insertionPoint(text, node, ['status', 'roles', 'end', 'date', 'start']);
        edits.push({ from: at, to: at, text: `${indent}notes: ${yamlString(change.notes)}\n` });
      }
    }
  }
  // From the end backwards so earlier offsets stay valid; inserts at one spot keep their order.
  const ordered = edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => b.edit.from - a.edit.from || b.order - a.order);
  let out = text;
  for (const { edit } of ordered) out = out.slice(0, edit.from) + edit.text + out.slice(edit.to);
  return out;
}
