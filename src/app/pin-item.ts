/**
 * pinItem / unpinItem: what `kickoff pin` and `kickoff unpin` do. An item fixed on a date (or let
 * go, so kickoff schedules it again), in place in the plan, then a re-plan exactly as `kickoff
 * schedule` does (items scheduled from it follow it), in one change of the plan.
 */
import { parseCalendarDate } from '../domain/calendar.js';
import { daysFromTo, plusDays } from '../domain/dates.js';
import { datesOf } from '../domain/diff.js';
import type { PlanItem } from '../domain/types.js';
import { UsageError } from '../errors.js';
import { editItemFields, type ItemFieldEdit } from '../adapters/plan-file/edit.js';
import { changePlan } from './edit-plan.js';
import { findItem } from './item-ids.js';
import { reopen } from './open-plan.js';
import {
  scheduleStep,
  type Replanned,
  type ReplannedPractice,
  type ReplanOptions,
} from './replan-practice.js';
import { resolve, resolvePlanFile } from './workspace.js';

export interface PinnedItem {
  /** The item as it was before. */
  readonly item: PlanItem;
  /** The re-plan; undefined when the item was not pinned and there was nothing to unpin. */
  readonly replanned?: ReplannedPractice;
}

/** Fixes `id` on `date` (2027-03-15 or 15/03/2027); a stretch of days keeps its length. */
export async function pinItem(
  planFile: string,
  id: string,
  date: string,
  options: ReplanOptions = {},
): Promise<PinnedItem> {
  const parsed = parseCalendarDate(date);
  if (!parsed.ok) throw new UsageError(`date: ${parsed.message}`);
  return changeItem(planFile, id, 'pin', options, (item) => {
    const before = datesOf(item);
    // A weekly series keeps its last meeting.
    const after = {
      ...before,
      start: parsed.date,
      end: plusDays(parsed.date, daysFromTo(item.start, item.end)),
    };
    return {
      id: item.id,
      pinned: true,
      ...(item.start !== parsed.date ? { dates: { before, after } } : {}),
    };
  });
}

/** Lets kickoff schedule `id` again; an item that is not pinned is left as it is. */
export function unpinItem(planFile: string, id: string, options: ReplanOptions = {}): Promise<PinnedItem> {
  return changeItem(planFile, id, 'unpin', options, (item) =>
    item.origin === 'pinned' ? { id: item.id, pinned: false } : undefined,
  );
}

async function changeItem(
  planFile: string,
  id: string,
  command: 'pin' | 'unpin',
  options: ReplanOptions,
  edit: (item: PlanItem) => ItemFieldEdit | undefined,
): Promise<PinnedItem> {
  const context = await resolve(options);
  const file = await resolvePlanFile(planFile, context.files);
  const changed = await changePlan<{ item: PlanItem; step?: Replanned }>(file, context, {
    command,
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
    apply: (opened) => {
      const item = findItem(opened.plan, id, planFile);
      const fields = edit(item);
      if (!fields) return { text: opened.stored.text, summary: '', result: { item } };
      const edited = reopen(opened, file, editItemFields(opened.stored.text, [fields]));
      const step = scheduleStep(edited, {}, context, options.out);
      return {
        ...step,
        summary: `${item.id} ${command === 'pin' ? `pinned on ${fields.dates?.after.start ?? item.start}` : 'unpinned'}; ${step.summary}`,
        result: { item, step: step.result },
      };
    },
  });
  const { item, step } = changed.result;
  if (!step) return { item };
  return {
    item,
    replanned: {
      ...step,
      planText: changed.text,
      planChanged: changed.planChanged,
      dryRun: Boolean(options.dryRun),
      calendars: changed.calendars.map((c) => c.path),
    },
  };
}
