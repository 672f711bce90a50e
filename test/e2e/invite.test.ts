/**
 * kickoff invite, the built binary, against a real SMTP server on loopback (the smtp-server
 * package, started here, with STARTTLS on a certificate made for the test and a password to
 * check). Every message it receives is parsed as iMIP (RFC 6047) by mailparser, its calendar part
 * checked against the plan's calendars (same UID and SEQUENCE) and, for a sample, by ics-check.
 * Then go-live moves and a third party is taken out: only changed events are sent again, the
 * removed ones cancelled; a re-run sends nothing. A server that refuses one recipient: that person
 * is reported, the others delivered, exit 1, and only what was delivered is recorded.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { simpleParser } from 'mailparser';
import { spawn as spawnPty } from 'node-pty';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, commandLine, copyOf, kickoff, REPO_ROOT, tempDir } from '../helpers/cli.js';
import { kickoffAsync } from '../helpers/cli-async.js';
import { expectIcsCheckPasses } from '../helpers/ics-check.js';

const USER = 'kickoff-sender';
const PASSWORD = 'correct horse battery staple';
const PM = 'priya.shah@nhs.net';
const LOCATION = 'Meeting room 2, or Teams (link in the invitation)';
const SLOW = 120_000;

interface Received {
  readonly rcpt: readonly string[];
  readonly mailFrom: string;
  readonly secure: boolean;
  readonly user: string | undefined;
  readonly raw: Buffer;
}

/** What the test's SMTP server does: keep every message, refuse the addresses in `refuse`. */
const received: Received[] = [];
const refuse = new Set<string>();
let server: SMTPServer;
let port: number;
let certFile: string;
let pristine: string;

beforeAll(async () => {
  assertBuilt();
  const keys = tempDir('kickoff-invite-tls-');
  certFile = join(keys, 'cert.pem');
  const keyFile = join(keys, 'key.pem');
  const made = spawnSync('openssl', [
    ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1'],
    ...['-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile],
  ]);
  if (made.status !== 0) throw new Error(`openssl could not make a test certificate: ${String(made.stderr)}`);
  server = new SMTPServer({
    key: readFileSync(keyFile),
    cert: readFileSync(certFile),
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('Invalid user name or password'));
    },
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address)) {
        const error = Object.assign(new Error('5.1.1 No such mailbox here'), { responseCode: 550 });
        callback(error);
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          rcpt: session.envelope.rcptTo.map((r) => r.address),
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          secure: session.secure,
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;

  pristine = tempDir('kickoff-invite-pristine-');
  const answers = readFileSync(join(REPO_ROOT, 'examples/densham-surgery.yaml'), 'utf8');
  // A fixed kick-off, so moving go-live leaves some events where they are.
  writeFileSync(
    join(pristine, 'answers.yaml'),
    `${answers}kickoff: 2027-01-11\nmeetingLocation: "${LOCATION}"\n`,
  );
  const init = kickoff(['init', '--answers', 'answers.yaml', '--yes', '--today', '2026-11-25'], {
    cwd: pristine,
  });
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
}, SLOW);

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(resolve) : resolve()));
});

function copy(): string {
  return copyOf(pristine, 'kickoff-invite-');
}

/** kickoff invite --smtp to the test server; returns the run and the messages it received. */
async function invite(dir: string, today: string, extra: readonly string[] = []) {
  const before = received.length;
  const run = await kickoffAsync(
    ['invite', '--smtp', `smtp://127.0.0.1:${port}`, '--today', today, ...extra],
    {
      cwd: dir,
      env: { KICKOFF_SMTP_USER: USER, KICKOFF_SMTP_PASSWORD: PASSWORD, NODE_EXTRA_CA_CERTS: certFile },
    },
  );
  return { run, messages: received.slice(before) };
}

interface Invitation {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly method: string;
  /** The text/calendar part, unfolded. */
  readonly ics: string;
  readonly raw: string;
  readonly uid: string;
  readonly sequence: number;
}

/** A message parsed as iMIP: the text/calendar part's method= must match the calendar's METHOD. */
async function parseInvitation(raw: Buffer | string): Promise<Invitation> {
  const mail = await simpleParser(raw);
  const part = mail.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) throw new Error('no text/calendar part');
  const type = part.headers.get('content-type') as { params: Record<string, string> };
  const ics = part.content.toString('utf8');
  const unfolded = ics.replace(/\r\n[ \t]/g, '');
  expect(type.params.charset).toBe('utf-8');
  expect(prop(unfolded, 'METHOD')).toBe(type.params.method);
  // The same calendar as an invite.ics attachment, as Outlook and Google send it.
  expect(mail.attachments.find((a) => a.filename === 'invite.ics')?.content.toString('utf8')).toBe(ics);
  const to = mail.to && !Array.isArray(mail.to) ? mail.to.value[0]!.address! : '';
  return {
    to,
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    method: type.params.method!,
    ics: unfolded,
    raw: ics,
    uid: prop(unfolded, 'UID')!,
    sequence: Number(prop(unfolded, 'SEQUENCE')),
  };
}

interface Digest {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Attachments by file name. */
  readonly attachments: ReadonlyMap<string, { contentType: string; content: string }>;
}

/** A digest: text and HTML, no iTIP part; the organiser's with their calendar file attached. */
async function parseDigest(raw: Buffer | string): Promise<Digest> {
  const mail = await simpleParser(raw);
  const to = mail.to && !Array.isArray(mail.to) ? mail.to.value[0]!.address! : '';
  const attachments = new Map(
    mail.attachments.map((a) => [
      a.filename ?? '',
      { contentType: a.contentType, content: a.content.toString('utf8') },
    ]),
  );
  return {
    to,
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : '',
    attachments,
  };
}

/** Messages with a text/calendar part whose method= is set are invitations; the rest are digests. */
async function sortMessages(raws: readonly (Buffer | string)[]) {
  const invitations: Invitation[] = [];
  const digests: Digest[] = [];
  for (const raw of raws) {
    const text = raw.toString();
    if (/Content-Type: text\/calendar;[^\r\n]*method=/i.test(text))
      invitations.push(await parseInvitation(raw));
    else digests.push(await parseDigest(raw));
  }
  return { invitations, digests };
}

/** The first value of a property (parameters skipped), in unfolded text. */
function prop(ics: string, name: string): string | undefined {
  return new RegExp(`\\r\\n${name}(?:;[^:\\r\\n]*)?:([^\\r\\n]*)`).exec(ics)?.[1];
}

/** UID → SEQUENCE in the plan's calendar of everything (tombstones included). */
function calendarSequences(dir: string): Map<string, number> {
  const file = readdirSync(join(dir, 'calendars')).find((f) => f.endsWith('-everything.ics'))!;
  const ics = readFileSync(join(dir, 'calendars', file), 'utf8').replace(/\r\n[ \t]/g, '');
  const found = new Map<string, number>();
  for (const block of ics.split('BEGIN:VEVENT').slice(1))
    found.set(/UID:(\S+)/.exec(block)![1]!, Number(/SEQUENCE:(\d+)/.exec(block)![1]));
  return found;
}

/** UIDs of the role calendar's live events (`meetings`: only the plan's items of type meeting). */
function roleUids(dir: string, role: string, meetings = false): Set<string> {
  const file = readdirSync(join(dir, 'calendars')).find((f) => f.endsWith(`-${role}.ics`))!;
  const uids = liveUids(readFileSync(join(dir, 'calendars', file), 'utf8'));
  if (!meetings) return uids;
  const plan = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
  const ids = new Set([...plan.matchAll(/- id: (\S+)\n\s+title: .*\n\s+type: meeting\n/g)].map((m) => m[1]!));
  return new Set([...uids].filter((uid) => ids.has(/^[a-z0-9]+-([^@]+)@/.exec(uid)![1]!)));
}

function liveUids(text: string): Set<string> {
  const ics = text.replace(/\r\n[ \t]/g, '');
  const blocks = ics.split('BEGIN:VEVENT').slice(1);
  return new Set(blocks.filter((b) => !b.includes('STATUS:CANCELLED')).map((b) => /UID:(\S+)/.exec(b)![1]!));
}

/** The `invited:` record of the plan: person → item ids. */
function invitedIds(dir: string, email: string): Set<string> {
  const plan = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
  const line = new RegExp(`\\n {2}${email.replace(/\./g, '\\.')}: \\{([^}]*)\\}`).exec(plan)?.[1] ?? '';
  return new Set(
    line
      .split(',')
      .map((pair) => pair.split(':')[0]!.trim())
      .filter(Boolean),
  );
}

/** Writes calendar parts to files and runs ics-check on them. */
function checkCalendars(invitations: readonly Invitation[]): void {
  const dir = tempDir('kickoff-invite-ics-');
  const files = invitations.map((inv, i) => {
    const file = join(dir, `${i}.ics`);
    writeFileSync(file, inv.raw);
    return file;
  });
  expectIcsCheckPasses(files);
}

describe('kickoff invite --smtp', () => {
  let dir: string;
  /** person → UID → SEQUENCE they were sent. */
  const holds = new Map<string, Map<string, number>>();

  it(
    'sends each attendee one iMIP REQUEST per meeting and one digest of the other dates, over STARTTLS with the password from the environment; the organiser gets only a digest with every event attached',
    async () => {
      dir = copy();
      const { run, messages } = await invite(dir, '2026-11-25');
      expect(run.code, run.stderr).toBe(0);
      expect(messages.every((m) => m.secure && m.user === USER && m.mailFrom === PM)).toBe(true);
      const sequences = calendarSequences(dir);
      const { invitations, digests } = await sortMessages(messages.map((m) => m.raw));
      expect(invitations.length).toBeGreaterThan(10);
      invitations.forEach((inv) => {
        expect(inv.method).toBe('REQUEST');
        expect(prop(inv.ics, 'ORGANIZER')).toBe(`mailto:${PM}`);
        // One attendee on each component: a series' moved weeks ride in the same REQUEST (same UID).
        expect(inv.ics.match(/\r\nATTENDEE/g)).toHaveLength(inv.ics.match(/\r\nBEGIN:VEVENT/g)!.length);
        expect(prop(inv.ics, 'ATTENDEE')).toBe(`mailto:${inv.to}`);
        // Only meetings are invitations, and they ask for a reply.
        expect(inv.ics).toMatch(/\r\nATTENDEE;RSVP=TRUE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=/);
        expect(inv.sequence).toBe(sequences.get(inv.uid));
        const person = holds.get(inv.to) ?? new Map<string, number>();
        person.set(inv.uid, inv.sequence);
        holds.set(inv.to, person);
      });
      messages.forEach((m) => expect(m.rcpt).toHaveLength(1));
      // The organiser is not invited to their own events.
      expect(holds.has(PM)).toBe(false);
      expect(holds.size).toBe(4);
      // One digest per person, the organiser's included.
      expect(digests.map((d) => d.to).sort()).toEqual([...new Set(digests.map((d) => d.to))].sort());
      expect(digests).toHaveLength(5);
      // Sam Lee, the trainer, is invited to exactly the trainer's meetings, and told of the rest of
      // the trainer's calendar in his digest: the plan records both.
      expect(new Set(holds.get('sam.lee@nhs.net')!.keys())).toEqual(roleUids(dir, 'trainer', true));
      expect(invitedIds(dir, 'sam.lee@nhs.net').size).toBe(roleUids(dir, 'trainer').size);
      const sam = digests.find((d) => d.to === 'sam.lee@nhs.net')!;
      expect(sam.subject).toMatch(/^Migration dates: \d+ new \(/);
      expect(sam.text).toMatch(/^Dear Sam Lee,/);
      expect(sam.text).toMatch(
        /\nNew:\n {2}Tue 30 Mar 2027 to Fri 16 Apr 2027 +Core training on the new system\n/,
      );
      expect(sam.html).toContain('<td style="');
      expect(sam.html).not.toMatch(/<script|<style|<link|<img/i);
      expect(sam.attachments.size).toBe(0);
      // The organiser: one digest of every event, and the calendar of everything to import.
      const pm = digests.find((d) => d.to === PM)!;
      expect(messages.filter((m) => m.rcpt[0] === PM)).toHaveLength(1);
      const file = readdirSync(join(dir, 'calendars')).find((f) => f.endsWith('-everything.ics'))!;
      const attached = pm.attachments.get(file)!;
      expect(attached.contentType).toBe('text/calendar');
      expect(attached.content).toBe(readFileSync(join(dir, 'calendars', file), 'utf8'));
      expect(pm.text).toContain(`The attached file ${file} holds every event of the plan.`);
      expect(invitedIds(dir, PM).size).toBe(liveUids(attached.content).size);
      // Meetings say where, in the calendar and in the text, and ask for a reply.
      const meeting = invitations.find(
        (i) => i.to === 'sam.lee@nhs.net' && i.uid.includes('training-needs-meeting'),
      )!;
      expect(prop(meeting.ics, 'LOCATION')).toBe(LOCATION.replace(/,/g, '\\,'));
      expect(meeting.text).toContain(`Where: ${LOCATION}`);
      expect(meeting.text).toMatch(/^Dear Sam Lee,/);
      expect(meeting.subject).toMatch(/^Invitation: Training needs meeting/);
      checkCalendars(invitations.filter((i) => i.to === 'sam.lee@nhs.net'));
      expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toMatch(
        /\ninvited:\n {2}chris\.patel@nhs\.net: \{/,
      );
    },
    SLOW,
  );

  it(
    'sends nothing when run again, and leaves the plan as it was',
    async () => {
      const plan = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
      const { run, messages } = await invite(dir, '2026-11-25');
      expect(run.code, run.stderr).toBe(0);
      expect(messages).toHaveLength(0);
      expect(run.stderr).toContain('nothing to send');
      expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(plan);
    },
    SLOW,
  );

  it(
    'after go-live moves and a third party is taken out: meeting updates with a higher SEQUENCE for what changed; the removed dates in the digests',
    async () => {
      const planFile = join(dir, 'kickoff.yaml');
      writeFileSync(planFile, readFileSync(planFile, 'utf8').replace(/\n +- docman\n/, '\n'));
      const before = calendarSequences(dir);
      const schedule = kickoff(['schedule', '--go-live', '2027-04-12', '--today', '2026-11-26'], {
        cwd: dir,
      });
      expect(schedule.code, schedule.stderr).toBe(0);
      const after = calendarSequences(dir);
      const { run, messages } = await invite(dir, '2026-11-26');
      expect(run.code, run.stderr).toBe(0);
      const { invitations, digests } = await sortMessages(messages.map((m) => m.raw));
      const changed = [...after].filter(([uid, seq]) => before.get(uid) !== seq).map(([uid]) => uid);
      const unchanged = [...after].filter(([uid, seq]) => before.get(uid) === seq).map(([uid]) => uid);
      expect(unchanged.length).toBeGreaterThan(0);
      // Each person: exactly the meetings they hold whose SEQUENCE rose, at the new SEQUENCE.
      for (const [person, held] of holds) {
        const got = invitations.filter((i) => i.to === person);
        const expected = [...held.keys()].filter((uid) => changed.includes(uid)).sort();
        expect(got.map((i) => i.uid).sort(), person).toEqual(expected);
        for (const inv of got) {
          expect(inv.sequence).toBe(after.get(inv.uid));
          expect(inv.sequence).toBeGreaterThan(held.get(inv.uid)!);
        }
      }
      expect(invitations.every((i) => i.method === 'REQUEST')).toBe(true);
      expect(invitations.some((i) => i.uid.includes('docman'))).toBe(false);
      // DocMan's dates were deadlines and reminders: their cancellation is in the digests.
      expect(digests.length).toBeLessThanOrEqual(5);
      const pm = digests.find((d) => d.to === PM)!;
      expect(pm.subject).toMatch(/\d+ changed, \d+ cancelled/);
      expect(pm.text).toMatch(/\nCancelled:\n[^]*Docman/);
      expect(pm.text).toContain('If a cancelled date is in your calendar, delete it.');
      expect(pm.text).toMatch(/\nMoved or changed \(the date shown is the new one\):\n/);
      checkCalendars(invitations.filter((i) => i.to === 'sam.lee@nhs.net'));

      const again = await invite(dir, '2026-11-26');
      expect(again.run.code, again.run.stderr).toBe(0);
      expect(again.messages).toHaveLength(0);
    },
    SLOW,
  );

  it(
    "meets the issue's targets for the example practice: first run, then a one-week go-live move",
    async () => {
      const example = tempDir('kickoff-invite-example-');
      const init = kickoff(['init', '--example', '--dir', example, '--today', '2026-11-25']);
      expect(init.code, init.stderr).toBeLessThan(2);
      const plan = readFileSync(join(example, 'kickoff.yaml'), 'utf8');
      const goLive = /\n {2}goLive: (\S+)/.exec(plan)![1]!;
      const team = new Set([...plan.matchAll(/email: (\S+@\S+?)\s*[,}\n]/g)].map((m) => m[1]!.toLowerCase()));
      // Meetings and who attends them, from the plan's own calendars.
      const attendees = (dir: string) => {
        const pairs = new Set<string>();
        for (const file of readdirSync(join(dir, 'calendars')).filter(
          (f) => !f.endsWith('-everything.ics'),
        )) {
          const role = /^[a-z0-9]+-(.+)\.ics$/.exec(file)![1]!;
          const people = [
            ...plan.matchAll(new RegExp(`role: ${role}, name: [^,]+, email: (\\S+?) ?\\}`, 'g')),
          ];
          for (const uid of roleUids(dir, role, true))
            for (const p of people) if (p[1] !== PM) pairs.add(`${p[1]} ${uid}`);
        }
        return pairs.size;
      };
      const allowed = attendees(example);
      expect(allowed).toBeGreaterThan(10);

      const first = await invite(example, '2026-11-25');
      expect(first.run.code, first.run.stderr).toBe(0);
      const one = await sortMessages(first.messages.map((m) => m.raw));
      expect(one.invitations.length).toBeLessThanOrEqual(allowed);
      expect(one.digests.length).toBeLessThanOrEqual(team.size);
      expect(first.messages.length).toBeLessThanOrEqual(allowed + team.size);
      expect(first.messages.filter((m) => m.rcpt[0] === PM)).toHaveLength(1);
      expect(one.invitations.some((i) => i.to === PM)).toBe(false);

      const moved = new Date(Date.parse(`${goLive}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
      const schedule = kickoff(['schedule', '--plan', example, '--go-live', moved, '--today', '2026-11-26']);
      expect(schedule.code, schedule.stderr).toBeLessThan(2);
      const second = await invite(example, '2026-11-26');
      expect(second.run.code, second.run.stderr).toBe(0);
      const two = await sortMessages(second.messages.map((m) => m.raw));
      const updates = new Set(two.invitations.map((i) => `${i.to} ${i.uid}`));
      expect(updates.size).toBe(two.invitations.length);
      expect(two.invitations.length).toBeLessThanOrEqual(attendees(example));
      expect(new Set(two.digests.map((d) => d.to)).size).toBe(two.digests.length);
      expect(second.messages.filter((m) => m.rcpt[0] === PM)).toHaveLength(1);
      expect(two.digests.find((d) => d.to === PM)).toBeDefined();
      // Measured, for the record: the 151 and 120 before this change.
      console.log(
        `example practice: first run ${first.messages.length} e-mails (${one.invitations.length} invitations, ${one.digests.length} digests); one-week move ${second.messages.length} (${two.invitations.length} updates, ${two.digests.length} digests)`,
      );
    },
    SLOW,
  );

  it(
    'a recipient the server refuses is reported, the others are delivered, exit 1; only the delivered are recorded',
    async () => {
      const fresh = copy();
      refuse.add('chris.patel@nhs.net');
      try {
        const { run, messages } = await invite(fresh, '2026-11-25');
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('REFUSED by the mail server');
        expect(run.stderr).toMatch(/refused \(chris\.patel@nhs\.net\)/);
        const people = new Set(messages.map((m) => m.rcpt[0]));
        expect(people).toEqual(new Set([PM, 'mark.oconnor@nhs.net', 'zoe.adams@nhs.net', 'sam.lee@nhs.net']));
        const plan = readFileSync(join(fresh, 'kickoff.yaml'), 'utf8');
        expect(plan).not.toContain('chris.patel@nhs.net: {');
        expect(plan).toContain('sam.lee@nhs.net: {');
      } finally {
        refuse.clear();
      }
      const retry = await invite(fresh, '2026-11-25');
      expect(retry.run.code, retry.run.stderr).toBe(0);
      expect(new Set(retry.messages.map((m) => m.rcpt[0]))).toEqual(new Set(['chris.patel@nhs.net']));
    },
    SLOW,
  );

  it(
    'asks for the password in a terminal when only KICKOFF_SMTP_USER is set',
    async () => {
      const fresh = copy();
      const before = received.length;
      const pty = spawnPty(
        ...commandLine(['invite', '--smtp', `smtp://127.0.0.1:${port}`, '--today', '2026-11-25']),
        {
          cols: 300,
          rows: 50,
          cwd: fresh,
          env: { ...process.env, NO_COLOR: '1', KICKOFF_SMTP_USER: USER, NODE_EXTRA_CA_CERTS: certFile },
        },
      );
      let screen = '';
      let typed = false;
      const exited = new Promise<number>((resolve) => pty.onExit(({ exitCode }) => resolve(exitCode)));
      pty.onData((data) => {
        screen += stripVTControlCharacters(data);
        if (!typed && screen.includes(`Password for ${USER} on smtp://127.0.0.1:${port}`)) {
          typed = true;
          pty.write(`${PASSWORD}\r`);
        }
      });
      const code = await exited;
      expect(typed, screen).toBe(true);
      expect(code, screen).toBe(0);
      expect(screen).not.toContain(PASSWORD);
      const messages = received.slice(before);
      expect(messages.length).toBeGreaterThan(30);
      expect(messages.every((m) => m.user === USER && m.secure)).toBe(true);
    },
    SLOW,
  );

  it(
    'a wrong password stops with exit 3 and records nothing',
    async () => {
      const fresh = copy();
      const plan = readFileSync(join(fresh, 'kickoff.yaml'), 'utf8');
      const run = await kickoffAsync(
        ['invite', '--smtp', `smtp://127.0.0.1:${port}`, '--today', '2026-11-25'],
        {
          cwd: fresh,
          env: { KICKOFF_SMTP_USER: USER, KICKOFF_SMTP_PASSWORD: 'wrong', NODE_EXTRA_CA_CERTS: certFile },
        },
      );
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('KICKOFF_SMTP_PASSWORD');
      expect(readFileSync(join(fresh, 'kickoff.yaml'), 'utf8')).toBe(plan);
    },
    SLOW,
  );
});

describe('kickoff invite --eml and --dry-run', () => {
  it(
    'writes one .eml per person per meeting that parses as iMIP and one digest per person, the same bytes on a second run',
    async () => {
      const [a, b] = [copy(), copy()];
      for (const dir of [a, b]) {
        const run = kickoff(['invite', '--eml', 'outbox', '--today', '2026-11-25'], { cwd: dir });
        expect(run.code, run.stderr).toBe(0);
      }
      const files = readdirSync(join(a, 'outbox')).sort();
      expect(files.length).toBeGreaterThan(30);
      expect(files.filter((f) => f.startsWith('digest-'))).toHaveLength(5);
      expect(readdirSync(join(b, 'outbox')).sort()).toEqual(files);
      for (const file of files)
        expect(readFileSync(join(b, 'outbox', file), 'utf8')).toBe(
          readFileSync(join(a, 'outbox', file), 'utf8'),
        );
      const sam = files.filter((f) => f.startsWith('sam.lee@nhs.net-'));
      const invitations = await Promise.all(
        sam.map((f) => parseInvitation(readFileSync(join(a, 'outbox', f)))),
      );
      for (const inv of invitations) {
        expect(inv.method).toBe('REQUEST');
        expect(inv.to).toBe('sam.lee@nhs.net');
        expect(prop(inv.ics, 'ORGANIZER')).toBe(`mailto:${PM}`);
      }
      checkCalendars(invitations);
      // Written counts as sent: the next run has nothing to write.
      const again = kickoff(['invite', '--eml', 'outbox2', '--today', '2026-11-25'], { cwd: a });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toContain('nothing to send');
      // --since: everything made on or after that day goes again, at the same sequence.
      const since = kickoff(['invite', '--dry-run', '--since', '2026-11-25', '--today', '2026-11-25'], {
        cwd: a,
      });
      expect(since.code, since.stderr).toBe(0);
      expect(since.stdout).toMatch(/ again +Mon 11 Jan 2027 +Kick-off meeting \(sequence 0\)/);
      expect(since.stdout).toContain(`Would send ${files.length} message(s)`);
      const bad = kickoff(['invite', '--dry-run', '--since', '2027-02-30'], { cwd: a });
      expect(bad.code).toBe(2);
    },
    SLOW,
  );

  it(
    "--feed-url: each digest gives the feed's address to subscribe, in the text and as a link",
    async () => {
      const dir = copy();
      const url = 'https://intranet.example.nhs.uk/kickoff/index.html';
      const run = kickoff(['invite', '--eml', 'outbox', '--feed-url', url, '--today', '2026-11-25'], {
        cwd: dir,
      });
      expect(run.code, run.stderr).toBe(0);
      const digests = readdirSync(join(dir, 'outbox')).filter((f) => f.startsWith('digest-'));
      expect(digests).toHaveLength(5);
      for (const file of digests) {
        const digest = await parseDigest(readFileSync(join(dir, 'outbox', file)));
        expect(digest.text, file).toContain(`kept up to date by itself: ${url}`);
        expect(digest.html, file).toContain(`<a href="${url}"`);
      }
    },
    SLOW,
  );

  it('init --force keeps what was sent: the same plan again sends nothing', () => {
    const dir = copy();
    expect(kickoff(['invite', '--eml', 'outbox', '--today', '2026-11-25'], { cwd: dir }).code).toBe(0);
    const init = kickoff(['init', '--answers', 'answers.yaml', '--yes', '--force', '--today', '2026-11-25'], {
      cwd: dir,
    });
    expect(init.code, init.stderr).toBe(0);
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toContain('\ninvited:\n');
    const again = kickoff(['invite', '--eml', 'outbox2', '--today', '2026-11-25'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('nothing to send');
  });

  it('--dry-run lists what would be sent on standard output, and writes nothing', () => {
    const dir = copy();
    const plan = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    const run = kickoff(['invite', '--dry-run', '--eml', 'outbox', '--today', '2026-11-25'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    // The list is the answer asked for: on standard output, to read, page or save; nothing on stderr.
    expect(run.stdout).toMatch(/Would send \d+ message\(s\) to 5 people/);
    expect(run.stdout).toContain('Sam Lee <sam.lee@nhs.net>');
    expect(run.stderr).not.toContain('Sam Lee');
    expect(readdirSync(dir)).not.toContain('outbox');
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(plan);
  });

  it('refuses a plan whose calendars are behind it, and asks for a way to deliver', () => {
    const dir = copy();
    const none = kickoff(['invite', '--today', '2026-11-25'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--eml DIR');
    const planFile = join(dir, 'kickoff.yaml');
    writeFileSync(
      planFile,
      readFileSync(planFile, 'utf8').replace('title: Kick-off meeting', 'title: Kick-off meeting (room 2)'),
    );
    mkdirSync(join(dir, 'outbox'));
    const behind = kickoff(['invite', '--eml', 'outbox', '--today', '2026-11-25'], { cwd: dir });
    expect(behind.code).toBe(1);
    expect(behind.stderr).toContain('kickoff calendar');
    expect(readdirSync(join(dir, 'outbox'))).toEqual([]);
  });
});
