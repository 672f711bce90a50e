/**
 * Calendar apps update an event in place when it keeps its UID and its SEQUENCE rises; they remove it
 * when it comes back with STATUS:CANCELLED. This works out, from what was published last time and the
 * plan now, each event's sequence and which events to publish as cancelled. Pure: the content
 * fingerprint is computed by the caller (the calendar writer knows what an event contains).
 */
import type { CalendarDate, Plan, PlanItem } from '../types.js';
import { byText } from '../order.js';

/** What the calendars last said about one event: enough to see a change, and to cancel it later. */
export interface PublishedEvent {
  readonly id: string;
  readonly sequence: number;
  /** The day this revision was first published; the event's DTSTAMP. */
  readonly since: CalendarDate;
  /** A digest of everything the event shows; a different digest means a new revision. */
  readonly fingerprint: string;
  readonly title: string;
  readonly start: CalendarDate;
  readonly end: CalendarDate;
  readonly time?: string;
  readonly roles: readonly string[];
  /** Cancelled everywhere: the item left the plan, or is not needed. */
  readonly cancelled?: boolean;
  /** Role calendars the event has left (its roles changed); it shows there as cancelled. */
  readonly cancelledFor?: readonly string[];
}

export interface Revision {
  readonly sequence: number;
  readonly since: CalendarDate;
}

export interface Cancellation {
  readonly item: PlanItem;
  /** Role calendars that show it cancelled. */
  readonly roles: readonly string[];
  /** Also in the calendar of everything (false when the event is still live there). */
  readonly everywhere: boolean;
}

export interface Publication {
  /** Sorted by id: kept in the plan for next time. */
  readonly events: readonly PublishedEvent[];
  readonly revisions: ReadonlyMap<string, Revision>;
  /** Items that are live in the calendars (not "not-needed"), in plan order. */
  readonly live: readonly PlanItem[];
  readonly cancelled: readonly Cancellation[];
  /** Events new or with a new revision since `previous`, by id. */
  readonly revised: readonly PublishedEvent[];
}

/** Digest of an event's content; `cancelled` is how it would be published. */
export type Fingerprint = (item: PlanItem, cancelled: boolean) => string;

export function publish(
  previous: readonly PublishedEvent[],
  plan: Plan,
  today: CalendarDate,
  fingerprint: Fingerprint,
): Publication {
  const before = new Map(previous.map((e) => [e.id, e]));
  const events: PublishedEvent[] = plan.items.map((item) =>
    revise(before.get(item.id), item, today, fingerprint),
  );
  const inPlan = new Set(plan.items.map((i) => i.id));
  for (const gone of previous.filter((e) => !inPlan.has(e.id)))
    events.push(cancelGone(gone, today, fingerprint));
  events.sort((a, b) => byText(a.id, b.id));
  const byId = new Map(plan.items.map((i) => [i.id, i]));
  const cancelled: Cancellation[] = events.flatMap((event): Cancellation[] => {
    const item = byId.get(event.id) ?? tombstoneItem(event);
    if (event.cancelled) return [{ item, roles: event.roles, everywhere: true }];
    if (event.cancelledFor) return [{ item, roles: event.cancelledFor, everywhere: false }];
    return [];
  });
  return {
    events,
    revisions: new Map(events.map((e) => [e.id, { sequence: e.sequence, since: e.since }])),
    live: plan.items.filter((i) => i.status !== 'not-needed'),
    cancelled,
    revised: events.filter((e) => before.get(e.id)?.sequence !== e.sequence),
  };
}

function revise(
  was: PublishedEvent | undefined,
  item: PlanItem,
  today: CalendarDate,
  fingerprint: Fingerprint,
): PublishedEvent {
  const cancelled = item.status === 'not-needed';
  const digest = fingerprint(item, cancelled);
  const changed = !was || was.fingerprint !== digest;
  const left = was
    ? [...new Set([...(was.cancelledFor ?? []), ...was.roles])].filter((r) => !item.roles.includes(r)).sort()
    : [];
  return {
    id: item.id,
    sequence: !was ? 0 : changed ? was.sequence + 1 : was.sequence,
    since: changed ? today : was.since,
    fingerprint: digest,
    title: item.title,
    start: item.start,
    end: item.end,
    ...(item.time ? { time: item.time } : {}),
    roles: [...item.roles],
    ...(cancelled ? { cancelled: true } : left.length > 0 ? { cancelledFor: left } : {}),
  };
}

/**
 * An item that left the plan: published cancelled from what was kept of it. Already cancelled with
 * the same content (an earlier run cancelled it), it stays exactly as it was.
 */
function cancelGone(gone: PublishedEvent, today: CalendarDate, fingerprint: Fingerprint): PublishedEvent {
  const digest = fingerprint(tombstoneItem(gone), true);
  if (gone.cancelled && gone.fingerprint === digest) return gone;
  const { cancelledFor: _dropped, ...rest } = gone;
  return { ...rest, sequence: gone.sequence + 1, since: today, fingerprint: digest, cancelled: true };
}

/** An item left the plan: what is left of it to publish as cancelled. */
export function tombstoneItem(event: PublishedEvent): PlanItem {
  return {
    id: event.id,
    title: event.title,
    phase: '',
    type: 'task',
    start: event.start,
    end: event.end,
    ...(event.time ? { time: event.time } : {}),
    roles: event.roles,
    origin: 'computed',
    source: '',
  };
}

/**
 * The same record, event for event in the same order and field for field: then the plan's
 * `published:` section would be written the same. Strict: an absent field and `false` or `[]`
 * count as different, so "same" is never said of two records that could be written differently.
 */
export function samePublished(a: readonly PublishedEvent[], b: readonly PublishedEvent[]): boolean {
  return a.length === b.length && a.every((event, i) => sameEvent(event, b[i]!));
}

function sameEvent(a: PublishedEvent, b: PublishedEvent): boolean {
  return (
    a.id === b.id &&
    a.sequence === b.sequence &&
    a.since === b.since &&
    a.fingerprint === b.fingerprint &&
    a.title === b.title &&
    a.start === b.start &&
    a.end === b.end &&
    a.time === b.time &&
    a.cancelled === b.cancelled &&
    sameList(a.roles, b.roles) &&
    (a.cancelledFor === undefined || b.cancelledFor === undefined
      ? a.cancelledFor === b.cancelledFor
      : sameList(a.cancelledFor, b.cancelledFor))
  );
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
