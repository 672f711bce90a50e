/**
 * Writing kickoff.yaml: the plan's layout (dialect-write.ts's nodes: block and flow maps and lists,
 * comments, blank lines) built once, then written as text directly when dialect-write.ts can do so
 * exactly, else by the yaml library from the same layout. Same plan, meta and publication → same
 * bytes, whichever writer ran.
 */
import { Document, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { formatLong } from '../../domain/calendar.js';
import type { InvitedRecord } from '../../domain/calendar-events/invite.js';
import type { PublishedEvent } from '../../domain/calendar-events/publish.js';
import type { Answers, CalendarDate, OccurrenceMove, Plan, PlanItem } from '../../domain/types.js';
import {
  flowList,
  flowMap,
  Quoted,
  writeBlock,
  writeLayout,
  type BlockList,
  type BlockMap,
  type BlockPair,
  type FlowMap,
  type FlowValue,
  type Layout,
  type LayoutNode,
} from './dialect-write.js';

/** The answers-file key for a practice's own notice period, by unit (months never come from answers). */
const NOTICE_KEYS: Record<string, string> = { d: 'noticeDays', wd: 'noticeWorkingDays', w: 'noticeWeeks' };

/** The plan file's format; a plan from a newer kickoff is refused rather than misread. */
export const PLAN_FORMAT = 1;

export interface PlanMeta {
  /** kickoff's version, for the header. */
  readonly version: string;
  /** "Today" when the plan was scheduled. */
  readonly today: CalendarDate;
}

/** The header's second line; `kickoff schedule` rewrites it when it is still as kickoff wrote it. */
export function scheduledLine(plan: Plan, meta: PlanMeta): string {
  return ` Go-live ${formatLong(plan.answers.goLive)}. Scheduled by kickoff ${meta.version} on ${meta.today} from template ${plan.template.id} ${plan.template.version}.`;
}

/** Matches a scheduledLine as a comment line. */
export const SCHEDULED_LINE =
  /^# Go-live [^\n]*\. Scheduled by kickoff \S+ on \d{4}-\d{2}-\d{2} from template [^\n]*\.$/m;

/**
 * The plan's JSON Schema (`kickoff schema plan`), as shipped in the package of that version; the
 * header's `# yaml-language-server: $schema=` line points editors at it.
 */
export function schemaUrl(name: 'plan' | 'answers' | 'capacity', version: string): string {
  return `https://unpkg.com/kickoff@${version}/schema/${name}.schema.json`;
}

function header(plan: Plan, meta: PlanMeta): string {
  const a = plan.answers;
  return [
    ` yaml-language-server: $schema=${schemaUrl('plan', meta.version)}`,
    oneLine(
      ` kickoff plan: ${a.practice.name} (${a.practice.ods}), ${a.systems.current} to ${a.systems.new}`,
    ),
    scheduledLine(plan, meta),
    '',
    ' This file is the plan: keep it, share it, edit it.',
    '   - Tick actions off: change `status: todo` to doing, done or not-needed.',
    '   - Add notes: a `notes:` line under any item, or # comments anywhere. kickoff keeps them.',
    '   - Fix a date: change it and add `pinned: true`; kickoff will then never move it.',
    '     (Items marked done keep their dates too.)',
    '   - Add your own item: copy an item, give it a new id; kickoff keeps it as you wrote it.',
    '   - Remove an item you do not need: delete it (or set status: not-needed); kickoff will not add it back.',
    '   - Move go-live: kickoff schedule --go-live 2027-04-12 (or edit goLive below, then kickoff schedule).',
    ' After editing dates or answers: kickoff schedule. To regenerate the calendars only: kickoff calendar.',
    ' Dates are working days (weekends and bank holidays excluded) unless marked informational.',
  ].join('\n');
}

/**
 * Names are free text: a NUL would make the plan unreadable (a binary file) and a line break (CR,
 * NEL, U+2028) would end the comment, leaving the rest as YAML. The values below keep them exactly.
 */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\0-\x1f\x7f\x85\u2028\u2029]+/g, ' ');
}

/** Answers as an answers file (`kickoff init --answers`), in the same shape as the plan's `answers:`. */
export function renderAnswers(answers: Answers): string {
  return write({
    comment: ' kickoff answers: run kickoff init --answers THIS-FILE to plan from them.',
    root: answersLayout(answers),
  });
}

/** An object's defined entries as a flow map, in the object's key order. */
function flowOf(value: object): FlowMap {
  return flowMap(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, v as FlowValue] as const),
  );
}

const blockMap = (pairs: readonly (BlockPair | undefined | false | '')[]): BlockMap => ({
  block: 'map',
  pairs: pairs.filter((p): p is BlockPair => Boolean(p)),
});
const blockList = (values: readonly LayoutNode[]): BlockList => ({
  block: 'list',
  items: values.map((value) => ({ value })),
});
const pair = (key: string, value: LayoutNode, comment?: string): BlockPair =>
  comment === undefined ? { key, value } : { key, value, comment, spaceBefore: true };

function answersLayout(answers: Answers): BlockMap {
  return blockMap([
    pair('practice', flowOf(answers.practice)),
    pair('goLive', answers.goLive),
    pair('nation', answers.nation),
    pair('systems', flowOf(answers.systems)),
    pair('team', blockList(answers.team.map(flowOf))),
    pair(
      'thirdParties',
      blockList(
        answers.thirdParties.map((choice) =>
          'id' in choice
            ? choice.id
            : flowMap([
                ['name', choice.name],
                [NOTICE_KEYS[choice.notice.unit]!, choice.notice.amount],
              ]),
        ),
      ),
    ),
    pair('absences', blockList(answers.absences.map(flowOf))),
    answers.kickoff && pair('kickoff', answers.kickoff),
    answers.meetingLocation && pair('meetingLocation', answers.meetingLocation),
    answers.dispensing !== undefined && pair('dispensing', answers.dispensing),
  ]);
}

function itemLayout(item: PlanItem): BlockMap {
  const dates: BlockPair[] =
    item.start === item.end ? [pair('date', item.start)] : [pair('start', item.start), pair('end', item.end)];
  return blockMap([
    pair('id', item.id),
    pair('title', item.title),
    pair('type', item.type),
    item.thirdParty && pair('thirdParty', item.thirdParty),
    ...dates,
    // Quoted so that YAML 1.1 readers (some editors, Python's PyYAML) do not read 10:00 as a number.
    item.time && pair('time', new Quoted(item.time)),
    item.durationMinutes !== undefined && pair('duration', formatMinutes(item.durationMinutes)),
    item.location && pair('location', item.location),
    item.recurrence && pair('repeatsWeeklyUntil', item.recurrence.until),
    // The usual day, then the day that week's meeting is held instead (a bank holiday).
    item.recurrence?.moved?.length ? pair('moved', movedMap(item.recurrence.moved)) : undefined,
    item.recurrence && item.recurrence.except.length > 0 && pair('except', flowList(item.recurrence.except)),
    pair('roles', flowList(item.roles)),
    item.owners?.length ? pair('owners', flowList(item.owners)) : undefined,
    item.informational === true && pair('informational', true),
    item.status && pair('status', item.status),
    item.origin === 'pinned' && pair('pinned', true),
    item.description && pair('description', item.description),
  ]);
}

function movedMap(moved: readonly OccurrenceMove[]): FlowMap {
  return flowMap(moved.map((m) => [m.from, m.to] as const));
}

/** `moved:` as the plan writes it, for editing it in an existing plan. */
export function renderMoved(moved: readonly OccurrenceMove[]): string {
  return `{ ${moved.map((m) => `${m.from}: ${m.to}`).join(', ')} }`;
}

export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : ''].filter(Boolean).join(' ') || '0m';
}

const PUBLISHED_COMMENT = [
  ' What the calendars last said about each event, so that calendar apps update events in place',
  ' (same UID, higher SEQUENCE) and remove cancelled ones. kickoff keeps this up to date: leave it be.',
].join('\n');

function publishedLayout(events: readonly PublishedEvent[]): BlockMap {
  return blockMap(
    events.map((e) =>
      pair(
        e.id,
        flowMap([
          ['sequence', e.sequence],
          ['since', e.since],
          ['fingerprint', e.fingerprint],
          ['title', e.title],
          ...((e.start === e.end
            ? [['date', e.start]]
            : [
                ['start', e.start],
                ['end', e.end],
              ]) as [string, CalendarDate][]),
          ...(e.time ? [['time', new Quoted(e.time)] as const] : []),
          ['roles', flowList(e.roles)],
          ...(e.cancelled ? [['cancelled', true] as const] : []),
          ...(e.cancelledFor ? [['cancelledFor', flowList(e.cancelledFor)] as const] : []),
        ]),
      ),
    ),
  );
}

/** The `published:` section alone, as at the end of the plan (for in-place edits). */
export function renderPublished(events: readonly PublishedEvent[], withComment: boolean): string {
  return writeAlone(
    blockMap([pair('published', publishedLayout(events), withComment ? PUBLISHED_COMMENT : undefined)]),
  );
}

const INVITED_COMMENT = [
  ' Calendar invitations sent by `kickoff invite`: for each person, the events they were sent and',
  ' the SEQUENCE they have, so a re-run sends only what changed. kickoff keeps this up to date: leave it be.',
].join('\n');

/** The `invited:` section (after `published:`), for adding it to a plan or replacing it in place. */
export function renderInvited(invited: InvitedRecord, withComment: boolean): string {
  const byAddress = blockMap(
    [...invited.keys()].sort().map((email) => {
      const held = invited.get(email)!;
      return pair(email, flowMap([...held.keys()].sort().map((id) => [id, held.get(id)!] as const)));
    }),
  );
  return writeAlone(blockMap([pair('invited', byAddress, withComment ? INVITED_COMMENT : undefined)]));
}

/** One item as the plan writes it (a block map, not indented), for adding it to an existing plan. */
export function renderItem(item: PlanItem): string {
  return writeAlone(itemLayout(item));
}

/** The plan as YAML text. Same plan, meta and publication → same bytes. */
export function renderPlan(plan: Plan, meta: PlanMeta, published: readonly PublishedEvent[]): string {
  return write(planLayout(plan, meta, published));
}

export function planLayout(plan: Plan, meta: PlanMeta, published: readonly PublishedEvent[]): Layout {
  const phases = plan.phases
    .map((phase) => ({ phase, items: plan.items.filter((i) => i.phase === phase.id) }))
    .filter(({ items }) => items.length > 0)
    .map(({ phase, items }, index) => ({
      // A blank line between phases, not before the first (that would leave a line of spaces).
      spaceBefore: index > 0,
      value: blockMap([
        pair('phase', phase.id),
        pair('title', phase.title),
        pair('items', blockList(items.map(itemLayout))),
      ]),
    }));
  return {
    comment: header(plan, meta),
    root: blockMap([
      pair('format', PLAN_FORMAT),
      pair('template', flowOf(plan.template)),
      pair('scheduled', meta.today),
      pair(
        'answers',
        answersLayout(plan.answers),
        ' What you told kickoff. Change these, then run `kickoff schedule`.',
      ),
      pair(
        'roles',
        blockMap(plan.roles.map((r) => pair(r.id, r.title))),
        ' Who the role ids in this plan are.',
      ),
      pair('phases', { block: 'list', items: phases }, ' The schedule, phase by phase, in date order.'),
      pair('published', publishedLayout(published), PUBLISHED_COMMENT),
    ]),
  };
}

// ---------------------------------------------------------------- the yaml library, when needed

const TO_STRING = { lineWidth: 0, flowCollectionPadding: true } as const;

function write(layout: Layout): string {
  return writeLayout(layout) ?? writeWithYaml(layout);
}

/** The yaml library's text for a layout: what writeLayout must equal, and the fallback. */
export function writeWithYaml(layout: Layout): string {
  return documentOf(layout.root, layout.comment).toString(TO_STRING);
}

function writeAlone(node: BlockMap): string {
  return writeBlock(node) ?? documentOf(node).toString(TO_STRING);
}

function documentOf(root: BlockMap, comment?: string): Document {
  const doc = new Document(null, { version: '1.2' });
  doc.contents = nodeOf(doc, root) as YAMLMap;
  if (comment !== undefined) doc.commentBefore = comment;
  return doc;
}

function nodeOf(doc: Document, node: LayoutNode): Node {
  if (node instanceof Quoted) {
    const scalar = doc.createNode(node.text) as Scalar;
    scalar.type = Scalar.QUOTE_DOUBLE;
    return scalar;
  }
  if (typeof node !== 'object') return doc.createNode(node) as Node;
  if ('flow' in node) {
    const collection = node.flow === 'map' ? new YAMLMap() : new YAMLSeq();
    if (node.flow === 'map')
      for (const [k, v] of node.entries) collection.add(doc.createPair(k, nodeOf(doc, v)));
    else for (const v of node.values) (collection as YAMLSeq).add(nodeOf(doc, v));
    collection.flow = true;
    return collection;
  }
  if (node.block === 'list') {
    const seq = new YAMLSeq();
    for (const item of node.items) {
      const value = nodeOf(doc, item.value);
      if (item.spaceBefore) value.spaceBefore = true;
      seq.add(value);
    }
    return seq;
  }
  const map = new YAMLMap();
  for (const p of node.pairs) {
    const yamlPair = doc.createPair(p.key, nodeOf(doc, p.value));
    const key = yamlPair.key as Node;
    if (p.spaceBefore) key.spaceBefore = true;
    if (p.comment !== undefined) key.commentBefore = p.comment;
    map.add(yamlPair);
  }
  return map;
}
