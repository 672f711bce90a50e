/**
 * One practice of a batch, once its row has been checked: plan it as `init` would, or re-plan it as
 * `schedule` would when its folder already has a plan. The same function runs in the batch's own
 * thread (--jobs 1) and in each worker thread (--jobs N), so the result cannot depend on N.
 */
import { KICKOFF_ID } from '../../domain/anchors.js';
import { join } from 'node:path';
import type { Answers, Diagnostic, Plan } from '../../domain/types.js';
import { IoError, KickoffError } from '../../errors.js';
import { planPractice } from '../plan-practice.js';
import { replanPractice } from '../replan-practice.js';
import { confinedFiles, diskFiles, PLAN_FILE, type FileStore, type Workspace } from '../workspace.js';
import { byText } from '../../domain/order.js';

/** One practice as read from the batch file: its answers, or why they cannot be used. */
export interface BatchEntry {
  /** Spreadsheet row (header = 1), or the position in a YAML/JSON list (first = 1). */
  readonly row: number;
  /** The answers-file shape, before checking. */
  readonly raw: unknown;
  /** The row's own template file (the `template` column), as written: relative to the batch file. */
  readonly template?: string;
}

export type PracticeStatus = 'planned' | 'replanned' | 'unchanged' | 'failed';

export interface BatchPractice {
  readonly row: number;
  readonly ods?: string;
  readonly practice?: string;
  readonly status: PracticeStatus;
  /** Why the row failed. */
  readonly reason?: string;
  /** The row failed because its folder could not be written (read-only, full disk…): exit 3. */
  readonly fileSystem?: true;
  /** The folder, relative to `out` (the ODS code). */
  readonly folder?: string;
  readonly goLive?: string;
  readonly kickoff?: string;
  /** The earliest last-day-to-give-notice, the date the practice must not miss. */
  readonly earliestNotice?: { readonly date: string; readonly title: string };
  readonly problems: readonly Pick<Diagnostic, 'severity' | 'code' | 'message'>[];
}

/** A row whose answers passed the checks, with the folder it may write: plain data, for a worker. */
export interface PracticeTask {
  readonly entry: BatchEntry;
  readonly answers: Answers;
  readonly dir: string;
  /** The row's own template (a key of BatchShared.templates); else the batch's. */
  readonly template?: string;
}

/** What every practice of one batch shares (also handed to each worker thread once). */
export interface BatchShared {
  readonly workspace: Workspace;
  /** Workspaces of the rows' own templates, by resolved path. */
  readonly templates?: Readonly<Record<string, Workspace>>;
  readonly today: string;
  readonly force: boolean;
  /** The batch's folder: nothing is written outside it (confinedFiles). */
  readonly out: string;
  readonly files?: FileStore;
  /** --wait: how long to wait for another writer of a practice's plan. */
  readonly wait?: number | string;
}

export async function planTask(task: PracticeTask, shared: BatchShared): Promise<BatchPractice> {
  const files = confinedFiles(shared.out, shared.files ?? diskFiles);
  const workspace = (task.template && shared.templates?.[task.template]) || shared.workspace;
  const options = {
    workspace,
    files,
    today: shared.today,
    ...(shared.wait !== undefined ? { wait: shared.wait } : {}),
  };
  const { entry, answers, dir } = task;
  try {
    const exists = await files.exists(join(dir, PLAN_FILE));
    if (exists && !shared.force) {
      const result = await replanPractice(dir, { goLive: answers.goLive }, options);
      const status = result.planChanged ? 'replanned' : 'unchanged';
      return describe(entry.row, result.plan, result.diagnostics, status);
    }
    const result = await planPractice(answers, { ...options, dir, replace: shared.force });
    return describe(entry.row, result.plan, result.diagnostics, 'planned');
  } catch (error) {
    if (!(error instanceof KickoffError)) throw error;
    return failed(entry, error);
  }
}

function describe(
  row: number,
  plan: Plan,
  diagnostics: readonly Diagnostic[],
  status: PracticeStatus,
): BatchPractice {
  const { practice, goLive } = plan.answers;
  const kickoff = plan.items.find((i) => i.id === KICKOFF_ID)?.start;
  const notice = plan.items
    .filter((i) => i.type === 'notice')
    .sort((a, b) => byText(a.start, b.start) || byText(a.id, b.id))[0];
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

/** The row as the file gave it (its ODS code as written), with the reason it failed. */
export function failed(entry: BatchEntry, error: KickoffError): BatchPractice {
  const { ods, name } = rowNames(entry);
  return {
    row: entry.row,
    ...(ods ? { ods } : {}),
    ...(name ? { practice: name } : {}),
    status: 'failed',
    reason: error.message.replace(/^Answers: /, ''),
    ...(error instanceof IoError ? { fileSystem: true as const } : {}),
    problems: [],
  };
}

/** The practice's ODS code and name as the row wrote them, for messages. */
export function rowNames(entry: BatchEntry): { ods?: string; name?: string } {
  const raw = entry.raw as { practice?: { name?: unknown; ods?: unknown } } | null;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const ods = text(raw?.practice?.ods);
  const name = text(raw?.practice?.name);
  return { ...(ods ? { ods } : {}), ...(name ? { name } : {}) };
}
