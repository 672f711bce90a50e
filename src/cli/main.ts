/** The entry: every command, parsed and run by dispatch. The only process.exit is in dispatch's guards. */
import type { ExitCode } from '../errors.js';
import { dispatch, guardOutput } from './dispatch.js';
import { RUNNERS } from './runners.js';

export async function main(argv: readonly string[]): Promise<ExitCode> {
  return dispatch(argv, RUNNERS);
}

/** Called by bin/kickoff.js. Sets the exit code rather than exiting, so piped output is never cut short. */
export async function run(): Promise<void> {
  guardOutput();
  process.exitCode = await main(process.argv.slice(2));
}
