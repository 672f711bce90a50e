/**
 * What `kickoff export` can write: one list, which the command, its --format option, shell
 * completion and the messages all take their choices from. Each format's writer is app/export-plan's
 * (typed against this list, so a format added here must be given a writer there).
 */
export const EXPORT_FORMATS = [
  { id: 'md', what: 'the kick-off pack (Markdown)', actionList: false, binary: false },
  {
    id: 'html',
    what: 'the kick-off pack (web page; print it from the browser)',
    actionList: false,
    binary: false,
  },
  { id: 'csv', what: 'the action list (CSV)', actionList: true, binary: false },
  { id: 'xlsx', what: 'the action list (Excel workbook)', actionList: true, binary: true },
] as const;

/** Who an export is for: everyone, or the practice (without the CSU's own reminder rows). */
export const AUDIENCES = ['everyone', 'practice'] as const;
export type Audience = (typeof AUDIENCES)[number];

export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type ExportFormatId = ExportFormat['id'];

export const EXPORT_FORMAT_IDS: readonly ExportFormatId[] = EXPORT_FORMATS.map((f) => f.id);

export function exportFormat(id: string | undefined): ExportFormat | undefined {
  return EXPORT_FORMATS.find((f) => f.id === id);
}

/** "md, html (the kick-off pack), csv or xlsx (the action list)": for help and messages. */
export function describeFormats(): string {
  const ids = (actionList: boolean) =>
    EXPORT_FORMATS.filter((f) => f.actionList === actionList).map((f) => f.id);
  const list = (words: readonly string[], and: string) =>
    words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} ${and} ${words.at(-1)!}`;
  return `${list(ids(false), 'and')} (the kick-off pack), ${list(ids(true), 'or')} (the action list)`;
}
