/** Output for people (stderr, coloured when that helps) and for programs (stdout, --json). */
import type { Diagnostic } from '../../domain/types.js';
import { NO_PAINT, type Paint } from '../../render/paint.js';

export interface Terminal {
  /** Colour for messages (stderr). */
  readonly colour: Paint;
  /**
   * Colour for data meant for people on stdout (the timeline, due, check): none when piped.
   * Optional so that terminals made elsewhere (tests, batch runs) need not know of it; read it
   * through dataColourOf.
   */
  readonly dataColour?: Paint;
  /** A line for people, on stderr. */
  say(line?: string): void;
  /**
   * Data for programs, on stdout, with control characters made visible (visibleControls). A
   * `file` (an export or a calendar printed instead of written with --out) goes out byte for byte
   * when stdout is a file or a pipe, so that `> actions.csv` keeps every note; on a terminal it too
   * is made visible.
   */
  data(text: string, options?: { readonly file?: boolean }): void;
  readonly interactive: boolean;
  /** Standard output is a terminal (a person reads it), not a pipe or a file (a program does). */
  readonly outputIsTerminal: boolean;
  /**
   * One line of progress on stderr that the next call overwrites; `undefined` clears it. Only on a
   * terminal: a pipeline's log gets no progress noise.
   */
  progress(line: string | undefined): void;
}

export interface TerminalOptions {
  readonly colour?: boolean;
  readonly stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr?: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * chalk, and node:tty for stdin, load only when stderr or stdout is a terminal: a pipeline's run,
 * with its output in a file or a pipe, does without them (node:tty brings node:net, about 3 ms).
 */
export async function openTerminal(options: TerminalOptions = {}): Promise<Terminal> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const env = options.env ?? process.env;
  // NO_COLOR (https://no-color.org), --no-color and a non-terminal stderr all turn colour off.
  const allowed = options.colour !== false && !env.NO_COLOR;
  const wantsColour = allowed && Boolean(stderr.isTTY);
  const dataColour = allowed && Boolean(stdout.isTTY);
  const chalk = wantsColour || dataColour ? await chalkPaint() : NO_PAINT;
  // isatty(0), not process.stdin.isTTY: touching process.stdin opens a stream on it, which a
  // command that reads nothing from it should not pay for (about a millisecond). Asked only when
  // stderr is a terminal: otherwise nobody can answer a prompt anyway.
  const interactive =
    Boolean(stderr.isTTY) &&
    (options.stdin ? Boolean(options.stdin.isTTY) : (await import('node:tty')).isatty(0));
  return {
    colour: wantsColour ? chalk : NO_PAINT,
    dataColour: dataColour ? chalk : NO_PAINT,
    say: (line = '') => void stderr.write(`${visibleControls(line, wantsColour)}\n`),
    data: (text, { file = false } = {}) => {
      const shown = file && !stdout.isTTY ? text : visibleControls(text, dataColour);
      stdout.write(shown.endsWith('\n') ? shown : `${shown}\n`);
    },
    interactive,
    outputIsTerminal: Boolean(stdout.isTTY),
    progress: (line) => {
      if (!stderr.isTTY) return;
      stderr.write(`\r\x1b[2K${visibleControls(line ?? '', wantsColour)}`);
    },
  };
}

/**
 * Text for a terminal with every control character made visible: a name or a note in a plan is
 * anyone's text, and ESC, BEL or a C1 control in it (`\x1b]0;PWNED\x07\x1b[2J`) would otherwise
 * retitle the window, clear the screen or worse. Each becomes `\u001b`, `\u0007`…: visible, and
 * in --json output the same value (a JSON escape). Line breaks, tabs and CRLF line ends stay. With
 * `colour`, kickoff's own colour codes (ESC [ number m) stay too; nothing else does.
 */
export function visibleControls(text: string, colour = false): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[\d{1,2}m|\r\n|[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (found) =>
    found === '\r\n' || (colour && found.length > 1)
      ? found
      : found.length > 1
        ? `\\u001b${visibleControls(found.slice(1))}`
        : `\\u${found.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** chalk's styles at level 1 (16 colours: what every terminal kickoff meets shows). */
async function chalkPaint(): Promise<Paint> {
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 });
}

/** The terminal with its messages silenced when `quiet` (--quiet, --json): data still goes to stdout. */
export function muted(terminal: Terminal, quiet: boolean): Terminal {
  return quiet ? { ...terminal, say: () => undefined } : terminal;
}

/** The colour for stdout data: none unless the terminal says stdout may have it. */
export function dataColourOf(terminal: Terminal): Paint {
  return terminal.dataColour ?? NO_PAINT;
}

const LABEL: Record<Diagnostic['severity'], string> = { error: 'Problem', warning: 'Warning', info: 'Note' };

/** Each problem on stderr; with `quiet`, only those that need action (errors). */
export function sayDiagnostics(
  terminal: Terminal,
  diagnostics: readonly Diagnostic[],
  options: { readonly quiet?: boolean | undefined } = {},
): void {
  for (const d of diagnostics) {
    if (options.quiet && d.severity !== 'error') continue;
    const paint =
      d.severity === 'error'
        ? terminal.colour.red
        : d.severity === 'warning'
          ? terminal.colour.yellow
          : terminal.colour.cyan;
    terminal.say(`${paint(`${LABEL[d.severity]}:`)} ${d.message} ${terminal.colour.dim(`[${d.code}]`)}`);
  }
}
