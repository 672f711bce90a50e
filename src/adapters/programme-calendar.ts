/**
 * The programme calendar: the go-lives and final data productions of every practice in one .ics,
 * each event written by the practices' own serializer (ics-writer.ts) and gathered into one
 * VCALENDAR. UIDs are the practice's own with a `programme-` item prefix: stable across runs, and
 * distinct from the practice calendars' events, so both can be imported side by side.
 */
import { FDP_ID, GO_LIVE_ID } from '../domain/portfolio.js';
import type { Plan } from '../domain/types.js';
import { renderCalendar } from './ics-writer.js';

export interface ProgrammeCalendarOptions {
  readonly name: string;
  /** DTSTAMP: the injected clock, '2026-11-25T00:00:00Z'. */
  readonly timestamp: string;
  readonly productVersion: string;
}

const EVENT = /BEGIN:VEVENT\r\n[\s\S]*?END:VEVENT\r\n/g;

/** Plans in the order given (the caller sorts them); undefined when no plan has either date. */
export function renderProgrammeCalendar(
  plans: readonly Plan[],
  options: ProgrammeCalendarOptions,
): string | undefined {
  let header: string | undefined;
  const events: string[] = [];
  for (const plan of plans) {
    const items = plan.items
      .filter((i) => (i.id === GO_LIVE_ID || i.id === FDP_ID) && i.status !== 'not-needed')
      .map((i) => ({ ...i, id: `programme-${i.id}` }));
    if (items.length === 0) continue;
    const text = renderCalendar(plan, items, options);
    header ??= text.slice(0, text.indexOf('BEGIN:VEVENT'));
    events.push(...(text.match(EVENT) ?? []));
  }
  return header === undefined ? undefined : `${header}${events.join('')}END:VCALENDAR\r\n`;
}
