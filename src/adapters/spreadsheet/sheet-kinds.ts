/**
 * The two sheets people give kickoff (the action list to `import`, the practices file to `batch`),
 * what they are called in messages, and the most rows either may have.
 */
import { InputError } from '../../errors.js';

/**
 * The most rows kickoff reads from a sheet below its header row: 10,000 are allowed, 10,001 are not.
 * An action list has one row per item of a plan (about 70), and England has about 6,500 GP
 * practices; a sheet of millions is another file, and is refused as soon as the reading reaches
 * row 10,001, not after reading it all.
 */
export const MAX_SHEET_ROWS = 10_000;

/** Which sheet a person gave: what it is called in messages, and what a right one looks like. */
export interface SheetKind {
  /** "the action list" */
  readonly what: string;
  /** Why the limit is enough for a sheet of this kind, and what to do instead. */
  readonly expected: string;
}

export const ACTION_LIST: SheetKind = {
  what: 'the action list',
  expected:
    'an action list has one row per item of the plan. Check it is the action list kickoff export wrote for this plan.',
};

export const PRACTICES_LIST: SheetKind = {
  what: 'the practices file',
  expected:
    'a practices file has one row per practice. Split it into files of at most 10,000 practices and run kickoff batch on each.',
};

export function tooManyRows(file: string, kind: SheetKind): InputError {
  const most = MAX_SHEET_ROWS.toLocaleString('en-GB');
  const [explanation, hint] = kind.expected.split('. ') as [string, string];
  return new InputError(
    `${file} has more than ${most} rows below its header, the most kickoff reads in ${kind.what}: ${explanation}.`,
    hint,
    { file, line: MAX_SHEET_ROWS + 2, column: 1 },
  );
}
