/**
 * samePublished lets `calendar` and `schedule` skip writing out both `published:` records to see
 * that nothing changed. It must never say "same" of two records the plan would write differently.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/adapters/plan-file/read.js';
import { renderPublished } from '../../src/adapters/plan-file/write.js';
import { samePublished, type PublishedEvent } from '../../src/domain/calendar-events/publish.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { loadDefaults } from '../helpers/fixtures.js';
import { runs } from '../setup/fast-check.js';

const written = (events: readonly PublishedEvent[]) => renderPublished(events, false);

/** One event changed in one field, in a way a revision, a cancellation or a re-order could. */
const change = fc.record({
  at: fc.nat(),
  field: fc.constantFrom(
    'id',
    'sequence',
    'since',
    'fingerprint',
    'title',
    'start',
    'end',
    'time',
    'roles',
    'cancelled',
    'cancelledFor',
    'order',
  ),
  variant: fc.nat({ max: 3 }),
});

function changed(
  events: readonly PublishedEvent[],
  c: { at: number; field: string; variant: number },
): PublishedEvent[] {
  const copy = events.map((e) => ({ ...e })) as Record<string, unknown>[];
  const i = c.at % copy.length;
  const e = copy[i]!;
  const pick = <T>(...options: T[]) => options[c.variant % options.length]!;
  if (c.field === 'order') {
    const j = (i + 1) % copy.length;
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  } else if (c.field === 'roles')
    e.roles = pick([], [...(e.roles as string[])].reverse(), [...(e.roles as string[]), 'trainer']);
  else if (c.field === 'cancelled') e.cancelled = pick(true, false, undefined);
  else if (c.field === 'cancelledFor') e.cancelledFor = pick([], ['trainer'], undefined);
  else if (c.field === 'sequence') e.sequence = pick(0, 1, (e.sequence as number) + 1);
  else if (c.field === 'time') e.time = pick('10:00', undefined, '10:30');
  else e[c.field] = pick(e[c.field], `${String(e[c.field])}x`, '2027-03-15');
  return copy as unknown as PublishedEvent[];
}

describe('samePublished', () => {
  it('says "same" only of records written the same, and of a record and its copy', async () => {
    const { template } = await loadDefaults();
    const file = join(REPO_ROOT, 'test/golden/moved/after.yaml');
    const events = parsePlan(readFileSync(file, 'utf8'), file, template).published!;
    expect(events.length).toBeGreaterThan(40);
    expect(
      samePublished(
        events,
        events.map((e) => ({ ...e, roles: [...e.roles] })),
      ),
    ).toBe(true);
    let same = 0;
    let different = 0;
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 2 }), (changes) => {
        const other = changes.reduce(changed, events);
        if (samePublished(events, other)) {
          same += 1;
          expect(written(other)).toBe(written(events));
        } else if (written(other) !== written(events)) different += 1;
      }),
      { numRuns: runs(500) },
    );
    expect(same).toBeGreaterThan(10);
    expect(different).toBeGreaterThan(100);
  });
});
