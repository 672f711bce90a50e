/** Where an item is held: the one rule the calendars, `show` and its JSON share. */
import type { Plan, PlanItem } from './types.js';

/**
 * The item's own `location:` (any item a person gave one), else the answers' meeting location for
 * meetings. A weekly series has one location, its moved weeks included.
 */
export function locationOf(plan: Plan, item: PlanItem): string | undefined {
  return item.location ?? (item.type === 'meeting' ? plan.answers.meetingLocation : undefined);
}
