/**
 * publishCalendars: what `kickoff calendar` does. Regenerates the .ics files from the plan as it is
 * (no re-planning); events that changed get a higher SEQUENCE, removed ones a cancellation, and the
 * plan's `published:` record is updated to match. Nothing else in the plan is touched.
 */
import { handEditNotes, keepHandEdits } from '../domain/schedule/hand-edits.js';
import {
  publish,
  samePublished,
  type Publication,
  type PublishedEvent,
} from '../domain/calendar-events/publish.js';
import type { Diagnostic, Plan } from '../domain/types.js';
import { publishPlan, type FeedOptions } from '../adapters/calendar/calendar-set.js';
import { calendarFolder, heldCalendarSet, type WrittenCalendar } from './calendar-files.js';
import { changePlan, revisedPlanText, type AppliedChange, type ChangedPlan } from './edit-plan.js';
import { fileNotices, lastPublished, pinsFor, staleness, type OpenPlan } from './open-plan.js';
import { resolve, resolvePlanFile, type Resolved, type UseCaseOptions } from './workspace.js';

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
  /** Refuses a folder the feeds must not be written in, before anything (the plan too) is written. */
  readonly checkFolder?: (folder: string) => Promise<void>;
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
  const context = await resolve(options);
  const file = await resolvePlanFile(planFile, context.files);
  const changed = await changePlan(file, context, {
    command: options.feeds ? 'publish' : 'calendar',
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
    apply: async (opened) => {
      const held = options.feeds ? undefined : await heldCalendars(opened, context, options);
      const step = calendarStep(opened, context, options, held);
      if (step.calendars) await options.feeds?.checkFolder?.(step.calendars.folder);
      return step;
    },
  });
  const diagnostics = [...changed.result.diagnostics, ...(await fileNotices(changed.opened, context.files))];
  return withWritten({ ...changed.result, diagnostics }, changed);
}

/** A calendar step's outcome with the files changePlan then wrote: what `kickoff calendar` reports. */
export function withWritten(step: Published, changed: ChangedPlan<unknown>): PublishedCalendars {
  return {
    ...step,
    written: changed.calendars.map((c) => c.path),
    calendars: changed.calendars,
    planChanged: changed.planChanged,
  };
}

export type Published = Omit<PublishedCalendars, 'written' | 'calendars' | 'planChanged'>;

/** The calendars as they already are, and the record that gives them (heldCalendars). */
interface HeldCalendars {
  readonly publication: Publication;
  readonly files: readonly WrittenCalendar[];
}

/**
 * `kickoff calendar` run again with nothing changed, without a digest of every event (loading
 * node:crypto and hashing were a sixth of the command). Given the sequences the plan's record
 * holds, its events render to exactly the files in the folder: then each event's content is the
 * one those files, and the record written with them, were made from, so the full step would
 * revise nothing and write nothing; this is its publication, and the files, which need no writing.
 * Anything else is undefined, and calendarStep takes digests: an event changed, added, removed or
 * cancelled; a file edited, missing or written by another version; a date changed by hand; a plan
 * from before the record.
 */
async function heldCalendars(
  opened: OpenPlan,
  context: Resolved,
  options: Pick<PublishOptions, 'out'>,
): Promise<HeldCalendars | undefined> {
  const { stored } = opened;
  if (!stored.published) return undefined;
  const { plan, edits } = keepHandEdits(opened.plan, stored.published);
  if (edits.length > 0) return undefined;
  // Each event's digest as recorded: the record comes out the same unless something else changed.
  const recorded = new Map(stored.published.map((e) => [e.id, e.fingerprint]));
  const publication = publish(
    stored.published,
    plan,
    context.clock.today,
    (item) => recorded.get(item.id) ?? '',
  );
  if (!samePublished(stored.published, publication.events)) return undefined;
  const folder = calendarFolder(stored.file, options.out);
  const files = await heldCalendarSet(plan, publication, folder, context.clock, context.files);
  return files ? { publication, files } : undefined;
}

/**
 * The calendars of an open plan as it is (calendar; tick and import after their own edit): dates
 * changed by hand are pinned, and the calendars' record follows the plan.
 */
export function calendarStep(
  opened: OpenPlan,
  { clock }: Resolved,
  options: Pick<PublishOptions, 'out' | 'feeds'> = {},
  /** The calendars already as they would be written (heldCalendars): no digests, nothing written. */
  held?: HeldCalendars,
): AppliedChange<Published> {
  const file = opened.stored.file;
  const published = lastPublished(opened.stored);
  // A date changed by hand is pinned here too, or the next `schedule` would put it back.
  const { plan, edits: handEdits } = keepHandEdits(opened.plan, published);
  const publication = held?.publication ?? publishPlan(plan, published, clock.today);
  const text = revisedPlanText(opened, file, {
    before: plan,
    after: plan,
    published: publication.events,
    pin: pinsFor(handEdits, clock.today),
  });
  const { feeds } = options;
  const folder = feeds ? feeds.folderOf(plan) : calendarFolder(file, options.out);
  const feed = feeds?.feedOf(plan);
  const diagnostics = [...handEditNotes(handEdits), ...staleness(opened, clock.today)];
  const revised = publication.revised;
  const pinned = handEdits.length > 0 ? `; ${handEdits.length} date(s) changed by hand pinned` : '';
  return {
    text,
    checked: true,
    summary: `calendars: ${revised.length} event(s) revised${pinned}`,
    calendars: {
      plan,
      publication,
      folder,
      ...(feed ? { feed } : {}),
      ...(held ? { held: held.files } : {}),
    },
    result: { planFile: file, plan, folder, revised, diagnostics },
  };
}
