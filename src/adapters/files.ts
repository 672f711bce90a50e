/** The file system, wrapped: reads and atomic writes, with errors people can act on. */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { IoError } from '../errors.js';

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return (error as Error).message;
}

/**
 * Reads a text file a person pointed kickoff at; "-" reads standard input. A file that is not
 * there is the file system's answer (exit 3), with `hint` saying what to run or pass instead.
 */
export async function readText(path: string, what: string, hint = 'Check the path.'): Promise<string> {
  try {
    if (path === '-') return await readStdin();
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new IoError(`Cannot read ${what} ${path}: ${reason(error)}.`, hint);
  }
}

/** Reads a file's bytes (a spreadsheet); errors as for readText. */
export async function readBytes(path: string, what: string, hint = 'Check the path.'): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new IoError(`Cannot read ${what} ${path}: ${reason(error)}.`, hint);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Writes through a temp file in the same folder, then renames it into place, so an interrupted run
 * never leaves a half-written file.
 */
export async function writeAtomic(path: string, content: string): Promise<void> {
  const folder = dirname(path);
  const temp = join(folder, `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(folder, { recursive: true });
    await writeFile(temp, content, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new IoError(
      `Cannot write ${path}: ${reason(error)}.`,
      'Check the folder exists and you may write to it.',
    );
  }
}
