/**
 * Names with awkward characters (issue 13): commas, semicolons, backslashes, quotes, emoji,
 * right-to-left text, CR/LF, NUL, 10,000 characters, paths and Windows reserved names, as the
 * practice's and a person's name, through `kickoff init --answers` and `kickoff batch`. A name is
 * text: it never becomes a path, it reads back from the plan exactly, and the calendars stay valid.
 * ODS codes do become folder and file names, so one with path characters is refused.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, kickoff, tempDir } from '../helpers/cli.js';
import { expectIcsCheckPasses } from '../helpers/ics-check.js';

const SLOW = 240_000;
const TODAY = ['--today', '2026-11-25'];

/** Each catalogue line's text, as the practice's name and the project manager's. */
const NAMES: Record<string, string> = {
  comma: 'Smith, Jones and Partners',
  semicolon: 'Riverside; Health Centre',
  backslash: 'C:\\Surgery\\Main \\ end\\',
  backslashBeforeEscape: 'C:\\new\\Notes a\\;b c\\,d',
  quotes: `"The" O'Brien 'Practice' \`x\``,
  emoji: 'Surgery 🏥 👩🏽‍⚕️ Team',
  rightToLeft: 'عيادة الشفاء \u202Egnp.exe \u200F שלום',
  crlf: 'Line one\r\nLine two',
  loneCr: 'Line one\rLine two',
  unicodeLineBreaks: 'One\u0085Two\u2028Three\u2029Four',
  nul: 'Before\u0000after',
  tenThousand: 'x'.repeat(10_000),
  dotDot: '../../etc',
  backslashDots: '..\\..\\windows\\system32',
  absolute: '/etc/passwd',
  con: 'CON',
  nulReserved: 'NUL',
};

/**
 * kickoff writes these as RFC 5545 says (a test below decodes them exactly), but ics-check's
 * backends misread them: python-icalendar turns an escaped backslash before n, N, ; or , into a
 * newline or a bare ; , (it unescapes in several passes), and the checker reads ical.js's JSON
 * answer with Python's splitlines(), which also splits at NEL, U+2028 and U+2029.
 */
const CHECKER_MISREADS = new Set(['backslashBeforeEscape', 'unicodeLineBreaks']);

/** RFC 5545 §3.3.11 TEXT, decoded in one left-to-right pass (each escape consumed once). */
function decodeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** The text a calendar can carry: line breaks become one LF, other controls go (RFC 5545 TEXT). */
function asCalendarText(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** A property's value from a calendar, unfolded (lines continued by CRLF and a space or tab). */
function propertyOf(ics: string, name: string): string | undefined {
  const line = ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .find((l) => l.startsWith(`${name}:`));
  return line?.slice(name.length + 1);
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

function answersWith(name: string, ods: string): object {
  return {
    practice: { name, ods },
    goLive: '2027-04-19',
    nation: 'england',
    systems: { current: 'EMIS Web', new: 'SystmOne' },
    team: [{ role: 'project-manager', name, email: 'pm@nhs.net' }],
    thirdParties: ['eps'],
  };
}

interface ShownPlan {
  readonly practice: { readonly name: string; readonly ods: string };
}

beforeAll(assertBuilt);

describe('awkward names through kickoff init --answers', () => {
  const root = tempDir('kickoff-odd-names-');
  const calendars: string[] = [];

  it.each(Object.entries(NAMES))(
    '%s: planned inside --dir, and the plan reads back the name exactly',
    (label, name) => {
      const work = join(root, label);
      const answers = join(root, `${label}.json`);
      // JSON is YAML: its escapes carry CR, LF and NUL into the answers file unchanged.
      writeFileSync(answers, JSON.stringify(answersWith(name, 'A81001')));
      const run = kickoff(['init', '--answers', answers, '--yes', '--dir', work, ...TODAY], { cwd: root });
      expect(run.code, run.stderr).toBe(0);
      expect(filesIn(work)).toEqual([
        'calendars',
        'calendars/a81001-everything.ics',
        'calendars/a81001-project-manager.ics',
        'kickoff.yaml',
      ]);
      const shown = kickoff(['show', '--json', '--plan', join(work, 'kickoff.yaml'), ...TODAY]);
      expect(shown.code, shown.stderr).toBe(0);
      expect((JSON.parse(shown.stdout) as ShownPlan).practice.name).toBe(name);
      // The plan's header comment holds the name on one line; the YAML value holds it exactly.
      const plan = readFileSync(join(work, 'kickoff.yaml'), 'utf8');
      expect(plan).not.toContain('\0');
      expect(plan.split('\n')[2]).toMatch(/^# Go-live /);
      const everything = readFileSync(join(work, 'calendars/a81001-everything.ics'), 'utf8');
      expect(decodeText(propertyOf(everything, 'X-WR-CALNAME') ?? '')).toBe(
        `${asCalendarText(name)} (A81001) migration`,
      );
      if (CHECKER_MISREADS.has(label)) return;
      calendars.push(join(work, 'calendars/a81001-everything.ics'));
      calendars.push(join(work, 'calendars/a81001-project-manager.ics'));
    },
    120_000,
  );

  it('writes nothing beside the output folders', () => {
    const expected = Object.keys(NAMES).flatMap((label) => [label, `${label}.json`]);
    expect(readdirSync(root).sort()).toEqual(expected.sort());
  });

  it(
    'writes calendars that pass ics-check for every name',
    (ctx) => {
      expect(calendars).toHaveLength((Object.keys(NAMES).length - CHECKER_MISREADS.size) * 2);
      expectIcsCheckPasses(calendars, ctx);
    },
    SLOW,
  );

  it(
    'keeps the name exactly through kickoff schedule',
    () => {
      const work = join(root, 'crlf');
      const run = kickoff([
        'schedule',
        '--plan',
        join(work, 'kickoff.yaml'),
        '--go-live',
        '2027-04-26',
        ...TODAY,
      ]);
      expect(run.code, run.stderr).toBe(0);
      const shown = kickoff(['show', '--json', '--plan', join(work, 'kickoff.yaml'), ...TODAY]);
      expect((JSON.parse(shown.stdout) as ShownPlan).practice.name).toBe(NAMES.crlf);
    },
    SLOW,
  );

  it.each([
    '../../etc',
    '/etc/passwd',
    '..\\x',
    'CON',
    'NUL',
    'A81001/..',
    'A81001\u0000',
    'C:A81001',
    '%2e%2e',
  ])(
    'refuses the ODS code %j with exit 1, writing nothing',
    (ods) => {
      const dir = tempDir('kickoff-odd-ods-');
      writeFileSync(join(dir, 'answers.json'), JSON.stringify(answersWith('Test Surgery', ods)));
      const run = kickoff(
        ['init', '--answers', join(dir, 'answers.json'), '--yes', '--dir', join(dir, 'out'), ...TODAY],
        {
          cwd: dir,
        },
      );
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain('is not a GP practice ODS code');
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(readdirSync(dir)).toEqual(['answers.json']);
    },
    120_000,
  );
});

/** A CSV field: quoted, with quotes doubled (RFC 4180), so commas and line breaks stay in it. */
function field(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

interface Summary {
  readonly rows: { row: number; ods?: string; status: string; reason?: string }[];
}

describe('awkward names and codes through kickoff batch', () => {
  const names = Object.entries(NAMES);
  const ods = (i: number) => `A81${String(i + 1).padStart(3, '0')}`;
  const header = 'practice,ods,goLive,currentSystem,newSystem,projectManager,projectManagerEmail';

  it(
    'plans every name as text, inside --out, and reads each back exactly',
    (ctx) => {
      const root = tempDir('kickoff-odd-batch-');
      // A ; in a person's column separates several people (README), so that name stays in the practice's.
      const person = (name: string) => (name.includes(';') ? 'Pat Jones' : name);
      const rows = names.map(
        ([, name], i) =>
          `${field(name)},${ods(i)},2027-04-19,EMIS Web,SystmOne,${field(person(name))},pm@nhs.net`,
      );
      writeFileSync(join(root, 'odd.csv'), [header, ...rows].join('\r\n'));
      const run = kickoff(['batch', join(root, 'odd.csv'), '--out', join(root, 'out'), ...TODAY], {
        cwd: root,
      });
      expect(run.code, run.stderr).toBe(0);
      const summary = JSON.parse(run.stdout) as Summary;
      expect(summary.rows.map((r) => r.status)).toEqual(names.map(() => 'planned'));
      expect(readdirSync(root).sort()).toEqual(['odd.csv', 'out']);
      expect(readdirSync(join(root, 'out')).sort()).toEqual(names.map((_, i) => ods(i)));
      const calendars: string[] = [];
      names.forEach(([label, name], i) => {
        const plan = join(root, 'out', ods(i), 'kickoff.yaml');
        const shown = kickoff(['show', '--json', '--plan', plan, ...TODAY]);
        expect(shown.code, `${label}: ${shown.stderr}`).toBe(0);
        expect((JSON.parse(shown.stdout) as ShownPlan).practice.name, label).toBe(name);
        const dir = join(root, 'out', ods(i), 'calendars');
        if (!CHECKER_MISREADS.has(label)) calendars.push(...readdirSync(dir).map((f) => join(dir, f)));
      });
      expectIcsCheckPasses(calendars, ctx);
    },
    SLOW,
  );

  // batch.test.ts covers ../../etc, /abs, CON, a trailing slash and backslashes; these are the rest.
  it(
    'refuses every other ODS code with path characters, row by row, writing only the good row',
    () => {
      const root = tempDir('kickoff-odd-batch-');
      const bad = [
        '..',
        '.',
        '~',
        'A81001/..',
        '%2e%2e',
        'C:A8100',
        'AUX',
        'LPT1',
        'COM1',
        'A81\u00A0001',
        '🏥',
      ];
      const rows = [...bad, 'A81009'].map(
        (code) => `Odd,${field(code)},2027-04-19,EMIS Web,SystmOne,Pat Jones,pm@nhs.net`,
      );
      writeFileSync(join(root, 'codes.csv'), [header, ...rows].join('\n'));
      const run = kickoff(['batch', join(root, 'codes.csv'), '--out', join(root, 'out'), ...TODAY], {
        cwd: root,
      });
      expect(run.code, run.stderr).toBe(1);
      const summary = JSON.parse(run.stdout) as Summary;
      expect(summary.rows.map((r) => r.status)).toEqual([...bad.map(() => 'failed'), 'planned']);
      expect(readdirSync(root).sort()).toEqual(['codes.csv', 'out']);
      expect(readdirSync(join(root, 'out'))).toEqual(['A81009']);
    },
    SLOW,
  );
});
