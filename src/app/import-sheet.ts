/**
 * importActionList: what `kickoff import` does. Statuses and notes from a shared action list (CSV
 * or Excel, as `export` wrote it and people filled it in) back into kickoff.yaml by item id, in
 * place. Every row is checked first; a row that cannot be applied stops the whole import with its
 * row number, and nothing is written. Dates are not taken from the sheet: they change through
 * `kickoff schedule`. The calendars are then regenerated as `kickoff calendar` does (an item
 * marked not-needed is cancelled), in the same change of the plan.
 */
import { extname } from 'node:path';
import { formatLong, parseCalendarDate, parseLongDate } from '../domain/calendar.js';
import { toKebabId } from '../domain/ids.js';
import { STATUSES, type CalendarDate, type Plan, type PlanItem, type Status } from '../domain/types.js';
import { InputError, UsageError } from '../errors.js';
import { readBytes } from '../adapters/files.js';
import { editItemFields, editPlanText, type ItemFieldEdit } from '../adapters/plan-file/edit.js';
import { readItemNotes } from '../adapters/plan-file/notes.js';
import { ACTION_LIST } from '../adapters/spreadsheet/sheet-kinds.js';
import { readDelimited, type TextTable } from '../adapters/spreadsheet/table-file.js';
import { unneutralise, unneutraliseCsv } from '../render/csv.js';
import {
  decodeRecord,
  mergeValue,
  RECORD_COLUMN,
  sameNotes,
  sameStatus,
  type Merged,
} from '../domain/sheet-record.js';
import { lastDayOf } from '../render/pack.js';
import { changePlan } from './edit-plan.js';
import { reopen } from './open-plan.js';
import { calendarStep, withWritten, type Published, type PublishedCalendars } from './publish-calendars.js';
import { resolve, resolvePlanFile, type UseCaseOptions } from './workspace.js';

export interface ImportOptions extends UseCaseOptions {
  /** Check and report; write nothing. */
  readonly dryRun?: boolean;
  /** Who wins where the sheet and the plan both changed a value since the sheet was made. */
  readonly take?: string;
}

export interface ImportedSheet {
  readonly planFile: string;
  /** What the sheet changes (or, with problems, would have). */
  readonly changes: readonly ItemFieldEdit[];
  /** Rows that cannot be applied: when there are any, nothing is written. */
  readonly problems: readonly string[];
  /** Values changed both in the sheet and in the plan since: when there are any, nothing is written. */
  readonly conflicts: readonly SheetConflict[];
  /** How the sheet was read, where that matters (no record of the plan as exported, say). */
  readonly warnings: readonly string[];
  /** One line per changed item, for people. */
  readonly report: readonly string[];
  readonly planChanged: boolean;
  readonly dryRun: boolean;
  /** The calendars, as `kickoff calendar` reports them, when the plan changed. */
  readonly calendars?: PublishedCalendars;
}

const STATUS_LIST = STATUSES.join(', ');

function takeOf(text: string | undefined): Take | undefined {
  if (text === undefined) return undefined;
  if (text === 'sheet' || text === 'plan') return text;
  throw new UsageError(`--take: "${text}" is not sheet or plan.`);
}

export async function importActionList(
  sheetFile: string,
  planFile: string,
  options: ImportOptions = {},
): Promise<ImportedSheet> {
  const take = takeOf(options.take);
  const context = await resolve(options); // a bad --today stops the import before anything is read
  const { records: rows, note } = await readSheet(sheetFile);
  const file = await resolvePlanFile(planFile, context.files);
  const dryRun = Boolean(options.dryRun);
  type Outcome = Omit<ImportedSheet, 'planChanged' | 'dryRun' | 'calendars'> & { calendars?: Published };
  const changed = await changePlan<Outcome>(file, context, {
    command: 'import',
    dryRun,
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
    apply: (opened) => {
      const items = new Map(opened.plan.items.map((i) => [i.id, i]));
      const compared = compare(rows, opened.plan, items, readItemNotes(opened.stored.text), take);
      const base = { planFile: file, ...compared, warnings: [...(note ? [note] : []), ...compared.warnings] };
      const blocked = compared.problems.length > 0 || compared.conflicts.length > 0;
      if (blocked || compared.changes.length + compared.added.length === 0)
        return { text: opened.stored.text, summary: '', result: base };
      const fields = reopen(opened, file, editItemFields(opened.stored.text, compared.changes));
      const withAdded =
        compared.added.length === 0
          ? fields
          : reopen(
              opened,
              file,
              editPlanText(fields.stored.text, {
                before: fields.plan,
                after: { ...fields.plan, items: [...fields.plan.items, ...compared.added] },
                published: fields.stored.published ?? [],
              }),
            );
      const edited = withAdded;
      assertApplied(edited.plan.items, readItemNotes(edited.stored.text), compared.changes, file);
      const step = calendarStep(edited, context);
      return {
        ...step,
        summary: `${compared.changes.length} item(s) updated${compared.added.length ? `, ${compared.added.length} added` : ''} from ${sheetFile}`,
        result: { ...base, calendars: step.result },
      };
    },
  });
  const { calendars, ...imported } = changed.result;
  return {
    ...imported,
    planChanged: changed.planChanged,
    dryRun,
    ...(calendars && !dryRun ? { calendars: withWritten(calendars, changed) } : {}),
  };
}

async function readSheet(file: string): Promise<TextTable> {
  const ext = extname(file).toLowerCase();
  // .txt and .tsv: what Excel saves as "Unicode Text" (tab-separated UTF-16).
  if (['.csv', '.txt', '.tsv'].includes(ext)) {
    // The header first: a file that is not an action list is refused before its rows are read.
    const table = await readDelimited(file, ACTION_LIST, (header) => columnsOf(header.map(unneutraliseCsv)));
    return { ...table, records: table.records.map((row) => row.map(unneutraliseCsv)) };
  }
  if (ext === '.xlsx') {
    const { readWorkbook } = await import('../adapters/spreadsheet/workbook.js');
    const records = await readWorkbook(await readBytes(file, ACTION_LIST.what), file, ACTION_LIST);
    return { records: records.map((row) => row.map(unneutralise)) };
  }
  throw new UsageError(
    `${file}: kickoff imports .csv and .xlsx action lists (and .txt, Excel's "Unicode Text").`,
    'Save the sheet as CSV or as an Excel workbook (.xlsx) and import that.',
  );
}

interface Comparison {
  /** Rows the practice added (a title, no Id): their own items, to add to the plan. */
  readonly added: PlanItem[];
  readonly changes: ItemFieldEdit[];
  readonly problems: string[];
  readonly report: string[];
  readonly conflicts: SheetConflict[];
  readonly warnings: string[];
}

/** A value changed both in the sheet and in the plan since the sheet was made, to different values. */
export interface SheetConflict {
  readonly row: number;
  readonly id: string;
  readonly title: string;
  readonly field: 'status' | 'notes';
  /** What the plan said when the sheet was made. */
  readonly base: string;
  readonly sheet: string;
  readonly plan: string;
}

/** A cell as the person meant it: the apostrophe export put before a formula taken off is done in readSheet. */
function clean(cell: string | undefined): string {
  return (cell ?? '').replace(/\r\n?/g, '\n').trim();
}

/** Where the columns import reads are (-1: not there); a header without Id and Status is refused. */
function columnsOf(cells: readonly string[]) {
  // A byte-order mark a spreadsheet kept in the first cell (as itself, or read as Latin-1) is not a name.
  const header = cells.map((h) =>
    clean(h)
      .replace(/^(\ufeff|ï»¿)/, '')
      .toLowerCase(),
  );
  const column = (name: string) => header.indexOf(name);
  const [id, status, notes, start, end, record, action] = [
    'id',
    'status',
    'notes',
    'start',
    'end',
    RECORD_COLUMN,
    'action',
  ].map(column) as [number, number, number, number, number, number, number];
  if (id < 0 || status < 0)
    throw new InputError(
      `Row 1 should be the header kickoff export writes, with at least an Id and a Status column (found: ${header.filter(Boolean).join(', ') || 'nothing'}).`,
      'Export the action list again with kickoff export --format csv (or xlsx), and keep its first row.',
    );
  return { header, id, status, notes, start, end, record, action };
}

/**
 * Each row against the plan: what to change, what cannot be applied (with the sheet's row number),
 * and, where the row carries kickoff's record of the plan when the sheet was made, a three-way
 * merge: only what the person changed in the sheet is applied, and what changed in both is a
 * conflict (resolved by `take`, else nothing is written).
 */
function compare(
  rows: readonly string[][],
  plan: Plan,
  items: ReadonlyMap<string, PlanItem>,
  notesBefore: ReadonlyMap<string, string>,
  take: Take | undefined,
): Comparison {
  const { header, id, status, notes, start, end, record, action } = columnsOf(rows[0] ?? []);
  const out: Comparison = { added: [], changes: [], problems: [], report: [], conflicts: [], warnings: [] };
  if (record < 0)
    out.warnings.push(
      `This sheet has no "${RECORD_COLUMN}" column (it was made by an older kickoff, or typed by hand), so kickoff cannot tell what was changed in it: every status and note in it is taken as it is, and would undo a change made in the plan since. Export a new sheet to avoid that.`,
    );
  const fellBack: number[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, index) => {
    const row = index + 1;
    if (row === 1 || cells.every((c) => clean(c) === '')) return;
    const key = clean(cells[id]);
    const item = items.get(key);
    if (!key && action >= 0 && clean(cells[action])) {
      const added = newItem(cells, row, header, plan, [...items.keys(), ...out.added.map((i) => i.id)]);
      if (typeof added === 'string') out.problems.push(added);
      else {
        out.added.push(added);
        out.report.push(`${added.title} (${added.id}, row ${row}): added, ${formatLong(added.start)}`);
      }
      return;
    }
    if (!item) {
      out.problems.push(
        key
          ? `Row ${row}: there is no item "${key}" in the plan. Ids are kickoff's: leave the Id column as exported.`
          : `Row ${row}: the Id is empty. Ids are kickoff's: leave the Id column as exported.`,
      );
      return;
    }
    if (seen.has(key)) {
      out.problems.push(`Row ${row}: "${key}" is also on row ${seen.get(key)}; keep one row per item.`);
      return;
    }
    seen.set(key, row);
    const given = rowValues(cells, row, item, { status, notes, start, end });
    if (typeof given === 'string' || Array.isArray(given)) {
      out.problems.push(...(Array.isArray(given) ? given : [given]));
      return;
    }
    const planNotes = (notesBefore.get(key) ?? '').trim();
    const planStatus = item.status ?? '';
    const sheetNotes = notes < 0 ? planNotes : given.notes;
    const base = record < 0 ? 'missing' : decodeRecord(key, cells[record] ?? '');
    if (record >= 0 && typeof base === 'string') fellBack.push(row);
    // Without a record, the sheet is taken as it is (as older kickoffs did): the base is the plan.
    const was = typeof base === 'string' ? { status: planStatus, notes: planNotes } : base;
    const statusMerge =
      typeof base === 'string' && given.status !== planStatus
        ? ({ take: 'sheet', value: given.status } as const)
        : mergeValue(was.status, given.status, planStatus, sameStatus);
    const notesMerge =
      typeof base === 'string' && !sameNotes(sheetNotes, planNotes)
        ? ({ take: 'sheet', value: sheetNotes } as const)
        : mergeValue(was.notes, sheetNotes, planNotes, sameNotes);
    const newStatus = resolved(statusMerge, 'status', take, (c) =>
      out.conflicts.push({ row, id: key, title: item.title, field: 'status', ...c }),
    );
    const newNotes = resolved(notesMerge, 'notes', take, (c) =>
      out.conflicts.push({ row, id: key, title: item.title, field: 'notes', ...c }),
    );
    if (newStatus === undefined && newNotes === undefined) return;
    out.changes.push({
      id: key,
      ...(newStatus !== undefined ? { status: newStatus as Status } : {}),
      ...(newNotes !== undefined ? { notes: newNotes } : {}),
    });
    const said: string[] = [];
    if (newStatus !== undefined) said.push(`status ${planStatus} → ${newStatus}`);
    if (newNotes !== undefined)
      said.push(planNotes === '' ? 'notes added' : newNotes === '' ? 'notes removed' : 'notes changed');
    out.report.push(`${item.title} (${key}, row ${row}): ${said.join('; ')}`);
  });
  if (fellBack.length > 0)
    out.warnings.push(
      `Row(s) ${fellBack.join(', ')}: the "${RECORD_COLUMN}" cell was cleared or changed, so kickoff cannot tell what was changed in those rows: their statuses and notes are taken as they are in the sheet.`,
    );
  return out;
}

/**
 * A row the practice added to the sheet (a title and no Id) as one of their own items: an id made
 * from the title, the phase from its Phase cell, its owners from the Owner roles or Owner names
 * cells, its dates from Start and End. Without a start date it cannot go into the plan (every item
 * in the plan has a date): the row says so.
 */
function newItem(
  cells: readonly string[],
  row: number,
  header: readonly string[],
  plan: Plan,
  taken: readonly string[],
): PlanItem | string {
  const cell = (name: string) => clean(cells[header.indexOf(name)]);
  const title = cell('action').replace(/\s+/g, ' ');
  const phaseCell = cell('phase').toLowerCase();
  const phase = plan.phases.find((p) => p.title.toLowerCase() === phaseCell || p.id === phaseCell);
  if (!phase)
    return `Row ${row}: "${title}" was added in the sheet, but its Phase "${cell('phase')}" is not one of the plan's (${plan.phases.map((p) => p.title).join('; ')}). Copy one from another row.`;
  const start = sheetDate(cell('start'));
  if (!start)
    return `Row ${row}: "${title}" was added in the sheet without a Start date (or with one kickoff cannot read: "${cell('start')}"). Give it a date, like 2027-03-15, and import again.`;
  const end = sheetDate(cell('end')) ?? start;
  if (end < start) return `Row ${row}: "${title}" ends before it starts; swap Start and End.`;
  const roleNames = cell('owner roles')
    .toLowerCase()
    .split(/\s*[;,]\s*/)
    .filter(Boolean);
  const people = cell('owner names')
    .toLowerCase()
    .split(/\s*[;,]\s*/)
    .filter(Boolean);
  const roles = plan.roles
    .filter((r) => roleNames.includes(r.title.toLowerCase()) || roleNames.includes(r.id))
    .map((r) => r.id);
  // The people named are the item's owners (by e-mail, or name when they have none), as `owners:`
  // says in a plan: only they, not everyone who holds their role; invitations reach them by name.
  const named = plan.answers.team.filter(
    (p) => people.includes(p.name.toLowerCase()) || people.includes(p.email.toLowerCase()),
  );
  const owners = [...new Set(named.map((p) => (p.email !== '' ? p.email : p.name)))];
  const base = toKebabId(title) || 'practice-item';
  let itemId = base;
  for (let n = 2; taken.includes(itemId); n += 1) itemId = `${base}-${n}`;
  const status = cell('status').toLowerCase();
  return {
    id: itemId,
    title,
    phase: phase.id,
    type: 'task',
    start,
    end,
    roles,
    ...(owners.length > 0 ? { owners } : {}),
    origin: 'computed',
    status: STATUSES.includes(status as Status) ? (status as Status) : 'todo',
    source: '',
  };
}

/** A date as a sheet gives it: 2027-03-15, 15/03/2027, or 'Mon 15 Mar 2027' as a workbook shows. */
function sheetDate(text: string): CalendarDate | undefined {
  if (!text) return undefined;
  const parsed = parseCalendarDate(text);
  return parsed.ok ? parsed.date : parseLongDate(text);
}

/** --take: who wins a conflict, the sheet or the plan. */
export type Take = 'sheet' | 'plan';

/** The merged value to write, if any; a conflict is kept (and nothing applied) unless `take` says. */
function resolved(
  merged: Merged<string>,
  _field: string,
  take: Take | undefined,
  conflict: (c: { base: string; sheet: string; plan: string }) => void,
): string | undefined {
  if ('conflict' in merged) {
    if (take === 'sheet') return merged.sheet;
    if (take === 'plan') return undefined;
    conflict({ base: merged.base, sheet: merged.sheet, plan: merged.plan });
    return undefined;
  }
  return merged.take === 'sheet' ? merged.value : undefined;
}

/** A row's status and notes as the sheet gives them, or why the row cannot be applied. */
function rowValues(
  cells: readonly string[],
  row: number,
  item: PlanItem,
  at: { status: number; notes: number; start: number; end: number },
): { status: string; notes: string } | string[] {
  const problems: string[] = [];
  for (const [col, name, value, alsoRead] of [
    [at.start, 'start', item.start, item.start],
    // A weekly series' row ends on its last meeting, as export writes it (on its first before).
    [at.end, 'end', lastDayOf(item), item.end],
  ] as const) {
    const given = clean(cells[col]);
    if (col < 0 || given === '') continue;
    // ISO or 15/03/2027 as typed; 'Mon 15 Mar 2027' as a workbook saved as CSV shows kickoff's dates.
    const parsed = parseCalendarDate(given);
    const date = parsed.ok ? parsed.date : parseLongDate(given);
    if (date === undefined || (date !== value && date !== alsoRead))
      problems.push(
        `Row ${row}: the ${name} date of "${item.title}" was changed in the sheet (${formatLong(value)} in the plan, ${given} in the sheet). Dates change through kickoff schedule: edit the date in kickoff.yaml, add pinned: true, then run kickoff schedule.`,
      );
  }
  const givenStatus = clean(cells[at.status]).toLowerCase();
  if (item.status === undefined) {
    if (givenStatus !== '')
      problems.push(
        `Row ${row}: "${item.title}" records a fact and has no status; leave its Status cell empty.`,
      );
  } else if (!STATUSES.includes(givenStatus as Status)) {
    problems.push(
      givenStatus === ''
        ? `Row ${row}: the Status of "${item.title}" is empty; use one of ${STATUS_LIST}.`
        : `Row ${row}: "${givenStatus}" is not a status kickoff knows; use one of ${STATUS_LIST}.`,
    );
  }
  if (problems.length > 0) return problems;
  return { status: givenStatus, notes: at.notes < 0 ? '' : clean(cells[at.notes]) };
}

/** The edited text must say what the sheet said, or the person's file is not replaced. */
function assertApplied(
  items: readonly PlanItem[],
  notes: ReadonlyMap<string, string>,
  changes: readonly ItemFieldEdit[],
  file: string,
): void {
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const change of changes) {
    const item = byId.get(change.id);
    const ok =
      item !== undefined &&
      (change.status === undefined || item.status === change.status) &&
      (change.notes === undefined || (notes.get(change.id) ?? '') === change.notes);
    if (!ok)
      throw new Error(
        `the imported change to ${change.id} would not read back as intended; ${file} was not changed`,
      );
  }
}
