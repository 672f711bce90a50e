/** A report or page a command writes where --out says (atomically: never half a file). */
import { writeAtomic } from '../adapters/files.js';

export async function writeOutputFile(path: string, content: string | Uint8Array): Promise<void> {
  await writeAtomic(path, content);
}
