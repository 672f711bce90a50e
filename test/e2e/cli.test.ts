import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, examplePlan, kickoff, REPO_ROOT, tempDir } from '../helpers/cli.js';
import { expectIcsCheckPasses } from '../helpers/ics-check.js';

const TODAY = ['--today', '2026-11-25'];

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

const answers = (goLive: string) => `practice: { name: "St Mary's Surgery, Upper Town", ods: b82005 }
goLive: ${goLive}
systems: { current: EMIS Web, new: SystmOne }
team:
  - { role: project-manager, name: Priya Shah, email: priya.shah@nhs.net }
thirdParties: [eps, pathology]
`;

beforeAll(assertBuilt);

describe('kickoff init, the built binary', () => {
  it('writes a plan and calendars for the built-in example that pass the independent checker', () => {
    const dir = tempDir();
    const run = kickoff(['init', '--example', '--dir', dir, ...TODAY]);
    expect(run.stderr).toContain('Wrote');
    expect(run.code).toBe(0);
    const files = filesIn(dir);
    expect(files).toContain('kickoff.yaml');
    expect(files).toContain(join('calendars', 'a81001-everything.ics'));
    expect(files).toContain(join('calendars', 'a81001-trainer.ics'));
    const calendars = files.filter((f) => f.endsWith('.ics')).map((f) => join(dir, f));
    expectIcsCheckPasses(calendars);
  }, 120_000); // ics-check runs four back-ends on each of seven calendars

  it('gives the same bytes for the same answers and --today', () => {
    const [a, b] = [tempDir(), tempDir()];
    kickoff(['init', '--example', '--dir', a, ...TODAY]);
    kickoff(['init', '--example', '--dir', b, ...TODAY], { env: { TZ: 'Pacific/Auckland' } });
    for (const file of filesIn(a).filter((f) => f.includes('.'))) {
      expect(readFileSync(join(b, file), 'utf8'), file).toBe(readFileSync(join(a, file), 'utf8'));
    }
  });

  it('reads answers from standard input with --answers - and takes --go-live over the file', () => {
    const dir = tempDir();
    const run = kickoff(
      ['init', '--answers', '-', '--go-live', '15/06/2027', '--dir', dir, '--yes', ...TODAY],
      {
        input: answers('2027-03-15'),
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const plan = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    expect(plan).toContain('goLive: 2027-06-15');
    expect(plan).toContain('ods: B82005');
  });

  it('stops at once without a terminal when an answer is missing, naming it and the flag', () => {
    const dir = tempDir();
    const run = kickoff(['init', '--dir', dir, ...TODAY]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('goLive (--go-live DATE');
    expect(run.stderr).toContain('practice');
    expect(filesIn(dir)).toEqual([]);
  });

  it('does not assume consent without a terminal: --yes is needed to write', () => {
    const dir = tempDir();
    const run = kickoff(['init', '--answers', '-', '--dir', dir, ...TODAY], { input: answers('2027-03-15') });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--yes');
    expect(filesIn(dir)).toEqual([]);
  });

  it('refuses 31/02/2027 with a clear message and writes nothing', () => {
    const dir = tempDir();
    const run = kickoff(['init', '--example', '--go-live', '31/02/2027', '--dir', dir, ...TODAY]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Feb 2027 has 28 days');
    expect(filesIn(dir)).toEqual([]);
  });

  it('refuses a go-live before today with exit 2, naming the date, for init and schedule', () => {
    const dir = tempDir();
    const run = kickoff(['init', '--example', '--go-live', '2026-11-02', '--dir', dir, ...TODAY]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--go-live: go-live Mon 2 Nov 2026 is before today');
    expect(filesIn(dir)).toEqual([]);
    expect(kickoff(['init', '--example', '--dir', dir, ...TODAY]).code).toBe(0);
    const before = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    const moved = kickoff([
      'schedule',
      '--plan',
      join(dir, 'kickoff.yaml'),
      '--go-live',
      '2026-11-02',
      ...TODAY,
    ]);
    expect(moved.code).toBe(2);
    expect(moved.stderr).toContain('is before today');
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(before);
  });

  it('stops a late fixed kick-off with an error naming each item out of order and the earliest go-live', () => {
    const dir = tempDir();
    const run = kickoff([
      'init',
      '--example',
      '--kickoff',
      '2027-03-22',
      '--dir',
      dir,
      '--yes',
      '--today',
      '2026-12-01',
    ]);
    expect(run.code).toBe(1);
    const said = run.stdout + run.stderr;
    for (const item of [
      '"Initial data production (IDP); admin users set up" (Mon 22 Feb 2027)',
      '"Cutover planning meeting (manual processes, re-entry, third-party plan)" (Wed 17 Mar 2027)',
      '"Last day to give Electronic Prescription Service (EPS) notice of the cutover" (Mon 8 Mar 2027)',
    ])
      expect(said).toContain(`${item} comes before "Kick-off meeting" (Mon 22 Mar 2027)`);
    expect(said).toContain('[schedule.out_of_order]');
    // kickoff's rules allow Mon 21 Jun 2027; the sourced rules alone a date in May (issue 23).
    expect(said).toContain('kickoff schedule --go-live 2027-06-21');
    expect(said).toMatch(/The sourced rules allow go-live from \w{3} \d+ May 2027/);
    const json = JSON.parse(
      kickoff(['show', '--json', '--plan', join(dir, 'kickoff.yaml'), '--today', '2026-12-01']).stdout,
    ) as { diagnostics: { code: string; earliestGoLive?: string }[] };
    expect(json.diagnostics.find((d) => d.code === 'schedule.infeasible')?.earliestGoLive).toBe('2027-06-21');
  });

  it('refuses a go-live whose plan runs past the bank-holiday table, without guessing', () => {
    const dir = tempDir();
    const run = kickoff(['init', '--example', '--go-live', '2031-03-03', '--dir', dir, ...TODAY]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('2024–2030');
    expect(filesIn(dir)).toEqual([]);
  });

  it('points at file:line:col for a malformed answers file and writes nothing', () => {
    const dir = tempDir();
    const file = join(dir, 'answers.yaml');
    writeFileSync(file, answers('2027-02-30'));
    const run = kickoff(['init', '--answers', file, '--dir', dir, '--yes', ...TODAY]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}:2:9`);
    expect(run.stderr).toContain('Feb 2027 has 28 days');
    expect(filesIn(dir)).toEqual(['answers.yaml']);
  });

  it('names an unknown key in the answers file with its line', () => {
    const dir = tempDir();
    const file = join(dir, 'answers.yaml');
    writeFileSync(file, `${answers('2027-03-15')}golive: 2027-03-15\n`);
    const run = kickoff(['init', '--answers', file, '--dir', dir, '--yes', ...TODAY]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}:7:1`);
    expect(run.stderr).toContain('golive is not a key kickoff knows');
  });

  it('points at file:line:col for a template with a broken anchor', () => {
    const dir = tempDir();
    const template = readFileSync(join(REPO_ROOT, 'templates/nhs-england-gp.yaml'), 'utf8').replace(
      'start: { from: go-live, offset: -3wd }',
      'start: { from: go-liv, offset: -3wd }',
    );
    const file = join(dir, 'csu.yaml');
    writeFileSync(file, template);
    const line = template.split('\n').findIndex((l) => l.includes('from: go-liv,')) + 1;
    const run = kickoff(['init', '--example', '--template', file, '--dir', join(dir, 'out'), ...TODAY]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}:${line}:`);
    expect(run.stderr).toContain('"go-liv", which is not an item');
  });

  it('will not overwrite a plan without --force, and keeps a .bak with it', () => {
    const dir = tempDir();
    expect(kickoff(['init', '--example', '--dir', dir, ...TODAY]).code).toBe(0);
    const edited = `${readFileSync(join(dir, 'kickoff.yaml'), 'utf8')}# my note\n`;
    writeFileSync(join(dir, 'kickoff.yaml'), edited);
    const refused = kickoff(['init', '--example', '--dir', dir, ...TODAY]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(edited);
    expect(kickoff(['init', '--example', '--dir', dir, '--force', ...TODAY]).code).toBe(0);
    expect(readFileSync(join(dir, 'kickoff.yaml.bak'), 'utf8')).toBe(edited);
  });

  it('keeps event sequences over --force, so subscribed calendars update, and numbers its backups', () => {
    const dir = tempDir();
    const ics = () => readFileSync(join(dir, 'calendars', 'a81001-everything.ics'), 'utf8');
    const sequenceOf = (text: string, id: string) => {
      const event = text.split('BEGIN:VEVENT').find((e) => e.includes(`UID:a81001-${id}@kickoff.invalid`));
      return Number(/SEQUENCE:(\d+)/.exec(event ?? '')?.[1]);
    };
    expect(kickoff(['init', '--example', '--dir', dir, ...TODAY]).code).toBe(0);
    expect(sequenceOf(ics(), 'go-live')).toBe(0);
    const moveGoLive = () =>
      kickoff(['init', '--example', '--dir', dir, '--force', '--go-live', '2027-04-26', ...TODAY]);
    const first = moveGoLive();
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`kept as ${join(dir, 'kickoff.yaml.bak')}`);
    // go-live moved a week: a new revision; the legacy milestone moved too; nothing is back at 0.
    expect(sequenceOf(ics(), 'go-live')).toBe(1);
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toMatch(/^ {2}go-live: \{ sequence: 1,/m);
    const second = moveGoLive();
    expect(second.stderr).toContain(`kept as ${join(dir, 'kickoff.yaml.bak.1')}`);
    // Nothing changed this time: the sequence stays.
    expect(sequenceOf(ics(), 'go-live')).toBe(1);
    expect(filesIn(dir)).toEqual(expect.arrayContaining(['kickoff.yaml.bak', 'kickoff.yaml.bak.1']));
    // The plan it replaces now is the one .bak.1 holds, byte for byte: kept there, not copied again.
    expect(readFileSync(join(dir, 'kickoff.yaml.bak.1'), 'utf8')).toBe(
      readFileSync(join(dir, 'kickoff.yaml'), 'utf8'),
    );
    const third = moveGoLive();
    expect(third.stderr).toContain(`kept as ${join(dir, 'kickoff.yaml.bak.1')}`);
    expect(filesIn(dir).filter((name) => name.includes('.bak'))).toEqual([
      'kickoff.yaml.bak',
      'kickoff.yaml.bak.1',
    ]);
  });

  it('still writes the plan when a notice deadline has passed, says so, and exits 1', () => {
    const dir = tempDir();
    const run = kickoff(['init', '--answers', '-', '--dir', dir, '--yes', '--today', '2027-02-20'], {
      input: answers('2027-03-15'),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('schedule.notice_in_past');
    expect(run.stderr).toContain('schedule.kickoff_in_past');
    expect(filesIn(dir)).toContain('kickoff.yaml');
  });
});

describe('kickoff show', () => {
  it('prints the plan as JSON, sorted by date, with inclusive ends', () => {
    const dir = tempDir();
    kickoff(['init', '--example', '--dir', dir, ...TODAY]);
    const run = kickoff(['show', '--plan', join(dir, 'kickoff.yaml'), '--json', ...TODAY]);
    expect(run.code).toBe(0);
    const shown = JSON.parse(run.stdout) as {
      goLive: string;
      events: { id: string; start: string; end: string; thirdParty?: string; informational?: boolean }[];
      diagnostics: { code: string }[];
    };
    expect(shown.goLive).toBe('2027-04-19');
    const starts = shown.events.map((e) => e.start);
    expect(starts).toEqual([...starts].sort());
    const training = shown.events.find((e) => e.id === 'training')!;
    expect(training).toMatchObject({ start: '2027-03-30', end: '2027-04-16' });
    expect(shown.events.find((e) => e.id === 'eps-notice')).toMatchObject({
      thirdParty: 'eps',
      start: '2027-03-08',
    });
    expect(shown.events.find((e) => e.id === 'legacy-support-ends')).toMatchObject({
      informational: true,
      start: '2027-07-18',
    });
    expect(shown.diagnostics.map((d) => d.code)).toContain('absence.clash');
  });

  it('lists the plan for people, and fails clearly when there is no plan', () => {
    const dir = tempDir();
    kickoff(['init', '--example', '--dir', dir, ...TODAY]);
    const run = kickoff(['show', ...TODAY], { cwd: dir });
    expect(run.stdout).toContain('Week of Mon 18 Jan 2027');
    expect(run.stdout).toContain('Mon 18 Jan 10:00  Kick-off meeting');
    const missing = kickoff(['show', '--plan', join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('nope.yaml');
    expect(missing.stderr).toContain('kickoff init');
    expect(missing.stderr).toContain('--plan');
  });

  it('reads a folder given as --plan as the kickoff.yaml in it', () => {
    const dir = tempDir();
    kickoff(['init', '--example', '--dir', dir, ...TODAY]);
    const run = kickoff(['show', '--plan', dir, '--json', ...TODAY]);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { goLive: string }).goLive).toBe('2027-04-19');
  });

  it('exits 0 with --json when a notice date has passed: the problem is data, and on stderr', () => {
    const dir = tempDir();
    kickoff(['init', '--example', '--dir', dir, ...TODAY]);
    const run = kickoff(['show', '--plan', dir, '--json', '--today', '2027-03-20']);
    expect(run.code, run.stderr).toBe(0);
    const shown = JSON.parse(run.stdout) as { diagnostics: { code: string; severity: string }[] };
    expect(shown.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'schedule.notice_in_past', severity: 'error' }),
    );
    expect(run.stderr).toContain('schedule.notice_in_past');
  });

  it('says only what needs action with --quiet', () => {
    const dir = tempDir();
    const loud = kickoff(['init', '--example', '--dir', dir, ...TODAY]);
    expect(loud.stderr).toContain('Wrote');
    const quiet = kickoff(['init', '--example', '--dir', tempDir(), '--quiet', ...TODAY]);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    const schedule = kickoff(['schedule', '--plan', dir, '--go-live', '2027-04-26', '--quiet', ...TODAY]);
    expect(schedule.code, schedule.stderr).toBe(0);
    expect(schedule.stdout).toBe('');
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toContain('goLive: 2027-04-26');
  });

  it('exits 3 naming the path for a missing answers or template file', () => {
    const dir = tempDir();
    const answersRun = kickoff(['init', '--answers', join(dir, 'none.yaml'), '--dir', dir, '--yes']);
    expect(answersRun.code).toBe(3);
    expect(answersRun.stderr).toContain('none.yaml');
    const templateRun = kickoff(['init', '--example', '--template', join(dir, 'csu.yaml'), '--dir', dir]);
    expect(templateRun.code).toBe(3);
    expect(templateRun.stderr).toContain('csu.yaml');
    expect(templateRun.stderr).toContain('--template');
  });

  it('reports a hand-edited impossible date at file:line:col', () => {
    const dir = tempDir();
    kickoff(['init', '--example', '--dir', dir, ...TODAY]);
    const path = join(dir, 'kickoff.yaml');
    const text = readFileSync(path, 'utf8').replace('date: 2027-01-21', 'date: 2027-02-30');
    writeFileSync(path, text);
    const line = text.split('\n').findIndex((l) => l.includes('2027-02-30')) + 1;
    const run = kickoff(['show', '--plan', path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${path}:${line}:15`);
  });

  it('reports a mistyped role in an item at file:line:col with the nearest role, and writes nothing', () => {
    const dir = tempDir();
    kickoff(['init', '--example', '--dir', dir, ...TODAY]);
    const path = join(dir, 'kickoff.yaml');
    const text = readFileSync(path, 'utf8').replace(
      'roles: [ trainer, practice-manager, project-manager ]',
      'roles: [ trainer, practice-manger, project-manager ]',
    );
    expect(text).toContain('practice-manger');
    writeFileSync(path, text);
    const lineIndex = text.split('\n').findIndex((l) => l.includes('practice-manger'));
    const column = text.split('\n')[lineIndex]!.indexOf('practice-manger') + 1;
    for (const command of ['show', 'schedule', 'calendar']) {
      const run = kickoff([command, '--plan', path, ...TODAY]);
      expect(run.code, command).toBe(1);
      expect(run.stderr).toContain(`${path}:${lineIndex + 1}:${column}`);
      expect(run.stderr).toContain('Did you mean practice-manager?');
    }
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});

describe('kickoff itself', () => {
  it('prints its version and help', () => {
    const version = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(kickoff(['--version']).stdout.trim()).toBe(version.version);
    const help = kickoff(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('init');
    expect(help.stdout).toContain('Exit codes');
  });

  it('gives from its small help bundle the help the whole program gives, and hands on what is not help', () => {
    // bin/kickoff.js answers help from dist/bundle/help.cjs; --debug runs the whole, unbundled program.
    for (const args of [['--help'], ['show', '--help'], ['tick', '-h'], ['help', 'portfolio'], []]) {
      const [small, whole] = [kickoff(args), kickoff(['--debug', ...args])];
      expect([small.code, small.stdout, small.stderr], args.join(' ')).toEqual([
        whole.code,
        whole.stdout,
        whole.stderr,
      ]);
      expect(small.stdout + small.stderr).toContain('Usage: kickoff');
    }
    // "--help" as an option's value is not a request for help: the command runs.
    const dir = examplePlan();
    const tick = kickoff(['tick', 'kick-off', '--note', '--help', '--plan', join(dir, 'kickoff.yaml')]);
    expect(tick.stderr + tick.stdout).not.toContain('Usage: kickoff');
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toMatch(/notes: .*--help/);
  });

  it('exits 2 for an unknown option', () => {
    const run = kickoff(['init', '--frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--frobnicate');
  });
});
