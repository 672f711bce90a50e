/**
 * SHA-256 in hex, with node:crypto loaded the first time a hash is taken. Loading it costs about
 * 6 ms (it brings a dozen modules of Node's own), and most runs take no hash: `show`, `due` and
 * `check` write no calendar and keep no history.
 */
import { createRequire } from 'node:module';
import { once } from './once.js';

const crypto = once(() => createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto'));

/** One-shot: a hash object per event cost more than the rest of an event's fingerprint in `batch`. */
export function sha256Hex(text: string): string {
  return crypto().hash('sha256', text, 'hex');
}
