/**
 * The one way a plan is changed. Every command that writes a plan (schedule, calendar, tick, pin,
 * unpin, import, invite's record, publish's record, init --force, a batch's re-plans, undo) goes
 * through changePlan, in this order:
 *
 *   take the plan's lock → read the plan → work out the change → read the new text back →
 *   keep the replaced version in the plan's history → write the plan (atomically, with its record
 *   of what the calendars publish) → write the calendars → let go of the lock.
 *
 * The plan is written before the calendars, never after. A run killed (or a disk that fills) between
 * the two leaves calendars behind their plan's record; the next run that writes calendars writes
 * them forward from that record, with the record's higher SEQUENCEs, so calendar apps move on to
 * the plan's dates. A calendar ahead of its plan, which would make apps go back, cannot happen.
 *
 * Line ends and a byte-order mark are kept as the file had them (plans saved by Notepad on
 * Windows); a plan kickoff creates has LF line ends.
 */
import { basename, dirname, join } from 'node:path';
import { datesOf, diffPlans, isEmpty, sameDates } from '../domain/diff.js';
import { samePublished, type Publication, type PublishedEvent } from '../domain/calendar-events/publish.js';
import type { Template } from '../domain/template.js';
import type { Plan } from '../domain/types.js';
import { InputError, IoError, KickoffError, UsageError } from '../errors.js';
import type { FeedOptions } from '../adapters/calendar/calendar-set.js';
import { inFormat, KICKOFF_FORMAT, MAX_TEXT_BYTES, splitFormat } from '../adapters/files.js';
import { editPlanText, type PlanTextChanges } from '../adapters/plan-file/edit.js';
import { digestOf, historyFolder } from '../adapters/plan-file/history.js';
import { parsePlan, type StoredPlan } from '../adapters/plan-file/read.js';
import { renderPublished } from '../adapters/plan-file/write.js';
import { byText } from '../domain/order.js';
import { CALENDAR_DIR, writeCalendarSet, type WrittenCalendar } from './calendar-files.js';
import { openPlan, type OpenPlan } from './open-plan.js';
import type { Resolved } from './workspace.js';

/** How long a command waits for another writer of the same plan before it gives up (exit 3). */
export const WAIT_SECONDS = 10;

/** The calendars to write once the plan is written. */
export interface CalendarWrite {
  readonly plan: Plan;
  readonly publication: Publication;
  readonly folder: string;
  /** Written as subscription feeds (kickoff publish). */
  readonly feed?: FeedOptions;
  /** Already in the folder exactly as they would be written (seen by the change): nothing to write. */
  readonly held?: readonly WrittenCalendar[];
}

/** What a change comes to, worked out from the plan as it is now. */
export interface AppliedChange<R> {
  /** The plan's new text (LF line ends); the text as read when there is nothing to change. */
  readonly text: string;
  /** What the change did, in one line, for the plan's history. */
  readonly summary: string;
  /** The change has read `text` back itself (revisedPlanText does); else changePlan does. */
  readonly checked?: boolean;
  /** `kickoff undo`: the number of the history entry this change puts back the version before. */
  readonly undoes?: number;
  readonly calendars?: CalendarWrite;
  readonly result: R;
}

export interface PlanChange<R> {
  /** The command making the change ("tick", "schedule --go-live"…), for the lock and the history. */
  readonly command: string;
  /** Work the change out and write nothing (no lock is taken). */
  readonly dryRun?: boolean;
  /** Seconds to wait for another writer of the plan (--wait); WAIT_SECONDS by default. */
  readonly wait?: number | string;
  /** The change, from the plan as read inside the lock. */
  readonly apply: (opened: OpenPlan) => AppliedChange<R> | Promise<AppliedChange<R>>;
}

export interface ChangedPlan<R> {
  readonly result: R;
  /** The plan as it was read (inside the lock). */
  readonly opened: OpenPlan;
  /** The plan's text after the change (LF), written or (dry run) not. */
  readonly text: string;
  readonly planChanged: boolean;
  readonly calendars: readonly WrittenCalendar[];
}

/** Changes the plan in `file`: see the top of this file for the order of its steps. */
export async function changePlan<R>(
  file: string,
  context: Resolved,
  change: PlanChange<R>,
): Promise<ChangedPlan<R>> {
  const { workspace, files } = context;
  // No plan there: the reading says so (which file, and what to run), before any lock is made.
  if (!(await files.exists(file))) await openPlan(file, workspace, files);
  const release = change.dryRun ? undefined : await lockPlan(file, context, change);
  try {
    const opened = await openPlan(file, workspace, files);
    const applied = await change.apply(opened);
    const planChanged = applied.text !== opened.stored.text;
    const outcome = { result: applied.result, opened, text: applied.text, planChanged };
    if (change.dryRun) return { ...outcome, calendars: [] };
    if (planChanged) {
      // A change must leave a plan kickoff reads; if not, it is kickoff's bug and the file stays.
      if (!applied.checked) parsePlan(applied.text, file, workspace.template);
      await savePlan(file, context, {
        before: inFormat(opened.stored.text, opened.format),
        after: inFormat(applied.text, opened.format),
        command: change.command,
        summary: applied.summary,
        ...(applied.undoes !== undefined ? { undoes: applied.undoes } : {}),
      });
    }
    const calendars = applied.calendars ? await calendarsAfter(file, applied.calendars, context) : [];
    await tidyAround(file, context);
    return { ...outcome, calendars };
  } finally {
    await release?.();
  }
}

/**
 * The temp files runs killed part-way (kill -9, a power cut) left beside the plan, in its calendars
 * folder and in its history are removed by the next run that changes the plan, whether or not it
 * then changes anything: a folder it wrote in is tidied already; these are the others.
 */
async function tidyAround(file: string, { files }: Resolved): Promise<void> {
  const folder = dirname(file);
  await Promise.all([folder, join(folder, CALENDAR_DIR), historyFolder(file)].map((f) => files.tidy?.(f)));
}

export interface NewPlan<R> {
  readonly command: string;
  /** Replace a plan already there (it is kept in the history, and as a .bak copy); else refused. */
  readonly replace: boolean;
  readonly wait?: number | string;
  /** The new plan, given the one it replaces (read inside the lock; undefined when there is none or it cannot be read). */
  readonly make: (before: StoredPlan | undefined) => {
    readonly text: string;
    readonly calendars: CalendarWrite;
    readonly result: R;
  };
}

/**
 * A new plan in `file` (init, a batch's new practice, init --force), through the same steps: lock,
 * the plan first, then its calendars. A plan already there is refused unless `replace`; then it is
 * kept in the plan's history and copied to kickoff.yaml.bak (or .bak.1, .bak.2…).
 */
export async function createPlan<R>(
  file: string,
  context: Resolved,
  spec: NewPlan<R>,
): Promise<{ readonly result: R; readonly backup?: string; readonly calendars: readonly WrittenCalendar[] }> {
  const { files, workspace } = context;
  await files.makeFolder?.(dirname(file));
  const release = await lockPlan(file, context, spec);
  try {
    const exists = await files.exists(file);
    if (exists && !spec.replace) throw alreadyPlanned(file);
    const before = exists ? await readTolerantly(file, context, workspace.template) : undefined;
    const made = spec.make(before?.stored);
    let backup: string | undefined;
    if (exists) {
      const kept = await backupFor(file, before!.raw, context);
      backup = kept.name;
      if (!kept.holds) await files.copy(file, backup);
    }
    await savePlan(file, context, {
      ...(before ? { before: before.raw } : {}),
      after: inFormat(made.text, KICKOFF_FORMAT),
      command: spec.command,
      summary: exists ? 'planned again from the answers (the plan before is kept)' : 'planned',
    });
    const calendars = await calendarsAfter(file, made.calendars, context, { fresh: !exists });
    return { result: made.result, ...(backup ? { backup } : {}), calendars };
  } finally {
    await release?.();
  }
}

export function alreadyPlanned(file: string): UsageError {
  return new UsageError(
    `${file} already exists: kickoff will not overwrite a plan.`,
    'To move dates in it, use `kickoff schedule`. To start again, add --force (the old plan is kept as kickoff.yaml.bak).',
  );
}

async function lockPlan(
  file: string,
  { files }: Resolved,
  change: { readonly command: string; readonly wait?: number | string },
): Promise<(() => Promise<void>) | undefined> {
  const waitMs = waitSeconds(change.wait) * 1000;
  return files.lock?.(file, { command: change.command, waitMs });
}

/** --wait: whole seconds, 0 to an hour. */
export function waitSeconds(value: number | string | undefined): number {
  if (value === undefined) return WAIT_SECONDS;
  const seconds = typeof value === 'number' ? value : Number(value.trim() || NaN);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 3600)
    throw new UsageError(
      `--wait: "${String(value)}" is not a number of seconds.`,
      'Give a whole number from 0 (do not wait) to 3600, like --wait 30.',
    );
  return seconds;
}

/** The replaced version into the history, then the plan itself. */
async function savePlan(
  file: string,
  { files, clock }: Resolved,
  change: {
    readonly before?: string;
    readonly after: string;
    readonly command: string;
    readonly summary: string;
    readonly undoes?: number;
  },
): Promise<void> {
  refuseUnreadable(file, change.after);
  if (change.before !== undefined)
    await files.history?.keep(file, {
      when: clock.now,
      command: change.command,
      summary: change.summary,
      text: change.before,
      after: digestOf(change.after),
      ...(change.undoes !== undefined ? { undoes: change.undoes } : {}),
    });
  await files.writeAtomic(file, change.after);
}

/**
 * Every plan kickoff writes can be read again: one larger than kickoff reads (MAX_TEXT_BYTES) is not
 * written. The team limit keeps answers and invitations far below it; what is left is text people
 * add without bound (a note of megabytes from an imported sheet, names of thousands of characters).
 */
function refuseUnreadable(file: string, text: string): void {
  if (Buffer.byteLength(text) <= MAX_TEXT_BYTES) return;
  throw new InputError(
    `${file} would be larger than ${MAX_TEXT_BYTES / 1024 / 1024} MB, the most kickoff reads, so it was not written: it is as it was.`,
    'A plan is about 50 KB. Look for very long text in what you gave kickoff (notes in a sheet, names, lists) and shorten it.',
  );
}

/**
 * The calendars, once the plan is written. If they cannot all be written (a full disk), the plan
 * stays as written: the next `kickoff calendar` writes them forward from its record.
 */
async function calendarsAfter(
  file: string,
  write: CalendarWrite,
  { clock, files }: Resolved,
  options: { readonly fresh?: boolean } = {},
): Promise<WrittenCalendar[]> {
  try {
    const { plan, publication, folder, feed, held } = write;
    if (held) return [...held];
    return await writeCalendarSet(plan, publication, folder, clock, files, feed, options);
  } catch (error) {
    if (!(error instanceof IoError)) throw error;
    throw new IoError(
      `${file} was saved, but its calendars could not all be written: ${error.message}`,
      `Fix that, then run kickoff calendar --plan ${file}: it writes the calendars from the plan, and calendar apps take the changes.`,
    );
  }
}

async function readTolerantly(
  file: string,
  { files }: Resolved,
  template: Template,
): Promise<{ readonly raw: string; readonly stored?: StoredPlan }> {
  const raw = await files.readText(file, 'the plan', undefined, { keepBom: true });
  try {
    // A plan too broken to read starts afresh (it is kept either way).
    return { raw, stored: parsePlan(splitFormat(raw).text, file, template) };
  } catch (error) {
    if (error instanceof KickoffError) return { raw };
    throw error;
  }
}

/**
 * Where the plan being replaced is kept: kickoff.yaml.bak, then .bak.1, .bak.2… after the newest
 * (an older backup is never overwritten). When the newest already holds the plan's very bytes
 * (init --force run again on the same answers) that one says so: no pile of identical copies.
 */
async function backupFor(
  planFile: string,
  raw: string,
  { files }: Resolved,
): Promise<{ readonly name: string; readonly holds: boolean }> {
  const nameOf = (n: number) => (n === 0 ? `${planFile}.bak` : `${planFile}.bak.${n}`);
  let newest = -1;
  if (files.list) {
    // One listing of the folder, not a look-up per number.
    const prefix = `${basename(planFile)}.bak`;
    for (const name of await files.list(dirname(planFile))) {
      const n =
        name === prefix
          ? 0
          : name.startsWith(`${prefix}.`)
            ? backupNumber(name.slice(prefix.length + 1))
            : -1;
      if (n > newest) newest = n;
    }
  } else while (await files.exists(nameOf(newest + 1))) newest += 1;
  if (newest >= 0 && (await files.holds?.(nameOf(newest), raw))) return { name: nameOf(newest), holds: true };
  return { name: nameOf(newest + 1), holds: false };
}

/** 7 for the `7` of kickoff.yaml.bak.7; -1 for anything else (kickoff.yaml.bak.old). */
function backupNumber(text: string): number {
  return /^[1-9]\d{0,8}$/.test(text) ? Number(text) : -1;
}

/**
 * The plan's text after `changes`, checked by reading it back. When nothing moved, was added or
 * removed, no date is pinned and the calendars' record (`published:`) is the same, it is the file
 * as read and checked: no edit and no read-back (the steady state of `calendar` and `schedule`).
 */
export function revisedPlanText(opened: OpenPlan, file: string, changes: PlanTextChanges): string {
  const { stored } = opened;
  // Compared field by field first, and written out only when that differs (rendering both records
  // was about 1 ms of every `kickoff calendar`).
  const same =
    (changes.before === changes.after || isEmpty(diffPlans(changes.before, changes.after))) &&
    (changes.pin ?? []).length === 0 &&
    stored.published !== undefined &&
    (samePublished(stored.published, changes.published) ||
      renderPublished(stored.published, false) === renderPublished(changes.published, false));
  if (same) return stored.text;
  const text = editPlanText(stored.text, changes);
  assertReadsBack(text, file, opened.template, changes.after, changes.published);
  return text;
}

/**
 * Reads the edited text back and compares it with the plan it should hold. A mismatch is kickoff's
 * bug, and the person's file must not be replaced by it.
 */
export function assertReadsBack(
  text: string,
  file: string,
  template: Template,
  expected: Plan,
  published: readonly PublishedEvent[],
): void {
  const back = parsePlan(text, file, template);
  const problems: string[] = [];
  if (back.plan.answers.goLive !== expected.answers.goLive) problems.push('go-live');
  const got = new Map(back.plan.items.map((i) => [i.id, i]));
  if (got.size !== expected.items.length) problems.push('the number of items');
  for (const item of expected.items) {
    const found = got.get(item.id);
    if (!found || !sameDates(datesOf(found), datesOf(item))) problems.push(`item ${item.id}`);
  }
  if (canonical(back.published ?? []) !== canonical(published)) problems.push('published:');
  if (problems.length > 0) {
    throw new Error(
      `the edited plan would not read back as planned (${problems.join(', ')}); ${file} was not changed`,
    );
  }
}

/** JSON with object keys sorted, so key order does not count as a difference. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => byText(a, b)))
      : v,
  );
}
