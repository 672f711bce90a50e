/**
 * A programme's limits: what a CSU can carry at once across its practices. Pure data; read from
 * capacity.yaml by src/adapters/capacity-yaml.ts, or these defaults when there is no file.
 */

import { KICKOFF_ID } from '../anchors.js';
import { dayOfWeek } from '../calendar.js';
import type { CalendarDate } from '../types.js';
import { byText } from '../order.js';

export interface Capacity {
  /** Go-lives across the programme in one week (Monday to Sunday). */
  readonly goLivesPerWeek: number;
  /** Final data productions on one day for one new supplier (the system practices move to). */
  readonly fdpsPerDayPerSupplier: number;
  /** The same limit for named suppliers, e.g. { SystmOne: 3 }; matched without regard to case. */
  readonly suppliers: Readonly<Record<string, number>>;
  /** Final data productions one person attends within any 14 days. */
  readonly fdpsPerPersonPerFortnight: number;
  /**
   * Items a person may hold at several practices at once, with how many (training: a trainer runs
   * two practices' training weeks side by side). Overlaps among these are load, not clashes.
   */
  readonly atOnce: Readonly<Record<string, number>>;
  /** Items besides the template's `critical: true` ones on which a person cannot be in two places. */
  readonly alsoCritical: readonly string[];
  /** How far `--suggest` may move a go-live, in working days either way. */
  readonly horizonWorkingDays: number;
  /** The days of the week `--suggest` may move a go-live to. */
  readonly goLiveDays: readonly GoLiveDay[];
}

/** Weekdays only: a weekend is never a working day, so no go-live is planned on one. */
export const GO_LIVE_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
export type GoLiveDay = (typeof GO_LIVE_DAYS)[number];

/** Whether a go-live may fall on this date's day of the week. */
export function goLiveDayAllowed(capacity: Capacity, date: CalendarDate): boolean {
  const day = GO_LIVE_DAYS[dayOfWeek(date) - 1];
  return day !== undefined && capacity.goLiveDays.includes(day);
}

/**
 * Assumed defaults (no source gives programme limits; a CSU states its own in capacity.yaml):
 * two go-lives a week and two FDPs a day per supplier are what a small CSU team and one supplier's
 * migration desk can support; a trainer can run two practices' three-week training side by side.
 */
export const DEFAULT_CAPACITY: Capacity = {
  goLivesPerWeek: 2,
  fdpsPerDayPerSupplier: 2,
  suppliers: {},
  fdpsPerPersonPerFortnight: 3,
  atOnce: { training: 2 },
  alsoCritical: [KICKOFF_ID],
  horizonWorkingDays: 20,
  // Not Friday: a go-live on a Friday leaves the practice on a new system over a weekend with no
  // supplier support (issue 24: the suggestions offered Friday go-lives).
  goLiveDays: ['monday', 'tuesday', 'wednesday', 'thursday'],
};

/** The FDP limit for one supplier: its own, else the general one. */
export function supplierLimit(capacity: Capacity, supplier: string): number {
  const wanted = supplier.trim().toLowerCase();
  const own = Object.entries(capacity.suppliers).find(([name]) => name.trim().toLowerCase() === wanted);
  return own ? own[1] : capacity.fdpsPerDayPerSupplier;
}

/** One line per limit, for the output: people see which limits were applied. */
export function describeCapacity(capacity: Capacity): string[] {
  const suppliers = Object.entries(capacity.suppliers)
    .sort(([a], [b]) => byText(a, b))
    .map(([name, n]) => `${name} ${n}`);
  return [
    `go-lives per week: ${capacity.goLivesPerWeek}`,
    `FDPs per day per supplier: ${capacity.fdpsPerDayPerSupplier}${suppliers.length ? ` (${suppliers.join(', ')})` : ''}`,
    `FDPs per person in 14 days: ${capacity.fdpsPerPersonPerFortnight}`,
    ...Object.entries(capacity.atOnce)
      .sort(([a], [b]) => byText(a, b))
      .map(([id, n]) => `${id} at once per person: ${n}`),
    `go-lives moved to: ${capacity.goLiveDays.map((d) => d.slice(0, 1).toUpperCase() + d.slice(1, 3)).join(', ')}`,
  ];
}
