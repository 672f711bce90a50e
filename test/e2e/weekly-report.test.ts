/**
 * kickoff report and kickoff raid with the built binary: the RAID log added through the one edit
 * path (kept in the history, taken back by undo, read back from hand edits, checked by the schema),
 * and the weekly report on it — what changed since the last report (or --since), overdue, due in
 * two weeks, notices, problems, open high risks first — as Markdown, JSON and a web page that passes
 * axe-core's WCAG 2.2 AA rules in headless Chromium.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser } from '../helpers/browser.js';
import { SKIP_BROWSER } from '../helpers/chromium.js';
import { assertBuilt, examplePlan, kickoff, planOakwood, tempDir } from '../helpers/cli.js';

const TODAY = '2026-11-25';
let dir: string;
let plan: string;

function ok(args: readonly string[], codes: readonly number[] = [0]) {
  const run = kickoff(args);
  expect(codes, `kickoff ${args.join(' ')}: ${run.stderr}`).toContain(run.code);
  return run;
}

const add = (today: string, ...args: string[]) =>
  ok(['raid', 'add', '--plan', plan, '--today', today, ...args]);

beforeAll(() => {
  assertBuilt();
  dir = examplePlan('kickoff-report-', TODAY);
  plan = join(dir, 'kickoff.yaml');
  add(
    TODAY,
    '--kind',
    'dependency',
    '--title',
    'Smartcards from the RA team',
    '--owner',
    'Chris Patel',
    '--rating',
    'medium',
    '--review',
    '2026-12-07',
  );
}, 60_000);

describe('kickoff raid', () => {
  it('refuses an entry without a rating or a review day (exit 2), naming the flag', () => {
    const run = kickoff(['raid', 'add', '--plan', plan, '--kind', 'risk', '--title', 'x', '--owner', 'y']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--rating is missing');
  });

  it('refuses an owner who is neither in the team nor a role, with the nearest name, and writes nothing', () => {
    const before = readFileSync(plan, 'utf8');
    const run = kickoff([
      'raid',
      'add',
      '--plan',
      plan,
      '--today',
      TODAY,
      '--kind',
      'risk',
      '--title',
      'Cover for data checking',
      '--owner',
      'Mark OConnor',
      '--rating',
      'low',
      '--review',
      '2027-01-11',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--owner: "Mark OConnor" is not in the plan\'s team, nor one of its roles.');
    expect(run.stderr).toContain("Did you mean Mark O'Connor?");
    expect(readFileSync(plan, 'utf8')).toBe(before);
    // A role will do, by its id or its title.
    const other = join(examplePlan('kickoff-raid-role-', TODAY), 'kickoff.yaml');
    for (const owner of ['practice-manager', 'IT lead']) {
      const byRole = kickoff([
        'raid',
        'add',
        '--plan',
        other,
        '--today',
        TODAY,
        '--kind',
        'issue',
        '--title',
        'Printers',
        '--owner',
        owner,
        '--rating',
        'low',
        '--review',
        '2027-01-11',
      ]);
      expect(byRole.code, byRole.stderr).toBe(0);
    }
  });

  it('adds an entry through the one edit path: before the calendars record, in the history, undone by undo', () => {
    const before = readFileSync(plan, 'utf8');
    add(
      '2026-11-26',
      '--kind',
      'risk',
      '--title',
      'Practice manager on leave in March: no one to sign off data checks',
      '--owner',
      "Mark O'Connor",
      '--rating',
      'high',
      '--review',
      '2027-01-11',
    );
    const text = readFileSync(plan, 'utf8');
    expect(text.indexOf('\nraid:\n')).toBeGreaterThan(0);
    expect(text.indexOf('\nraid:\n')).toBeLessThan(text.indexOf('\npublished:\n'));
    expect(text).toContain(
      '    title: "Practice manager on leave in March: no one to sign off data checks"\n',
    );
    const history = JSON.parse(ok(['history', '--plan', plan, '--json']).stdout) as {
      entries: { command: string; summary: string }[];
    };
    expect(history.entries[0]).toMatchObject({
      command: 'raid add',
      summary: expect.stringContaining('risk-1 added (high)'),
    });
    ok(['undo', '--plan', plan, '--today', '2026-11-26']);
    expect(readFileSync(plan, 'utf8')).not.toContain('risk-1');
    writeFileSync(plan, text);
    expect(before).not.toContain('risk-1');
  });

  it('reads a hand-edited entry, and refuses a rating the schema does not know at its line', () => {
    const text = readFileSync(plan, 'utf8');
    const edited = text.replace(
      '    status: open\n\n',
      '    status: open\n  - { id: assumption-1, kind: assumption, title: Supplier keeps the FDP slot, owner: project-manager, rating: low, review: 2027-02-01 }\n\n',
    );
    writeFileSync(plan, edited);
    const list = JSON.parse(ok(['raid', 'list', '--plan', plan, '--json', '--today', TODAY]).stdout) as {
      raid: { id: string; status: string }[];
    };
    // Open high first: risk-1 before the medium dependency and the low assumption.
    expect(list.raid.map((e) => e.id)).toEqual(['risk-1', 'dependency-1', 'assumption-1']);
    expect(list.raid[2]!.status).toBe('open');
    writeFileSync(plan, edited.replace('rating: low', 'rating: severe'));
    const bad = kickoff(['raid', 'list', '--plan', plan]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/kickoff\.yaml:\d+:\d+/);
    expect(bad.stderr).toContain('rating');
    writeFileSync(plan, edited);
  });
});

describe('kickoff report', () => {
  it('says what changed since the last report, then only what changed after it', () => {
    ok(['tick', 'kick-off', '--plan', plan, '--today', '2026-12-01']);
    const first = ok(['report', '--plan', plan, '--today', '2026-12-02']).stdout;
    expect(first).toContain('# Weekly report: The Densham Surgery (A81001)');
    expect(first).toContain('## What changed since Wed 25 Nov 2026, a week ago: no report was made before');
    expect(first).toContain('Kick-off meeting (kick-off): todo → done');
    expect(first).toContain('Added to the RAID log');
    const second = ok(['report', '--plan', plan, '--today', '2026-12-09']).stdout;
    expect(second).toContain('## What changed since Wed 2 Dec 2026, the last report');
    expect(second).not.toContain('Kick-off meeting (kick-off): todo → done');
    const asked = ok(['report', '--plan', plan, '--since', '2026-11-20', '--today', '2026-12-09']).stdout;
    expect(asked).toContain('Kick-off meeting (kick-off): todo → done');
  });

  it('lists overdue items, what is due in two weeks, notices to give, problems and open high risks first', () => {
    const run = kickoff(['report', '--plan', plan, '--format', 'json', '--today', '2027-03-01']);
    const report = JSON.parse(run.stdout) as {
      status: string;
      overdue: { id: string; start: string }[];
      due: { id: string; start: string }[];
      dueUntil: string;
      notices: { id: string }[];
      problems: { severity: string; code: string }[];
      raid: { id: string }[];
      reviewsDue: string[];
    };
    expect(report.dueUntil).toBe('2027-03-15');
    expect(report.overdue.length).toBeGreaterThan(0);
    expect(report.overdue.every((i) => i.start < '2027-03-01')).toBe(true);
    expect(report.overdue.map((i) => i.id)).not.toContain('kick-off');
    expect(report.due.every((i) => i.start >= '2027-03-01' && i.start <= '2027-03-15')).toBe(true);
    expect(report.notices.map((i) => i.id)).toContain('eps-notice');
    expect(report.problems.map((p) => p.code)).toContain('schedule.items_in_past');
    expect(report.raid.map((e) => e.id)[0]).toBe('risk-1');
    expect(report.reviewsDue).toEqual(['risk-1', 'dependency-1', 'assumption-1']);
    expect(run.code).toBe(report.problems.some((p) => p.severity === 'error') ? 1 : 0);
    const md = ok(
      ['report', '--plan', plan, '--today', '2027-03-01', '--since', '2027-02-01'],
      [0, 1],
    ).stdout;
    expect(md).toMatch(
      /## Notices to give\n\n- by Mon 8 Mar 2027: Last day to give Electronic Prescription Service \(EPS\) notice/,
    );
    expect(md).toMatch(
      /## RAID log \(open; high first\)\n\n- REVIEW DUE HIGH risk risk-1: Practice manager on leave/,
    );
  });

  it('writes a self-contained, printable page with --out', () => {
    const out = join(dir, 'report.html');
    ok(['report', '--plan', plan, '--format', 'html', '--out', out, '--today', '2027-03-01'], [0, 1]);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html).toContain('@media print');
    expect(html).toContain('<h2>Notices to give</h2>');
  });
});

describe('kickoff portfolio --report', () => {
  let programme: string;
  beforeAll(() => {
    programme = tempDir('kickoff-programme-report-');
    mkdirSync(join(programme, 'A81001'));
    cpSync(plan, join(programme, 'A81001', 'kickoff.yaml'));
    // A second practice with its own people, going live in the autumn: amber (the flu season).
    const oakwood = planOakwood(programme, TODAY);
    expect(oakwood.code, oakwood.stderr).toBe(0);
  }, 60_000);

  it("puts red practices first, then open high risks, the week's go-lives and FDPs, and notices", () => {
    const run = kickoff(['portfolio', programme, '--report', '--today', '2027-04-14']);
    expect(run.code, run.stderr).toBe(1);
    const md = run.stdout;
    const at = (text: string) => md.indexOf(text);
    expect(md).toContain('# Programme report: 2 practices');
    expect(md).toMatch(
      /## Red and amber practices\n\n- RED A81001 The Densham Surgery: go-live Mon 19 Apr 2027/,
    );
    expect(at('- AMBER A81002 Oakwood Surgery: go-live Tue 12 Oct 2027')).toBeGreaterThan(at('- RED A81001'));
    expect(md).toContain('16 key migration dates fall in the flu vaccination season');
    expect(md).toMatch(/## Open high risks\n\n- A81001: HIGH risk risk-1: Practice manager on leave/);
    expect(md).toContain(
      '- Wed 14 Apr 2027: Final data production: A81001 The Densham Surgery\n- Mon 19 Apr 2027: Go-live: A81001 The Densham Surgery',
    );
    expect(md).toContain(
      '- LATE by Mon 8 Mar 2027: A81001 Last day to give Electronic Prescription Service (EPS) notice',
    );
    expect(at('## Red and amber')).toBeLessThan(at('## Open high risks'));
    expect(at('## Open high risks')).toBeLessThan(at('## Go-lives and final data productions this week'));
  });

  it('gives each practice its status and week in --json, red first', () => {
    const run = kickoff(['portfolio', programme, '--report', '--json', '--today', '2027-04-14']);
    const json = JSON.parse(run.stdout) as {
      practices: {
        ods: string;
        health: { status: string };
        week: { highRisks: { id: string }[]; overdue: number };
      }[];
    };
    expect(json.practices.map((p) => [p.ods, p.health.status])).toEqual([
      ['A81001', 'red'],
      ['A81002', 'amber'],
    ]);
    expect(json.practices[0]!.week.highRisks.map((e) => e.id)).toEqual(['risk-1']);
    expect(json.practices[0]!.week.overdue).toBeGreaterThan(0);
  });

  it.skipIf(SKIP_BROWSER)(
    'writes a page with no axe-core violations (WCAG 2.2 AA)',
    async () => {
      const out = join(programme, 'report.html');
      ok(
        ['portfolio', programme, '--report', '--format', 'html', '--out', out, '--today', '2027-04-14'],
        [1],
      );
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 844 } });
        await page.goto(`file://${out}`);
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});

describe.skipIf(SKIP_BROWSER)('kickoff report: the web page against axe-core (WCAG 2.2 AA)', () => {
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
  });

  for (const [device, width] of [
    ['a desktop', 1280],
    ['a phone', 390],
  ] as const)
    it(`has no violations on ${device}`, async () => {
      const out = join(dir, 'report-axe.html');
      ok(['report', '--plan', plan, '--format', 'html', '--out', out, '--today', '2027-03-01'], [0, 1]);
      browser ??= await launchBrowser();
      const page = await browser.newPage({ viewport: { width, height: 844 } });
      await page.goto(`file://${out}`);
      const violations = await axeViolations(page);
      await page.close();
      expect(violations).toEqual([]);
    }, 60_000);
});
