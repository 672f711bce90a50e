/**
 * kickoff writes iCalendar text with its own serializer; the `ics` package (what it used before, and
 * what its users named) is the oracle. Random plans — awkward text (escapes, quotes, line breaks,
 * control characters, accents, emoji, long lines), all-day, multi-day, timed and weekly items, notices
 * with alarms, tombstones, revisions, odd organiser names and e-mails — are rendered both ways and must
 * give the same lines after unfolding, and the same bytes, or the same error.
 */
import fc from 'fast-check';
import { runs } from '../setup/fast-check.js';
import { describe, expect, it } from 'vitest';
import { calendarSet } from '../../src/adapters/calendar/calendar-set.js';
import { renderCalendar, type SharedCalendarOptions } from '../../src/adapters/calendar/ics.js';
import { addDays } from '../../src/domain/calendar.js';
import type { Publication, Revision } from '../../src/domain/calendar-events/publish.js';
import {
  ITEM_TYPES,
  type CalendarDate,
  type Person,
  type Plan,
  type PlanItem,
} from '../../src/domain/types.js';
import { InputError } from '../../src/errors.js';
import { renderWithIcs, unfold } from '../helpers/ics-oracle.js';

const ROLES = ['project-manager', 'lead-gp', 'trainer', 'it-lead'] as const;
const D = (text: string) => text as CalendarDate;

/** Text that tests escaping and folding: plain words, every special, and any code point. */
const awkward = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'Go-live',
        ' ',
        ';',
        ',',
        '\\',
        '\\n',
        '"',
        ':',
        '\n',
        '\r\n',
        '\r',
        '\t',
        '\u0000',
        '\u007f',
        'é',
        'Zoë',
        '–',
        '€',
        '😀',
        '👩‍⚕️',
        '🇬🇧',
        'MAILTO:',
        'DTSTART:20270101T100000',
        'a very long stretch of plain words that needs folding at seventy-five octets',
      ),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: 'grapheme-ascii', maxLength: 90 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const email = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('priya.shah@nhs.net', 'a@b.co', "o'brien+x@nhs-digital.nhs.uk") },
  { weight: 1, arbitrary: fc.constantFrom('zoë@nhs.net', 'x@-bad.net', '', 'no-at-sign') },
);

const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays(D('2026-01-01'), n));

const item = (id: string): fc.Arbitrary<PlanItem> =>
  fc
    .record({
      title: awkward,
      description: fc.option(awkward, { nil: undefined }),
      type: fc.constantFrom(...ITEM_TYPES),
      start: day,
      length: fc.integer({ min: 0, max: 12 }),
      time: fc.option(
        fc
          .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
          .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
        { nil: undefined },
      ),
      durationMinutes: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }),
      weeks: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      except: fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 3 }),
      // Occurrences held on another day of their week: [week, days later (negative: earlier)].
      moved: fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: -3, max: 3 })), {
        maxLength: 3,
      }),
      roles: fc.subarray([...ROLES]),
      thirdParty: fc.option(fc.constantFrom('eps', 'unknown-party'), { nil: undefined }),
      informational: fc.option(fc.boolean(), { nil: undefined }),
    })
    .map((r) => ({
      id,
      title: r.title,
      phase: 'prepare',
      type: r.type,
      start: r.start,
      end: addDays(r.start, r.length),
      roles: r.roles,
      origin: 'computed' as const,
      source: 'test',
      ...(r.description !== undefined ? { description: r.description } : {}),
      ...(r.time !== undefined ? { time: r.time } : {}),
      ...(r.durationMinutes !== undefined ? { durationMinutes: r.durationMinutes } : {}),
      ...(r.thirdParty !== undefined ? { thirdParty: r.thirdParty } : {}),
      ...(r.informational !== undefined ? { informational: r.informational } : {}),
      ...(r.weeks !== undefined
        ? {
            recurrence: {
              weekly: true as const,
              until: addDays(r.start, r.weeks * 7 + 3),
              except: r.except.map((w) => addDays(r.start, w * 7)),
              moved: [...new Map(r.moved.map(([w, by]) => [w, by])).entries()].map(([w, by]) => ({
                from: addDays(r.start, w * 7),
                to: addDays(r.start, w * 7 + by),
              })),
            },
          }
        : {}),
    }));

const person = fc.record({
  role: fc.constantFrom(...ROLES),
  name: awkward,
  email,
});

const scenario = fc
  .record({
    practiceName: awkward,
    meetingLocation: fc.option(awkward, { nil: undefined }),
    ods: fc.constantFrom('A81001', 'W00005', 'Y12345'),
    pm: fc.record({ role: fc.constant('project-manager'), name: awkward, email }),
    others: fc.array(person, { maxLength: 4 }),
    count: fc.integer({ min: 0, max: 8 }),
    calendarName: awkward,
    productVersion: fc.oneof(fc.constant('0.1.0'), awkward),
    timestamp: fc.constantFrom('2026-11-25T00:00:00Z', '2027-03-28T01:30:59.123Z'),
  })
  .chain((s) =>
    fc.record({
      s: fc.constant(s),
      items: fc.tuple(...Array.from({ length: s.count }, (_, i) => item(`item-${i}`))),
      cancelledFlags: fc.array(fc.boolean(), { minLength: s.count, maxLength: s.count }),
      revisions: fc.array(
        fc.option(fc.record({ sequence: fc.nat({ max: 40 }), since: day }), { nil: undefined }),
        { minLength: s.count, maxLength: s.count },
      ),
    }),
  );

function planOf(
  team: readonly Person[],
  practiceName: string,
  ods: string,
  items: readonly PlanItem[],
  meetingLocation?: string,
): Plan {
  return {
    template: { id: 'gp-migration', version: '1' },
    answers: {
      practice: { name: practiceName, ods },
      goLive: D('2027-04-19'),
      nation: 'england',
      systems: { current: 'EMIS Web', new: 'SystmOne' },
      team,
      thirdParties: [{ id: 'eps' }],
      absences: [],
      ...(meetingLocation ? { meetingLocation } : {}),
    },
    phases: [{ id: 'prepare', title: 'Preparation; and, "more"' }],
    roles: ROLES.map((id) => ({ id, title: `Role ${id}, with; text` })),
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

/** Our text, or the error it throws, in the oracle's terms. */
function ours(render: () => string): { ok: true; text: string } | { ok: false; error: string } {
  try {
    return { ok: true, text: render() };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { ok: false, error: error.message.replace(/^Could not build the calendar: /, '') };
  }
}

describe('the iCalendar serializer, against the ics package', () => {
  it('writes what createEvents + the old post-processing wrote, line for line and byte for byte', () => {
    fc.assert(
      fc.property(scenario, ({ s, items, cancelledFlags, revisions }) => {
        const plan = planOf([s.pm, ...s.others], s.practiceName, s.ods, items, s.meetingLocation);
        const live = items.filter((_, i) => !cancelledFlags[i]);
        const cancelled = items.filter((_, i) => cancelledFlags[i]);
        const revisionMap = new Map<string, Revision>();
        items.forEach((it, i) => {
          const r = revisions[i];
          if (r) revisionMap.set(it.id, r);
        });
        const options: SharedCalendarOptions = {
          timestamp: s.timestamp,
          productVersion: s.productVersion,
          revisions: revisionMap,
        };
        let expected;
        try {
          expected = renderWithIcs(plan, { name: s.calendarName, items: live, cancelled }, options);
        } catch (error) {
          // Errors raised before `ics` runs (a bad meeting time) are kickoff's own, thrown by both.
          expect(() => renderCalendar(plan, live, { ...options, name: s.calendarName, cancelled })).toThrow(
            (error as Error).message,
          );
          return;
        }
        const actual = ours(() =>
          renderCalendar(plan, live, { ...options, name: s.calendarName, cancelled }),
        );
        if (!expected.ok || !actual.ok) {
          expect(actual).toEqual(expected);
          return;
        }
        expect(unfold(actual.text)).toEqual(unfold(expected.text));
        expect(actual.text).toBe(expected.text);
        for (const line of actual.text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      }),
      { numRuns: runs(300) },
    );
  });

  it('renders each event once for a whole calendar set and still matches the oracle per calendar', () => {
    fc.assert(
      fc.property(scenario, ({ s, items, cancelledFlags }) => {
        const team = [s.pm, ...s.others].map((p) => ({ ...p, email: 'someone@nhs.net' }));
        const plan = planOf(team, s.practiceName, s.ods, items, s.meetingLocation);
        const publication: Publication = {
          events: [],
          revisions: new Map(),
          live: items.filter((_, i) => !cancelledFlags[i]),
          cancelled: items
            .filter((_, i) => cancelledFlags[i])
            .map((it, i) => ({ item: it, roles: it.roles, everywhere: i % 2 === 0 })),
          revised: [],
        };
        const options = { timestamp: s.timestamp, productVersion: '0.1.0' };
        let files;
        try {
          files = calendarSet(plan, publication, options);
        } catch (error) {
          if (error instanceof InputError) return; // e.g. a bad meeting time: covered above
          throw error;
        }
        const { name, ods } = plan.answers.practice;
        const staffed = plan.roles.filter((role) => team.some((p) => p.role === role.id));
        const expected = [
          renderWithIcs(
            plan,
            {
              name: `${name} (${ods}) migration`,
              items: publication.live,
              cancelled: publication.cancelled.filter((c) => c.everywhere).map((c) => c.item),
            },
            options,
          ),
          ...staffed.map((role) =>
            renderWithIcs(
              plan,
              {
                name: `${name} (${ods}) migration: ${role.title}`,
                items: publication.live.filter((it) => it.roles.includes(role.id)),
                cancelled: publication.cancelled.filter((c) => c.roles.includes(role.id)).map((c) => c.item),
              },
              options,
            ),
          ),
        ];
        expect(files.map((f) => ({ ok: true, text: f.text }))).toEqual(expected);
      }),
      { numRuns: runs(100) },
    );
  });
});
