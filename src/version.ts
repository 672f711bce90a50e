/** kickoff's own version, from package.json (one place). */
import { readFileSync } from 'node:fs';
import { shippedFile } from './adapters/shipped.js';

export const KICKOFF_VERSION: string = (
  JSON.parse(readFileSync(shippedFile('package.json'), 'utf8')) as { version: string }
).version;
