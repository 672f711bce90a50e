/**
 * Reading a programme's plans: each plan file → its PracticeView (and, if asked, its calendar
 * events), or why it could not be read. Parsing YAML is nearly all the time a programme takes, so
 * a large programme is shared among worker threads (one per core, at most four); results are put
 * back in file order, so the output is the same however many threads read it.
 */
import { availableParallelism } from 'node:os';
import { CalendarRangeError, WorkingCalendar } from '../../domain/calendar.js';
import { checkPlan } from '../../domain/check/check.js';
import type { Capacity } from '../../domain/portfolio/capacity.js';
import { practiceHealth, type PracticeHealth } from '../../domain/portfolio/health.js';
import { practiceWeek, type PracticeWeek } from '../../domain/report.js';
import type { CalendarDate, Diagnostic, Nation, Plan } from '../../domain/types.js';
import { practiceView, type PracticeView } from '../../domain/portfolio/portfolio.js';
import { KickoffError, type SourceLocation } from '../../errors.js';
import { programmeEvents, type ProgrammeEvents } from '../../adapters/calendar/programme-calendar.js';
import { runInWorkers, workerAvailable } from '../../adapters/worker-pool.js';
import { openPlan } from '../open-plan.js';
import type { FileStore, Workspace } from '../workspace.js';

export interface CalendarRequest {
  readonly name: string;
  readonly productVersion: string;
  readonly timestamp: string;
}

export interface ReadRequest {
  readonly capacity: Capacity;
  /** Each plan is checked against this day for its own health. */
  readonly today: CalendarDate;
  /** Also each plan's week for `portfolio --report`: overdue, due, notices, open high risks. */
  readonly report?: boolean;
  readonly calendar?: CalendarRequest;
  /** The template file the workspace was loaded from (workers load their own). */
  readonly template?: string;
}

export type PlanRead =
  | {
      readonly ok: true;
      readonly view: PracticeView;
      /** Whose bank holidays the plan keeps (--suggest counts working days with them). */
      readonly nation: Nation;
      readonly health: PracticeHealth;
      readonly week?: PracticeWeek;
      readonly events?: ProgrammeEvents;
    }
  | {
      readonly ok: false;
      readonly message: string;
      readonly hint?: string;
      readonly location?: SourceLocation;
    };

/** One plan, read in this thread. */
export async function readOne(
  file: string,
  request: ReadRequest,
  workspace: Workspace,
  files: FileStore,
): Promise<PlanRead> {
  try {
    const { plan, stored } = await openPlan(file, workspace, files);
    const view = practiceView(file, plan, workspace.template, request.capacity);
    const diagnostics = [...ownCheck(plan, workspace, request.today), ...stored.warnings];
    const health = practiceHealth(plan, diagnostics, request.today);
    const week = request.report ? practiceWeek(plan, diagnostics, stored.raid, request.today) : undefined;
    return {
      ok: true,
      view,
      nation: plan.answers.nation,
      health,
      ...(week ? { week } : {}),
      ...(request.calendar ? { events: programmeEvents(plan, file, request.calendar) } : {}),
    };
  } catch (error) {
    if (!(error instanceof KickoffError)) throw error;
    return {
      ok: false,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
      ...(error.location ? { location: error.location } : {}),
    };
  }
}

/** The plan's own problems, as `kickoff check` finds them. */
function ownCheck(plan: Plan, workspace: Workspace, today: CalendarDate): Diagnostic[] {
  try {
    const calendar = new WorkingCalendar(workspace.holidays, plan.answers.nation);
    return checkPlan(plan, workspace.template, calendar, today);
  } catch (error) {
    if (!(error instanceof CalendarRangeError)) throw error;
    return [
      {
        severity: 'error',
        code: 'plan.dates_out_of_range',
        message: `${error.message} Correct the date in the plan, then run kickoff schedule.`,
      },
    ];
  }
}

/** Below this many plans a thread costs more to start than it saves. */
const PER_THREAD = 100;

export interface ReadAll {
  readonly files: readonly string[];
  readonly request: ReadRequest;
  readonly workspace: Workspace;
  readonly store: FileStore;
  /** Threads may read from the disk themselves (false for a program's own FileStore or workspace). */
  readonly threads: boolean;
  readonly onPlan?: (done: number, total: number) => void;
}

export async function readAll(input: ReadAll): Promise<PlanRead[]> {
  const count = Math.min(4, availableParallelism(), Math.floor(input.files.length / PER_THREAD));
  // Beside this file: dist/app/portfolio/ when built, dist/bundle/ in the bundle (scripts/bundle.mjs
  // writes the worker there), inside a single executable; from the TypeScript sources (tests of the
  // library) there is none, so read here.
  const script = new URL('./portfolio-worker.js', import.meta.url);
  if (!input.threads || count < 2 || !workerAvailable(script)) return readHere(input);
  let done = 0;
  const texts = new Map<string, string>();
  return runInWorkers<string, PlanRead>({
    script,
    shared: input.request,
    tasks: input.files,
    threads: count,
    onResult: () => input.onPlan?.(done++, input.files.length),
    keep: (read) => (read.ok ? sharingTexts(read, texts) : read),
  });
}

/**
 * The view with one copy of each text the programme repeats (item ids and titles, roles, dates, the
 * plan file on each of its commitments). A thread's result arrives with its own copy of every string;
 * kept as they came, 10,000 plans' views took 120 MB, mostly repeats.
 */
function sharingTexts(read: PlanRead & { readonly ok: true }, texts: Map<string, string>): PlanRead {
  const one = (text: string): string => {
    const had = texts.get(text);
    if (had !== undefined) return had;
    texts.set(text, text);
    return text;
  };
  const date = (text: CalendarDate) => one(text) as CalendarDate;
  const { view, health } = read;
  const id = one(view.id);
  const reasons = health.reasons.map((r) => ({ ...r, code: one(r.code), message: one(r.message) }));
  return { ...read, view: sharedView(view, id, one, date), health: { ...health, reasons } };
}

function sharedView(
  view: PracticeView,
  id: string,
  one: (text: string) => string,
  date: (text: CalendarDate) => CalendarDate,
): PracticeView {
  return {
    ...view,
    id,
    supplier: one(view.supplier),
    goLive: date(view.goLive),
    members: view.members.map((m) => ({ ...m, role: one(m.role) })),
    commitments: view.commitments.map((c) => ({
      ...c,
      key: one(c.key),
      practice: id,
      itemId: one(c.itemId),
      title: one(c.title),
      role: one(c.role),
      start: date(c.start),
      end: date(c.end),
    })),
  };
}

async function readHere(input: ReadAll): Promise<PlanRead[]> {
  const reader = readingAhead(input.store, input.files);
  const results: PlanRead[] = [];
  for (const [n, file] of input.files.entries()) {
    results.push(await readOne(file, input.request, input.workspace, reader));
    input.onPlan?.(n, input.files.length);
  }
  return results;
}

/** The disk read a few plans ahead of the parser, so reading and parsing overlap. */
export function readingAhead(files: FileStore, paths: readonly string[], ahead = 8): FileStore {
  const pending = new Map<string, Promise<string>>();
  let next = 0;
  const fill = (what: string, hint?: string) => {
    while (next < paths.length && pending.size < ahead) {
      const path = paths[next++]!;
      const text = files.readText(path, what, hint);
      text.catch(() => undefined); // reported when the parser asks for it
      pending.set(path, text);
    }
  };
  return {
    ...files,
    readText: (path, what, hint) => {
      fill(what, hint);
      const text = pending.get(path) ?? files.readText(path, what, hint);
      pending.delete(path);
      fill(what, hint);
      return text;
    },
  };
}
