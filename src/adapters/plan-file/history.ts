/**
 * A plan's history: every version a kickoff command replaced, kept beside the plan in
 * .kickoff/history/<plan file name>/ (one JSON file a version, named by its number), the newest
 * HISTORY_LIMIT of them. Each entry says when, which command and what it changed in one line, and
 * holds the replaced plan byte for byte (its `published:` record included), so `kickoff undo` can
 * put it back and `kickoff changes` can say what changed since a day.
 *
 * An entry is written (atomically) before the plan is replaced. A run killed between the two
 * leaves an entry whose text is still the plan's: that entry changed nothing, and readers skip it.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeAtomic } from '../files.js';
import { sha256Hex } from '../sha256.js';

/** How many versions a plan's history keeps; the oldest go first. */
export const HISTORY_LIMIT = 100;

export interface HistoryEntry {
  /** 1, 2, 3…: the order of the changes. */
  readonly number: number;
  /** When the change was made: the clock's instant (`--today` and SOURCE_DATE_EPOCH set it). */
  readonly when: string;
  /** The command that made the change, e.g. "tick" or "schedule --go-live". */
  readonly command: string;
  /** What the change did, in one line. */
  readonly summary: string;
  /** The plan as it was before the change, byte for byte. */
  readonly text: string;
  /**
   * A digest of the plan the change wrote: when the plan no longer matches it, someone has edited
   * it since (by hand, or another program).
   */
  readonly after?: string;
  /** This change was `kickoff undo` putting back the version before change number `undoes`. */
  readonly undoes?: number;
}

/** The digest kept as `after`. */
export function digestOf(text: string): string {
  return sha256Hex(text).slice(0, 16);
}

const ENTRY = /^(\d{6})\.json$/;

export function historyFolder(planFile: string): string {
  return join(dirname(planFile), '.kickoff', 'history', basename(planFile));
}

/** Every version kept, oldest first. An entry that cannot be read is left out (never thrown). */
export async function readHistory(planFile: string): Promise<HistoryEntry[]> {
  const folder = historyFolder(planFile);
  const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => ENTRY.test(n)).sort();
  const entries = await Promise.all(
    names.map(async (name) => {
      try {
        const entry = JSON.parse(await readFile(join(folder, name), 'utf8')) as HistoryEntry;
        return typeof entry.text === 'string' && typeof entry.number === 'number' ? [entry] : [];
      } catch {
        return [];
      }
    }),
  );
  return entries.flat();
}

/**
 * Keeps the version a change replaces. `current` is the plan's text now (what `entry.text` holds
 * too): the newest entry that still equals it was left by a run killed before it wrote the plan,
 * and is dropped here rather than kept twice.
 */
export async function keepVersion(planFile: string, entry: Omit<HistoryEntry, 'number'>): Promise<void> {
  const folder = historyFolder(planFile);
  const kept = await readHistory(planFile);
  const last = kept.at(-1);
  const unfinished = last !== undefined && last.text === entry.text;
  const number = unfinished ? last.number : (last?.number ?? 0) + 1;
  await writeAtomic(join(folder, nameOf(number)), `${JSON.stringify({ number, ...entry }, null, 1)}\n`);
  const old = kept.filter((e) => e.number <= number - HISTORY_LIMIT);
  await Promise.all(old.map((e) => rm(join(folder, nameOf(e.number)), { force: true })));
}

/** Removes the newest version (`kickoff undo` has put it back). */
export async function dropVersion(planFile: string, number: number): Promise<void> {
  await rm(join(historyFolder(planFile), nameOf(number)), { force: true });
}

function nameOf(number: number): string {
  return `${String(number).padStart(6, '0')}.json`;
}
