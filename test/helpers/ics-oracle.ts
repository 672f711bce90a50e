/**
 * The `ics` package as the oracle for kickoff's own iCalendar serializer: the same event data rendered
 * with `createEvents`, then post-processed exactly as kickoff did when it used `ics` at run time
 * (unfold, add TZID / VALUE=DATE / lower-case mailto:, add NAME, X-WR-TIMEZONE and the VTIMEZONE,
 * fold by octets). Kept here verbatim from the serializer (then src/adapters/ics-writer.ts) as it was, so the comparison is
 * with the old code, not with a copy of the new one.
 */
import { createEvents, type EventAttributes } from 'ics';
import {
  calendarEvents,
  type CalendarContent,
  type SharedCalendarOptions,
} from '../../src/adapters/calendar/ics.js';
import type { Plan } from '../../src/domain/types.js';

const TZID = 'Europe/London';
const CRLF = '\r\n';
const MAX_OCTETS = 75;

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

export type OracleResult = { ok: true; text: string } | { ok: false; error: string };

/** One calendar, rendered by `ics` + the old post-processing; a validation error as its text. */
export function renderWithIcs(
  plan: Plan,
  content: CalendarContent,
  options: SharedCalendarOptions,
): OracleResult {
  const events = calendarEvents(plan, content, options);
  // The domain's event data is the shape `ics` takes (read-only lists aside).
  const { error, value } = createEvents(events as unknown as EventAttributes[], {
    productId: `-//kickoff//kickoff ${paramText(options.productVersion)}//EN`,
    method: 'PUBLISH',
    calName: escapeText(content.name),
  });
  if (error || value === null) return { ok: false, error: icsErrorText(error) };
  const hasTimed = [...content.items, ...(content.cancelled ?? [])].some((item) => item.time !== undefined);
  return { ok: true, text: postProcess(value, content.name, hasTimed) };
}

/** Content lines with folding undone. */
export function unfold(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split(CRLF);
}

function icsErrorText(error: Error | null): string {
  const details = (error as { errors?: unknown } | null)?.errors;
  if (Array.isArray(details) && details.length > 0) return details.map(String).join('; ');
  return error?.message ?? 'unknown error';
}

function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

function escapeText(text: string): string {
  return cleanText(text)
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

function paramText(text: string): string {
  return cleanText(text).replace(/["\n\t]/g, '');
}

function postProcess(raw: string, name: string, hasTimed: boolean): string {
  const lines = raw.replace(/\r\n[ \t]/g, '').split(CRLF);
  if (lines.at(-1) === '') lines.pop();
  // `ics` writes a zero trigger (the on-the-day reminder, at the day's start) as an empty 'PT',
  // which is not a duration; kickoff writes PT0S. The one place kickoff differs on purpose.
  const fixed = lines.map((line) => (/^TRIGGER:-?PT$/.test(line) ? 'TRIGGER:PT0S' : line)).map(fixLine);
  const extra = [`NAME:${escapeText(name)}`, `X-WR-TIMEZONE:${TZID}`, ...(hasTimed ? VTIMEZONE_LONDON : [])];
  const at = fixed.findIndex((line) => line === 'BEGIN:VEVENT' || line === 'END:VCALENDAR');
  fixed.splice(at, 0, ...extra);
  return fixed.map(foldLine).join(CRLF) + CRLF;
}

const FLOATING_TIMES = /^\d{8}T\d{6}(,\d{8}T\d{6})*$/;
const DATES = /^\d{8}(,\d{8})*$/;

function fixLine(line: string): string {
  // RECURRENCE-ID (moved occurrences) is newer than the old code; it gets what DTSTART and EXDATE get.
  const m = /^(DTSTART|DTEND|EXDATE|RECURRENCE-ID):(.*)$/.exec(line);
  if (m) {
    const [, prop, value] = m as unknown as [string, string, string];
    if (FLOATING_TIMES.test(value)) return `${prop};TZID=${TZID}:${value}`;
    if ((prop === 'EXDATE' || prop === 'RECURRENCE-ID') && DATES.test(value))
      return `${prop};VALUE=DATE:${value}`;
    return line;
  }
  return line.replace(/^(ORGANIZER;CN="[^"]*"):MAILTO:/, '$1:mailto:');
}

function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const unit of line.match(/\\.|./gsu) ?? []) {
    const size = Buffer.byteLength(unit, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += unit;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}
