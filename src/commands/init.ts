/**
 * kickoff init: answers (flags, file, prompts) → planPractice → kickoff.yaml + calendars/. The
 * questions are this command's; the planning and writing are the use case's.
 */
import { KICKOFF_ID } from '../domain/anchors.js';
import { basename, join, sep } from 'node:path';
import { formatLong, WorkingCalendar, type HolidayTable } from '../domain/calendar.js';
import { weekByWeek } from '../domain/summary.js';
import type { Template } from '../domain/template.js';
import type { Answers, CalendarDate, Plan } from '../domain/types.js';
import { CancelledError, ExitCode, UsageError } from '../errors.js';
import { CALENDAR_DIR } from '../app/calendar-files.js';
import { planExists, planPractice, type PlannedPractice } from '../app/plan-practice.js';
import { loadWorkspace, PLAN_FILE } from '../app/workspace.js';
import { todayFrom } from '../app/flags.js';
import { gatherAnswers, saveAnswers } from '../app/init-answers.js';
import { muted, sayDiagnostics, type Terminal } from '../adapters/terminal/terminal.js';
import { diagnosticJson } from './schedule-report.js';
/** Where init keeps the answers when a person says no to writing the plan. */
export const ANSWERS_FILE = 'kickoff-answers.yaml';

export interface InitOptions {
  readonly dir: string;
  readonly answers?: string;
  readonly template?: string;
  readonly example?: boolean;
  readonly force?: boolean;
  readonly yes?: boolean;
  readonly quiet?: boolean;
  /** What was written, as data on standard output (messages as with --quiet). */
  readonly json?: boolean;
  readonly input?: boolean;
  readonly today?: string;
  readonly wait?: string;
  readonly goLive?: string;
  readonly nation?: string;
  readonly kickoff?: string;
}

/** Answers that must be given; each with the flag or answers-file key that gives it. */
const REQUIRED: readonly { key: keyof Answers; how: string }[] = [
  { key: 'practice', how: 'answers-file key practice: { name, ods }' },
  { key: 'goLive', how: '--go-live DATE or answers-file key goLive' },
  { key: 'systems', how: 'answers-file key systems: { current, new }' },
  { key: 'team', how: 'answers-file key team: [{ role, name, email }]' },
];

export async function init(options: InitOptions, terminal: Terminal): Promise<ExitCode> {
  const out = muted(terminal, Boolean(options.quiet || options.json));
  const today = todayFrom(options.today); // a bad --today stops the run before any question
  const planPath = join(options.dir, PLAN_FILE);
  if ((await planExists(options.dir)) && !options.force) {
    throw new UsageError(
      `${planPath} already exists: kickoff will not overwrite a plan.`,
      'To move dates in it, use `kickoff schedule`. To start again, add --force (the old plan is kept as kickoff.yaml.bak).',
    );
  }
  const workspace = await loadWorkspace(options.template);
  const { template, holidays } = workspace;
  const interactive = terminal.interactive && options.input !== false && !options.example;
  const known = await gatherAnswers(options, workspace, today);
  const answers = interactive
    ? await askMissing(known, template, holidays, today)
    : completeWithoutTerminal(known);

  let shownBeforeAsking = false;
  const result = await planPractice(answers, {
    dir: options.dir,
    workspace,
    replace: Boolean(options.force),
    ...(options.today !== undefined ? { today: options.today } : {}),
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
    beforeWrite: async (plan) => {
      sayWeekByWeek(plan, out);
      if (options.yes || options.example) return;
      if (!interactive) {
        throw new UsageError(
          'Nothing was written: kickoff asks before writing, and there is no terminal to ask.',
          'Add --yes to write without asking.',
        );
      }
      // Every warning before the question, so "yes" is said knowing them.
      sayDiagnostics(terminal, plan.diagnostics);
      shownBeforeAsking = true;
      const { confirmWrite, confirmSaveAnswers } = await import('../adapters/terminal/prompts.js');
      if (await confirmWrite()) return;
      const answersFile = join(options.dir, ANSWERS_FILE);
      if (!(await confirmSaveAnswers(answersFile))) throw new CancelledError();
      await saveAnswers(answersFile, answers);
      throw new CancelledError(
        `Cancelled: the plan was not written. Your answers are in ${answersFile}; run kickoff init --answers ${answersFile} --dir ${options.dir} to pick up from them.`,
      );
    },
  });
  out.say();
  out.say(
    `Wrote ${planPath} and ${result.written.length} calendar(s) in ${join(options.dir, CALENDAR_DIR)}${sep}:`,
  );
  for (const file of result.written) out.say(`  ${basename(file)}`);
  if (result.backup) out.say(`The plan it replaced is kept as ${result.backup}.`);
  out.say(
    'Import a calendar into its own new calendar (Outlook: File > Open & Export > Import; Google: Settings > Import).',
  );
  if (options.json) terminal.data(JSON.stringify(initJson(result), null, 2));
  else if (!shownBeforeAsking) sayDiagnostics(terminal, result.diagnostics, { quiet: options.quiet });
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) {
    terminal.say(
      terminal.colour.red(`The plan was written, but ${errors} problem(s) need action now (above).`),
    );
    return ExitCode.problems;
  }
  return ExitCode.ok;
}

/** init --json: the plan and calendars written, the key dates and every problem. */
function initJson(result: PlannedPractice) {
  const { plan } = result;
  const on = (id: string) => plan.items.find((i) => i.id === id)?.start ?? null;
  return {
    planFile: result.planFile,
    calendars: result.written,
    ...(result.backup ? { backup: result.backup } : {}),
    practice: plan.answers.practice,
    goLive: plan.answers.goLive,
    kickoff: on(KICKOFF_ID),
    problems: result.diagnostics.map(diagnosticJson),
  };
}

async function askMissing(
  known: Partial<Answers>,
  template: Template,
  holidays: HolidayTable,
  today: CalendarDate,
): Promise<Answers> {
  const { askForAnswers } = await import('../adapters/terminal/prompts.js');
  return askForAnswers(known, {
    template,
    calendarFor: (nation) => new WorkingCalendar(holidays, nation),
    today,
  });
}

/** Without a terminal nothing can be asked: name every missing answer and how to give it. */
function completeWithoutTerminal(known: Partial<Answers>): Answers {
  const missing = REQUIRED.filter((r) => known[r.key] === undefined);
  if (missing.length > 0) {
    throw new UsageError(
      `Missing answer${missing.length > 1 ? 's' : ''}: ${missing.map((m) => `${m.key} (${m.how})`).join('; ')}.`,
      'There is no terminal to ask in. Give them in an answers file with --answers FILE (see examples/densham-surgery.yaml), or run kickoff init in a terminal.',
    );
  }
  return { nation: 'england', thirdParties: [], absences: [], ...known } as Answers;
}

function sayWeekByWeek(plan: Plan, terminal: Terminal): void {
  const { practice, goLive } = plan.answers;
  terminal.say(terminal.colour.bold(`${practice.name} (${practice.ods}): go-live ${formatLong(goLive)}`));
  for (const week of weekByWeek(plan)) {
    const titles = week.items.map((i) => i.title.replace(/ \(.*\)$/, ''));
    terminal.say(`  w/c ${formatLong(week.monday)}: ${titles.join('; ')}`);
  }
}
