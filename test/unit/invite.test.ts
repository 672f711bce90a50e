/**
 * Who gets which invitation (domain/invite.ts) on real plans: the shipped template scheduled for
 * Test Surgery, published as `kickoff calendar` would, then changed as people change plans.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { publishPlan } from '../../src/adapters/calendar/calendar-set.js';
import { renderInvitation } from '../../src/adapters/calendar/ics.js';
import { invitationMessage } from '../../src/adapters/mail/invitation-mail.js';
import {
  byChannel,
  planInvitations,
  recordDelivered,
  type Invitation,
  type InvitedRecord,
} from '../../src/domain/calendar-events/invite.js';
import type { PublishedEvent } from '../../src/domain/calendar-events/publish.js';
import type { Person, Plan } from '../../src/domain/types.js';
import { expectIcsCheckPasses } from '../helpers/ics-check.js';
import { D, itemOf, loadDefaults, scheduleWith, type Defaults } from '../helpers/fixtures.js';

const TODAY = D('2026-11-25');
const PM: Person = { role: 'project-manager', name: 'Pat Jones', email: 'pat.jones@nhs.net' };
const TRAINER: Person = { role: 'trainer', name: 'Sam Lee', email: 'Sam.Lee@nhs.net' };
const GP: Person = { role: 'lead-gp', name: 'Dr Ada Wong', email: 'ada.wong@nhs.net' };

let defaults: Defaults;
beforeAll(async () => {
  defaults = await loadDefaults();
});

function planWith(team: readonly Person[], goLive = D('2027-06-14')): Plan {
  return scheduleWith(defaults, { team: [...team], goLive }, TODAY);
}

/** What `kickoff calendar` would record for this plan after `previous`. */
function published(plan: Plan, previous: readonly PublishedEvent[] = [], today = TODAY): PublishedEvent[] {
  return [...publishPlan(plan, previous, today).events];
}

function run(plan: Plan, events: readonly PublishedEvent[], invited: InvitedRecord, since?: string) {
  return planInvitations({
    plan,
    published: events,
    invited,
    today: TODAY,
    ...(since ? { since: D(since) } : {}),
  });
}

const summary = (invitations: readonly Invitation[]) =>
  invitations.map((i) => `${i.to.email} ${i.kind} ${i.itemId} ${i.sequence}`);

describe('planInvitations', () => {
  it("sends each person every event of their role, as REQUEST at the calendars' sequence", () => {
    const plan = planWith([PM, TRAINER]);
    const { invitations } = run(plan, published(plan), new Map());
    const trainer = invitations.filter((i) => i.to.email === 'sam.lee@nhs.net');
    const expected = plan.items.filter((i) => i.roles.includes('trainer')).map((i) => i.id);
    expect(trainer.map((i) => i.itemId).sort()).toEqual([...expected].sort());
    expect(trainer.every((i) => i.method === 'REQUEST' && i.kind === 'new' && i.sequence === 0)).toBe(true);
    expect(trainer[0]!.to).toEqual({ email: 'sam.lee@nhs.net', name: 'Sam Lee', roles: ['trainer'] });
  });

  it('sends an item to the people its owners: names, besides its roles, and to holders of a role it names', () => {
    const plan = planWith([PM, TRAINER, GP]);
    const named: Plan = {
      ...plan,
      items: plan.items.map((i) =>
        i.id === 'rooms-booked' ? { ...i, owners: ['sam.lee@NHS.net', 'lead-gp'] } : i,
      ),
    };
    const to = (p: Plan, email: string) =>
      run(p, published(p), new Map())
        .invitations.filter((i) => i.to.email === email)
        .map((i) => i.itemId);
    expect(to(plan, 'sam.lee@nhs.net')).not.toContain('rooms-booked');
    expect(to(named, 'sam.lee@nhs.net')).toContain('rooms-booked');
    expect(to(plan, 'ada.wong@nhs.net')).not.toContain('rooms-booked');
    expect(to(named, 'ada.wong@nhs.net')).toContain('rooms-booked');
  });

  it('sends nothing once everything delivered is recorded', () => {
    const plan = planWith([PM, TRAINER]);
    const events = published(plan);
    const first = run(plan, events, new Map()).invitations;
    const record = recordDelivered(new Map(), first);
    expect(run(plan, events, record).invitations).toEqual([]);
  });

  it('after go-live moves, sends updates with the higher sequence only for events that changed', () => {
    const before = planWith([PM, TRAINER]);
    const events = published(before);
    const record = recordDelivered(new Map(), run(before, events, new Map()).invitations);
    const after = planWith([PM, TRAINER], D('2027-06-21'));
    const next = published(after, events, D('2026-11-26'));
    const changed = new Set(
      next.filter((e) => events.find((p) => p.id === e.id)!.sequence !== e.sequence).map((e) => e.id),
    );
    const { invitations } = run(after, next, record);
    expect(invitations.length).toBeGreaterThan(0);
    expect(invitations.every((i) => i.kind === 'update' && changed.has(i.itemId))).toBe(true);
    expect(invitations.every((i) => i.sequence === next.find((e) => e.id === i.itemId)!.sequence)).toBe(true);
  });

  it('cancels an item that is not needed any more, for everyone who had it', () => {
    const plan = planWith([PM, TRAINER]);
    const events = published(plan);
    const record = recordDelivered(new Map(), run(plan, events, new Map()).invitations);
    const notNeeded: Plan = {
      ...plan,
      items: plan.items.map((i) => (i.id === 'training' ? { ...i, status: 'not-needed' as const } : i)),
    };
    const next = published(notNeeded, events);
    const { invitations } = run(notNeeded, next, record);
    const holders = [...record].filter(([, held]) => held.has('training')).map(([email]) => email);
    expect(
      invitations.filter((i) => i.itemId === 'training').map((i) => `${i.to.email} ${i.method} ${i.kind}`),
    ).toEqual(holders.map((email) => `${email} CANCEL cancel`));
    const after = recordDelivered(record, invitations);
    expect([...after.values()].some((held) => held.has('training'))).toBe(false);
    expect(run(notNeeded, next, after).invitations).toEqual([]);
  });

  it('cancels an item that left the plan, from what published: kept of it', () => {
    const plan = planWith([PM, TRAINER]);
    const events = published(plan);
    const record = recordDelivered(new Map(), run(plan, events, new Map()).invitations);
    const without: Plan = { ...plan, items: plan.items.filter((i) => i.id !== 'training') };
    const next = published(without, events);
    const cancels = run(without, next, record).invitations.filter((i) => i.method === 'CANCEL');
    expect(cancels.map((i) => i.itemId)).toContain('training');
    expect(cancels.find((i) => i.itemId === 'training')!.sequence).toBe(1);
  });

  it('a newcomer gets the events their role attends; the others get what changed for them', () => {
    const plan = planWith([PM, TRAINER]);
    const events = published(plan);
    const record = recordDelivered(new Map(), run(plan, events, new Map()).invitations);
    const bigger = planWith([PM, TRAINER, GP]);
    const next = published(bigger, events);
    const { invitations } = run(bigger, next, record);
    const gp = invitations.filter((i) => i.to.email === 'ada.wong@nhs.net');
    expect(gp.length).toBe(bigger.items.filter((i) => i.roles.includes('lead-gp')).length);
    expect(gp.every((i) => i.kind === 'new')).toBe(true);
    // Events that now name the GP changed for everyone on them; nothing else is sent.
    const others = invitations.filter((i) => i.to.email !== 'ada.wong@nhs.net');
    expect(
      others.every((i) => i.kind === 'update' && itemOf(bigger, i.itemId).roles.includes('lead-gp')),
    ).toBe(true);
  });

  it('someone who left the team gets a cancellation for each event they had; the event goes on', () => {
    const plan = planWith([PM, TRAINER]);
    const events = published(plan);
    const record = recordDelivered(new Map(), run(plan, events, new Map()).invitations);
    const smaller = planWith([PM]);
    const next = published(smaller, events);
    const { invitations } = run(smaller, next, record);
    const leaver = invitations.filter((i) => i.to.email === 'sam.lee@nhs.net');
    expect(leaver.map((i) => i.itemId).sort()).toEqual([...record.get('sam.lee@nhs.net')!.keys()].sort());
    expect(leaver.every((i) => i.method === 'CANCEL' && i.kind === 'uninvite' && i.to.name === '')).toBe(
      true,
    );
    expect(recordDelivered(record, invitations).has('sam.lee@nhs.net')).toBe(false);
  });

  it('reports a team member with no e-mail address and sends them nothing', () => {
    const nobody: Person = { role: 'trainer', name: 'No Mail', email: '' };
    const plan = planWith([PM, nobody]);
    const result = run(plan, published(plan), new Map());
    expect(result.noEmail).toEqual([nobody]);
    expect(result.invitations.every((i) => i.to.email === 'pat.jones@nhs.net')).toBe(true);
  });

  it('--since sends again, at the same sequence, what was published on or after that day', () => {
    const plan = planWith([PM, TRAINER]);
    const events = published(plan);
    const record = recordDelivered(new Map(), run(plan, events, new Map()).invitations);
    expect(run(plan, events, record, '2026-11-26').invitations).toEqual([]);
    const again = run(plan, events, record, '2026-11-25').invitations;
    expect(summary(again)).toEqual(
      summary(run(plan, events, new Map()).invitations).map((s) => s.replace(' new ', ' resend ')),
    );
  });

  it('does not send someone new an event that is already over', () => {
    const plan = planWith([PM, TRAINER]);
    const events = published(plan);
    expect(itemOf(plan, 'kick-off').start < '2027-05-03').toBe(true);
    const later = planInvitations({ plan, published: events, invited: new Map(), today: D('2027-05-03') });
    const ids = new Set(later.invitations.map((i) => i.itemId));
    expect(ids.has('kick-off')).toBe(false);
    expect(ids.has('go-live')).toBe(true);
  });
});

describe('channels: invitations for meetings, a digest for the rest', () => {
  it('invites an attendee only to meetings; their deadlines and milestones are digest lines', () => {
    const plan = planWith([PM, TRAINER]);
    const { invitations } = run(plan, published(plan), new Map());
    const types = new Map(plan.items.map((i) => [i.id, i.type]));
    const trainer = invitations.filter((i) => i.to.email === 'sam.lee@nhs.net');
    expect(trainer.some((i) => i.channel === 'invitation')).toBe(true);
    expect(trainer.some((i) => i.channel === 'digest')).toBe(true);
    for (const i of trainer)
      expect(i.channel, i.itemId).toBe(types.get(i.itemId) === 'meeting' ? 'invitation' : 'digest');
  });

  it('the organiser is invited to nothing: every live event of the plan is a line of their digest', () => {
    const plan = planWith([PM, TRAINER]);
    const { invitations } = run(plan, published(plan), new Map());
    const pm = invitations.filter((i) => i.to.email === 'pat.jones@nhs.net');
    expect(pm.every((i) => i.channel === 'digest')).toBe(true);
    const live = plan.items.filter((i) => i.status !== 'not-needed' && i.end >= TODAY).map((i) => i.id);
    expect(pm.map((i) => i.itemId).sort()).toEqual([...live].sort());
    const split = byChannel(invitations);
    expect(split.invitations.some((i) => i.to.email === 'pat.jones@nhs.net')).toBe(false);
    expect([...split.digests.keys()].sort()).toEqual(['pat.jones@nhs.net', 'sam.lee@nhs.net']);
  });

  it('after go-live moves, the digest lines are updates: one digest, whatever moved', () => {
    const before = planWith([PM, TRAINER]);
    const events = published(before);
    const record = recordDelivered(new Map(), run(before, events, new Map()).invitations);
    const after = planWith([PM, TRAINER], D('2027-06-21'));
    const next = published(after, events, D('2026-11-26'));
    const { digests } = byChannel(run(after, next, record).invitations);
    const sam = digests.get('sam.lee@nhs.net')!;
    expect(sam.length).toBeGreaterThan(0);
    expect(sam.every((i) => i.kind === 'update')).toBe(true);
  });
});

describe('renderInvitation', () => {
  it('is the calendar event with METHOD, the organiser and one attendee', () => {
    const plan = planWith([PM, TRAINER]);
    const text = renderInvitation(plan, itemOf(plan, 'training'), {
      method: 'REQUEST',
      attendee: { name: 'Sam Lee', email: 'sam.lee@nhs.net', rsvp: false },
      revision: { sequence: 3, since: D('2026-11-25') },
      cancelled: false,
      productVersion: '0.1.0',
    }).replace(/\r\n /g, '');
    expect(text).toContain('\r\nMETHOD:REQUEST\r\n');
    expect(text).toContain('\r\nSEQUENCE:3\r\n');
    expect(text).toContain('\r\nDTSTAMP:20261125T000000Z\r\n');
    expect(text).toContain('\r\nORGANIZER;CN="Pat Jones":mailto:pat.jones@nhs.net\r\n');
    expect(text).toContain(
      '\r\nATTENDEE;RSVP=FALSE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN="Sam Lee":mailto:sam.lee@nhs.net\r\n',
    );
    expect(text).toContain('\r\nSTATUS:CONFIRMED\r\n');
  });

  it("says in the e-mail the same place as the calendar part's LOCATION: an item's own, else the meetings'", () => {
    const base = scheduleWith(
      defaults,
      { team: [PM, TRAINER], meetingLocation: 'Room 2, Densham Surgery' },
      TODAY,
    );
    const plan: Plan = {
      ...base,
      items: base.items.map((i) =>
        i.id === 'training' ? { ...i, location: 'Training suite, Town Hall' } : i,
      ),
    };
    const events = published(plan);
    for (const [id, place] of [
      ['training', 'Training suite, Town Hall'],
      ['kick-off', 'Room 2, Densham Surgery'],
    ] as const) {
      const event = events.find((e) => e.id === id)!;
      const invitation: Invitation = {
        to: { email: 'sam.lee@nhs.net', name: 'Sam Lee', roles: ['trainer'] },
        kind: 'new',
        itemId: id,
        method: 'REQUEST',
        sequence: event.sequence,
        channel: 'invitation',
      };
      const mail = invitationMessage(plan, invitation, event, '0.1.0');
      expect(mail.text, id).toContain(`\nWhere: ${place}\n`);
      expect(mail.calendar.content.replace(/\r\n /g, ''), id).toContain(
        `\r\nLOCATION:${place.replace(/,/g, '\\,')}\r\n`,
      );
    }
  });

  it('uninviting one attendee from an event that goes on sends no STATUS (RFC 5546 §3.2.5)', () => {
    const plan = planWith([PM, TRAINER]);
    const options = {
      attendee: { name: 'Sam Lee', email: 'sam.lee@nhs.net', rsvp: false },
      revision: { sequence: 1, since: D('2026-11-25') },
      productVersion: '0.1.0',
    };
    const uninvite = renderInvitation(plan, itemOf(plan, 'training'), {
      ...options,
      method: 'CANCEL',
      cancelled: false,
    });
    expect(uninvite).toContain('METHOD:CANCEL');
    expect(uninvite).not.toContain('STATUS:');
    const cancel = renderInvitation(plan, itemOf(plan, 'training'), {
      ...options,
      method: 'CANCEL',
      cancelled: true,
    });
    expect(cancel).toContain('STATUS:CANCELLED');
  });

  it('writes REQUEST, CANCEL and uninvitations that pass the independent checker', () => {
    const plan = planWith([PM, TRAINER]);
    const dir = mkdtempSync(join(tmpdir(), 'kickoff-invitation-'));
    const base = {
      attendee: { name: 'Sam Lee', email: 'sam.lee@nhs.net', rsvp: true },
      revision: { sequence: 2, since: D('2026-11-25') },
      productVersion: '0.1.0',
    };
    const shapes = [
      { id: 'training-needs-meeting', method: 'REQUEST', cancelled: false },
      { id: 'weekly-migration-meeting', method: 'REQUEST', cancelled: false },
      { id: 'training', method: 'CANCEL', cancelled: true },
      { id: 'training', method: 'CANCEL', cancelled: false },
    ] as const;
    const files = shapes.map((shape, i) => {
      const file = join(dir, `${i}.ics`);
      writeFileSync(file, renderInvitation(plan, itemOf(plan, shape.id), { ...base, ...shape }));
      return file;
    });
    expectIcsCheckPasses(files);
  }, 120_000);
});
