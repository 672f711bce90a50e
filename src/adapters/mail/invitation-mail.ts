/**
 * One invitation (a domain decision: who, which event, REQUEST or CANCEL, which SEQUENCE) as an
 * e-mail a person reads: a subject that says what happened, a plain-text body, and the iTIP
 * calendar object from the calendar writer.
 *
 * One message per person per event, not one per person with every event: a REQUEST's events must
 * share one UID (RFC 5546 §3.2.2), and what Outlook and Google really update in place is an
 * emailed REQUEST/CANCEL from the organiser with the same UID and a higher SEQUENCE, matched per
 * event (UID + SEQUENCE; ../shared/domain/calendars.md, "What Outlook and Google actually do").
 * That note also says such invitations only work when they come from the ORGANIZER's mailbox, so
 * every message is From the project manager, the calendars' organiser.
 */
import type { Invitation, InvitationKind } from '../../domain/calendar-events/invite.js';
import { tombstoneItem, type PublishedEvent } from '../../domain/calendar-events/publish.js';
import { locationOf } from '../../domain/location.js';
import type { Person, Plan, PlanItem } from '../../domain/types.js';
import { eventDescription } from '../../domain/calendar-events/event.js';
import { organizerOf, renderInvitation } from '../calendar/ics.js';
import type { MailMessage } from './mail.js';

const SUBJECT: Record<InvitationKind, string> = {
  new: 'Invitation',
  update: 'Updated invitation',
  resend: 'Invitation (sent again)',
  cancel: 'Cancelled',
  uninvite: 'No longer needed',
};

/** The event as it stands: the plan's item, or what `published:` kept of one that left the plan. */
export function invitationItem(plan: Plan, event: PublishedEvent): PlanItem {
  return plan.items.find((i) => i.id === event.id) ?? tombstoneItem(event);
}

export function invitationMessage(
  plan: Plan,
  invitation: Invitation,
  event: PublishedEvent,
  productVersion: string,
): MailMessage & Required<Pick<MailMessage, 'calendar'>> {
  const item = invitationItem(plan, event);
  const cancelled = event.cancelled === true;
  const calendar = renderInvitation(plan, item, {
    method: invitation.method,
    // RSVP only for meetings: the project manager wants to know who can come. A deadline or a
    // milestone is not something to decline, and kickoff reads no replies.
    attendee: { name: invitation.to.name, email: invitation.to.email, rsvp: item.type === 'meeting' },
    revision: { sequence: event.sequence, since: event.since },
    cancelled,
    productVersion,
  });
  const organiser = organizerOf(plan);
  const practice = plan.answers.practice;
  return {
    from: { name: organiser.name, address: organiser.email },
    to: { name: invitation.to.name, address: invitation.to.email },
    subject: `${SUBJECT[invitation.kind]}: ${oneLine(item.title)} (${practice.name}, ${practice.ods})`,
    text: body(plan, invitation, item, cancelled, organiser),
    calendar: { method: invitation.method, content: calendar },
  };
}

function body(plan: Plan, invitation: Invitation, item: PlanItem, cancelled: boolean, pm: Person): string {
  const { practice, systems } = plan.answers;
  const move = `the move of ${practice.name} (${practice.ods}) from ${systems.current} to ${systems.new}`;
  const lead: Record<InvitationKind, string> = {
    new: `${pm.name}, the migration project manager, is sending you this for ${move}. Your calendar shows it as an invitation: accept it to keep it in your calendar.`,
    update: `This has changed since you were last sent it (${move}). Your calendar updates the entry you already have: there is nothing to delete.`,
    resend: `This is sent again, unchanged, in case it did not reach your calendar the first time (${move}).`,
    cancel: `This is cancelled: it is no longer part of ${move}. Your calendar removes it, or offers to.`,
    uninvite: `You are no longer needed for this (the people it is for have changed); it goes ahead without you. Your calendar removes it, or offers to.`,
  };
  // The same place as the LOCATION of the calendar part (the one rule, domain/location.ts).
  const where = locationOf(plan, item);
  const location = where && !cancelled ? [`Where: ${oneLine(where)}`] : [];
  return [
    invitation.to.name ? `Dear ${invitation.to.name},` : 'Hello,',
    '',
    lead[invitation.kind],
    '',
    oneLine(item.title),
    ...location,
    '',
    eventDescription(plan, item, cancelled),
    '',
  ].join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
