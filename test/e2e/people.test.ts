/**
 * People in the plan, the built binary on `kickoff init --example` as of 2026-11-25 (The Densham
 * Surgery, go-live Mon 19 Apr 2027; Priya Shah the project manager, Dr Zoë Adams both lead GP and
 * clinical safety officer): ids in `show`.
 */
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, examplePlan, kickoff } from '../helpers/cli.js';

let pristine: string;

beforeAll(() => {
  assertBuilt();
  pristine = examplePlan('kickoff-people-pristine-', '2026-11-25');
});

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
