/**
 * The template model: what a migration consists of and how each date hangs off another.
 * Templates are data (templates/*.yaml); this module only describes and resolves them.
 */
import type { ItemType, NoticePeriod, Offset, Phase, Role } from './types.js';

/** Which way a date that lands on a non-working day moves. Deadlines go earlier; "not before" later. */
export type Roll = 'previous' | 'next';

/**
 * How one date is derived: from another item's start (or end), moved by an offset; or straight from
 * an answer (go-live). `answer` on a derived rule lets a person fix the date (a fixed kick-off).
 */
export interface DateRule {
  readonly from?: string;
  readonly at?: 'start' | 'end';
  /** An offset, or 'notice' / '-notice' meaning the third party's notice period. */
  readonly offset?: Offset | 'notice' | '-notice';
  readonly answer?: 'goLive' | 'kickoff';
  readonly roll?: Roll;
}

export interface TemplateItem {
  readonly id: string;
  readonly title: string;
  readonly phase: string;
  readonly type: ItemType;
  readonly start: DateRule;
  readonly end?: DateRule;
  /** Europe/London start time 'HH:MM' (meetings). */
  readonly time?: string;
  readonly durationMinutes?: number;
  /** A weekly series from start until this date. */
  readonly repeatWeeklyUntil?: DateRule;
  readonly roles: readonly string[];
  readonly informational?: boolean;
  readonly description?: string;
  readonly source: string;
}

export interface TemplateThirdParty {
  readonly id: string;
  readonly name: string;
  readonly notice: NoticePeriod;
  readonly source: string;
  readonly description?: string;
  /** Replaces the start rule of some of this party's items, e.g. screening stops 2 days before FDP. */
  readonly overrides?: Readonly<Record<string, DateRule>>;
}

/** A minimum gap between two items, checked on every plan (computed or pinned). */
export interface GapRule {
  readonly code: string;
  /** The item that must come first (its start). Third-party rules use '{party}-…' ids. */
  readonly item: string;
  readonly before: string;
  readonly atLeast: Offset | 'notice';
  readonly forEachThirdParty?: boolean;
  readonly fix: string;
  readonly source: string;
}

export interface BusyPeriod {
  readonly code: string;
  /** Month-day ranges, inclusive, e.g. from '12-15' to '01-05'. */
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly source: string;
}

export interface Template {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly phases: readonly Phase[];
  readonly roles: readonly (Role & { readonly description?: string; readonly source: string })[];
  readonly items: readonly TemplateItem[];
  /** Made once for each third party chosen; ids become '<party>-<id>', '{name}' in titles the party's name. */
  readonly thirdPartyItems: readonly TemplateItem[];
  readonly thirdParties: readonly TemplateThirdParty[];
  readonly rules: readonly GapRule[];
  readonly busyPeriods: readonly BusyPeriod[];
}

/** '5w' → '5 weeks'; for people. */
export function describeOffset(offset: Offset): string {
  const n = Math.abs(offset.amount);
  const unit = { wd: 'working day', d: 'day', w: 'week', m: 'month' }[offset.unit];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** '-3wd', '+90d', '5w' → Offset; undefined when the text is not an offset. */
export function parseOffset(text: string): Offset | undefined {
  const match = /^([+-]?)(\d{1,4})(wd|d|w|m)$/.exec(text.trim());
  if (!match) return undefined;
  const amount = Number(match[2]) * (match[1] === '-' ? -1 : 1);
  return { amount: amount === 0 ? 0 : amount, unit: match[3] as Offset['unit'] };
}

export function formatOffset(offset: Offset): string {
  return `${offset.amount < 0 ? '-' : '+'}${Math.abs(offset.amount)}${offset.unit}`;
}
