/**
 * batch --defaults FILE: what every row of a practices file leaves blank, from one answers file — the
 * systems, the CSU's project manager and trainer, the usual third parties, the template. A row's
 * own value always wins; a CSV of just practice,ods,goLive then plans.
 */
import { dirname } from 'node:path';
import { loadDefaultsFile, type DefaultsFile } from '../../adapters/inputs/answers-loader.js';
import { IoError } from '../../errors.js';
import { diskFiles } from '../workspace.js';
import type { BatchEntry } from './practice.js';
import { templatePath, type BatchInput } from './run.js';

export interface BatchDefaults {
  readonly file: string;
  /** The template the defaults name, as a path (relative to the defaults file's folder when written so). */
  readonly template?: string;
  readonly answers: Readonly<Record<string, unknown>>;
  readonly check: DefaultsFile['check'];
}

export async function readBatchDefaults(file: string): Promise<BatchDefaults> {
  const loaded = await loadDefaultsFile(file);
  const template = loaded.template ? templatePath(dirname(file), loaded.template) : undefined;
  if (template && !(await diskFiles.exists(template)))
    throw new IoError(
      `Cannot read the template ${template} that ${file} names: it does not exist.`,
      `Check template: in ${file} (a path relative to that file), or leave it out to use the shipped NHS England GP template.`,
    );
  return {
    file,
    ...(template ? { template } : {}),
    answers: loaded.answers,
    check: loaded.check,
  };
}

const blank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

type Raw = Record<string, unknown>;

/** The rows with the defaults filled in where they are blank. */
export function withDefaults(input: BatchInput, defaults: BatchDefaults | undefined): BatchInput {
  if (!defaults) return input;
  return { ...input, entries: input.entries.map((entry) => fillEntry(entry, defaults.answers)) };
}

function fillEntry(entry: BatchEntry, defaults: Readonly<Raw>): BatchEntry {
  if (entry.raw === null || typeof entry.raw !== 'object' || Array.isArray(entry.raw)) return entry;
  const row = entry.raw as Raw;
  const filled: Raw = { ...row };
  for (const [key, value] of Object.entries(defaults)) {
    if (key === 'team') filled.team = fillTeam(row.team, value);
    else if (key === 'systems') filled.systems = fillMap(row.systems, value);
    else if (key === 'practice') filled.practice = fillMap(row.practice, value);
    else if (key === 'thirdParties' || key === 'absences')
      filled[key] = Array.isArray(row[key]) && (row[key] as unknown[]).length > 0 ? row[key] : value;
    else if (blank(row[key])) filled[key] = value;
  }
  return { ...entry, raw: filled };
}

/** Each part the row leaves blank (systems.new, say), from the defaults. */
function fillMap(row: unknown, defaults: unknown): unknown {
  if (blank(row)) return defaults;
  if (typeof row !== 'object' || typeof defaults !== 'object' || defaults === null) return row;
  const filled: Raw = { ...(row as Raw) };
  for (const [key, value] of Object.entries(defaults as Raw)) if (blank(filled[key])) filled[key] = value;
  return filled;
}

/** The row's people, then the defaults' people in the roles the row names nobody for. */
function fillTeam(row: unknown, defaults: unknown): unknown {
  if (!Array.isArray(defaults)) return row;
  if (!Array.isArray(row) || row.length === 0) return defaults;
  const roleOf = (p: unknown) => (p && typeof p === 'object' ? (p as Raw).role : undefined);
  const named = new Set(row.map(roleOf));
  return [...row, ...defaults.filter((p) => !named.has(roleOf(p)))];
}
