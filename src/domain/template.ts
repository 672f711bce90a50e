/**
 * The template model: what a migration consists of and how each date hangs off another.
 * Templates are data (templates/*.yaml); this module only describes and resolves them.
 */
import type { ItemType, Nation, NoticePeriod, Offset, Phase, Role } from './types.js';

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
  /** Why kickoff chose this rule's number when no source gives one (shown by `kickoff why`). */
  readonly assumed?: string;
}

/**
 * When the rules put an item on `item`'s start, or after it by less than `within` (any time after,
 * when `within` is absent), it moves to the working day before `item`. A third-party item names
 * another item of the same party (`notice`). Two items dated from the same anchor are compared by
 * their offsets (5 working days count as a week), so the rule holds for a party whatever the dates.
 */
export interface KeepBefore {
  readonly item: string;
  readonly within?: Offset;
}

/**
 * Where an item's start may fall, as offsets from its start rule's anchor (a "next week" reminder:
 * -9d to -5d from its switch-off). When weekends and holidays roll the rule's date outside, the item
 * takes the working day inside that is nearest the rule's own date (the earlier one on a tie).
 */
export interface StartWindow {
  readonly from: Offset;
  readonly to: Offset;
}

/**
 * A third-party item that one of its party's items takes over when the party's notice is shorter
 * than `noticeUnder`: a week-before reminder and a notice deadline a week or less before the
 * switch-off are one message, so the item is not made and `item` takes `title` instead.
 */
export interface MergeInto {
  readonly item: string;
  readonly noticeUnder: Offset;
  readonly title: string;
}

/** Answers an item needs before it is made (a dispensing practice's own path). */
export interface ItemCondition {
  readonly dispensing?: boolean;
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
  /** A weekly series: the items whose weeks must each have one of its meetings (FDP, go-live). */
  readonly meetsInWeekOf?: readonly string[];
  /**
   * Held on this many working days in a row from its start (a daily stand-up): made as that many
   * items, '<id>-1' … '<id>-N', each a working day after the one before.
   */
  readonly repeatWorkingDays?: number;
  /** An item this one must not fall on or just after (a reminder and its own notice deadline). */
  readonly keepBefore?: KeepBefore;
  /** The days its start must stay within, from its start rule's anchor. */
  readonly startWithin?: StartWindow;
  /** Left out, and its words given to another of its party's items, when the notice is short. */
  readonly mergeInto?: MergeInto;
  /** The nations where the item is made; absent means all four. */
  readonly nations?: readonly Nation[];
  /** Answers the item needs, e.g. { dispensing: true }; absent means every practice. */
  readonly when?: ItemCondition;
  readonly roles: readonly string[];
  readonly informational?: boolean;
  /**
   * A day the practice cannot afford to lose (FDP, cutover, go-live, training…): checked against
   * busy periods, and (in a programme) against the same people's other practices.
   */
  readonly critical?: boolean;
  /**
   * Someone must be there (data checking): checked against busy periods like a critical day. Every
   * one-off meeting counts without saying so.
   */
  readonly attended?: boolean;
  readonly description?: string;
  readonly source: string;
}

export interface TemplateThirdParty {
  readonly id: string;
  readonly name: string;
  readonly notice: NoticePeriod;
  /** No source gives this notice period: kickoff assumed it, and says so when a plan breaks it. */
  readonly noticeAssumed?: boolean;
  /** The nations where this third party exists; absent means all. */
  readonly nations?: readonly Nation[];
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

/**
 * Two items that must come in this order (by start date), computed or pinned. `sameDay` allows
 * both on one day. Third-party rules use '{party}-…' ids and are checked for each party.
 */
export interface OrderRule {
  readonly first: string;
  readonly then: string;
  readonly sameDay?: boolean;
  readonly forEachThirdParty?: boolean;
  readonly source: string;
}

/** The longest an item may last, in working days (inclusive of both ends). */
export interface LengthRule {
  readonly code: string;
  readonly item: string;
  readonly atMost: Offset;
  readonly fix: string;
  readonly source: string;
}

/**
 * A time of year to keep critical items out of: month-day ranges ('12-15' to '01-05', inclusive),
 * or the days from the first to the last of some named bank holidays in the same year (Easter).
 */
export interface BusyPeriod {
  readonly code: string;
  readonly from?: string;
  readonly to?: string;
  readonly holidays?: readonly string[];
  /** The nations where it is busy; absent means all four. */
  readonly nations?: readonly Nation[];
  readonly reason: string;
  readonly source: string;
  /** Why kickoff chose these dates when no source gives them. */
  readonly assumed?: string;
}

/** Days (month-day) that meetings are never put on, e.g. Christmas Eve. */
export interface MeetingFreeDays {
  readonly days: readonly string[];
  readonly source: string;
}

export interface TemplateRole extends Role {
  /** The title in a nation whose word differs ("Commissioner (ICB)" in England); else `title`. */
  readonly titleIn?: Partial<Record<Nation, string>>;
  readonly description?: string;
  readonly source: string;
}

export interface Template {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly phases: readonly Phase[];
  readonly roles: readonly TemplateRole[];
  readonly items: readonly TemplateItem[];
  /** Made once for each third party chosen; ids become '<party>-<id>', '{name}' in titles the party's name. */
  readonly thirdPartyItems: readonly TemplateItem[];
  readonly thirdParties: readonly TemplateThirdParty[];
  readonly rules: readonly GapRule[];
  readonly order: readonly OrderRule[];
  readonly lengths: readonly LengthRule[];
  readonly busyPeriods: readonly BusyPeriod[];
  readonly noMeetingsOn?: MeetingFreeDays;
}

/** Whether a template entry with `nations:` (absent: all) applies in `nation`. */
export function inNation(entry: { readonly nations?: readonly Nation[] }, nation: Nation): boolean {
  return entry.nations === undefined || entry.nations.includes(nation);
}

/** An offset's length in calendar days as a person reads it: 5 working days are a week. */
export function nominalDays(offset: Offset): number {
  const perUnit = { d: 1, wd: 7 / 5, w: 7, m: 365.25 / 12 } as const;
  return offset.amount * perUnit[offset.unit];
}

/** '5w' → '5 weeks'; for people. */
export function describeOffset(offset: Offset): string {
  const n = Math.abs(offset.amount);
  const unit = { wd: 'working day', d: 'day', w: 'week', m: 'month' }[offset.unit];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Whether `text` is an offset parseOffset reads (-10wd, +3d, -2w, -1m). */
export function isOffset(text: string): boolean {
  return parseOffset(text) !== undefined;
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
