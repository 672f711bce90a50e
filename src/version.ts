/**
 * kickoff's own version, from package.json (one place). Read the first time it is asked for, not
 * on import: importing kickoff does no I/O.
 */
import { readShippedSync } from './adapters/shipped.js';

let version: string | undefined;

export function kickoffVersion(): string {
  version ??= (JSON.parse(readShippedSync('package.json').toString('utf8')) as { version: string }).version;
  return version;
}
