/**
 * What every use case reads before it starts (the template and the bank-holiday table) and the
 * file system it writes through. Loaded once and passed in, so `batch` plans a thousand practices
 * with one template, and a program can hand in its own files (a test, a dry run to memory).
 */
import { constants } from 'node:fs';
import { access, copyFile, lstat, readdir, rename, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve as resolvePath, sep } from 'node:path';
import type { HolidayTable } from '../domain/calendar.js';
import type { Template } from '../domain/template.js';
import { IoError } from '../errors.js';
import { readClock, type Clock } from '../adapters/clock.js';
import { holdsText, isInside, makeFolder, readText, tidyFolder, writeAtomic } from '../adapters/files.js';
import {
  dropVersion,
  historyFolder,
  keepVersion,
  readHistory,
  type HistoryEntry,
} from '../adapters/plan-file/history.js';
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
  /** Whether a plain file at `path` holds exactly `text` (then it need not be written again). */
  holds?(path: string, text: string): Promise<boolean>;
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
  holds: holdsText,
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
  // COPYFILE_EXCL: a copy is always a new file, never written through a link at its name.
  copy: (from, to) =>
    copyFile(from, to, constants.COPYFILE_EXCL).catch((error: Error) => {
      throw new IoError(`Cannot keep a copy of ${from}: ${error.message}`);
    }),
};

/**
 * Refuses a path meant to be inside `root` that, once its links are followed, is not: a folder in
 * the feed or batch folder that is a symbolic link to somewhere else. Named, with where it leads.
 */
export async function assertInside(root: string, path: string): Promise<void> {
  if (await isInside(root, path)) return;
  const link = await outwardLink(root, path);
  throw new IoError(
    `${link} is a symbolic link that leads outside ${root}: kickoff writes only inside ${root}, and wrote nothing through it.`,
    `Remove the link (or put a folder of its own in its place), then run the command again.`,
  );
}

/** The first part of `path` below `root` that is a symbolic link (what a person sees and removes). */
async function outwardLink(root: string, path: string): Promise<string> {
  const parts = relative(root, path).split(sep);
  for (let i = 1; i <= parts.length; i++) {
    const at = join(root, ...parts.slice(0, i));
    if ((await lstat(at).catch(() => undefined))?.isSymbolicLink()) return at;
  }
  return path;
}

/** Lexically inside `root`: what the path says, before any link in it is followed. */
function meantInside(root: string, path: string): boolean {
  const base = resolvePath(root);
  const full = resolvePath(path);
  return full === base || full.startsWith(`${base}${sep}`);
}

/**
 * A check that a folder meant to be inside `root` is (assertInside), each folder once. Parent
 * first: a folder in one that is inside is inside too unless it is itself a link, so only a link is
 * followed. One lstat a folder, where following every path from the root took four to six calls (a
 * tenth of a batch's time). Folders not meant to be inside `root` pass.
 */
export function insideCheck(root: string): (folder: string) => Promise<void> {
  const base = resolvePath(root);
  const checked = new Map<string, Promise<void>>();
  const check = (folder: string): Promise<void> => {
    const full = resolvePath(folder);
    if (full === base || !meantInside(root, full)) return Promise.resolve();
    let done = checked.get(full);
    if (!done) checked.set(full, (done = checkBelow(full)));
    return done;
  };
  const checkBelow = async (folder: string) => {
    await check(dirname(folder));
    if ((await lstat(folder).catch(() => undefined))?.isSymbolicLink()) await assertInside(root, folder);
  };
  return check;
}

/**
 * `files`, with every write meant for `root` (`batch --out`, `publish --out`) first checked to
 * really land there (assertInside): a link inside the folder that leads out of it is refused, named.
 * Writes elsewhere (a plan that `publish` records in, outside its feed folder) are not its concern.
 * A folder is checked once a run.
 */
export function confinedFiles(root: string, files: FileStore): FileStore {
  const check = insideCheck(root);
  const { history } = files;
  return {
    ...files,
    writeAtomic: async (path, text) => {
      await check(dirname(path));
      return files.writeAtomic(path, text);
    },
    copy: async (from, to) => {
      await check(dirname(to));
      return files.copy(from, to);
    },
    ...(files.makeFolder
      ? {
          makeFolder: async (folder: string) => {
            await check(folder);
            return files.makeFolder!(folder);
          },
        }
      : {}),
    ...(files.lock
      ? {
          lock: async (planFile: string, options: LockOptions) => {
            await check(dirname(planFile));
            return files.lock!(planFile, options);
          },
        }
      : {}),
    ...(history
      ? {
          history: {
            ...history,
            keep: async (planFile, entry) => {
              await check(historyFolder(planFile));
              return history.keep(planFile, entry);
            },
          },
        }
      : {}),
  };
}

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
