/**
 * importActionList: what `kickoff import` does. Statuses and notes from a shared action list (CSV
 * or Excel, as `export` wrote it and people filled it in) back into kickoff.yaml by item id, in
 * place. Every row is checked first; a row that cannot be applied stops the whole import with its
 * row number, and nothing is written. Dates are not taken from the sheet: they change through
 * `kickoff schedule`. The calendars are then regenerated as `kickoff calendar` does (an item
 * marked not-needed is cancelled), in the same change of the plan.
 */
import { extname } from 'node:path';
import { formatLong, parseCalendarDate } from '../domain/calendar.js';
import { STATUSES, type PlanItem, type Status } from '../domain/types.js';
import { InputError, UsageError } from '../errors.js';
import { readBytes } from '../adapters/files.js';
import { editItemFields, type ItemFieldEdit } from '../adapters/plan-file/edit.js';
import { readItemNotes } from '../adapters/plan-file/notes.js';
import { ACTION_LIST } from '../adapters/spreadsheet/sheet-kinds.js';
import { readDelimited, type TextTable } from '../adapters/spreadsheet/table-file.js';
import { unneutralise, unneutraliseCsv } from '../render/csv.js';
import { changePlan } from './edit-plan.js';
import { reopen } from './open-plan.js';
import { calendarStep, type Published, type PublishedCalendars } from './publish-calendars.js';
import { resolve, resolvePlanFile, type UseCaseOptions } from './workspace.js';

export interface ImportOptions extends UseCaseOptions {
  /** Check and report; write nothing. */
  readonly dryRun?: boolean;
}

export interface ImportedSheet {
  readonly planFile: string;
  /** What the sheet changes (or, with problems, would have). */
  readonly changes: readonly ItemFieldEdit[];
  /** Rows that cannot be applied: when there are any, nothing is written. */
  readonly problems: readonly string[];
  /** One line per changed item, for people. */
  readonly report: readonly string[];
  /** Something about the file itself worth saying (how it was read). */
  readonly note?: string;
  readonly planChanged: boolean;
  readonly dryRun: boolean;
  /** The calendars, as `kickoff calendar` reports them, when the plan changed. */
  readonly calendars?: PublishedCalendars;
}

const STATUS_LIST = STATUSES.join(', ');

export async function importActionList(
  sheetFile: string,
  planFile: string,
  options: ImportOptions = {},
): Promise<ImportedSheet> {
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
      const compared = compare(rows, items, readItemNotes(opened.stored.text));
      const base = { planFile: file, ...compared, ...(note ? { note } : {}) };
      if (compared.problems.length > 0 || compared.changes.length === 0)
        return { text: opened.stored.text, summary: '', result: base };
      const edited = reopen(opened, file, editItemFields(opened.stored.text, compared.changes));
      assertApplied(edited.plan.items, readItemNotes(edited.stored.text), compared.changes, file);
      const step = calendarStep(edited, context);
      return {
        ...step,
        summary: `${compared.changes.length} item(s) updated from ${sheetFile}`,
        result: { ...base, calendars: step.result },
      };
    },
  });
  const { calendars, ...imported } = changed.result;
  return {
    ...imported,
    planChanged: changed.planChanged,
    dryRun,
    ...(calendars && !dryRun
      ? {
          calendars: {
            ...calendars,
            written: changed.calendars.map((c) => c.path),
            calendars: changed.calendars,
            planChanged: changed.planChanged,
          },
        }
      : {}),
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
  readonly changes: ItemFieldEdit[];
  readonly problems: string[];
  readonly report: string[];
}

/** A cell as the person meant it: the apostrophe export put before a formula taken off is done in readSheet. */
function clean(cell: string | undefined): string {
  return (cell ?? '').replace(/\r\n?/g, '\n').trim();
}

/** Where the columns import reads are (-1: not there); a header without Id and Status is refused. */
function columnsOf(cells: readonly string[]) {
  const header = cells.map((h) => clean(h).toLowerCase());
  const column = (name: string) => header.indexOf(name);
  const [id, status, notes, start, end] = ['id', 'status', 'notes', 'start', 'end'].map(column) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (id < 0 || status < 0)
    throw new InputError(
      `Row 1 should be the header kickoff export writes, with at least an Id and a Status column (found: ${header.filter(Boolean).join(', ') || 'nothing'}).`,
      'Export the action list again with kickoff export --format csv (or xlsx), and keep its first row.',
    );
  return { id, status, notes, start, end };
}

/** Each row against the plan: what to change, what cannot be applied (with the sheet's row number). */
function compare(
  rows: readonly string[][],
  items: ReadonlyMap<string, PlanItem>,
  notesBefore: ReadonlyMap<string, string>,
): Comparison {
  const { id, status, notes, start, end } = columnsOf(rows[0] ?? []);
  const changes: ItemFieldEdit[] = [];
  const problems: string[] = [];
  const report: string[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, index) => {
    const row = index + 1;
    if (row === 1 || cells.every((c) => clean(c) === '')) return;
    const key = clean(cells[id]);
    const item = items.get(key);
    if (!item) {
      problems.push(
        key
          ? `Row ${row}: there is no item "${key}" in the plan. Ids are kickoff's: leave the Id column as exported.`
          : `Row ${row}: the Id is empty. Ids are kickoff's: leave the Id column as exported.`,
      );
      return;
    }
    if (seen.has(key)) {
      problems.push(`Row ${row}: "${key}" is also on row ${seen.get(key)}; keep one row per item.`);
      return;
    }
    seen.set(key, row);
    const rowProblems: string[] = [];
    for (const [col, name, value] of [
      [start, 'start', item.start],
      [end, 'end', item.end],
    ] as const) {
      const given = clean(cells[col]);
      if (col < 0 || given === '') continue;
      const parsed = parseCalendarDate(given);
      if (!parsed.ok || parsed.date !== value)
        rowProblems.push(
          `Row ${row}: the ${name} date of "${item.title}" was changed in the sheet (${formatLong(value)} in the plan, ${given} in the sheet). Dates change through kickoff schedule: edit the date in kickoff.yaml, add pinned: true, then run kickoff schedule.`,
        );
    }
    const givenStatus = clean(cells[status]).toLowerCase();
    let newStatus: Status | undefined;
    if (item.status === undefined) {
      if (givenStatus !== '')
        rowProblems.push(
          `Row ${row}: "${item.title}" records a fact and has no status; leave its Status cell empty.`,
        );
    } else if (!STATUSES.includes(givenStatus as Status)) {
      rowProblems.push(
        givenStatus === ''
          ? `Row ${row}: the Status of "${item.title}" is empty; use one of ${STATUS_LIST}.`
          : `Row ${row}: "${givenStatus}" is not a status kickoff knows; use one of ${STATUS_LIST}.`,
      );
    } else if (givenStatus !== item.status) newStatus = givenStatus as Status;
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      return;
    }
    const before = (notesBefore.get(key) ?? '').trim();
    const after = notes < 0 ? before : clean(cells[notes]);
    const newNotes = after !== before ? after : undefined;
    if (newStatus === undefined && newNotes === undefined) return;
    changes.push({
      id: key,
      ...(newStatus ? { status: newStatus } : {}),
      ...(newNotes !== undefined ? { notes: newNotes } : {}),
    });
    const said: string[] = [];
    if (newStatus) said.push(`status ${item.status} → ${newStatus}`);
    if (newNotes !== undefined)
      said.push(before === '' ? 'notes added' : after === '' ? 'notes removed' : 'notes changed');
    report.push(`${item.title} (${key}, row ${row}): ${said.join('; ')}`);
  });
  return { changes, problems, report };
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
