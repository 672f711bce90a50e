/** --person EMAIL|NAME: one person of a plan's team, for the commands that list only their items. */
import { distinctPeople, ownsItem, teamList, teamRowsOf } from '../domain/people.js';
import type { Person, Plan, PlanItem } from '../domain/types.js';
import { UsageError } from '../errors.js';

/** The person --person names, as their rows in the team (one per role they hold). */
export interface ChosenPerson {
  readonly name: string;
  readonly email: string;
  readonly rows: readonly Person[];
}

/**
 * The team member `who` names, by e-mail or name in any case; undefined when no --person was given.
 * Nobody by that name: a usage error (exit 2) that lists the team's people.
 */
export function personFlag(plan: Plan, who: string | undefined): ChosenPerson | undefined {
  if (who === undefined) return undefined;
  const rows = teamRowsOf(plan.answers.team, who);
  const first = rows[0];
  const { name, ods } = plan.answers.practice;
  if (!first)
    throw new UsageError(
      `--person: nobody called "${who}" is in the team of ${name} (${ods}).`,
      distinctPeople(plan.answers.team).length > 0
        ? `Give the e-mail or name of one of: ${teamList(plan.answers.team)}.`
        : 'The plan names nobody yet: add people under answers.team in kickoff.yaml.',
    );
  const people = distinctPeople(rows);
  if (people.length > 1)
    throw new UsageError(
      `--person: ${people.length} people in the team of ${name} (${ods}) are called "${who}".`,
      `Give the e-mail of the one you mean: ${teamList(people)}.`,
    );
  return { name: first.name, email: first.email, rows };
}

/** Whether the chosen person owns the item (by one of its roles, or named on it); true with nobody chosen. */
export function ownedBy(plan: Plan, person: ChosenPerson | undefined): (item: PlanItem) => boolean {
  return person ? (item) => ownsItem(plan, item, person.rows) : () => true;
}
