/**
 * A practice's RAID log: its risks, assumptions, issues and dependencies, each with an owner, a
 * rating and a day to review it. Kept in the plan's `raid:` section (by hand or `kickoff raid add`),
 * read by the weekly report, `portfolio --report` and the kick-off pack.
 */
import { byText } from './order.js';
import type { CalendarDate } from './types.js';

export const RAID_KINDS = ['risk', 'assumption', 'issue', 'dependency'] as const;
export type RaidKind = (typeof RAID_KINDS)[number];
export const RAID_RATINGS = ['high', 'medium', 'low'] as const;
export type RaidRating = (typeof RAID_RATINGS)[number];
export const RAID_STATUSES = ['open', 'closed'] as const;
export type RaidStatus = (typeof RAID_STATUSES)[number];

export interface RaidEntry {
  /** risk-1, issue-2…: unique in the plan. */
  readonly id: string;
  readonly kind: RaidKind;
  readonly title: string;
  /** A person from the team (name or email) or a role. */
  readonly owner: string;
  readonly rating: RaidRating;
  readonly review: CalendarDate;
  readonly status: RaidStatus;
  readonly notes?: string;
}

const RATING_ORDER: Record<RaidRating, number> = { high: 0, medium: 1, low: 2 };
const KIND_ORDER: Record<RaidKind, number> = { risk: 0, issue: 1, dependency: 2, assumption: 3 };

/**
 * As a report lists them: open before closed; then high before medium before low; risks, issues,
 * dependencies, assumptions; the earliest review first; then id.
 */
export function sortRaid(entries: readonly RaidEntry[]): RaidEntry[] {
  return [...entries].sort(
    (a, b) =>
      Number(a.status === 'closed') - Number(b.status === 'closed') ||
      RATING_ORDER[a.rating] - RATING_ORDER[b.rating] ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      byText(a.review, b.review) ||
      byText(a.id, b.id),
  );
}

/** The next free id of a kind: risk-1, risk-2… */
export function nextRaidId(entries: readonly RaidEntry[], kind: RaidKind): string {
  const taken = new Set(entries.map((e) => e.id));
  let n = entries.filter((e) => e.kind === kind).length + 1;
  while (taken.has(`${kind}-${n}`)) n += 1;
  return `${kind}-${n}`;
}

/** Open entries whose review day has come (on or before today). */
export function reviewsDue(entries: readonly RaidEntry[], today: CalendarDate): RaidEntry[] {
  return sortRaid(entries.filter((e) => e.status === 'open' && e.review <= today));
}
