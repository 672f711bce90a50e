/** Just enough iCalendar reading for tests: unfold lines and take each VEVENT's properties. */

export interface EventProps {
  readonly uid: string;
  readonly dtstart: string;
  readonly sequence: number;
  readonly status: string;
  /**
   * Every line of the VEVENT (its alarms' too) but UID, unfolded and sorted: the same event whatever
   * a client did to its UID, line order or folding.
   */
  readonly content: string;
}

/**
 * Every VEVENT in the text. A moved week of a series (RECURRENCE-ID) is an event of its own, named
 * by its component identity: its series' UID and its RECURRENCE-ID (RFC 5545 §3.8.4.4).
 */
export function eventsIn(text: string): EventProps[] {
  const lines = text.replace(/\r\n[ \t]/g, '').split(/\r?\n/);
  const events: EventProps[] = [];
  let current: Map<string, string> | undefined;
  let content: string[] = [];
  for (const line of lines) {
    if (current && line !== 'END:VEVENT' && !/^UID[:;]/.test(line)) content.push(line);
    if (line === 'BEGIN:VEVENT') {
      current = new Map();
      content = [];
    } else if (line === 'END:VEVENT' && current) {
      events.push({
        uid: [current.get('UID') ?? '', current.get('RECURRENCE-ID')].filter(Boolean).join(' '),
        dtstart: current.get('DTSTART') ?? '',
        sequence: Number(current.get('SEQUENCE') ?? 0),
        status: current.get('STATUS') ?? '',
        content: content.sort().join('\n'),
      });
      current = undefined;
    } else if (current) {
      const m = /^([A-Z-]+)(?:;[^:]*)?:(.*)$/.exec(line);
      // The event's own properties, not its alarms' (VALARM has no UID or DTSTART anyway).
      if (m && !current.has(m[1]!)) current.set(m[1]!, m[2]!);
    }
  }
  return events;
}
