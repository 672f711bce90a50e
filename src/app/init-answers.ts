/**
 * Where `kickoff init`'s answers come from before any question is asked: the answers file (or the
 * built-in example), then the flags on top (flags win). And where they go when a person says no to
 * writing the plan: an answers file to pick up from.
 */
import { checkDate, checkGoLiveDate, checkNation } from '../domain/answers.js';
import { WorkingCalendar } from '../domain/calendar.js';
import type { Answers, CalendarDate } from '../domain/types.js';
import { UsageError } from '../errors.js';
import { decodeText, writeAtomic } from '../adapters/files.js';
import { answersFromText, loadAnswers } from '../adapters/inputs/answers-loader.js';
import { renderAnswers } from '../adapters/plan-file/write.js';
import { readShipped, shippedFile } from '../adapters/shipped.js';
import type { Workspace } from './workspace.js';

/** The built-in example practice (`kickoff init --example`). */
export const EXAMPLE_ANSWERS = 'examples/densham-surgery.yaml';

export interface KnownAnswers {
  readonly example?: boolean;
  /** An answers file ("-": standard input). */
  readonly answers?: string;
  readonly goLive?: string;
  readonly nation?: string;
  readonly kickoff?: string;
}

/** The answers file (or the example), then flags on top: flags win. */
export async function gatherAnswers(
  given: KnownAnswers,
  workspace: Workspace,
  today: CalendarDate,
): Promise<Partial<Answers>> {
  const fromFile = given.example
    ? await exampleAnswers(workspace)
    : given.answers
      ? await loadAnswers(given.answers, workspace.template)
      : {};
  const englandCalendar = new WorkingCalendar(workspace.holidays, 'england');
  const flag = <T>(
    name: string,
    text: string | undefined,
    check: (t: string) => { ok: true; value: T } | { ok: false; message: string },
  ) => {
    if (text === undefined) return undefined;
    const result = check(text);
    if (!result.ok) throw new UsageError(`${name}: ${result.message}`);
    return result.value;
  };
  const goLive = flag('--go-live', given.goLive, (t) => checkGoLiveDate(t, englandCalendar, today));
  const nation = flag('--nation', given.nation, checkNation);
  const kickoff = flag('--kickoff', given.kickoff, checkDate);
  return {
    ...fromFile,
    ...(goLive ? { goLive } : {}),
    ...(nation ? { nation } : {}),
    ...(kickoff ? { kickoff } : {}),
  };
}

/** The built-in example's answers (shipped with kickoff: in an executable, inside it). */
async function exampleAnswers(workspace: Workspace): Promise<Partial<Answers>> {
  const name = shippedFile(EXAMPLE_ANSWERS);
  const what = 'the example answers';
  return answersFromText(
    decodeText(await readShipped(EXAMPLE_ANSWERS), name, what),
    name,
    workspace.template,
  );
}

/** The answers as an answers file, for `kickoff init --answers FILE` to pick up from. */
export async function saveAnswers(file: string, answers: Answers): Promise<void> {
  await writeAtomic(file, renderAnswers(answers));
}
