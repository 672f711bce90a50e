/**
 * The programme indexed by what problems are about: a person, a week of go-lives, a supplier's
 * day of FDPs. Each problem is found from one bucket, so the whole programme costs the size of its
 * plans, and moving one practice (--suggest) re-examines only the buckets it touches.
 */
import { addDays } from '../calendar.js';
import { mondayOf } from '../dates.js';
import type { CalendarDate } from '../types.js';
import type { Commitment, PersonAbsence, PracticeView } from './portfolio.js';

/** A bucket: `person:<key>`, `week:<monday>` or `fdp:<supplier>|<day>`. */
export type BucketKey = string;

export class ProgrammeIndex {
  readonly views = new Map<string, PracticeView>();
  readonly commitments = new Map<string, Commitment[]>();
  readonly absences = new Map<string, PersonAbsence[]>();
  readonly goLiveWeeks = new Map<string, Set<string>>();
  readonly fdpDays = new Map<string, Set<string>>();

  /**
   * Only what is still to come is indexed: a clash or a full week before `today` cannot be changed,
   * and would otherwise fail every run once migrations are under way.
   */
  constructor(
    views: Iterable<PracticeView> = [],
    readonly today?: CalendarDate,
  ) {
    for (const view of views) this.add(view);
  }

  add(view: PracticeView): void {
    const ahead = (date: CalendarDate) => this.today === undefined || date >= this.today;
    this.views.set(view.id, view);
    for (const c of view.commitments) if (ahead(c.end)) push(this.commitments, c.key, c);
    for (const a of view.absences) if (ahead(a.to)) push(this.absences, a.key, a);
    if (ahead(addDays(mondayOf(view.goLive), 6))) setAdd(this.goLiveWeeks, mondayOf(view.goLive), view.id);
    if (view.fdp && ahead(view.fdp)) setAdd(this.fdpDays, fdpBucket(view.supplier, view.fdp), view.id);
  }

  remove(view: PracticeView): void {
    this.views.delete(view.id);
    for (const c of view.commitments) drop(this.commitments, c.key, (x) => x.practice === view.id);
    for (const a of view.absences) drop(this.absences, a.key, (x) => x.practice === view.id);
    setDrop(this.goLiveWeeks, mondayOf(view.goLive), view.id);
    if (view.fdp) setDrop(this.fdpDays, fdpBucket(view.supplier, view.fdp), view.id);
  }

  /** Every bucket, in a stable order. */
  buckets(): BucketKey[] {
    const people = new Set([...this.commitments.keys(), ...this.absences.keys()]);
    return [
      ...[...people].sort().map((k) => `person:${k}`),
      ...[...this.goLiveWeeks.keys()].sort().map((k) => `week:${k}`),
      ...[...this.fdpDays.keys()].sort().map((k) => `fdp:${k}`),
    ];
  }
}

/** The buckets one practice takes part in. */
export function bucketsOf(view: PracticeView): Set<BucketKey> {
  const keys = new Set<BucketKey>();
  for (const c of view.commitments) keys.add(`person:${c.key}`);
  for (const a of view.absences) keys.add(`person:${a.key}`);
  keys.add(`week:${mondayOf(view.goLive)}`);
  if (view.fdp) keys.add(`fdp:${fdpBucket(view.supplier, view.fdp)}`);
  return keys;
}

export function fdpBucket(supplier: string, day: string): string {
  return `${supplier.trim().toLowerCase()}|${day}`;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function drop<T>(map: Map<string, T[]>, key: string, gone: (value: T) => boolean): void {
  const list = map.get(key);
  if (!list) return;
  const kept = list.filter((v) => !gone(v));
  if (kept.length === 0) map.delete(key);
  else map.set(key, kept);
}

function setAdd(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function setDrop(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}
