/**
 * The direct plan writer (plan-file/dialect-write.ts) must give exactly the yaml library's bytes for the same
 * layout, or decline. Checked on the shipped example and on plans whose every piece of text is
 * generated: names with quotes, colons, hashes, brackets, numbers-as-text, unicode, and more.
 */
import fc from 'fast-check';
import { runs } from '../setup/fast-check.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { planLayout, writeWithYaml } from '../../src/adapters/plan-file/write.js';
import { writeLayout } from '../../src/adapters/plan-file/dialect-write.js';
import { publishPlan } from '../../src/adapters/calendar/calendar-set.js';
import type { Template } from '../../src/domain/template.js';
import type { HolidayTable } from '../../src/domain/calendar.js';
import type { Plan } from '../../src/domain/types.js';
import { LONG_AGO, loadDefaults, scheduleWith } from '../helpers/fixtures.js';

let template: Template;
let holidays: HolidayTable;
beforeAll(async () => {
  ({ template, holidays } = await loadDefaults());
});

const meta = { version: '0.1.0', today: LONG_AGO };

function bothWriters(plan: Plan): { direct: string | undefined; yaml: string } {
  const layout = planLayout(plan, meta, publishPlan(plan, [], LONG_AGO).events);
  return { direct: writeLayout(layout), yaml: writeWithYaml(layout) };
}

/** Text people type, weighted towards what YAML treats specially. */
const awkward = fc.oneof(
  fc.string({ minLength: 1 }),
  fc.string({ unit: 'grapheme', minLength: 1 }),
  fc.constantFrom(
    'Patel, Anika',
    "Dr Siân O'Neill",
    'Say "hello"',
    `It's "both"`,
    'a: b',
    'a #b',
    '#tag',
    '- x',
    '? q',
    'true',
    'No',
    'null',
    '~',
    '12',
    '0o17',
    '0x1F',
    '1e3',
    '.5',
    '-.inf',
    '2027-01-11',
    '10:00',
    '[x]',
    '{y}',
    'a,b',
    '%pc',
    '@at',
    '`tick`',
    '|pipe',
    '>fold',
    '!bang',
    '&amp',
    '*star',
    'trailing ',
    ' leading',
    'tab\there',
    'line\nbreak',
    '---',
    '...',
    'x'.repeat(1200),
    'é ü 😀',
    '\u2028',
    'nul\u0000',
    'del\u007f',
    '',
  ),
);

describe('writeLayout, the direct plan writer', () => {
  it('writes the example plan itself (does not decline) and equals the yaml library', () => {
    const { direct, yaml } = bothWriters(scheduleWith({ template, holidays }, {}, LONG_AGO));
    expect(direct).toBeDefined();
    expect(direct).toBe(yaml);
  });

  it('equals the yaml library byte for byte whenever it writes (property)', () => {
    let written = 0;
    fc.assert(
      fc.property(awkward, awkward, awkward, awkward, awkward, (name, person, title, description, place) => {
        const base = scheduleWith({ template, holidays }, {}, LONG_AGO);
        const plan: Plan = {
          ...base,
          answers: {
            ...base.answers,
            practice: { ...base.answers.practice, name },
            team: [...base.answers.team, { role: 'trainer', name: person, email: 'x@nhs.net' }],
            meetingLocation: place,
          },
          items: base.items.map((item, i) => (i === 0 ? { ...item, title, description } : item)),
        };
        const { direct, yaml } = bothWriters(plan);
        if (direct === undefined) return;
        written += 1;
        expect(direct).toBe(yaml);
      }),
      { numRuns: runs(150) },
    );
    expect(written).toBeGreaterThan(30);
  });
});
