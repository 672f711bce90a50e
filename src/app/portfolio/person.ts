/**
 * portfolio --person: one person's open actions in every plan under a folder, matched by e-mail or
 * name in any case, by their roles in each practice's team or named on an item. Reads only.
 */
import { dirname } from 'node:path';
import { dueItems, type DueEntry } from '../../domain/due.js';
import { distinctPeople, ownsItem, personKey, teamRowsOf } from '../../domain/people.js';
import type { CalendarDate, Person } from '../../domain/types.js';
import { KickoffError, UsageError } from '../../errors.js';
import { openPlan } from '../open-plan.js';
import { resolve, type UseCaseOptions } from '../workspace.js';
import { findPlans, type BrokenPlan } from './programme.js';

/** One of the person's actions, and the practice it belongs to. */
export interface PersonAction {
  readonly ods: string;
  readonly practice: string;
  /** The practice's folder, for `kickoff tick ID --plan FOLDER`. */
  readonly folder: string;
  readonly entry: DueEntry;
}

export interface PersonActions {
  readonly person: { readonly name: string; readonly email: string };
  readonly today: CalendarDate;
  /** The last day looked at; undefined: every open action ahead. */
  readonly until?: CalendarDate;
  /** The practices whose team has the person, sorted by ODS code. */
  readonly practices: readonly { readonly ods: string; readonly name: string; readonly folder: string }[];
  readonly plans: number;
  readonly overdue: readonly PersonAction[];
  readonly due: readonly PersonAction[];
  readonly broken: readonly BrokenPlan[];
}

/** So far ahead that every open action falls before it. */
const EVERYTHING_AHEAD = '9999-12-31' as CalendarDate;

export async function readPersonActions(
  folder: string,
  who: string,
  options: UseCaseOptions & { readonly until?: CalendarDate } = {},
): Promise<PersonActions> {
  const { workspace, files, clock } = await resolve(options);
  const today = clock.today;
  const until = options.until ?? EVERYTHING_AHEAD;
  const broken: BrokenPlan[] = [];
  const everyone: Person[] = [];
  const practices: { ods: string; name: string; folder: string }[] = [];
  const overdue: PersonAction[] = [];
  const due: PersonAction[] = [];
  let found: Person | undefined;
  const planFiles = await findPlans(folder);
  for (const file of planFiles) {
    let plan;
    try {
      ({ plan } = await openPlan(file, workspace, files));
    } catch (error) {
      if (!(error instanceof KickoffError)) throw error;
      broken.push({ file, message: error.message, ...(error.location ? { location: error.location } : {}) });
      continue;
    }
    everyone.push(...plan.answers.team);
    const rows = teamRowsOf(plan.answers.team, who);
    if (rows.length === 0) continue;
    found ??= rows[0];
    const { ods, name } = plan.answers.practice;
    const where = { ods, practice: name, folder: dirname(file) };
    practices.push({ ods, name, folder: where.folder });
    const mine = dueItems(plan, today, until, undefined, (item) => ownsItem(plan, item, rows));
    overdue.push(...mine.overdue.map((entry) => ({ ...where, entry })));
    due.push(...mine.due.map((entry) => ({ ...where, entry })));
  }
  if (!found) {
    const people = distinctPeople(everyone);
    const shown = people.slice(0, 20).map((p) => (p.email ? `${p.name} <${p.email}>` : p.name));
    throw new UsageError(
      `--person: nobody called "${who}" is in the team of any of the ${planFiles.length - broken.length} plan(s) under ${folder}.`,
      people.length === 0
        ? 'The plans name nobody yet: add people under answers.team in each kickoff.yaml.'
        : `Give the e-mail or name of one of: ${shown.join(', ')}${people.length > shown.length ? ` and ${people.length - shown.length} more` : ''}.`,
    );
  }
  // Two people of one name in different practices are different people: say so rather than merge them.
  const keys = new Set(
    distinctPeople(everyone.filter((p) => teamRowsOf([p], who).length > 0)).map(personKey),
  );
  if (keys.size > 1)
    throw new UsageError(
      `--person: ${keys.size} different people are called "${who}" in these plans.`,
      `Give the e-mail of the one you mean: ${[...keys].filter((k) => !k.startsWith('name:')).join(', ')}.`,
    );
  const byDay = (a: PersonAction, b: PersonAction) =>
    a.entry.on < b.entry.on ? -1 : a.entry.on > b.entry.on ? 1 : a.ods < b.ods ? -1 : a.ods > b.ods ? 1 : 0;
  return {
    person: { name: found.name, email: found.email },
    today,
    ...(options.until ? { until: options.until } : {}),
    practices: practices.sort((a, b) => (a.ods < b.ods ? -1 : a.ods > b.ods ? 1 : 0)),
    plans: planFiles.length,
    overdue: overdue.sort(byDay),
    due: due.sort(byDay),
    broken,
  };
}
