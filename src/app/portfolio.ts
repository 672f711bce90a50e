/**
 * readProgramme: every kickoff.yaml under a folder, read as `show` reads one, analysed together
 * (people on two practices' critical days, capacity limits) and, if asked, the go-live moves that
 * clear the problems. Writes nothing; a broken plan is reported and the rest go on.
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CalendarRangeError, WorkingCalendar } from '../domain/calendar.js';
import { keepHandEdits } from '../domain/hand-edits.js';
import { DEFAULT_CAPACITY, type Capacity } from '../domain/portfolio-capacity.js';
import { ProgrammeIndex } from '../domain/portfolio-index.js';
import { programmeLoad, type ProgrammeLoad } from '../domain/portfolio-load.js';
import { findProblems, type Problem } from '../domain/portfolio-problems.js';
import { suggestMoves, type Mover, type Suggestion } from '../domain/portfolio-suggest.js';
import {
  matchingWarnings,
  namesOf,
  practiceView,
  withNamedAbsences,
  type PracticeView,
} from '../domain/portfolio.js';
import type { CalendarDate, Diagnostic, Nation, Plan } from '../domain/types.js';
import { IoError, KickoffError, type SourceLocation } from '../errors.js';
import { loadCapacity } from '../adapters/capacity-yaml.js';
import { lastPublished, openPlan, replan, type OpenPlan } from './plan-files.js';
import { PLAN_FILE, resolve, type UseCaseOptions, type Workspace } from './workspace.js';

export interface ProgrammeOptions extends UseCaseOptions {
  /** capacity.yaml; default the built-in limits (stated in the result). */
  readonly capacity?: string;
  /** Work out the go-live moves that clear the problems. */
  readonly suggest?: boolean;
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
  /** Each practice's plan as read, by plan file (for the programme calendar). */
  readonly plans: ReadonlyMap<string, Plan>;
  readonly broken: readonly BrokenPlan[];
  readonly warnings: readonly Diagnostic[];
  readonly problems: readonly Problem[];
  readonly load: ProgrammeLoad;
  readonly suggestion?: Suggestion;
}

export async function readProgramme(folder: string, options: ProgrammeOptions = {}): Promise<Programme> {
  const { workspace, files, clock } = await resolve(options);
  const capacity = options.capacity ? await loadCapacity(options.capacity) : DEFAULT_CAPACITY;
  const planFiles = await findPlans(folder);
  const opened = new Map<string, OpenPlan>();
  const broken: BrokenPlan[] = [];
  const read: PracticeView[] = [];
  for (const [n, file] of planFiles.entries()) {
    try {
      const open = await openPlan(file, workspace, files);
      read.push(practiceView(file, open.plan, workspace.template, capacity));
      opened.set(file, open);
    } catch (error) {
      if (!(error instanceof KickoffError)) throw error;
      broken.push({
        file,
        message: error.message,
        ...(error.hint ? { hint: error.hint } : {}),
        ...(error.location ? { location: error.location } : {}),
      });
    }
    options.onPlan?.(n, planFiles.length);
  }
  const names = namesOf(read);
  const views = read.map((view) => withNamedAbsences(view, names));
  const index = new ProgrammeIndex(views);
  const problems = findProblems(index, capacity);
  const load = programmeLoad(index);
  const suggestion =
    options.suggest && problems.length > 0
      ? suggestMoves({
          index,
          capacity,
          template: workspace.template,
          mover: planMover(opened, workspace, clock.today),
          names,
        })
      : options.suggest
        ? { horizonWorkingDays: capacity.horizonWorkingDays, moves: [], unresolved: [] }
        : undefined;
  return {
    folder,
    today: clock.today,
    capacity,
    ...(options.capacity ? { capacityFile: options.capacity } : {}),
    practices: [...views].sort(
      (a, b) => a.goLive.localeCompare(b.goLive) || a.ods.localeCompare(b.ods) || a.id.localeCompare(b.id),
    ),
    plans: new Map([...opened].map(([file, open]) => [file, open.plan])),
    broken,
    warnings: matchingWarnings(views),
    problems,
    load,
    ...(suggestion ? { suggestion } : {}),
  };
}

/** Every kickoff.yaml under the folder (any depth), in a stable order; hidden folders skipped. */
async function findPlans(folder: string): Promise<string[]> {
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

/** Re-planning as `kickoff schedule --go-live` does it, for --suggest to try dates with. */
function planMover(opened: ReadonlyMap<string, OpenPlan>, workspace: Workspace, today: CalendarDate): Mover {
  const calendars = new Map<Nation, WorkingCalendar>();
  const calendarOf = (nation: Nation) =>
    calendars.get(nation) ??
    calendars.set(nation, new WorkingCalendar(workspace.holidays, nation)).get(nation)!;
  const current = new Map<string, Plan>();
  const replanAt = (id: string, goLive: CalendarDate): Plan | undefined => {
    const open = opened.get(id)!;
    const before = keepHandEdits(open.plan, lastPublished(open.stored)).plan;
    try {
      return replan(open, before, { ...before.answers, goLive }, today);
    } catch (error) {
      if (error instanceof KickoffError || error instanceof CalendarRangeError) return undefined;
      throw error;
    }
  };
  return {
    shift: (id, date, days) => {
      const calendar = calendarOf(opened.get(id)!.plan.answers.nation);
      try {
        const day = calendar.addWorkingDays(calendar.nextWorkingDay(date), days);
        return day >= today ? day : undefined;
      } catch (error) {
        if (error instanceof CalendarRangeError) return undefined;
        throw error;
      }
    },
    replan: replanAt,
    current: (id) => {
      const goLive = opened.get(id)!.plan.answers.goLive;
      return current.get(id) ?? current.set(id, replanAt(id, goLive) ?? opened.get(id)!.plan).get(id)!;
    },
  };
}
