/**
 * Reading kickoff.yaml: the text checked against the plan's schema (schema.ts), every mistake at
 * file:line:col, and the answers, items and records it holds. Writing is write.ts; editing the text
 * in place is edit.ts.
 */
import { closest } from '../../domain/nearest.js';
import { distinctPeople, teamList, teamRowsOf } from '../../domain/people.js';
import { byText } from '../../domain/order.js';
import type { InvitedRecord } from '../../domain/calendar-events/invite.js';
import type { PublishedEvent } from '../../domain/calendar-events/publish.js';
import type {
  Answers,
  CalendarDate,
  Diagnostic,
  Person,
  Phase,
  Plan,
  PlanItem,
  Recurrence,
} from '../../domain/types.js';
import { InputError, type SourceLocation } from '../../errors.js';
import type { RaidEntry } from '../../domain/raid.js';
import { toAnswers } from '../inputs/answers-loader.js';
import { readText } from '../files.js';
import { parseYaml, type YamlSource } from '../yaml-file.js';
import { planSchema, type RawPlan } from './schema.js';
import { checkPlan } from './schema-check.generated.js';
import { PLAN_FORMAT } from './write.js';
import { parseOffset, type Template } from '../../domain/template.js';

type RawItem = RawPlan['phases'][number]['items'][number];
type RawPublished = NonNullable<RawPlan['published']>[string];

export interface StoredPlan {
  readonly file: string;
  readonly text: string;
  readonly plan: Plan;
  readonly scheduled: CalendarDate;
  /** What the calendars last said; undefined for a plan written before kickoff kept this. */
  readonly published?: readonly PublishedEvent[];
  /** What `kickoff invite` has sent each person; empty when it never has. */
  readonly invited: InvitedRecord;
  /** The RAID log (`raid:`), as written; empty when there is none. */
  readonly raid: readonly RaidEntry[];
  /** Things in the text that read other than a person may think (a # in a note): warnings with their line. */
  readonly warnings: readonly Diagnostic[];
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
  const source = parseYaml(text, file, planSchema, 'Plan', checkPlan);
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
  const roleIds = new Set([...Object.keys(raw.roles), ...template.roles.map((r) => r.id)]);
  assertKnownRoles(raw.phases, roleIds, source);
  assertKnownOwners(raw.phases, roleIds, answers.team ?? [], source);
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
  const invited: InvitedRecord = new Map(
    Object.entries(raw.invited ?? {}).map(([email, held]) => [
      email.toLowerCase(),
      new Map(Object.entries(held)),
    ]),
  );
  return {
    file,
    text,
    plan,
    scheduled: raw.scheduled as CalendarDate,
    ...(published ? { published } : {}),
    invited,
    raid: toRaid(raw.raid ?? [], source),
    warnings: commentsInText(text, file),
  };
}

function toRaid(raw: NonNullable<RawPlan['raid']>, source: YamlSource<unknown>): RaidEntry[] {
  const seen = new Set<string>();
  return raw.map((e, i) => {
    if (seen.has(e.id))
      throw new InputError(
        `Plan: two RAID entries have the id "${e.id}".`,
        'Give one of them a new id, like risk-7.',
        source.locate(['raid', i, 'id']),
      );
    seen.add(e.id);
    return {
      id: e.id,
      kind: e.kind,
      title: e.title,
      owner: e.owner,
      rating: e.rating,
      review: e.review as CalendarDate,
      status: e.status,
      ...(e.notes !== undefined ? { notes: e.notes } : {}),
    };
  });
}

/**
 * A `#` after a space ends a plain YAML value: `notes: Ask agency #2 for the list` keeps only "Ask
 * agency", the rest being a comment. People write notes and titles as text, so a `# …` after one is
 * almost always part of it: said, with the line and the quoting that keeps it. kickoff's own
 * comments (after `pinned: true`, say) are on other keys.
 */
function commentsInText(text: string, file: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  let item: string | undefined;
  text.split('\n').forEach((line, index) => {
    const id = /^\s*- id: (\S+)/.exec(line);
    if (id) item = id[1];
    const value = /^(\s*)(notes|title): ([^\s"'|>#][^#]*?)\s+#(.*)$/.exec(line);
    if (!value) return;
    const [, , key, kept, rest] = value as unknown as [string, string, string, string, string];
    found.push({
      severity: 'warning',
      code: 'plan.comment_in_text',
      message: `${file}:${index + 1}: the ${key === 'notes' ? 'note' : 'title'}${item ? ` of ${item}` : ''} stops at "#": YAML reads "#${rest}" as a comment, so it says only "${kept}". Put the whole ${key === 'notes' ? 'note' : 'title'} in quotes to keep it: ${key}: ${JSON.stringify(`${kept} #${rest}`)}`,
      ...(item ? { itemId: item } : {}),
    });
  });
  return found;
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

/**
 * An owner is someone from the team (by e-mail or name) or a role id: a name that is neither would
 * leave the item with an owner nobody can reach.
 */
function assertKnownOwners(
  phases: readonly {
    readonly items: readonly { readonly id: string; readonly owners?: readonly string[] }[];
  }[],
  roles: ReadonlySet<string>,
  team: readonly Person[],
  source: YamlSource<unknown>,
): void {
  phases.forEach((phase, p) =>
    phase.items.forEach((item, i) =>
      (item.owners ?? []).forEach((owner, o) => {
        if (roles.has(owner) || teamRowsOf(team, owner).length > 0) return;
        const names = distinctPeople(team).flatMap((person) => [person.name, person.email].filter(Boolean));
        const guess = closest(owner, [...names, ...roles]);
        throw new InputError(
          `Plan: owner "${owner}" of item "${item.id}" is not in the team (answers.team) and is not a role id.`,
          `${guess ? `Did you mean ${guess}? ` : ''}Name someone from the team by e-mail or name (${teamList(team) || 'the team is empty'}), or use a role id such as ${[...roles].slice(0, 3).join(', ')}; or add the person to answers.team first.`,
          source.locate(['phases', p, 'items', i, 'owners', o]),
        );
      }),
    ),
  );
}

function toPublished(id: string, raw: RawPublished): PublishedEvent {
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
function toRecurrence(raw: RawItem): Recurrence {
  const moved = Object.entries(raw.moved ?? {})
    .map(([from, to]) => ({ from: from as CalendarDate, to: to as CalendarDate }))
    .sort((a, b) => byText(a.from, b.from));
  return {
    weekly: true,
    until: raw.repeatsWeeklyUntil as CalendarDate,
    except: (raw.except ?? []) as CalendarDate[],
    ...(moved.length > 0 ? { moved } : {}),
  };
}

function toPlanItem(raw: RawItem, phase: string, locate: (key: string) => SourceLocation): PlanItem {
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
  if ((raw.from === undefined) !== (raw.offset === undefined))
    throw new InputError(
      `Plan: item "${raw.id}" has ${raw.from === undefined ? 'offset: but no from:' : 'from: but no offset:'}; an item dated from another needs both.`,
      'Write both, like from: go-live and offset: -10wd, or neither.',
      locate(raw.from === undefined ? 'offset' : 'from'),
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
    ...(raw.owners?.length ? { owners: raw.owners } : {}),
    ...(raw.thirdParty ? { thirdParty: raw.thirdParty } : {}),
    ...(raw.informational ? { informational: true } : {}),
    origin: raw.pinned ? 'pinned' : 'computed',
    ...(raw.informational ? {} : { status: raw.status ?? 'todo' }),
    ...(raw.description ? { description: raw.description } : {}),
    source: '',
    ...(raw.from !== undefined && raw.offset !== undefined
      ? { rule: { from: raw.from, ...(raw.at ? { at: raw.at } : {}), offset: parseOffset(raw.offset)! } }
      : {}),
  };
}
