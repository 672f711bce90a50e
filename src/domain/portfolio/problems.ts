/**
 * What is wrong with a programme: people needed in two practices at once (or away when another
 * practice needs them), and limits of capacity.yaml broken. Each problem comes from one bucket of
 * the ProgrammeIndex, and its id names that bucket, so the same programme always gives the same
 * problems in the same order.
 */
import { addDays, formatLong, maxDate, minDate } from '../calendar.js';
import { supplierLimit, type Capacity } from './capacity.js';
import { ProgrammeIndex, type BucketKey } from './problem-index.js';
import { FDP_ID } from '../anchors.js';
import {
  namesOf,
  withNamedAbsences,
  type Commitment,
  type PersonAbsence,
  type PracticeView,
} from './portfolio.js';
import type { CalendarDate } from '../types.js';
import { byText } from '../order.js';

export interface ProblemItem {
  readonly practice: string;
  readonly ods: string;
  readonly itemId: string;
  readonly title: string;
  readonly start: CalendarDate;
  readonly end: CalendarDate;
  readonly role: string;
}

export interface ProblemPerson {
  readonly key: string;
  readonly name: string;
  readonly email: string;
}

export type ProblemKind =
  'clash' | 'absence' | 'go-lives-per-week' | 'fdps-per-day' | 'fdps-per-fortnight' | 'at-once';

export interface Problem {
  readonly id: string;
  readonly kind: ProblemKind;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  /**
   * A clash: the stretches of days that clash, in order (from the first's start to the last's end);
   * the days between them are free.
   */
  readonly days?: readonly { readonly from: CalendarDate; readonly to: CalendarDate }[];
  /** The plan files involved, sorted. */
  readonly practices: readonly string[];
  readonly message: string;
  readonly person?: ProblemPerson;
  readonly items?: readonly ProblemItem[];
  /** Capacity breaches: how many, against what limit. */
  readonly count?: number;
  readonly limit?: number;
  readonly supplier?: string;
  readonly absence?: { readonly from: CalendarDate; readonly to: CalendarDate; readonly declaredIn: string };
}

/** Every problem of the programme, by date, then id. */
/**
 * A programme from each practice's own view: absences named in one plan count in every plan, then
 * the index of who is needed when, and what clashes or breaks a limit.
 */
export function analyseProgramme(read: readonly PracticeView[], capacity: Capacity, today: CalendarDate) {
  const names = namesOf(read);
  const views = read.map((view) => withNamedAbsences(view, names));
  const index = new ProgrammeIndex(views, today);
  return { names, views, index, problems: findProblems(index, capacity) };
}

export function findProblems(index: ProgrammeIndex, capacity: Capacity): Problem[] {
  return sortProblems(index.buckets().flatMap((b) => problemsIn(index, b, capacity)));
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => byText(a.from, b.from) || byText(a.id, b.id));
}

/**
 * The problems of one bucket. With `focus` (a plan file), clashes and absences are worked out only
 * where that practice is one side: --suggest asks whether a moved practice is left in any problem,
 * and a shared project manager's bucket holds hundreds of practices whose other pairs it need not build.
 */
export function problemsIn(
  index: ProgrammeIndex,
  bucket: BucketKey,
  capacity: Capacity,
  focus?: string,
): Problem[] {
  const [kind, ...rest] = bucket.split(':');
  const key = rest.join(':');
  if (kind === 'person') return personProblems(index, key, capacity, focus);
  if (kind === 'week') return goLiveWeek(index, key as CalendarDate, capacity);
  return fdpDay(index, key, capacity);
}

function personProblems(
  index: ProgrammeIndex,
  key: string,
  capacity: Capacity,
  focus: string | undefined,
): Problem[] {
  const commitments = [...(index.commitments.get(key) ?? [])].sort(byStart);
  const person = personOf(index, key);
  return [
    ...clashes(index, person, commitments, focus),
    ...absenceClashes(index, person, commitments, index.absences.get(key) ?? [], focus),
    ...fortnightBreaches(index, person, commitments, capacity),
    ...Object.entries(capacity.atOnce)
      .sort(([a], [b]) => byText(a, b))
      .flatMap(([itemId, limit]) =>
        atOnceBreaches(
          index,
          person,
          commitments.filter((c) => c.itemId === itemId),
          itemId,
          limit,
        ),
      ),
  ];
}

function byStart(a: Commitment, b: Commitment): number {
  return byText(a.start, b.start) || byText(a.practice, b.practice) || byText(a.itemId, b.itemId);
}

function personOf(index: ProgrammeIndex, key: string): ProblemPerson {
  const practice = index.commitments.get(key)?.[0]?.practice ?? index.absences.get(key)?.[0]?.practice;
  const member = practice ? index.views.get(practice)?.members.find((m) => m.key === key) : undefined;
  const absence = index.absences.get(key)?.[0];
  return { key, name: member?.name ?? absence?.who ?? key, email: member?.email ?? '' };
}

/** A sweep over the person's commitments by date: each is compared only with those still open. */
function clashes(
  index: ProgrammeIndex,
  person: ProblemPerson,
  list: readonly Commitment[],
  focus: string | undefined,
): Problem[] {
  const pairs = new Map<string, { items: Map<string, Commitment>; days: Stretch[] }>();
  let open: Commitment[] = [];
  for (const c of list) {
    open = open.filter((o) => o.end >= c.start);
    for (const o of open) {
      if (o.practice === c.practice || o.atOnce || c.atOnce) continue;
      if (focus !== undefined && o.practice !== focus && c.practice !== focus) continue;
      const [a, b] = [o.practice, c.practice].sort() as [string, string];
      const id = `${a}|${b}`;
      const pair = pairs.get(id) ?? { items: new Map<string, Commitment>(), days: [] as Stretch[] };
      pair.items.set(`${o.practice}|${o.itemId}`, o).set(`${c.practice}|${c.itemId}`, c);
      pair.days.push({ from: maxDate(o.start, c.start), to: minDate(o.end, c.end) });
      pairs.set(id, pair);
    }
    open.push(c);
  }
  return [...pairs.entries()].map(([id, pair]) => {
    const items = [...pair.items.values()].sort(byStart).map((c) => problemItem(index, c));
    const practices = [...new Set(items.map((i) => i.practice))].sort();
    const where = practices.map((p) => odsOf(index, p)).join(' and ');
    const what = practices
      .map((p) => `${odsOf(index, p)} (${idsOf(items.filter((i) => i.practice === p))})`)
      .join(', ');
    const days = joinStretches(pair.days);
    return {
      id: `clash|${person.key}|${id}`,
      kind: 'clash',
      from: days[0]!.from,
      to: days.at(-1)!.to,
      days,
      practices,
      person,
      items,
      message: `${person.name} is needed at ${where} at once, ${listed(days.map((d) => span(d.from, d.to)))}: ${what}.`,
    };
  });
}

interface Stretch {
  from: CalendarDate;
  to: CalendarDate;
}

/** Days as stretches, in order; stretches that overlap or touch become one. */
export function joinStretches(stretches: readonly Stretch[]): Stretch[] {
  const joined: Stretch[] = [];
  for (const s of [...stretches].sort((a, b) => byText(a.from, b.from) || byText(a.to, b.to))) {
    const last = joined.at(-1);
    if (last && addDays(last.to, 1) >= s.from) last.to = maxDate(last.to, s.to);
    else joined.push({ ...s });
  }
  return joined;
}

function listed(parts: readonly string[]): string {
  return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

/** An absence in one plan counts in every other plan that needs the person then. */
function absenceClashes(
  index: ProgrammeIndex,
  person: ProblemPerson,
  list: readonly Commitment[],
  absences: readonly PersonAbsence[],
  focus: string | undefined,
): Problem[] {
  const found = new Map<string, { absence: PersonAbsence; items: Commitment[] }>();
  for (const absence of absences) {
    for (const c of list) {
      if (c.practice === absence.practice || c.start > absence.to || c.end < absence.from) continue;
      // Such a problem names only the practice that needs the person (c's).
      if (focus !== undefined && c.practice !== focus) continue;
      // The plan's own check already reports an absence that plan itself records.
      const own = index.views
        .get(c.practice)
        ?.absences.some((a) => a.key === absence.key && a.from <= c.end && a.to >= c.start);
      if (own) continue;
      const id = `absence|${person.key}|${c.practice}|${absence.practice}|${absence.from}`;
      const entry = found.get(id) ?? { absence, items: [] };
      entry.items.push(c);
      found.set(id, entry);
    }
  }
  return [...found.entries()].map(([id, { absence, items }]) => {
    const shown = items.map((c) => problemItem(index, c));
    const from = shown.reduce((d, i) => minDate(d, maxDate(i.start, absence.from)), absence.to);
    const to = shown.reduce((d, i) => maxDate(d, minDate(i.end, absence.to)), absence.from);
    const practice = shown[0]!.practice;
    return {
      id,
      kind: 'absence',
      from,
      to,
      practices: [practice],
      person,
      items: shown,
      absence: { from: absence.from, to: absence.to, declaredIn: absence.practice },
      message: `${person.name} is away ${span(absence.from, absence.to)} (in ${odsOf(index, absence.practice)}'s plan) but ${odsOf(index, practice)} needs them then (${idsOf(shown)}).`,
    };
  });
}

/** More FDPs than the limit within any 14 days: one problem per run of such days. */
function fortnightBreaches(
  index: ProgrammeIndex,
  person: ProblemPerson,
  list: readonly Commitment[],
  capacity: Capacity,
): Problem[] {
  const limit = capacity.fdpsPerPersonPerFortnight;
  const fdps = list.filter((c) => c.itemId === FDP_ID);
  const runs: Commitment[][] = [];
  for (let i = 0; i < fdps.length; i += 1) {
    const last = addDays(fdps[i]!.start, 13);
    const window = fdps.filter((c, j) => j >= i && c.start <= last);
    if (window.length <= limit) continue;
    const run = runs.at(-1);
    if (run && run.some((c) => window.includes(c))) run.push(...window.filter((c) => !run.includes(c)));
    else runs.push(window);
  }
  return runs.map((run) => {
    const practices = [...new Set(run.map((c) => c.practice))].sort();
    const from = run[0]!.start;
    const to = run.at(-1)!.start;
    return {
      id: `fdps-per-fortnight|${person.key}|${from}`,
      kind: 'fdps-per-fortnight',
      from,
      to,
      practices,
      person,
      items: run.map((c) => problemItem(index, c)),
      count: run.length,
      limit,
      message: `${person.name} has ${run.length} final data productions between ${formatLong(from)} and ${formatLong(to)} (${practices.map((p) => odsOf(index, p)).join(', ')}); the limit is ${limit} in any 14 days.`,
    };
  });
}

/** More of one item at once (training windows) than the limit: one problem per stretch. */
function atOnceBreaches(
  index: ProgrammeIndex,
  person: ProblemPerson,
  list: readonly Commitment[],
  itemId: string,
  limit: number,
): Problem[] {
  const stretches: { from: CalendarDate; to: CalendarDate; items: Set<Commitment> }[] = [];
  for (const c of list) {
    const open = list.filter((o) => o.start <= c.start && o.end >= c.start);
    if (open.length <= limit) continue;
    const to = open.reduce((d, o) => minDate(d, o.end), c.end);
    const last = stretches.at(-1);
    if (last && last.to >= c.start) {
      open.forEach((o) => last.items.add(o));
      last.to = maxDate(last.to, to);
    } else stretches.push({ from: c.start, to, items: new Set(open) });
  }
  return stretches.map((s) => {
    const items = [...s.items].sort(byStart).map((c) => problemItem(index, c));
    const practices = [...new Set(items.map((i) => i.practice))].sort();
    const title = items[0]?.title ?? itemId;
    return {
      id: `at-once|${itemId}|${person.key}|${s.from}`,
      kind: 'at-once',
      from: s.from,
      to: s.to,
      practices,
      person,
      items,
      count: practices.length,
      limit,
      message: `${person.name} has "${title}" at ${practices.length} practices at once, ${span(s.from, s.to)} (${practices.map((p) => odsOf(index, p)).join(', ')}); the limit is ${limit}.`,
    };
  });
}

function goLiveWeek(index: ProgrammeIndex, monday: CalendarDate, capacity: Capacity): Problem[] {
  const practices = [...(index.goLiveWeeks.get(monday) ?? [])].sort();
  const limit = capacity.goLivesPerWeek;
  if (practices.length <= limit) return [];
  return [
    {
      id: `go-lives-per-week|${monday}`,
      kind: 'go-lives-per-week',
      from: monday,
      to: addDays(monday, 6),
      practices,
      count: practices.length,
      limit,
      message: `${practices.length} go-lives in the week of ${formatLong(monday)} (${practices.map((p) => `${odsOf(index, p)} ${index.views.get(p)?.goLive ?? ''}`).join(', ')}); the limit is ${limit} a week.`,
    },
  ];
}

function fdpDay(index: ProgrammeIndex, bucket: string, capacity: Capacity): Problem[] {
  const practices = [...(index.fdpDays.get(bucket) ?? [])].sort();
  const day = bucket.slice(bucket.lastIndexOf('|') + 1) as CalendarDate;
  const supplier = index.views.get(practices[0] ?? '')?.supplier ?? bucket.slice(0, bucket.lastIndexOf('|'));
  const limit = supplierLimit(capacity, supplier);
  if (practices.length <= limit) return [];
  return [
    {
      id: `fdps-per-day|${bucket}`,
      kind: 'fdps-per-day',
      from: day,
      to: day,
      practices,
      supplier,
      count: practices.length,
      limit,
      message: `${practices.length} final data productions with ${supplier} on ${formatLong(day)} (${practices.map((p) => odsOf(index, p)).join(', ')}); the limit is ${limit} a day.`,
    },
  ];
}

function problemItem(index: ProgrammeIndex, c: Commitment): ProblemItem {
  return {
    practice: c.practice,
    ods: odsOf(index, c.practice),
    itemId: c.itemId,
    title: c.title,
    start: c.start,
    end: c.end,
    role: c.role,
  };
}

function odsOf(index: ProgrammeIndex, practice: string): string {
  return index.views.get(practice)?.ods ?? practice;
}

/** Item ids, each once: short enough for a line, exact enough to find in kickoff.yaml. */
function idsOf(items: readonly ProblemItem[]): string {
  return [...new Set(items.map((i) => i.itemId))].join(', ');
}

function span(from: CalendarDate, to: CalendarDate): string {
  return from === to ? formatLong(from) : `${formatLong(from)} to ${formatLong(to)}`;
}
