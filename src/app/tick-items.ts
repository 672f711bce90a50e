/**
 * tickItems: what `kickoff tick` does. Items marked done (or doing, todo, not-needed), with a note,
 * in place in the plan (every other byte kept), and the calendars regenerated as `kickoff calendar`
 * does (an item marked not-needed is cancelled), in one change of the plan.
 */
import { FDP_ID, GO_LIVE_ID, KICKOFF_ID } from '../domain/anchors.js';
import { STATUSES, type PlanItem, type Status } from '../domain/types.js';
import { UsageError } from '../errors.js';
import { editItemFields } from '../adapters/plan-file/edit.js';
import { changePlan } from './edit-plan.js';
import { findItem } from './item-ids.js';
import { reopen } from './open-plan.js';
import { calendarStep, withWritten, type Published, type PublishedCalendars } from './publish-calendars.js';
import { resolve, resolvePlanFile, type UseCaseOptions } from './workspace.js';

export interface TickOptions extends UseCaseOptions {
  readonly ids: readonly string[];
  /** done by default. */
  readonly status?: string;
  /** A line added to each item's notes. */
  readonly note?: string;
  /** Where the calendars go; default calendars/ beside the plan. */
  readonly out?: string;
}

export interface TickedItems {
  /** Each item named, as it was before. */
  readonly items: readonly PlanItem[];
  readonly status: Status;
  readonly note?: string;
  /** The calendars, as `kickoff calendar` reports them; undefined when nothing changed. */
  readonly calendars?: PublishedCalendars;
  readonly planFile: string;
  readonly planChanged: boolean;
}

/** The items the plan is planned around: they cannot be set aside, only moved. */
const ANCHORS = [KICKOFF_ID, FDP_ID, GO_LIVE_ID];

export async function tickItems(planFile: string, options: TickOptions): Promise<TickedItems> {
  const status = (options.status ?? 'done') as Status;
  if (!STATUSES.includes(status))
    throw new UsageError(`--status: "${options.status}" is not a status.`, `Use ${STATUSES.join(', ')}.`);
  const note = options.note?.trim();
  if (options.note !== undefined && !note) throw new UsageError('--note: the note is empty.');
  const context = await resolve(options);
  const file = await resolvePlanFile(planFile, context.files);
  const changed = await changePlan<
    Omit<TickedItems, 'planChanged' | 'calendars'> & { calendars?: Published }
  >(file, context, {
    command: 'tick',
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
    apply: (opened) => {
      const items = [...new Set(options.ids)].map((id) => findItem(opened.plan, id, planFile));
      for (const item of items) refuseTick(item, status, note);
      const text = editItemFields(
        opened.stored.text,
        items.map((item) => ({
          id: item.id,
          ...(item.status !== status ? { status } : {}),
          ...(note ? { note } : {}),
        })),
      );
      const base = { items, status, ...(note ? { note } : {}), planFile: file };
      if (text === opened.stored.text) return { text, summary: '', result: base };
      // The edited text must read back with exactly these statuses, or the person's file is left alone.
      const edited = reopen(opened, file, text);
      for (const item of items)
        if (edited.plan.items.find((i) => i.id === item.id)?.status !== status)
          throw new Error(
            `the edited plan would not read back with ${item.id} ${status}; ${file} was not changed`,
          );
      const step = calendarStep(edited, context, options);
      const ticked = items.map((i) => i.id).join(', ');
      return {
        ...step,
        summary: `${ticked}: ${status}${note ? ', note added' : ''}`,
        result: { ...base, calendars: step.result },
      };
    },
  });
  const { calendars, ...ticked } = changed.result;
  return {
    ...ticked,
    planChanged: changed.planChanged,
    ...(calendars ? { calendars: withWritten(calendars, changed) } : {}),
  };
}

function refuseTick(item: PlanItem, status: Status, note: string | undefined): void {
  if (item.informational)
    throw new UsageError(
      `"${item.title}" (${item.id}) records a fact, not an action: it has no status to tick.`,
      note ? 'Add your note to kickoff.yaml by hand.' : undefined,
    );
  if (status === 'not-needed' && ANCHORS.includes(item.id))
    throw new UsageError(
      `"${item.title}" (${item.id}) cannot be not-needed: the whole plan is dated from it.`,
      item.id === GO_LIVE_ID
        ? 'To move go-live, run kickoff schedule --go-live DATE. If the migration is called off, keep the plan for the record and stop using it (nothing is sent until you run kickoff again).'
        : `To move it, run kickoff pin ${item.id} DATE. To mark it held, use --status done.`,
    );
}
