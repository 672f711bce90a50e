/**
 * publishCalendars: what `kickoff calendar` does. Regenerates the .ics files from the plan as it is
 * (no re-planning); events that changed get a higher SEQUENCE, removed ones a cancellation, and the
 * plan's `published:` record is updated to match. Nothing else in the plan is touched.
 */
import { handEditNotes, keepHandEdits } from '../domain/schedule/hand-edits.js';
import type { PublishedEvent } from '../domain/calendar-events/publish.js';
import type { Diagnostic, Plan } from '../domain/types.js';
import { publishPlan, type FeedOptions } from '../adapters/calendar/calendar-set.js';
import {
  calendarFolder,
  lastPublished,
  openPlan,
  pinsFor,
  revisedPlanText,
  savePlanText,
  staleness,
  writeCalendarSet,
  type WrittenCalendar,
} from './plan-files.js';
import { resolve, resolvePlanFile, type UseCaseOptions } from './workspace.js';

export interface PublishOptions extends UseCaseOptions {
  /** Where the calendars go; default calendars/ beside the plan. */
  readonly out?: string;
  /** Write subscription feeds instead (kickoff publish); wins over `out`. */
  readonly feeds?: FeedTarget;
}

/** Where each plan's feeds go and what their headers say: both depend on the practice. */
export interface FeedTarget {
  readonly folderOf: (plan: Plan) => string;
  readonly feedOf: (plan: Plan) => FeedOptions;
}

export interface PublishedCalendars {
  readonly planFile: string;
  readonly plan: Plan;
  readonly folder: string;
  /** The calendar files written. */
  readonly written: readonly string[];
  /** The same files, each with the calendar it is. */
  readonly calendars: readonly WrittenCalendar[];
  /** Events with a new revision since the calendars were last written. */
  readonly revised: readonly PublishedEvent[];
  readonly planChanged: boolean;
  /** Dates kept and pinned because a person changed them by hand; answers edited without re-planning. */
  readonly diagnostics: readonly Diagnostic[];
}

export async function publishCalendars(
  planFile: string,
  options: PublishOptions = {},
): Promise<PublishedCalendars> {
  const { workspace, files, clock } = await resolve(options);
  const file = await resolvePlanFile(planFile, files);
  const opened = await openPlan(file, workspace, files);
  const published = lastPublished(opened.stored);
  // A date changed by hand is pinned here too, or the next `schedule` would put it back.
  const { plan, edits: handEdits } = keepHandEdits(opened.plan, published);
  const publication = publishPlan(plan, published, clock.today);
  const text = revisedPlanText(opened, file, {
    before: plan,
    after: plan,
    published: publication.events,
    pin: pinsFor(handEdits, clock.today),
  });

  const { feeds } = options;
  const folder = feeds ? feeds.folderOf(plan) : calendarFolder(file, options.out);
  const feed = feeds?.feedOf(plan);
  const calendars = await writeCalendarSet(plan, publication, folder, clock, files, feed);
  const written = calendars.map((c) => c.path);
  const planChanged = await savePlanText(files, file, text, opened.stored.text);
  const diagnostics = [...handEditNotes(handEdits), ...staleness(opened, clock.today)];
  const revised = publication.revised;
  return { planFile: file, plan, folder, written, calendars, revised, planChanged, diagnostics };
}
