/**
 * planPractice: what `kickoff init` does once it has the answers (and what `batch` does for each new
 * practice): back-schedule, render kickoff.yaml and the calendars, and write them into one folder.
 */
import { join } from 'node:path';
import { checkOdsCode } from '../domain/answers.js';
import { WorkingCalendar } from '../domain/calendar.js';
import { checkGoLiveDate } from '../domain/answers.js';
import { backSchedule } from '../domain/schedule/back-schedule.js';
import type { Answers, Diagnostic, Plan } from '../domain/types.js';
import { InputError, KickoffError, UsageError } from '../errors.js';
import { publishPlan } from '../adapters/calendar/calendar-set.js';
import { editInvited } from '../adapters/plan-file/edit.js';
import { parsePlan } from '../adapters/plan-file/read.js';
import { renderPlan } from '../adapters/plan-file/write.js';
import { KICKOFF_VERSION } from '../version.js';
import type { InvitedRecord } from '../domain/calendar-events/invite.js';
import type { PublishedEvent } from '../domain/calendar-events/publish.js';
import type { Template } from '../domain/template.js';
import { CALENDAR_DIR, lastPublished, planFrom, writeCalendars } from './plan-files.js';
import { diskFiles, PLAN_FILE, resolve, type FileStore, type UseCaseOptions } from './workspace.js';

export interface PlanPracticeOptions extends UseCaseOptions {
  /** The folder for kickoff.yaml and calendars/. */
  readonly dir: string;
  /** Replace a kickoff.yaml already there (kept as kickoff.yaml.bak); otherwise that is refused. */
  readonly replace?: boolean;
  /** Work everything out, write nothing. */
  readonly dryRun?: boolean;
  /**
   * Called with the plan before anything is written: `init` shows it week by week and asks. Throw
   * (CancelledError, UsageError) to write nothing.
   */
  readonly beforeWrite?: (plan: Plan) => Promise<void> | void;
}

export interface PlannedPractice {
  readonly plan: Plan;
  /** The problems found, as in `plan.diagnostics`. Errors need action; the files are still written. */
  readonly diagnostics: readonly Diagnostic[];
  readonly planFile: string;
  /** kickoff.yaml's text, as written (or as it would be, with dryRun). */
  readonly planText: string;
  /** The calendar files written, plan last: a plan on disk means a complete run. */
  readonly written: readonly string[];
  /** A plan was already there and was replaced. */
  readonly replaced: boolean;
  /** Where the replaced plan was kept: kickoff.yaml.bak, or .bak.1, .bak.2… when older copies exist. */
  readonly backup?: string;
}

/** Whether `dir` already has a plan (init asks this before asking any question). */
export async function planExists(dir: string, files: FileStore = diskFiles): Promise<boolean> {
  return files.exists(join(dir, PLAN_FILE));
}

/**
 * Back-schedules a practice from its answers and writes `dir/kickoff.yaml` and `dir/calendars/*.ics`.
 * Throws a KickoffError for answers it cannot plan (no project manager, kick-off after go-live, a
 * date outside the bank-holiday years); problems in a plan it could make are returned, not thrown.
 */
export async function planPractice(answers: Answers, options: PlanPracticeOptions): Promise<PlannedPractice> {
  const { workspace, files, clock } = await resolve(options);
  const planFile = join(options.dir, PLAN_FILE);
  const exists = await files.exists(planFile);
  if (exists && !options.replace) {
    throw new UsageError(
      `${planFile} already exists: kickoff will not overwrite a plan.`,
      'To move dates in it, use `kickoff schedule`. To start again, add --force (the old plan is kept as kickoff.yaml.bak).',
    );
  }
  checkAnswers(answers);
  const calendar = new WorkingCalendar(workspace.holidays, answers.nation);
  // A new plan starts from today: a go-live already past, or beyond the bank-holiday table, is the
  // answers' mistake (as --go-live says), not something to plan and then warn about.
  const goLive = checkGoLiveDate(answers.goLive, calendar, clock.today);
  if (!goLive.ok)
    throw new InputError(
      `answers.goLive: ${goLive.message}`,
      'Change goLive in the answers, or give --go-live DATE.',
    );
  const plan = planFrom(answers, () => backSchedule(workspace.template, answers, calendar, clock.today));
  // A plan replaced with --force keeps its events' sequences, so subscribed calendars update in place.
  const before = exists ? await recordsBefore(planFile, files, workspace.template) : undefined;
  const publication = publishPlan(plan, before?.published ?? [], clock.today);
  const rendered = renderPlan(plan, { version: KICKOFF_VERSION, today: clock.today }, publication.events);
  // ...and what invitations people have, so `kickoff invite` sends only what the new plan changed.
  const planText = before?.invited.size ? editInvited(rendered, before.invited) : rendered;
  await options.beforeWrite?.(plan);

  let written: string[] = [];
  let backup: string | undefined;
  if (!options.dryRun) {
    if (exists) {
      backup = await freeBackupName(planFile, files);
      await files.copy(planFile, backup);
    }
    // Calendars first and the plan last, each atomically.
    written = await writeCalendars(plan, publication, join(options.dir, CALENDAR_DIR), clock, files);
    await files.writeAtomic(planFile, planText);
  }
  return {
    plan,
    diagnostics: plan.diagnostics,
    planFile,
    planText,
    written,
    replaced: exists,
    ...(backup ? { backup } : {}),
  };
}

/** kickoff.yaml.bak, then kickoff.yaml.bak.1, .bak.2…: an older backup is never overwritten. */
async function freeBackupName(planFile: string, files: FileStore): Promise<string> {
  for (let n = 0; ; n += 1) {
    const name = n === 0 ? `${planFile}.bak` : `${planFile}.bak.${n}`;
    if (!(await files.exists(name))) return name;
  }
}

/**
 * What the calendars of the plan being replaced said, so its events keep their UIDs' sequences, and
 * which invitations were sent. A plan too broken to read starts afresh (its backup is kept either way).
 */
async function recordsBefore(
  planFile: string,
  files: FileStore,
  template: Template,
): Promise<{ readonly published: readonly PublishedEvent[]; readonly invited: InvitedRecord } | undefined> {
  try {
    const stored = parsePlan(await files.readText(planFile, 'the plan'), planFile, template);
    return { published: lastPublished(stored), invited: stored.invited };
  } catch (error) {
    if (error instanceof KickoffError) return undefined;
    throw error;
  }
}

/** What the scheduler needs but the answers' types cannot promise (a program may pass anything). */
function checkAnswers(answers: Answers): void {
  const ods = checkOdsCode(answers.practice.ods);
  if (!ods.ok || ods.value !== answers.practice.ods)
    throw new InputError(
      `practice.ods: ${ods.ok ? `"${answers.practice.ods}" should be written ${ods.value}` : ods.message}`,
    );
  const ids = answers.thirdParties.flatMap((choice) => ('id' in choice ? [choice.id] : []));
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new InputError(`thirdParties: "${twice}" is listed twice.`, 'List each third party once.');
  if (!answers.team.some((p) => p.role === 'project-manager')) {
    throw new UsageError(
      'The team has no project manager: kickoff needs one to organise the calendars.',
      'Add a team member with role: project-manager.',
    );
  }
}
