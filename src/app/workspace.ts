/**
 * What every use case reads before it starts (the template and the bank-holiday table) and the
 * file system it writes through. Loaded once and passed in, so `batch` plans a thousand practices
 * with one template, and a program can hand in its own files (a test, a dry run to memory).
 */
import { access, copyFile, lstat, readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { HolidayTable } from '../domain/calendar.js';
import type { Template } from '../domain/template.js';
import { IoError } from '../errors.js';
import { readClock, type Clock } from '../adapters/clock.js';
import { makeFolder, readText, tidyFolder, writeAtomic } from '../adapters/files.js';
import { dropVersion, keepVersion, readHistory, type HistoryEntry } from '../adapters/plan-file/history.js';
import { lockPlan, type LockOptions } from '../adapters/plan-file/lock.js';
import { loadHolidayTable } from '../adapters/inputs/holiday-loader.js';
import { loadTemplate } from '../adapters/inputs/template-loader.js';

export const PLAN_FILE = 'kickoff.yaml';

export interface Workspace {
  readonly template: Template;
  readonly holidays: HolidayTable;
}

/** The file system as the use cases see it. `diskFiles` is the real one. */
export interface FileStore {
  /** A file a person pointed kickoff at; a missing one is an IoError (exit 3) saying what to run. */
  readText(
    path: string,
    what: string,
    hint?: string,
    options?: { readonly keepBom?: boolean },
  ): Promise<string>;
  /** Temp file in the same folder, then rename: never half a file. */
  writeAtomic(path: string, text: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  isFolder(path: string): Promise<boolean>;
  copy(from: string, to: string): Promise<void>;
  /** Renames a file (within its folder). */
  move?(from: string, to: string): Promise<void>;
  /** A symbolic link (batch will not write through one into somewhere else). */
  isSymbolicLink?(path: string): Promise<boolean>;
  /** Removes the temp files killed runs left in a folder (writeAtomic does it where it writes). */
  tidy?(folder: string): Promise<void>;
  /** The names in a folder (none when it cannot be read). */
  list?(folder: string): Promise<string[]>;
  /** Makes a folder (and those above it) if it is not there. */
  makeFolder?(folder: string): Promise<void>;
  /**
   * Takes a plan's lock (one writer at a time), waiting for another writer up to `waitMs`; returns
   * the release. A store without it (a program's own, in memory) does not lock.
   */
  lock?(planFile: string, options: LockOptions): Promise<() => Promise<void>>;
  /** A plan's history (the versions its changes replaced); a store without it keeps none. */
  history?: PlanHistory;
}

/** The versions of a plan that changes replaced (adapters/plan-file/history.ts). */
export interface PlanHistory {
  read(planFile: string): Promise<HistoryEntry[]>;
  keep(planFile: string, entry: Omit<HistoryEntry, 'number'>): Promise<void>;
  drop(planFile: string, number: number): Promise<void>;
}

export const diskFiles: FileStore = {
  readText,
  writeAtomic,
  tidy: tidyFolder,
  makeFolder,
  list: (folder) => readdir(folder).catch(() => []),
  lock: lockPlan,
  history: { read: readHistory, keep: keepVersion, drop: dropVersion },
  exists: (path) =>
    access(path).then(
      () => true,
      () => false,
    ),
  isFolder: (path) =>
    stat(path).then(
      (s) => s.isDirectory(),
      () => false,
    ),
  isSymbolicLink: (path) =>
    lstat(path).then(
      (s) => s.isSymbolicLink(),
      () => false,
    ),
  move: (from, to) =>
    rename(from, to).catch((error: Error) => {
      throw new IoError(`Cannot rename ${from} to ${to}: ${error.message}.`);
    }),
  copy: (from, to) =>
    copyFile(from, to).catch((error: Error) => {
      throw new IoError(`Cannot keep a copy of ${from}: ${error.message}`);
    }),
};

/** Options every use case takes. */
export interface UseCaseOptions {
  /** "Today": 2027-03-15 or 15/03/2027; default the real date in England, or SOURCE_DATE_EPOCH. */
  readonly today?: string;
  /** A template file of your own; default the shipped NHS England GP template. */
  readonly template?: string;
  /** Template and bank holidays already loaded (a batch loads them once); wins over `template`. */
  readonly workspace?: Workspace;
  /** Where files are read and written; default the disk. */
  readonly files?: FileStore;
  /**
   * Seconds a command that changes a plan waits for another one changing it (two people, or a
   * pipeline and a person) before it stops with exit 3 naming who holds it; default 10.
   */
  readonly wait?: number | string;
}

/** Loads the template (yours or the shipped one) and the bank-holiday table. */
export async function loadWorkspace(templateFile?: string): Promise<Workspace> {
  if (templateFile !== undefined && !(await diskFiles.exists(templateFile)))
    throw new IoError(
      `Cannot read the template ${templateFile}: it does not exist.`,
      'Check the path given to --template, or leave --template out to use the shipped NHS England GP template.',
    );
  const [template, holidays] = await Promise.all([loadTemplate(templateFile), loadHolidayTable()]);
  return { template, holidays };
}

export interface Resolved {
  readonly workspace: Workspace;
  readonly files: FileStore;
  readonly clock: Clock;
}

export async function resolve(options: UseCaseOptions): Promise<Resolved> {
  const clock = readClock(options.today);
  const workspace = options.workspace ?? (await loadWorkspace(options.template));
  return { workspace, files: options.files ?? diskFiles, clock };
}

/** A folder given as the plan means the kickoff.yaml in it. */
export async function resolvePlanFile(path: string, files: FileStore = diskFiles): Promise<string> {
  return (await files.isFolder(path)) ? join(path, PLAN_FILE) : path;
}
