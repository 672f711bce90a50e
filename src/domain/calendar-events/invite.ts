/**
 * Who gets which calendar invitation (iTIP, RFC 5546) after a plan changes. Invitations carry the
 * same UID and SEQUENCE as the published calendars, so this works from the plan's `published:`
 * record and from what each person was last sent (`invited:`): a person gets an event they do not
 * have, an update when its SEQUENCE has risen, and a cancellation for an event they have but
 * should no longer (the item left the plan, is not needed, or is no longer their role's, or they
 * left the team). Each is marked for its channel: meetings are iTIP invitations of their own, the rest
 * (and all the organiser's) are lines of a digest. Pure: sending, and remembering what was accepted,
 * are the caller's.
 */
import { ownerPeople } from '../people.js';
import { projectManager } from './event.js';
import type { PublishedEvent } from './publish.js';
import type { CalendarDate, Person, Plan, PlanItem } from '../types.js';

/** What each person holds: e-mail address (lower case) → item id → the SEQUENCE they were sent. */
export type InvitedRecord = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** One person of the team, their roles gathered (a person may be listed once per role). */
export interface Invitee {
  /** Lower case: the key of the record, compared without regard to case as mail systems do. */
  readonly email: string;
  /** As written in the team; empty for someone who has left it (only their address is known). */
  readonly name: string;
  readonly roles: readonly string[];
}

/**
 * new: an event the person does not have yet; update: a higher SEQUENCE; resend: the same SEQUENCE
 * again (--since); cancel: the event itself is cancelled; uninvite: the event goes on without them.
 */
export type InvitationKind = 'new' | 'update' | 'resend' | 'cancel' | 'uninvite';

/**
 * invitation: an iTIP message of its own (a meeting, to someone who attends it); digest: a line in
 * the person's one e-mail of this run (deadlines, reminders, milestones, and everything the
 * organiser is told: they organise the meetings, so an invitation to them would be to themselves).
 */
export type Channel = 'invitation' | 'digest';

export interface Invitation {
  readonly to: Invitee;
  readonly itemId: string;
  readonly kind: InvitationKind;
  readonly method: 'REQUEST' | 'CANCEL';
  readonly sequence: number;
  readonly channel: Channel;
}

export interface InvitePlan {
  /** By person (team order, then people who left), then by date. */
  readonly invitations: readonly Invitation[];
  /** Team members with no e-mail address: nothing can be sent to them. */
  readonly noEmail: readonly Person[];
}

export interface InviteInput {
  readonly plan: Plan;
  /** The plan's `published:` record, up to date with the plan (the caller checks). */
  readonly published: readonly PublishedEvent[];
  readonly invited: InvitedRecord;
  readonly today: CalendarDate;
  /** Also send again what was published on or after this day, even to people who have it. */
  readonly since?: CalendarDate;
}

export function planInvitations(input: InviteInput): InvitePlan {
  const { plan, invited } = input;
  const events = new Map(input.published.map((e) => [e.id, e]));
  const items = new Map(plan.items.map((i) => [i.id, i]));
  const { invitees, noEmail } = teamInvitees(plan.answers.team);
  const organiser = projectManager(plan)?.email.trim().toLowerCase();
  const invitations: Invitation[] = [];
  for (const invitee of invitees) {
    const isOrganiser = invitee.email === organiser;
    const found = forInvitee(invitee, invited.get(invitee.email), events, items, input, isOrganiser);
    invitations.push(...found.map((i) => ({ ...i, channel: channelOf(i, items, isOrganiser) })));
  }
  const current = new Set(invitees.map((p) => p.email));
  for (const [email, held] of invited) {
    if (current.has(email)) continue;
    const leaver: Invitee = { email, name: '', roles: [] };
    invitations.push(
      ...cancellations(leaver, held, new Set(), events).map((i) => ({
        ...i,
        channel: channelOf(i, items, false),
      })),
    );
  }
  return { invitations: sortByDate(invitations, events), noEmail };
}

/**
 * Only meetings are invitations: something to accept, with a time, a place and people to meet. A
 * deadline or a milestone in the diary as an invitation is one more e-mail to answer, and 151 of
 * them for one practice is a reason to filter kickoff out. An event that has left the plan has no
 * type any more; its cancellation goes in the digest, which says to delete it if it was imported.
 */
function channelOf(
  invitation: Omit<Invitation, 'channel'>,
  items: ReadonlyMap<string, PlanItem>,
  isOrganiser: boolean,
): Channel {
  if (isOrganiser) return 'digest';
  return items.get(invitation.itemId)?.type === 'meeting' ? 'invitation' : 'digest';
}

/** The invitations that are iTIP messages of their own, and each person's digest lines, in order. */
export function byChannel(invitations: readonly Invitation[]): {
  readonly invitations: readonly Invitation[];
  readonly digests: ReadonlyMap<string, readonly Invitation[]>;
} {
  const digests = new Map<string, Invitation[]>();
  for (const i of invitations.filter((i) => i.channel === 'digest')) {
    const lines = digests.get(i.to.email) ?? [];
    lines.push(i);
    digests.set(i.to.email, lines);
  }
  return { invitations: invitations.filter((i) => i.channel === 'invitation'), digests };
}

/** The record once `delivered` (the invitations the mail server accepted) have gone out. */
export function recordDelivered(invited: InvitedRecord, delivered: readonly Invitation[]): InvitedRecord {
  const next = new Map([...invited].map(([email, held]) => [email, new Map(held)]));
  for (const invitation of delivered) {
    const held = next.get(invitation.to.email) ?? new Map<string, number>();
    if (invitation.method === 'REQUEST') held.set(invitation.itemId, invitation.sequence);
    else held.delete(invitation.itemId);
    if (held.size > 0) next.set(invitation.to.email, held);
    else next.delete(invitation.to.email);
  }
  return next;
}

/** One invitee per address; a person without one is reported, not guessed at. */
function teamInvitees(team: readonly Person[]): { invitees: Invitee[]; noEmail: Person[] } {
  const byEmail = new Map<string, { email: string; name: string; roles: string[] }>();
  const noEmail: Person[] = [];
  for (const person of team) {
    const email = person.email.trim().toLowerCase();
    if (!email) {
      noEmail.push(person);
      continue;
    }
    const known = byEmail.get(email);
    if (!known) byEmail.set(email, { email, name: person.name, roles: [person.role] });
    else if (!known.roles.includes(person.role)) known.roles.push(person.role);
  }
  return { invitees: [...byEmail.values()], noEmail };
}

function forInvitee(
  invitee: Invitee,
  held: ReadonlyMap<string, number> = new Map(),
  events: ReadonlyMap<string, PublishedEvent>,
  items: ReadonlyMap<string, PlanItem>,
  input: InviteInput,
  isOrganiser: boolean,
): Omit<Invitation, 'channel'>[] {
  const out: Omit<Invitation, 'channel'>[] = [];
  const wanted = new Set<string>();
  for (const item of items.values()) {
    const event = events.get(item.id);
    // The organiser hears of every event: they organise them all, and replies come to them.
    const theirs = isOrganiser ? item.status !== 'not-needed' : attends(invitee, item, input.plan);
    if (!event || event.cancelled || !theirs) continue;
    wanted.add(item.id);
    const had = held.get(item.id);
    // Something already over is no news to someone who never had it.
    if (had === undefined && lastDay(item) < input.today) continue;
    const kind: InvitationKind | undefined =
      had === undefined
        ? 'new'
        : had < event.sequence
          ? 'update'
          : input.since && event.since >= input.since
            ? 'resend'
            : undefined;
    if (kind) out.push({ to: invitee, itemId: item.id, kind, method: 'REQUEST', sequence: event.sequence });
  }
  out.push(...cancellations(invitee, held, wanted, events));
  if (input.since) out.push(...repeatedCancellations(invitee, held, events, input.since));
  return out;
}

/** Everything the person holds that they should not: cancelled, or no longer theirs. */
function cancellations(
  invitee: Invitee,
  held: ReadonlyMap<string, number>,
  wanted: ReadonlySet<string>,
  events: ReadonlyMap<string, PublishedEvent>,
): Omit<Invitation, 'channel'>[] {
  const out: Omit<Invitation, 'channel'>[] = [];
  for (const itemId of held.keys()) {
    if (wanted.has(itemId)) continue;
    // `published:` keeps every event it ever had, cancelled ones too: a missing one was edited out
    // by hand, and there is nothing left to say what it was.
    const event = events.get(itemId);
    if (!event) continue;
    const kind = event.cancelled ? 'cancel' : 'uninvite';
    out.push({ to: invitee, itemId, kind, method: 'CANCEL', sequence: event.sequence });
  }
  return out;
}

/**
 * --since: the cancellations published since that day, again, to the people whose roles the event
 * had (once cancelled, an event is no longer in anyone's record, so the roles are the best guess).
 */
function repeatedCancellations(
  invitee: Invitee,
  held: ReadonlyMap<string, number>,
  events: ReadonlyMap<string, PublishedEvent>,
  since: CalendarDate,
): Omit<Invitation, 'channel'>[] {
  return [...events.values()]
    .filter((e) => e.cancelled && e.since >= since && !held.has(e.id))
    .filter((e) => e.roles.some((role) => invitee.roles.includes(role)))
    .map((e) => ({
      to: invitee,
      itemId: e.id,
      kind: 'cancel' as const,
      method: 'CANCEL' as const,
      sequence: e.sequence,
    }));
}

/** The item's owners include them: by one of its roles, or named in its `owners:`. */
function attends(invitee: Invitee, item: PlanItem, plan: Plan): boolean {
  if (item.status === 'not-needed') return false;
  if (item.roles.some((role) => invitee.roles.includes(role))) return true;
  return ownerPeople(plan, item).some((p) => p.email.trim().toLowerCase() === invitee.email);
}

function lastDay(item: PlanItem): CalendarDate {
  return item.recurrence?.until ?? item.end;
}

/** People in the order found; each person's messages by date, then id. */
function sortByDate(
  invitations: readonly Invitation[],
  events: ReadonlyMap<string, PublishedEvent>,
): Invitation[] {
  const people = [...new Set(invitations.map((i) => i.to.email))];
  const key = (i: Invitation) =>
    `${events.get(i.itemId)?.start ?? ''} ${events.get(i.itemId)?.time ?? ''} ${i.itemId}`;
  return people.flatMap((email) =>
    invitations
      .filter((i) => i.to.email === email)
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)),
  );
}
