/**
 * A programme: many practices' plans seen together. Each plan becomes a PracticeView (who is
 * needed on which critical days, go-live, FDP, supplier); the views are indexed by person, week and
 * supplier-day, so finding clashes costs what the plans hold, not what their pairs do.
 */
import { criticalIds } from '../schedule/resolve.js';
import type { Capacity } from './capacity.js';
import type { Template } from '../template.js';
import type { CalendarDate, Diagnostic, Plan } from '../types.js';

/** The template's item ids the programme view reads (its go-live and final data production). */
import { FDP_ID, GO_LIVE_ID, KICKOFF_ID } from '../anchors.js';
import { byText } from '../order.js';

/** One person on one practice's critical item. */
export interface Commitment {
  /** The person: their email in lower case, or `name:` and their name when they have no email. */
  readonly key: string;
  readonly practice: string;
  readonly itemId: string;
  readonly title: string;
  readonly role: string;
  readonly start: CalendarDate;
  readonly end: CalendarDate;
  /** An item a person may hold at several practices at once (capacity `atOnce`). */
  readonly atOnce: boolean;
}

export interface Member {
  readonly key: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
}

export interface PersonAbsence {
  readonly key: string;
  readonly who: string;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  /** The plan that says so. */
  readonly practice: string;
  /** `who` named someone outside that plan's team, matched by name elsewhere in the programme. */
  readonly byName?: boolean;
}

export interface PracticeView {
  /** The plan file: unique in a programme, whatever the ODS codes say. */
  readonly id: string;
  readonly ods: string;
  readonly name: string;
  readonly goLive: CalendarDate;
  readonly kickoff?: CalendarDate;
  readonly fdp?: CalendarDate;
  readonly training?: { readonly start: CalendarDate; readonly end: CalendarDate };
  /** The new clinical system: whose migration desk does the FDP. */
  readonly supplier: string;
  /** A person fixed go-live (`pinned: true`): --suggest never moves it. */
  readonly goLivePinned: boolean;
  readonly members: readonly Member[];
  readonly commitments: readonly Commitment[];
  readonly absences: readonly PersonAbsence[];
}

/** The key a person is matched by across practices. */
export function personKey(name: string, email: string): string {
  const mail = email.trim().toLowerCase();
  return mail !== '' ? mail : `name:${name.trim().toLowerCase().replace(/\s+/g, ' ')}`;
}

/** What the programme needs from one plan. */
export function practiceView(id: string, plan: Plan, template: Template, capacity: Capacity): PracticeView {
  const { answers } = plan;
  const atOnce = new Set(Object.keys(capacity.atOnce));
  const critical = new Set([
    ...criticalIds(template, plan.thirdParties),
    ...capacity.alsoCritical,
    ...atOnce,
  ]);
  const members = answers.team.map((p) => ({
    key: personKey(p.name, p.email),
    name: p.name,
    email: p.email,
    role: p.role,
  }));
  const items = plan.items.filter((i) => critical.has(i.id) && i.status !== 'not-needed' && !i.informational);
  const commitments = items.flatMap((item) => {
    const seen = new Map<string, Commitment>();
    for (const m of members.filter((m) => item.roles.includes(m.role))) {
      const had = seen.get(m.key);
      const role = had ? `${had.role}, ${m.role}` : m.role;
      seen.set(m.key, {
        key: m.key,
        practice: id,
        itemId: item.id,
        title: item.title,
        role,
        start: item.start,
        end: item.end,
        atOnce: atOnce.has(item.id),
      });
    }
    return [...seen.values()];
  });
  const byId = (itemId: string) => plan.items.find((i) => i.id === itemId);
  const training = byId('training');
  return {
    id,
    ods: answers.practice.ods,
    name: answers.practice.name,
    goLive: answers.goLive,
    ...optional('kickoff', byId(KICKOFF_ID)?.start),
    ...optional('fdp', byId(FDP_ID)?.start),
    ...(training ? { training: { start: training.start, end: training.end } } : {}),
    supplier: answers.systems.new,
    goLivePinned: byId(GO_LIVE_ID)?.origin === 'pinned',
    members,
    commitments,
    absences: answers.absences.map((a) => ({
      key: absentKey(a.who, members),
      who: a.who,
      from: a.from,
      to: a.to,
      practice: id,
    })),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** An absence names a team member (by name or email), or someone by email alone. */
function absentKey(who: string, members: readonly Member[]): string {
  const wanted = who.trim().toLowerCase();
  const member = members.find(
    (m) => m.email.trim().toLowerCase() === wanted || m.name.trim().toLowerCase() === wanted,
  );
  if (member) return member.key;
  return wanted.includes('@') ? wanted : `name:${normalName(who)}`;
}

/** Each name (normalised) → the email keys of the team members with that name, across the programme. */
export function namesOf(views: readonly PracticeView[]): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  for (const view of views)
    for (const m of view.members) if (!m.key.startsWith('name:')) add(names, normalName(m.name), m.key);
  return names;
}

/**
 * An absence naming someone not in its own plan's team (by name, not email) counts for the one
 * person of that name elsewhere in the programme. Returns the view with those absences re-keyed.
 */
export function withNamedAbsences(
  view: PracticeView,
  names: ReadonlyMap<string, ReadonlySet<string>>,
): PracticeView {
  if (!view.absences.some((a) => a.key.startsWith('name:'))) return view;
  const absences = view.absences.map((a) => {
    const keys = a.key.startsWith('name:') ? names.get(a.key.slice(5)) : undefined;
    return keys?.size === 1 ? { ...a, key: [...keys][0]!, byName: true } : a;
  });
  return { ...view, absences };
}

function normalName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Matches made by name (an absence naming someone from another practice), names that match more
 * than one person, and one name with several emails (perhaps one person typed two ways): said once
 * each, so the lead can fix the team lists.
 */
export function matchingWarnings(views: readonly PracticeView[]): Diagnostic[] {
  const names = namesOf(views);
  const warnings: Diagnostic[] = [];
  for (const view of views) {
    for (const a of view.absences) {
      if (a.byName)
        warnings.push({
          severity: 'warning',
          code: 'portfolio.matched_by_name',
          message: `${view.ods}'s plan says ${a.who} is away, but ${a.who} is not in its team: matched by name to ${a.key}. Give the email in answers.absences (who: ${a.key}) so the match is certain.`,
        });
      else if (a.key.startsWith('name:') && (names.get(a.key.slice(5))?.size ?? 0) > 1)
        warnings.push({
          severity: 'warning',
          code: 'portfolio.name_ambiguous',
          message: `${view.ods}'s plan says ${a.who} is away, but several people have that name (${[...names.get(a.key.slice(5))!].sort().join(', ')}): not counted. Give the email in answers.absences.`,
        });
    }
  }
  for (const [name, emails] of [...names.entries()].sort(([a], [b]) => byText(a, b))) {
    if (emails.size < 2) continue;
    warnings.push({
      severity: 'warning',
      code: 'portfolio.one_name_two_emails',
      message: `"${name}" has different emails: ${[...emails].sort().join(', ')}. kickoff treats them as different people; if they are one person, use one email in every plan.`,
    });
  }
  return warnings;
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}
