import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runs } from '../setup/fast-check.js';
import { eventFingerprint } from '../../src/adapters/calendar/fingerprint.js';
import {
  foldLine,
  foldUnicode,
  renderCalendar,
  type CalendarOptions,
} from '../../src/adapters/calendar/ics.js';
import { InputError } from '../../src/errors.js';
import type { CalendarDate, Person, Plan, PlanItem } from '../../src/domain/types.js';
import { expectIcsCheckPasses } from '../helpers/ics-check.js';

const D = (text: string) => text as CalendarDate;

/** Comma, semicolon, accent and double quotes: everything that breaks naive CN/TEXT handling. */
const PM_NAME = 'Dr Zoë O\'Brien; Smith, "Jr"';
const TRICKY_TITLE = 'Dr Zoë O\'Brien; Smith, "Jr" \\ sign-off\nsecond line';
/** calcurse skips an event whose SUMMARY has a line break (even escaped), so titles become one line. */
const TRICKY_TITLE_ONE_LINE = 'Dr Zoë O\'Brien; Smith, "Jr" \\ sign-off second line';
const TRICKY_TITLE_ESCAPED = 'Dr Zoë O\'Brien\\; Smith\\, "Jr" \\\\ sign-off second line';
const TRICKY_DESCRIPTION =
  'Zoë’s “final” check; two lines,\nthen a backslash \\ – ünïcödé text long enough to need folding at seventy-five octets.';

const TEAM: readonly Person[] = [
  { role: 'clinical-lead', name: 'Anika Patel', email: 'anika.patel@nhs.net' },
  { role: 'project-manager', name: PM_NAME, email: 'zoe.obrien@nhs.net' },
  { role: 'project-manager', name: 'Second PM', email: 'second.pm@nhs.net' },
];

function item(partial: Partial<PlanItem> & Pick<PlanItem, 'id' | 'title' | 'type' | 'start'>): PlanItem {
  return {
    phase: 'prepare',
    end: partial.start,
    roles: ['project-manager'],
    origin: 'computed',
    source: 'test',
    ...partial,
  };
}

/** One of each shape the writer handles, deliberately not in date order. */
const ITEMS: readonly PlanItem[] = [
  item({ id: 'go-live', title: 'Go-live', type: 'milestone', start: D('2027-04-19'), phase: 'go-live' }),
  item({
    id: 'training',
    title: 'End-user training',
    type: 'window',
    start: D('2027-03-01'),
    end: D('2027-03-05'),
    roles: ['clinical-lead', 'project-manager'],
  }),
  item({
    id: 'eps-notice',
    title: 'Tell EPS; stop, then restart',
    type: 'notice',
    start: D('2027-02-15'),
    thirdParty: 'eps',
  }),
  item({
    id: 'jul-review',
    title: 'July review',
    type: 'meeting',
    start: D('2027-07-12'),
    time: '10:00',
    durationMinutes: 120,
  }),
  item({
    id: 'jan-review',
    title: 'January review',
    type: 'meeting',
    start: D('2027-01-11'),
    time: '10:00',
    durationMinutes: 120,
  }),
  item({
    id: 'weekly-checkpoint',
    title: 'Weekly checkpoint',
    type: 'meeting',
    start: D('2027-03-08'),
    time: '10:00',
    durationMinutes: 60,
    // Crosses Sun 28 Mar 2027 (clocks go forward); Easter Monday 29 Mar is skipped.
    recurrence: { weekly: true, until: D('2027-04-12'), except: [D('2027-03-29')] },
  }),
  item({
    id: 'clocks-forward',
    title: 'Clocks go forward',
    type: 'constraint',
    start: D('2027-03-28'),
    informational: true,
    roles: [],
  }),
  item({
    id: 'sign-off',
    title: TRICKY_TITLE,
    type: 'task',
    start: D('2027-04-01'),
    description: TRICKY_DESCRIPTION,
  }),
];

function makePlan(team: readonly Person[] = TEAM, items: readonly PlanItem[] = ITEMS): Plan {
  return {
    template: { id: 'gp-migration', version: '1' },
    answers: {
      practice: { name: 'Densham Surgery', ods: 'A81001' },
      goLive: D('2027-04-19'),
      nation: 'england',
      systems: { current: 'EMIS Web', new: 'SystmOne' },
      team,
      thirdParties: [{ id: 'eps' }],
      absences: [],
    },
    phases: [
      { id: 'prepare', title: 'Preparation' },
      { id: 'go-live', title: 'Go-live' },
    ],
    roles: [
      { id: 'project-manager', title: 'Project manager' },
      { id: 'clinical-lead', title: 'Clinical lead' },
    ],
    thirdParties: [
      {
        id: 'eps',
        name: 'Electronic Prescription Service',
        notice: { amount: 5, unit: 'w' },
        source: 'test',
      },
    ],
    items,
    diagnostics: [],
  };
}

const OPTIONS: CalendarOptions = {
  name: 'Densham Surgery, Exeter (A81001) migration — everything',
  timestamp: '2026-11-25T00:00:00Z',
  productVersion: '0.1.0',
};

/** One revision per [id, sequence, since]. */
const revisions = (...entries: [string, number, string][]): CalendarOptions['revisions'] =>
  new Map(entries.map(([id, sequence, since]) => [id, { sequence, since: since as CalendarDate }]));

const render = (items: readonly PlanItem[] = ITEMS, options: Partial<CalendarOptions> = {}) =>
  renderCalendar(makePlan(TEAM, items), items, { ...OPTIONS, ...options });

// ---------------------------------------------------------------- reading the output back

function unfold(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line !== '');
}

/** VEVENT blocks (lines between BEGIN and END, VALARMs included), keyed by UID. */
function events(ics: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of unfold(ics)) {
    if (line === 'BEGIN:VEVENT') current = [];
    else if (line === 'END:VEVENT' && current) {
      const uid = current.find((l) => l.startsWith('UID:'))?.slice(4) ?? '';
      // A moved occurrence shares its series' UID: keyed apart, by its RECURRENCE-ID.
      const rid = current.find((l) => l.startsWith('RECURRENCE-ID'));
      result.set(rid ? `${uid} ${rid}` : uid, current);
      current = undefined;
    } else current?.push(line);
  }
  return result;
}

function event(ics: string, id: string): string[] {
  const found = events(ics).get(`a81001-${id}@kickoff.invalid`);
  if (!found) throw new Error(`no event ${id}`);
  return found;
}

/** The value of the first `name` property (with any parameters), e.g. prop(ev, 'DTSTART'). */
function prop(lines: readonly string[], name: string): string | undefined {
  return lines.find((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`));
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function description(ics: string, id: string): string {
  return unescapeText(prop(event(ics, id), 'DESCRIPTION')?.slice('DESCRIPTION:'.length) ?? '');
}

// ---------------------------------------------------------------- tests

describe('renderCalendar: calendar shape', () => {
  const ics = render();
  const lines = unfold(ics);

  it('starts with the header kickoff promises and ends with END:VCALENDAR and a CRLF', () => {
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    for (const expected of [
      'VERSION:2.0',
      'PRODID:-//kickoff//kickoff 0.1.0//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'NAME:Densham Surgery\\, Exeter (A81001) migration — everything',
      'X-WR-CALNAME:Densham Surgery\\, Exeter (A81001) migration — everything',
      'X-WR-TIMEZONE:Europe/London',
    ]) {
      expect(lines.indexOf(expected), expected).toBeGreaterThan(0);
      expect(lines.indexOf(expected), expected).toBeLessThan(lines.indexOf('BEGIN:VTIMEZONE'));
    }
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('has CRLF line ends only, no blank lines, and every physical line within 75 octets', () => {
    const bytes = Buffer.from(ics, 'utf8');
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const physical = ics.slice(0, -2).split('\r\n');
    expect(physical.every((line) => line.length > 0)).toBe(true);
    for (const line of physical) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    // Folding must have happened (long lines exist), and never inside a UTF-8 character.
    expect(physical.some((line) => line.startsWith(' '))).toBe(true);
    // A fold never separates a TEXT escape: no physical line ends in an odd run of backslashes.
    for (const line of physical) expect(/(^|[^\\])(\\\\)*\\$/.test(line), line).toBe(false);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let start = 0;
    for (let i = 0; i < bytes.length - 1; i += 1) {
      if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
        expect(() => decoder.decode(bytes.subarray(start, i))).not.toThrow();
        start = i + 2;
      }
    }
  });

  it('emits one VEVENT per item, sorted by start, time and id', () => {
    const starts = lines.filter((l) => /^DTSTART[;:]/.test(l) && !/^DTSTART:19/.test(l));
    expect([...events(ics).keys()].map((uid) => uid.replace(/^a81001-|@kickoff\.invalid$/g, ''))).toEqual([
      'jan-review',
      'eps-notice',
      'training',
      'weekly-checkpoint',
      'clocks-forward',
      'sign-off',
      'go-live',
      'jul-review',
    ]);
    expect(starts).toHaveLength(8);
  });

  it('uses ORGANIZER = the first project manager (quoted CN, no DQUOTE inside) and no ATTENDEE', () => {
    expect(ics).not.toMatch(/^ATTENDEE/m);
    for (const ev of events(ics).values()) {
      expect(prop(ev, 'ORGANIZER')).toBe(
        'ORGANIZER;CN="Dr Zoë O\'Brien; Smith, Jr":mailto:zoe.obrien@nhs.net',
      );
    }
  });

  it('stamps every event with the injected clock in UTC', () => {
    for (const ev of events(ics).values()) expect(prop(ev, 'DTSTAMP')).toBe('DTSTAMP:20261125T000000Z');
  });

  it('marks live events CONFIRMED; informational and all-day TRANSPARENT, meetings OPAQUE', () => {
    for (const ev of events(ics).values()) expect(prop(ev, 'STATUS')).toBe('STATUS:CONFIRMED');
    expect(prop(event(ics, 'clocks-forward'), 'TRANSP')).toBe('TRANSP:TRANSPARENT');
    expect(prop(event(ics, 'go-live'), 'TRANSP')).toBe('TRANSP:TRANSPARENT');
    expect(prop(event(ics, 'jan-review'), 'TRANSP')).toBe('TRANSP:OPAQUE');
  });
});

describe('renderCalendar: all-day items', () => {
  const ics = render();

  it('gives a one-day milestone an exclusive DTEND the next day', () => {
    const ev = event(ics, 'go-live');
    expect(prop(ev, 'DTSTART')).toBe('DTSTART;VALUE=DATE:20270419');
    expect(prop(ev, 'DTEND')).toBe('DTEND;VALUE=DATE:20270420');
  });

  it('ends a Mon 1 – Fri 5 Mar window on Saturday 6 Mar (exclusive)', () => {
    const ev = event(ics, 'training');
    expect(prop(ev, 'DTSTART')).toBe('DTSTART;VALUE=DATE:20270301');
    expect(prop(ev, 'DTEND')).toBe('DTEND;VALUE=DATE:20270306');
  });

  it('keeps an informational item on its Sunday', () => {
    expect(prop(event(ics, 'clocks-forward'), 'DTSTART')).toBe('DTSTART;VALUE=DATE:20270328');
  });

  it('never writes DURATION or DTEND equal to DTSTART', () => {
    expect(ics).not.toMatch(/^DURATION/m);
    for (const ev of events(ics).values()) {
      expect(prop(ev, 'DTEND')?.split(':')[1]).not.toBe(prop(ev, 'DTSTART')?.split(':')[1]);
    }
  });
});

describe('renderCalendar: timed items in Europe/London', () => {
  const ics = render();
  const lines = unfold(ics);

  it('writes 10:00–12:00 wall-clock with TZID in GMT (January) and BST (July)', () => {
    for (const id of ['jan-review', 'jul-review']) {
      const day = id === 'jan-review' ? '20270111' : '20270712';
      expect(prop(event(ics, id), 'DTSTART')).toBe(`DTSTART;TZID=Europe/London:${day}T100000`);
      expect(prop(event(ics, id), 'DTEND')).toBe(`DTEND;TZID=Europe/London:${day}T120000`);
    }
  });

  it('includes exactly one VTIMEZONE, the Europe/London rules, before the first VEVENT', () => {
    expect(lines.filter((l) => l === 'BEGIN:VTIMEZONE')).toHaveLength(1);
    const from = lines.indexOf('BEGIN:VTIMEZONE');
    expect(from).toBeLessThan(lines.indexOf('BEGIN:VEVENT'));
    expect(lines.slice(from, lines.indexOf('END:VTIMEZONE') + 1)).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Europe/London',
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
    ]);
  });

  it('has no floating or UTC event times: every timed DTSTART/DTEND/EXDATE carries the TZID', () => {
    const times = lines.filter((l) => /^(DTSTART|DTEND|EXDATE)[;:]/.test(l) && /T\d{6}/.test(l));
    const inEvents = times.filter((l) => !l.startsWith('DTSTART:19'));
    expect(inEvents.length).toBeGreaterThan(0);
    for (const line of inEvents)
      expect(line).toMatch(/^(DTSTART|DTEND|EXDATE);TZID=Europe\/London:\d{8}T\d{6}$/);
  });

  it('omits the VTIMEZONE when every item is all-day', () => {
    const allDay = render(ITEMS.filter((i) => i.time === undefined));
    expect(allDay).not.toContain('VTIMEZONE');
    expect(allDay).not.toContain('TZID=');
    expect(unfold(allDay)).toContain('X-WR-TIMEZONE:Europe/London');
  });

  it('ends a meeting that runs past midnight on the next day', () => {
    const late = item({
      id: 'late',
      title: 'Late cutover call',
      type: 'meeting',
      start: D('2027-04-16'),
      time: '23:30',
      durationMinutes: 60,
    });
    const ev = event(render([late]), 'late');
    expect(prop(ev, 'DTEND')).toBe('DTEND;TZID=Europe/London:20270417T003000');
  });
});

describe('renderCalendar: weekly recurrence', () => {
  const ics = render();
  const ev = event(ics, 'weekly-checkpoint');

  it('is one VEVENT starting on the first occurrence, with RRULE UNTIL in UTC', () => {
    expect(unfold(ics).filter((l) => l === 'UID:a81001-weekly-checkpoint@kickoff.invalid')).toHaveLength(1);
    expect(prop(ev, 'DTSTART')).toBe('DTSTART;TZID=Europe/London:20270308T100000');
    expect(prop(ev, 'DTEND')).toBe('DTEND;TZID=Europe/London:20270308T110000');
    expect(prop(ev, 'RRULE')).toBe('RRULE:FREQ=WEEKLY;UNTIL=20270412T235959Z');
  });

  it('excludes the bank holiday at the meeting time (after the clocks change)', () => {
    expect(prop(ev, 'EXDATE')).toBe('EXDATE;TZID=Europe/London:20270329T100000');
  });

  it('stops UNTIL at the last real occurrence when `until` is not a meeting day', () => {
    const series = item({
      id: 'series',
      title: 'Series',
      type: 'meeting',
      start: D('2027-03-08'),
      time: '09:30',
      recurrence: { weekly: true, until: D('2027-03-25'), except: [] },
    });
    const lines = event(render([series]), 'series');
    expect(prop(lines, 'RRULE')).toBe('RRULE:FREQ=WEEKLY;UNTIL=20270322T235959Z');
    expect(prop(lines, 'EXDATE')).toBeUndefined();
  });
});

describe('renderCalendar: occurrences moved off a bank holiday', () => {
  // Mondays 8 Mar … 12 Apr 2027 at 10:00; Easter Monday 29 Mar is held on Tue 30 Mar (after the
  // clocks change on Sun 28 Mar, still 10:00 UK time).
  const weekly = item({
    id: 'weekly',
    title: 'Weekly migration meeting',
    type: 'meeting',
    start: D('2027-03-08'),
    time: '10:00',
    durationMinutes: 60,
    recurrence: {
      weekly: true,
      until: D('2027-04-12'),
      except: [],
      moved: [{ from: D('2027-03-29'), to: D('2027-03-30') }],
    },
  });
  // An all-day series on Fridays; Good Friday 26 Mar 2027 is held on Thu 25 Mar.
  const allDay = item({
    id: 'fridays',
    title: 'Friday check',
    type: 'task',
    start: D('2027-03-19'),
    recurrence: {
      weekly: true,
      until: D('2027-04-02'),
      except: [],
      moved: [{ from: D('2027-03-26'), to: D('2027-03-25') }],
    },
  });
  const ics = render([weekly, allDay], { revisions: revisions(['weekly', 3, '2026-11-20']) });
  const all = events(ics);
  const series = event(ics, 'weekly');
  const moved = all.get('a81001-weekly@kickoff.invalid RECURRENCE-ID;TZID=Europe/London:20270329T100000')!;

  it('keeps the series whole (no EXDATE) and adds one override with the same UID and SEQUENCE', () => {
    expect(prop(series, 'RRULE')).toBe('RRULE:FREQ=WEEKLY;UNTIL=20270412T235959Z');
    expect(prop(series, 'EXDATE')).toBeUndefined();
    expect(moved).toBeDefined();
    expect(prop(moved, 'UID')).toBe('UID:a81001-weekly@kickoff.invalid');
    expect(prop(moved, 'SEQUENCE')).toBe('SEQUENCE:3');
    expect(prop(series, 'SEQUENCE')).toBe('SEQUENCE:3');
    expect(prop(moved, 'RRULE')).toBeUndefined();
  });

  it('holds the override on the new day at the series’ time, and says why', () => {
    expect(prop(moved, 'DTSTART')).toBe('DTSTART;TZID=Europe/London:20270330T100000');
    expect(prop(moved, 'DTEND')).toBe('DTEND;TZID=Europe/London:20270330T110000');
    expect(unescapeText(prop(moved, 'DESCRIPTION')!)).toContain(
      'This week on Tue 30 Mar 2027 instead of Mon 29 Mar 2027',
    );
    expect(description(ics, 'weekly')).toContain('Tue 30 Mar 2027 instead of Mon 29 Mar 2027');
  });

  it('writes an all-day override with DATE values', () => {
    const friday = all.get('a81001-fridays@kickoff.invalid RECURRENCE-ID;VALUE=DATE:20270326')!;
    expect(prop(friday, 'DTSTART')).toBe('DTSTART;VALUE=DATE:20270325');
  });

  it('fingerprints the moves, so a changed move is a new revision of the series', () => {
    const plan = makePlan();
    const other = {
      ...weekly,
      recurrence: { ...weekly.recurrence!, moved: [{ from: D('2027-03-29'), to: D('2027-03-31') }] },
    };
    const none = { ...weekly, recurrence: { ...weekly.recurrence!, moved: [] } };
    const digests = [weekly, other, none].map((i) => eventFingerprint(plan, i, false));
    expect(new Set(digests).size).toBe(3);
    // A series with no moves hashes as it did before moves existed (no field added).
    const { moved: _moved, ...bare } = weekly.recurrence!;
    expect(eventFingerprint(plan, { ...weekly, recurrence: bare }, false)).toBe(digests[2]);
  });

  it('cancels the overrides with a cancelled series', () => {
    const gone = render([], { cancelled: [weekly] });
    const lines = unfold(gone).filter((l) => l.startsWith('STATUS:'));
    expect(lines).toEqual(['STATUS:CANCELLED', 'STATUS:CANCELLED']);
  });

  it('passes ../shared/tools/ics-check', (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'kickoff-moved-'));
    try {
      const file = join(dir, 'moved.ics');
      writeFileSync(file, ics);
      expectIcsCheckPasses([file], ctx);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('renderCalendar: notice alarms', () => {
  const ics = render();

  it('adds a display alarm a week before and one as the day begins, with escaped text', () => {
    const ev = event(ics, 'eps-notice');
    expect(ev.filter((l) => l === 'BEGIN:VALARM')).toHaveLength(2);
    expect(ev.filter((l) => l === 'ACTION:DISPLAY')).toHaveLength(2);
    // 09:00 a week before the all-day deadline (midnight − 6 days 15 hours), listed first: Outlook
    // keeps one reminder.
    const triggers = ev.filter((l) => l.startsWith('TRIGGER'));
    expect(triggers).toEqual(['TRIGGER:-P6DT15H', 'TRIGGER:PT0S']);
    expect(ev).toContain('DESCRIPTION:In one week: Tell EPS\\; stop\\, then restart');
    expect(ev).toContain('DESCRIPTION:Today: Tell EPS\\; stop\\, then restart');
  });

  it('never sets a reminder after an all-day event has begun (Outlook reads PT9H as 9 hours before)', () => {
    const triggers = unfold(ics).filter((l) => l.startsWith('TRIGGER'));
    expect(triggers.length).toBeGreaterThan(0);
    for (const line of triggers) expect(line).toMatch(/^TRIGGER:(-P\w+|PT0S)$/);
  });

  it('puts alarms on notices only and never writes P…T-style durations', () => {
    expect(unfold(ics).filter((l) => l === 'BEGIN:VALARM')).toHaveLength(2);
    expect(ics).not.toMatch(/P\d+[WD]T(?![0-9])/);
    expect(ics).not.toMatch(/TRIGGER:-?P\d+W/);
  });
});

describe('renderCalendar: text', () => {
  const ics = render();

  it('escapes SUMMARY per RFC 5545 §3.3.11 on one line, and unfolding restores it', () => {
    const summary = prop(event(ics, 'sign-off'), 'SUMMARY');
    expect(summary).toBe(`SUMMARY:${TRICKY_TITLE_ESCAPED} — Densham Surgery (A81001)`);
    expect(unescapeText(summary?.slice('SUMMARY:'.length) ?? '')).toBe(
      `${TRICKY_TITLE_ONE_LINE} — Densham Surgery (A81001)`,
    );
  });

  it('escapes DESCRIPTION, keeping line breaks as \\n, and unfolding restores it', () => {
    const raw = prop(event(ics, 'sign-off'), 'DESCRIPTION') ?? '';
    expect(raw).toContain('Zoë’s “final” check\\; two lines\\,\\nthen a backslash \\\\ – ünïcödé');
    expect(raw.slice('DESCRIPTION:'.length)).not.toMatch(/(?<!\\)[;,]/);
    expect(description(ics, 'sign-off')).toContain(TRICKY_DESCRIPTION);
  });

  it('describes practice, type, phase, dates in words, roles with people, and the footer', () => {
    const text = description(ics, 'training');
    expect(text).toContain('Densham Surgery (A81001)');
    expect(text).toContain('Window, phase: Preparation');
    expect(text).toContain('When: Mon 1 Mar 2027 to Fri 5 Mar 2027 (inclusive)');
    expect(text).toContain('Clinical lead: Anika Patel <anika.patel@nhs.net>');
    expect(text).toContain(`Project manager: ${PM_NAME} <zoe.obrien@nhs.net>, Second PM <second.pm@nhs.net>`);
    expect(text.split('\n').at(-1)).toBe(
      `This is part of the practice's migration plan. Questions or a date that does not work: ask ${PM_NAME} (zoe.obrien@nhs.net), the migration project manager.`,
    );
  });

  it('names the third party, the meeting time and the skipped bank holidays', () => {
    expect(description(ics, 'eps-notice')).toContain('Third party: Electronic Prescription Service');
    expect(description(ics, 'jul-review')).toContain('When: Mon 12 Jul 2027, 10:00–12:00 UK time');
    expect(description(ics, 'weekly-checkpoint')).toContain(
      'When: Every week from Mon 8 Mar 2027 to Mon 12 Apr 2027, 10:00–11:00 UK time; not on Mon 29 Mar 2027 (no working day left that week)',
    );
  });

  it("includes the item's own description", () => {
    expect(description(ics, 'sign-off')).toContain(`\n\n${TRICKY_DESCRIPTION}\n\n`);
  });

  it('drops a lone CR that would otherwise break the line structure', () => {
    const cr = item({ id: 'cr', title: 'One\rTwo', type: 'task', start: D('2027-04-01') });
    expect(prop(event(render([cr]), 'cr'), 'SUMMARY')).toBe('SUMMARY:One Two — Densham Surgery (A81001)');
  });
});

describe('renderCalendar: identity and revisions', () => {
  it('derives UIDs from practice and item id only, so moving an item keeps its UID', () => {
    const moved = ITEMS.map((i) =>
      i.id === 'go-live' ? { ...i, start: D('2027-05-03'), end: D('2027-05-03') } : i,
    );
    const before = [...events(render()).keys()];
    const after = [...events(render(moved)).keys()];
    expect(before).toContain('a81001-go-live@kickoff.invalid');
    expect(new Set(after)).toEqual(new Set(before));
  });

  it('writes SEQUENCE and DTSTAMP from the revisions, 0 and the timestamp for everything else', () => {
    const ics = render(ITEMS, { revisions: revisions(['go-live', 3, '2027-01-04']) });
    expect(prop(event(ics, 'go-live'), 'SEQUENCE')).toBe('SEQUENCE:3');
    expect(prop(event(ics, 'go-live'), 'DTSTAMP')).toBe('DTSTAMP:20270104T000000Z');
    expect(prop(event(ics, 'training'), 'SEQUENCE')).toBe('SEQUENCE:0');
    expect(prop(event(ics, 'training'), 'DTSTAMP')).toBe('DTSTAMP:20261125T000000Z');
  });

  it('publishes removed items as CANCELLED tombstones with the same UID, their sequence and no alarms', () => {
    const live = ITEMS.filter((i) => i.id !== 'eps-notice' && i.id !== 'training');
    const gone = ITEMS.filter((i) => i.id === 'eps-notice' || i.id === 'training');
    const ics = render(live, { cancelled: gone, revisions: revisions(['eps-notice', 2, '2026-11-25']) });
    const ev = event(ics, 'eps-notice');
    expect(prop(ev, 'STATUS')).toBe('STATUS:CANCELLED');
    expect(prop(ev, 'SEQUENCE')).toBe('SEQUENCE:2');
    expect(prop(ev, 'SUMMARY')).toBe(
      'SUMMARY:Cancelled: Tell EPS\\; stop\\, then restart — Densham Surgery (A81001)',
    );
    expect(ev).not.toContain('BEGIN:VALARM');
    expect(prop(event(ics, 'training'), 'STATUS')).toBe('STATUS:CANCELLED');
    expect(prop(event(ics, 'go-live'), 'STATUS')).toBe('STATUS:CONFIRMED');
    expect(events(ics).size).toBe(ITEMS.length);
  });

  it('refuses an item that is both live and cancelled (one UID per file)', () => {
    expect(() => render(ITEMS, { cancelled: [ITEMS[0]!] })).toThrow(InputError);
  });

  it('refuses a team without a project manager (PUBLISH needs an ORGANIZER)', () => {
    const team = TEAM.filter((p) => p.role !== 'project-manager');
    expect(() => renderCalendar(makePlan(team), ITEMS, OPTIONS)).toThrow(InputError);
  });

  it('refuses a timestamp that is not a UTC instant', () => {
    expect(() => render(ITEMS, { timestamp: '2026-11-25 00:00' })).toThrow(/UTC ISO instant/);
  });
});

describe('renderCalendar: determinism', () => {
  it('renders byte-identical output twice, and regardless of input order', () => {
    const first = render();
    expect(render()).toBe(first);
    expect(render([...ITEMS].reverse())).toBe(first);
  });

  it('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    const first = render();
    try {
      for (const zone of ['UTC', 'Europe/London', 'Pacific/Auckland', 'America/Los_Angeles']) {
        process.env.TZ = zone; // Node re-reads TZ on assignment, so this does take effect.
        expect(render(), zone).toBe(first);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('renderCalendar: independent checker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kickoff-ics-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes ../shared/tools/ics-check (structure + python-icalendar, ical.js, khal, calcurse)', (ctx) => {
    const live = join(dir, 'everything.ics');
    const tombstones = join(dir, 'with-tombstones.ics');
    writeFileSync(live, render());
    writeFileSync(
      tombstones,
      render(ITEMS.slice(1), {
        cancelled: ITEMS.slice(0, 1),
        revisions: revisions(['go-live', 1, '2026-11-26']),
      }),
    );
    expectIcsCheckPasses([live, tombstones], ctx);
  }, 180_000);
});

describe('renderCalendar: where meetings are held', () => {
  it('puts the answers’ meeting location on every meeting (the weekly series too), and on nothing else', () => {
    const plan = {
      ...makePlan(),
      answers: { ...makePlan().answers, meetingLocation: 'Room 2; or Teams, link in invite' },
    };
    const ics = renderCalendar(plan, ITEMS, OPTIONS);
    for (const id of ['jan-review', 'weekly-checkpoint'])
      expect(prop(event(ics, id), 'LOCATION')).toBe('LOCATION:Room 2\\; or Teams\\, link in invite');
    expect(prop(event(ics, 'eps-notice'), 'LOCATION')).toBeUndefined();
    expect(prop(event(render(), 'jan-review'), 'LOCATION')).toBeUndefined();
  });

  it('lets an item’s own location override the answers’ one, on any item a person gave one', () => {
    const plan = { ...makePlan(), answers: { ...makePlan().answers, meetingLocation: 'Room 2' } };
    const items = ITEMS.map((i) =>
      i.id === 'jan-review' || i.id === 'training' ? { ...i, location: 'Training suite, Block B' } : i,
    );
    const ics = renderCalendar(plan, items, OPTIONS);
    expect(prop(event(ics, 'jan-review'), 'LOCATION')).toBe('LOCATION:Training suite\\, Block B');
    expect(prop(event(ics, 'training'), 'LOCATION')).toBe('LOCATION:Training suite\\, Block B');
    expect(prop(event(ics, 'weekly-checkpoint'), 'LOCATION')).toBe('LOCATION:Room 2');
  });
});

describe('feed calendars (kickoff publish)', () => {
  const headerOf = (ics: string) => unfold(ics.slice(0, ics.indexOf('BEGIN:VEVENT')));

  it('adds REFRESH-INTERVAL, X-PUBLISHED-TTL, SOURCE and URL to the header, and nothing to the events', () => {
    const url = 'https://intranet.example.nhs.uk/kickoff/A81001/everything.ics';
    const plain = render();
    const feed = render(ITEMS, { refreshInterval: 'PT4H', url });
    const header = headerOf(feed);
    expect(header).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT4H');
    expect(header).toContain('X-PUBLISHED-TTL:PT4H');
    expect(header).not.toContain('X-PUBLISHED-TTL:PT1H');
    expect(header).toContain(`SOURCE;VALUE=URI:${url}`);
    expect(header).toContain(`URL:${url}`);
    expect(header).toContain('NAME:Densham Surgery\\, Exeter (A81001) migration — everything');
    expect(feed.slice(feed.indexOf('BEGIN:VEVENT'))).toBe(plain.slice(plain.indexOf('BEGIN:VEVENT')));
  });

  it('leaves a plain calendar as it was: X-PUBLISHED-TTL:PT1H, no REFRESH-INTERVAL, SOURCE or URL', () => {
    const header = headerOf(render());
    expect(header).toContain('X-PUBLISHED-TTL:PT1H');
    expect(header.some((line) => /^(REFRESH-INTERVAL|SOURCE|URL)[;:]/.test(line))).toBe(false);
  });

  it('folds a long feed URL at 75 octets and reads it back whole', () => {
    const url = `https://intranet.example.nhs.uk/${'a-long-path/'.repeat(8)}A81001/everything.ics`;
    const feed = render(ITEMS, { refreshInterval: 'P1D', url });
    for (const line of feed.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(headerOf(feed)).toContain(`URL:${url}`);
  });
});

describe('folding long lines', () => {
  it('folds any other line exactly as the code-point-by-code-point folder does (property)', () => {
    // Characters of one to four octets, and backslashes.
    const unit = fc.constantFrom('a', ' ', '\\', 'n', ';', 'é', 'ë', '—', '…', '😀', '中');
    fc.assert(
      fc.property(fc.string({ unit, minLength: 20, maxLength: 300, size: 'max' }), (text) => {
        const line = `SUMMARY:${text}`;
        expect(foldLine(line)).toBe(foldUnicode(line));
        expect(foldLine(line).replace(/\r\n /g, '')).toBe(line);
      }),
      { numRuns: runs(500) },
    );
  });

  it('folds a line with half a surrogate pair on its own as the code-point folder does', () => {
    const line = `SUMMARY:${'é'.repeat(30)}\ud800${'a'.repeat(40)}—\\n${'b'.repeat(30)}`;
    expect(foldLine(line)).toBe(foldUnicode(line));
    expect(foldLine(line)).toContain('\ud800');
  });

  it('never splits a backslash pair at a cut, the last pair of a line too', () => {
    const head = 'DESCRIPTION:';
    for (const line of [
      `${head}${'a'.repeat(62)}\\n`, // 76 octets, the pair on octets 75 and 76
      `${head}${'a'.repeat(62)}\\nb`,
      `${head}${'a'.repeat(63)}\\n${'b'.repeat(72)}\\;`, // the pair again at the next line's cut
      `${head}${'a'.repeat(61)}\\\\\\n`, // \\ then \n: pairs on 74-75 and 76-77
    ]) {
      expect(foldLine(line)).toBe(foldUnicode(line));
      expect(
        foldLine(line)
          .split('\r\n ')
          .some((part) => /(^|[^\\])(\\\\)*\\$/.test(part)),
      ).toBe(false);
    }
  });

  it('folds an all-ASCII line exactly as the code-point-by-code-point folder does (property)', () => {
    // Long enough to fold, several times: fast-check's default size keeps strings to a few characters.
    const ascii = fc.string({
      unit: fc.constantFrom('a', ' ', '\\', 'n', ',', ';', 'Z'),
      minLength: 50,
      maxLength: 400,
      size: 'max',
    });
    fc.assert(
      fc.property(ascii, (text) => {
        const line = `DESCRIPTION:${text}`;
        expect(foldLine(line)).toBe(foldUnicode(line));
        expect(foldLine(line).replace(/\r\n /g, '')).toBe(line);
      }),
      { numRuns: runs(500) },
    );
  });
});
