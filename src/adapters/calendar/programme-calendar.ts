/**
 * The programme calendar: the go-lives and final data productions of every practice in one .ics,
 * each event written by the practices' own serializer (ics.ts) and gathered into one
 * VCALENDAR. UIDs are the practice's own with a `programme-` item prefix: stable across runs, and
 * distinct from the practice calendars' events, so both can be imported side by side.
 */
import { FDP_ID, GO_LIVE_ID } from '../../domain/anchors.js';
import type { Plan } from '../../domain/types.js';
import { renderCalendar } from './ics.js';
import { byText } from '../../domain/order.js';

export interface ProgrammeCalendarOptions {
  readonly name: string;
  /** DTSTAMP: the injected clock, '2026-11-25T00:00:00Z'. */
  readonly timestamp: string;
  readonly productVersion: string;
}

const EVENT = /BEGIN:VEVENT\r\n[\s\S]*?END:VEVENT\r\n/g;

/** One practice's part of the programme calendar: its go-live and FDP events, rendered. */
export interface ProgrammeEvents {
  readonly ods: string;
  readonly file: string;
  readonly header?: string;
  readonly events: readonly string[];
}

export function programmeEvents(
  plan: Plan,
  file: string,
  options: ProgrammeCalendarOptions,
): ProgrammeEvents {
  const items = plan.items
    .filter((i) => (i.id === GO_LIVE_ID || i.id === FDP_ID) && i.status !== 'not-needed')
    .map((i) => ({ ...i, id: `programme-${i.id}` }));
  const base = { ods: plan.answers.practice.ods, file };
  if (items.length === 0) return { ...base, events: [] };
  const text = renderCalendar(plan, items, options);
  return { ...base, header: text.slice(0, text.indexOf('BEGIN:VEVENT')), events: text.match(EVENT) ?? [] };
}

/** The practices' events in one calendar, by ODS code then plan file; undefined when there are none. */
export function joinProgrammeEvents(parts: readonly ProgrammeEvents[]): string | undefined {
  const sorted = [...parts].sort((a, b) => byText(a.ods, b.ods) || byText(a.file, b.file));
  const header = sorted.find((p) => p.header !== undefined)?.header;
  if (header === undefined) return undefined;
  return `${header}${sorted.flatMap((p) => p.events).join('')}END:VCALENDAR\r\n`;
}
