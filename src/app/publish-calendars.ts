/**
 * publishCalendars: what `kickoff calendar` does. Regenerates the .ics files from the plan as it is
 * (no re-planning); events that changed get a higher SEQUENCE, removed ones a cancellation, and the
 * plan's `published:` record is updated to match. Nothing else in the plan is touched.
 */
import type { PublishedEvent } from '../domain/publish.js';
import type { Plan } from '../domain/types.js';
import { publishPlan } from '../adapters/calendar-set.js';
import { editPlanText } from '../adapters/plan-edit.js';
import { assertReadsBack, calendarFolder, lastPublished, openPlan, writeCalendars } from './plan-files.js';
import { resolve, resolvePlanFile, type UseCaseOptions } from './workspace.js';

export interface PublishOptions extends UseCaseOptions {
  /** Where the calendars go; default calendars/ beside the plan. */
  readonly out?: string;
}

export interface PublishedCalendars {
  readonly planFile: string;
  readonly plan: Plan;
  readonly folder: string;
  /** The calendar files written. */
  readonly written: readonly string[];
  /** Events with a new revision since the calendars were last written. */
  readonly revised: readonly PublishedEvent[];
  readonly planChanged: boolean;
}

export async function publishCalendars(
  planFile: string,
  options: PublishOptions = {},
): Promise<PublishedCalendars> {
  const { workspace, files, clock } = await resolve(options);
  const file = await resolvePlanFile(planFile, files);
  const opened = await openPlan(file, workspace, files);
  const { plan } = opened;
  const publication = publishPlan(plan, lastPublished(opened.stored), clock.today);
  const text = editPlanText(opened.stored.text, { before: plan, after: plan, published: publication.events });
  assertReadsBack(text, file, opened.template, plan, publication.events);

  const folder = calendarFolder(file, options.out);
  const written = await writeCalendars(plan, publication, folder, clock, files);
  const planChanged = text !== opened.stored.text;
  if (planChanged) await files.writeAtomic(file, text);
  return { planFile: file, plan, folder, written, revised: publication.revised, planChanged };
}
