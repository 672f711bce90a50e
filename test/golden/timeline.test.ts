/**
 * Golden timelines (`kickoff show`), with and without colour, from the reviewed christmas/ plan with
 * a few hand edits (a tick, a not-needed, a pin). Regenerate with UPDATE_GOLDEN=1 and read them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { Chalk } from 'chalk';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/adapters/plan-file/read.js';
import { resolveThirdParties } from '../../src/domain/schedule/resolve.js';
import type { Plan } from '../../src/domain/types.js';
import { renderTimeline, type TimelineOptions } from '../../src/render/timeline.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { D, loadDefaults } from '../helpers/fixtures.js';

const FOLDER = join(REPO_ROOT, 'test/golden/timeline');
let plan: Plan;

beforeAll(async () => {
  const { template } = await loadDefaults();
  const text = readFileSync(join(REPO_ROOT, 'test/golden/christmas/kickoff.yaml'), 'utf8')
    .replace(/(id: kick-off\n(?:.*\n)*?\s+status: )todo/, '$1done')
    .replace(/(id: technical-survey\n(?:.*\n)*?\s+status: )todo/, '$1doing')
    .replace(/(id: docman-notice\n(?:.*\n)*?\s+status: )todo/, '$1not-needed')
    .replace(/(id: clinical-risk-assessment\n(?:.*\n)*?\s+status: todo)/, '$1\n        pinned: true');
  const stored = parsePlan(text, 'christmas/kickoff.yaml', template);
  plan = { ...stored.plan, thirdParties: resolveThirdParties(template, stored.plan.answers) };
});

const COLOUR = new Chalk({ level: 1 });
const CASES: { name: string; options: () => TimelineOptions }[] = [
  { name: 'christmas.txt', options: () => ({ today: D('2026-10-14') }) },
  { name: 'christmas-colour.txt', options: () => ({ today: D('2026-10-14'), paint: COLOUR }) },
  {
    name: 'christmas-trainer-december.txt',
    options: () => ({ today: D('2026-12-02'), role: 'trainer', from: D('2026-12-01'), to: D('2027-01-31') }),
  },
];

describe.each(CASES)('golden timeline $name', ({ name, options }) => {
  let lines: string[];
  beforeAll(() => {
    lines = renderTimeline(plan, options());
  });

  it('matches the reviewed file', () => {
    const path = join(FOLDER, name);
    const actual = `${lines.join('\n')}\n`;
    if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual);
    expect(existsSync(path), `${path} is missing: run UPDATE_GOLDEN=1 npm test and review it`).toBe(true);
    expect(actual).toBe(readFileSync(path, 'utf8'));
  });

  it('fits 80 columns', () => {
    for (const line of lines) expect(stripVTControlCharacters(line).length, line).toBeLessThanOrEqual(80);
  });

  it('has colour exactly when asked for', () => {
    const coloured = lines.some((line) => stripVTControlCharacters(line) !== line);
    expect(coloured).toBe(name.includes('colour'));
  });
});
