/**
 * index.html of a feed folder: every practice's feeds with their subscribe links, and how to
 * subscribe in Outlook and Google Calendar. One self-contained page: inline CSS, nothing fetched.
 * Without a base URL the page works out its own address when it is opened from a web server (a few
 * lines of inline script); with one, the links are written in and the page has no script at all.
 */
import { formatLong } from '../domain/calendar.js';
import { feedUrl, webcalUrl } from '../domain/calendar-events/feed.js';
import type { CalendarDate } from '../domain/types.js';
import { escapeXml as esc } from './gantt.js';
import { htmlPage } from './html-page.js';

export interface FeedIndexPractice {
  readonly name: string;
  readonly ods: string;
  readonly goLive: CalendarDate;
  readonly feeds: readonly FeedIndexEntry[];
}

export interface FeedIndexEntry {
  /** 'everything' or a role id. */
  readonly key: string;
  /** The calendar's name, as calendar apps show it. */
  readonly name: string;
  /** Inside the feed folder, '/'-separated: 'A81001/everything.ics'. */
  readonly path: string;
}

export interface FeedIndexInput {
  readonly today: CalendarDate;
  readonly refreshInterval: string;
  readonly baseUrl?: string;
  readonly practices: readonly FeedIndexPractice[];
}

const STYLE = `
body { font: 15px/1.45 Arial, Helvetica, sans-serif; color: #212b32; margin: 24px auto; max-width: 60em; padding: 0 16px; }
h1 { color: #003087; font-size: 26px; margin: 0 0 8px; }
h2 { color: #003087; font-size: 19px; border-bottom: 2px solid #005eb8; padding-bottom: 2px; margin-top: 28px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; }
th, td { border: 1px solid #c8cdd0; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #e8edee; }
/* An address wraps after a "/" (a <wbr> marks each place), never inside a word or at a hyphen. */
code { font-size: 13px; }
code span { white-space: nowrap; }
/* On a phone a table too wide for the screen scrolls sideways in its own box, not the page. */
.table-box { overflow-x: auto; }
.table-box:focus { outline: 3px solid #ffb81c; }
.warning { border-left: 6px solid #ffb81c; padding: 4px 12px; background: #fff9ec; }`;

/** The page's script, only without a base URL: absolute links from the address it was opened at. */
const SCRIPT = `
for (const cell of document.querySelectorAll('[data-feed]')) {
  const url = new URL(cell.getAttribute('data-feed'), location.href);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
  const link = (href, text) => Object.assign(document.createElement('a'), { href, textContent: text });
  const code = document.createElement('code');
  url.href.split(/(?<=\\/)(?!\\/)/).forEach((part, i) => {
    if (i > 0) code.append(document.createElement('wbr'));
    code.append(Object.assign(document.createElement('span'), { textContent: part }));
  });
  cell.replaceChildren(cell.dataset.kind === 'subscribe' ? link(url.href.replace(/^https?:/, 'webcal:'), 'Subscribe') : code);
}`;

export function renderFeedIndex(input: FeedIndexInput): string {
  const body = [
    '<h1>Migration calendars</h1>',
    intro(input),
    ...input.practices.map((practice) => practiceSection(practice, input.baseUrl)),
    ...(input.practices.length === 0 ? ['<p>No calendars have been published here yet.</p>'] : []),
    HOW_TO,
    LEAKED,
  ];
  const script = input.baseUrl === undefined ? [`<script>${SCRIPT}\n</script>`] : [];
  return htmlPage('Migration calendars to subscribe to', STYLE, [...body, ...script]);
}

function intro(input: FeedIndexInput): string {
  return `<p>Subscribe to a calendar once and your calendar app keeps its dates up to date: when the
plan changes, these calendars are published again and your app picks up the change the next time it
checks (they ask to be checked every ${esc(readable(input.refreshInterval))}). Choose
the first calendar of a practice for the whole plan, or your role's calendar for just your part.
Published ${esc(formatLong(input.today))}.</p>`;
}

function practiceSection(practice: FeedIndexPractice, baseUrl: string | undefined): string {
  const rows = practice.feeds.map((feed) => feedRow(feed, baseUrl));
  return [
    `<h2>${esc(practice.name)} (${esc(practice.ods)}), go-live ${esc(formatLong(practice.goLive))}</h2>`,
    `<div class="table-box" tabindex="0" role="region" aria-label="${esc(`Calendars of ${practice.name}`)}"><table>`,
    '<tr><th>Calendar</th><th>Subscribe</th><th>Address to paste into your calendar app</th><th>File</th></tr>',
    ...rows,
    '</table></div>',
  ].join('\n');
}

function feedRow(feed: FeedIndexEntry, baseUrl: string | undefined): string {
  const path = esc(feed.path);
  const download = `<a href="${path}">${esc(feed.path.split('/').pop() ?? feed.path)}</a>`;
  if (baseUrl === undefined) {
    const unknown = 'open this page from the web server to see it';
    return `<tr><td>${esc(feed.name)}</td><td data-feed="${path}" data-kind="subscribe">(${unknown})</td><td data-feed="${path}" data-kind="address">(${unknown})</td><td>${download}</td></tr>`;
  }
  const url = feedUrl(baseUrl, feed.path);
  return `<tr><td>${esc(feed.name)}</td><td><a href="${esc(webcalUrl(url))}">Subscribe</a></td><td><code>${breakable(url)}</code></td><td>${download}</td></tr>`;
}

/** An address with a place to wrap after each "/" (not between the two of "https://"). */
function breakable(url: string): string {
  return url
    .split(/(?<=\/)(?!\/)/)
    .map((part) => `<span>${esc(part)}</span>`)
    .join('<wbr>');
}

/** 'PT4H' → '4 hours', 'P1D' → '1 day', 'PT1H30M' → '1 hour 30 minutes'. */
function readable(duration: string): string {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(duration);
  if (!m) return duration;
  const units = ['week', 'day', 'hour', 'minute'];
  return units
    .map((unit, i) => (m[i + 1] ? `${m[i + 1]} ${unit}${m[i + 1] === '1' ? '' : 's'}` : ''))
    .filter(Boolean)
    .join(' ');
}

/** What someone holding one address can read, and what to do when one gets out. */
const LEAKED = `<h2>If an address gets out</h2>
<p>Each practice's addresses contain a long random part, so they cannot be guessed from the
practice's ODS code. Anyone who has one address can read that calendar: the practice's migration
dates and which roles do what (and people's names and e-mail addresses, if the calendars were
published with names). The practice's other calendars share its random part, so they could guess
those too; nothing of other practices. This page lists every address: share it only with the people
who need it, and do not put it where the public can find it.</p>
<p>If an address has reached someone it should not, the person who publishes the calendars runs
<kbd>kickoff publish --new-token</kbd>: every address changes, the old ones stop working, and
everyone subscribes again from this page.</p>`;

const HOW_TO = `<h2>How to subscribe</h2>
<p><strong>Outlook on Windows (classic Outlook).</strong> Click <em>Subscribe</em> next to the
calendar: Outlook opens and asks whether to add this Internet calendar; choose Yes. Or copy the
address, then in Outlook's calendar choose Add Calendar (in older versions Open Calendar), From
Internet, paste the address and choose OK. The calendar appears under Other calendars and Outlook
fetches it again by itself from your computer.</p>
<p><strong>Outlook on the web and the new Outlook for Windows.</strong> Copy the address. In the
calendar, choose Add calendar, then Subscribe from web, paste the address, give the calendar a name
and choose Import. Microsoft's servers fetch it every few hours, so the address must be one they can
reach from the internet.</p>
<p><strong>Google Calendar.</strong> On a computer, open Google Calendar; next to Other calendars
choose + and then From URL, paste the address and choose Add calendar. It then shows on your phone
too. Google fetches it from its own servers (so the address must be reachable from the internet) on
its own schedule, often only once or twice a day; there is no button to make it sooner.</p>
<p class="warning"><strong>Do not download the file and import it.</strong> An imported copy never
updates: Outlook adds every event a second time and Google Calendar refuses events it has seen, so
you would be left with old dates. If you imported a calendar before, delete it once you have
subscribed.</p>`;
