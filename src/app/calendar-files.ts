/** Writing a plan's calendars: one .ics with everything and one per role, each atomically. */
import { basename, dirname, join } from 'node:path';
import type { Publication } from '../domain/calendar-events/publish.js';
import type { Plan } from '../domain/types.js';
import { calendarSet, type CalendarFile, type FeedOptions } from '../adapters/calendar/calendar-set.js';
import type { Clock } from '../adapters/clock.js';
import { kickoffVersion } from '../version.js';
import { diskFiles, type FileStore } from './workspace.js';

export const CALENDAR_DIR = 'calendars';

/** Calendars go in calendars/ beside the plan unless --out says otherwise. */
export function calendarFolder(planFile: string, out?: string): string {
  return out ?? join(dirname(planFile), CALENDAR_DIR);
}

/** A calendar written: its path, 'everything' or the role's id, and its name. */
export interface WrittenCalendar {
  readonly path: string;
  readonly key: string;
  readonly name: string;
}

/** Each calendar atomically, saying which calendar each file is; with `feed`, as subscription feeds. */
export async function writeCalendarSet(
  plan: Plan,
  publication: Publication,
  folder: string,
  clock: Clock,
  store: FileStore = diskFiles,
  feed?: FeedOptions,
  /** A new plan's calendars (init, batch): nothing to compare with, so not looked for. */
  options: { readonly fresh?: boolean } = {},
): Promise<WrittenCalendar[]> {
  const files = renderSet(plan, publication, clock, feed);
  // All at once: each is atomic on its own, and waiting on the disk one file at a time was most of
  // a batch's time. A calendar already as it would be written (`calendar` run again the same day)
  // is left alone, so OneDrive and subscribers see no change where there is none.
  await Promise.all(
    files.map(async (file) => {
      const path = join(folder, file.fileName);
      if (!options.fresh && (await store.holds?.(path, file.text))) return;
      await store.writeAtomic(path, file.text);
    }),
  );
  return written(files, folder);
}

/**
 * The calendars, when every file in `folder` already is exactly as it would be written; otherwise
 * undefined. Writes nothing.
 */
export async function heldCalendarSet(
  plan: Plan,
  publication: Publication,
  folder: string,
  clock: Clock,
  store: FileStore = diskFiles,
): Promise<WrittenCalendar[] | undefined> {
  if (!store.holds) return undefined;
  const files = renderSet(plan, publication, clock);
  const held = await Promise.all(files.map((file) => store.holds!(join(folder, file.fileName), file.text)));
  return held.every(Boolean) ? written(files, folder) : undefined;
}

function renderSet(plan: Plan, publication: Publication, clock: Clock, feed?: FeedOptions) {
  const files = calendarSet(plan, publication, {
    timestamp: clock.timestamp,
    productVersion: kickoffVersion(),
    ...(feed ? { feed } : {}),
  });
  // File names come from the ODS code, checked on the way in; a name with a path in it is a bug.
  for (const file of files)
    if (basename(file.fileName) !== file.fileName || file.fileName.startsWith('.'))
      throw new Error(`calendar file name "${file.fileName}" is not a plain file name`);
  return files;
}

function written(files: readonly CalendarFile[], folder: string): WrittenCalendar[] {
  return files.map((f) => ({ path: join(folder, f.fileName), key: f.key, name: f.name }));
}
