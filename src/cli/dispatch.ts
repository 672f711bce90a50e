/** The entry's core: parse, run one command, map every outcome to an exit code. */
import { CommanderError } from 'commander';
import type { Terminal } from '../adapters/terminal/terminal.js';
import { ExitCode, formatLocation, KickoffError } from '../errors.js';
import { kickoffVersion } from '../version.js';
import { buildProgram } from './program.js';
import type { Runners } from './runners.js';

/** What dispatch gives when the arguments name a command but it was given no runners. */
export const NEEDS_PROGRAM = 'needs-program';

const REPORT =
  'This is a bug in kickoff. Please report it with the command you ran (add --debug for details).';

/**
 * Parses the arguments and runs the command they name with `runners`. Without runners (kickoff
 * --help, help.ts) it answers only what needs no command's code: help, the version, a usage error;
 * a command to run gives NEEDS_PROGRAM, before anything has been done.
 */
export async function dispatch(argv: readonly string[], runners: Runners): Promise<ExitCode>;
export async function dispatch(
  argv: readonly string[],
  runners?: Runners,
): Promise<ExitCode | typeof NEEDS_PROGRAM>;
export async function dispatch(
  argv: readonly string[],
  runners?: Runners,
): Promise<ExitCode | typeof NEEDS_PROGRAM> {
  const wantsColour = !argv.includes('--no-color');
  const debug = argv.includes('--debug');
  // chalk (via terminal.js) loads only when a command runs or an error is reported: --version and
  // --help never need it.
  let terminal: Terminal | undefined;
  let openTerminal: typeof import('../adapters/terminal/terminal.js').openTerminal | undefined;
  const loadTerminal = async () => {
    openTerminal ??= (await import('../adapters/terminal/terminal.js')).openTerminal;
  };
  const getTerminal = async () => (terminal ??= await openTerminal!({ colour: wantsColour }));
  let pending: { command: string; options: Record<string, unknown> } | undefined;
  const program = buildProgram(
    kickoffVersion(),
    (command, options) => (pending = { command, options }),
    argv,
  );
  try {
    await program.parseAsync([...argv], { from: 'user' });
    if (!pending) {
      program.outputHelp({ error: true });
      return ExitCode.usage;
    }
    if (!runners) return NEEDS_PROGRAM;
    const run = await runners[pending.command]!();
    await loadTerminal();
    return await run(pending.options, await getTerminal());
  } catch (error) {
    if (error instanceof CommanderError) return report(error, undefined, debug);
    await loadTerminal();
    return report(error, await getTerminal(), debug);
  }
}

function report(error: unknown, terminal: Terminal | undefined, debug: boolean): ExitCode {
  if (error instanceof CommanderError || !terminal) {
    if (!(error instanceof CommanderError)) throw error; // only a commander error comes without a terminal
    // commander has already printed its message (or the help / version).
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof KickoffError) {
    const where = error.location ? `${formatLocation(error.location)}: ` : '';
    terminal.say(`${terminal.colour.red('kickoff:')} ${where}${error.message}`);
    if (error.hint) terminal.say(`  ${error.hint}`);
    return error.exitCode;
  }
  terminal.say(
    `${terminal.colour.red('kickoff: internal error:')} ${(error as Error)?.message ?? String(error)}`,
  );
  terminal.say(REPORT);
  if (debug && error instanceof Error && error.stack) terminal.say(error.stack);
  return ExitCode.internal;
}

/** Output that cannot be written is said once, in words, not as a stack trace. */
export function guardOutput(): void {
  // `kickoff show | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.ok);
    // Output sent to a full disk (or /dev/full), a closed file or a broken device: one line, exit 3.
    process.stderr.write(
      `kickoff: cannot write the output: ${outputProblem(error)}. Check where it goes (> FILE) and run the command again.\n`,
    );
    process.exit(ExitCode.environment);
  });
  // Messages that cannot be written have nobody to tell: the exit status says it.
  process.stderr.on('error', (error: NodeJS.ErrnoException) =>
    process.exit(error.code === 'EPIPE' ? ExitCode.ok : ExitCode.environment),
  );
}

/** Why standard output took no more, in words (the code for anything unusual). */
function outputProblem(error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOSPC') return 'the disk is full';
  if (error.code === 'EBADF') return 'it is closed';
  if (error.code === 'EACCES' || error.code === 'EPERM') return 'permission denied';
  return error.code ?? error.message;
}
