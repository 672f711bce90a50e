/**
 * Subscription feeds: how often clients fetch them again, and their addresses. Pure: text in, text
 * out; `URL` is the language's, not an import.
 */

import type { Plan } from '../types.js';

const UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 1440, w: 10080 };
/** Below this, clients ignore the hint anyway, and a feed polled every minute is only load. */
const MIN_MINUTES = 15;

/**
 * '4h', '30m', '1d', '1w' or an RFC 5545 duration ('PT4H', 'P1D', 'PT1H30M') → the RFC 5545 duration
 * REFRESH-INTERVAL takes; undefined when the text is neither, or shorter than 15 minutes.
 */
export function parseRefreshInterval(text: string): string | undefined {
  const minutes = minutesOf(text.trim());
  if (minutes === undefined || minutes < MIN_MINUTES) return undefined;
  return durationOf(minutes);
}

function minutesOf(text: string): number | undefined {
  const short = /^(\d{1,6})\s*([mhdw])$/i.exec(text);
  if (short) return Number(short[1]) * UNIT_MINUTES[short[2]!.toLowerCase()]!;
  const weeks = /^P(\d{1,4})W$/i.exec(text);
  if (weeks) return Number(weeks[1]) * UNIT_MINUTES.w!;
  const iso = /^P(?:(\d{1,4})D)?(?:T(?:(\d{1,5})H)?(?:(\d{1,6})M)?)?$/i.exec(text);
  // 'P' and 'P1DT' match the pattern but are not durations (RFC 5545 §3.3.6).
  if (!iso || text.toUpperCase() === 'P' || /T$/i.test(text)) return undefined;
  const [, d, h, m] = iso;
  return Number(d ?? 0) * 1440 + Number(h ?? 0) * 60 + Number(m ?? 0);
}

/** Minutes → the shortest RFC 5545 duration: 240 → 'PT4H', 1440 → 'P1D', 90 → 'PT1H30M'. */
function durationOf(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const time = `${hours ? `${hours}H` : ''}${rest ? `${rest}M` : ''}`;
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

/**
 * The address the feed folder is published at, ending in '/': http or https only, no user name or
 * password (they would be in every calendar), no query or fragment. Undefined when unusable.
 */
export function parseBaseUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  return url.href;
}

/** A feed's URL: the base URL, then the path inside the feed folder ('A81001/everything.ics'). */
export function feedUrl(baseUrl: string, path: string): string {
  return new URL(path.split('/').map(encodeURIComponent).join('/'), baseUrl).href;
}

/**
 * The subscribe link calendar apps open directly: webcal:// is http(s) with a scheme browsers hand
 * to the calendar app (Outlook, Apple Calendar) instead of downloading the file.
 */
export function webcalUrl(url: string): string {
  return url.replace(/^https?:/, 'webcal:');
}

/**
 * The plan as a feed shows it without `publish --with-names`: each person is only their role, no
 * name and no address. A feed is a web address; Outlook on the web and Google fetch it from the
 * internet, so whoever has the link would otherwise have the team's names, addresses and cutover
 * dates. The events then say "Trainer", the footer "the migration project manager", and the
 * ORGANIZER is the role at an address that goes nowhere (event.ts, ANONYMOUS_ORGANIZER). People
 * named as an item's owners go with the team's names: they are found in the team (people.ts).
 */
export function withoutNames(plan: Plan): Plan {
  return {
    ...plan,
    answers: {
      ...plan.answers,
      team: plan.answers.team.map((person) => ({ role: person.role, name: '', email: '' })),
    },
  };
}
