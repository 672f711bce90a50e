/**
 * An event's fingerprint: a digest of everything it shows but its SEQUENCE and DTSTAMP. When it
 * differs from the one the plan's `published:` record holds, the event has a new revision.
 */
import { eventContent } from '../../domain/calendar-events/event.js';
import { movesOf } from '../../domain/schedule/recurrence.js';
import type { Plan, PlanItem } from '../../domain/types.js';
import { sha256Hex } from '../sha256.js';

/**
 * A digest of everything an event shows (all but its SEQUENCE and DTSTAMP): when it differs from last
 * time, the event has a new revision.
 */
export function eventFingerprint(plan: Plan, item: PlanItem, cancelled: boolean): string {
  const content = eventContent(plan, item, cancelled);
  // The moves are part of what the series shows (its override events); a series without any hashes
  // as before, so upgrading kickoff bumps no sequence that did not change.
  const moved = item.recurrence ? movesOf(item.start, item.recurrence) : [];
  const hashed = moved.length > 0 ? { ...content, moved } : content;
  return sha256Hex(JSON.stringify(hashed)).slice(0, 16);
}
