/**
 * One writer at a time. Every command that changes a plan holds a lock file beside it
 * (kickoff.yaml.lock) from reading the plan to writing its calendars, so two runs (two people, a
 * pipeline and a person, `tick` and `schedule` a moment apart) can never undo each other: the
 * second waits, then reads the plan the first left.
 *
 * The lock file is made atomically, with its content (a temp file hard-linked into place, which
 * fails if the lock exists), and says who holds it: the computer, the user, the process and since
 * when. A lock left on this computer by a process that has gone (killed, power cut) is taken over.
 * A lock from another computer never is: plans live in folders OneDrive syncs, where that
 * computer's kickoff may still be running; the message says who holds it and how to release it.
 */
import { link, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { IoError } from '../../errors.js';
import { londonTime } from '../../domain/london-time.js';
import { reason, tempFileFor } from '../files.js';

/** Who holds a lock, as written in the lock file (JSON). */
export interface LockHolder {
  readonly host: string;
  readonly user: string;
  readonly pid: number;
  /** When it was taken, an ISO instant (the real clock: `--today` does not change it). */
  readonly since: string;
  /** The kickoff command that holds it, e.g. "tick". */
  readonly command: string;
}

export interface LockOptions {
  readonly command: string;
  /** How long to wait for another writer to finish, in milliseconds (0: do not wait). */
  readonly waitMs: number;
}

/** A lock on this computer older than this is stale even if its process id is in use again. */
const SAME_HOST_STALE_MS = 60 * 60 * 1000;

/** The lock file of a plan: beside it, named after it, where people (and OneDrive) see it. */
export function lockFileOf(planFile: string): string {
  return `${planFile}.lock`;
}

/**
 * Takes the plan's lock, waiting up to `waitMs` for another writer; returns the release. Throws an
 * IoError (exit 3) naming the holder when it is still held after that.
 */
export async function lockPlan(planFile: string, options: LockOptions): Promise<() => Promise<void>> {
  const lockFile = lockFileOf(planFile);
  const me: LockHolder = {
    host: hostname(),
    user: userName(),
    pid: process.pid,
    since: new Date().toISOString(),
    command: options.command,
  };
  const deadline = Date.now() + options.waitMs;
  for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
    if (await tryCreate(lockFile, me)) return () => release(lockFile, me);
    const holder = await readHolder(lockFile);
    if (holder === 'gone') continue;
    if (holder !== 'unreadable' && isStale(holder, me)) {
      await takeOver(lockFile, holder);
      continue;
    }
    if (Date.now() >= deadline) throw lockedError(planFile, holder, me, options.waitMs);
    // A little randomness, so two waiting writers do not retry in step.
    await sleep(pause + Math.floor(Math.random() * pause));
  }
}

function userName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USERNAME ?? process.env.USER ?? 'unknown';
  }
}

/** The lock file made with its content in one step; false when someone else holds it. */
async function tryCreate(lockFile: string, me: LockHolder): Promise<boolean> {
  const text = `${JSON.stringify(me)}\n`;
  const temp = tempFileFor(lockFile);
  try {
    await writeFile(temp, text, { flag: 'wx' });
    try {
      await link(temp, lockFile);
      return true;
    } catch (error) {
      if (code(error) === 'EEXIST') return false;
      // A file system without hard links (some network shares): an exclusive create instead.
      if (!['EPERM', 'ENOSYS', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV'].includes(code(error) ?? '')) throw error;
      return await createExclusive(lockFile, text);
    }
  } catch (error) {
    throw new IoError(
      `Cannot write ${lockFile} (the lock that keeps two kickoffs from changing the plan at once): ${reason(error)}.`,
      'Check you may write to the folder the plan is in.',
    );
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

async function createExclusive(lockFile: string, text: string): Promise<boolean> {
  try {
    const handle = await open(lockFile, 'wx');
    try {
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if (code(error) === 'EEXIST') return false;
    throw error;
  }
}

async function readHolder(lockFile: string): Promise<LockHolder | 'gone' | 'unreadable'> {
  try {
    const holder = JSON.parse(await readFile(lockFile, 'utf8')) as Partial<LockHolder>;
    const ok =
      typeof holder.host === 'string' &&
      typeof holder.pid === 'number' &&
      typeof holder.since === 'string' &&
      typeof holder.user === 'string' &&
      typeof holder.command === 'string';
    return ok ? (holder as LockHolder) : 'unreadable';
  } catch (error) {
    return code(error) === 'ENOENT' ? 'gone' : 'unreadable';
  }
}

/** Only a lock of this computer can be known to be stale: its process has gone (or it is very old). */
function isStale(holder: LockHolder, me: LockHolder): boolean {
  if (holder.host !== me.host) return false;
  if (holder.pid === me.pid) return false;
  const age = Date.now() - Date.parse(holder.since);
  return !isAlive(holder.pid) || age > SAME_HOST_STALE_MS;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return code(error) === 'EPERM';
  }
}

/**
 * A stale lock is moved aside and removed. Two runs may find it stale at once: only one move
 * succeeds; if what was moved is a fresh lock someone took meanwhile, it is put back.
 */
async function takeOver(lockFile: string, stale: LockHolder): Promise<void> {
  const aside = `${lockFile}.stale.${process.pid}`;
  try {
    await rename(lockFile, aside);
  } catch {
    return; // gone already: try again from the start
  }
  const moved = await readHolder(aside);
  if (moved !== 'gone' && moved !== 'unreadable' && !sameHolder(moved, stale)) {
    await link(aside, lockFile).catch(() => undefined);
  }
  await rm(aside, { force: true }).catch(() => undefined);
}

async function release(lockFile: string, me: LockHolder): Promise<void> {
  const holder = await readHolder(lockFile);
  if (holder !== 'gone' && holder !== 'unreadable' && sameHolder(holder, me))
    await rm(lockFile, { force: true }).catch(() => undefined);
}

function sameHolder(a: LockHolder, b: LockHolder): boolean {
  return a.host === b.host && a.pid === b.pid && a.since === b.since;
}

function lockedError(
  planFile: string,
  holder: LockHolder | 'unreadable',
  me: LockHolder,
  waitMs: number,
): IoError {
  const lockFile = lockFileOf(planFile);
  const waited = waitMs > 0 ? ` kickoff waited ${Math.round(waitMs / 1000)} seconds.` : '';
  if (holder === 'unreadable')
    return new IoError(
      `${planFile} is being changed by another kickoff (its lock file ${lockFile} cannot be read).${waited}`,
      `If no kickoff is running, delete ${lockFile} and run the command again.`,
    );
  const who = `kickoff ${holder.command} (user ${holder.user}, process ${holder.pid})`;
  const when = sinceText(holder.since);
  if (holder.host !== me.host)
    return new IoError(
      `${planFile} is being changed by ${who} on the computer ${holder.host}, since ${when}.${waited}`,
      `kickoff never takes over a lock held on another computer: the plan may be synced by OneDrive while kickoff runs there. When it has finished there, or if nobody is running kickoff on ${holder.host}, delete ${lockFile} and run the command again.`,
    );
  return new IoError(
    `${planFile} is being changed by ${who} on this computer, since ${when}.${waited}`,
    `Wait for it to finish and run the command again (or give --wait SECONDS). If no kickoff is running, delete ${lockFile}.`,
  );
}

/** An ISO instant as people in England read it: 10:42 on Sun 6 Dec 2026. */
function sinceText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const { day, time } = londonTime(date);
  return `${time} on ${day}`;
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
