/**
 * The only place that reads the real clock. `--today` or SOURCE_DATE_EPOCH override it, so the
 * same inputs give the same bytes.
 */
import { parseCalendarDate } from '../domain/calendar.js';
import { londonDate } from '../domain/london-time.js';
import type { CalendarDate } from '../domain/types.js';
import { UsageError } from '../errors.js';

export interface Clock {
  /** The day it is in England. */
  readonly today: CalendarDate;
  /** DTSTAMP for calendars: midnight UTC of `today`, so it changes only when today does. */
  readonly timestamp: string;
  /**
   * The instant now, for the plan's history: the real time, or `timestamp` when today is given
   * (--today, SOURCE_DATE_EPOCH), so a repeatable run is repeatable there too.
   */
  readonly now: string;
}

/** A date given on the command line (--today, --from, --since …): a usage error naming the flag. */
export function dateFlag(flag: string, text: string | undefined): CalendarDate | undefined {
  if (text === undefined) return undefined;
  const parsed = parseCalendarDate(text);
  if (!parsed.ok) throw new UsageError(`${flag}: ${parsed.message}`);
  return parsed.date;
}

export function readClock(todayFlag?: string, env: NodeJS.ProcessEnv = process.env): Clock {
  let today: CalendarDate;
  let now: string | undefined;
  if (todayFlag !== undefined) {
    today = dateFlag('--today', todayFlag)!;
  } else if (env.SOURCE_DATE_EPOCH && /^\d+$/.test(env.SOURCE_DATE_EPOCH)) {
    today = londonDate(new Date(Number(env.SOURCE_DATE_EPOCH) * 1000));
  } else {
    const instant = new Date();
    today = londonDate(instant);
    now = instant.toISOString();
  }
  const timestamp = `${today}T00:00:00Z`;
  return { today, timestamp, now: now ?? timestamp };
}
