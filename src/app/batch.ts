/**
 * planBatch: many practices in one process, each through the same use case as `init` (a new
 * folder) or `schedule` (a folder planned before). A bad row is reported with its number and the
 * reason; the other rows go on. Folders are named by ODS code only, checked twice, inside `out`.
 */
import { join, resolve as resolvePath, sep } from 'node:path';
import * as z from 'zod';
import type { Template } from '../domain/template.js';
import type { Answers, Diagnostic, Plan } from '../domain/types.js';
import { InputError, KickoffError } from '../errors.js';
import { answersSchema, toAnswers } from '../adapters/answers-loader.js';
import { readTable, type Table } from '../adapters/table-file.js';
import { parseYaml } from '../adapters/yaml-file.js';
import { planPractice } from './plan-practice.js';
import { replanPractice } from './replan-practice.js';
import { diskFiles, loadWorkspace, PLAN_FILE, type UseCaseOptions } from './workspace.js';
import { readClock } from '../adapters/clock.js';

/** One practice as read from the batch file: its answers, or why they cannot be used. */
export interface BatchEntry {
  /** Spreadsheet row (header = 1), or the position in a YAML/JSON list (first = 1). */
  readonly row: number;
  /** The answers-file shape, before checking. */
  readonly raw: unknown;
}

export interface BatchInput {
  readonly entries: readonly BatchEntry[];
  /** Columns kickoff does not know; ignored (a tracker has many). */
  readonly ignoredColumns: readonly string[];
}

export const REQUIRED_COLUMNS = ['practice', 'ods', 'goLive'] as const;
const KNOWN_COLUMNS = ['nation', 'kickoff', 'thirdParties', 'currentSystem', 'newSystem'];

/** projectManager, projectManagerEmail, … from the template's role ids. */
function roleColumn(roleId: string): string {
  return roleId.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Reads a CSV, .xlsx, or YAML/JSON list of answers documents. */
export async function readBatch(file: string, template: Template): Promise<BatchInput> {
  if (/\.(ya?ml|json)$/i.test(file)) {
    const text = await diskFiles.readText(file, 'the practices file');
    const source = parseYaml(text, file, z.array(z.unknown()), 'Practices');
    return { entries: source.value.map((raw, i) => ({ row: i + 1, raw })), ignoredColumns: [] };
  }
  return fromTable(await readTable(file), file, template);
}

export function fromTable(table: Table, file: string, template: Template): BatchInput {
  const missing = REQUIRED_COLUMNS.filter((c) => !table.columns.includes(c));
  if (missing.length > 0)
    throw new InputError(
      `The practices file has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}.`,
      `Its header row needs at least ${REQUIRED_COLUMNS.join(',')}.`,
      { file, line: 1 },
    );
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
    return { row, raw };
  });
  return { entries, ignoredColumns: table.columns.filter((c) => !known.has(c)).sort() };
}

export type PracticeStatus = 'planned' | 'replanned' | 'unchanged' | 'failed';

export interface BatchPractice {
  readonly row: number;
  readonly ods?: string;
  readonly practice?: string;
  readonly status: PracticeStatus;
  /** Why the row failed. */
  readonly reason?: string;
  /** The folder, relative to `out` (the ODS code). */
  readonly folder?: string;
  readonly goLive?: string;
  readonly kickoff?: string;
  /** The earliest last-day-to-give-notice, the date the practice must not miss. */
  readonly earliestNotice?: { readonly date: string; readonly title: string };
  readonly problems: readonly Pick<Diagnostic, 'severity' | 'code' | 'message'>[];
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
  /** Called before each practice (a progress display). */
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

export async function planBatch(input: BatchInput, options: BatchOptions): Promise<BatchSummary> {
  const clock = readClock(options.today);
  const workspace = options.workspace ?? (await loadWorkspace(options.template));
  const files = options.files ?? diskFiles;
  const shared = { workspace, files, today: clock.today };
  const seen = new Map<string, number>();
  const rows: BatchPractice[] = [];
  for (const [index, entry] of input.entries.entries()) {
    options.onPractice?.(index, input.entries.length, entry);
    try {
      const answers = checkEntry(entry, workspace.template);
      const { ods } = answers.practice;
      const first = seen.get(ods);
      if (first !== undefined) throw new InputError(`ODS code ${ods} is also on row ${first}.`);
      seen.set(ods, entry.row);
      const dir = practiceFolder(options.out, ods);
      if (await files.isSymbolicLink?.(dir))
        throw new InputError(`${dir} is a symbolic link: kickoff writes only inside ${options.out}.`);
      const exists = await files.exists(join(dir, PLAN_FILE));
      if (exists && !options.force) {
        const result = await replanPractice(dir, { goLive: answers.goLive }, shared);
        rows.push(
          describe(
            entry.row,
            result.plan,
            result.diagnostics,
            result.planChanged ? 'replanned' : 'unchanged',
          ),
        );
      } else {
        const result = await planPractice(answers, { ...shared, dir, replace: Boolean(options.force) });
        rows.push(describe(entry.row, result.plan, result.diagnostics, 'planned'));
      }
    } catch (error) {
      if (!(error instanceof KickoffError)) throw error;
      rows.push(failed(entry, error));
    }
  }
  const count = (status: PracticeStatus) => rows.filter((r) => r.status === status).length;
  return {
    today: clock.today,
    practices: rows.length,
    planned: count('planned'),
    replanned: count('replanned'),
    unchanged: count('unchanged'),
    failed: count('failed'),
    needAction: rows.filter((r) => r.problems.some((p) => p.severity === 'error')).length,
    ignoredColumns: input.ignoredColumns,
    rows,
  };
}

/** The answers a row gives, checked by the same rules as an answers file. */
function checkEntry(entry: BatchEntry, template: Template): Answers {
  const parsed = answersSchema.safeParse(entry.raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String).join('.');
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is missing' : issue.message;
    throw new InputError(`${path ? `${path} ` : ''}${message.replace(/^Invalid input: /, '')}`);
  }
  const partial = toAnswers(parsed.data, template, () => ({ file: `row ${entry.row}` }));
  const missing = (['practice', 'goLive', 'systems', 'team'] as const).filter((k) => !partial[k]);
  if (missing.length > 0)
    throw new InputError(
      `missing ${missing.join(', ')}${missing.includes('systems') ? ' (columns currentSystem, newSystem)' : ''}${missing.includes('team') ? ' (columns projectManager, projectManagerEmail)' : ''}`,
    );
  return { nation: 'england', thirdParties: [], absences: [], ...partial } as Answers;
}

function describe(
  row: number,
  plan: Plan,
  diagnostics: readonly Diagnostic[],
  status: PracticeStatus,
): BatchPractice {
  const { practice, goLive } = plan.answers;
  const kickoff = plan.items.find((i) => i.id === 'kick-off')?.start;
  const notice = plan.items
    .filter((i) => i.type === 'notice')
    .sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id))[0];
  return {
    row,
    ods: practice.ods,
    practice: practice.name,
    status,
    folder: practice.ods,
    goLive,
    ...(kickoff ? { kickoff } : {}),
    ...(notice ? { earliestNotice: { date: notice.start, title: notice.title } } : {}),
    problems: diagnostics
      .filter((d) => d.severity !== 'info')
      .map((d) => ({ severity: d.severity, code: d.code, message: d.message })),
  };
}

function failed(entry: BatchEntry, error: KickoffError): BatchPractice {
  const raw = entry.raw as { practice?: { name?: unknown; ods?: unknown } } | null;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const ods = text(raw?.practice?.ods);
  const name = text(raw?.practice?.name);
  return {
    row: entry.row,
    ...(ods ? { ods } : {}),
    ...(name ? { practice: name } : {}),
    status: 'failed',
    reason: error.message.replace(/^Answers: /, ''),
    problems: [],
  };
}
