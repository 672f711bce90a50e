/**
 * A report or page a command writes where --out says: atomically (never half a file); a symbolic
 * link there is followed and a device or named pipe written into, never replaced (writeNamedFile).
 */
import { writeNamedFile } from '../adapters/files.js';

export async function writeOutputFile(path: string, content: string | Uint8Array): Promise<void> {
  await writeNamedFile(path, content);
}
