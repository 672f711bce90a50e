/**
 * A plan for each of the four nations, with every third party the template offers there, a lead GP
 * who is also the clinical safety officer and (in one plan per nation) a dispensary: the built
 * binary writes it, and its calendars pass the independent checker (../shared/tools/ics-check):
 * everything.ics, which holds every event, and the new clinical safety officer's calendar (each
 * role's calendar is a selection of the same events; test/e2e/schedule.test.ts checks them all).
 * Go-lives Thu 25 Mar 2027 (the QOF year end in England) and Tue 6 Apr 2027 (just after Easter).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate } from '../../src/adapters/inputs/template-loader.js';
import type { Template } from '../../src/domain/template.js';
import { NATIONS, type Nation } from '../../src/domain/types.js';
import { assertBuilt, kickoff, tempDir } from '../helpers/cli.js';
import { expectIcsCheckPasses } from '../helpers/ics-check.js';

let template: Template;

beforeAll(async () => {
  assertBuilt();
  template = await loadTemplate();
});

function answers(nation: Nation, goLive: string, dispensing: boolean): string {
  const parties = template.thirdParties
    .filter((p) => !p.nations || p.nations.includes(nation))
    .map((p) => `  - ${p.id}`);
  return [
    'practice: { name: Riverside Surgery, ods: B82005 }',
    `goLive: ${goLive}`,
    `nation: ${nation}`,
    'systems: { current: EMIS Web, new: Vision }',
    'team:',
    '  - { role: project-manager, name: Priya Shah, email: priya.shah@nhs.net }',
    '  - { role: practice-manager, name: Mark Doyle, email: mark.doyle@nhs.net }',
    "  - { role: lead-gp, name: 'Dr Zoë Adams', email: zoe.adams@nhs.net }",
    "  - { role: clinical-safety-officer, name: 'Dr Zoë Adams', email: zoe.adams@nhs.net }",
    '  - { role: trainer, name: Sam Lee, email: sam.lee@nhs.net }',
    'thirdParties:',
    ...parties,
    '  - { name: Local hospice, noticeDays: 12 }',
    'absences: []',
    `dispensing: ${dispensing}`,
    '',
  ].join('\n');
}

describe.each(NATIONS)('a plan for %s', (nation) => {
  it.for([
    ['2027-03-25', false],
    ['2027-04-06', true],
  ] as const)(
    'go-live %s (dispensing: %s): written, and its calendars pass ics-check',
    { timeout: 120_000 },
    ([goLive, dispensing], ctx) => {
      const dir = tempDir(`kickoff-${nation}-`);
      const file = join(dir, 'answers.yaml');
      writeFileSync(file, answers(nation, goLive, dispensing));
      const out = join(dir, 'plan');
      const run = kickoff(['init', '--answers', file, '--dir', out, '--yes', '--today', '2026-11-25']);
      expect(run.code, run.stderr).toBe(0);
      const plan = readFileSync(join(out, 'kickoff.yaml'), 'utf8');
      expect(plan).toContain('id: final-go-no-go');
      expect(plan).toContain('id: daily-stand-up-4');
      expect(plan.includes('id: dispensary-stock-take')).toBe(dispensing);
      expect(plan.includes('id: fp10-window')).toBe(nation === 'england');
      const calendars = readdirSync(join(out, 'calendars'));
      expect(calendars).toContain('b82005-clinical-safety-officer.ics');
      expectIcsCheckPasses(
        ['b82005-everything.ics', 'b82005-clinical-safety-officer.ics'].map((f) => join(out, 'calendars', f)),
        ctx,
      );
    },
  );
});
