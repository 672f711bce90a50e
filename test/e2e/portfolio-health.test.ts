/**
 * Each practice's own health in kickoff portfolio (built binary): a plan whose EPS notice was missed
 * and whose go-live can no longer be met is red, with those reasons, in the timeline, the JSON and
 * the web page, and portfolio exits 1; a sound plan beside it is not red.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, kickoff, planOakwood, tempDir } from '../helpers/cli.js';

/** The day the programme is read: after the example's EPS notice day (Mon 8 Mar 2027). */
const LATE = '2027-03-25';
let dir: string;

interface Health {
  status: string;
  actions: { done: number; total: number; percentDone: number };
  nextMilestone?: { id: string; title: string; date: string };
  reasons: { severity: string; code: string; message: string }[];
}

beforeAll(() => {
  assertBuilt();
  dir = tempDir('kickoff-health-');
  // The example practice, planned in November for go-live on 19 April 2027.
  const late = kickoff(['init', '--example', '--dir', join(dir, 'A81001'), '--today', '2026-11-25']);
  expect(late.code, late.stderr).toBe(0);
  // A second practice with its own people, going live in the autumn: nothing of it is late yet.
  const sound = planOakwood(dir);
  expect(sound.code, sound.stderr).toBe(0);
}, 120_000);

describe('kickoff portfolio: each practice its own health', () => {
  it('shows a plan with a missed notice as red in the timeline, with its reasons, and exits 1', () => {
    const run = kickoff(['portfolio', dir, '--today', LATE]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^R A81001 The Den/m);
    expect(run.stdout).not.toMatch(/^R A81002/m);
    expect(run.stdout).toContain("Each practice's own plan: 1 red,");
    expect(run.stdout).toContain('RED A81001 The Densham Surgery');
    expect(run.stdout).toContain('"Last day to give Electronic Prescription Service (EPS) notice of the');
    expect(run.stdout).toContain('Go-live Mon 19 Apr 2027 leaves too little time');
    expect(run.stdout).toMatch(/0% of actions done \(0 of \d+\); next: /);
  });

  it('gives the status, reasons, share done and next milestone in --json', () => {
    const run = kickoff(['portfolio', dir, '--json', '--today', LATE]);
    expect(run.code, run.stderr).toBe(1);
    const json = JSON.parse(run.stdout) as {
      problems: unknown[];
      practices: { ods: string; health: Health }[];
    };
    expect(json.problems).toEqual([]);
    const [late, sound] = ['A81001', 'A81002'].map(
      (ods) => json.practices.find((p) => p.ods === ods)!.health,
    );
    expect(late!.status).toBe('red');
    expect(late!.reasons.filter((r) => r.severity === 'error').map((r) => r.code)).toEqual(
      expect.arrayContaining(['schedule.infeasible', 'schedule.notice_in_past']),
    );
    expect(late!.nextMilestone!.date >= LATE).toBe(true);
    expect(sound!.status).not.toBe('red');
    expect(sound!.reasons.some((r) => r.severity === 'error')).toBe(false);
    expect(sound!.actions.total).toBeGreaterThan(0);
  });

  it('counts ticked actions in the share done', () => {
    const work = tempDir('kickoff-health-tick-');
    const init = kickoff(['init', '--example', '--dir', work, '--today', '2026-11-25']);
    expect(init.code, init.stderr).toBe(0);
    const tick = kickoff(['tick', 'kick-off', '--plan', work, '--today', '2026-11-25']);
    expect(tick.code, tick.stderr).toBe(0);
    const run = kickoff(['portfolio', work, '--json', '--today', '2026-11-25']);
    const health = (JSON.parse(run.stdout) as { practices: { health: Health }[] }).practices[0]!.health;
    expect(health.actions.done).toBe(1);
    expect(health.actions.percentDone).toBe(Math.floor(100 / health.actions.total));
  });

  it('is green with an exit of 0 when the plan is sound and nothing is late', () => {
    const run = kickoff(['portfolio', join(dir, 'A81002'), '--json', '--today', '2026-11-25']);
    const health = (JSON.parse(run.stdout) as { practices: { health: Health }[] }).practices[0]!.health;
    expect(health.reasons.filter((r) => r.severity === 'error')).toEqual([]);
    expect(run.code, run.stderr).toBe(health.status === 'red' ? 1 : 0);
  });

  it('puts the status, as a word, with the reasons on the web page', () => {
    const out = join(tempDir('kickoff-health-html-'), 'programme.html');
    const run = kickoff(['portfolio', dir, '--format', 'html', '--out', out, '--today', LATE]);
    expect(run.code, run.stderr).toBe(1);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain("<h2>Each practice's own plan</h2>");
    expect(html).toMatch(/<span class="status red"><\/span>Red<\/td><td>A81001 The Densham Surgery/);
    expect(html).toContain('notice of the cutover&#34; was Mon 8 Mar 2027, before today');
  });
});
