/**
 * Each item's notes as the plan holds them, for `import` (which changes `status:` and `notes:`
 * through edit.ts's editItemFields, the in-place editor `tick` uses).
 */
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';

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
