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
import { splitFormat } from '../adapters/files.js';
import { editInvited } from '../adapters/plan-file/edit.js';
import { parsePlan, type StoredPlan } from '../adapters/plan-file/read.js';
import { renderPlan } from '../adapters/plan-file/write.js';
import { kickoffVersion } from '../version.js';
import type { Template } from '../domain/template.js';
import { CALENDAR_DIR } from './calendar-files.js';
import { alreadyPlanned, createPlan } from './edit-plan.js';
import { lastPublished, planFrom } from './open-plan.js';
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
  const context = await resolve(options);
  const { workspace, files, clock } = context;
  const planFile = join(options.dir, PLAN_FILE);
  const exists = await files.exists(planFile);
  if (exists && !options.replace) throw alreadyPlanned(planFile);
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
  const render = (before: StoredPlan | undefined) => {
    // A plan replaced with --force keeps its events' sequences, so subscribed calendars update in
    // place, and what invitations people have, so `kickoff invite` sends only what changed.
    const publication = publishPlan(plan, before ? lastPublished(before) : [], clock.today);
    const rendered = renderPlan(plan, { version: kickoffVersion(), today: clock.today }, publication.events);
    const text = before?.invited.size ? editInvited(rendered, before.invited) : rendered;
    return { text, publication };
  };
  await options.beforeWrite?.(plan);
  const result = { plan, diagnostics: plan.diagnostics, planFile, replaced: exists };
  if (options.dryRun) {
    const before = exists ? await recordsBefore(planFile, files, workspace.template) : undefined;
    return { ...result, planText: render(before).text, written: [] };
  }
  const folder = join(options.dir, CALENDAR_DIR);
  const created = await createPlan(planFile, context, {
    command: exists ? 'init --force' : 'init',
    replace: Boolean(options.replace),
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
    make: (before) => {
      const { text, publication } = render(before);
      return { text, calendars: { plan, publication, folder }, result: text };
    },
  });
  return {
    ...result,
    replaced: created.backup !== undefined,
    planText: created.result,
    written: created.calendars.map((c) => c.path),
    ...(created.backup ? { backup: created.backup } : {}),
  };
}

/**
 * What the calendars of the plan being replaced said, and which invitations were sent (for a dry
 * run; createPlan reads them inside the lock). A plan too broken to read starts afresh.
 */
async function recordsBefore(
  planFile: string,
  files: FileStore,
  template: Template,
): Promise<StoredPlan | undefined> {
  try {
    return parsePlan(splitFormat(await files.readText(planFile, 'the plan')).text, planFile, template);
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
