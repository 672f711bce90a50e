/**
 * When the weekly report on a plan was last made: .kickoff/reports/<plan file name>.json beside the
 * plan, so the next `kickoff report` says what changed since then. Not part of the plan: making a
 * report changes no date, status or note, and so is no change to keep in the plan's history.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isCalendarDate } from '../../domain/calendar.js';
import type { CalendarDate } from '../../domain/types.js';
import { writeAtomic } from '../files.js';

function recordFile(planFile: string): string {
  return join(dirname(planFile), '.kickoff', 'reports', `${basename(planFile)}.json`);
}

/** The day of the last report, or undefined when none was recorded (or the record cannot be read). */
export async function lastReportDay(planFile: string): Promise<CalendarDate | undefined> {
  try {
    const record = JSON.parse(await readFile(recordFile(planFile), 'utf8')) as { lastReport?: unknown };
    return isCalendarDate(record.lastReport) ? record.lastReport : undefined;
  } catch {
    return undefined;
  }
}

export async function recordReportDay(planFile: string, day: CalendarDate): Promise<void> {
  await writeAtomic(recordFile(planFile), `${JSON.stringify({ lastReport: day }, null, 1)}\n`);
}
