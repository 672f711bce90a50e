/**
 * People in the plan, the built binary on `kickoff init --example` as of 2026-11-25 (The Densham
 * Surgery, go-live Mon 19 Apr 2027; Priya Shah the project manager, Dr Zoë Adams both lead GP and
 * clinical safety officer, Sam Lee the trainer): ids in `show`, owners named as people, and one
 * person's items with --person.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, copyOf, examplePlan, kickoff, REPO_ROOT, tempDir } from '../helpers/cli.js';

let pristine: string;

beforeAll(() => {
  assertBuilt();
  pristine = examplePlan('kickoff-people-pristine-', '2026-11-25');
});

const TODAY = ['--today', '2026-11-25'];

/** A copy of the example with `owners:` written under the roles of one item. */
function withOwners(id: string, owners: string): string {
  const dir = copyOf(pristine);
  const file = join(dir, 'kickoff.yaml');
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(`- id: ${id}\n`);
  const roles = text.indexOf('\n        roles: ', at);
  const end = text.indexOf('\n', roles + 1);
  writeFileSync(file, `${text.slice(0, end)}\n        owners: ${owners}${text.slice(end)}`);
  return dir;
}

/** The action list as rows of cells (the example has no commas inside quoted cells' names). */
function csvRows(csv: string): Map<string, Record<string, string>> {
  const [header, ...lines] = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
  const cells = (line: string) =>
    [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '')).slice(0, -1);
  const names = cells(header!);
  return new Map(
    lines.map((line) => {
      const row = Object.fromEntries(cells(line).map((c, n) => [names[n], c]));
      return [row.Id!, row];
    }),
  );
}

/** Each item's lines in `show`: from its marker line up to the next item, phase or week. */
function itemBlocks(shown: string): string[][] {
  const blocks: string[][] = [];
  for (const line of shown.split('\n')) {
    if (/^ {2}[@!*>=\-~#] /.test(line)) blocks.push([line]);
    else if (line.startsWith(' '.repeat(22)) && blocks.length > 0) blocks.at(-1)!.push(line);
  }
  return blocks;
}

describe('kickoff show', () => {
  it('shows every item id under its title, within 80 columns', () => {
    const run = kickoff(['show', '--plan', pristine, '--today', '2026-11-25']);
    expect(run.code, run.stderr).toBe(0);
    const json = kickoff(['show', '--plan', pristine, '--json', '--today', '2026-11-25']);
    const ids = (JSON.parse(json.stdout) as { events: { id: string }[] }).events.map((e) => e.id);
    const blocks = itemBlocks(run.stdout);
    expect(blocks).toHaveLength(ids.length);
    // The id line is the last line of the block that begins with an id (title lines may too).
    const known = new Set(ids);
    const shownIds = blocks.map((block) =>
      block
        .map((line) => /^ {22}(\S+)(?: · .*)?$/.exec(line)?.[1])
        .filter((id) => id !== undefined && known.has(id))
        .at(-1),
    );
    expect([...shownIds].sort()).toEqual([...ids].sort());
    for (const line of run.stdout.split('\n'))
      expect(stripVTControlCharacters(line).length, line).toBeLessThanOrEqual(80);
  });

  it('never shows two items as the same rows, however alike their titles begin', () => {
    const run = kickoff(['show', '--plan', pristine, '--today', '2026-11-25']);
    const blocks = itemBlocks(run.stdout).map((block) => block.join('\n'));
    expect(new Set(blocks).size).toBe(blocks.length);
    // The four EPS reminders begin alike; their ids tell them apart.
    expect(run.stdout).toContain('Remind Electronic Prescription Service (EPS)');
    for (const id of ['eps-reminder-week-before', 'eps-reminder-on-the-day', 'eps-reconnect-week-before'])
      expect(run.stdout).toMatch(new RegExp(`^ {22}${id}( · |$)`, 'm'));
  });
});

describe('owners named as people', () => {
  it('gives the Owner names in the order of the Owner roles, each person once', () => {
    const run = kickoff(['export', '--format', 'csv', '--plan', pristine, ...TODAY]);
    expect(run.code, run.stderr).toBe(0);
    const rows = csvRows(run.stdout);
    expect(rows.get('risk-escalation-route')).toMatchObject({
      'Owner roles': 'Clinical safety officer (DCB0160); Migration project manager; Commissioner (ICB)',
      'Owner names': 'Dr Zoë Adams; Priya Shah',
    });
    expect(rows.get('all-staff-briefing')?.['Owner names']).toBe("Mark O'Connor; Dr Zoë Adams; Priya Shah");
  });

  it('shows people named on an item in show, due, export and the calendars, and keeps them on re-planning', () => {
    const dir = withOwners('data-extract-request', '[ sam.lee@nhs.net, Chris Patel ]');
    const shown = kickoff(['show', '--plan', dir, ...TODAY]);
    expect(shown.code, shown.stderr).toBe(0);
    const block = itemBlocks(shown.stdout).find((b) =>
      b.some((line) => line.includes('data-extract-request')),
    )!;
    // Role by role, then the people named on it; nobody's name is cut.
    expect(block.slice(-2).join(' ').replace(/\s+/g, ' ')).toContain(
      "GP IT delivery partner; Mark O'Connor; Current clinical system supplier; Sam Lee; Chris Patel",
    );
    const json = JSON.parse(kickoff(['show', '--json', '--plan', dir, ...TODAY]).stdout) as {
      events: { id: string; owners?: string[]; people: { name: string }[] }[];
    };
    const event = json.events.find((e) => e.id === 'data-extract-request')!;
    expect(event.owners).toEqual(['sam.lee@nhs.net', 'Chris Patel']);
    expect(event.people.map((p) => p.name)).toEqual(["Mark O'Connor", 'Sam Lee', 'Chris Patel']);

    const due = JSON.parse(kickoff(['due', '--json', '--within', '10w', '--plan', dir, ...TODAY]).stdout) as {
      due: { id: string; named?: { name: string }[] }[];
    };
    expect(due.due.find((e) => e.id === 'data-extract-request')?.named?.map((p) => p.name)).toEqual([
      'Sam Lee',
      'Chris Patel',
    ]);
    const dueText = kickoff(['due', '--within', '10w', '--plan', dir, ...TODAY]).stdout;
    expect(dueText.replace(/\s+/g, ' ')).toContain('named: Sam Lee, Chris Patel');

    const csv = csvRows(kickoff(['export', '--format', 'csv', '--plan', dir, ...TODAY]).stdout);
    expect(csv.get('data-extract-request')?.['Owner names']).toBe("Mark O'Connor; Sam Lee; Chris Patel");

    expect(kickoff(['calendar', '--plan', dir, ...TODAY]).code).toBe(0);
    const ics = readFileSync(join(dir, 'calendars', 'a81001-everything.ics'), 'utf8').replace(
      /\r\n[ \t]/g,
      '',
    );
    expect(ics).toContain('Named: Sam Lee <sam.lee@nhs.net>\\, Chris Patel <chris.patel@nhs.net>');

    const moved = kickoff(['schedule', '--go-live', '2027-04-26', '--plan', dir, ...TODAY]);
    expect(moved.code, moved.stderr).toBe(0);
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toContain(
      '        owners: [ sam.lee@nhs.net, Chris Patel ]\n',
    );
  });

  it('refuses an owner who is not in the team, at the line and column, with the nearest name', () => {
    const dir = withOwners('data-extract-request', '[ sam.lee@nhs.net, Chris Patle ]');
    const run = kickoff(['show', '--plan', dir, ...TODAY]);
    expect(run.code).toBe(1);
    const line =
      readFileSync(join(dir, 'kickoff.yaml'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('Chris Patle')) + 1;
    expect(run.stderr).toContain(`kickoff.yaml:${line}:`);
    expect(run.stderr).toContain('owner "Chris Patle" of item "data-extract-request" is not in the team');
    expect(run.stderr).toContain('Did you mean Chris Patel?');
  });
});

describe("--person: one person's items", () => {
  it('due lists only the items of the person, by their roles or named on the item', () => {
    const dir = withOwners('data-extract-request', '[ priya.shah@nhs.net ]');
    const run = kickoff([
      'due',
      '--json',
      '--within',
      '26w',
      '--person',
      'PRIYA.SHAH@nhs.net',
      '--plan',
      dir,
      ...TODAY,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const found = JSON.parse(run.stdout) as {
      person: { name: string };
      due: { id: string; owners: { role: string }[]; named?: { name: string }[] }[];
    };
    expect(found.person.name).toBe('Priya Shah');
    expect(found.due.length).toBeGreaterThan(5);
    for (const entry of found.due)
      expect(
        entry.owners.some((o) => o.role === 'project-manager') ||
          entry.named?.some((p) => p.name === 'Priya Shah'),
        entry.id,
      ).toBe(true);
    // Named, not by role: the data-extract request's roles are the partner's, the manager's and the supplier's.
    expect(found.due.map((e) => e.id)).toContain('data-extract-request');
    const all = JSON.parse(kickoff(['due', '--json', '--within', '26w', '--plan', dir, ...TODAY]).stdout) as {
      due: unknown[];
    };
    expect(found.due.length).toBeLessThan(all.due.length);
    const text = kickoff([
      'due',
      '--within',
      '26w',
      '--person',
      'Priya Shah',
      '--plan',
      dir,
      ...TODAY,
    ]).stdout;
    expect(text.split('\n\n')[0]!.replace(/\s+/g, ' ')).toMatch(/: due from .* for Priya Shah\.$/);
  });

  it('show and export keep to the person; by name in any case', () => {
    const shown = kickoff(['show', '--person', 'sam lee', '--plan', pristine, ...TODAY]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain("Showing only: Sam Lee's items.");
    expect(shown.stdout).toContain('training');
    expect(shown.stdout).not.toContain('risk-escalation-route');
    const csv = csvRows(
      kickoff(['export', '--format', 'csv', '--person', 'sam.lee@nhs.net', '--plan', pristine, ...TODAY])
        .stdout,
    );
    expect(csv.size).toBeGreaterThan(0);
    for (const row of csv.values()) expect(row['Owner names'], row.Id).toContain('Sam Lee');
    const json = JSON.parse(
      kickoff(['show', '--json', '--person', 'Sam Lee', '--plan', pristine, ...TODAY]).stdout,
    ) as {
      events: { people: { name: string }[] }[];
    };
    expect(json.events.length).toBe(csv.size);
  });

  it('refuses someone not in the team with exit 2, naming the team', () => {
    for (const command of [['due'], ['show'], ['export', '--format', 'csv']]) {
      const run = kickoff([...command, '--person', 'jo.bloggs@nhs.net', '--plan', pristine, ...TODAY]);
      expect(run.code, command.join(' ')).toBe(2);
      expect(run.stderr).toContain('nobody called "jo.bloggs@nhs.net" is in the team of The Densham Surgery');
      expect(run.stderr).toContain('Priya Shah <priya.shah@nhs.net>');
    }
    const pack = kickoff(['export', '--format', 'md', '--person', 'Sam Lee', '--plan', pristine, ...TODAY]);
    expect(pack.code).toBe(2);
    expect(pack.stderr).toContain('--person is for the action list');
  });
});

describe('portfolio --person: one person across every practice', () => {
  let plans: string;
  beforeAll(() => {
    // Three practices from a CSV of just practice, ods and goLive; Priya Shah manages them all.
    plans = join(tempDir('kickoff-people-programme-'), 'plans');
    const fixtures = join(REPO_ROOT, 'test/fixtures/batch/defaults');
    const run = kickoff([
      'batch',
      join(fixtures, 'practices.csv'),
      '--defaults',
      join(fixtures, 'csu.yaml'),
      '--out',
      plans,
      '--json',
      ...TODAY,
    ]);
    if (run.code !== 0) throw new Error(run.stderr);
  });

  it('lists their open actions in every practice by date, matched by e-mail in any case', () => {
    const args = [
      'portfolio',
      plans,
      '--person',
      'PRIYA.SHAH@nhs.net',
      '--today',
      '2027-01-20',
      '--to',
      '2027-03-15',
    ];
    const run = kickoff([...args, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const found = JSON.parse(run.stdout) as {
      person: { name: string };
      practices: { ods: string }[];
      overdue: { ods: string; id: string; due: string }[];
      due: { ods: string; id: string; due: string }[];
    };
    expect(found.person.name).toBe('Priya Shah');
    expect(found.practices.map((p) => p.ods)).toEqual(['A81001', 'A81002', 'A81004']);
    const all = [...found.overdue, ...found.due];
    expect(new Set(all.map((a) => a.ods))).toEqual(new Set(['A81001', 'A81002', 'A81004']));
    for (const list of [found.overdue, found.due])
      expect(list.map((a) => a.due)).toEqual([...list.map((a) => a.due)].sort());
    expect(found.overdue.every((a) => a.due < '2027-01-20')).toBe(true);
    expect(found.due.every((a) => a.due >= '2027-01-20' && a.due <= '2027-03-15')).toBe(true);
    // Only hers: the practice manager's list work is not.
    expect(all.map((a) => a.id)).not.toContain('list-reconciliation');
    const text = kickoff(args);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Priya Shah <priya.shah@nhs.net>: open actions in 3 of 3 practice(s)');
    expect(text.stdout).toMatch(/when done: kickoff tick \S+ --plan \S+A81002/);
  });

  it('finds someone by name too, and refuses someone in no team (exit 2), naming the people', () => {
    const sam = JSON.parse(
      kickoff(['portfolio', plans, '--person', 'sam lee', '--json', '--today', '2027-01-20']).stdout,
    ) as { person: { email: string }; due: { id: string }[] };
    expect(sam.person.email).toBe('sam.lee@nhs.net');
    expect(sam.due.map((a) => a.id)).toContain('training');
    const nobody = kickoff(['portfolio', plans, '--person', 'Jo Bloggs', '--today', '2027-01-20']);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain('nobody called "Jo Bloggs" is in the team of any of the 3 plan(s)');
    expect(nobody.stderr).toContain('Priya Shah <priya.shah@nhs.net>, Sam Lee <sam.lee@nhs.net>');
    const mixed = kickoff(['portfolio', plans, '--person', 'Sam Lee', '--suggest']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('does not go with --suggest');
  });
});

describe("the README's week", () => {
  it('shows what kickoff due --person prints for the example', () => {
    const dir = copyOf(pristine);
    const ticked = ['risk-escalation-route', 'kick-off', 'all-staff-briefing', 'migration-approach-agreed'];
    const tick = kickoff([
      'tick',
      ...ticked,
      'training-needs-meeting',
      '--plan',
      dir,
      '--today',
      '2027-02-26',
    ]);
    expect(tick.code, tick.stderr).toBe(0);
    const run = kickoff(['due', '--person', 'priya.shah@nhs.net', '--plan', dir, '--today', '2027-03-01']);
    expect(run.code, run.stderr).toBe(0);
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const block = /```\n\$ kickoff due --person priya\.shah@nhs\.net\n([\s\S]*?)\n {2}…\n```/.exec(readme);
    expect(block, 'the README shows kickoff due --person').not.toBeNull();
    expect(run.stdout.startsWith(block![1]!)).toBe(true);
  });
});
