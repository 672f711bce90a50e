/**
 * Fuzzing the answers (issue 13): whatever answers a pipeline hands kickoff, planning either gives a
 * plan or refuses with kickoff's own error (exit 1, 2 or 3), never an unexpected one (exit 70); and
 * every plan it accepts writes calendars that the independent checker passes (a sample of them, as
 * ics-check takes about a third of a second a file).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { calendarSet, publishPlan } from '../../src/adapters/calendar/calendar-set.js';
import { parsePlan } from '../../src/adapters/plan-file/read.js';
import { planPractice } from '../../src/app/plan-practice.js';
import { loadWorkspace, type Workspace } from '../../src/app/workspace.js';
import { addDays } from '../../src/domain/calendar.js';
import { NATIONS, type Answers, type CalendarDate } from '../../src/domain/types.js';
import { KickoffError } from '../../src/errors.js';
import { expectIcsCheckPasses } from '../helpers/ics-check.js';

const TODAY = '2026-11-25' as CalendarDate;
let workspace: Workspace;
beforeAll(async () => {
  workspace = await loadWorkspace();
});

const text = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  fc.constantFrom(
    "O'Neill, Dr",
    'Smith & Partners',
    '"The Grove"',
    'a: b # c',
    '10:00',
    'null',
    'مركز',
    '🏥',
  ),
);
const day = (from: number, span: number) =>
  fc.integer({ min: from, max: from + span }).map((n) => addDays(TODAY, n));

function answersArbitrary(template: Workspace['template']): fc.Arbitrary<Answers> {
  const roles = template.roles.map((r) => r.id);
  const parties = template.thirdParties.map((p) => p.id);
  const person = fc.record({
    role: fc.constantFrom(...roles),
    name: text,
    email: fc.emailAddress(),
  });
  return fc
    .record({
      practice: fc.record({ name: text, ods: fc.stringMatching(/^[A-Y]\d{5}$/) }),
      goLive: day(-30, 1500),
      nation: fc.constantFrom(...NATIONS),
      systems: fc.record({ current: text, new: text }),
      // A project manager first (kickoff needs one; leaving it out is tested elsewhere), then anyone.
      team: fc
        .tuple(person, fc.array(person, { maxLength: 4 }))
        .map(([pm, others]) => [{ ...pm, role: 'project-manager' }, ...others]),
      thirdParties: fc.array(
        fc.oneof(
          fc.constantFrom(...parties).map((id) => ({ id })),
          fc.record({
            name: text,
            notice: fc.record({
              amount: fc.integer({ min: 0, max: 30 }),
              unit: fc.constantFrom('d', 'wd', 'w'),
            }),
          }),
        ),
        { maxLength: 6 },
      ),
      absences: fc.array(
        fc
          .record({ who: text, from: day(0, 400), to: day(0, 400) })
          .map((a) => (a.to < a.from ? { ...a, from: a.to, to: a.from } : a)),
        { maxLength: 3 },
      ),
      kickoff: fc.option(day(-60, 900), { nil: undefined, freq: 4 }),
      meetingLocation: fc.option(text, { nil: undefined }),
    })
    .map(
      (a) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as unknown as Answers,
    );
}

describe('planning any answers', () => {
  it("gives a plan or refuses with kickoff's own error, and accepted plans read back", async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(answersArbitrary(workspace.template), async (answers) => {
        try {
          const result = await planPractice(answers, {
            dir: join(tmpdir(), 'never-written'),
            workspace,
            today: TODAY,
            dryRun: true,
          });
          accepted += 1;
          // What it would write reads back as the same answers' plan.
          const back = parsePlan(result.planText, 'kickoff.yaml', workspace.template).plan;
          expect(back.items.map((i) => i.id).sort()).toEqual(result.plan.items.map((i) => i.id).sort());
          expect(back.answers.practice.ods).toBe(answers.practice.ods);
        } catch (error) {
          if (!(error instanceof KickoffError)) throw error;
          refused += 1;
        }
      }),
      // A fixed seed: the counts below are then the same on every run (a new seed finds new cases
      // only when changed on purpose).
      { numRuns: 150, seed: 20261201 },
    );
    expect(accepted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(0);
  }, 120_000);

  it('writes calendars the independent checker passes, for a sample of accepted plans', async (ctx) => {
    const folder = mkdtempSync(join(tmpdir(), 'kickoff-fuzz-ics-'));
    const files: string[] = [];
    const sample = fc.sample(answersArbitrary(workspace.template), { numRuns: 60, seed: 13 });
    for (const answers of sample) {
      if (files.length >= 8) break;
      try {
        const { plan } = await planPractice(answers, { dir: folder, workspace, today: TODAY, dryRun: true });
        const [everything] = calendarSet(plan, publishPlan(plan, [], TODAY), {
          timestamp: `${TODAY}T00:00:00Z`,
          productVersion: '0.1.0',
        });
        const file = join(folder, `${files.length}-${everything!.fileName}`);
        writeFileSync(file, everything!.text);
        files.push(file);
      } catch (error) {
        if (!(error instanceof KickoffError)) throw error;
      }
    }
    expect(files.length).toBeGreaterThan(3);
    expectIcsCheckPasses(files, ctx);
  }, 120_000);
});
