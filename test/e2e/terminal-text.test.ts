/**
 * What kickoff prints is safe to print (issue 22), the built binary: a name, a note or a title that
 * holds terminal escape sequences is shown with them made visible, never sent raw to the terminal;
 * `--json` still gives the exact text; and output that cannot be written (a full disk, /dev/full)
 * is one line and exit 3, not a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN, examplePlan, kickoff, tempDir } from '../helpers/cli.js';

const TODAY = '2026-11-25';
/** Retitles the window, rings the bell and clears the screen; then a C1 CSI and DEL. */
const HOSTILE = '\x1b]0;PWNED\x07\x1b[2J\u009b31m\x7f';
/** The same as YAML writes it in a double-quoted scalar. */
const HOSTILE_YAML = String.raw`\e]0;PWNED\a\e[2J\u009b31m\x7f`;
/** No control character but line break and tab (and CR before LF) may reach a terminal. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)/;
let pristine: string;

beforeAll(() => {
  assertBuilt();
  pristine = examplePlan('kickoff-terminal-pristine-', TODAY);
});

/** The example plan with the hostile text in a person's name, a note and an item's title. */
function hostilePlan(): string {
  const dir = tempDir('kickoff-terminal-');
  cpSync(pristine, dir, { recursive: true });
  const file = join(dir, 'kickoff.yaml');
  const plan = readFileSync(file, 'utf8')
    .replace('name: Sam Lee,', `name: "Sam ${HOSTILE_YAML} Lee",`)
    .replace('who: Sam Lee,', `who: "Sam ${HOSTILE_YAML} Lee",`)
    .replace('        title: Kick-off meeting\n', `        title: "Kick-off ${HOSTILE_YAML} meeting"\n`)
    .replace(
      /( {6}- id: technical-survey\n(?: {8}.*\n)*? {8}status: todo\n)/,
      `$1        notes: "Bring ${HOSTILE_YAML} the floor plan"\n`,
    );
  expect(plan.match(new RegExp(HOSTILE_YAML.replace(/[\\[\]]/g, '\\$&'), 'g'))?.length).toBe(4);
  writeFileSync(file, plan);
  // The calendars and their record follow the edited plan, so that `invite` has them up to date.
  const calendar = kickoff(['calendar', '--plan', dir, '--today', TODAY]);
  expect(calendar.code, calendar.stderr).toBeLessThan(2);
  return dir;
}

describe('escape sequences in names, notes and titles', () => {
  const commands = [
    ['show'],
    ['show', '--role', 'trainer'],
    ['due', '--within', '400d'],
    ['check'],
    ['invite', '--dry-run'],
    ['tick', 'kick-off'],
  ];
  it.each(commands.map((c) => [c.join(' '), c] as const))(
    '%s prints them made visible, never raw',
    (_name, command) => {
      const dir = hostilePlan();
      const run = kickoff([...command, '--plan', dir, '--today', TODAY]);
      expect(run.stderr).not.toMatch(/internal error/);
      expect(run.code, run.stderr).toBeLessThan(2);
      expect(run.stdout + run.stderr).not.toMatch(RAW_CONTROL);
      expect(run.stdout + run.stderr).not.toContain('\x1b');
      expect(run.stdout + run.stderr).toMatch(/\\u001b\]0;PWNED\\u0007\\u001b\[2J\\u009b31m\\u007f/);
    },
    60_000,
  );

  it('--json still gives the exact text', () => {
    const dir = hostilePlan();
    const run = kickoff(['show', '--json', '--plan', dir, '--today', TODAY]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    const shown = JSON.stringify(JSON.parse(run.stdout));
    expect(shown).toContain(JSON.stringify(`Sam ${HOSTILE} Lee`).slice(1, -1));
  });

  it('the plan itself keeps the text exactly as it was', () => {
    const dir = hostilePlan();
    expect(kickoff(['tick', 'technical-survey', '--plan', dir, '--today', TODAY]).code).toBe(0);
    const after = readFileSync(join(dir, 'kickoff.yaml'), 'utf8');
    expect(after).toContain(`name: "Sam ${HOSTILE_YAML} Lee"`);
    expect(after).toContain(`notes: "Bring ${HOSTILE_YAML} the floor plan"`);
  });
});

describe('output that cannot be written', () => {
  it.skipIf(!existsSync('/dev/full'))(
    'show > /dev/full is one line and exit 3, with no stack trace or build path',
    () => {
      const plan = ['--plan', pristine, '--today', TODAY];
      for (const command of [
        ['show', ...plan],
        ['export', '--format', 'csv', ...plan],
        ['schema', 'plan'],
      ]) {
        const script = `"${process.execPath}" "${BIN}" "$@" > /dev/full`;
        const full = spawnSync('sh', ['-c', script, 'kickoff', ...command], {
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' },
        });
        expect(full.status, `${command.join(' ')}: ${full.stderr}`).toBe(3);
        // Messages (warnings) before it are the command's; the failure itself is one line, the last.
        expect(full.stderr).toMatch(/(^|\n)kickoff: cannot write the output: the disk is full\. [^\n]*\n$/);
        expect(full.stderr.match(/kickoff:/g)).toHaveLength(1);
        expect(full.stderr).not.toMatch(/ at |bundle|dist\/|node:/);
      }
    },
    60_000,
  );
});
