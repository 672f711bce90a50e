/**
 * What `import` changes: an item's `status:` and `notes:`, through the same in-place plan editor
 * `tick` uses (every other byte stays); and each item's notes as the plan holds them.
 */
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import type { Status } from '../domain/types.js';
import { editItemFields } from './plan-edit.js';

// Where notes are written as YAML text; here too, for the tests that hold it to its rules.
export { yamlString } from './plan-edit.js';

export interface StatusNotesEdit {
  readonly id: string;
  readonly status?: Status;
  /** The new notes; an empty string removes the `notes:` line. */
  readonly notes?: string;
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
 * Applies the edits through the plan editor (status and notes lines only); items not found are
 * left out (the caller checks ids first).
 */
export function editStatusAndNotes(text: string, changes: readonly StatusNotesEdit[]): string {
  const known = itemNodes(text);
  return editItemFields(
    text,
    changes.filter((c) => known.has(c.id)),
  );
}
