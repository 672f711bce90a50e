/**
 * Writes a re-planned plan into the SAME text a person edited: only the date scalars that changed,
 * the go-live answer, `scheduled:`, added or dropped items and the `published:` section are
 * touched. Every other byte (comments, blank lines, key order, notes, ticks) stays. Works on the
 * source ranges the yaml parser reports; re-rendering the document would respace comments.
 */
import type { RaidEntry } from '../../domain/raid.js';
import { Document, isScalar, isSeq, parseDocument, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { diffPlans, type ItemDates } from '../../domain/diff.js';
import type { InvitedRecord } from '../../domain/calendar-events/invite.js';
import type { PublishedEvent } from '../../domain/calendar-events/publish.js';
import { movesKey } from '../../domain/schedule/recurrence.js';
import type { Plan, PlanItem, Status } from '../../domain/types.js';
import { text as flowText } from './dialect-write.js';
import { renderInvited, renderItem, renderMoved, renderPublished } from './write.js';

interface Edit {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

export interface PlanTextChanges {
  /** The plan as read from `text`. */
  readonly before: Plan;
  /** The plan to write. */
  readonly after: Plan;
  readonly scheduled?: string;
  /** Replaces the header's "Go-live … Scheduled by …" line, when it is still kickoff's. */
  readonly scheduledLine?: { readonly pattern: RegExp; readonly text: string };
  readonly published: readonly PublishedEvent[];
  /** Items to mark `pinned: true` (dates a person changed by hand), with a comment saying why. */
  readonly pin?: readonly { readonly id: string; readonly comment: string }[];
}

export function editPlanText(text: string, changes: PlanTextChanges): string {
  const doc = parseDocument(text, { keepSourceTokens: false });
  const root = doc.contents as YAMLMap;
  const edits: Edit[] = [];
  const diff = diffPlans(changes.before, changes.after);

  const answers = valueOf(root, 'answers') as YAMLMap;
  if (diff.goLive) edits.push(replaceScalar(pairOf(answers, 'goLive')!, diff.goLive.after));
  const scheduled = pairOf(root, 'scheduled');
  if (changes.scheduled && scheduled) edits.push(replaceScalar(scheduled, changes.scheduled));
  if (changes.scheduledLine) edits.push(...replaceHeaderLine(text, root, changes.scheduledLine));

  const phases = valueOf(root, 'phases') as YAMLSeq<YAMLMap>;
  const itemNodes = new Map<string, YAMLMap>();
  for (const phase of phases.items)
    for (const node of (valueOf(phase, 'items') as YAMLSeq<YAMLMap> | null)?.items ?? [])
      itemNodes.set(String(node.get('id')), node);

  for (const move of diff.moved)
    edits.push(...redate(text, itemNodes.get(move.item.id)!, move.before, move.after));
  for (const { id, comment } of changes.pin ?? []) {
    const node = itemNodes.get(id);
    if (node) edits.push(pinEdit(text, node, comment));
  }
  const leaving = new Set(diff.removed.map((i) => i.id));
  edits.push(...removeItems(text, phases, leaving));
  edits.push(...addItems(text, phases, diff.added, changes.after, leaving));
  edits.push(publishedEdit(text, root, changes.published));
  return apply(text, edits);
}

// ---------------------------------------------------------------- nodes and ranges

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair | undefined;
}

function valueOf(map: YAMLMap, key: string): unknown {
  return pairOf(map, key)?.value;
}

function range(node: unknown): [number, number, number] {
  return (node as { range: [number, number, number] }).range;
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

function columnOf(text: string, at: number): number {
  return at - lineStart(text, at);
}

/** After the newline that ends the line containing `at` (or the end of the text). */
function lineEnd(text: string, at: number): number {
  const newline = text.indexOf('\n', at);
  return newline === -1 ? text.length : newline + 1;
}

function replaceScalar(pair: Pair, value: string): Edit {
  const [from, to] = range(pair.value);
  return { from, to, text: value };
}

function flowList(values: readonly string[]): string {
  return values.length === 0 ? '[]' : `[ ${values.join(', ')} ]`;
}

// ---------------------------------------------------------------- the header line

function replaceHeaderLine(
  text: string,
  root: YAMLMap,
  line: { readonly pattern: RegExp; readonly text: string },
): Edit[] {
  // Only in the comments above the first key: kickoff's header, not a comment a person wrote later.
  const headerEnd = range(root.items[0]?.key ?? root)[0];
  const match = line.pattern.exec(text.slice(0, headerEnd));
  if (!match) return [];
  return [{ from: match.index, to: match.index + match[0].length, text: `#${line.text}` }];
}

// ---------------------------------------------------------------- dates of one item

function redate(text: string, node: YAMLMap, before: ItemDates, after: ItemDates): Edit[] {
  const edits: Edit[] = [];
  const indent = ' '.repeat(columnOf(text, range(node)[0]));
  const date = pairOf(node, 'date');
  if (date) {
    if (after.start === after.end) edits.push(replaceScalar(date, after.start));
    else
      edits.push({
        from: range(date.key)[0],
        to: range(date.value)[1],
        text: `start: ${after.start}\n${indent}end: ${after.end}`,
      });
  } else {
    const start = pairOf(node, 'start')!;
    const end = pairOf(node, 'end');
    if (before.start !== after.start) edits.push(replaceScalar(start, after.start));
    if (end) {
      if (before.end !== after.end) edits.push(replaceScalar(end, after.end));
    } else if (after.end !== after.start) {
      const at = range(start.value)[1];
      edits.push({ from: at, to: at, text: `\n${indent}end: ${after.end}` });
    }
  }
  const until = pairOf(node, 'repeatsWeeklyUntil');
  if (until && after.until && before.until !== after.until) edits.push(replaceScalar(until, after.until));
  if (until && movesKey(before.moved) !== movesKey(after.moved)) {
    const moved = after.moved ?? [];
    edits.push(
      ...editSeriesKey(text, node, until, 'moved', moved.length ? renderMoved(moved) : undefined, indent),
    );
  }
  if (until && (before.except ?? []).join() !== (after.except ?? []).join()) {
    const except = after.except ?? [];
    edits.push(
      ...editSeriesKey(text, node, until, 'except', except.length ? flowList(except) : undefined, indent),
    );
  }
  return edits;
}

/** `pinned: true` on the line after the item's last date key, at the same indent. */
function pinEdit(text: string, node: YAMLMap, comment: string): Edit {
  const last = pairOf(node, 'end') ?? pairOf(node, 'date') ?? pairOf(node, 'start')!;
  const at = lineEnd(text, range(last.value)[1] - 1);
  const indent = ' '.repeat(columnOf(text, range(node)[0]));
  return { from: at, to: at, text: `${indent}pinned: true   # ${comment}\n` };
}

/** A series' `moved:` or `except:`: rewritten, added after `repeatsWeeklyUntil`, or removed (no value). */
function editSeriesKey(
  text: string,
  node: YAMLMap,
  until: Pair,
  key: 'moved' | 'except',
  value: string | undefined,
  indent: string,
): Edit[] {
  const pair = pairOf(node, key);
  if (pair) {
    if (value === undefined) return [removePair(text, pair)];
    const [from, to] = range(pair.value);
    return [{ from, to, text: value }];
  }
  if (value === undefined) return [];
  const at = range(until.value)[1];
  return [{ from: at, to: at, text: `\n${indent}${key}: ${value}` }];
}

// ---------------------------------------------------------------- items in and out

/** The whole block of a sequence entry: from the start of its `- ` line to the end of its last line. */
function entryBlock(text: string, node: YAMLMap): [number, number] {
  const [start, , end] = range(node);
  return [lineStart(text, start), text[end - 1] === '\n' ? end : lineEnd(text, end)];
}

function removeItems(text: string, phases: YAMLSeq<YAMLMap>, gone: ReadonlySet<string>): Edit[] {
  if (gone.size === 0) return [];
  const edits: Edit[] = [];
  for (const phase of phases.items) {
    const items = (valueOf(phase, 'items') as YAMLSeq<YAMLMap> | null)?.items ?? [];
    const leaving = items.filter((node) => gone.has(String(node.get('id'))));
    // A phase left with no items goes as a whole: `items:` with nothing under it would not read back.
    const blocks = leaving.length === items.length && items.length > 0 ? [phase] : leaving;
    for (const node of blocks) {
      const [from, to] = entryBlock(text, node);
      edits.push({ from, to, text: '' });
    }
  }
  return edits;
}

function indentBlock(block: string, column: number): string {
  const pad = ' '.repeat(column);
  return block
    .trimEnd()
    .split('\n')
    .map((line, i) => (i === 0 ? `${' '.repeat(column - 2)}- ${line}` : line ? `${pad}${line}` : line))
    .join('\n')
    .concat('\n');
}

function addItems(
  text: string,
  phases: YAMLSeq<YAMLMap>,
  added: readonly PlanItem[],
  after: Plan,
  leaving: ReadonlySet<string>,
): Edit[] {
  const edits: Edit[] = [];
  const newPhases = new Map<string, PlanItem[]>();
  for (const item of added) {
    const phase = phases.items.find((p) => String(p.get('phase')) === item.phase);
    // Items on their way out are no anchor: a phase losing them all is removed, so it starts afresh.
    const items = (phase ? ((valueOf(phase, 'items') as YAMLSeq<YAMLMap> | null)?.items ?? []) : []).filter(
      (node) => !leaving.has(String(node.get('id'))),
    );
    if (!phase || items.length === 0) {
      newPhases.set(item.phase, [...(newPhases.get(item.phase) ?? []), item]);
      continue;
    }
    const column = columnOf(text, range(items[0])[0]);
    const next = items.find((node) => String(node.get('date') ?? node.get('start')) > item.start);
    const at = next ? entryBlock(text, next)[0] : entryBlock(text, items.at(-1)!)[1];
    edits.push({ from: at, to: at, text: indentBlock(renderItem(item), column) });
  }
  if (newPhases.size > 0) {
    const last = phases.items.at(-1)!;
    const column = columnOf(text, range(last)[0]);
    const at = entryBlock(text, last)[1];
    const blocks = after.phases
      .filter((p) => newPhases.has(p.id))
      .map((p) => {
        const items = newPhases
          .get(p.id)!
          .map((i) => indentBlock(renderItem(i), column + 4))
          .join('');
        return `\n${indentBlock(`phase: ${p.id}\ntitle: ${JSON.stringify(p.title)}\nitems:`, column)}${items}`;
      });
    edits.push({ from: at, to: at, text: blocks.join('') });
  }
  return edits;
}

// ---------------------------------------------------------------- published:

function publishedEdit(text: string, root: YAMLMap, events: readonly PublishedEvent[]): Edit {
  return sectionEdit(
    text,
    root,
    'published',
    () => renderPublished(events, false),
    () => {
      const lead = text.endsWith('\n') ? '\n' : '\n\n';
      return `${lead}${renderPublished(events, true)}`;
    },
  );
}

/**
 * A top-level section (`published:`, `invited:`) replaced in place by `body`, or `added` at the end
 * of a plan that has none. Every other byte stays.
 */
function sectionEdit(
  text: string,
  root: YAMLMap,
  key: string,
  body: () => string,
  added: () => string,
): Edit {
  const pair = pairOf(root, key);
  if (!pair) return { from: text.length, to: text.length, text: added() };
  const from = range(pair.key)[0];
  const to = pair.value ? range(pair.value)[2] : range(pair.key)[2];
  const replaced = body();
  return { from, to, text: text[to - 1] === '\n' ? replaced : replaced.trimEnd() };
}

// ---------------------------------------------------------------- invited:

/**
 * The plan with its `invited:` record replaced, in place like `published:`; added at the end the
 * first time. Every other byte stays.
 */
export function editInvited(text: string, invited: InvitedRecord): string {
  const root = parseDocument(text, { keepSourceTokens: false }).contents as YAMLMap;
  const edit = sectionEdit(
    text,
    root,
    'invited',
    () => renderInvited(invited, false),
    // The rendered section starts with its blank line.
    () => `${text.endsWith('\n') ? '' : '\n'}${renderInvited(invited, true)}`,
  );
  return apply(text, [edit]);
}

// ---------------------------------------------------------------- applying

/** Applies edits from the end backwards so earlier offsets stay valid; inserts at one spot keep their order. */
function apply(text: string, edits: readonly Edit[]): string {
  const ordered = edits
    .map((edit, order) => ({ edit, order }))
    // At one offset: the removal first (it reaches furthest), then inserts, the last one first.
    .sort((a, b) => b.edit.from - a.edit.from || b.edit.to - a.edit.to || b.order - a.order);
  let out = text;
  let limit = Infinity;
  for (const { edit } of ordered) {
    if (edit.to > limit) throw new Error(`plan edits overlap at offset ${edit.from}`);
    out = out.slice(0, edit.from) + edit.text + out.slice(edit.to);
    limit = edit.from;
  }
  return out;
}

// ---------------------------------------------------------------- one item's own fields (tick, pin)

/** What `tick`, `pin` and `unpin` change in one item; everything else about it stays byte for byte. */
export interface ItemFieldEdit {
  readonly id: string;
  readonly status?: Status;
  /** A line added to the item's `notes:` (created when missing). */
  readonly note?: string;
  /** The item's `notes:` replaced (import, from a sheet); an empty string removes the line. */
  readonly notes?: string;
  /** true adds `pinned: true`; false removes the `pinned:` line. */
  readonly pinned?: boolean;
  /** New dates, for a pin. */
  readonly dates?: { readonly before: ItemDates; readonly after: ItemDates };
  /** The item's `owners:` replaced (merge); an empty list removes the line. */
  readonly owners?: readonly string[];
}

/** Applies field edits to items by id; an id not in the text is kickoff's bug (callers check ids first). */
export function editItemFields(text: string, changes: readonly ItemFieldEdit[]): string {
  const doc = parseDocument(text, { keepSourceTokens: false });
  const phases = valueOf(doc.contents as YAMLMap, 'phases') as YAMLSeq<YAMLMap>;
  const itemNodes = new Map<string, YAMLMap>();
  for (const phase of phases.items)
    for (const node of (valueOf(phase, 'items') as YAMLSeq<YAMLMap> | null)?.items ?? [])
      itemNodes.set(String(node.get('id')), node);
  const edits: Edit[] = [];
  for (const change of changes) {
    const node = itemNodes.get(change.id);
    if (!node) throw new Error(`no item "${change.id}" in the plan text`);
    const indent = ' '.repeat(columnOf(text, range(node)[0]));
    if (change.dates) edits.push(...redate(text, node, change.dates.before, change.dates.after));
    if (change.status) {
      const status = pairOf(node, 'status');
      if (status?.value) edits.push(replaceScalar(status, change.status));
      else
        edits.push(insertLine(text, node, ['informational', 'roles'], `${indent}status: ${change.status}\n`));
    }
    const pinned = pairOf(node, 'pinned');
    if (change.pinned === true && !pinned)
      edits.push(insertLine(text, node, ['status', 'informational', 'roles'], `${indent}pinned: true\n`));
    else if (change.pinned === true && pinned) edits.push(replaceScalar(pinned, 'true'));
    else if (change.pinned === false && pinned) edits.push(removePair(text, pinned));
    if (change.note !== undefined) edits.push(noteEdit(text, node, indent, change.note));
    if (change.notes !== undefined) edits.push(...notesEdit(text, node, indent, change.notes));
    if (change.owners !== undefined) edits.push(...ownersEdit(text, node, indent, change.owners));
  }
  return apply(text, edits);
}

/** Where a pair's text ends: after its line, or after a block scalar's last line. */
function pairEnd(text: string, pair: Pair): number {
  const end = range(pair.value ?? pair.key)[1];
  return text[end - 1] === '\n' ? end : lineEnd(text, end);
}

function insertLine(text: string, node: YAMLMap, after: readonly string[], line: string): Edit {
  const anchor = after.map((key) => pairOf(node, key)).find(Boolean) ?? (node.items.at(-1) as Pair);
  const at = pairEnd(text, anchor);
  return { from: at, to: at, text: line };
}

function removePair(text: string, pair: Pair): Edit {
  return { from: lineStart(text, range(pair.key)[0]), to: pairEnd(text, pair), text: '' };
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

/** `owners:` as a flow list, as kickoff writes it (after `roles:` when new), or its line removed for none. */
function ownersEdit(text: string, node: YAMLMap, indent: string, owners: readonly string[]): Edit[] {
  const pair = pairOf(node, 'owners');
  if (owners.length === 0) return pair ? [removePair(text, pair)] : [];
  const line = `${indent}owners: [ ${owners.map(flowScalar).join(', ')} ]\n`;
  if (pair) return [{ from: lineStart(text, range(pair.key)[0]), to: pairEnd(text, pair), text: line }];
  return [insertLine(text, node, ['roles'], line)];
}

/** A name in a flow list, as kickoff's writer puts it; double-quoted when the writer would decline it. */
function flowScalar(value: string): string {
  try {
    return flowText(value, true);
  } catch {
    return JSON.stringify(value);
  }
}

/** `notes:` replaced by `notes` (after `status:` when new), or its line removed for ''. */
function notesEdit(text: string, node: YAMLMap, indent: string, notes: string): Edit[] {
  const pair = pairOf(node, 'notes');
  if (pair && notes === '') return [removePair(text, pair)];
  if (pair?.value) {
    const [from, to] = range(pair.value);
    // A block scalar's range takes its final line break with it; put that back.
    return [{ from, to, text: `${yamlString(notes)}${text[to - 1] === '\n' ? '\n' : ''}` }];
  }
  if (notes === '') return [];
  return [
    insertLine(
      text,
      node,
      ['status', 'roles', 'end', 'date', 'start'],
      `${indent}notes: ${yamlString(notes)}\n`,
    ),
  ];
}

/** `notes:` with the new line added; several lines become a literal block people can read. */
function noteEdit(text: string, node: YAMLMap, indent: string, note: string): Edit {
  const pair = pairOf(node, 'notes');
  const old = pair && isScalar(pair.value) ? String(pair.value.value ?? '').trimEnd() : '';
  const value = old ? `${old}\n${note}` : note;
  const rendered = new Document({ notes: value }, { version: '1.2' })
    .toString({ lineWidth: 0 })
    .trimEnd()
    .split('\n')
    .map((line, i) => (i === 0 ? line : `${indent}${line}`))
    .join('\n');
  if (!pair) return insertLine(text, node, [], `${indent}${rendered}\n`);
  const from = range(pair.key)[0];
  const end = range(pair.value ?? pair.key)[1];
  return { from, to: end, text: text[end - 1] === '\n' ? `${rendered}\n` : rendered };
}

// ---------------------------------------------------------------- raid:

/**
 * The plan with one RAID entry added at the end of its `raid:` list; the section is made the first
 * time, before the calendars' record (`published:`, `invited:`), which stays last. Every other byte
 * stays, comments in the log included.
 */
export function editRaidAdd(text: string, entry: RaidEntry): string {
  const root = parseDocument(text, { keepSourceTokens: false }).contents as YAMLMap;
  const fields = [
    `id: ${entry.id}`,
    `kind: ${entry.kind}`,
    `title: ${yamlString(entry.title)}`,
    `owner: ${yamlString(entry.owner)}`,
    `rating: ${entry.rating}`,
    `review: ${entry.review}`,
    `status: ${entry.status}`,
    ...(entry.notes ? [`notes: ${yamlString(entry.notes)}`] : []),
  ];
  const pair = pairOf(root, 'raid');
  const seq = pair?.value as YAMLSeq | undefined;
  if (pair && seq && isSeq(seq) && seq.items.length > 0 && !seq.flow) {
    // After the last entry, at that entry's indentation.
    const first = range(seq.items[0])[0];
    const indent = ' '.repeat(first - lineStart(text, first) - 2);
    const end = range(seq)[2];
    const at = end;
    const lead = text[at - 1] === '\n' ? '' : '\n';
    const block = fields.map((f, i) => `${indent}${i === 0 ? '- ' : '  '}${f}`).join('\n');
    return apply(text, [{ from: at, to: at, text: `${lead}${block}\n` }]);
  }
  const block = `${RAID_COMMENT}raid:\n${fields.map((f, i) => `  ${i === 0 ? '- ' : '  '}${f}`).join('\n')}\n`;
  if (pair) {
    // `raid: []` (or an empty `raid:`): the section replaced.
    const from = range(pair.key)[0];
    const to = pair.value ? range(pair.value)[2] : range(pair.key)[2];
    const trail = text[to - 1] === '\n' ? '' : '\n';
    const section = block.slice(RAID_COMMENT.length);
    return apply(text, [{ from, to, text: trail ? section.trimEnd() : section }]);
  }
  const record = ['published', 'invited']
    .map((key) => pairOf(root, key))
    .filter((p): p is Pair => p !== undefined)
    .map((p) => abovecomments(text, lineStart(text, range(p.key)[0])));
  if (record.length > 0) {
    const at = Math.min(...record);
    return apply(text, [{ from: at, to: at, text: `${block}\n` }]);
  }
  return `${text}${text.endsWith('\n') ? '' : '\n'}\n${block}`;
}

const RAID_COMMENT =
  '# The RAID log: risks, assumptions, issues and dependencies (kickoff raid add, or edit here).\n';

/** The start of the comment lines right above a line (a section's own comment goes with it). */
function abovecomments(text: string, at: number): number {
  let start = at;
  for (;;) {
    const previous = text.lastIndexOf('\n', start - 2) + 1;
    if (start === 0 || !text.slice(previous, start).startsWith('#')) return start;
    start = previous;
  }
}
