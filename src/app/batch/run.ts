/**
 * planBatch: many practices in one process, each through the same use case as `init` (a new
 * folder) or `schedule` (a folder planned before). A bad row is reported with its number and the
 * reason; the other rows go on. Folders are named by ODS code only, checked twice, inside `out`.
 */
import { availableParallelism } from 'node:os';
import path, { dirname, join, resolve as resolvePath, sep, type PlatformPath } from 'node:path';
import * as z from 'zod';
import type { Template } from '../../domain/template.js';
import type { Answers } from '../../domain/types.js';
import { formatLocation, InputError, KickoffError, UsageError } from '../../errors.js';
import { answersSchema, toAnswers } from '../../adapters/inputs/answers-loader.js';
import { checkAnswers } from '../../adapters/plan-file/schema-check.generated.js';
import { readClock } from '../../adapters/clock.js';
import { MAX_SHEET_ROWS } from '../../adapters/spreadsheet/sheet-kinds.js';
import { readTable, type Table } from '../../adapters/spreadsheet/table-file.js';
import { runInWorkers, WorkerCrash } from '../../adapters/worker-pool.js';
import { issueText, parseYaml } from '../../adapters/yaml-file.js';
import {
  failed,
  planTask,
  rowNames,
  type BatchEntry,
  type BatchPractice,
  type BatchShared,
  type PracticeStatus,
  type PracticeTask,
} from './practice.js';
import { CALENDAR_DIR } from '../calendar-files.js';
import { historyFolder } from '../../adapters/plan-file/history.js';
import {
  diskFiles,
  insideCheck,
  loadWorkspace,
  PLAN_FILE,
  type FileStore,
  type UseCaseOptions,
  type Workspace,
} from '../workspace.js';

export type { BatchEntry, BatchPractice, PracticeStatus } from './practice.js';

export interface BatchInput {
  readonly entries: readonly BatchEntry[];
  /** Columns kickoff does not know; ignored (a tracker has many). */
  readonly ignoredColumns: readonly string[];
  /** For the person: the encoding kickoff assumed for a CSV without a byte-order mark. */
  readonly note?: string;
  /** The folder rows' `template` paths are relative to (the batch file's); default the current one. */
  readonly folder?: string;
}

export const REQUIRED_COLUMNS = ['practice', 'ods', 'goLive'] as const;
const KNOWN_COLUMNS = ['nation', 'kickoff', 'template', 'thirdParties', 'currentSystem', 'newSystem'];

/** projectManager, projectManagerEmail, … from the template's role ids. */
function roleColumn(roleId: string): string {
  return roleId.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Reads a CSV, .xlsx, or YAML/JSON list of answers documents. */
export async function readBatch(file: string, template: Template): Promise<BatchInput> {
  if (/\.(ya?ml|json)$/i.test(file)) {
    const text = await diskFiles.readText(file, 'the practices file');
    const list = z.array(z.unknown()).max(MAX_SHEET_ROWS, `should list at most ${MAX_SHEET_ROWS} practices`);
    const source = parseYaml(text, file, list, 'Practices');
    const entries = source.value.map((raw, i) => withTemplate(i + 1, raw));
    return { entries, ignoredColumns: [], folder: dirname(file) };
  }
  const table = await readTable(file, (columns) => checkColumns(columns, file));
  return { ...fromTable(table, file, template), folder: dirname(file) };
}

/** A practices file needs the practice, ODS code and go-live columns: checked on its header alone. */
function checkColumns(columns: readonly string[], file: string): void {
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0)
    throw new InputError(
      `The practices file has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}.`,
      `Its header row needs at least ${REQUIRED_COLUMNS.join(',')}.`,
      { file, line: 1 },
    );
}

/** A YAML/JSON entry may name its own template (`template: csu.yaml`) beside its answers. */
function withTemplate(row: number, raw: unknown): BatchEntry {
  if (raw === null || typeof raw !== 'object' || !('template' in raw)) return { row, raw };
  const { template, ...answers } = raw as { template: unknown };
  return typeof template === 'string' && template.trim()
    ? { row, raw: answers, template: template.trim() }
    : { row, raw };
}

export function fromTable(table: Table, file: string, template: Template): BatchInput {
  checkColumns(table.columns, file);
  const roles = template.roles.map((r) => ({ id: r.id, column: roleColumn(r.id) }));
  const known = new Set<string>([
    ...REQUIRED_COLUMNS,
    ...KNOWN_COLUMNS,
    ...roles.flatMap((r) => [r.column, `${r.column}Email`]),
  ]);
  const list = (text: string | undefined) =>
    (text ?? '')
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
  const entries = table.rows.map(({ row, cells }) => {
    const given = (key: string) => (cells[key] ? cells[key] : undefined);
    const team = roles.flatMap((role) => {
      const names = list(cells[role.column]);
      const emails = list(cells[`${role.column}Email`]);
      return names.map((name, i) => ({ role: role.id, name, email: emails[i] ?? '' }));
    });
    const raw = {
      practice: { name: cells.practice ?? '', ods: cells.ods ?? '' },
      ...(given('goLive') ? { goLive: given('goLive') } : {}),
      ...(given('nation') ? { nation: given('nation')!.toLowerCase() } : {}),
      ...(given('kickoff') ? { kickoff: given('kickoff') } : {}),
      ...(given('currentSystem') || given('newSystem')
        ? { systems: { current: cells.currentSystem ?? '', new: cells.newSystem ?? '' } }
        : {}),
      ...(team.length > 0 ? { team } : {}),
      thirdParties: list(cells.thirdParties),
    };
    return { row, raw, ...(cells.template ? { template: cells.template } : {}) };
  });
  const ignoredColumns = table.columns.filter((c) => !known.has(c)).sort();
  return { entries, ignoredColumns, ...(table.note ? { note: table.note } : {}) };
}

export interface BatchSummary {
  readonly today: string;
  readonly practices: number;
  readonly planned: number;
  readonly replanned: number;
  readonly unchanged: number;
  readonly failed: number;
  /** Practices whose plan has a problem that needs action now (an error). */
  readonly needAction: number;
  readonly ignoredColumns: readonly string[];
  readonly rows: readonly BatchPractice[];
}

export interface BatchOptions extends UseCaseOptions {
  /** The folder that gets one folder per practice, named by ODS code. Nothing is written outside it. */
  readonly out: string;
  /** Plan again from the answers even where a plan exists (kept as kickoff.yaml.bak). */
  readonly force?: boolean;
  /**
   * How many practices to plan at once, each in a worker thread of this process. Default: all in this
   * thread up to AUTO_WORKERS_FROM practices, then one worker per core. The summary and the files are
   * the same whatever the number.
   */
  readonly jobs?: number;
  /** Called as each practice is done (a progress display): how many are done of how many. */
  readonly onPractice?: (done: number, total: number, entry: BatchEntry) => void;
}

/** Windows device names: a folder called CON cannot be made there, and must not be tried. */
const RESERVED = /^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])$/;

/**
 * The practice's folder inside `out`. The ODS code was checked by the answers' rule; this second
 * check (a short code of letters and digits, not a device name, resolving directly under `out`)
 * means no row can ever make kickoff write elsewhere.
 */
export function practiceFolder(out: string, ods: string): string {
  const base = resolvePath(out);
  const folder = resolvePath(base, ods);
  if (!/^[A-Z][0-9A-Z]{2,5}$/.test(ods) || RESERVED.test(ods) || folder !== `${base}${sep}${ods}`)
    throw new InputError(`"${ods}" cannot be used as a folder name.`);
  return join(out, ods);
}

/**
 * From this many practices, a batch with no `jobs` given uses one worker per core: below it, starting
 * the workers costs more than they save (bench/batch.mjs on 2 cores: 300 practices 3.9 ms each either
 * way; 1,000 practices 2.7 ms with two workers against 3.1 ms in one thread).
 */
const AUTO_WORKERS_FROM = 500;

/** The number of jobs a batch of `practices` gets when none is given. */
export function defaultJobs(practices: number, cores = availableParallelism()): number {
  return practices >= AUTO_WORKERS_FROM ? Math.max(1, cores) : 1;
}

export async function planBatch(input: BatchInput, options: BatchOptions): Promise<BatchSummary> {
  const asked = options.jobs;
  if (asked !== undefined && (!Number.isInteger(asked) || asked < 1))
    throw new UsageError(`jobs must be a whole number, 1 or more (it was ${asked}).`);
  if (asked !== undefined && asked > 1 && options.files)
    throw new UsageError(
      'A batch with more than one job plans on the disk: leave out files, or use jobs: 1.',
    );
  const clock = readClock(options.today);
  const workspace = options.workspace ?? (await loadWorkspace(options.template));
  const files = options.files ?? diskFiles;
  const templates = await rowTemplates(input);
  const { rows, tasks } = await prepare(input, options.out, workspace, templates, files);
  // A batch in memory (files given) plans in this thread: workers write to the disk.
  const jobs = asked ?? (options.files ? 1 : defaultJobs(tasks.length));
  const shared: BatchShared = {
    workspace,
    templates: Object.fromEntries(
      [...templates].flatMap(([key, loaded]) => ('workspace' in loaded ? [[key, loaded.workspace]] : [])),
    ),
    today: clock.today,
    force: Boolean(options.force),
    out: options.out,
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
  };
  const total = input.entries.length;
  let done = rows.filter(Boolean).length;
  const progress = (entry: BatchEntry) => options.onPractice?.(done++, total, entry);
  const planned =
    jobs === 1
      ? await planHere(tasks, { ...shared, files }, progress)
      : await planInWorkers(tasks, shared, jobs, progress);
  tasks.forEach((task, i) => (rows[task.index] = planned[i]!));
  return summarise(rows as BatchPractice[], input.ignoredColumns, clock.today);
}

interface IndexedTask extends PracticeTask {
  /** The entry's position in the file, so results go back in file order. */
  readonly index: number;
}

/**
 * Checks every row in file order (answers, a duplicate ODS code, the folder): the failures are
 * rows of the summary already; the rest are tasks to plan, in any order, in any thread.
 */
async function prepare(
  input: BatchInput,
  out: string,
  workspace: Workspace,
  templates: ReadonlyMap<string, RowTemplate>,
  files: FileStore,
): Promise<{ rows: (BatchPractice | undefined)[]; tasks: IndexedTask[] }> {
  const seen = new Map<string, number>();
  const inside = insideCheck(out);
  const rows: (BatchPractice | undefined)[] = [];
  const tasks: IndexedTask[] = [];
  for (const [index, entry] of input.entries.entries()) {
    try {
      const key = entry.template === undefined ? undefined : templateKey(input, entry.template);
      const own = key === undefined ? undefined : templates.get(key)!;
      if (own && 'error' in own) throw own.error;
      const answers = checkEntry(entry, own?.workspace.template ?? workspace.template);
      const { ods } = answers.practice;
      const first = seen.get(ods);
      if (first !== undefined) throw new InputError(`ODS code ${ods} is also on row ${first}.`);
      seen.set(ods, entry.row);
      const dir = practiceFolder(out, ods);
      if (await files.isSymbolicLink?.(dir))
        throw new InputError(`${dir} is a symbolic link: kickoff writes only inside ${out}.`);
      // The folders kickoff writes in below it, checked before anything is written for the row (the
      // batch's files check every write again).
      for (const folder of [join(dir, CALENDAR_DIR), historyFolder(join(dir, PLAN_FILE))])
        await inside(folder);
      tasks.push({ index, entry, answers, dir, ...(key !== undefined ? { template: key } : {}) });
      rows.push(undefined);
    } catch (error) {
      if (!(error instanceof KickoffError)) throw error;
      rows.push(failed(entry, error));
    }
  }
  return { rows, tasks };
}

type RowTemplate = { readonly workspace: Workspace } | { readonly error: KickoffError };

function templateKey(input: BatchInput, template: string): string {
  return templatePath(input.folder ?? '.', template);
}

/**
 * A row's `template` column as a file, relative to the batch file's folder. A list made on Windows
 * says `.\templates\north.yaml` or `C:\Users\…\north.yaml`: on Windows those are paths as they
 * stand; elsewhere (a CSU's Linux pipeline) a relative one is read with `\` as the separator it is,
 * since a file name with a backslash in it is not worth that surprise. `paths`: for the tests.
 */
export function templatePath(folder: string, template: string, paths: PlatformPath = path): string {
  const windowsAbsolute = /^([A-Za-z]:|\\\\)/.test(template);
  const written = paths.sep === '/' && !windowsAbsolute ? template.replaceAll('\\', '/') : template;
  return paths.resolve(folder, written);
}

/** Each template the rows name, loaded once (a CSU may keep one per region); a bad one fails its rows. */
async function rowTemplates(input: BatchInput): Promise<Map<string, RowTemplate>> {
  const loaded = new Map<string, RowTemplate>();
  for (const entry of input.entries) {
    if (entry.template === undefined) continue;
    const key = templateKey(input, entry.template);
    if (loaded.has(key)) continue;
    try {
      loaded.set(key, { workspace: await loadWorkspace(key) });
    } catch (error) {
      if (!(error instanceof KickoffError)) throw error;
      const where = error.location ? `${formatLocation(error.location)}: ` : '';
      loaded.set(key, { error: new InputError(`template ${entry.template}: ${where}${error.message}`) });
    }
  }
  return loaded;
}

/**
 * A few practices at a time in this thread: while one waits for its files to be written, the next
 * is planned (one at a time, the thread sat idle for half of a batch). Results stay in file order.
 * Eight, not four: at 1,000 practices 3.1 → 2.9 ms a practice (bench/batch.mjs on /dev/shm).
 */
const IN_FLIGHT = 8;

async function planHere(
  tasks: readonly IndexedTask[],
  shared: BatchShared,
  progress: (entry: BatchEntry) => void,
): Promise<BatchPractice[]> {
  const results: BatchPractice[] = new Array<BatchPractice>(tasks.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      const at = next++;
      const task = tasks[at]!;
      progress(task.entry);
      try {
        results[at] = await planTask(task, shared);
      } catch (error) {
        throw unexpected([task], error);
      }
    }
  };
  const lanes = await Promise.allSettled(Array.from({ length: Math.min(IN_FLIGHT, tasks.length) }, lane));
  const failed = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
  if (failed) throw failed.reason;
  return results;
}

async function planInWorkers(
  tasks: readonly IndexedTask[],
  shared: BatchShared,
  jobs: number,
  progress: (entry: BatchEntry) => void,
): Promise<BatchPractice[]> {
  try {
    return await runInWorkers<PracticeTask, BatchPractice>({
      script: new URL('./batch-worker.js', import.meta.url),
      shared,
      tasks: tasks.map(({ index: _, ...task }) => task),
      threads: jobs,
      onResult: (index) => progress(tasks[index]!.entry),
    });
  } catch (error) {
    const held = error instanceof WorkerCrash ? error.taskIndexes.flatMap((i) => tasks[i] ?? []) : [];
    throw held.length > 0 ? unexpected(held, error) : error;
  }
}

/**
 * A bug met while planning a practice: an internal error (exit 70) that names it, or the practices
 * a worker thread held when it stopped (it cannot say which one it was on).
 */
function unexpected(held: readonly PracticeTask[], error: unknown): Error {
  const rows = held.map(({ entry }) => {
    const { ods, name } = rowNames(entry);
    const who = [ods, name].filter(Boolean).join(', ');
    return `row ${entry.row}${who ? ` (${who})` : ''}`;
  });
  const cause = error instanceof Error ? error : new Error(String(error));
  const which = rows.length === 1 ? rows[0] : `one of ${rows.join('; ')}`;
  const wrapped = new Error(`while planning ${which}: ${cause.message}`, { cause });
  if (cause.stack) wrapped.stack = `${wrapped.message}\n${cause.stack}`;
  return wrapped;
}

function summarise(
  rows: readonly BatchPractice[],
  ignoredColumns: readonly string[],
  today: string,
): BatchSummary {
  const count = (status: PracticeStatus) => rows.filter((r) => r.status === status).length;
  return {
    today,
    practices: rows.length,
    planned: count('planned'),
    replanned: count('replanned'),
    unchanged: count('unchanged'),
    failed: count('failed'),
    needAction: rows.filter((r) => r.problems.some((p) => p.severity === 'error')).length,
    ignoredColumns,
    rows,
  };
}

/** The answers a row gives, checked by the same rules as an answers file. */
function checkEntry(entry: BatchEntry, template: Template): Answers {
  // The generated check answers for a good row without zod; zod says what is wrong with a bad one.
  const quick = checkAnswers(entry.raw);
  const parsed = quick ? { success: true as const, data: quick } : answersSchema().safeParse(entry.raw);
  if (!parsed.success) {
    // The same words as for an answers file.
    throw new InputError(issueText(parsed.error.issues[0]!, entry.raw));
  }
  const partial = toAnswers(parsed.data, template, () => ({ file: `row ${entry.row}` }));
  const missing = (['practice', 'goLive', 'systems', 'team'] as const).filter((k) => !partial[k]);
  if (missing.length > 0)
    throw new InputError(
      `missing ${missing.join(', ')}${missing.includes('systems') ? ' (columns currentSystem, newSystem)' : ''}${missing.includes('team') ? ' (columns projectManager, projectManagerEmail)' : ''}`,
    );
  return { nation: 'england', thirdParties: [], absences: [], ...partial } as Answers;
}
