/**
 * kickoff.yaml: the plan as people read and edit it. Writing builds a commented YAML document,
 * grouped by phase; reading checks it and gives back the answers and items.
 */
import { Document, Scalar, YAMLMap, YAMLSeq, type Node, type Pair } from 'yaml';
import { z } from 'zod';
import { formatLong, isCalendarDate, parseCalendarDate } from '../domain/calendar.js';
import { isKebabId } from '../domain/ids.js';
import { closest } from '../domain/nearest.js';
import type { PublishedEvent } from '../domain/publish.js';
import {
  ITEM_TYPES,
  STATUSES,
  type Answers,
  type CalendarDate,
  type OccurrenceMove,
  type Phase,
  type Plan,
  type PlanItem,
  type Recurrence,
  type Status,
} from '../domain/types.js';
import { InputError } from '../errors.js';
import { answersSchema, toAnswers } from './answers-loader.js';
import { readText } from './files.js';
import { parseYaml, type YamlSource } from './yaml-file.js';
import type { Template } from '../domain/template.js';

/** The plan file's format; a plan from a newer kickoff is refused rather than misread. */
/** The answers-file key for a practice's own notice period, by unit (months never come from answers). */
const NOTICE_KEYS: Record<string, string> = { d: 'noticeDays', wd: 'noticeWorkingDays', w: 'noticeWeeks' };

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
export function schemaUrl(name: 'plan' | 'answers', version: string): string {
  return `https://unpkg.com/kickoff@${version}/schema/${name}.schema.json`;
}

function header(plan: Plan, meta: PlanMeta): string {
  const a = plan.answers;
  return [
    ` yaml-language-server: $schema=${schemaUrl('plan', meta.version)}`,
    ` kickoff plan: ${a.practice.name} (${a.practice.ods}), ${a.systems.current} to ${a.systems.new}`,
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

/** Answers as an answers file (`kickoff init --answers`), in the same shape as the plan's `answers:`. */
export function renderAnswers(answers: Answers): string {
  const doc = new Document();
  doc.contents = answersNode(doc, answers);
  doc.commentBefore = ' kickoff answers: run kickoff init --answers THIS-FILE to plan from them.';
  return doc.toString(TO_STRING);
}

function flowMap(doc: Document, value: object): YAMLMap {
  const node = doc.createNode(value) as YAMLMap;
  node.flow = true;
  return node;
}

function answersNode(doc: Document, answers: Answers): YAMLMap {
  const node = new YAMLMap();
  node.set('practice', flowMap(doc, answers.practice));
  node.set('goLive', answers.goLive);
  node.set('nation', answers.nation);
  node.set('systems', flowMap(doc, answers.systems));
  const seqOf = (values: readonly object[]) => {
    const seq = new YAMLSeq();
    for (const v of values) seq.add(flowMap(doc, v));
    return seq;
  };
  node.set('team', seqOf(answers.team));
  const parties = new YAMLSeq();
  for (const choice of answers.thirdParties) {
    if ('id' in choice) parties.add(doc.createNode(choice.id));
    else
      parties.add(
        flowMap(doc, {
          name: choice.name,
          [NOTICE_KEYS[choice.notice.unit]!]: choice.notice.amount,
        }),
      );
  }
  node.set('thirdParties', parties);
  node.set('absences', seqOf(answers.absences));
  if (answers.kickoff) node.set('kickoff', answers.kickoff);
  if (answers.meetingLocation) node.set('meetingLocation', answers.meetingLocation);
  return node;
}

function itemNode(doc: Document, item: PlanItem): YAMLMap {
  const node = new YAMLMap();
  node.set('id', item.id);
  node.set('title', item.title);
  node.set('type', item.type);
  if (item.thirdParty) node.set('thirdParty', item.thirdParty);
  if (item.start === item.end) node.set('date', item.start);
  else {
    node.set('start', item.start);
    node.set('end', item.end);
  }
  // Quoted so that YAML 1.1 readers (some editors, Python's PyYAML) do not read 10:00 as a number.
  if (item.time) node.set('time', quoted(doc, item.time));
  if (item.durationMinutes !== undefined) node.set('duration', formatMinutes(item.durationMinutes));
  if (item.location) node.set('location', item.location);
  if (item.recurrence) {
    node.set('repeatsWeeklyUntil', item.recurrence.until);
    if (item.recurrence.moved?.length) node.add(movedPair(doc, item.recurrence.moved));
    if (item.recurrence.except.length > 0) node.set('except', flowSeq(doc, item.recurrence.except));
  }
  node.set('roles', flowSeq(doc, item.roles));
  if (item.informational) node.set('informational', true);
  if (item.status) node.set('status', item.status);
  if (item.origin === 'pinned') node.set('pinned', true);
  if (item.description) node.set('description', item.description);
  return node;
}

/** What `moved:` means, beside it: the plan is read by people who never saw the template. */
export const MOVED_COMMENT = ' usual day: the day held instead (bank holidays, days kept free of meetings)';

/** `moved: { 2026-12-28: 2026-12-29 }`: the day the series would meet on, and the day it meets. */
function movedPair(doc: Document, moved: readonly OccurrenceMove[]): Pair {
  const value = flowMap(doc, Object.fromEntries(moved.map((m) => [m.from, m.to])));
  value.comment = MOVED_COMMENT;
  return doc.createPair('moved', value);
}

/** `moved:` as the plan writes it, for adding it to an existing plan. */
export function renderMoved(moved: readonly OccurrenceMove[]): string {
  return `{ ${moved.map((m) => `${m.from}: ${m.to}`).join(', ')} }`;
}

function quoted(doc: Document, text: string): Node {
  const node = doc.createNode(text) as Scalar;
  node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

function flowSeq(doc: Document, values: readonly string[]): YAMLSeq {
  const seq = doc.createNode([...values]) as YAMLSeq;
  seq.flow = true;
  return seq;
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

function publishedNode(doc: Document, events: readonly PublishedEvent[]): YAMLMap {
  const node = new YAMLMap();
  for (const e of events) {
    const entry: Record<string, unknown> = {
      sequence: e.sequence,
      since: e.since,
      fingerprint: e.fingerprint,
    };
    entry.title = e.title;
    if (e.start === e.end) entry.date = e.start;
    else Object.assign(entry, { start: e.start, end: e.end });
    const map = flowMap(doc, entry);
    if (e.time) map.set('time', quoted(doc, e.time));
    map.set('roles', flowSeq(doc, e.roles));
    if (e.cancelled) map.set('cancelled', true);
    if (e.cancelledFor) map.set('cancelledFor', flowSeq(doc, e.cancelledFor));
    node.set(e.id, map);
  }
  return node;
}

function commentedPair(doc: Document, key: string, value: Node, comment: string): Pair {
  const pair = doc.createPair(key, value);
  const keyNode = pair.key as Node;
  keyNode.spaceBefore = true;
  keyNode.commentBefore = comment;
  return pair;
}

const TO_STRING = { lineWidth: 0, flowCollectionPadding: true } as const;

/** The `published:` section alone, as at the end of the plan (for in-place edits). */
export function renderPublished(events: readonly PublishedEvent[], withComment: boolean): string {
  const doc = new Document(null, { version: '1.2' });
  const root = new YAMLMap();
  const value = publishedNode(doc, events);
  root.add(
    withComment
      ? commentedPair(doc, 'published', value, PUBLISHED_COMMENT)
      : doc.createPair('published', value),
  );
  doc.contents = root;
  return doc.toString(TO_STRING);
}

/** One item as the plan writes it (a block map, not indented), for adding it to an existing plan. */
export function renderItem(item: PlanItem): string {
  const doc = new Document(null, { version: '1.2' });
  doc.contents = itemNode(doc, item);
  return doc.toString(TO_STRING);
}

/** The plan as YAML text. Same plan, meta and publication → same bytes. */
export function renderPlan(plan: Plan, meta: PlanMeta, published: readonly PublishedEvent[]): string {
  const doc = new Document(null, { version: '1.2' });
  const root = new YAMLMap();
  root.set('format', PLAN_FORMAT);
  root.set('template', flowMap(doc, plan.template));
  root.set('scheduled', meta.today);
  root.add(
    commentedPair(
      doc,
      'answers',
      answersNode(doc, plan.answers),
      ' What you told kickoff. Change these, then run `kickoff schedule`.',
    ),
  );
  root.add(
    commentedPair(
      doc,
      'roles',
      doc.createNode(Object.fromEntries(plan.roles.map((r) => [r.id, r.title]))),
      ' Who the role ids in this plan are.',
    ),
  );
  const phases = new YAMLSeq();
  for (const phase of plan.phases) {
    const items = plan.items.filter((i) => i.phase === phase.id);
    if (items.length === 0) continue;
    const node = new YAMLMap();
    node.set('phase', phase.id);
    node.set('title', phase.title);
    const seq = new YAMLSeq();
    for (const item of items) seq.add(itemNode(doc, item));
    node.set('items', seq);
    // A blank line between phases, not before the first (that would leave a line of spaces).
    if (phases.items.length > 0) node.spaceBefore = true;
    phases.add(node);
  }
  root.add(commentedPair(doc, 'phases', phases, ' The schedule, phase by phase, in date order.'));
  root.add(commentedPair(doc, 'published', publishedNode(doc, published), PUBLISHED_COMMENT));
  doc.contents = root;
  doc.commentBefore = header(plan, meta);
  return doc.toString(TO_STRING);
}

// ---------------------------------------------------------------- reading

/** A plan date is ISO; a wrong one is explained ("Feb 2027 has 28 days") as everywhere else. */
const date = z.string().refine(isCalendarDate, {
  error: (issue) => {
    const parsed = typeof issue.input === 'string' ? parseCalendarDate(issue.input) : undefined;
    if (parsed && !parsed.ok) return parsed.message.replace(/^"[^"]*" /, '');
    if (parsed?.ok) return `should be written ${parsed.date} (year-month-day)`;
    return 'should be a real date like 2027-03-15';
  },
});
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'should be a time like 10:00');
const planItemSchema = z.strictObject({
  id: z.string().refine(isKebabId, 'should be a kebab-case id like practice-open-day'),
  title: z.string().min(1),
  type: z.enum(ITEM_TYPES),
  thirdParty: z.string().optional(),
  date: date.optional(),
  start: date.optional(),
  end: date.optional(),
  time: time.optional(),
  duration: z
    .string()
    .regex(/^(\d+h)?\s*(\d+m)?$/, 'should be a duration like 1h or 90m')
    .optional(),
  location: z.string().trim().min(1, 'should be a room or a call link; delete the line for none').optional(),
  repeatsWeeklyUntil: date.optional(),
  moved: z.record(date, date).optional(),
  except: z.array(date).optional(),
  roles: z.array(z.string()).default([]),
  informational: z.boolean().optional(),
  status: z.enum(STATUSES as [Status, ...Status[]]).optional(),
  pinned: z.boolean().optional(),
  notes: z.string().optional(),
  description: z.string().optional(),
});
const publishedSchema = z.strictObject({
  sequence: z.number().int().min(0),
  since: date,
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/, 'should be the 16 hex digits kickoff wrote'),
  title: z.string(),
  date: date.optional(),
  start: date.optional(),
  end: date.optional(),
  time: time.optional(),
  roles: z.array(z.string()).default([]),
  cancelled: z.boolean().optional(),
  cancelledFor: z.array(z.string()).optional(),
});
export const planSchema = z.strictObject({
  format: z.number().int(),
  template: z.strictObject({ id: z.string(), version: z.string() }),
  scheduled: date,
  answers: answersSchema,
  roles: z.record(z.string(), z.string()),
  phases: z.array(
    z.strictObject({ phase: z.string(), title: z.string(), items: z.array(planItemSchema).default([]) }),
  ),
  published: z.record(z.string(), publishedSchema).optional(),
});

export interface StoredPlan {
  readonly file: string;
  readonly text: string;
  readonly plan: Plan;
  readonly scheduled: CalendarDate;
  /** What the calendars last said; undefined for a plan written before kickoff kept this. */
  readonly published?: readonly PublishedEvent[];
}

function parseMinutes(text: string): number {
  const match = /^(?:(\d+)h)?\s*(?:(\d+)m)?$/.exec(text.trim());
  return Number(match?.[1] ?? 0) * 60 + Number(match?.[2] ?? 0);
}

/** Reads kickoff.yaml; every mistake is reported at file:line:col and nothing is changed. */
export async function readPlan(file: string, template: Template): Promise<StoredPlan> {
  return parsePlan(await readText(file, 'the plan', NO_PLAN_HINT), file, template);
}

/** What to do when there is no plan where kickoff looked. */
export const NO_PLAN_HINT =
  'Make one with `kickoff init`, or point at it with --plan FILE (or the folder it is in).';

/** Checks plan text already in memory (read from `file`); errors name that file. */
export function parsePlan(text: string, file: string, template: Template): StoredPlan {
  const format = /^format:\s*(\d+)/m.exec(text)?.[1];
  if (format !== undefined && Number(format) > PLAN_FORMAT) {
    throw new InputError(
      `${file} was written by a newer kickoff (plan format ${format}; this kickoff reads format ${PLAN_FORMAT}).`,
      'Update kickoff (npm install kickoff@latest) before using this plan.',
    );
  }
  const source = parseYaml(text, file, planSchema, 'Plan');
  const raw = source.value;
  const answers = toAnswers(raw.answers, template, (path) => source.locate(['answers', ...path]));
  const missing = (['practice', 'goLive', 'nation', 'systems', 'team'] as const).find(
    (k) => answers[k] === undefined,
  );
  if (missing)
    throw new InputError(
      `Plan: answers.${missing} is missing.`,
      'Add it back under answers:.',
      source.locate(['answers']),
    );
  const items: PlanItem[] = [];
  raw.phases.forEach((phase, p) =>
    phase.items.forEach((item, i) => {
      const locate = (key: string) => source.locate(['phases', p, 'items', i, key]);
      if (items.some((other) => other.id === item.id))
        throw new InputError(
          `Plan: two items have the id "${item.id}".`,
          'Give the copy a new id of its own, like practice-open-day.',
          locate('id'),
        );
      items.push(toPlanItem(item, phase.phase, locate));
    }),
  );
  assertKnownRoles(
    raw.phases,
    new Set([...Object.keys(raw.roles), ...template.roles.map((r) => r.id)]),
    source,
  );
  const phases: Phase[] = raw.phases.map((p) => ({ id: p.phase, title: p.title }));
  const plan: Plan = {
    template: raw.template,
    answers: { thirdParties: [], absences: [], ...answers } as Answers,
    phases,
    roles: Object.entries(raw.roles).map(([id, title]) => ({ id, title })),
    thirdParties: [],
    items,
    diagnostics: [],
  };
  const published = raw.published
    ? Object.entries(raw.published).map(([id, e]) => toPublished(id, e))
    : undefined;
  return { file, text, plan, scheduled: raw.scheduled as CalendarDate, ...(published ? { published } : {}) };
}

/** A mistyped role (practice-manger) would silently drop the item from that role's calendar. */
function assertKnownRoles(
  phases: readonly { readonly items: readonly { readonly roles: readonly string[] }[] }[],
  roles: ReadonlySet<string>,
  source: YamlSource<unknown>,
): void {
  phases.forEach((phase, p) =>
    phase.items.forEach((item, i) =>
      item.roles.forEach((role, r) => {
        if (roles.has(role)) return;
        const guess = closest(role, [...roles]);
        throw new InputError(
          `Plan: role "${role}" is not one of the plan's roles.`,
          `${guess ? `Did you mean ${guess}? ` : ''}Use one of: ${[...roles].join(', ')}.`,
          source.locate(['phases', p, 'items', i, 'roles', r]),
        );
      }),
    ),
  );
}

function toPublished(id: string, raw: z.output<typeof publishedSchema>): PublishedEvent {
  const start = (raw.date ?? raw.start ?? raw.since) as CalendarDate;
  return {
    id,
    sequence: raw.sequence,
    since: raw.since as CalendarDate,
    fingerprint: raw.fingerprint,
    title: raw.title,
    start,
    end: (raw.date ?? raw.end ?? start) as CalendarDate,
    ...(raw.time ? { time: raw.time } : {}),
    roles: raw.roles,
    ...(raw.cancelled ? { cancelled: true } : {}),
    ...(raw.cancelledFor?.length ? { cancelledFor: raw.cancelledFor } : {}),
  };
}

/**
 * A weekly series as written. A move whose day the series does not meet on is kept as written (a
 * person may have just changed the series' day); `kickoff check` says it does nothing.
 */
function toRecurrence(raw: z.output<typeof planItemSchema>): Recurrence {
  const moved = Object.entries(raw.moved ?? {})
    .map(([from, to]) => ({ from: from as CalendarDate, to: to as CalendarDate }))
    .sort((a, b) => a.from.localeCompare(b.from));
  return {
    weekly: true,
    until: raw.repeatsWeeklyUntil as CalendarDate,
    except: (raw.except ?? []) as CalendarDate[],
    ...(moved.length > 0 ? { moved } : {}),
  };
}

function toPlanItem(
  raw: z.output<typeof planItemSchema>,
  phase: string,
  locate: (key: string) => import('../errors.js').SourceLocation,
): PlanItem {
  const start = (raw.date ?? raw.start) as CalendarDate | undefined;
  if (!start) {
    throw new InputError(
      `Plan: item "${raw.id}" has no date${raw.pinned ? ', but is pinned' : ''}.`,
      'Give it `date: 2027-03-15` (or `start:` and `end:` for several days).',
      locate('id'),
    );
  }
  const end = (raw.date ? raw.date : (raw.end ?? start)) as CalendarDate;
  if (end < start)
    throw new InputError(
      `Plan: item "${raw.id}" ends before it starts.`,
      'Swap start and end.',
      locate('end'),
    );
  return {
    id: raw.id,
    title: raw.title,
    phase,
    type: raw.type,
    start,
    end,
    ...(raw.time ? { time: raw.time } : {}),
    ...(raw.duration ? { durationMinutes: parseMinutes(raw.duration) } : {}),
    ...(raw.location ? { location: raw.location } : {}),
    ...(raw.repeatsWeeklyUntil ? { recurrence: toRecurrence(raw) } : {}),
    roles: raw.roles,
    ...(raw.thirdParty ? { thirdParty: raw.thirdParty } : {}),
    ...(raw.informational ? { informational: true } : {}),
    origin: raw.pinned ? 'pinned' : 'computed',
    ...(raw.informational ? {} : { status: raw.status ?? 'todo' }),
    ...(raw.description ? { description: raw.description } : {}),
    source: '',
  };
}
