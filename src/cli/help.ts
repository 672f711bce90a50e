/**
 * `kickoff --help` (and `kickoff CMD --help`, `kickoff help`) without the commands' code: bin/kickoff.js
 * runs this small bundle (dist/bundle/help.cjs) first when the arguments ask for help, so the help
 * a person asks for most is not held up by loading the whole program. Anything else it is given
 * (an option whose value is "--help") it hands back, having done nothing.
 */
import { dispatch, guardOutput, NEEDS_PROGRAM } from './dispatch.js';

/** Whether help (or a usage error) was given; false: run the whole program with the same arguments. */
export async function runHelp(): Promise<boolean> {
  guardOutput();
  const code = await dispatch(process.argv.slice(2));
  if (code === NEEDS_PROGRAM) return false;
  process.exitCode = code;
  return true;
}
