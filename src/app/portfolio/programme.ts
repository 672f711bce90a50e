/**
 * readProgramme: every kickoff.yaml under a folder, read as `show` reads one, analysed together
 * (people on two practices' critical days, capacity limits) and, if asked, the go-live moves that
 * clear the problems. Writes nothing; a broken plan is reported and the rest go on.
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CalendarRangeError, WorkingCalendar } from '../../domain/calendar.js';
import { keepHandEdits } from '../../domain/schedule/hand-edits.js';
import { DEFAULT_CAPACITY, type Capacity } from '../../domain/portfolio/capacity.js';
import { programmeLoad, type ProgrammeLoad } from '../../domain/portfolio/load.js';
import { analyseProgramme, type Problem } from '../../domain/portfolio/problems.js';
import { suggestMoves, type Mover, type Suggestion } from '../../domain/portfolio/suggest.js';
import { withProgrammeProblems, type PracticeHealth } from '../../domain/portfolio/health.js';
import type { PracticeWeek } from '../../domain/report.js';
import { matchingWarnings, type PracticeView } from '../../domain/portfolio/portfolio.js';
import type { CalendarDate, Diagnostic, Nation, Plan } from '../../domain/types.js';
import { IoError, KickoffError, type SourceLocation } from '../../errors.js';
import { loadCapacity } from '../../adapters/inputs/capacity-yaml.js';
import { joinProgrammeEvents, type ProgrammeEvents } from '../../adapters/calendar/programme-calendar.js';
import { readAll } from './read.js';
import { lastPublished, openPlan, replan, type OpenPlan } from '../open-plan.js';
import { PLAN_FILE, resolve, type FileStore, type UseCaseOptions, type Workspace } from '../workspace.js';
import { byText } from '../../domain/order.js';

export interface ProgrammeOptions extends UseCaseOptions {
  /** capacity.yaml; default the built-in limits (stated in the result). */
  readonly capacity?: string;
  /** Work out the go-live moves that clear the problems. */
  readonly suggest?: boolean;
  /** Make the programme calendar (every go-live and FDP) with this name and version. */
  readonly calendar?: { readonly name: string; readonly productVersion: string };
  /** Each practice's week as well, for `portfolio --report`. */
  readonly report?: boolean;
  /** Called after each plan is read (progress on a terminal). */
  readonly onPlan?: (done: number, total: number) => void;
}

export interface BrokenPlan {
  readonly file: string;
  readonly message: string;
  readonly hint?: string;
  readonly location?: SourceLocation;
}

export interface Programme {
  readonly folder: string;
  readonly today: CalendarDate;
  readonly capacity: Capacity;
  /** The capacity file read, or undefined for the built-in defaults. */
  readonly capacityFile?: string;
  /** Sorted by go-live, then ODS code, then plan file. */
  readonly practices: readonly PracticeView[];
  readonly broken: readonly BrokenPlan[];
  readonly warnings: readonly Diagnostic[];
  readonly problems: readonly Problem[];
  /** Each practice's own health (by plan file), amber at least when it is in a problem. */
  readonly health: ReadonlyMap<string, PracticeHealth>;
  /** With `report`: each practice's week (overdue, due, notices, open high risks), by plan file. */
  readonly weeks?: ReadonlyMap<string, PracticeWeek>;
  readonly load: ProgrammeLoad;
  readonly suggestion?: Suggestion;
  /** The programme calendar's text, when asked for and some plan has a go-live. */
  readonly calendar?: string;
}

export async function readProgramme(folder: string, options: ProgrammeOptions = {}): Promise<Programme> {
  const { workspace, files, clock } = await resolve(options);
  const capacity = options.capacity ? await loadCapacity(options.capacity) : DEFAULT_CAPACITY;
  const planFiles = await findPlans(folder);
  // Only what the analysis needs is kept from each plan (its view, and its calendar events if
  // asked): memory grows with the plans' people and dates, not with their whole text.
  const reads = await readAll({
    files: planFiles,
    request: {
      capacity,
      today: clock.today,
      ...(options.report ? { report: true } : {}),
      ...(options.calendar ? { calendar: { ...options.calendar, timestamp: clock.timestamp } } : {}),
      ...(options.template !== undefined ? { template: options.template } : {}),
    },
    workspace,
    store: files,
    threads: options.files === undefined && options.workspace === undefined,
    ...(options.onPlan ? { onPlan: options.onPlan } : {}),
  });
  const broken: BrokenPlan[] = [];
  const read: PracticeView[] = [];
  const events: ProgrammeEvents[] = [];
  const nations = new Map<string, Nation>();
  const own = new Map<string, PracticeHealth>();
  const weeks = new Map<string, PracticeWeek>();
  reads.forEach((r, i) => {
    if (!r.ok) {
      const { ok: _ok, ...why } = r;
      broken.push({ file: planFiles[i]!, ...why });
      return;
    }
    read.push(r.view);
    nations.set(r.view.id, r.nation);
    own.set(r.view.id, r.health);
    if (r.week) weeks.set(r.view.id, r.week);
    if (r.events) events.push(r.events);
  });
  const { names, views, index, problems } = analyseProgramme(read, capacity, clock.today);
  const load = programmeLoad(index);
  const inProblems = new Map<string, number>();
  for (const p of problems) for (const id of p.practices) inProblems.set(id, (inProblems.get(id) ?? 0) + 1);
  const health = new Map(
    [...own].map(([id, h]) => [id, withProgrammeProblems(h, inProblems.get(id) ?? 0)] as const),
  );
  const suggestion =
    options.suggest && problems.length > 0
      ? await suggestMoves({
          index,
          capacity,
          template: workspace.template,
          mover: planMover(nations, workspace, files, clock.today),
          names,
        })
      : options.suggest
        ? { horizonWorkingDays: capacity.horizonWorkingDays, moves: [], unresolved: [] }
        : undefined;
  const calendar = options.calendar ? joinProgrammeEvents(events) : undefined;
  return {
    folder,
    today: clock.today,
    capacity,
    ...(options.capacity ? { capacityFile: options.capacity } : {}),
    practices: [...views].sort(
      (a, b) => byText(a.goLive, b.goLive) || byText(a.ods, b.ods) || byText(a.id, b.id),
    ),
    broken,
    warnings: matchingWarnings(views),
    problems,
    health,
    ...(options.report ? { weeks } : {}),
    load,
    ...(suggestion ? { suggestion } : {}),
    ...(calendar !== undefined ? { calendar } : {}),
  };
}

/** Every kickoff.yaml under the folder (any depth), in a stable order; hidden folders skipped. */
export async function findPlans(folder: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(folder, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new IoError(
      code === 'ENOTDIR'
        ? `${folder} is a file; kickoff portfolio needs the folder that holds the plans.`
        : `Cannot read the programme folder ${folder}: ${code === 'ENOENT' ? 'it does not exist' : (error as Error).message}.`,
      'Give the folder kickoff batch --out wrote the practices to (one kickoff.yaml per practice folder).',
    );
  }
  return entries
    .filter((path) => basename(path) === PLAN_FILE && !path.split(/[\\/]/).some((p) => p.startsWith('.')))
    .sort()
    .map((path) => join(folder, path));
}

/**
 * Re-planning as `kickoff schedule --go-live` does it, for --suggest to try dates with. A plan is
 * opened only when a date for it passes the cheap checks (day of the week, a week not full), and
 * only the last few opened are kept: at 1,000 practices in problems, opening them all first took
 * longer than planning them had, and most of a gigabyte.
 */
function planMover(
  nations: ReadonlyMap<string, Nation>,
  workspace: Workspace,
  files: FileStore,
  today: CalendarDate,
): Mover {
  const calendars = new Map<Nation, WorkingCalendar>();
  const calendarOf = (nation: Nation) =>
    calendars.get(nation) ??
    calendars.set(nation, new WorkingCalendar(workspace.holidays, nation)).get(nation)!;
  const opened = new Map<string, Promise<Kept>>();
  const load = (id: string): Promise<Kept> => {
    const had = opened.get(id);
    // A Map keeps insertion order: taken out and put back, the plan becomes the most recent.
    if (had) opened.delete(id);
    const kept = had ?? keep(id, workspace, files, today);
    opened.set(id, kept);
    if (opened.size > KEPT_PLANS) opened.delete(opened.keys().next().value!);
    return kept;
  };
  return {
    shift: (id, date, days) => {
      const calendar = calendarOf(nations.get(id)!);
      try {
        const day = calendar.addWorkingDays(calendar.nextWorkingDay(date), days);
        return day >= today ? day : undefined;
      } catch (error) {
        if (error instanceof CalendarRangeError) return undefined;
        throw error;
      }
    },
    replan: async (id, goLive) => replanAt(await load(id), goLive, today),
    diagnostics: async (id) => (await load(id)).diagnostics,
  };
}

/**
 * Plans kept open while --suggest runs: more than the practices one problem may move (they are
 * tried in turn at each distance), few enough that memory does not grow with the programme.
 */
const KEPT_PLANS = 64;

/**
 * What re-planning needs of one practice: the plan to re-plan from, the ids its calendars
 * published, and today's problems. Not the file's text nor the plan as read.
 */
interface Kept {
  readonly open: Pick<OpenPlan, 'template' | 'holidays' | 'stored'>;
  readonly before: Plan;
  readonly diagnostics: readonly Diagnostic[];
}

async function keep(id: string, workspace: Workspace, files: FileStore, today: CalendarDate): Promise<Kept> {
  const open = await openPlan(id, workspace, files);
  const before = keepHandEdits(open.plan, lastPublished(open.stored)).plan;
  const slim: Kept['open'] = {
    template: open.template,
    holidays: open.holidays,
    stored: { ...open.stored, text: '', plan: before },
  };
  const current =
    replanAt({ open: slim, before, diagnostics: [] }, before.answers.goLive, today) ?? open.plan;
  return { open: slim, before, diagnostics: current.diagnostics };
}

function replanAt(kept: Kept, goLive: CalendarDate, today: CalendarDate): Plan | undefined {
  try {
    return replan(kept.open, kept.before, { ...kept.before.answers, goLive }, today);
  } catch (error) {
    if (error instanceof KickoffError || error instanceof CalendarRangeError) return undefined;
    throw error;
  }
}
