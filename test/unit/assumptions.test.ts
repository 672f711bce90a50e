/**
 * What the template assumed, per nation (issue 23): counted from `assumed:` on date rules,
 * `noticeAssumed` on parties and `assumed:` on busy periods; the README's table says the same.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assumedReport } from '../../src/commands/check.js';
import { templateAssumptions } from '../../src/domain/assumptions.js';
import type { Template } from '../../src/domain/template.js';
import { nationName } from '../../src/domain/words.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { loadDefaults } from '../helpers/fixtures.js';

let template: Template;

beforeAll(async () => {
  ({ template } = await loadDefaults());
});

describe('templateAssumptions', () => {
  it('counts an item once when any of its date rules is assumed, with the reasoning', () => {
    const found = templateAssumptions(template);
    const idp = found.items.find((a) => a.id === 'initial-data-production');
    expect(idp?.reason).toMatch(/no source fixes IDP/);
    // Sourced: the data-extract request is 5 weeks before IDP (P-start).
    expect(found.items.map((a) => a.id)).not.toContain('data-extract-request');
    // Both rules assumed: one entry, both reasons.
    const cards = found.items.filter((a) => a.id === 'smartcard-ra-changes');
    expect(cards).toHaveLength(1);
    expect(cards[0]!.reason.split('; ').length).toBeGreaterThanOrEqual(2);
  });

  it('counts only what a nation has: no PCSE or FP10 window in Scotland, EPS sourced where it exists', () => {
    const { byNation, thirdParties } = templateAssumptions(template);
    const england = byNation.find((n) => n.nation === 'england')!;
    const scotland = byNation.find((n) => n.nation === 'scotland')!;
    expect(england.items.total).toBeGreaterThan(scotland.items.total);
    expect(scotland.busyPeriods.total).toBe(3); // no QOF, QAIF or Twelfth fortnight
    expect(thirdParties.map((p) => p.id)).not.toContain('eps');
    expect(thirdParties.map((p) => p.id)).not.toContain('pcse');
    for (const nation of byNation) expect(nation.items.assumed).toBeLessThan(nation.items.total);
  });

  it('agrees with the table in the README', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    for (const n of templateAssumptions(template).byNation) {
      const row = `| ${nationName(n.nation)} | ${n.items.assumed} of ${n.items.total} | ${n.thirdParties.assumed} of ${n.thirdParties.total} | ${n.busyPeriods.assumed} of ${n.busyPeriods.total} |`;
      expect(readme, `README row for ${n.nation}`).toContain(row);
    }
  });

  it('is reported per nation, then each assumption once with where it applies', () => {
    const report = assumedReport('nhs-england-gp 1.1.0', templateAssumptions(template));
    expect(report).toContain('Northern Ireland');
    expect(report).toMatch(/erd-report \(England\): /);
    expect(report).toContain('schedule.busy_twelfth_fortnight (Northern Ireland)');
    for (const line of report.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});
