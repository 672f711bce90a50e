/**
 * buildProgram gives options only to the commands the arguments name, and lists every command in
 * the root help from its record ("show [options]"). That listing must be what commander itself
 * writes when every command has its options.
 */
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { COMMANDS } from '../../src/cli/options.js';

const nothing = () => undefined;

describe('the root help, with the commands given no options', () => {
  it('lists each command as commander does when every command has its options', () => {
    const lazy = buildProgram('1.2.3', nothing, ['--help']);
    const full = buildProgram(
      '1.2.3',
      nothing,
      COMMANDS.map((c) => c.name),
    ).configureHelp({});
    expect(
      full.commands.every(
        (c) => c.options.length > 0 || !COMMANDS.find((s) => s.name === c.name())?.options.length,
      ),
    ).toBe(true);
    expect(lazy.commands.some((c) => c.options.length > 0)).toBe(false);
    expect(lazy.helpInformation()).toBe(full.helpInformation());
  });

  it('gives a command named in the arguments its options, and its help lists them', () => {
    const program = buildProgram('1.2.3', nothing, ['show', '--json']);
    const show = program.commands.find((c) => c.name() === 'show')!;
    const spec = COMMANDS.find((c) => c.name === 'show')!;
    expect(show.options.map((o) => o.flags)).toEqual(spec.options.map((o) => o.flags));
  });
});
