/**
 * The plan's history, for people: what kickoff changed and when (`kickoff history`), a change
 * taken back (`kickoff undo`), and what changed since a day (`kickoff changes`). The history itself
 * is kept by the one edit path (edit-plan.ts): every command that writes a plan keeps the version
 * it replaced.
 */
import { addDays, formatLong, parseCalendarDate, WorkingCalendar } from '../domain/calendar.js';
import { londonDate } from '../domain/london-time.js';
import { changesBetween, type PlanChanges } from '../domain/changes.js';
import type { CalendarDate } from '../domain/types.js';
import { UsageError } from '../errors.js';
import { publishPlan } from '../adapters/calendar/calendar-set.js';
import { inFormat, splitFormat } from '../adapters/files.js';
import { editInvited, editPlanText } from '../adapters/plan-file/edit.js';
import { digestOf, type HistoryEntry } from '../adapters/plan-file/history.js';
import { readItemNotes } from '../adapters/plan-file/notes.js';
import { calendarFolder } from './calendar-files.js';
import { assertReadsBack, changePlan } from './edit-plan.js';
import { lastPublished, openPlan, reopen, type OpenPlan } from './open-plan.js';
import { resolve, resolvePlanFile, type Resolved, type UseCaseOptions } from './workspace.js';

export type { HistoryEntry } from '../adapters/plan-file/history.js';

export interface PlanHistoryView {
  readonly planFile: string;
  /** Newest first. */
  readonly entries: readonly HistoryEntry[];
  /** The plan was edited (by hand, or another program) since kickoff last wrote it. */
  readonly editedSince: boolean;
  /** The change `kickoff undo` would take back now. */
  readonly undoable?: HistoryEntry;
}

export async function planHistory(planFile: string, options: UseCaseOptions = {}): Promise<PlanHistoryView> {
  const context = await resolve(options);
  const file = await resolvePlanFile(planFile, context.files);
  const opened = await openPlan(file, context.workspace, context.files);
  const entries = await readEntries(file, context, opened);
  const current = inFormat(opened.stored.text, opened.format);
  const undoable = undoableEntry(entries, current);
  return {
    planFile: file,
    entries: [...entries].reverse(),
    editedSince: editedSince(entries, current),
    ...(undoable ? { undoable } : {}),
  };
}

async function readEntries(file: string, { files }: Resolved, opened: OpenPlan): Promise<HistoryEntry[]> {
  const entries = (await files.history?.read(file)) ?? [];
  // An entry whose text is still the plan's was left by a run stopped before it wrote the plan.
  const current = inFormat(opened.stored.text, opened.format);
  return entries.at(-1)?.text === current ? entries.slice(0, -1) : entries;
}

/**
 * The newest change not undone yet: undo goes back one change at a time, never forward. A change
 * that only brought the calendars' record up to date (kickoff calendar after a title was edited)
 * changed nothing a person sees: undo passes over it to the change before.
 */
function undoableEntry(entries: readonly HistoryEntry[], current: string): HistoryEntry | undefined {
  const undone = new Set(entries.flatMap((e) => (e.undoes !== undefined ? [e.undoes] : [])));
  // What each change wrote: the text the next change replaced, or the plan as it is now.
  const wrote = (i: number) => entries[i + 1]?.text ?? current;
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const entry = entries[i]!;
    if (entry.undoes !== undefined || undone.has(entry.number) || entry.text === current) continue;
    if (withoutRecord(entry.text) === withoutRecord(wrote(i))) continue;
    return entry;
  }
  return undefined;
}

/** A plan's text but for its calendars' record (`published:`, always the last sections). */
function withoutRecord(raw: string): string {
  const text = splitFormat(raw).text;
  const at = text.search(/^published:/m);
  return at < 0 ? text : text.slice(0, at);
}

function editedSince(entries: readonly HistoryEntry[], current: string): boolean {
  const last = entries.at(-1);
  return last?.after !== undefined && last.after !== digestOf(current);
}

export interface UndoOptions extends UseCaseOptions {
  /** Undo even though the plan was edited by hand since kickoff last changed it. */
  readonly force?: boolean;
  /** Where the calendars go; default calendars/ beside the plan. */
  readonly out?: string;
}

export interface UndoneChange {
  readonly planFile: string;
  /** The change taken back. */
  readonly undone: HistoryEntry;
  readonly planChanged: boolean;
  /** Calendar events that change back (each with a higher SEQUENCE). */
  readonly revised: number;
  readonly calendars: readonly string[];
}

/**
 * Puts back the version before the newest change not undone yet. The calendars move on from where
 * they are (every event that changes back gets a higher SEQUENCE), so calendar apps see the undo
 * as an update; what invitations people were sent is kept as it is now.
 */
export async function undoChange(planFile: string, options: UndoOptions = {}): Promise<UndoneChange> {
  const context = await resolve(options);
  const file = await resolvePlanFile(planFile, context.files);
  const changed = await changePlan(file, context, {
    command: 'undo',
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
    apply: async (opened) => {
      const entries = await readEntries(file, context, opened);
      const current = inFormat(opened.stored.text, opened.format);
      const target = undoableEntry(entries, current);
      if (!target)
        throw new UsageError(
          `Nothing to undo: kickoff has kept no change of ${file} that is not undone already.`,
          'kickoff history lists the changes kickoff made to the plan.',
        );
      if (editedSince(entries, current) && !options.force)
        throw new UsageError(
          `${file} was edited by hand (or by another program) after kickoff last changed it; undo would take those edits back too.`,
          `Run kickoff undo --force to undo anyway (the edited plan is kept in the history, so kickoff undo can bring it back), or keep your edits and leave it.`,
        );
      const restored = reopen(opened, file, splitFormat(target.text).text);
      const publication = publishPlan(restored.plan, lastPublished(opened.stored), context.clock.today);
      const recorded = editPlanText(restored.stored.text, {
        before: restored.plan,
        after: restored.plan,
        published: publication.events,
      });
      const text = opened.stored.invited.size > 0 ? editInvited(recorded, opened.stored.invited) : recorded;
      assertReadsBack(text, file, opened.template, restored.plan, publication.events);
      return {
        text,
        checked: true,
        summary: `undid change ${target.number} (${target.command}: ${target.summary})`,
        undoes: target.number,
        calendars: { plan: restored.plan, publication, folder: calendarFolder(file, options.out) },
        result: { undone: target, revised: publication.revised.length },
      };
    },
  });
  return {
    planFile: file,
    ...changed.result,
    planChanged: changed.planChanged,
    calendars: changed.calendars.map((c) => c.path),
  };
}

export interface ChangesOptions extends UseCaseOptions {
  /** A date (2027-03-15 or 15/03/2027) or "last-week". */
  readonly since: string;
}

export interface ChangesSince {
  readonly planFile: string;
  readonly since: CalendarDate;
  readonly today: CalendarDate;
  /** The changes kickoff made since, oldest first. */
  readonly entries: readonly HistoryEntry[];
  readonly changes: PlanChanges;
  readonly practice: { readonly name: string; readonly ods: string };
}

/** What changed in the plan since a day: the plan then (from the history) against the plan now. */
export async function changesSince(planFile: string, options: ChangesOptions): Promise<ChangesSince> {
  const context = await resolve(options);
  const today = context.clock.today;
  const since = sinceDate(options.since, today);
  const file = await resolvePlanFile(planFile, context.files);
  const opened = await openPlan(file, context.workspace, context.files);
  const entries = (await readEntries(file, context, opened)).filter((e) => londonDay(e.when) >= since);
  const first = entries[0];
  const then = first ? reopen(opened, file, splitFormat(first.text).text) : opened;
  const calendar = new WorkingCalendar(opened.holidays, opened.plan.answers.nation);
  const changes = changesBetween(
    { plan: then.plan, notes: readItemNotes(then.stored.text), day: since },
    { plan: opened.plan, notes: readItemNotes(opened.stored.text), day: today },
    calendar,
  );
  return { planFile: file, since, today, entries, changes, practice: opened.plan.answers.practice };
}

function sinceDate(text: string, today: CalendarDate): CalendarDate {
  if (text.trim().toLowerCase() === 'last-week') return addDays(today, -7);
  const parsed = parseCalendarDate(text);
  if (!parsed.ok) throw new UsageError(`--since: ${parsed.message}`, 'Or give --since last-week.');
  if (parsed.date > today)
    throw new UsageError(`--since: ${formatLong(parsed.date)} is after today (${formatLong(today)}).`);
  return parsed.date;
}

/** The day an instant falls on in England. */
function londonDay(instant: string): CalendarDate {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant.slice(0, 10) as CalendarDate;
  return londonDate(date);
}
