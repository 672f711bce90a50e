/**
 * Fuzzing templates (issue 13): a CSU's own template with other offsets, anchors, rolls, items
 * removed or retyped, either fails the template check (reported at file:line:col by the loader) or
 * plans without an unexpected error: planning gives a plan or kickoff's own refusal, never exit 70.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { planPractice } from '../../src/app/plan-practice.js';
import { loadWorkspace, type Workspace } from '../../src/app/workspace.js';
import { findTemplateProblems } from '../../src/domain/template-check.js';
import type { DateRule, Template, TemplateItem } from '../../src/domain/template.js';
import { ITEM_TYPES, type CalendarDate } from '../../src/domain/types.js';
import { KickoffError } from '../../src/errors.js';
import { answersFor } from '../helpers/fixtures.js';

const TODAY = '2026-11-25' as CalendarDate;
let workspace: Workspace;
beforeAll(async () => {
  workspace = await loadWorkspace();
});

function mutated(template: Template): fc.Arbitrary<Template> {
  const ids = template.items.map((i) => i.id);
  const rule: fc.Arbitrary<DateRule> = fc.record(
    {
      from: fc.oneof(
        { weight: 30, arbitrary: fc.constantFrom(...ids) },
        { weight: 1, arbitrary: fc.constant('no-such-item') },
      ),
      at: fc.constantFrom('start' as const, 'end' as const),
      offset: fc.record({
        amount: fc.integer({ min: -60, max: 60 }),
        unit: fc.constantFrom('wd' as const, 'd' as const, 'w' as const, 'm' as const),
      }),
      roll: fc.constantFrom('previous' as const, 'next' as const),
    },
    { requiredKeys: ['from'] },
  );
  const change = (item: TemplateItem): fc.Arbitrary<TemplateItem | undefined> =>
    fc.oneof(
      { weight: 80, arbitrary: fc.constant(item) },
      { weight: 2, arbitrary: rule.map((start) => (item.start.answer ? item : { ...item, start })) },
      { weight: 1, arbitrary: fc.constantFrom(...ITEM_TYPES).map((type) => ({ ...item, type })) },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
  return fc
    .tuple(...template.items.map(change))
    .map((items) => ({ ...template, items: items.filter((i): i is TemplateItem => i !== undefined) }));
}

describe('planning with a changed template', () => {
  it('is refused by the template check or plans without an unexpected error', async () => {
    let checked = 0;
    let planned = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        mutated(workspace.template),
        fc.integer({ min: 30, max: 700 }),
        async (template, days) => {
          if (findTemplateProblems(template).length > 0) {
            checked += 1;
            return;
          }
          const goLive = new Date(Date.UTC(2026, 10, 25 + days)).toISOString().slice(0, 10) as CalendarDate;
          try {
            await planPractice(answersFor({ goLive }), {
              dir: '/nonexistent/never',
              workspace: { ...workspace, template },
              today: TODAY,
              dryRun: true,
            });
            planned += 1;
          } catch (error) {
            if (!(error instanceof KickoffError)) throw error;
            refused += 1;
          }
        },
      ),
      { numRuns: 120, seed: 20261201 },
    );
    expect(checked).toBeGreaterThan(5);
    expect(planned).toBeGreaterThan(5);
    expect(checked + planned + refused).toBeGreaterThan(100);
  }, 120_000);
});
