/**
 * What a plan's calendar events say and when they happen: their titles, descriptions, timing,
 * weekly series with moved weeks, and the reminders on notice deadlines. These are decisions about
 * the plan, so they live here; turning an event into iCalendar text (RFC 5545) is the serializer's
 * job (adapters/calendar/ics.ts). The event data keeps the shape the `ics` package takes, so the
 * tests can render the same events with `ics` itself as an oracle. Pure: nothing here reads the
 * clock or the machine's time zone.
 */
import { addDays, daysBetween, formatLong, toParts } from '../calendar.js';
import { eventUid } from '../ids.js';
import { locationOf } from '../location.js';
import { namedOwners, ownerRoleIds } from '../people.js';
import { lastOccurrence as lastMeeting, movesOf } from '../schedule/recurrence.js';
import type { CalendarDate, Person, Plan, PlanItem } from '../types.js';
import { capitalise } from '../words.js';

/** A date [y, m, d] (all day) or a floating wall-clock time [y, m, d, h, min]. */
export type DateArray = [number, number, number] | [number, number, number, number, number];

/** A reminder: `trigger` is how long before (or after) the event's start. */
export interface EventAlarm {
  readonly action: 'display';
  readonly description: string;
  readonly trigger: {
    readonly weeks?: number;
    readonly days?: number;
    readonly hours?: number;
    readonly minutes?: number;
    readonly before: boolean;
  };
}

export interface EventAttendee {
  readonly name: string;
  readonly email: string;
  readonly rsvp: boolean;
  readonly role: 'REQ-PARTICIPANT';
  readonly partstat: 'NEEDS-ACTION';
}

/**
 * One calendar event as data: what the serializer writes (and `ics` would). Text values are already
 * clean of control characters; `title` is one line. Wall-clock times are Europe/London.
 */
export interface CalendarEvent {
  readonly uid: string;
  readonly title: string;
  readonly description?: string;
  readonly location?: string;
  readonly status?: 'CONFIRMED' | 'CANCELLED';
  readonly transp?: 'TRANSPARENT' | 'OPAQUE';
  readonly organizer?: { readonly name: string; readonly email: string };
  readonly start: DateArray | string;
  readonly end: DateArray | string;
  readonly recurrenceRule?: string;
  readonly exclusionDates?: readonly (DateArray | string)[];
  readonly alarms?: readonly EventAlarm[];
  readonly attendees?: readonly EventAttendee[];
  readonly sequence: number;
  /** DTSTAMP, a UTC instant written 20261125T000000Z. */
  readonly timestamp: string;
  /** For one moved occurrence of a series: the day (or wall-clock time) it replaces. */
  readonly recurrenceId?: string;
}

/** The project manager, who organises every event (they must exist: the adapters check first). */
export function projectManager(plan: Plan): Person | undefined {
  return plan.answers.team.find((person) => person.role === PM_ROLE);
}

export const PM_ROLE = 'project-manager';

/**
 * The organiser of a feed without names (publish): METHOD:PUBLISH needs one (RFC 5546 §3.2.1), and
 * the role is all a feed says of people. `.invalid` (RFC 2606) goes nowhere, and says so.
 */
export const ANONYMOUS_ORGANIZER = {
  name: 'Migration project manager',
  email: 'project-manager@kickoff.invalid',
} as const;

/** A timed item without a duration still needs DTEND > DTSTART. */
const DEFAULT_MEETING_MINUTES = 60;

/** Who to ask: the reader of a diary entry wants a person, not a command. */
function footer(plan: Plan): string {
  const pm = projectManager(plan);
  // A feed without names (publish) keeps the role and says nothing of the person.
  const who =
    pm && (pm.name || pm.email)
      ? `${pm.name} (${pm.email}), the migration project manager`
      : 'the migration project manager';
  return `This is part of the practice's migration plan. Questions or a date that does not work: ask ${who}.`;
}

export interface EventContext {
  readonly isTombstone: boolean;
  readonly dtstamp: string;
  readonly sequence: number;
}

export function toEvent(plan: Plan, item: PlanItem, ctx: EventContext): CalendarEvent {
  const { uid, ...content } = eventContent(plan, item, ctx.isTombstone);
  return { uid, sequence: ctx.sequence, timestamp: ctx.dtstamp, ...content };
}

/** Everything an event shows but its SEQUENCE and DTSTAMP, in a fixed key order (the fingerprint's JSON). */
export type EventContent = Omit<CalendarEvent, 'sequence' | 'timestamp'>;

/**
 * Built once per plan, item and state: the fingerprint (publishing) and every calendar need the
 * same content, and building it (description, timing) is most of an event's cost. Plans and items
 * are never changed once made, so the cache cannot go stale; it goes when they do.
 */
const contents = new WeakMap<Plan, WeakMap<PlanItem, [EventContent?, EventContent?]>>();

export function eventContent(plan: Plan, item: PlanItem, isTombstone: boolean): EventContent {
  let byItem = contents.get(plan);
  if (!byItem) contents.set(plan, (byItem = new WeakMap()));
  let states = byItem.get(item);
  if (!states) byItem.set(item, (states = []));
  return (states[isTombstone ? 1 : 0] ??= buildContent(plan, item, isTombstone));
}

function buildContent(plan: Plan, item: PlanItem, isTombstone: boolean): EventContent {
  const timing = item.time === undefined ? allDayTiming(item) : timedTiming(item, item.time);
  const organizer = projectManager(plan);
  if (!organizer) throw new Error('an event was built for a plan without a project manager');
  return {
    uid: eventUid(plan.answers.practice.ods, item.id),
    // Named for the practice, so people in several practices' migrations can tell them apart; a
    // cancelled event says so in its title too, as Outlook's own do, for apps that ignore STATUS.
    title: `${isTombstone ? 'Cancelled: ' : ''}${oneLine(item.title)} — ${oneLine(plan.answers.practice.name)} (${plan.answers.practice.ods})`,
    description: cleanText(describe(plan, item, isTombstone)),
    ...(locationOf(plan, item) ? { location: oneLine(locationOf(plan, item)!) } : {}),
    status: isTombstone ? 'CANCELLED' : 'CONFIRMED',
    // Milestones and windows mark days, they don't block them; only meetings make you busy.
    transp: item.informational || item.time === undefined ? 'TRANSPARENT' : 'OPAQUE',
    organizer: organizer.email
      ? { name: paramText(organizer.name), email: organizer.email }
      : ANONYMOUS_ORGANIZER,
    start: timing.start,
    end: timing.end,
    ...(timing.recurrenceRule ? { recurrenceRule: timing.recurrenceRule } : {}),
    ...(timing.exclusionDates.length > 0 ? { exclusionDates: [...timing.exclusionDates] } : {}),
    // A cancelled event must not keep reminding anyone.
    ...(item.type === 'notice' && !isTombstone ? { alarms: noticeAlarms(item) } : {}),
  };
}

interface Timing {
  readonly start: DateArray | string;
  readonly end: DateArray | string;
  readonly recurrenceRule?: string;
  readonly exclusionDates: readonly (DateArray | string)[];
}

/**
 * VALUE=DATE with an exclusive end: `ics` passes `end` through, so the Mon–Fri window must be handed
 * Saturday. A recurring all-day item is one day per occurrence.
 */
function allDayTiming(item: PlanItem): Timing {
  const last = item.recurrence ? item.start : item.end;
  const timing = { start: toParts(item.start), end: toParts(addDays(last, 1)) };
  if (!item.recurrence) return { ...timing, exclusionDates: [] };
  return {
    ...timing,
    // With a DATE DTSTART, UNTIL must be a DATE too (RFC 5545 §3.3.10).
    recurrenceRule: `FREQ=WEEKLY;UNTIL=${basicDate(lastOccurrence(item.start, item.recurrence.until))}`,
    exclusionDates: sortedUnique(item.recurrence.except).map(basicDate),
  };
}

/**
 * Europe/London wall-clock times as floating strings ('20270315T100000'); `ics` passes strings
 * through, and postProcess adds the TZID. The end is start + duration on the wall clock.
 */
function timedTiming(item: PlanItem, time: string): Timing {
  const startMinutes = parseTime(time, item.id);
  const endMinutes = startMinutes + meetingMinutes(item);
  const endDay = addDays(item.start, Math.floor(endMinutes / 1440));
  const timing = { start: wallClock(item.start, startMinutes), end: wallClock(endDay, endMinutes % 1440) };
  if (!item.recurrence) return { ...timing, exclusionDates: [] };
  // UNTIL must be UTC when DTSTART has a TZID (RFC 5545 §3.3.10); the end of the last occurrence's
  // day in UTC covers it for any meeting from 01:00 on, and no later occurrence can sneak in.
  const until = `${basicDate(lastOccurrence(item.start, item.recurrence.until))}T235959Z`;
  return {
    ...timing,
    recurrenceRule: `FREQ=WEEKLY;UNTIL=${until}`,
    exclusionDates: sortedUnique(item.recurrence.except).map((day) => wallClock(day, startMinutes)),
  };
}

/**
 * A series' moved occurrences as override events: the same UID and SEQUENCE as the series, a
 * RECURRENCE-ID naming the day the series would meet on (it stays in the RRULE set), and the day it
 * meets instead. Chosen over EXDATE + RDATE: Outlook imports an RDATE only beside an RRULE and shows
 * it as the series' time, Google drops RDATEs after UNTIL, many clients ignore RDATE; UID +
 * RECURRENCE-ID exceptions are what Outlook (MS-OXCICAL), Google and Thunderbird all read as "this one
 * occurrence is elsewhere" (see ../shared/domain/calendars.md beside the repository). A cancelled series cancels them too.
 */
export function movedOccurrences(plan: Plan, item: PlanItem, series: CalendarEvent): CalendarEvent[] {
  const { recurrenceRule: _rule, exclusionDates: _except, ...rest } = series;
  if (!item.recurrence) return [];
  return movesOf(item.start, item.recurrence).map((move) => {
    const one: PlanItem = { ...item, start: move.to, end: move.to, recurrence: undefined };
    const timing = item.time === undefined ? allDayTiming(one) : timedTiming(one, item.time);
    const was =
      item.time === undefined ? basicDate(move.from) : wallClock(move.from, parseTime(item.time, item.id));
    return {
      ...rest,
      description: cleanText(
        `This week on ${formatLong(move.to)} instead of ${formatLong(move.from)} (a bank holiday or a day kept free of meetings).\n\n${series.description ?? ''}`,
      ),
      start: timing.start,
      end: timing.end,
      recurrenceId: was,
    };
  });
}

/** At least a minute, so DTEND is always after DTSTART. */
function meetingMinutes(item: Pick<PlanItem, 'durationMinutes'>): number {
  return Math.max(1, item.durationMinutes ?? DEFAULT_MEETING_MINUTES);
}

/** The last weekly occurrence on or before `until`. */
function lastOccurrence(start: CalendarDate, until: CalendarDate): CalendarDate {
  const weeks = Math.floor(Math.max(0, daysBetween(start, until)) / 7);
  return addDays(start, weeks * 7);
}

export function parseTime(time: string, itemId: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  // The plan's schema allows only HH:MM: anything else reaching here is kickoff's bug.
  if (!m) throw new Error(`item "${itemId}" has time "${time}", not HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function basicDate(day: CalendarDate): string {
  return day.replace(/-/g, '');
}

export function wallClock(day: CalendarDate, minutes: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${basicDate(day)}T${pad(Math.floor(minutes / 60))}${pad(minutes % 60)}00`;
}

function sortedUnique(days: readonly CalendarDate[]): CalendarDate[] {
  return [...new Set(days)].sort();
}

/**
 * A week before (09:00), and as the day begins. Both at or before the all-day event's start: Outlook
 * keeps one reminder and reads a trigger after the start (PT9H) as that long before it, and Google
 * ignores a file's reminders; docs/calendar-alarms.md has the evidence. Triggers in days and hours
 * only: `ics` writes `-P1WT` for weeks (invalid, and khal crashes on it). Alarm text is escaped here.
 */
function noticeAlarms(item: PlanItem): EventAlarm[] {
  return [
    {
      action: 'display',
      description: escapeText(`In one week: ${oneLine(item.title)}`),
      // 09:00 a week before the all-day deadline, like the 09:00 reminder on the day.
      trigger: { days: 6, hours: 15, before: true },
    },
    {
      action: 'display',
      description: escapeText(`Today: ${oneLine(item.title)}`),
      // The start of the day (PT0S): Outlook and Apple Calendar show it when the day begins.
      trigger: { minutes: 0, before: false },
    },
  ];
}

function describe(plan: Plan, item: PlanItem, isTombstone: boolean): string {
  const practice = plan.answers.practice;
  // A cancelled item may have left the plan: only what kickoff kept of it (title, dates) is known.
  if (isTombstone) {
    return [
      'Cancelled: this is no longer in the plan.',
      '',
      `${practice.name} (${practice.ods})`,
      `Was: ${when(item)}`,
      '',
      footer(plan),
    ].join('\n');
  }
  const lines = [
    `${practice.name} (${practice.ods})`,
    `${capitalise(item.type)}, phase: ${phaseTitle(plan, item.phase)}`,
    `When: ${when(item)}`,
    ...(item.thirdParty ? [`Third party: ${thirdPartyName(plan, item.thirdParty)}`] : []),
    ...ownerRoleIds(plan, item).map((role) => roleLine(plan, role)),
    ...namedLine(plan, item),
    ...(item.description ? ['', item.description] : []),
    '',
    footer(plan),
  ];
  return lines.join('\n');
}

function when(item: PlanItem): string {
  const span = item.time === undefined ? '' : `, ${timeSpan(item, item.time)}`;
  if (item.recurrence) {
    // To the last meeting, the day the pack, show and due name too (not the series' `until`).
    const range = `Every week from ${formatLong(item.start)} to ${formatLong(lastMeeting(item.start, item.recurrence))}`;
    return `${range}${span}${except(item)}`;
  }
  if (item.time !== undefined) return `${formatLong(item.start)}${span}`;
  if (item.start === item.end) return formatLong(item.start);
  return `${formatLong(item.start)} to ${formatLong(item.end)} (inclusive)`;
}

function timeSpan(item: PlanItem, time: string): string {
  return `${meetingHours(item, time)} UK time`;
}

/** A meeting's start and end on the wall clock, '10:00–12:00': the calendars' rule, for every output. */
export function meetingHours(item: Pick<PlanItem, 'id' | 'durationMinutes'>, time: string): string {
  const minutes = parseTime(time, item.id) + meetingMinutes(item);
  return `${time}–${hhmm(minutes % 1440)}`;
}

function except(item: PlanItem): string {
  const moves = (item.recurrence ? movesOf(item.start, item.recurrence) : []).map(
    (m) => `${formatLong(m.to)} instead of ${formatLong(m.from)}`,
  );
  const skipped = sortedUnique(item.recurrence?.except ?? []);
  return (
    (moves.length === 0 ? '' : `; moved off a bank holiday or a day kept free: ${moves.join(', ')}`) +
    (skipped.length === 0
      ? ''
      : `; not on ${skipped.map(formatLong).join(', ')} (no working day left that week)`)
  );
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function roleLine(plan: Plan, roleId: string): string {
  const title = plan.roles.find((role) => role.id === roleId)?.title ?? roleId;
  const people = plan.answers.team.filter((person) => person.role === roleId);
  // Roles only (a feed without names): the role is staffed, and that is all it says.
  if (people.length > 0 && people.every((person) => !person.name && !person.email)) return title;
  const names = people.map((person) => `${person.name} <${person.email}>`).join(', ');
  return `${title}: ${names || 'nobody named yet'}`;
}

/** The people named as owners on the item besides its roles: "Named: Sam Lee <sam.lee@nhs.net>". */
function namedLine(plan: Plan, item: PlanItem): string[] {
  const named = namedOwners(plan, item);
  if (named.length === 0) return [];
  return [
    `Named: ${named.map((person) => (person.email ? `${person.name} <${person.email}>` : person.name)).join(', ')}`,
  ];
}

function phaseTitle(plan: Plan, phaseId: string): string {
  return plan.phases.find((phase) => phase.id === phaseId)?.title ?? phaseId;
}

function thirdPartyName(plan: Plan, id: string): string {
  return plan.thirdParties.find((party) => party.id === id)?.name ?? id;
}

/**
 * `ics` escapes `\ ; ,` and LF, but a lone CR or other control character would pass through raw and
 * break the CRLF line structure; TEXT allows neither (RFC 5545 §3.3.11).
 */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/**
 * A title is one line. RFC 5545 allows an escaped `\n` in SUMMARY, but calcurse 4.7 skips the whole
 * event ("line break in summary"), so line breaks become spaces; DESCRIPTION keeps them.
 */
export function oneLine(text: string): string {
  return cleanText(text)
    .replace(/[ \t]*\n[ \t]*/g, ' ')
    .trim();
}

/** RFC 5545 §3.3.11 TEXT escaping, for the values `ics` writes without escaping. */
export function escapeText(text: string): string {
  return cleanText(text)
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/** A DQUOTEd parameter value cannot contain DQUOTE or controls; `ics` would write an invalid `\"`. */
export function paramText(text: string): string {
  return cleanText(text).replace(/["\n\t]/g, '');
}

/** '2026-11-25T00:00:00Z' → '20261125T000000Z'. Plain string work, so no Date and no time zone. */
export function toUtcStamp(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/.exec(iso);
  if (!m)
    throw new Error(
      `CalendarOptions.timestamp must be a UTC ISO instant like 2026-11-25T00:00:00Z, not "${iso}".`,
    );
  return `${m[1]}${m[2]}${m[3]}T${m[4]}${m[5]}${m[6]}Z`;
}

/** What the event's DESCRIPTION says, as plain text (for the body of an invitation e-mail). */
export function eventDescription(plan: Plan, item: PlanItem, cancelled: boolean): string {
  return cleanText(describe(plan, item, cancelled));
}
