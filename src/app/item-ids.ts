/** Finding the items a person named on the command line, with suggestions for a mistyped id. */
import { nearestIds } from '../domain/nearest.js';
import type { Plan, PlanItem } from '../domain/types.js';
import { UsageError } from '../errors.js';

export function findItem(plan: Plan, id: string, file: string): PlanItem {
  const item = plan.items.find((i) => i.id === id);
  if (item) return item;
  const near = nearestIds(
    id,
    plan.items.map((i) => i.id),
  );
  throw new UsageError(
    `${file} has no item "${id}".`,
    `Did you mean ${near.join(', ')}? (kickoff show lists every item; ids are in kickoff.yaml.)`,
  );
}
