/**
 * kickoff import: statuses and notes from a shared action list (CSV or Excel, as `export` wrote it
 * and people filled it in) back into kickoff.yaml by item id, in place. Every row is checked first;
 * one that cannot be applied stops the whole import with its row number, and nothing is written.
 * Dates are not taken from the sheet: they change through `kickoff schedule`. After an import the
 * calendars are regenerated as `kickoff calendar` does, so an item marked not-needed is cancelled.
 */
import { extname } from 'node:path';
import { formatLong, parseCalendarDate } from '../domain/calendar.js';
import { STATUSES, type PlanItem, type Status } from '../domain/types.js';
import { ExitCode, InputError, UsageError } from '../errors.js';
import { readClock } from '../adapters/clock.js';
import { readBytes } from '../adapters/files.js';
import { editItemFields, type ItemFieldEdit } from '../adapters/plan-file/edit.js';
import { readItemNotes } from '../adapters/plan-file/notes.js';
import { parsePlan } from '../adapters/plan-file/read.js';
import { MAX_SHEET_ROWS, tooManyRows } from '../adapters/spreadsheet/workbook.js';
import { muted, sayDiagnostics, type Terminal } from '../adapters/terminal/terminal.js';
import { readDelimited, type TextTable } from '../adapters/spreadsheet/table-file.js';
import { unneutralise } from '../render/csv.js';
import { lastDayOf } from '../render/pack.js';
import { publishCalendars } from '../app/publish-calendars.js';
import { openPlanFile } from '../app/read-plan.js';
import { thenFromFile } from './item-ids.js';

export interface ImportOptions {
  readonly file: string;
  readonly plan: string;
  readonly dryRun?: boolean;
  readonly template?: string;
  readonly today?: string;
  readonly quiet?: boolean;
  /** What changed (or would), as data on standard output. */
  readonly json?: boolean;
}

const STATUS_LIST = STATUSES.join(', ');

export async function importSheet(options: ImportOptions, terminal: Terminal): Promise<ExitCode> {
  // Rows that cannot be applied are always said; the report only without --quiet or --json.
  const out = muted(terminal, Boolean(options.quiet || options.json));
  readClock(options.today); // a bad --today stops the import before anything is read
  const { records: rows, note } = await readSheet(options.file);
  if (note) out.say(note);
  if (rows.length > MAX_SHEET_ROWS) throw tooManyRows(options.file, rows.length);
  const opened = await openPlanFile(options.plan, options.template);
  const items = new Map(opened.plan.items.map((i) => [i.id, i]));
  const notesBefore = readItemNotes(opened.stored.text);
  const { changes, problems, report } = compare(rows, items, notesBefore);

  if (problems.length > 0) {
    for (const problem of problems) terminal.say(`  ${problem}`);
    throw new InputError(
      `${problems.length} row(s) of ${options.file} cannot be applied (listed above); nothing was changed.`,
      'Fix those rows in the sheet (or export it again with kickoff export) and import it again.',
    );
  }
  const json = (planChanged: boolean) => {
    if (options.json)
      terminal.data(
        JSON.stringify(
          { plan: options.plan, changes, planChanged, dryRun: Boolean(options.dryRun) },
          null,
          2,
        ),
      );
  };
  if (changes.length === 0) {
    out.say(`No changes: ${options.plan} already has every status and note in ${options.file}.`);
    json(false);
    return ExitCode.ok;
  }
  out.say(`${options.dryRun ? 'Would change' : 'Changed'} ${changes.length} item(s) in ${options.plan}:`);
  for (const line of report) out.say(`  ${line}`);
  if (options.dryRun) {
    out.say('Dry run: nothing was written.');
    json(false);
    return ExitCode.ok;
  }

  const file = opened.stored.file;
  const edited = editItemFields(opened.stored.text, changes);
  const stored = parsePlan(edited, file, opened.template);
  assertApplied(stored.plan.items, readItemNotes(edited), changes, file);
  // From here on as `kickoff calendar` (a not-needed item is cancelled); the plan is put back if that fails.
  const published = await thenFromFile(file, opened.stored.text, edited, () =>
    publishCalendars(file, {
      ...(options.template !== undefined ? { template: options.template } : {}),
      ...(options.today !== undefined ? { today: options.today } : {}),
    }),
  );
  sayDiagnostics(terminal, published.diagnostics, { quiet: Boolean(options.quiet || options.json) });
  out.say(`Calendars updated in ${published.folder}/ (${published.written.length} file(s)).`);
  json(true);
  return ExitCode.ok;
}

async function readSheet(file: string): Promise<TextTable> {
  const ext = extname(file).toLowerCase();
  // .txt and .tsv: what Excel saves as "Unicode Text" (tab-separated UTF-16).
  if (['.csv', '.txt', '.tsv'].includes(ext)) return readDelimited(file, 'the action list');
  if (ext === '.xlsx') {
    const { readWorkbook } = await import('../adapters/spreadsheet/workbook.js');
    return { records: await readWorkbook(await readBytes(file, 'the action list'), file) };
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

function clean(cell: string | undefined): string {
  return unneutralise(cell ?? '')
    .replace(/\r\n?/g, '\n')
    .trim();
}

/** Each row against the plan: what to change, what cannot be applied (with the sheet's row number). */
function compare(
  rows: readonly string[][],
  items: ReadonlyMap<string, PlanItem>,
  notesBefore: ReadonlyMap<string, string>,
): Comparison {
  const header = (rows[0] ?? []).map((h) => clean(h).toLowerCase());
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
    for (const [col, name, value, alsoRead] of [
      [start, 'start', item.start, item.start],
      // A weekly series' row ends on its last meeting, as export writes it (on its first before).
      [end, 'end', lastDayOf(item), item.end],
    ] as const) {
      const given = clean(cells[col]);
      if (col < 0 || given === '') continue;
      const parsed = parseCalendarDate(given);
      if (!parsed.ok || (parsed.date !== value && parsed.date !== alsoRead))
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
