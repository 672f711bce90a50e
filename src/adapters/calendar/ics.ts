/**
 * The RFC 5545 serializer: calendar events (domain/calendar-events/event.ts) → iCalendar text, the
 * way the `ics` package 3.12 would write them, plus what `ics` gets wrong (see
 * ../shared/domain/calendars.md, "Pitfalls"): TZID and a VTIMEZONE for wall-clock times, folding by
 * octets rather than characters, escaped calendar-name text, `mailto:` in lower case. `ics` itself
 * is not loaded at run time: its yup validation and character folding were 72% of the time to write
 * calendars, and it rendered an event once per calendar. It stays the test oracle
 * (test/property/ics-oracle.property.test.ts renders generated events both ways and compares them).
 */
import { InputError } from '../../errors.js';
import {
  movedOccurrences,
  paramText,
  escapeText,
  PM_ROLE,
  projectManager,
  toEvent,
  toUtcStamp,
  type CalendarEvent,
  type DateArray,
  type EventAlarm,
} from '../../domain/calendar-events/event.js';
import type { Revision } from '../../domain/calendar-events/publish.js';
import { byText } from '../../domain/order.js';
import type { Person, Plan, PlanItem } from '../../domain/types.js';

export interface CalendarOptions {
  /** Calendar name, e.g. 'Densham Surgery (A81001) migration — everything'. Emitted as NAME and X-WR-CALNAME. */
  readonly name: string;
  /**
   * DTSTAMP for events without a revision: the injected clock, as an ISO instant
   * '2026-11-25T00:00:00Z'. Never Date.now().
   */
  readonly timestamp: string;
  /** kickoff's version for PRODID '-//kickoff//kickoff 0.1.0//EN'. */
  readonly productVersion: string;
  /** SEQUENCE and DTSTAMP day per item id; missing = 0 and `timestamp`. */
  readonly revisions?: ReadonlyMap<string, Revision>;
  /** Items removed from the plan, published once more as STATUS:CANCELLED tombstones (same UID). */
  readonly cancelled?: readonly PlanItem[];
  /**
   * A subscription feed: how often clients should fetch it again, an RFC 5545 duration ('PT4H'),
   * written as REFRESH-INTERVAL and X-PUBLISHED-TTL. Absent: a plain file, as `kickoff calendar` writes.
   */
  readonly refreshInterval?: string;
  /** Where the feed is published (absolute URL); written as SOURCE and URL. Feeds only. */
  readonly url?: string;
}

const TZID = 'Europe/London';
const CRLF = '\r\n';
const MAX_OCTETS = 75;
/** Same rules as tzdata since 1996; identical to ics-check's good-migration.ics fixture. */
const VTIMEZONE_LONDON: readonly string[] = [
  'BEGIN:VTIMEZONE',
  `TZID:${TZID}`,
  'BEGIN:DAYLIGHT',
  'TZNAME:BST',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'DTSTART:19810329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZNAME:GMT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'DTSTART:19961027T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** What is shared by every calendar of one plan: the options of `renderCalendar` but name and cancellations. */
export type SharedCalendarOptions = Omit<CalendarOptions, 'name' | 'cancelled' | 'url'>;

/** One calendar of a set: its name, its live items and its tombstones. */
export interface CalendarContent {
  readonly name: string;
  readonly items: readonly PlanItem[];
  readonly cancelled?: readonly PlanItem[];
  /** The feed's own URL, when it is published at one. */
  readonly url?: string;
}

/** Plan items → iCalendar text (CRLF, folded at 75 octets). Pure. */
export function renderCalendar(plan: Plan, items: readonly PlanItem[], options: CalendarOptions): string {
  return renderCalendars(
    plan,
    [
      {
        name: options.name,
        items,
        cancelled: options.cancelled ?? [],
        ...(options.url !== undefined ? { url: options.url } : {}),
      },
    ],
    options,
  )[0]!;
}

/**
 * Several calendars of one plan (everything, and one per role): an event is the same text in each
 * calendar it belongs to, so it is rendered once and reused.
 */
export function renderCalendars(
  plan: Plan,
  calendars: readonly CalendarContent[],
  options: SharedCalendarOptions,
): string[] {
  const rendered = new Map<string, string>();
  return calendars.map((content) => {
    const entries = calendarEntries(plan, content, options);
    const hasTimed = entries.some(({ item }) => item.time !== undefined);
    const feed = feedHeader(options.refreshInterval, content.url);
    const parts = [calendarHeader(content.name, options.productVersion, hasTimed, feed)];
    for (const entry of entries) {
      const key = `${entry.cancelled ? 'x' : 'o'}:${entry.item.id}`;
      let text = rendered.get(key);
      if (text === undefined) {
        text = entry.events().map(serializeEvent).join('');
        rendered.set(key, text);
      }
      parts.push(text);
    }
    parts.push(`END:VCALENDAR${CRLF}`);
    return parts.join('');
  });
}

/**
 * The events of one calendar in file order, as the plain data `ics` takes; for the test oracle,
 * which renders them with `ics` itself.
 */
export function calendarEvents(
  plan: Plan,
  content: CalendarContent,
  options: SharedCalendarOptions,
): CalendarEvent[] {
  return calendarEntries(plan, content, options).flatMap((entry) => entry.events());
}

interface CalendarEntry extends Entry {
  /** The event, then (for a series with moved occurrences) one override per move. */
  readonly events: () => CalendarEvent[];
}

function calendarEntries(
  plan: Plan,
  content: CalendarContent,
  options: SharedCalendarOptions,
): CalendarEntry[] {
  organizerOf(plan); // refused here, in words people can act on, before any event is built
  const cancelled = content.cancelled ?? [];
  assertUniqueIds(content.items, cancelled);
  const dtstamp = toUtcStamp(options.timestamp);
  const entries = sortItems([
    ...content.items.map((item) => ({ item, cancelled: false })),
    ...cancelled.map((item) => ({ item, cancelled: true })),
  ]);
  return entries.map(({ item, cancelled: isTombstone }) => ({
    item,
    cancelled: isTombstone,
    events: () => {
      const revision = options.revisions?.get(item.id);
      const ctx = {
        isTombstone,
        dtstamp: revision ? toUtcStamp(`${revision.since}T00:00:00Z`) : dtstamp,
        sequence: revision?.sequence ?? 0,
      };
      const event = toEvent(plan, item, ctx);
      return [event, ...movedOccurrences(plan, item, event)];
    },
  }));
}

// ---------------------------------------------------------------- invitations (iTIP)

export interface InvitationOptions {
  /** REQUEST: a new or changed event; CANCEL: cancelled, or this attendee is no longer needed. */
  readonly method: 'REQUEST' | 'CANCEL';
  readonly attendee: { readonly name: string; readonly email: string; readonly rsvp: boolean };
  /** The event's SEQUENCE and DTSTAMP day, as the published calendars have them. */
  readonly revision: Revision;
  /** The event itself is cancelled (a tombstone), rather than going on without this attendee. */
  readonly cancelled: boolean;
  readonly productVersion: string;
}

/**
 * One event as an iTIP object (RFC 5546) for one attendee: the same VEVENT as in the calendars
 * (same UID, SEQUENCE, DTSTAMP, text) with METHOD, the organiser and this ATTENDEE. One event per
 * object, because a REQUEST's components must share one UID (RFC 5546 §3.2.2).
 */
export function renderInvitation(plan: Plan, item: PlanItem, options: InvitationOptions): string {
  organizerOf(plan);
  const { method, attendee, revision, cancelled } = options;
  const { status, ...event } = toEvent(plan, item, {
    isTombstone: cancelled,
    dtstamp: toUtcStamp(`${revision.since}T00:00:00Z`),
    sequence: revision.sequence,
  });
  const withAttendee: CalendarEvent = {
    ...event,
    // Uninviting one attendee from an event that goes on: STATUS MUST NOT be sent (RFC 5546 §3.2.5).
    ...(method === 'CANCEL' && !cancelled ? {} : { status }),
    attendees: [{ ...attendee, role: 'REQ-PARTICIPANT', partstat: 'NEEDS-ACTION' }],
  };
  const header = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    foldLine(`PRODID:-//kickoff//kickoff ${paramText(options.productVersion)}//EN`),
    `METHOD:${method}`,
    ...(item.time !== undefined ? VTIMEZONE_LONDON : []),
  ];
  // A series' moved weeks go with it: the same UID, so still one event per object.
  const events = [withAttendee, ...movedOccurrences(plan, item, withAttendee)];
  return `${header.join(CRLF)}${CRLF}${events.map(serializeEvent).join('')}END:VCALENDAR${CRLF}`;
}

// ---------------------------------------------------------------- input checks and ordering

interface Entry {
  readonly item: PlanItem;
  readonly cancelled: boolean;
}

/** One UID per file: a live item and its tombstone (or two tombstones) would collide. */
function assertUniqueIds(items: readonly PlanItem[], cancelled: readonly PlanItem[]): void {
  const seen = new Set<string>();
  for (const item of [...items, ...cancelled]) {
    if (seen.has(item.id)) {
      throw new InputError(`Item "${item.id}" appears twice in the calendar (live and cancelled?).`);
    }
    seen.add(item.id);
  }
}

/** (start, time, id): the plan's own order may change between runs; the file must not. */
function sortItems(entries: readonly Entry[]): Entry[] {
  return [...entries].sort(
    ({ item: a }, { item: b }) =>
      byText(a.start, b.start) || byText(a.time ?? '', b.time ?? '') || byText(a.id, b.id),
  );
}

/** METHOD:PUBLISH requires an ORGANIZER (RFC 5546 §3.2.1); kickoff's is the project manager. */
/** The calendars' organiser, the project manager: refused clearly when the team has none. */
export function organizerOf(plan: Plan): Person {
  const pm = projectManager(plan);
  if (!pm) {
    throw new InputError(
      'The team has no project manager, and a published calendar needs one as its organiser.',
      `Add a team member with role "${PM_ROLE}" to the answers.`,
    );
  }
  return pm;
}

// ---------------------------------------------------------------- one item → one `ics` event

// ---------------------------------------------------------------- DESCRIPTION

// ---------------------------------------------------------------- text hygiene

// ---------------------------------------------------------------- the serializer

/*
 * Writes exactly what `createEvents` from `ics` 3.12.0 wrote for kickoff's events, after kickoff's
 * post-processing (unfold, fixLine, extra header lines, fold by octets): same properties, same order,
 * same escaping. Only the properties `toEvent` can produce are handled.
 */

/** The yup 1.x e-mail rule `ics` validated ORGANIZER with (the WHATWG "valid e-mail address"). */
const YUP_EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const MAX_SEQUENCE = 2147483647;

/** What a subscription feed adds to the header; a plain file keeps `ics`' own X-PUBLISHED-TTL. */
interface FeedHeader {
  readonly ttl: string;
  readonly lines: readonly string[];
}

/**
 * REFRESH-INTERVAL (RFC 7986 §5.7) with its de-facto twin X-PUBLISHED-TTL (what Outlook reads), and
 * SOURCE (RFC 7986 §5.8) with URL, so a client can tell where the feed lives.
 */
function feedHeader(refreshInterval: string | undefined, url: string | undefined): FeedHeader | undefined {
  if (refreshInterval === undefined && url === undefined) return undefined;
  const ttl = refreshInterval ?? 'PT1H';
  const lines = [
    ...(refreshInterval !== undefined ? [`REFRESH-INTERVAL;VALUE=DURATION:${newLines(ttl)}`] : []),
    ...(url !== undefined ? [`SOURCE;VALUE=URI:${newLines(url)}`, `URL:${newLines(url)}`] : []),
  ];
  return { ttl, lines };
}

function calendarHeader(name: string, productVersion: string, hasTimed: boolean, feed?: FeedHeader): string {
  const calName = escapeText(name);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `PRODID:${newLines(`-//kickoff//kickoff ${paramText(productVersion)}//EN`)}`,
    'METHOD:PUBLISH',
    // `ics` writes X-WR-CALNAME with only newlines encoded; a comma in a practice name would be raw.
    ...(calName ? [`X-WR-CALNAME:${newLines(calName)}`] : []),
    `X-PUBLISHED-TTL:${feed?.ttl ?? 'PT1H'}`,
    `NAME:${calName}`,
    `X-WR-TIMEZONE:${TZID}`,
    ...(feed?.lines ?? []),
  ];
  const folded = lines.map(foldLine);
  if (hasTimed) folded.push(...VTIMEZONE_LONDON);
  return folded.join(CRLF) + CRLF;
}

/** One VEVENT, BEGIN to END, each line folded, ending in CRLF. */
function serializeEvent(event: CalendarEvent): string {
  checkEvent(event);
  const lines: string[] = ['BEGIN:VEVENT', `UID:${newLines(event.uid ?? '')}`];
  if (event.title) lines.push(`SUMMARY:${formatText(event.title)}`);
  lines.push(`DTSTAMP:${newLines(event.timestamp)}`);
  const start = event.start as DateArray | string;
  lines.push(fixLine(`DTSTART${start.length === 3 ? ';VALUE=DATE' : ''}:${newLines(formatDate(start))}`));
  const end = (event as { end?: DateArray | string }).end;
  if (end && !sameAllDay(start, end)) {
    lines.push(fixLine(`DTEND${end.length === 3 ? ';VALUE=DATE' : ''}:${newLines(formatDate(end))}`));
  }
  if (event.sequence !== undefined) lines.push(`SEQUENCE:${event.sequence}`);
  if (event.description) lines.push(`DESCRIPTION:${formatText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${formatText(event.location)}`);
  if (event.status) lines.push(`STATUS:${event.status}`);
  if (event.organizer) {
    const { name, email } = event.organizer;
    const cn = `"${(name || 'Organizer').replaceAll('"', '\\"')}"`;
    lines.push(fixLine(`ORGANIZER;CN=${cn}${email ? `:MAILTO:${email}` : ''}`));
  }
  if (event.transp) lines.push(`TRANSP:${event.transp}`);
  // Only invitations have attendees (PUBLISH forbids them); where and how `ics` writes them.
  for (const { name, email, rsvp, role, partstat } of event.attendees ?? []) {
    const params = [`RSVP=${rsvp ? 'TRUE' : 'FALSE'}`, `ROLE=${role}`, `PARTSTAT=${partstat}`];
    lines.push(`ATTENDEE;${params.join(';')};CN="${paramText(name ?? '') || email}":mailto:${email}`);
  }
  if (event.recurrenceRule) lines.push(`RRULE:${newLines(event.recurrenceRule)}`);
  if (event.exclusionDates) {
    const dates = event.exclusionDates.map((day) => formatDate(day as DateArray | string)).join(',');
    lines.push(fixLine(`EXDATE:${newLines(dates)}`));
  }
  for (const alarm of event.alarms ?? []) {
    lines.push('BEGIN:VALARM', `ACTION:${newLines((alarm.action ?? '').toUpperCase())}`);
    if (alarm.description) lines.push(`DESCRIPTION:${newLines(alarm.description)}`);
    lines.push(`TRIGGER:${newLines(trigger(alarm.trigger))}`, 'END:VALARM');
  }
  if (event.recurrenceId) lines.push(fixLine(`RECURRENCE-ID:${newLines(event.recurrenceId)}`));
  lines.push('END:VEVENT');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** The checks `ics` made that kickoff's own data can fail; the same message it gave. */
function checkEvent(event: CalendarEvent): void {
  const problems: string[] = [];
  const email = event.organizer?.email;
  if (email && !YUP_EMAIL.test(email)) problems.push('organizer.email must be a valid email');
  const sequence = event.sequence;
  if (sequence !== undefined) {
    if (!Number.isInteger(sequence)) problems.push('sequence must be an integer');
    else if (sequence > MAX_SEQUENCE) problems.push(`sequence must be less than or equal to ${MAX_SEQUENCE}`);
  }
  if (problems.length > 0) throw new InputError(`Could not build the calendar: ${problems.join('; ')}`);
}

/** An all-day event whose end equals its start lasts one day: `ics` then leaves DTEND out. */
function sameAllDay(start: DateArray | string, end: DateArray | string): boolean {
  if (typeof start === 'string' || typeof end === 'string') return false;
  return end.length === 3 && start.length === 3 && start.every((value, i) => value === end[i]);
}

/** [y, m, d] → 'yyyymmdd'; kickoff passes every other date as a preformatted string. */
function formatDate(date: DateArray | string): string {
  if (typeof date === 'string') return date;
  if (date.length !== 3) throw new Error('the calendar writer only takes all-day [y, m, d] dates');
  const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return `${date[0]}${pad(date[1])}${pad(date[2]!)}`;
}

/**
 * `ics`' duration text, 'T' always included (kickoff only uses hours, where that is valid); a zero
 * duration is PT0S, where `ics` wrote an empty and invalid 'PT'.
 */
function trigger(value: EventAlarm['trigger']): string {
  const { weeks, days, hours, minutes, before } = value;
  if (!weeks && !days && !hours && !minutes) return 'PT0S';
  const part = (n: number | undefined, unit: string) => (n ? `${n}${unit}` : '');
  return `${before ? '-' : ''}P${part(weeks, 'W')}${part(days, 'D')}T${part(hours, 'H')}${part(minutes, 'M')}`;
}

/** RFC 5545 TEXT escaping as `ics` does it for SUMMARY and DESCRIPTION. */
function formatText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n').replace(/;/g, '\\;').replace(/,/g, '\\,');
}

/** What `ics` does to every value: only line breaks are encoded. */
function newLines(text: string): string {
  return text.replace(/\r?\n/g, '\\n');
}

const FLOATING_TIMES = /^\d{8}T\d{6}(,\d{8}T\d{6})*$/;
const DATES = /^\d{8}(,\d{8})*$/;

/**
 * Adds what `ics` cannot express: TZID on wall-clock times, VALUE=DATE on all-day EXDATEs and
 * RECURRENCE-IDs (the same value type as DTSTART, RFC 5545 §3.8.4.4), `mailto:`.
 */
function fixLine(line: string): string {
  const m = /^(DTSTART|DTEND|EXDATE|RECURRENCE-ID):(.*)$/.exec(line);
  if (m) {
    const [, prop, value] = m as unknown as [string, string, string];
    if (FLOATING_TIMES.test(value)) return `${prop};TZID=${TZID}:${value}`;
    if ((prop === 'EXDATE' || prop === 'RECURRENCE-ID') && DATES.test(value))
      return `${prop};VALUE=DATE:${value}`;
    return line;
  }
  // Organizer names have no DQUOTE (paramText), so the first '":' ends the CN parameter.
  return line.replace(/^(ORGANIZER;CN="[^"]*"):MAILTO:/, '$1:mailto:');
}

/**
 * Folds at 75 octets (continuations: one space + 74), never inside a UTF-8 character. A TEXT escape
 * (`\;`, `\n`...) stays on one line too: legal to split, but naive line-by-line readers trip on it.
 */
export function foldLine(line: string): string {
  // Most lines fit: 25 UTF-16 units are at most 75 octets, and any line of ≤ 75 octets stays whole.
  if (line.length <= MAX_OCTETS / 3 || Buffer.byteLength(line, 'utf8') <= MAX_OCTETS) return line;
  return LONE_SURROGATE.test(line) ? foldUnicode(line) : foldUtf8(line);
}

/** Half of a surrogate pair on its own: Buffer writes it as U+FFFD, which foldUtf8 would keep. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * foldUnicode for any line without a lone surrogate: the same cuts, found on its UTF-8 octets, not
 * code point by code point (calendars are written cold, in V8's interpreter). The cut goes back to
 * the start of a character, then to the start of a backslash pair it would split; the backslashes
 * are found by indexOf.
 */
function foldUtf8(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  const parts: string[] = [];
  let from = 0;
  let limit = MAX_OCTETS;
  let pair = bytes.indexOf(0x5c);
  while (bytes.length - from > limit) {
    let end = from + limit;
    while ((bytes[end]! & 0xc0) === 0x80) end -= 1; // a continuation octet: inside a character
    while (pair !== -1 && pairEnd(bytes, pair) <= end) pair = bytes.indexOf(0x5c, pairEnd(bytes, pair));
    if (pair !== -1 && pair < end) end = pair;
    parts.push(bytes.toString('utf8', from, end));
    from = end;
    limit = MAX_OCTETS - 1;
  }
  parts.push(bytes.toString('utf8', from));
  return parts.join(`${CRLF} `);
}

/** Where the pair starting at `pair` ends: after the backslash and the character after it, if any. */
function pairEnd(bytes: Buffer, pair: number): number {
  if (pair + 1 >= bytes.length) return pair + 1;
  const lead = bytes[pair + 1]!;
  return pair + 2 + (lead < 0x80 ? 0 : lead < 0xe0 ? 1 : lead < 0xf0 ? 2 : 3);
}

/** Every line, code point by code point (exported for the test that holds the others to it). */
export function foldUnicode(line: string): string {
  const parts: string[] = [];
  let from = 0;
  let octets = 0;
  let limit = MAX_OCTETS;
  let i = 0;
  while (i < line.length) {
    // One unit: a code point, or a backslash with the code point after it.
    let next = i + codePointLength(line, i);
    let size = octetsAt(line, i);
    if (line.charCodeAt(i) === 0x5c && next < line.length) {
      size += octetsAt(line, next);
      next += codePointLength(line, next);
    }
    if (octets + size > limit) {
      parts.push(line.slice(from, i));
      from = i;
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    octets += size;
    i = next;
  }
  parts.push(line.slice(from));
  return parts.join(`${CRLF} `);
}

function isPair(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  if (high < 0xd800 || high > 0xdbff || i + 1 >= text.length) return false;
  const low = text.charCodeAt(i + 1);
  return low >= 0xdc00 && low <= 0xdfff;
}

function codePointLength(text: string, i: number): number {
  return isPair(text, i) ? 2 : 1;
}

/** UTF-8 octets of the code point at i; a lone surrogate is written as U+FFFD (3 octets), as Buffer does. */
function octetsAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  return isPair(text, i) ? 4 : 3;
}
