/**
 * sendInvitations: what `kickoff invite` does. Works out who needs which invitation (domain/invite),
 * makes each meeting an iTIP invitation of its own and everything else one digest per person (the
 * organiser's with their calendar file of every event attached),
 * delivers them (SMTP, .eml files, or not at all for a dry run), and records in the plan's
 * `invited:` section only what was delivered, so a re-run sends nothing new and a refused message
 * is tried again next time. The invitations carry the SEQUENCEs of `published:`, so the calendars
 * must be up to date with the plan first.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  byChannel,
  planInvitations,
  recordDelivered,
  type Invitation,
  type Invitee,
  type InvitedRecord,
} from '../domain/calendar-events/invite.js';
import { projectManager } from '../domain/calendar-events/event.js';
import type { PublishedEvent } from '../domain/calendar-events/publish.js';
import type { Template } from '../domain/template.js';
import type { CalendarDate, Person, Plan } from '../domain/types.js';
import { InputError, IoError } from '../errors.js';
import { dateFlag } from '../adapters/clock.js';
import { calendarSet, EVERYTHING, publishPlan } from '../adapters/calendar/calendar-set.js';
import { invitationItem, invitationMessage } from '../adapters/mail/invitation-mail.js';
import { renderDigest } from '../render/digest.js';
import type { MailMessage, MailSender, SmtpServer } from '../adapters/mail/mail.js';
import { editInvited } from '../adapters/plan-file/edit.js';
import { parsePlan } from '../adapters/plan-file/read.js';
import { kickoffVersion } from '../version.js';
import { changePlan, type AppliedChange } from './edit-plan.js';
import type { OpenPlan } from './open-plan.js';
import { resolve, resolvePlanFile, type FileStore, type Resolved, type UseCaseOptions } from './workspace.js';

export type Delivery =
  | { readonly kind: 'smtp'; readonly server: SmtpServer }
  | { readonly kind: 'eml'; readonly folder: string }
  | { readonly kind: 'dry-run' };

export interface InviteOptions extends UseCaseOptions {
  readonly delivery: Delivery;
  /** Send again what was published on or after this day (2027-03-15 or 15/03/2027). */
  readonly since?: string;
  /** Where the plan's calendar feeds are published: digests give it, to subscribe. */
  readonly feedUrl?: string;
}

/** One event in a message: the invitation's own, or one line of a digest. */
export interface SentLine {
  readonly invitation: Invitation;
  readonly title: string;
  readonly start: CalendarDate;
}

/** One e-mail: a meeting's iTIP invitation (one line), or a person's digest (one line per event). */
export interface SentInvitation {
  readonly to: Invitee;
  readonly kind: 'invitation' | 'digest';
  readonly lines: readonly SentLine[];
  /** The calendar file attached to the organiser's digest. */
  readonly attachment?: string;
  /** Delivered (accepted by the server, or written); false in a dry run. */
  readonly delivered: boolean;
  /** Why the server refused it. */
  readonly refused?: string;
  /** The .eml file written. */
  readonly file?: string;
}

export interface InviteResult {
  readonly planFile: string;
  readonly sent: readonly SentInvitation[];
  /** How many messages there were to send (more than `sent` when a connection failed part-way). */
  readonly planned: number;
  readonly noEmail: readonly Person[];
  readonly planChanged: boolean;
  /** A connection that failed part-way: what was delivered before it is recorded, then this is thrown. */
  readonly stoppedBy?: IoError;
}

/** A mail server's address (smtp:// or smtps://), checked: a mistyped URL is a usage error. */
export async function checkSmtpUrl(url: string): Promise<void> {
  (await import('../adapters/mail/mail.js')).parseSmtpUrl(url);
}

export async function sendInvitations(planFile: string, options: InviteOptions): Promise<InviteResult> {
  const context = await resolve(options);
  const file = await resolvePlanFile(planFile, context.files);
  // Inside the plan's lock: two runs at once must not send the same invitations twice.
  const changed = await changePlan(file, context, {
    command: 'invite',
    dryRun: options.delivery.kind === 'dry-run',
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
    apply: (opened) => invite(opened, context, options),
  });
  return { ...changed.result, planChanged: changed.planChanged };
}

async function invite(
  opened: OpenPlan,
  { files, clock }: Resolved,
  options: InviteOptions,
): Promise<AppliedChange<Omit<InviteResult, 'planChanged'>>> {
  const file = opened.stored.file;
  const published = upToDatePublished(opened.stored.published, opened.plan, clock.today, file);
  const since = dateFlag('--since', options.since);
  const { invitations, noEmail } = planInvitations({
    plan: opened.plan,
    published,
    invited: opened.stored.invited,
    today: clock.today,
    ...(since ? { since } : {}),
  });
  const messages = outgoing(opened.plan, invitations, published, clock.today, clock.timestamp, options);
  const { sent, stoppedBy } = await deliver(messages, options.delivery, clock.timestamp, files);
  const delivered = sent.filter((s) => s.delivered).flatMap((s) => s.lines.map((l) => l.invitation));
  let text = opened.stored.text;
  if (options.delivery.kind !== 'dry-run' && delivered.length > 0) {
    const record = recordDelivered(opened.stored.invited, delivered);
    text = editInvited(opened.stored.text, record);
    assertInvitedReadsBack(text, file, opened.template, record);
  }
  const planned = messages.length;
  return {
    text,
    checked: true,
    summary: `invitations: ${delivered.length} sent`,
    result: { planFile: file, sent, planned, noEmail, ...(stoppedBy ? { stoppedBy } : {}) },
  };
}

/**
 * The SEQUENCEs invitations carry are the calendars': a plan changed since they were written (an
 * edited title, a hand-moved date) would send one version and publish another.
 */
function upToDatePublished(
  published: readonly PublishedEvent[] | undefined,
  plan: Plan,
  today: CalendarDate,
  file: string,
): readonly PublishedEvent[] {
  const hint = `Run kickoff calendar --plan ${file} (it updates the calendars and what they published), then kickoff invite again.`;
  if (!published) throw new InputError(`${file} has no record of published calendars yet.`, hint);
  const behind = publishPlan(plan, published, today).revised;
  if (behind.length > 0) {
    const ids = behind.map((e) => e.id);
    const shown =
      ids.length > 3 ? `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more` : ids.join(', ');
    throw new InputError(
      `The plan has changed since the calendars were last written (${shown}); invitations must match the calendars.`,
      hint,
    );
  }
  return published;
}

interface Outgoing {
  readonly to: Invitee;
  readonly kind: 'invitation' | 'digest';
  readonly lines: readonly SentLine[];
  readonly attachment?: string;
  readonly fileName: string;
  /** Made only when it is sent or saved: a dry run lists, and renders nothing. */
  readonly mail: () => MailMessage;
}

/**
 * Person by person (in the order planInvitations gives): each meeting's invitation, then one
 * digest of everything else that is new, changed or cancelled for them.
 */
function outgoing(
  plan: Plan,
  invitations: readonly Invitation[],
  published: readonly PublishedEvent[],
  today: CalendarDate,
  timestamp: string,
  options: InviteOptions,
): Outgoing[] {
  const events = new Map(published.map((e) => [e.id, e]));
  const lineOf = (invitation: Invitation): SentLine => {
    const event = events.get(invitation.itemId)!;
    return { invitation, title: event.title, start: event.start };
  };
  const split = byChannel(invitations);
  const people = [...new Set(invitations.map((i) => i.to.email))];
  const organiser = projectManager(plan)?.email.trim().toLowerCase();
  const out: Outgoing[] = [];
  for (const email of people) {
    for (const invitation of split.invitations.filter((i) => i.to.email === email)) {
      const event = events.get(invitation.itemId)!;
      out.push({
        to: invitation.to,
        kind: 'invitation',
        lines: [lineOf(invitation)],
        fileName: emlName(invitation),
        mail: () => invitationMessage(plan, invitation, event, kickoffVersion()),
      });
    }
    const digest = split.digests.get(email);
    if (!digest || digest.length === 0) continue;
    const to = digest[0]!.to;
    const isOrganiser = email === organiser;
    const attachment = isOrganiser
      ? `${plan.answers.practice.ods.toLowerCase()}-${EVERYTHING}.ics`
      : undefined;
    const lines = digest.map(lineOf);
    out.push({
      to,
      kind: 'digest',
      lines,
      ...(attachment ? { attachment } : {}),
      fileName: digestName(to, today, digest),
      mail: () => digestMessage(plan, to, lines, events, { isOrganiser, attachment, timestamp, options }),
    });
  }
  return out;
}

function digestMessage(
  plan: Plan,
  to: Invitee,
  lines: readonly SentLine[],
  events: ReadonlyMap<string, PublishedEvent>,
  context: {
    isOrganiser: boolean;
    attachment: string | undefined;
    timestamp: string;
    options: InviteOptions;
  },
): MailMessage {
  const pm = projectManager(plan)!;
  const { practice, systems } = plan.answers;
  const digest = renderDigest({
    name: to.name,
    isOrganiser: context.isOrganiser,
    practice: { name: practice.name, ods: practice.ods },
    systems: { current: systems.current, new: systems.new },
    organiser: { name: pm.name, email: pm.email },
    lines: lines.map((l) => {
      const item = invitationItem(plan, events.get(l.invitation.itemId)!);
      const inPlan = plan.items.some((i) => i.id === item.id);
      return {
        kind: l.invitation.kind,
        title: item.title,
        start: item.start,
        end: item.end,
        ...(item.time !== undefined ? { time: item.time } : {}),
        ...(inPlan ? { type: item.type } : {}),
        ...(item.recurrence ? { until: item.recurrence.until } : {}),
      };
    }),
    ...(context.options.feedUrl !== undefined ? { feedUrl: context.options.feedUrl } : {}),
    ...(context.attachment !== undefined ? { calendarFile: context.attachment } : {}),
  });
  const attachments = context.attachment
    ? [
        {
          filename: context.attachment,
          contentType: 'text/calendar; charset=utf-8',
          content: everythingCalendar(plan, [...events.values()], context.timestamp),
        },
      ]
    : undefined;
  return {
    from: { name: pm.name, address: pm.email },
    to: { name: to.name, address: to.email },
    subject: digest.subject,
    text: digest.text,
    html: digest.html,
    ...(attachments ? { attachments } : {}),
  };
}

/** The calendar of every event, as `kickoff calendar` writes it: same UIDs and SEQUENCEs. */
function everythingCalendar(plan: Plan, published: readonly PublishedEvent[], timestamp: string): string {
  const today = timestamp.slice(0, 10) as CalendarDate;
  const files = calendarSet(plan, publishPlan(plan, published, today), {
    timestamp,
    productVersion: kickoffVersion(),
  });
  return files.find((f) => f.key === EVERYTHING)!.text;
}

async function deliver(
  messages: readonly Outgoing[],
  delivery: Delivery,
  timestamp: string,
  files: FileStore,
): Promise<{ sent: SentInvitation[]; stoppedBy?: IoError }> {
  const sent: SentInvitation[] = [];
  const base = (m: Outgoing) => ({
    to: m.to,
    kind: m.kind,
    lines: m.lines,
    ...(m.attachment !== undefined ? { attachment: m.attachment } : {}),
  });
  if (delivery.kind === 'dry-run') return { sent: messages.map((m) => ({ ...base(m), delivered: false })) };
  if (delivery.kind === 'eml') {
    const { composeMessage } = await import('../adapters/mail/mail.js');
    for (const m of messages) {
      const path = join(delivery.folder, m.fileName);
      const bytes = await composeMessage(m.mail(), { date: timestamp });
      await files.writeAtomic(path, bytes.toString('utf8'));
      sent.push({ ...base(m), delivered: true, file: path });
    }
    return { sent };
  }
  if (messages.length === 0) return { sent };
  const { openSmtp } = await import('../adapters/mail/mail.js');
  const sender: MailSender = openSmtp(delivery.server);
  try {
    for (const m of messages) {
      const result = await sender.send(m.mail());
      sent.push(
        result.ok
          ? { ...base(m), delivered: true }
          : { ...base(m), delivered: false, refused: result.reason },
      );
    }
  } catch (error) {
    if (!(error instanceof IoError)) throw error;
    return { sent, stoppedBy: error };
  } finally {
    sender.close();
  }
  return { sent };
}

/**
 * `sam.lee@nhs.net-kick-off-request-3.eml`: person, event, method, sequence. An address may hold
 * characters a file name should not (`/`, say), so anything unusual becomes `_`.
 */
function emlName(invitation: Invitation): string {
  return `${safeAddress(invitation.to.email)}-${invitation.itemId}-${invitation.method.toLowerCase()}-${invitation.sequence}.eml`;
}

/**
 * `digest-sam.lee@nhs.net-2026-11-25-1a2b3c4d.eml`: a digest starts with `digest-`, so a folder's
 * invitations are still `person-*`; the end is made from what it lists, so a second run on the same
 * day writes a second file instead of replacing the first.
 */
function digestName(to: Invitee, today: CalendarDate, lines: readonly Invitation[]): string {
  const content = lines.map((l) => `${l.itemId} ${l.kind} ${l.sequence}`).join('\n');
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 8);
  return `digest-${safeAddress(to.email)}-${today}-${hash}.eml`;
}

function safeAddress(email: string): string {
  return email.replace(/[^a-z0-9.@+_-]/gi, '_').replace(/^\.+/, '_');
}

/** The edited plan must read back with exactly the record meant; otherwise the person's file stays. */
function assertInvitedReadsBack(
  text: string,
  file: string,
  template: Template,
  expected: InvitedRecord,
): void {
  const flat = (record: InvitedRecord) =>
    JSON.stringify([...record].map(([email, held]) => [email, [...held].sort()]).sort());
  if (flat(parsePlan(text, file, template).invited) !== flat(expected))
    throw new Error(`the edited plan would not read back with the invitations sent; ${file} was not changed`);
}
