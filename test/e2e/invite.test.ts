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

/** UIDs of the role calendar's live events. */
function roleUids(dir: string, role: string): Set<string> {
  const file = readdirSync(join(dir, 'calendars')).find((f) => f.endsWith(`-${role}.ics`))!;
  const ics = readFileSync(join(dir, 'calendars', file), 'utf8').replace(/\r\n[ \t]/g, '');
  const blocks = ics.split('BEGIN:VEVENT').slice(1);
  return new Set(blocks.filter((b) => !b.includes('STATUS:CANCELLED')).map((b) => /UID:(\S+)/.exec(b)![1]!));
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
    'sends each person their role calendar, one iMIP REQUEST per event, over STARTTLS with the password from the environment',
    async () => {
      dir = copy();
      const { run, messages } = await invite(dir, '2026-11-25');
      expect(run.code, run.stderr).toBe(0);
      expect(messages.length).toBeGreaterThan(50);
      expect(messages.every((m) => m.secure && m.user === USER && m.mailFrom === PM)).toBe(true);
      const sequences = calendarSequences(dir);
      const invitations = await Promise.all(messages.map((m) => parseInvitation(m.raw)));
      invitations.forEach((inv, i) => {
        expect(messages[i]!.rcpt).toEqual([inv.to]);
        expect(inv.method).toBe('REQUEST');
        expect(prop(inv.ics, 'ORGANIZER')).toBe(`mailto:${PM}`);
        // One attendee on each component: a series' moved weeks ride in the same REQUEST (same UID).
        expect(inv.ics.match(/\r\nATTENDEE/g)).toHaveLength(inv.ics.match(/\r\nBEGIN:VEVENT/g)!.length);
        expect(prop(inv.ics, 'ATTENDEE')).toBe(`mailto:${inv.to}`);
        expect(inv.ics).toMatch(
          /\r\nATTENDEE;RSVP=(TRUE|FALSE);ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=/,
        );
        expect(inv.sequence).toBe(sequences.get(inv.uid));
        const person = holds.get(inv.to) ?? new Map<string, number>();
        person.set(inv.uid, inv.sequence);
        holds.set(inv.to, person);
      });
      // Sam Lee, the trainer, has exactly the trainer's calendar.
      expect(new Set(holds.get('sam.lee@nhs.net')!.keys())).toEqual(roleUids(dir, 'trainer'));
      expect(holds.size).toBe(5);
      // Meetings say where, in the calendar and in the text, and ask for a reply.
      const meeting = invitations.find(
        (i) => i.to === 'sam.lee@nhs.net' && i.uid.includes('training-needs-meeting'),
      )!;
      expect(prop(meeting.ics, 'LOCATION')).toBe(LOCATION.replace(/,/g, '\\,'));
      expect(meeting.text).toContain(`Where: ${LOCATION}`);
      expect(meeting.text).toMatch(/^Dear Sam Lee,/);
      expect(meeting.ics).toContain('ATTENDEE;RSVP=TRUE');
      expect(meeting.subject).toMatch(/^Invitation: Training needs meeting/);
      checkCalendars([
        ...invitations.filter((i) => i.to === 'sam.lee@nhs.net'),
        ...invitations.filter((i) => i.to === PM).slice(0, 4),
      ]);
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
    'after go-live moves and a third party is taken out: updates with a higher SEQUENCE for what changed, CANCEL for what was removed',
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
      const invitations = await Promise.all(messages.map((m) => parseInvitation(m.raw)));
      const changed = [...after].filter(([uid, seq]) => before.get(uid) !== seq).map(([uid]) => uid);
      const unchanged = [...after].filter(([uid, seq]) => before.get(uid) === seq).map(([uid]) => uid);
      expect(unchanged.length).toBeGreaterThan(0);
      // Each person: exactly the events they hold whose SEQUENCE rose, at the new SEQUENCE.
      for (const [person, held] of holds) {
        const got = invitations.filter((i) => i.to === person);
        const expected = [...held.keys()].filter((uid) => changed.includes(uid)).sort();
        expect(got.map((i) => i.uid).sort(), person).toEqual(expected);
        for (const inv of got) {
          expect(inv.sequence).toBe(after.get(inv.uid));
          expect(inv.sequence).toBeGreaterThan(held.get(inv.uid)!);
        }
      }
      const cancels = invitations.filter((i) => i.method === 'CANCEL');
      expect(cancels.length).toBeGreaterThan(0);
      expect(cancels.every((i) => i.uid.includes('docman') && prop(i.ics, 'STATUS') === 'CANCELLED')).toBe(
        true,
      );
      expect(cancels.every((i) => i.subject.startsWith('Cancelled: '))).toBe(true);
      const requests = invitations.filter((i) => i.method === 'REQUEST');
      expect(requests.some((i) => i.uid.includes('docman'))).toBe(false);
      checkCalendars([...cancels, ...requests.filter((i) => i.to === 'sam.lee@nhs.net')]);

      const again = await invite(dir, '2026-11-26');
      expect(again.run.code, again.run.stderr).toBe(0);
      expect(again.messages).toHaveLength(0);
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
      expect(messages.length).toBeGreaterThan(50);
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
    'writes one .eml per person per event that parses as iMIP, the same bytes on a second run',
    async () => {
      const [a, b] = [copy(), copy()];
      for (const dir of [a, b]) {
        const run = kickoff(['invite', '--eml', 'outbox', '--today', '2026-11-25'], { cwd: dir });
        expect(run.code, run.stderr).toBe(0);
      }
      const files = readdirSync(join(a, 'outbox')).sort();
      expect(files.length).toBeGreaterThan(50);
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
