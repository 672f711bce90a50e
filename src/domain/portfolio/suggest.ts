/**
 * --suggest: go-live moves that clear the programme's clashes and capacity breaches.
 *
 * Greedy, in a fixed order, so the same programme always gets the same advice:
 *  1. Take the first problem left (by date, then id).
 *  2. Of the practices in it, try those that may move (go-live not pinned, not moved already),
 *     latest go-live first, then by plan file.
 *  3. Try go-lives 1, 2, … working days away (later before earlier at each distance), up to the
 *     horizon, on the days of the week capacity.yaml allows (goLiveDays), and take the first that leaves that practice in no problem at all, and whose re-plan
 *     (exactly what `kickoff schedule --go-live` would write) has no new error (a notice period
 *     cut short, kick-off in the past…) and no new busy-period warning.
 *  4. None: the problem is reported with the reason, and the next is taken.
 * Each practice moves at most once, so the moves are few; each by the fewest working days found.
 */
import { goLiveDayAllowed, type Capacity } from './capacity.js';
import { bucketsOf, type BucketKey, type ProgrammeIndex } from './problem-index.js';
import { problemsIn, sortProblems, type Problem } from './problems.js';
import { mondayOf } from '../calendar.js';
import { practiceView, withNamedAbsences, type PracticeView } from './portfolio.js';
import type { Template } from '../template.js';
import type { CalendarDate, Diagnostic, Plan } from '../types.js';
import { byText } from '../order.js';

/** What the suggestion needs from outside the domain: each practice's calendar and re-planning. */
export interface Mover {
  /** The working day `workingDays` from `date` in the practice's calendar; undefined past the table. */
  shift(practice: string, date: CalendarDate, workingDays: number): CalendarDate | undefined;
  /**
   * The plan `kickoff schedule --go-live` would make; undefined when it would refuse the date.
   * Asynchronous: the plan is read only when a date gets this far, so a large programme's plans
   * are not all held in memory at once.
   */
  replan(practice: string, goLive: CalendarDate): Promise<Plan | undefined>;
  /** The problems of the plan as it is now (a re-plan may add none of its errors or busy periods). */
  diagnostics(practice: string): Promise<readonly Diagnostic[]>;
}

export interface Move {
  readonly practice: string;
  readonly ods: string;
  readonly name: string;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  /** Working days moved: positive later, negative earlier. */
  readonly workingDays: number;
}

export interface Unresolved {
  readonly problem: string;
  readonly message: string;
  readonly reason: string;
}

export interface Suggestion {
  readonly horizonWorkingDays: number;
  readonly moves: readonly Move[];
  readonly unresolved: readonly Unresolved[];
}

export interface SuggestInput {
  /** Changed in place as moves are made: afterwards it is the programme with the moves. */
  readonly index: ProgrammeIndex;
  readonly capacity: Capacity;
  readonly template: Template;
  readonly mover: Mover;
  /** Names → email keys across the programme (namesOf), for absences given by name. */
  readonly names: ReadonlyMap<string, ReadonlySet<string>>;
}

export async function suggestMoves(input: SuggestInput): Promise<Suggestion> {
  const { index, capacity } = input;
  const moves: Move[] = [];
  const unresolved: Unresolved[] = [];
  const given = new Set<string>();
  // The problems by the bucket they come from: a move changes only its practice's buckets, so only
  // those are worked out again (the whole programme was, after every move: 45 s at 1,000 plans).
  const byBucket = new Map<BucketKey, Problem[]>();
  for (const bucket of index.buckets()) {
    const found = problemsIn(index, bucket, capacity);
    if (found.length > 0) byBucket.set(bucket, found);
  }
  // In order; sorted again only after a move (few), not for each problem taken.
  let queue: Problem[] | undefined;
  for (;;) {
    queue ??= sortProblems([...byBucket.values()].flat());
    const problem = queue.find((p) => !given.has(p.id));
    if (!problem) break;
    const candidates = problem.practices
      .map((id) => index.views.get(id)!)
      .filter((v) => !v.goLivePinned && !moves.some((m) => m.practice === v.id))
      .sort((a, b) => byText(b.goLive, a.goLive) || byText(a.id, b.id));
    const found = candidates.length > 0 ? await firstMove(input, candidates) : undefined;
    if (found) {
      moves.push(found.move);
      queue = undefined;
      for (const bucket of found.buckets) {
        const now = problemsIn(index, bucket, capacity);
        if (now.length > 0) byBucket.set(bucket, now);
        else byBucket.delete(bucket);
      }
      continue;
    }
    given.add(problem.id);
    unresolved.push({
      problem: problem.id,
      message: problem.message,
      reason: whyNot(problem, candidates, input),
    });
  }
  return {
    horizonWorkingDays: capacity.horizonWorkingDays,
    moves: moves.sort((a, b) => byText(a.ods, b.ods) || byText(a.practice, b.practice)),
    unresolved,
  };
}

interface Moved {
  readonly move: Move;
  /** The index buckets the move changed. */
  readonly buckets: ReadonlySet<BucketKey>;
}

async function firstMove(
  input: SuggestInput,
  candidates: readonly PracticeView[],
): Promise<Moved | undefined> {
  for (let distance = 1; distance <= input.capacity.horizonWorkingDays; distance += 1)
    for (const days of [distance, -distance])
      for (const view of candidates) {
        const move = await tryMove(input, view, days);
        if (move) return move;
      }
  return undefined;
}

/** Moves the practice in the index when that clears all its problems; otherwise leaves it be. */
async function tryMove(input: SuggestInput, view: PracticeView, days: number): Promise<Moved | undefined> {
  const { index, mover, template, capacity } = input;
  const goLive = mover.shift(view.id, view.goLive, days);
  if (!goLive || !goLiveDayAllowed(capacity, goLive)) return undefined;
  // A week already full would put the practice over the go-live limit: refused below in any case,
  // so known before the costly re-plan.
  const week = index.goLiveWeeks.get(mondayOf(goLive));
  if (week && [...week].filter((id) => id !== view.id).length >= capacity.goLivesPerWeek) return undefined;
  const plan = await mover.replan(view.id, goLive);
  if (!plan || worse(plan.diagnostics, await mover.diagnostics(view.id), template)) return undefined;
  const moved = withNamedAbsences(practiceView(view.id, plan, template, capacity), input.names);
  const buckets = new Set([...bucketsOf(view), ...bucketsOf(moved)]);
  index.remove(view);
  index.add(moved);
  const left = [...buckets].flatMap((b) => problemsIn(index, b, capacity, view.id));
  if (left.some((p) => p.practices.includes(view.id))) {
    index.remove(moved);
    index.add(view);
    return undefined;
  }
  return {
    move: {
      practice: view.id,
      ods: view.ods,
      name: view.name,
      from: view.goLive,
      to: goLive,
      workingDays: days,
    },
    buckets,
  };
}

/** A re-plan with more errors or busy-period warnings of any kind than the plan has now. */
function worse(after: readonly Diagnostic[], before: readonly Diagnostic[], template: Template): boolean {
  const busy = new Set(template.busyPeriods.map((p) => p.code));
  const counts = (diagnostics: readonly Diagnostic[]) => {
    const map = new Map<string, number>();
    for (const d of diagnostics)
      if (d.severity === 'error' || busy.has(d.code)) map.set(d.code, (map.get(d.code) ?? 0) + 1);
    return map;
  };
  const was = counts(before);
  return [...counts(after)].some(([code, n]) => n > (was.get(code) ?? 0));
}

function whyNot(problem: Problem, candidates: readonly PracticeView[], input: SuggestInput): string {
  const involved = problem.practices.map((id) => input.index.views.get(id)!);
  if (candidates.length === 0) {
    return `none of ${involved.map((v) => v.ods).join(', ')} may move: their go-live is pinned, or kickoff has already moved them for another problem.`;
  }
  return `no go-live within ${input.capacity.horizonWorkingDays} working days either side${days(input.capacity)} for ${candidates.map((v) => v.ods).join(' or ')} clears it without a new clash, a limit broken, a notice period cut short or a busy period. Move one by hand, or raise the limit in capacity.yaml.`;
}

/** ", on Mondays or Tuesdays," when capacity.yaml limits the days; nothing when any weekday will do. */
function days(capacity: Capacity): string {
  if (capacity.goLiveDays.length === 5) return '';
  const names = capacity.goLiveDays.map((d) => `${d.slice(0, 1).toUpperCase()}${d.slice(1)}s`);
  const list = names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)!}`;
  return `, on ${list},`;
}
