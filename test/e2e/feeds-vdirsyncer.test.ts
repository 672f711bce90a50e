/**
 * A team subscribes once and a re-plan reaches them: kickoff serve (the built binary) serves the
 * feed, vdirsyncer (a real subscription client: http storage → a local folder, one file per event)
 * syncs it, go-live moves and a third party is taken out, kickoff publish runs again, vdirsyncer
 * syncs again. The client's copy then holds each event exactly once, at its new date, and the
 * removed third party's events are gone (a feed leaves removed items out; the client drops them).
 * Skipped without vdirsyncer, except in CI, which installs it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, kickoff, tempDir } from '../helpers/cli.js';
import { eventsIn, type EventProps } from '../helpers/ical-items.js';
import { startServe, type ServeProcess } from '../helpers/serve.js';
import { feedFolder } from '../helpers/feeds.js';

const SLOW = 180_000;
const hasVdirsyncer = spawnSync('vdirsyncer', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasVdirsyncer && process.env.CI) throw new Error('vdirsyncer is missing: .ci/run installs it');

const root = tempDir('kickoff-vdirsyncer-');
const plan = join(root, 'plan');
const feeds = join(root, 'feeds');
const local = join(root, 'client', 'calendar');
const config = join(root, 'client', 'config');
let server: ServeProcess | undefined;

function vdirsyncer(...args: string[]): string {
  const run = spawnSync('vdirsyncer', ['-c', config, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, HOME: root, XDG_CONFIG_HOME: join(root, 'client') },
  });
  expect(run.status, `vdirsyncer ${args.join(' ')}:\n${run.stdout}${run.stderr}`).toBe(0);
  return `${run.stdout}${run.stderr}`;
}

function clientEvents(): EventProps[] {
  return readdirSync(local)
    .filter((f) => f.endsWith('.ics'))
    .flatMap((f) => eventsIn(readFileSync(join(local, f), 'utf8')));
}

/**
 * vdirsyncer's http storage replaces every UID with a digest of the event (it does not trust feeds'
 * UIDs), so the client's events are matched to the feed's by everything else they say: each must be
 * exactly one event of the feed, and each event of the feed must be there exactly once. Returns the
 * client's copy with the feed's UIDs put back.
 */
function matchFeed(client: readonly EventProps[], feed: readonly EventProps[]): EventProps[] {
  const feedByContent = new Map(feed.map((e) => [e.content, e]));
  expect(feedByContent.size, 'two events of the feed say the same').toBe(feed.length);
  const matched = client.map((e) => {
    const original = feedByContent.get(e.content);
    expect(original, `the client holds an event the feed does not:\n${e.content}`).toBeDefined();
    return original!;
  });
  const uids = matched.map((e) => e.uid).sort();
  expect(new Set(uids).size, 'an event is in the client twice').toBe(uids.length);
  expect(uids).toEqual(feed.map((e) => e.uid).sort());
  return matched;
}

function feedEvents(): EventProps[] {
  return eventsIn(readFileSync(join(feeds, feedFolder(feeds, 'A81001'), 'everything.ics'), 'utf8'));
}

const byUid = (events: readonly EventProps[]) => new Map(events.map((e) => [e.uid, e]));
const GO_LIVE = 'a81001-go-live@kickoff.invalid';

beforeAll(async () => {
  if (!hasVdirsyncer) return;
  assertBuilt();
  expect(kickoff(['init', '--example', '--dir', plan, '--today', '2026-11-25']).code).toBe(0);
  expect(kickoff(['publish', '--plan', plan, '--out', feeds, '--today', '2026-11-25']).code).toBe(0);
  server = await startServe(['--dir', feeds]);
  mkdirSync(local, { recursive: true });
  writeFileSync(
    config,
    `[general]
status_path = "${join(root, 'client', 'status')}/"

[pair practice]
a = "practice_feed"
b = "practice_local"
collections = null
conflict_resolution = "a wins"

[storage practice_feed]
type = "http"
url = "http://127.0.0.1:${server.port}/${feedFolder(feeds, 'A81001')}/everything.ics"

[storage practice_local]
type = "filesystem"
path = "${local}/"
fileext = ".ics"
`,
  );
}, SLOW);

afterAll(async () => {
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!hasVdirsyncer)('a subscription client (vdirsyncer) following a feed', () => {
  it(
    'holds each event once, at its new date, with a removed third party gone, after a re-plan',
    () => {
      vdirsyncer('discover', 'practice');
      vdirsyncer('sync');
      const first = matchFeed(clientEvents(), feedEvents());
      expect(byUid(first).get(GO_LIVE)?.dtstart).toBe('20270419');

      // Docman out of the plan, go-live three weeks later: moved events, and removed ones.
      const planFile = join(plan, 'kickoff.yaml');
      writeFileSync(planFile, readFileSync(planFile, 'utf8').replace(/^ {4}- docman\n/m, ''));
      const moved = kickoff(['schedule', '--plan', plan, '--go-live', '2027-05-10', '--today', '2026-11-26']);
      expect(moved.code, moved.stderr).not.toBe(70);
      expect(kickoff(['publish', '--plan', plan, '--out', feeds, '--today', '2026-11-26']).code).toBe(0);
      expect(vdirsyncer('sync')).toMatch(/Deleting item/);

      // Exactly what the feed says now, event for event: nothing left over from the first sync.
      const after = matchFeed(clientEvents(), feedEvents());
      const before = byUid(first);
      const goLive = byUid(after).get(GO_LIVE)!;
      expect(goLive.dtstart).toBe('20270510');
      expect(goLive.sequence).toBe(before.get(GO_LIVE)!.sequence + 1);
      const docmanBefore = first.filter((e) => e.uid.startsWith('a81001-docman-'));
      expect(docmanBefore.length).toBeGreaterThan(0);
      expect(after.filter((e) => e.uid.startsWith('a81001-docman-'))).toEqual([]);
      expect(after.filter((e) => e.status === 'CANCELLED')).toEqual([]);
      expect(after.length).toBe(first.length - docmanBefore.length);
    },
    SLOW,
  );
});
