/**
 * Bounded work on hostile input (issue 22), the built binary: a device that never ends is refused
 * at the size limit while it is read; a plan nested thousands of levels deep is refused with its
 * file:line (exit 1), and `portfolio` and `publish --plans` still read the other plans; a notice
 * period of a million years and a role id like `../../evil` are validation messages with their line.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { assertBuilt, examplePlan, kickoff, REPO_ROOT, tempDir, type CliRun } from '../helpers/cli.js';
import { kickoffAsync } from '../helpers/cli-async.js';
import { feedFolder } from '../helpers/feeds.js';

const TODAY = '2026-11-25';
/** A run that reads gigabytes dies in this heap instead of passing. */
const BOUNDED = { NODE_OPTIONS: '--max-old-space-size=128' };
const ANSWERS = readFileSync(join(REPO_ROOT, 'examples/densham-surgery.yaml'), 'utf8');
let pristine: string;
let planLines: number;

beforeAll(() => {
  assertBuilt();
  pristine = examplePlan('kickoff-bounded-pristine-', TODAY);
  planLines = readFileSync(join(pristine, 'kickoff.yaml'), 'utf8').split('\n').length;
});

function copy(): string {
  const dir = tempDir('kickoff-bounded-');
  cpSync(pristine, dir, { recursive: true });
  return dir;
}

function expectInputError(run: CliRun): void {
  expect(run.stderr).not.toMatch(/internal error|This is a bug|\n\s+at |call stack/i);
  expect(run.code, run.stderr).toBe(1);
}

describe('a file that never ends', () => {
  const endless = [
    ['--answers /dev/zero', ['init', '--answers', '/dev/zero', '--dir', 'out', '--yes'], 'answers file'],
    ['--plan /dev/urandom', ['show', '--plan', '/dev/urandom'], 'plan'],
    ['batch /dev/zero', ['batch', '/dev/zero', '--out', 'out'], 'practices file'],
  ] as const;
  it.each(endless)(
    '%s is refused at the size limit, in seconds and bounded memory',
    async (_name, args, what) => {
      const dir = tempDir('kickoff-endless-');
      const started = performance.now();
      const run = await kickoffAsync([...args, '--today', TODAY], {
        cwd: dir,
        env: BOUNDED,
        timeoutMs: 30_000,
      });
      expect(performance.now() - started).toBeLessThan(30_000);
      expectInputError(run);
      expect(run.stderr).toMatch(new RegExp(`The ${what} is larger than 10 MB, the most kickoff reads`));
      expect(existsSync(join(dir, 'out'))).toBe(false);
    },
    60_000,
  );
});

/** A block sequence nested `depth` levels deep, as its own key at the end of a file. */
function deepSequence(depth: number): string {
  return `deep:\n${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i + 1)}-\n`).join('')}`;
}

describe('a plan nested 3,000 levels deep', () => {
  const deepPlan = () => {
    const dir = copy();
    writeFileSync(
      join(dir, 'kickoff.yaml'),
      readFileSync(join(dir, 'kickoff.yaml'), 'utf8') + deepSequence(3000),
    );
    return dir;
  };
  const where = (run: CliRun) => Number(/kickoff\.yaml:(\d+):\d+: /.exec(run.stderr)?.[1] ?? NaN);

  it.each([['show'], ['check'], ['schedule'], ['tick', 'kick-off'], ['calendar']])(
    '%s refuses it with file:line and exit 1, and changes nothing',
    (...command) => {
      const dir = deepPlan();
      const before = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
      const run = kickoff([...command, '--plan', dir, '--today', TODAY], { env: BOUNDED });
      expectInputError(run);
      expect(run.stderr).toMatch(/is nested more than 64 levels deep/);
      expect(where(run)).toBeGreaterThan(planLines - 1);
      expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(before);
    },
    60_000,
  );

  it('portfolio and publish --plans report it and still read the other plan', () => {
    const root = tempDir('kickoff-deep-programme-');
    const plans = join(root, 'plans');
    mkdirSync(plans);
    cpSync(deepPlan(), join(plans, 'A81001'), { recursive: true });
    cpSync(pristine, join(plans, 'A81002'), { recursive: true });
    const other = join(plans, 'A81002/kickoff.yaml');
    writeFileSync(
      other,
      readFileSync(other, 'utf8')
        .replace('ods: A81001', 'ods: A81002')
        .replace('The Densham Surgery', 'Other Surgery'),
    );
    const portfolio = kickoff(['portfolio', plans, '--today', TODAY], { env: BOUNDED });
    expectInputError(portfolio);
    expect(portfolio.stderr).toMatch(/A81001\/kickoff\.yaml:\d+:\d+: .*nested more than 64 levels deep/);
    expect(portfolio.stdout).toContain('A81002');

    const feeds = join(root, 'feeds');
    const publish = kickoff(['publish', '--plans', plans, '--out', feeds, '--today', TODAY], {
      env: BOUNDED,
    });
    expectInputError(publish);
    expect(publish.stderr).toMatch(/A81001\/kickoff\.yaml:\d+:\d+: .*nested more than 64 levels deep/);
    const folder = feedFolder(feeds, 'A81002');
    expect(readdirSync(feeds).sort()).toEqual([folder, 'feeds.json', 'index.html']);
    expect(readFileSync(join(feeds, 'index.html'), 'utf8')).toContain(`${folder}/everything.ics`);
  }, 120_000);

  it('an answers file and a template nested as deep are refused the same way', () => {
    const dir = tempDir('kickoff-deep-inputs-');
    writeFileSync(join(dir, 'answers.yaml'), ANSWERS + deepSequence(3000));
    const answers = kickoff(
      ['init', '--answers', join(dir, 'answers.yaml'), '--dir', join(dir, 'a'), '--yes', '--today', TODAY],
      {
        env: BOUNDED,
      },
    );
    expectInputError(answers);
    expect(answers.stderr).toMatch(/answers\.yaml:\d+:\d+: .*nested more than 64 levels deep/);
    const template = readFileSync(join(REPO_ROOT, 'templates/nhs-england-gp.yaml'), 'utf8');
    writeFileSync(join(dir, 'template.yaml'), `${template}\n${deepSequence(3000)}`);
    const run = kickoff(
      [
        'init',
        '--example',
        '--template',
        join(dir, 'template.yaml'),
        '--dir',
        join(dir, 't'),
        '--today',
        TODAY,
      ],
      { env: BOUNDED },
    );
    expectInputError(run);
    expect(run.stderr).toMatch(/template\.yaml:\d+:\d+: .*nested more than 64 levels deep/);
  }, 60_000);

  it('still reads a file nested as deep as a person would write it', () => {
    const dir = copy();
    // Notes under an item, nested 20 levels: an unknown key there is what is refused, not the depth.
    writeFileSync(
      join(dir, 'kickoff.yaml'),
      readFileSync(join(dir, 'kickoff.yaml'), 'utf8') + deepSequence(20),
    );
    const run = kickoff(['show', '--plan', dir, '--today', TODAY]);
    expectInputError(run);
    expect(run.stderr).toMatch(/deep is not a key kickoff knows/);
  });
});

describe('an absurd notice period', () => {
  it('is refused in the answers file at its line, saying the most allowed', () => {
    const dir = tempDir('kickoff-notice-');
    const file = join(dir, 'answers.yaml');
    writeFileSync(file, ANSWERS.replace('noticeDays: 10 }', 'noticeDays: 9007199254740991 }'));
    const run = kickoff(['init', '--answers', file, '--dir', join(dir, 'out'), '--yes', '--today', TODAY]);
    expectInputError(run);
    const line = ANSWERS.split('\n').findIndex((l) => l.includes('noticeDays: 10')) + 1;
    expect(run.stderr).toMatch(new RegExp(`answers\\.yaml:${line}:\\d+: .*noticeDays .*at most 365`));
    expect(run.stderr).not.toMatch(/-246|39 Aug/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it.each([
    ['noticeWeeks: 9999', /noticeWeeks .*at most 52/],
    ['noticeWorkingDays: 100000', /noticeWorkingDays .*at most 260/],
    ['notice: 999 weeks', /at most a year/],
  ])('is refused as %s too', (given, message) => {
    const dir = tempDir('kickoff-notice-');
    const file = join(dir, 'answers.yaml');
    writeFileSync(file, ANSWERS.replace('noticeDays: 10 }', `${given} }`));
    const run = kickoff(['init', '--answers', file, '--dir', join(dir, 'out'), '--yes', '--today', TODAY]);
    expectInputError(run);
    expect(run.stderr).toMatch(message);
  });

  it('is refused in a hand-edited plan, and a year is still allowed', () => {
    const dir = copy();
    const plan = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'kickoff.yaml'),
      plan.replace('noticeDays: 10 }', 'noticeDays: 9007199254740991 }'),
    );
    const run = kickoff(['schedule', '--plan', dir, '--today', TODAY]);
    expectInputError(run);
    const line = plan.split('\n').findIndex((l) => l.includes('noticeDays: 10')) + 1;
    expect(run.stderr).toMatch(new RegExp(`kickoff\\.yaml:${line}:\\d+: .*at most 365`));
    writeFileSync(join(dir, 'kickoff.yaml'), plan.replace('noticeDays: 10 }', 'noticeDays: 60 }'));
    expect(kickoff(['schedule', '--plan', dir, '--today', TODAY]).code).toBeLessThan(2);
  });
});

describe('a role id that is a path', () => {
  it.each([['show'], ['calendar'], ['publish', '--out', 'feeds']])(
    '%s refuses `../../evil` in the roles of a hand-edited plan with its line (exit 1)',
    (...command) => {
      const dir = copy();
      const plan = readFileSync(join(dir, 'kickoff.yaml'), 'utf8')
        .replace('  it-lead: IT lead', '  ../../evil: IT lead')
        .replace(
          'roles: [ delivery-partner, new-supplier, practice-manager, it-lead ]',
          'roles: [ delivery-partner, new-supplier, practice-manager, ../../evil ]',
        );
      writeFileSync(join(dir, 'kickoff.yaml'), plan);
      const run = kickoff([...command, '--plan', dir, '--today', TODAY], { cwd: dir });
      expectInputError(run);
      const line = plan.split('\n').findIndex((l) => l.includes('../../evil: IT lead')) + 1;
      expect(run.stderr).toMatch(new RegExp(`kickoff\\.yaml:${line}:\\d+: .*"\\.\\./\\.\\./evil".* role id`));
      expect(readdirSync(join(dir, '..')).filter((f) => f === 'evil.ics')).toEqual([]);
      expect(existsSync(join(dir, 'feeds'))).toBe(false);
    },
  );
});

describe('row limits applied while reading', () => {
  /** An action list's header, then `rows` rows. */
  const actionList = (rows: number, row: (i: number) => string) =>
    `Id,Phase,Action,Type,Start,End,Owner roles,Owners,Third party,Status,Notes\n${Array.from({ length: rows }, (_, i) => `${row(i)}\n`).join('')}`;
  const timed = async (args: readonly string[], cwd: string) => {
    const started = performance.now();
    const run = await kickoffAsync(args, { cwd, env: BOUNDED, timeoutMs: 60_000 });
    return { run, seconds: (performance.now() - started) / 1000 };
  };

  it('import of a 7 MB CSV of 3.5 million tiny rows stops at the 10,000th row, in seconds', async () => {
    const dir = copy();
    writeFileSync(
      join(dir, 'tiny.csv'),
      actionList(3_500_000, () => 'a'),
    );
    const before = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    const { run, seconds } = await timed(['import', 'tiny.csv', '--today', TODAY], dir);
    expectInputError(run);
    expect(run.stderr).toMatch(/tiny\.csv:10002:1: .*more than 10,000 rows below its header.*action list/);
    expect(seconds).toBeLessThan(15);
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(before);
  }, 90_000);

  it('batch of the same file is refused for its header at once, before any row is read', async () => {
    const dir = tempDir('kickoff-tiny-batch-');
    writeFileSync(join(dir, 'tiny.csv'), `a\n${'a\n'.repeat(3_500_000)}`);
    const { run, seconds } = await timed(['batch', 'tiny.csv', '--out', 'out', '--today', TODAY], dir);
    expectInputError(run);
    expect(run.stderr).toMatch(/tiny\.csv:1:1: The practices file has no practice, ods, goLive columns/);
    expect(seconds).toBeLessThan(15);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  }, 90_000);

  it('batch with the right header and 1.5 million rows stops at 10,000 practices, in words about practices', async () => {
    const dir = tempDir('kickoff-many-batch-');
    writeFileSync(join(dir, 'many.csv'), `practice,ods,goLive\n${'a,b,c\n'.repeat(1_500_000)}`);
    const { run, seconds } = await timed(['batch', 'many.csv', '--out', 'out', '--today', TODAY], dir);
    expectInputError(run);
    expect(run.stderr).toMatch(/many\.csv:10002:1: .*more than 10,000 rows below its header.*practices/);
    expect(run.stderr).not.toMatch(/action list/);
    expect(seconds).toBeLessThan(15);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  }, 90_000);

  /** A workbook kickoff can read, its sheet replaced by a header and `rows` empty rows. */
  async function workbookWithRows(dir: string, rows: number, empty = false): Promise<string> {
    const exported = join(dir, 'exported.xlsx');
    const done = kickoff(['export', '--format', 'xlsx', '--out', exported, '--plan', dir, '--today', TODAY]);
    expect(done.code, done.stderr).toBe(0);
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(readFileSync(exported));
    const sheetName = Object.keys(zip.files).find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))!;
    const sheet = await zip.file(sheetName)!.async('string');
    const header = /<row r="1"[\s\S]*?<\/row>/.exec(sheet)![0];
    const row = (r: number) =>
      empty
        ? `<row r="${r}"/>`
        : `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>x${r - 2}</t></is></c></row>`;
    const body = Array.from({ length: rows }, (_, i) => row(i + 2)).join('');
    zip.file(
      sheetName,
      sheet
        .replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData>${header}${body}</sheetData>`)
        .replace(/<autoFilter[^>]*\/>|<dataValidations[\s\S]*?<\/dataValidations>|<dimension[^>]*\/>/g, ''),
    );
    const file = join(dir, `rows-${rows}.xlsx`);
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    return file;
  }

  it('a workbook of 1.5 million rows is refused at the 10,000th, in seconds', async () => {
    const dir = copy();
    const file = await workbookWithRows(dir, 1_500_000, true);
    const { run, seconds } = await timed(['import', file, '--today', TODAY], dir);
    expectInputError(run);
    expect(run.stderr).toMatch(/more than 10,000 rows below its header.*action list/);
    expect(seconds).toBeLessThan(15);
  }, 120_000);

  // kickoffAsync: 10,000 refused rows are a megabyte of messages, more than spawnSync keeps.
  it('10,000 rows are allowed (the cap is inclusive), in CSV and in a workbook; 10,001 are not', async () => {
    const dir = copy();
    writeFileSync(
      join(dir, 'cap.csv'),
      actionList(10_000, (i) => `item-${i},,,,,,,,,todo,`),
    );
    const csv = await kickoffAsync(['import', 'cap.csv', '--today', TODAY], { cwd: dir });
    expectInputError(csv);
    expect(csv.stderr).not.toMatch(/more than 10,000|10001 rows/);
    // Every row was read and compared: the first twenty are listed, then how many more.
    expect(csv.stderr).toMatch(/Row 2: there is no item "item-0"/);
    expect(csv.stderr).toMatch(/… and 9980 more\.\nkickoff: 10000 row\(s\) of cap\.csv cannot be applied/);
    writeFileSync(
      join(dir, 'over.csv'),
      actionList(10_001, (i) => `item-${i},,,,,,,,,todo,`),
    );
    const overCsv = await kickoffAsync(['import', 'over.csv', '--today', TODAY], { cwd: dir });
    expect(overCsv.stderr).toMatch(/over\.csv:10002:1: .*more than 10,000 rows/);
    const book = await kickoffAsync(['import', await workbookWithRows(dir, 10_000), '--today', TODAY], {
      cwd: dir,
    });
    expectInputError(book);
    expect(book.stderr).not.toMatch(/more than 10,000|10001 rows/);
    expect(book.stderr).toMatch(/there is no item "x0"/);
    expect(book.stderr).toMatch(/kickoff: 10000 row\(s\) of .*cannot be applied/);
    const over = await kickoffAsync(['import', await workbookWithRows(dir, 10_001), '--today', TODAY], {
      cwd: dir,
    });
    expect(over.stderr).toMatch(/more than 10,000 rows/);
  }, 180_000);

  it('a practices workbook over the cap is refused in words about practices, not an action list', async () => {
    const dir = copy();
    const file = await workbookWithRows(dir, 10_001);
    const run = kickoff(['batch', file, '--out', join(dir, 'out'), '--today', TODAY]);
    expectInputError(run);
    expect(run.stderr).toMatch(/more than 10,000 rows below its header.*practices/);
    expect(run.stderr).not.toMatch(/action list/);
  }, 120_000);
});

describe('every plan kickoff writes can be read again', () => {
  /** The example answers with `extra` more people (trainers) in the team. */
  const withTeam = (extra: number) =>
    ANSWERS.replace(
      'team:\n',
      `team:\n${Array.from({ length: extra }, (_, i) => `  - { role: trainer, name: P${i}, email: p${i}@nhs.net }\n`).join('')}`,
    );
  const teamLine = ANSWERS.split('\n').indexOf('team:') + 1;
  // The example's own team (people listed under team:), so 500 means 500 whatever the example holds.
  const exampleTeam = (parseYaml(ANSWERS) as { team: unknown[] }).team.length;

  it('init refuses a 9 MB answers file of 154,000 people at its team line, in seconds (it wrote a plan show refused)', async () => {
    const dir = tempDir('kickoff-team-');
    writeFileSync(join(dir, 'answers.yaml'), withTeam(154_000));
    const started = performance.now();
    const run = await kickoffAsync(
      ['init', '--answers', 'answers.yaml', '--dir', 'out', '--yes', '--today', TODAY],
      {
        cwd: dir,
        env: { NODE_OPTIONS: '--max-old-space-size=256' },
      },
    );
    expectInputError(run);
    expect(run.stderr).toMatch(
      new RegExp(`answers\\.yaml:${teamLine}:1: Answers: team has more than 500 people`),
    );
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  }, 60_000);

  it('takes a team of 500 (its plan read again after invite records every message) and refuses 501', async () => {
    const dir = tempDir('kickoff-team-');
    writeFileSync(join(dir, '500.yaml'), withTeam(500 - exampleTeam));
    writeFileSync(join(dir, '501.yaml'), withTeam(501 - exampleTeam));
    const refused = kickoff(['init', '--answers', '501.yaml', '--dir', 'out', '--yes', '--today', TODAY], {
      cwd: dir,
    });
    expectInputError(refused);
    expect(refused.stderr).toMatch(new RegExp(`501\\.yaml:${teamLine}:1: .*team has more than 500 people`));
    const made = kickoff(['init', '--answers', '500.yaml', '--dir', 'out', '--yes', '--today', TODAY], {
      cwd: dir,
    });
    expect(made.code, made.stderr).toBeLessThan(2);
    const invite = await kickoffAsync(['invite', '--eml', 'eml', '--plan', 'out', '--today', TODAY], {
      cwd: dir,
      timeoutMs: 240_000,
    });
    expect(invite.code, invite.stderr).toBe(0);
    expect(readdirSync(join(dir, 'eml')).length).toBeGreaterThan(2500);
    const plan = readFileSync(join(dir, 'out/kickoff.yaml'));
    expect(plan.length).toBeLessThan(1024 * 1024);
    expect(kickoff(['show', '--plan', 'out', '--today', TODAY], { cwd: dir }).code).toBe(0);
    // The same plan with one more person, edited by hand: invite refuses it at the team line, sends nothing.
    const text = plan.toString('utf8');
    writeFileSync(
      join(dir, 'out/kickoff.yaml'),
      text.replace(
        '  team:\n',
        '  team:\n    - { role: trainer, name: One More, email: one.more@nhs.net }\n',
      ),
    );
    const more = kickoff(['invite', '--eml', 'eml2', '--plan', 'out', '--today', TODAY], { cwd: dir });
    expectInputError(more);
    expect(more.stderr).toMatch(/kickoff\.yaml:\d+:\d+: .*team has more than 500 people/);
    expect(existsSync(join(dir, 'eml2'))).toBe(false);
  }, 300_000);

  it('import refuses a note that would make the plan larger than kickoff reads, and leaves the plan as it was', async () => {
    const dir = copy();
    const header = 'Id,Phase,Action,Type,Start,End,Owner roles,Owners,Third party,Status,Notes';
    writeFileSync(join(dir, 'big.csv'), `${header}\nkick-off,,,,,,,,,todo,${'x'.repeat(10_470_000)}\n`);
    const before = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    const run = await kickoffAsync(['import', 'big.csv', '--today', TODAY], { cwd: dir });
    expectInputError(run);
    expect(run.stderr).toMatch(
      /kickoff\.yaml would be larger than 10 MB, the most kickoff reads, so it was not written/,
    );
    expect(readFileSync(join(dir, 'kickoff.yaml'), 'utf8')).toBe(before);
    expect(kickoff(['show', '--today', TODAY], { cwd: dir }).code).toBe(0);
  }, 60_000);
});
