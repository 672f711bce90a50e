/**
 * exportPlan: what `kickoff export` does. The kick-off pack (Markdown or a printable web page) or
 * the action list (CSV or an Excel workbook) from the plan as it is. Reads the plan; writes only
 * the file asked for (atomically; a link there is followed, a device written into: writeNamedFile),
 * or gives the text for standard output.
 */
import { addDays, formatLong, toParts, WorkingCalendar } from '../domain/calendar.js';
import { occurrences } from '../domain/schedule/recurrence.js';
import type { CalendarDate } from '../domain/types.js';
import type { ChangesReport } from '../render/changes.js';
import type { OpenPlan } from './open-plan.js';
import { changesSince } from './plan-history.js';
import { chainsFor } from './date-chains.js';
import { RECORD_COLUMN } from '../domain/sheet-record.js';
import { UsageError } from '../errors.js';
import { writeNamedFile } from '../adapters/files.js';
import { readItemNotes } from '../adapters/plan-file/notes.js';
import { renderCsv, rowCells } from '../render/csv.js';
import { describeFormats, exportFormat, type ExportFormat, type ExportFormatId } from '../render/formats.js';
import { renderHtml } from '../render/html.js';
import { renderMarkdown } from '../render/markdown.js';
import { sortRaid } from '../domain/raid.js';
import { ACTION_COLUMNS, actionRows, AUDIENCES, type Audience, type PackInput } from '../render/pack.js';
import { openPlanFile } from './read-plan.js';
import { ownedBy, personFlag } from './person-flag.js';
import type { UseCaseOptions } from './workspace.js';

export interface ExportOptions extends UseCaseOptions {
  /** md, html, csv or xlsx (render/formats.ts). */
  readonly format?: string;
  /** Who the copy is for: everyone (default) or the practice (no third-party reminder rows). */
  readonly for?: string;
  /** The file to write; without it the text is returned (not for xlsx). */
  readonly out?: string;
  /** Only one person's actions (csv, xlsx): an e-mail or name from the team. */
  readonly person?: string;
}

export interface ExportedPlan {
  readonly format: ExportFormat;
  /** The text, when no file was asked for. */
  readonly text?: string;
  /** The file written. */
  readonly written?: string;
}

/** Each format's writer: text for people, or bytes. */
const WRITERS: Record<ExportFormatId, (input: PackInput) => Promise<string | Buffer>> = {
  md: (input) => Promise.resolve(renderMarkdown(input)),
  html: (input) => Promise.resolve(renderHtml(input)),
  csv: (input) => Promise.resolve(renderCsv(input)),
  xlsx: writeXlsx,
};

export async function exportPlan(planFile: string, options: ExportOptions): Promise<ExportedPlan> {
  const format = exportFormat(options.format);
  if (!format)
    throw new UsageError(
      `--format ${options.format ?? '(missing)'}: choose ${describeFormats()}.`,
      'The kick-off pack is for the meeting; the action list is to share and import back.',
    );
  const audience = (options.for ?? 'everyone') as Audience;
  if (!AUDIENCES.includes(audience))
    throw new UsageError(
      `--for ${options.for}: choose practice or everyone.`,
      "practice: the practice's copy, without the reminders the project manager sends third parties; everyone: every item (the default).",
    );
  if (format.binary && !options.out)
    throw new UsageError(`${format.what} needs a file to go in: add --out actions.${format.id}.`);
  if (options.person !== undefined && !format.actionList)
    throw new UsageError(
      `--person is for the action list (--format csv or xlsx), not ${format.what}.`,
      "For one person's items on screen: kickoff show --person or kickoff due --person.",
    );
  const opened = await openPlanFile(planFile, options);
  const { plan } = opened;
  const person = personFlag(plan, options.person);
  const calendar = new WorkingCalendar(opened.holidays, plan.answers.nation);
  const years = new Set(plan.items.flatMap((i) => [toParts(i.start)[0], toParts(i.end)[0]]));
  const input: PackInput = {
    plan,
    notes: readItemNotes(opened.stored.text),
    today: opened.today,
    bankHolidays: [...years].sort().flatMap((y) => calendar.holidaysIn(y)),
    audience,
    ...(person ? { person: ownedBy(plan, person) } : {}),
    ...(format.actionList ? {} : await sinceLastMeeting(opened, options)),
    ...(format.id === 'html' ? { chains: chainsFor(plan, opened, opened.today) } : {}),
    ...(opened.stored.raid.length > 0 ? { raid: sortRaid(opened.stored.raid) } : {}),
  };
  const content = await WRITERS[format.id](input);
  if (!options.out) return { format, text: content.toString() };
  await writeNamedFile(options.out, content);
  return { format, written: options.out };
}

/**
 * The pack's "since the last meeting": the plan's changes since the weekly meeting before today
 * (or a week ago), when kickoff has kept a history of the plan.
 */
async function sinceLastMeeting(
  opened: OpenPlan & { readonly today: CalendarDate },
  options: ExportOptions,
): Promise<{ since?: ChangesReport }> {
  const { plan, today } = opened;
  const weekly = plan.items.find((i) => i.recurrence && i.type === 'meeting');
  const held = weekly?.recurrence
    ? occurrences(weekly.start, weekly.recurrence).filter((d) => d < today)
    : [];
  const since = held.at(-1) ?? addDays(today, -7);
  const changes = await changesSince(opened.stored.file, { ...options, since });
  return changes.entries.length > 0 ? { since: changes } : {};
}

async function writeXlsx(input: PackInput): Promise<Buffer> {
  const { writeWorkbook } = await import('../adapters/spreadsheet/workbook.js');
  const practice = `${input.plan.answers.practice.name} (${input.plan.answers.practice.ods})`;
  return writeWorkbook({
    title: `Action list: ${practice}`,
    pageHeader: `Action list: ${practice}${input.audience === 'practice' ? ", the practice's copy" : ''}`,
    pageFooter: `From the plan by kickoff on ${formatLong(input.today)}`,
    header: ACTION_COLUMNS,
    // Text as it is: the workbook keeps formulas out with the Text number format, not an apostrophe
    // as the CSV must. A workbook is XML, which turns CR into LF: done here, so import compares alike.
    rows: actionRows(input).map((row) => rowCells(row).map((c) => c.replace(/\r\n?/g, '\n'))),
    dateColumns: [4, 5],
    statusColumn: 10,
    hiddenColumn: ACTION_COLUMNS.indexOf(RECORD_COLUMN),
    widths: [26, 14, 34, 9, 15, 15, 11, 22, 18, 14, 10, 26, 20],
    today: input.today,
  });
}
