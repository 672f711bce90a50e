/**
 * kickoff portfolio on a programme of 300 real practices (epraccur.csv), planned with the library
 * API, with planted problems: every planted one is found and nothing else; broken plans are skipped
 * with their paths; --suggest's commands, run with the built binary, clear every problem.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readProgramme } from '../../src/app/portfolio/programme.js';
import { toJson } from '../../src/commands/portfolio.js';
import { addDays } from '../../src/domain/calendar.js';
import { assertBuilt, kickoff, tempDir } from '../helpers/cli.js';
import { expectIcsCheckPasses } from '../helpers/ics-check.js';
import { baseProgramme, writeProgramme, type GeneratedPractice } from '../helpers/programme.js';

const TODAY = '2026-11-25';
let dir: string;
let practices: GeneratedPractice[];
const planOf = (i: number) => join(dir, practices[i]!.ods, 'kickoff.yaml');
const emailOf = (i: number, role: string) => `${role}.${practices[i]!.ods.toLowerCase()}@nhs.net`;

interface Problem {
  id: string;
  kind: string;
  from: string;
  to: string;
  practices: string[];
  person?: { key: string; name: string };
  count?: number;
  limit?: number;
}

/** What each planted problem is: its kind, its practices (indices) and, for people, who. */
function planted(): { kind: string; practices: number[]; person?: string }[] {
  return [
    { kind: 'clash', practices: [10, 11], person: emailOf(10, 'pm') },
    { kind: 'absence', practices: [40], person: emailOf(40, 'trainer') },
    { kind: 'absence', practices: [42], person: emailOf(42, 'trainer') },
    { kind: 'go-lives-per-week', practices: [50, 52, 60, 61] },
    { kind: 'fdps-per-day', practices: [70, 71] },
    { kind: 'at-once', practices: [80, 82, 84], person: emailOf(80, 'trainer') },
    { kind: 'fdps-per-fortnight', practices: [120, 121, 122, 123], person: 'engineer@emis.example' },
  ];
}

function plant(list: GeneratedPractice[]): void {
  const at = (i: number) => list[i]!.answers;
  const set = (i: number, change: object) => (list[i]!.answers = { ...at(i), ...change });
  const replaceRole = (i: number, role: string, from: number) =>
    set(i, {
      team: [...at(i).team.filter((p) => p.role !== role), at(from).team.find((p) => p.role === role)!],
    });
  // The same project manager on two practices going live in one week; the email typed in capitals.
  const pm = at(10).team.find((p) => p.role === 'project-manager')!;
  set(11, {
    team: [
      ...at(11).team.filter((p) => p.role !== 'project-manager'),
      { ...pm, email: pm.email.toUpperCase() },
    ],
  });
  // Absences recorded in another practice's plan: by email, and by name alone.
  set(30, {
    absences: [{ who: emailOf(40, 'trainer'), from: addDays(at(40).goLive, -2), to: at(40).goLive }],
  });
  set(32, {
    absences: [{ who: `Trainer ${list[42]!.ods}`, from: addDays(at(42).goLive, -1), to: at(42).goLive }],
  });
  // Four go-lives in the week of 60 and 61 (the capacity file allows three).
  set(50, { goLive: addDays(at(60).goLive, 1) });
  set(52, { goLive: addDays(at(61).goLive, 1) });
  // Two FDPs with Vision on one day (the capacity file allows Vision one).
  set(70, { systems: { current: 'EMIS Web', new: 'Vision' } });
  set(71, { systems: { current: 'EMIS Web', new: 'Vision' }, goLive: at(70).goLive });
  // One trainer with three practices' training at once (two allowed).
  replaceRole(82, 'trainer', 80);
  replaceRole(84, 'trainer', 80);
  // One current-supplier engineer at four FDPs within 14 days (three allowed).
  for (const i of [120, 121, 122, 123])
    set(i, {
      team: [...at(i).team, { role: 'current-supplier', name: 'Eng Neer', email: 'engineer@emis.example' }],
    });
}

const CAPACITY = `# the programme's limits
goLivesPerWeek: 3
suppliers:
  Vision: 1
`;

function portfolio(args: readonly string[]) {
  return kickoff(['portfolio', dir, '--today', TODAY, '--capacity', join(dir, 'capacity.yaml'), ...args]);
}

beforeAll(async () => {
  assertBuilt();
  dir = tempDir('kickoff-portfolio-');
  const base = await baseProgramme(300);
  practices = base.practices;
  plant(practices);
  await writeProgramme(dir, base.workspace, practices, TODAY);
  writeFileSync(join(dir, 'capacity.yaml'), CAPACITY);
  // Two broken plans, one deep in the tree: skipped, named with file:line:col.
  mkdirSync(join(dir, 'broken', 'Z99999'), { recursive: true });
  const good = readFileSync(planOf(5), 'utf8');
  writeFileSync(
    join(dir, 'broken', 'Z99999', 'kickoff.yaml'),
    good.replace(/^(\s*)goLive: .*$/m, '$1goLive: [2027'),
  );
  mkdirSync(join(dir, 'Z99998'));
  writeFileSync(join(dir, 'Z99998', 'kickoff.yaml'), good.replace(/^(\s*)goLive: /m, '$1goLiveDate: '));
}, 300_000);

describe('kickoff portfolio on 300 practices with planted problems', () => {
  let json: { problems: Problem[]; broken: { plan: string; line?: number }[]; practices: unknown[] };
  beforeAll(() => {
    const run = portfolio(['--json']);
    expect(run.code, run.stderr).toBe(1);
    json = JSON.parse(run.stdout) as typeof json;
  }, 240_000);

  it('finds every planted problem and nothing else', () => {
    const found = json.problems.map((p) => ({
      kind: p.kind,
      practices: p.practices,
      ...(p.person && p.kind !== 'go-lives-per-week' ? { person: p.person.key } : {}),
    }));
    const expected = planted().map((p) => ({
      kind: p.kind,
      practices: p.practices.map(planOf).sort(),
      ...(p.person ? { person: p.person } : {}),
    }));
    expect(found).toEqual(expect.arrayContaining(expected));
    expect(found).toHaveLength(expected.length);
    expect(json.practices).toHaveLength(300);
  });

  it('reads the same with several threads (the binary, 300 plans) as in one (the library)', async () => {
    const programme = await readProgramme(dir, { today: TODAY, capacity: join(dir, 'capacity.yaml') });
    expect(JSON.parse(JSON.stringify(toJson(programme)))).toEqual(json);
  }, 240_000);

  it('counts an absence in one plan against the person in another, by email or by name', () => {
    const absences = json.problems.filter((p) => p.kind === 'absence');
    expect(absences.map((p) => p.practices[0])).toEqual([planOf(40), planOf(42)]);
    const run = portfolio([]);
    expect(run.stderr).toContain(`matched by name to ${emailOf(42, 'trainer')}`);
  }, 240_000);

  it('skips broken plans, naming each with its line and column, and reads the rest', () => {
    expect(json.broken.map((b) => b.plan).sort()).toEqual(
      [join(dir, 'Z99998', 'kickoff.yaml'), join(dir, 'broken', 'Z99999', 'kickoff.yaml')].sort(),
    );
    expect(json.broken.every((b) => typeof b.line === 'number')).toBe(true);
    const run = portfolio(['--quiet']);
    expect(run.stderr).toMatch(
      new RegExp(`Skipped ${join(dir, 'broken', 'Z99999', 'kickoff.yaml')}:\\d+:\\d+: `),
    );
  }, 240_000);

  it('prints a timeline that fits 80 columns, problems marked, and the limits it used', () => {
    const run = portfolio(['--from', '2027-06-01', '--to', '2027-12-31']);
    const lines = run.stdout.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(run.stdout).toContain(practices[10]!.ods);
    expect(run.stdout).toMatch(/!/);
    expect(run.stdout).toContain(`Limits (from ${join(dir, 'capacity.yaml')})`);
    const defaults = kickoff(['portfolio', dir, '--today', TODAY, '--quiet']);
    expect(defaults.stdout).toContain('built-in defaults');
  }, 240_000);

  it('writes a programme calendar of every go-live and FDP that passes ics-check', () => {
    const out = join(dir, 'programme.ics');
    const run = portfolio(['--calendar', '--out', out]);
    expect(run.code, run.stderr).toBe(1);
    const text = readFileSync(out, 'utf8');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(600);
    expect(text).toContain(`UID:${practices[0]!.ods.toLowerCase()}-programme-go-live@`);
    expectIcsCheckPasses([out]);
    const again = join(dir, 'again.ics');
    portfolio(['--calendar', '--out', again]);
    expect(readFileSync(again, 'utf8')).toBe(text);
  }, 240_000);
});

describe('kickoff portfolio --suggest', () => {
  it('gives kickoff schedule commands that, run, clear every problem', () => {
    const work = tempDir('kickoff-suggest-');
    cpSync(dir, work, { recursive: true });
    rmSync(join(work, 'broken'), { recursive: true });
    rmSync(join(work, 'Z99998'), { recursive: true });
    const args = ['portfolio', work, '--today', TODAY, '--capacity', join(work, 'capacity.yaml')];
    const run = kickoff([...args, '--suggest', '--json']);
    const result = JSON.parse(run.stdout) as { suggestion: { commands: string[]; unresolved: unknown[] } };
    expect(result.suggestion.unresolved).toEqual([]);
    expect(result.suggestion.commands.length).toBeGreaterThan(0);
    expect(result.suggestion.commands.length).toBeLessThanOrEqual(7);
    const again = kickoff([...args, '--suggest', '--json']);
    expect(again.stdout).toBe(run.stdout);
    for (const command of result.suggestion.commands) {
      const [, ...words] = command.split(' ');
      const applied = kickoff([...words, '--today', TODAY]);
      expect([0, 1], applied.stderr).toContain(applied.code);
    }
    const after = kickoff([...args, '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect((JSON.parse(after.stdout) as { problems: unknown[] }).problems).toEqual([]);
  }, 300_000);
});
