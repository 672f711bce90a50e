/** Text for a terminal (adapters/terminal/terminal.ts): every control character made visible. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openTerminal, visibleControls } from '../../src/adapters/terminal/terminal.js';

describe('visibleControls', () => {
  it('makes ESC, BEL, C1 controls, DEL and a lone CR visible, and keeps line breaks and tabs', () => {
    expect(visibleControls('a\x1b]0;PWNED\x07\x1b[2Jb\u009b1m\x7f\rc\r\nd\te\n')).toBe(
      'a\\u001b]0;PWNED\\u0007\\u001b[2Jb\\u009b1m\\u007f\\u000dc\r\nd\te\n',
    );
  });

  it("keeps kickoff's own colour codes only when colour is on, and nothing else", () => {
    const red = '\x1b[31mProblem:\x1b[39m';
    expect(visibleControls(`${red} \x1b[2J`, true)).toBe(`${red} \\u001b[2J`);
    expect(visibleControls(red, false)).toBe('\\u001b[31mProblem:\\u001b[39m');
  });

  it('keeps --json output the same value (a control becomes its JSON escape)', () => {
    const value = { name: 'Sam\u009b\x7f\x1b Lee' };
    expect(JSON.parse(visibleControls(JSON.stringify(value)))).toEqual(value);
  });

  it('is applied to messages and data, coloured or not', async () => {
    for (const isTTY of [false, true]) {
      const stdout = Object.assign(new PassThrough(), { isTTY });
      const stderr = Object.assign(new PassThrough(), { isTTY });
      const terminal = await openTerminal({ stdout, stderr, env: {}, stdin: { isTTY: false } as never });
      terminal.say(`${terminal.colour.red('kickoff:')} Sam \x1b]0;x\x07`);
      terminal.data('Sam \x1b[2J');
      const said = String(stderr.read());
      expect(said).toContain('Sam \\u001b]0;x\\u0007');
      expect(String(stdout.read())).toBe('Sam \\u001b[2J\n');
      expect(said.startsWith(isTTY ? '\x1b[31mkickoff:\x1b[39m' : 'kickoff:')).toBe(true);
    }
  });

  it('keeps a file printed to a file or pipe byte for byte, and makes it visible on a terminal', async () => {
    for (const isTTY of [false, true]) {
      const stdout = Object.assign(new PassThrough(), { isTTY });
      const terminal = await openTerminal({ stdout, stderr: new PassThrough(), env: {} });
      terminal.data('note\r=1+1\x1b[2J\r\n', { file: true });
      expect(String(stdout.read())).toBe(isTTY ? 'note\\u000d=1+1\\u001b[2J\r\n' : 'note\r=1+1\x1b[2J\r\n');
    }
  });
});
