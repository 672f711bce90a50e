/**
 * Which calendars a plan makes: one with everything, and one per role that has people, so each
 * person can subscribe to just their part (feeds: one per role with events, so that an address
 * people subscribed to outlives changes to the team). Same plan and publication → same files,
 * byte for byte.
 */
import { withoutNames } from '../../domain/calendar-events/feed.js';
import { publish, type Publication, type PublishedEvent } from '../../domain/calendar-events/publish.js';
import type { CalendarDate, Plan, PlanItem } from '../../domain/types.js';
import { eventFingerprint } from './fingerprint.js';
import { organizerOf, renderCalendars } from './ics.js';

export interface CalendarFile {
  readonly fileName: string;
  readonly text: string;
  /** 'everything', or the role's id. */
  readonly key: string;
  /** The calendar's name (NAME, X-WR-CALNAME). */
  readonly name: string;
}

/** Subscription feeds (`kickoff publish`): named by key alone (the folder names the practice). */
export interface FeedOptions {
  /** REFRESH-INTERVAL and X-PUBLISHED-TTL, an RFC 5545 duration such as 'PT4H'. */
  readonly refreshInterval: string;
  /** The feed's absolute URL from its file name; absent when the base URL is not known. */
  readonly urlOf?: (fileName: string) => string;
  /** People's names and addresses in the events (`publish --with-names`); roles only without it. */
  readonly withNames?: boolean;
}

export const EVERYTHING = 'everything';

export interface CalendarSetOptions {
  /** DTSTAMP for any event without a revision (none, when a publication is given). */
  readonly timestamp: string;
  readonly productVersion: string;
  readonly feed?: FeedOptions;
}

/** Sequences and cancellations for this plan, given what the calendars said last time. */
export function publishPlan(
  plan: Plan,
  previous: readonly PublishedEvent[],
  today: CalendarDate,
): Publication {
  organizerOf(plan); // every event is the project manager's: refused in words people can act on
  return publish(previous, plan, today, (item, cancelled) => eventFingerprint(plan, item, cancelled));
}

export function calendarSet(
  planned: Plan,
  publication: Publication,
  options: CalendarSetOptions,
): CalendarFile[] {
  // The SEQUENCEs were worked out from the plan with names: a feed shows less, never other dates.
  const plan = options.feed && !options.feed.withNames ? withoutNames(planned) : planned;
  const { name, ods } = plan.answers.practice;
  const prefix = ods.toLowerCase();
  const staffed = plan.roles.filter((role) => plan.answers.team.some((p) => p.role === role.id));
  const forRole = (roleId: string) => (item: PlanItem) => item.roles.includes(roleId);
  const { feed, ...shared } = options;
  // A feed's address must outlive team changes: every role with events has one, staffed or not.
  const hasEvents = (roleId: string) =>
    publication.live.some(forRole(roleId)) || publication.cancelled.some((c) => c.roles.includes(roleId));
  const roles = feed ? plan.roles.filter((role) => hasEvents(role.id)) : staffed;
  // A plain file carries the practice in its name: people download and attach it.
  const fileName = (key: string) => (feed ? `${key}.ics` : `${prefix}-${key}.ics`);
  // A feed is the whole truth each time a client fetches it: an event no longer in it is removed
  // from the subscriber's copy, so removed items are simply left out. A file people import keeps
  // them as STATUS:CANCELLED, the only way an import can take an event away.
  const tombstones = (items: PlanItem[]) => (feed ? [] : items);
  const urlOf = (key: string) => (feed?.urlOf ? { url: feed.urlOf(fileName(key)) } : {});
  const contents = [
    {
      key: EVERYTHING,
      fileName: fileName(EVERYTHING),
      ...urlOf(EVERYTHING),
      name: `${name} (${ods}) migration`,
      items: publication.live,
      cancelled: tombstones(publication.cancelled.filter((c) => c.everywhere).map((c) => c.item)),
    },
    ...roles.map((role) => ({
      key: role.id,
      fileName: fileName(role.id),
      ...urlOf(role.id),
      name: `${name} (${ods}) migration: ${role.title}`,
      items: publication.live.filter(forRole(role.id)),
      cancelled: tombstones(
        publication.cancelled.filter((c) => c.roles.includes(role.id)).map((c) => c.item),
      ),
    })),
  ];
  // One rendering per event, shared by every calendar it appears in.
  const texts = renderCalendars(plan, contents, {
    ...shared,
    ...(feed ? { refreshInterval: feed.refreshInterval } : {}),
    revisions: publication.revisions,
  });
  return contents.map((content, i) => ({
    fileName: content.fileName,
    key: content.key,
    name: content.name,
    text: texts[i]!,
  }));
}
