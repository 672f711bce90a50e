/** The file system, wrapped: reads and atomic writes, with errors people can act on. */
import { constants } from 'node:fs';
import {
  access,
  lstat,
  mkdir,
  open,
  readdir,
  readFile,
  readlink,
  realpath,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError, IoError } from '../errors.js';
import { capitalise } from '../domain/words.js';

/**
 * The largest text file kickoff reads (plan, answers, template, practices list, action list). A
 * plan is about 50 KB and every practice in England as CSV about 3 MB; a file far larger than that
 * is a mistake, and reading it (YAML especially) would take seconds and hundreds of megabytes.
 */
export const MAX_TEXT_BYTES = 10 * 1024 * 1024;

/** What went wrong with a file, in words people act on ("the disk is full"). */
export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOTDIR') return 'part of the path is a file, not a folder';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'the disk is read-only';
  return (error as Error).message;
}

/**
 * Reads a text file a person pointed kickoff at; "-" reads standard input. A file that is not
 * there is the file system's answer (exit 3), with `hint` saying what to run or pass instead.
 */
export async function readText(
  path: string,
  what: string,
  hint = 'Check the path.',
  options: { readonly keepBom?: boolean } = {},
): Promise<string> {
  const name = path === '-' ? 'standard input' : path;
  return decodeText(await readBytes(path, what, hint), name, what, options.keepBom);
}

/** How a text file was saved: its line ends and whether it starts with a byte-order mark (Notepad's UTF-8). */
export interface TextFormat {
  readonly crlf: boolean;
  readonly bom: boolean;
}

/** LF, no byte-order mark: how kickoff writes a file it creates. */
export const KICKOFF_FORMAT: TextFormat = { crlf: false, bom: false };

/**
 * Text as read (a byte-order mark kept by readText's keepBom) → the text with LF line ends and no
 * mark, which kickoff edits, and the format to write it back in. A file whose first line ends in
 * CRLF is a Windows file (Notepad, Excel): every line is written back with CRLF.
 */
export function splitFormat(raw: string): { readonly text: string; readonly format: TextFormat } {
  const bom = raw.startsWith('\ufeff');
  const body = bom ? raw.slice(1) : raw;
  const firstBreak = body.indexOf('\n');
  const crlf = firstBreak > 0 && body[firstBreak - 1] === '\r';
  return { text: crlf ? body.replace(/\r\n/g, '\n') : body, format: { crlf, bom } };
}

/** The text as it is to be saved in `format`: the inverse of splitFormat. */
export function inFormat(text: string, format: TextFormat): string {
  const lines = format.crlf ? text.replace(/\r?\n/g, '\r\n') : text;
  return format.bom ? `\ufeff${lines}` : lines;
}

function tooLarge(file: string, what: string): InputError {
  return new InputError(
    `${capitalise(what)} is larger than ${MAX_TEXT_BYTES / 1024 / 1024} MB, the most kickoff reads.`,
    'Check it is the right file: a plan or answers file is a few kilobytes.',
    { file, line: 1, column: 1 },
  );
}

/**
 * Text as people's editors save it: UTF-8, with or without a byte-order mark (taken off). UTF-16
 * (Notepad's "Unicode"), binary files and other encodings are refused where they go wrong, rather
 * than read as gibberish that fails later with a confusing message.
 */
export function decodeText(bytes: Buffer, file: string, what: string, keepBom = false): string {
  const at = (offset: number) => locationOf(bytes, offset, file);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new InputError(
      `${capitalise(what)} is saved as UTF-16; kickoff reads UTF-8.`,
      'Save it again as UTF-8 (in Notepad: File > Save as, Encoding: UTF-8).',
      { file, line: 1, column: 1 },
    );
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    throw new InputError(
      `${capitalise(what)} is not a text file (it holds binary data).`,
      'Check it is the right file.',
      at(nul),
    );
  try {
    // ignoreBOM: false means the byte-order mark is taken off, not kept as a character.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: keepBom }).decode(bytes);
  } catch {
    throw new InputError(
      `${capitalise(what)} is not UTF-8 text (a character here is in another encoding).`,
      'Save it again as UTF-8 (Excel: "CSV UTF-8"; Notepad: Encoding: UTF-8).',
      at(firstInvalidUtf8(bytes)),
    );
  }
}

/** Line and column (in characters) of a byte offset. */
function locationOf(bytes: Buffer, offset: number, file: string) {
  const before = bytes.subarray(0, offset).toString('utf8');
  const lineStart = before.lastIndexOf('\n') + 1;
  return { file, line: before.split('\n').length, column: [...before.slice(lineStart)].length + 1 };
}

function firstInvalidUtf8(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  // The longest prefix that is valid so far (a stream may end mid-character), found by halving.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  // A prefix that ends part-way into a character: the character's first byte is the bad one.
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, low));
    return low;
  } catch {
    let start = low - 1;
    while (start > 0 && (bytes[start]! & 0xc0) === 0x80) start -= 1;
    return start;
  }
}

/**
 * Reads a file's bytes ("-": standard input), at most MAX_TEXT_BYTES; errors as for readText. The
 * limit holds while reading, not only by the size the file system states: a device (/dev/zero,
 * /dev/urandom) or a file still growing says 0 or less than it gives, and is refused at the limit
 * plus one byte instead of filling the memory.
 */
export async function readBytes(path: string, what: string, hint = 'Check the path.'): Promise<Buffer> {
  try {
    if (path === '-') return await readStdin(what);
    return await readBounded(path, what);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new IoError(`Cannot read ${what} ${path}: ${reason(error)}.`, hint);
  }
}

async function readBounded(path: string, what: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    // The same limit for every file: a plan, an answers file or a workbook people fill in is well under it.
    const { size } = await handle.stat();
    if (size > MAX_TEXT_BYTES) throw tooLarge(path, what);
    // A regular file is read in one go (its size plus one byte, to see whether it grew); anything
    // else in 64 KB pieces, up to the limit plus one byte.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const room = MAX_TEXT_BYTES + 1 - total;
      const buffer = Buffer.allocUnsafe(Math.min(room, Math.max(size + 1 - total, 64 * 1024)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > MAX_TEXT_BYTES) throw tooLarge(path, what);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

async function readStdin(what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_TEXT_BYTES) throw tooLarge('standard input', what);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * A folder that could not be made shows up as ENOENT on the write (mkdir with `recursive` does not
 * always say why, on a read-only disk for one): the nearest folder that exists says why.
 */
async function realCause(folder: string, error: unknown): Promise<unknown> {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return error;
  for (let at = folder; ; at = dirname(at)) {
    try {
      await access(at);
    } catch {
      if (dirname(at) !== at) continue;
      return error;
    }
    return access(at, constants.W_OK).then(
      () => error,
      (cause: unknown) => cause,
    );
  }
}

const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;
/** A stale lock a run moved aside to take it over (plan-file/lock.ts), left when that run was killed. */
const LOCK_ASIDE = /\.lock\.stale\.(\d+)$/;
const tidied = new Set<string>();

/**
 * Temp files left in `folder` by a run that was killed (kill -9, power cut) are removed by the next
 * run that writes there, once per folder per run. A temp file of a run still alive (two runs at
 * once) is left alone. Nothing reads temp files: they never end in .yaml or .ics.
 */
export async function tidyFolder(folder: string): Promise<void> {
  if (tidied.has(folder)) return;
  tidied.add(folder);
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number((TEMP_NAME.exec(name) ?? LOCK_ASIDE.exec(name))?.[1] ?? NaN);
    if (Number.isNaN(pid) || pid === process.pid || isAlive(pid)) continue;
    await rm(join(folder, name), { force: true }).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders this run has made or found: a batch writes seven files a practice, two folders. */
const folders = new Set<string>();

async function writeCreatingFolder(
  folder: string,
  file: string,
  content: string | Uint8Array,
): Promise<void> {
  if (!folders.has(folder)) {
    // A folder this run made holds no other run's temp files: nothing to tidy there.
    if ((await mkdir(folder, { recursive: true })) === folder) tidied.add(folder);
    folders.add(folder);
  }
  try {
    await writeNew(file, content);
  } catch (error) {
    // The folder went away since (someone deleted it): make it again, once.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    folders.delete(folder);
    await mkdir(folder, { recursive: true });
    await writeNew(file, content);
  }
}

/**
 * A temp file made new ('wx'), never opened through something already at its name: a link there
 * (planted, or left by an earlier process with the same id) is removed, not written through.
 */
async function writeNew(file: string, content: string | Uint8Array): Promise<void> {
  try {
    await writeFile(file, content, { encoding: 'utf8', flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    await rm(file, { force: true });
    await writeFile(file, content, { encoding: 'utf8', flag: 'wx' });
  }
}

/**
 * Makes a folder (and those above it) for kickoff to write in; a path it cannot be made at is an
 * IoError saying why (exit 3), as for a file.
 */
export async function makeFolder(folder: string): Promise<void> {
  try {
    if ((await mkdir(folder, { recursive: true })) === folder) tidied.add(folder);
    folders.add(folder);
  } catch (error) {
    throw new IoError(
      `Cannot write ${folder}: ${reason(await realCause(folder, error))}.`,
      'Check the folder exists and you may write to it.',
    );
  }
}

let tempCount = 0;

/** Eight hex digits, different for every temp file of this run (the pid tells runs apart). */
function nextTempNumber(): string {
  tempCount = (tempCount + 1) % 0x100000000;
  return tempCount.toString(16).padStart(8, '0');
}

/**
 * A temp file's name beside `path`: the process id in it tells a stale temp file (its run was
 * killed) from one being written, and tidyFolder removes the stale ones.
 */
export function tempFileFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${nextTempNumber()}.tmp`);
}

/**
 * Writes through a temp file in the same folder, then renames it into place, so an interrupted run
 * never leaves a half-written file.
 */
export async function writeAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const folder = dirname(path);
  await refuseSpecial(path);
  const temp = tempFileFor(path);
  try {
    await writeCreatingFolder(folder, temp, content);
    await renameWhenFree(temp, path);
    await tidyFolder(folder);
  } catch (error) {
    // The clean-up must not hide the real error (under a file, rm fails with ENOTDIR too).
    await rm(temp, { force: true }).catch(() => undefined);
    if (isHeld(error))
      throw new IoError(
        `Cannot replace ${path}: another program has it open (Excel or Notepad, say), or OneDrive or a virus scanner is busy with it. ${basename(path)} was not changed.`,
        'Close the file in the other program, wait for OneDrive to finish syncing, then run the command again.',
      );
    throw new IoError(
      `Cannot write ${path}: ${reason(await realCause(folder, error))}.`,
      'Check the folder exists and you may write to it.',
    );
  }
}

/**
 * Whether `path` is a plain file holding exactly `text`. A calendar that would be written again
 * byte for byte is left alone: OneDrive would upload it again and subscribers fetch it again, for
 * nothing. Anything else (missing, a link, another size, other bytes) is false.
 */
export async function holdsText(path: string, text: string): Promise<boolean> {
  const info = await lstat(path).catch(() => undefined);
  if (!info?.isFile() || info.size !== Buffer.byteLength(text)) return false;
  const bytes = await readFile(path).catch(() => undefined);
  return bytes !== undefined && bytes.equals(Buffer.from(text));
}

/** What a path that is not a file or a folder is, in words; undefined for a file, a folder or a link. */
function specialKind(info: import('node:fs').Stats): string | undefined {
  if (info.isCharacterDevice()) return 'a device';
  if (info.isBlockDevice()) return 'a disk device';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  return undefined;
}

/**
 * A device, named pipe or socket at a path kickoff names itself (a calendar, a feed) is never
 * replaced: the rename would put a file where it was (as root, /dev/full became a file).
 */
async function refuseSpecial(path: string): Promise<void> {
  const info = await lstat(path).catch(() => undefined);
  const kind = info && specialKind(info);
  if (kind)
    throw new IoError(
      `Cannot write ${path}: it is ${kind}, not a file, and kickoff never replaces one.`,
      'Move it out of the way, or write somewhere else.',
    );
}

/**
 * A file the person named (`--out FILE`): written atomically as writeAtomic does, with two rules
 * for what may already be there.
 * - A symbolic link is followed, because the person named it: the file it points to is replaced
 *   and the link stays a link.
 * - A device or a named pipe (/dev/null, /dev/stdout, a FIFO another program reads) is written
 *   into, as a shell's `>` would, never replaced; a disk device or a socket is refused.
 */
export async function writeNamedFile(path: string, content: string | Uint8Array): Promise<void> {
  // stat follows the links, /proc/self/fd/1 included (its target is no path: "pipe:[…]").
  const info = await stat(path).catch(() => undefined);
  const kind = info && specialKind(info);
  if (kind === undefined) return writeAtomic(info ? await realpath(path) : await linkTarget(path), content);
  if (kind !== 'a device' && kind !== 'a named pipe')
    throw new IoError(
      `Cannot write ${path}: it is ${kind}, not a file; kickoff writes files only.`,
      'Give --out a file name.',
    );
  try {
    await writeFile(path, content, { encoding: 'utf8', flag: 'w' });
  } catch (error) {
    throw new IoError(`Cannot write ${path}: ${reason(error)}.`, 'Check where --out points.');
  }
}

/** Where a chain of symbolic links at `path` ends (a path that need not exist yet); `path` if none. */
async function linkTarget(path: string): Promise<string> {
  let at = path;
  for (let hops = 0; hops < 40; hops++) {
    const info = await lstat(at).catch(() => undefined);
    if (!info?.isSymbolicLink()) return at;
    const next = await readlink(at);
    at = isAbsolute(next) ? next : join(dirname(at), next);
  }
  throw new IoError(`Cannot write ${path}: it is a loop of symbolic links.`, 'Check where --out points.');
}

/**
 * Whether `path`, with every link in it followed, is inside `root` (also with links followed): the
 * deepest part of it that exists is resolved, and the rest (not made yet) added.
 */
export async function isInside(root: string, path: string): Promise<boolean> {
  const realRoot = await realpath(root).catch(() => resolve(root));
  const wanted = resolve(path);
  for (let at = wanted; ; at = dirname(at)) {
    const real = await realpath(at).catch((error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' || error.code === 'ENOTDIR' ? undefined : Promise.reject(error),
    );
    if (real !== undefined) {
      const full = join(real, relative(at, wanted));
      return full === realRoot || full.startsWith(`${realRoot}${sep}`);
    }
    // A link to nothing (yet): where it leads cannot be known, so it is not inside.
    if ((await lstat(at).catch(() => undefined))?.isSymbolicLink()) return false;
    if (dirname(at) === at) return false;
  }
}

/**
 * On Windows a file another program holds open (Excel, Notepad; OneDrive syncing it, Defender
 * scanning it) cannot be replaced for a moment: the rename fails with EBUSY, EPERM or EACCES. Such a
 * rename is tried again for a few seconds before kickoff gives up (and says who may hold it).
 */
export const RENAME_PATIENCE_MS = 3000;

/**
 * An error that means another program holds the file. EPERM and EACCES count only on Windows, where
 * a rename over an open file fails that way; elsewhere they mean what they say (permission denied).
 */
export function isHeld(error: unknown, platform: NodeJS.Platform = process.platform): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EBUSY' || (platform === 'win32' && (code === 'EPERM' || code === 'EACCES'));
}

/** rename(from, to), tried again while another program holds `to` (see RENAME_PATIENCE_MS). */
export async function renameWhenFree(
  from: string,
  to: string,
  move: (from: string, to: string) => Promise<void> = rename,
  patience = RENAME_PATIENCE_MS,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  for (let waited = 0, pause = 25; ; waited += pause, pause = Math.min(pause * 2, 400)) {
    try {
      return await move(from, to);
    } catch (error) {
      if (!isHeld(error, platform) || waited >= patience) throw error;
      await new Promise((done) => setTimeout(done, pause));
    }
  }
}
