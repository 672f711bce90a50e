import { beforeAll, describe, expect, it } from 'vitest';
import { eventContent } from '../../src/domain/calendar-events/event.js';
import {
  feedUrl,
  parseBaseUrl,
  parseRefreshInterval,
  webcalUrl,
  withoutNames,
} from '../../src/domain/calendar-events/feed.js';
import { D, loadDefaults, scheduleWith, type Defaults } from '../helpers/fixtures.js';
import { requestPath } from '../../src/adapters/feeds/feed-server.js';

describe('parseRefreshInterval', () => {
  it.each([
    ['4h', 'PT4H'],
    ['30m', 'PT30M'],
    ['90m', 'PT1H30M'],
    ['1d', 'P1D'],
    ['2w', 'P14D'],
    ['PT4H', 'PT4H'],
    ['pt15m', 'PT15M'],
    ['P1DT2H', 'P1DT2H'],
    ['P1W', 'P7D'],
    ['PT24H', 'P1D'],
  ])('reads %s as %s', (text, duration) => {
    expect(parseRefreshInterval(text)).toBe(duration);
  });

  it.each(['', 'P', 'PT', 'P1DT', '4', 'h', '14m', 'PT0H', '-PT4H', 'often', '4 hours'])(
    'refuses %j (not a duration, or under 15 minutes)',
    (text) => {
      expect(parseRefreshInterval(text)).toBeUndefined();
    },
  );
});

describe('parseBaseUrl and feed addresses', () => {
  it('ends the base URL with a slash, so feeds go inside it', () => {
    expect(parseBaseUrl('https://intranet.example.nhs.uk/kickoff')).toBe(
      'https://intranet.example.nhs.uk/kickoff/',
    );
    expect(parseBaseUrl('http://10.0.0.5:8080')).toBe('http://10.0.0.5:8080/');
  });

  it.each([
    'ftp://example.org/',
    'file:///srv/feeds',
    'https://u:p@example.org/',
    'https://x.org/?a=1',
    'https://x.org/#f',
    'intranet/kickoff',
  ])('refuses %s', (text) => {
    expect(parseBaseUrl(text)).toBeUndefined();
  });

  it('makes https and webcal addresses of a feed', () => {
    const url = feedUrl('https://intranet.example.nhs.uk/kickoff/', 'A81001/practice-manager.ics');
    expect(url).toBe('https://intranet.example.nhs.uk/kickoff/A81001/practice-manager.ics');
    expect(webcalUrl(url)).toBe('webcal://intranet.example.nhs.uk/kickoff/A81001/practice-manager.ics');
    expect(webcalUrl('http://10.0.0.5:8080/A81001/x.ics')).toBe('webcal://10.0.0.5:8080/A81001/x.ics');
  });
});

describe('requestPath: what kickoff serve will look up', () => {
  it.each([
    ['/', ['index.html']],
    ['/index.html', ['index.html']],
    ['/A81001/everything.ics', ['A81001', 'everything.ics']],
    ['/A81001/everything.ics?x=1', ['A81001', 'everything.ics']],
    ['/My%20Feeds/a.ics', ['My Feeds', 'a.ics']],
  ])('%s → %j', (url, segments) => {
    expect(requestPath(url)).toEqual(segments);
  });

  it.each([
    '/../etc/passwd.ics',
    '/%2e%2e/x.ics',
    '/..%2fx.ics',
    '/a%2fb.ics',
    '/a%5cb.ics',
    '/a\\..\\b.ics',
    '/./a.ics',
    '//a.ics',
    '/.a.ics.1234.tmp',
    '/A81001/.hidden.ics',
    '/A81001/index.html',
    '/kickoff.yaml',
    '/A81001/',
    '/x.ics%00',
    '/%e0%a4%a.ics',
    'http://example.org/a.ics',
    '*',
  ])('refuses %s', (url) => {
    expect(requestPath(url)).toBeUndefined();
  });
});

describe('withoutNames: what a feed shows of the team without --with-names', () => {
  let defaults: Defaults;
  beforeAll(async () => {
    defaults = await loadDefaults();
  });

  it('events say the roles, not the people, and the organiser is the role; the same dates and title', () => {
    const team = [
      { role: 'project-manager', name: 'Pat Jones', email: 'pat.jones@nhs.net' },
      { role: 'trainer', name: 'Sam Lee', email: 'sam.lee@nhs.net' },
    ];
    const plan = scheduleWith(defaults, { team }, D('2026-11-25'));
    const item = plan.items.find((i) => i.type === 'meeting' && i.roles.includes('trainer'))!;
    const named = eventContent(plan, item, false);
    const roles = eventContent(withoutNames(plan), item, false);
    expect(named.description).toContain('Sam Lee <sam.lee@nhs.net>');
    expect(named.organizer).toEqual({ name: 'Pat Jones', email: 'pat.jones@nhs.net' });
    expect(roles.organizer).toEqual({
      name: 'Migration project manager',
      email: 'project-manager@kickoff.invalid',
    });
    expect(roles.description).not.toMatch(/Sam Lee|sam\.lee|Pat Jones|pat\.jones/);
    expect(roles.description).toMatch(/(^|\n)Trainer(\n|$)/);
    expect(roles.description).toContain('ask the migration project manager.');
    const { description: _a, organizer: _b, ...rest } = roles;
    const { description: _c, organizer: _d, ...same } = named;
    expect(rest).toEqual(same);
  });

  it("people named as an item's owners are left out too", () => {
    const team = [
      { role: 'project-manager', name: 'Pat Jones', email: 'pat.jones@nhs.net' },
      { role: 'trainer', name: 'Sam Lee', email: 'sam.lee@nhs.net' },
    ];
    const plan = scheduleWith(defaults, { team }, D('2026-11-25'));
    const index = plan.items.findIndex((i) => i.type === 'deadline' && !i.roles.includes('trainer'));
    const items = plan.items.map((i, n) => (n === index ? { ...i, owners: ['sam.lee@nhs.net'] } : i));
    const named = eventContent({ ...plan, items }, items[index]!, false);
    expect(named.description).toContain('Named: Sam Lee <sam.lee@nhs.net>');
    const anonymous = withoutNames({ ...plan, items });
    const roles = eventContent(anonymous, anonymous.items[index]!, false);
    expect(roles.description).not.toMatch(/Sam Lee|sam\.lee|Named:/);
  });
});
