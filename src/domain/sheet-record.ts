/**
 * The record an exported action list carries in each row: what the plan said (status and notes)
 * when the sheet was made. Import then applies only what the person changed in the sheet since,
 * by a three-way merge (base: the record; theirs: the sheet; ours: the plan now), so a sheet
 * exported before a tick can never undo it. The record travels inside the row, so it survives the
 * plan's history moving on, rows re-sorted or filtered, and columns inserted; a record that was
 * cleared or pasted over fails its check digits and that row falls back, with a warning.
 *
 * Written `k1.<check>.<status>.<notes, percent-encoded>`: plain text that Excel, LibreOffice and
 * CSV keep as it is (no formula character first, no separator Excel reads).
 */
import type { Status } from './types.js';

/** The column's heading in the action list. */
export const RECORD_COLUMN = 'kickoff record';

export interface RowRecord {
  readonly status: string;
  readonly notes: string;
}

export function encodeRecord(id: string, record: RowRecord): string {
  return `k1.${check(id, record)}.${record.status}.${encodeURIComponent(record.notes)}`;
}

/** The record of row `id`, or why there is none: not given, or not what kickoff wrote for that id. */
export function decodeRecord(id: string, cell: string): RowRecord | 'missing' | 'damaged' {
  const text = cell.trim();
  if (text === '') return 'missing';
  const match = /^k1\.([0-9a-f]{8})\.([a-z-]*)\.(.*)$/s.exec(text);
  if (!match) return 'damaged';
  let notes: string;
  try {
    notes = decodeURIComponent(match[3]!);
  } catch {
    return 'damaged';
  }
  const record = { status: match[2]!, notes };
  return check(id, record) === match[1] ? record : 'damaged';
}

/** Check digits over the row's id and its values: a record copied to another row fails them. */
function check(id: string, record: RowRecord): string {
  let hash = 0x811c9dc5;
  for (const c of `${id}\u0000${record.status}\u0000${record.notes}`) {
    hash ^= c.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** What the three-way merge decided for one value. */
export type Merged<T> =
  | { readonly take: 'plan' }
  | { readonly take: 'sheet'; readonly value: T }
  | { readonly conflict: true; readonly base: T; readonly sheet: T; readonly plan: T };

/**
 * One value, three ways: changed only in the sheet → the sheet's; changed only in the plan, or in
 * both to the same, or nowhere → the plan's; changed in both to different values → a conflict.
 */
export function mergeValue<T>(base: T, sheet: T, plan: T, same: (a: T, b: T) => boolean): Merged<T> {
  if (same(sheet, base) || same(sheet, plan)) return { take: 'plan' };
  if (same(plan, base)) return { take: 'sheet', value: sheet };
  return { conflict: true, base, sheet, plan };
}

export const sameStatus = (a: Status | string, b: Status | string) => a === b;
/** Notes compare as people see them: surrounding space and line-end style do not count. */
export const sameNotes = (a: string, b: string) =>
  a.replace(/\r\n?/g, '\n').trim() === b.replace(/\r\n?/g, '\n').trim();
