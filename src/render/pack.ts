/**
 * What every export shares: the action list as rows and the kick-off agenda's topics, each with the
 * dated items that belong to it. Pure: plan + options in, data out.
 */
import { formatLong } from '../domain/calendar.js';
import type { BankHoliday } from '../domain/calendar.js';
import type { CalendarDate, Plan, PlanItem } from '../domain/types.js';
import { byText } from '../domain/order.js';
import { ownerLabels, ownerPeople, ownerRoleIds } from '../domain/people.js';
import { meetingHours } from '../domain/calendar-events/event.js';
import { lastOccurrence } from '../domain/schedule/recurrence.js';
import { locationOf } from '../domain/location.js';
import { encodeRecord, RECORD_COLUMN } from '../domain/sheet-record.js';
import type { ChangesReport } from './changes.js';
import type { WhyLink } from '../domain/schedule/why.js';

/**
 * Who the copy is for. `everyone` (the CSU's working copy): every item. `practice`: without the
 * reminders the project manager sends third parties, and without the switch-off, reconnection and
 * reminders of a third party whose notice is marked not-needed (nothing is switched off).
 */
export { AUDIENCES, type Audience } from './formats.js';
import type { Audience } from './formats.js';

import type { RaidEntry } from '../domain/raid.js';

export interface PackInput {
  /** The plan as read, third parties resolved. */
  readonly plan: Plan;
  /** Each item's `notes:` from the plan file, by id. */
  readonly notes: ReadonlyMap<string, string>;
  readonly today: CalendarDate;
  /** The nation's bank holidays (the HTML chart shades those inside the plan). */
  readonly bankHolidays: readonly BankHoliday[];
  /** Default everyone. */
  readonly audience?: Audience;
  /** Only the actions this person owns (export --person): their roles' or named on them. */
  readonly person?: (item: PlanItem) => boolean;
  /** What changed since the last meeting, when the plan has a history (render/changes.ts). */
  readonly since?: ChangesReport;
  /** How each item's date was reached (kickoff why): the HTML pack's key dates link to it. */
  readonly chains?: ReadonlyMap<string, readonly WhyLink[]>;
  /** The plan's RAID log (`raid:`), open entries first, high first (sortRaid). */
  readonly raid?: readonly RaidEntry[];
}

/** The action list's columns, in order: the CSV header, the workbook's header, what import reads. */
export const ACTION_COLUMNS = [
  'Id',
  'Phase',
  'Action',
  'Type',
  'Start',
  'End',
  'Time',
  'Owner roles',
  'Owner names',
  'Third party',
  'Status',
  'Notes',
  RECORD_COLUMN,
] as const;

export interface ActionRow {
  readonly id: string;
  readonly phase: string;
  readonly title: string;
  readonly type: string;
  readonly start: CalendarDate;
  /** The last day: a weekly series' last meeting. */
  readonly end: CalendarDate;
  /** '10:00–12:00', and for a weekly series 'weekly until Mon 26 Jul 2027'; empty for all-day items. */
  readonly time: string;
  readonly ownerRoles: readonly string[];
  readonly ownerNames: readonly string[];
  readonly thirdParty: string;
  /** Empty for informational items: they record a fact and have nothing to tick. */
  readonly status: string;
  readonly notes: string;
  /** What the plan said when the list was made (domain/sheet-record.ts), for import's merge. */
  readonly record: string;
}

export function roleTitle(plan: Plan, role: string): string {
  return plan.roles.find((r) => r.id === role)?.title ?? role;
}

export function thirdPartyName(plan: Plan, id: string | undefined): string {
  if (!id) return '';
  return plan.thirdParties.find((p) => p.id === id)?.name ?? id;
}

/** Phase by phase (the plan file's order), then by date and time within a phase. */
export function actionRows(input: PackInput): ActionRow[] {
  const { plan, notes } = input;
  const audience = forAudience(plan, input.audience ?? 'everyone');
  const theirs = input.person ?? (() => true);
  const shown = (item: PlanItem) => audience(item) && theirs(item);
  const rows: ActionRow[] = [];
  for (const phase of plan.phases) {
    for (const item of byDate(plan.items.filter((i) => i.phase === phase.id && shown(i)))) {
      rows.push({
        id: item.id,
        phase: phase.title,
        title: item.title,
        type: item.type,
        start: item.start,
        end: lastDayOf(item),
        time: timeOf(item),
        ownerRoles: ownerRoleIds(plan, item).map((r) => roleTitle(plan, r)),
        // Role by role in the order of Owner roles, then the people named on the item; each once.
        ownerNames: ownerPeople(plan, item).map((p) => p.name),
        thirdParty: thirdPartyName(plan, item.thirdParty),
        status: item.status ?? '',
        notes: notes.get(item.id) ?? '',
        record: encodeRecord(item.id, { status: item.status ?? '', notes: notes.get(item.id) ?? '' }),
      });
    }
  }
  return rows;
}

/** Which items a copy for this audience lists. */
export function forAudience(plan: Plan, audience: Audience): (item: PlanItem) => boolean {
  if (audience === 'everyone') return () => true;
  const notNeeded = new Set(
    plan.items
      .filter((i) => i.thirdParty && i.type === 'notice' && i.status === 'not-needed')
      .map((i) => i.thirdParty),
  );
  return (item) =>
    item.type !== 'reminder' &&
    !(item.thirdParty && notNeeded.has(item.thirdParty) && item.type !== 'notice');
}

/** An item's last day: a weekly series' last meeting (as the calendars, show and due say it). */
export function lastDayOf(item: Pick<PlanItem, 'start' | 'end' | 'recurrence'>): CalendarDate {
  return item.recurrence ? lastOccurrence(item.start, item.recurrence) : item.end;
}

/** The Time column: a meeting's hours, and how a series repeats. */
function timeOf(item: PlanItem): string {
  const hours = item.time ? meetingHours(item, item.time) : '';
  const weekly = item.recurrence ? `weekly until ${formatLong(lastDayOf(item))}` : '';
  return [hours, weekly].filter(Boolean).join(', ');
}

export function when(item: Pick<PlanItem, 'start' | 'end' | 'time' | 'recurrence'>): string {
  const days =
    item.start === item.end ? formatLong(item.start) : `${formatLong(item.start)} – ${formatLong(item.end)}`;
  const time = item.time ? `, ${item.time}` : '';
  const weekly = item.recurrence ? `, then weekly until ${formatLong(lastDayOf(item))}` : '';
  return `${days}${time}${weekly}`;
}

/** An item's title, and where a meeting is held: "Kick-off meeting (at Meeting room 2)". */
export function placed(plan: Plan, item: PlanItem): string {
  const where = locationOf(plan, item);
  return where ? `${item.title} (at ${where})` : item.title;
}

/** One topic of the kick-off agenda, in the guide's order, with the plan's items that belong to it. */
export interface AgendaTopic {
  readonly title: string;
  readonly items: readonly PlanItem[];
}

const matches = (pattern: RegExp) => (item: PlanItem) => pattern.test(`${item.id} ${item.title}`);

/**
 * The topics the guide asks a kick-off to cover. Items are matched by what they are about (their
 * id and title), so a practice's own items join a topic when their titles say so.
 */
export function agenda(plan: Plan): AgendaTopic[] {
  const items = plan.items;
  const pick = (test: (item: PlanItem) => boolean) => byDate(items.filter(test));
  return [
    { title: 'Milestones and week-by-week activities', items: pick((i) => i.type === 'milestone') },
    {
      title: 'Dates: kick-off, data production, cutover and go-live',
      items: pick(matches(/^(kick-off|initial-data-production|final-data-production|cutover|go-live) /)),
    },
    { title: 'Who is involved: roles and contacts', items: [] },
    {
      title: 'Communications: the team, third parties, staff and patients',
      items: pick(
        (i) =>
          i.type === 'notice' ||
          matches(
            /^(weekly-migration-meeting|all-staff-briefing|patient-|prescribing-changes|website-|online-services)/,
          )(i),
      ),
    },
    { title: 'Data-migration scope', items: pick((i) => i.phase === 'data' || matches(/data-extract/)(i)) },
    { title: 'Risk ownership', items: pick(matches(/risk|go-no-go/i)) },
    { title: 'Hazard log', items: pick(matches(/hazard/i)) },
    { title: 'Rollback', items: pick(matches(/rollback|backup/i)) },
    {
      title: 'Downtime and its impact on core hours',
      items: pick((i) =>
        matches(/^(cutover|quiet-period|breather-slots|online-services-off|fp10-window) /)(i),
      ),
    },
  ];
}

/**
 * Who acts on an item, for people: the names of those who hold its roles, and the role's title
 * where nobody is named yet. The team table says who holds which role.
 */
export function ownersOf(plan: Plan, item: PlanItem): string[] {
  return ownerLabels(plan, item, (role) => roleTitle(plan, role));
}

/** By date, then time (all-day first), keeping the plan's order otherwise (sort is stable). */
export function byDate<T extends PlanItem>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => byText(a.start, b.start) || byText(a.time ?? '', b.time ?? ''));
}

/** The pack's action list, phase by phase: the same table in Markdown and HTML. */
export interface PhaseActions {
  readonly title: string;
  readonly rows: readonly ActionRow[];
  /** One row of cells per action, in the order of ACTION_TABLE_HEADERS. */
  readonly cells: readonly string[][];
}

export const ACTION_TABLE_HEADERS = ['Target date', 'Action', 'Owner', 'Status', 'Notes'] as const;

export function actionsByPhase(input: PackInput): PhaseActions[] {
  const { plan } = input;
  const rows = actionRows(input);
  const byId = new Map(plan.items.map((i) => [i.id, i]));
  return plan.phases.flatMap((phase) => {
    const inPhase = rows.filter((r) => r.phase === phase.title);
    if (inPhase.length === 0) return [];
    const cells = inPhase.map((r) => {
      const item = byId.get(r.id)!;
      return [
        when(item),
        placed(plan, item),
        ownersOf(plan, item).join(', '),
        r.status || 'for information',
        r.notes,
      ];
    });
    return [{ title: phase.title, rows: inPhase, cells }];
  });
}
