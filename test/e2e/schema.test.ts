/**
 * kickoff schema and kickoff completion, the built binary. The schema is checked with a real JSON
 * Schema validator (ajv, draft 2020-12) against every golden plan, and against broken ones.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assertBuilt, kickoff, REPO_ROOT, tempDir } from '../helpers/cli.js';

const GOLDEN_PLANS = [
  'christmas/kickoff.yaml',
  'easter/kickoff.yaml',
  'moved/before.yaml',
  'moved/after.yaml',
];

function readYaml(text: string): unknown {
  return parse(text, { version: '1.2', schema: 'core' });
}

beforeAll(assertBuilt);

describe('kickoff schema', () => {
  function validator(which: 'plan' | 'answers') {
    const run = kickoff(['schema', which]);
    expect(run.code, run.stderr).toBe(0);
    const schema = JSON.parse(run.stdout) as object;
    return new Ajv2020({ strict: false, allErrors: true }).compile(schema);
  }

  it('accepts every golden plan', () => {
    const validate = validator('plan');
    for (const file of GOLDEN_PLANS) {
      const ok = validate(readYaml(readFileSync(join(REPO_ROOT, 'test/golden', file), 'utf8')));
      expect(ok, `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('rejects broken plans: an unknown key, a bad status, a missing section, a number for a title', () => {
    const validate = validator('plan');
    const text = readFileSync(join(REPO_ROOT, 'test/golden/christmas/kickoff.yaml'), 'utf8');
    const broken = [
      text.replace(/^(\s+)status: todo$/m, '$1status: finished'),
      text.replace('scheduled: ', 'sheduled: '),
      text.replace(/^phases:[\s\S]*?(?=^published:)/m, ''),
      text.replace('title: Kick-off meeting', 'title: 42'),
      text.replace('format: 1', 'format: one'),
    ];
    for (const [i, b] of broken.entries()) {
      expect(b, `case ${i} must change the text`).not.toBe(text);
      expect(validate(readYaml(b)), `case ${i}`).toBe(false);
    }
  });

  it('accepts the example answers file and rejects one with a misspelt key', () => {
    const validate = validator('answers');
    const text = readFileSync(join(REPO_ROOT, 'examples/densham-surgery.yaml'), 'utf8');
    expect(validate(readYaml(text)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(readYaml(text.replace('goLive:', 'golive:')))).toBe(false);
  });

  it('ships the same schemas in schema/ (no drift between the package and the command)', () => {
    for (const which of ['plan', 'answers', 'capacity']) {
      const shipped = join(REPO_ROOT, 'schema', `${which}.schema.json`);
      const printed = kickoff(['schema', which]).stdout;
      if (process.env.UPDATE_GOLDEN) writeFileSync(shipped, printed);
      expect(printed).toBe(readFileSync(shipped, 'utf8'));
    }
  });

  it('is named in the header of every plan kickoff writes, for editors', () => {
    const dir = tempDir();
    kickoff(['init', '--example', '--dir', dir, '--today', '2026-11-25']);
    const first = readFileSync(join(dir, 'kickoff.yaml'), 'utf8').split('\n')[0];
    expect(first).toMatch(/^# yaml-language-server: \$schema=https:\/\/\S+\/schema\/plan\.schema\.json$/);
  });
});

describe('kickoff completion', () => {
  it('prints a bash script that a real bash loads, registering kickoff and offering commands and flags', () => {
    const run = kickoff(['completion', 'bash']);
    expect(run.code).toBe(0);
    const file = join(tempDir(), 'kickoff.bash');
    writeFileSync(file, run.stdout);
    const script = `source ${JSON.stringify(file)}
complete -p kickoff
COMP_WORDS=(kickoff ba); COMP_CWORD=1; _kickoff; echo "commands: \${COMPREPLY[*]}"
COMP_WORDS=(kickoff batch --fo); COMP_CWORD=2; _kickoff; echo "flags: \${COMPREPLY[*]}"
COMP_WORDS=(kickoff schema ''); COMP_CWORD=2; _kickoff; echo "schema: \${COMPREPLY[*]}"`;
    const bash = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8' });
    expect(bash.stderr).toBe('');
    expect(bash.stdout).toContain('complete -o filenames -F _kickoff kickoff');
    expect(bash.stdout).toContain('commands: batch');
    expect(bash.stdout).toContain('flags: --force');
    expect(bash.stdout).toContain('schema: plan answers');
  });

  it('completes the item ids of the plan for tick, pin and unpin (kickoff.yaml, or --plan)', () => {
    const dir = tempDir();
    kickoff(['init', '--example', '--dir', dir, '--today', '2026-11-25']);
    const file = join(tempDir(), 'kickoff.bash');
    writeFileSync(file, kickoff(['completion', 'bash']).stdout);
    const script = `source ${JSON.stringify(file)}
COMP_WORDS=(kickoff tick kick); COMP_CWORD=2; _kickoff; echo "here: \${COMPREPLY[*]}"
cd /
COMP_WORDS=(kickoff pin --plan ${JSON.stringify(dir)} eps-no); COMP_CWORD=4; _kickoff; echo "plan: \${COMPREPLY[*]}"`;
    const bash = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8', cwd: dir });
    expect(bash.stderr).toBe('');
    expect(bash.stdout).toContain('here: kick-off');
    expect(bash.stdout).toContain('plan: eps-notice');
  });

  it('prints zsh and fish scripts made from the same option records', () => {
    expect(kickoff(['completion', 'zsh']).stdout).toContain('complete -o filenames -F _kickoff kickoff');
    const fish = kickoff(['completion', 'fish']).stdout;
    expect(fish).toContain("complete -c kickoff -n '__fish_seen_subcommand_from batch' -l out -r -F");
    expect(kickoff(['completion', 'tcsh']).code).toBe(2);
  });
});
