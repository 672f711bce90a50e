/**
 * mergeCopy: what `kickoff merge` does. When a plan is changed on two laptops at once, OneDrive
 * keeps both: the plan, and a copy beside it (kickoff-LAPTOP-7.yaml). This brings the copy's
 * changes into the plan by a three-way merge, the base being the version of the plan both started
 * from (the one in the plan's history closest to the copy): what changed only in the copy is
 * applied, what changed only in the plan is kept, and what changed in both, differently, is a
 * conflict listed with both values; nothing is written until the person says who wins.
 */
import { datesOf, diffPlans, sameDates } from '../domain/diff.js';
import type { PublishedEvent } from '../domain/calendar-events/publish.js';
import { mergeValue, sameNotes } from '../domain/sheet-record.js';
import type { Plan, PlanItem, Status } from '../domain/types.js';
import { isKnownOwner } from '../domain/people.js';
import { UsageError } from '../errors.js';
import { splitFormat } from '../adapters/files.js';
import { editItemFields, editPlanText, type ItemFieldEdit } from '../adapters/plan-file/edit.js';
import { readItemNotes } from '../adapters/plan-file/notes.js';
import { changePlan } from './edit-plan.js';
import { reopen, type OpenPlan } from './open-plan.js';
import { calendarStep } from './publish-calendars.js';
import { resolve, resolvePlanFile, type UseCaseOptions } from './workspace.js';

export interface MergeOptions extends UseCaseOptions {
  /** Who wins a conflict: the copy or the plan. */
  readonly take?: string;
  readonly dryRun?: boolean;
}

export interface MergeConflict {
  readonly id: string;
  readonly title: string;
  readonly field: 'status' | 'notes' | 'dates' | 'pinned' | 'owners' | 'go-live';
  readonly base: string;
  readonly copy: string;
  readonly plan: string;
}

export interface MergedCopy {
  readonly planFile: string;
  readonly copy: string;
  /** One line per change taken from the copy. */
  readonly taken: readonly string[];
  readonly conflicts: readonly MergeConflict[];
  readonly planChanged: boolean;
  /** Where the copy was put aside once merged (it no longer counts as a conflict copy). */
  readonly keptAs?: string;
}

interface Version {
  readonly plan: Plan;
  readonly notes: ReadonlyMap<string, string>;
  readonly published: ReadonlyMap<string, PublishedEvent>;
}

export async function mergeCopy(
  copyFile: string,
  planFile: string,
  options: MergeOptions = {},
): Promise<MergedCopy> {
  const take = options.take;
  if (take !== undefined && take !== 'copy' && take !== 'plan')
    throw new UsageError(`--take: "${take}" is not copy or plan.`);
  const context = await resolve(options);
  const file = await resolvePlanFile(planFile, context.files);
  const copyText = splitFormat(
    await context.files.readText(copyFile, 'the copy of the plan', undefined, { keepBom: true }),
  ).text;
  const changed = await changePlan(file, context, {
    command: 'merge',
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
    apply: async (opened) => {
      const theirs = versionOf(reopen(opened, copyFile, copyText));
      const ours = versionOf(opened);
      const history = (await context.files.history?.read(file)) ?? [];
      // The plan's own earlier versions first, newest first, and the plan as it is last: on a tie the
      // earlier version is the one both sides started from (the copy then changed what the plan did).
      const earlier = [...history].reverse().map((e) => reopen(opened, file, splitFormat(e.text).text));
      const candidates = [...earlier, opened];
      const base = closest(candidates.map(versionOf), theirs);
      const merged = mergeVersions(base, theirs, ours, take as 'copy' | 'plan' | undefined);
      const result = { planFile: file, copy: copyFile, taken: merged.taken, conflicts: merged.conflicts };
      if (merged.conflicts.length > 0 || merged.taken.length === 0)
        return { text: opened.stored.text, summary: '', result };
      let text = editItemFields(opened.stored.text, merged.fields);
      const edited = reopen(opened, file, text);
      text = editPlanText(text, {
        before: edited.plan,
        after: { ...edited.plan, ...merged.structure(edited.plan) },
        published: merged.published(edited.stored.published ?? []),
      });
      const step = calendarStep(reopen(opened, file, text), context);
      return {
        ...step,
        summary: `merged ${merged.taken.length} change(s) from ${copyFile}`,
        result,
      };
    },
  });
  const result = { ...changed.result, planChanged: changed.planChanged };
  if (result.conflicts.length > 0 || options.dryRun) return result;
  // Merged (or nothing to take): the copy is put aside, so it no longer counts as a conflict copy.
  if (!context.files.move) return result;
  const keptAs = `${copyFile}.merged`;
  await context.files.move(copyFile, keptAs);
  return { ...result, keptAs };
}

function versionOf(opened: OpenPlan): Version {
  return {
    plan: opened.plan,
    notes: readItemNotes(opened.stored.text),
    published: new Map((opened.stored.published ?? []).map((e) => [e.id, e])),
  };
}

/** The version the copy most likely started from: the fewest differences from it (the first on a tie). */
function closest(candidates: readonly Version[], copy: Version): Version {
  let best = candidates[0]!;
  let fewest = Infinity;
  for (const candidate of candidates) {
    const n = differences(candidate, copy);
    if (n < fewest) [best, fewest] = [candidate, n];
  }
  return best;
}

/** How many of the items' dates, statuses, pins, owners and notes differ between two versions. */
function differences(a: Version, b: Version): number {
  const diff = diffPlans(a.plan, b.plan);
  const byId = new Map(a.plan.items.map((i) => [i.id, i]));
  let n = diff.moved.length + diff.added.length + diff.removed.length + (diff.goLive ? 1 : 0);
  for (const item of b.plan.items) {
    const was = byId.get(item.id);
    if (!was) continue;
    if (was.status !== item.status) n += 1;
    if (was.origin !== item.origin) n += 1;
    if ((was.owners ?? []).join('\n') !== (item.owners ?? []).join('\n')) n += 1;
    if (!sameNotes(a.notes.get(item.id) ?? '', b.notes.get(item.id) ?? '')) n += 1;
  }
  return n;
}

interface Merge {
  readonly fields: ItemFieldEdit[];
  readonly taken: string[];
  readonly conflicts: MergeConflict[];
  /** Items added or removed in the copy, and its go-live, applied to the plan as edited. */
  readonly structure: (plan: Plan) => Pick<Plan, 'items' | 'answers'>;
  /** The calendars' record: each event as its newest side had it. */
  readonly published: (ours: readonly PublishedEvent[]) => PublishedEvent[];
}

function mergeVersions(
  base: Version,
  theirs: Version,
  ours: Version,
  take: 'copy' | 'plan' | undefined,
): Merge {
  const fields: ItemFieldEdit[] = [];
  const taken: string[] = [];
  const conflicts: MergeConflict[] = [];
  const fromCopy = new Set<string>();
  const decide = <T>(
    item: PlanItem,
    field: MergeConflict['field'],
    values: [T, T, T],
    same: (a: T, b: T) => boolean,
    show: (v: T) => string,
  ): T | undefined => {
    const merged = mergeValue(values[0], values[1], values[2], same);
    if ('conflict' in merged) {
      if (take === 'copy') return merged.sheet;
      if (take === 'plan') return undefined;
      conflicts.push({
        id: item.id,
        title: item.title,
        field,
        base: show(merged.base),
        copy: show(merged.sheet),
        plan: show(merged.plan),
      });
      return undefined;
    }
    return merged.take === 'sheet' ? merged.value : undefined;
  };
  const baseItems = new Map(base.plan.items.map((i) => [i.id, i]));
  const ourItems = new Map(ours.plan.items.map((i) => [i.id, i]));
  for (const item of theirs.plan.items) {
    const was = baseItems.get(item.id);
    const now = ourItems.get(item.id);
    if (!was || !now) continue;
    const status = decide(
      item,
      'status',
      [was.status ?? '', item.status ?? '', now.status ?? ''],
      (a, b) => a === b,
      String,
    );
    const notes = decide(
      item,
      'notes',
      [base.notes.get(item.id) ?? '', theirs.notes.get(item.id) ?? '', ours.notes.get(item.id) ?? ''],
      sameNotes,
      (v) => JSON.stringify(v.trim()),
    );
    const dates = decide(item, 'dates', [datesOf(was), datesOf(item), datesOf(now)], sameDates, (d) =>
      d.start === d.end ? d.start : `${d.start} to ${d.end}`,
    );
    const pinned = decide(
      item,
      'pinned',
      [was.origin === 'pinned', item.origin === 'pinned', now.origin === 'pinned'],
      (a, b) => a === b,
      (v) => (v ? 'pinned' : 'not pinned'),
    );
    const copyOwners = decide(
      item,
      'owners',
      [was.owners ?? [], item.owners ?? [], now.owners ?? []],
      (a, b) => a.join('\n') === b.join('\n'),
      (v) => (v.length > 0 ? v.join(', ') : 'none'),
    );
    // The copy may name someone it added to its team; merge does not take the team, so such
    // owners are left out and said, rather than written into a plan that would refuse them.
    const strangers = (copyOwners ?? []).filter((o) => !isKnownOwner(ours.plan, o));
    const owners = strangers.length === 0 ? copyOwners : undefined;
    if (strangers.length > 0)
      taken.push(
        `${item.title} (${item.id}): owners not taken: ${strangers.join(', ')} not in this plan's team. Add them to answers.team, then name them on the item.`,
      );
    if ([status, notes, dates, pinned, owners].every((v) => v === undefined)) continue;
    if (dates !== undefined) fromCopy.add(item.id);
    fields.push({
      id: item.id,
      ...(status ? { status: status as Status } : {}),
      ...(notes !== undefined ? { notes: notes.trim() } : {}),
      ...(dates ? { dates: { before: datesOf(now), after: dates } } : {}),
      ...(pinned !== undefined ? { pinned } : {}),
      ...(owners !== undefined ? { owners } : {}),
    });
    const said = [
      ...(status ? [`status ${now.status} → ${status}`] : []),
      ...(notes !== undefined ? ['notes'] : []),
      ...(dates ? [`dates ${now.start} → ${dates.start}`] : []),
      ...(pinned !== undefined ? [pinned ? 'pinned' : 'unpinned'] : []),
      ...(owners !== undefined ? [`owners ${owners.length > 0 ? owners.join(', ') : 'none'}`] : []),
    ];
    taken.push(`${item.title} (${item.id}): ${said.join('; ')}`);
  }
  // Items the copy added (not in the base, not in the plan) and removed (untouched in the plan).
  const added = theirs.plan.items.filter((i) => !baseItems.has(i.id) && !ourItems.has(i.id));
  const theirIds = new Set(theirs.plan.items.map((i) => i.id));
  const removed = base.plan.items.filter((i) => !theirIds.has(i.id) && ourItems.has(i.id));
  for (const item of added) taken.push(`${item.title} (${item.id}): added`);
  for (const item of removed) taken.push(`${item.title} (${item.id}): removed`);
  const goLive = decide(
    { id: 'go-live', title: 'Go-live' } as PlanItem,
    'go-live',
    [base.plan.answers.goLive, theirs.plan.answers.goLive, ours.plan.answers.goLive],
    (a, b) => a === b,
    String,
  );
  if (goLive) taken.push(`go-live ${ours.plan.answers.goLive} → ${goLive}`);
  const gone = new Set(removed.map((i) => i.id));
  return {
    fields,
    taken,
    conflicts,
    structure: (plan) => ({
      items: [...plan.items.filter((i) => !gone.has(i.id)), ...added],
      answers: goLive ? { ...plan.answers, goLive } : plan.answers,
    }),
    published: (record) =>
      record.map((event) => {
        const theirsEvent = theirs.published.get(event.id);
        // The copy's calendars went out with its dates: its record of those events is the newer one.
        return theirsEvent && (fromCopy.has(event.id) || theirsEvent.sequence > event.sequence)
          ? theirsEvent
          : event;
      }),
  };
}
