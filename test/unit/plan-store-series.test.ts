/**
 * The plan file's `moved:` (weeks of the weekly meeting held on another day) and `location:`:
 * written, read back the same, and rewritten in place when the moves change. Dates by hand: go-live
 * Mon 14 Jun 2027 → kick-off Mon 15 Mar, weekly meetings on Mondays from 22 Mar until Thu 29 Jul
 * 2027; Easter Monday 29 Mar, Mon 3 May and Mon 31 May move to the Tuesdays after.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { editPlanText } from '../../src/adapters/plan-file/edit.js';
import { parsePlan } from '../../src/adapters/plan-file/read.js';
import { renderPlan } from '../../src/adapters/plan-file/write.js';
import type { HolidayTable } from '../../src/domain/calendar.js';
import type { Template } from '../../src/domain/template.js';
import type { OccurrenceMove, Plan } from '../../src/domain/types.js';
import { D, loadDefaults, scheduleWith } from '../helpers/fixtures.js';

let template: Template;
let holidays: HolidayTable;
let plan: Plan;
const META = { version: '0.1.0', today: D('2026-11-25') };
const ID = 'weekly-migration-meeting';

beforeAll(async () => {
  ({ template, holidays } = await loadDefaults());
  plan = scheduleWith({ template, holidays }, {}, D('2026-11-25'));
});

const seriesOf = (p: Plan) => p.items.find((i) => i.id === ID)!;
const withSeries = (
  p: Plan,
  change: (moved: readonly OccurrenceMove[]) => OccurrenceMove[],
  location?: string,
) => ({
  ...p,
  items: p.items.map((i) =>
    i.id === ID
      ? {
          ...i,
          ...(location ? { location } : {}),
          recurrence: { ...i.recurrence!, moved: change(i.recurrence!.moved ?? []) },
        }
      : i,
  ),
});

describe('the plan file: moved weeks and locations', () => {
  it('writes the moves as one readable map under repeatsWeeklyUntil, and reads them back', () => {
    const text = renderPlan(plan, META, []);
    expect(text).toContain(
      '        repeatsWeeklyUntil: 2027-07-29\n        moved: { 2027-03-29: 2027-03-30, 2027-05-03: 2027-05-04, 2027-05-31: 2027-06-01 }\n',
    );
    expect(seriesOf(parsePlan(text, 'kickoff.yaml', template).plan).recurrence).toEqual(
      seriesOf(plan).recurrence,
    );
  });

  it('writes an item’s own location and reads it back', () => {
    const text = renderPlan(
      withSeries(plan, (m) => [...m], 'Room 2; Teams link in the invite'),
      META,
      [],
    );
    expect(text).toContain('        duration: 1h\n        location: Room 2; Teams link in the invite\n');
    expect(seriesOf(parsePlan(text, 'kickoff.yaml', template).plan).location).toBe(
      'Room 2; Teams link in the invite',
    );
  });

  it('rewrites only the moved map when the moves change, keeping a comment beside it and every other byte', () => {
    const text = renderPlan(plan, META, []).replace('2027-06-01 }\n', '2027-06-01 }   # Priya agreed\n');
    const before = parsePlan(text, 'kickoff.yaml', template).plan;
    const after = withSeries(before, (m) => [{ ...m[0]!, to: D('2027-04-01') }, ...m.slice(1)]);
    const written = editPlanText(text, { before, after, published: [] });
    const changed = written.split('\n').filter((line, i) => line !== text.split('\n')[i]);
    expect(changed.filter((l) => !l.startsWith('published'))).toEqual([
      '        moved: { 2027-03-29: 2027-04-01, 2027-05-03: 2027-05-04, 2027-05-31: 2027-06-01 }   # Priya agreed',
    ]);
  });

  it('removes the moved line when no week moves any more, and adds it back with its comment', () => {
    const text = renderPlan(plan, META, []);
    const before = parsePlan(text, 'kickoff.yaml', template).plan;
    const none = withSeries(before, () => []);
    const without = editPlanText(text, { before, after: none, published: [] });
    expect(without).not.toMatch(/^\s+moved:/m);
    const back = editPlanText(without, {
      before: parsePlan(without, 'kickoff.yaml', template).plan,
      after: before,
      published: [],
    });
    expect(back.slice(0, back.indexOf('\npublished:'))).toBe(text.slice(0, text.indexOf('\npublished:')));
  });
});
