/**
 * kickoff schedule: re-plan kickoff.yaml from its answers (perhaps with a new go-live), write the new
 * dates into the same file, regenerate the calendars, and report what moved.
 */
import { checkGoLiveDate } from '../domain/answers.js';
import { WorkingCalendar } from '../domain/calendar.js';
import { diffPlans, isEmpty } from '../domain/diff.js';
import { findHandEdits, handEditNotes, pinHandEdits } from '../domain/hand-edits.js';
import type { Answers, CalendarDate } from '../domain/types.js';
import { ExitCode, UsageError } from '../errors.js';
import { publishPlan } from '../adapters/calendar-set.js';
import { readClock } from '../adapters/clock.js';
import { writeAtomic } from '../adapters/files.js';
import { editPlanText } from '../adapters/plan-edit.js';
import { SCHEDULED_LINE, scheduledLine } from '../adapters/plan-store.js';
import { sayDiagnostics, type Terminal } from '../adapters/terminal.js';
import { KICKOFF_VERSION } from '../version.js';
import {
  assertReadsBack,
  calendarFolder,
  lastPublished,
  openPlan,
  pinsFor,
  replan,
  writeCalendars,
  type OpenPlan,
} from './plan-files.js';
import { changeReport, reportJson } from './schedule-report.js';

export interface ScheduleOptions {
  readonly plan: string;
  readonly goLive?: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
  readonly out?: string;
  readonly template?: string;
  readonly today?: string;
}

export async function schedule(options: ScheduleOptions, terminal: Terminal): Promise<ExitCode> {
  const clock = readClock(options.today);
  const opened = await openPlan(options.plan, options.template);
  // A date changed by hand without `pinned: true` is kept and pinned, never silently put back.
  const handEdits = findHandEdits(opened.plan, lastPublished(opened.stored));
  const before = pinHandEdits(opened.plan, handEdits);
  const answers = withGoLive(before.answers, options.goLive, opened, clock.today);
  const replanned = replan(opened, before, answers, clock.today);
  const plan = { ...replanned, diagnostics: [...handEditNotes(handEdits), ...replanned.diagnostics] };
  const diff = diffPlans(before, plan);
  const publication = publishPlan(plan, lastPublished(opened.stored), clock.today);
  const changed = !isEmpty(diff);
  const meta = { version: KICKOFF_VERSION, today: clock.today };
  const text = editPlanText(opened.stored.text, {
    before,
    after: plan,
    ...(changed
      ? {
          scheduled: clock.today,
          scheduledLine: { pattern: SCHEDULED_LINE, text: scheduledLine(plan, meta) },
        }
      : {}),
    published: publication.events,
    pin: pinsFor(handEdits, clock.today),
  });
  assertReadsBack(text, options.plan, opened.template, plan, publication.events);

  let calendars: string[] = [];
  if (!options.dryRun) {
    // Calendars first, the plan last: the plan on disk then always describes calendars that exist.
    calendars = await writeCalendars(plan, publication, calendarFolder(options.plan, options.out), clock);
    if (text !== opened.stored.text) await writeAtomic(options.plan, text);
  }
  const outcome = {
    plan,
    diff,
    today: clock.today,
    revised: publication.revised,
    dryRun: Boolean(options.dryRun),
    planFile: options.plan,
    planChanged: text !== opened.stored.text,
    calendars,
  };
  if (options.json) terminal.data(JSON.stringify(reportJson(outcome), null, 2));
  else {
    terminal.data(changeReport(outcome));
    sayDiagnostics(terminal, plan.diagnostics);
  }
  return plan.diagnostics.some((d) => d.severity === 'error') ? ExitCode.problems : ExitCode.ok;
}

function withGoLive(
  answers: Answers,
  flag: string | undefined,
  opened: OpenPlan,
  today: CalendarDate,
): Answers {
  if (flag === undefined) return answers;
  const checked = checkGoLiveDate(flag, new WorkingCalendar(opened.holidays, answers.nation), today);
  if (!checked.ok) throw new UsageError(`--go-live: ${checked.message}`);
  return { ...answers, goLive: checked.value };
}
