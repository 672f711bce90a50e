/**
 * kickoff serve, the built binary: real HTTP requests to a real server. A file outside the feed
 * folder (and a link to it inside) is there to be found, so a traversal bug would fail these tests.
 */
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, SKIP_BROWSER } from '../helpers/chromium.js';
import { assertBuilt, kickoff, tempDir } from '../helpers/cli.js';
import { httpRequest, startServe, type ServeProcess } from '../helpers/serve.js';
import { feedFolder } from '../helpers/feeds.js';

const SLOW = 120_000;
const TODAY = ['--today', '2026-11-25'];
const root = tempDir('kickoff-serve-');
const feeds = join(root, 'feeds');
let server: ServeProcess;
/** The practice's feed folder: <ODS>-<token>. */
let A: string;

beforeAll(async () => {
  assertBuilt();
  expect(kickoff(['init', '--example', '--dir', join(root, 'plan'), ...TODAY]).code).toBe(0);
  expect(kickoff(['publish', '--plan', join(root, 'plan'), '--out', feeds, ...TODAY]).code).toBe(0);
  A = feedFolder(feeds, 'A81001');
  writeFileSync(join(root, 'secret.ics'), 'SECRET OUTSIDE THE FEED FOLDER');
  writeFileSync(join(feeds, 'notes.txt'), 'not a feed');
  symlinkSync(join(root, 'secret.ics'), join(feeds, A, 'escape.ics'));
  server = await startServe(['--dir', feeds]);
}, SLOW);

afterAll(async () => {
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** Bytes on a raw socket: a request line no HTTP library would send. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let reply = '';
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write(text));
    socket.setEncoding('utf8').on('data', (chunk: string) => (reply += chunk));
    socket.on('end', () => resolve(reply));
    socket.on('error', reject);
  });
}

describe('kickoff serve', () => {
  it('prints its address on standard error, on loopback', () => {
    expect(server.stderr()).toContain(`http://127.0.0.1:${server.port}/`);
    expect(server.stderr()).toContain('Ctrl-C');
    expect(server.stderr()).not.toContain('Warning');
  });

  it('serves a feed as text/calendar with an ETag and Last-Modified', async () => {
    const reply = await httpRequest(server.port, `/${A}/everything.ics`);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(reply.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(new Date(String(reply.headers['last-modified'])).getTime()).not.toBeNaN();
    expect(reply.body).toBe(readFileSync(join(feeds, A, 'everything.ics'), 'utf8'));
  });

  it('serves index.html as text/html at / and /index.html', async () => {
    for (const path of ['/', '/index.html']) {
      const reply = await httpRequest(server.port, path);
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(reply.body).toContain('Migration calendars');
    }
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await httpRequest(server.port, `/${A}/trainer.ics`);
    const head = await httpRequest(server.port, `/${A}/trainer.ics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.headers.etag).toBe(get.headers.etag);
  });

  it('answers 304 to a matching If-None-Match or If-Modified-Since, 200 to a stale one', async () => {
    const first = await httpRequest(server.port, `/${A}/everything.ics`);
    const etag = String(first.headers.etag);
    const byTag = await httpRequest(server.port, `/${A}/everything.ics`, {
      headers: { 'If-None-Match': etag },
    });
    expect(byTag.status).toBe(304);
    expect(byTag.body).toBe('');
    expect(byTag.headers.etag).toBe(etag);
    const byDate = await httpRequest(server.port, `/${A}/everything.ics`, {
      headers: { 'If-Modified-Since': String(first.headers['last-modified']) },
    });
    expect(byDate.status).toBe(304);
    const stale = await httpRequest(server.port, `/${A}/everything.ics`, {
      headers: {
        'If-None-Match': '"something-else"',
        'If-Modified-Since': String(first.headers['last-modified']),
      },
    });
    expect(stale.status).toBe(200);
  });

  it(
    'serves a regenerated feed at once, with a new ETag, without a restart',
    async () => {
      const before = await httpRequest(server.port, `/${A}/lead-gp.ics`);
      const again = kickoff([
        'publish',
        '--plan',
        join(root, 'plan'),
        '--out',
        feeds,
        '--refresh',
        '1d',
        ...TODAY,
      ]);
      expect(again.code).toBe(0);
      const after = await httpRequest(server.port, `/${A}/lead-gp.ics`, {
        headers: { 'If-None-Match': String(before.headers.etag) },
      });
      expect(after.status).toBe(200);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(after.body).toContain('REFRESH-INTERVAL;VALUE=DURATION:P1D');
    },
    SLOW,
  );

  it.each([
    '/../secret.ics',
    '/FOLDER/../../secret.ics',
    '/%2e%2e/secret.ics',
    '/%2E%2E/%2e%2e/secret.ics',
    '/..%2fsecret.ics',
    '/FOLDER/..%2f..%2fsecret.ics',
    '/FOLDER%2f..%2f..%2fsecret.ics',
    '/..%5csecret.ics',
    '/FOLDER/escape.ics',
    '/FOLDER/',
    '/FOLDER',
    '/notes.txt',
    '/nothing.ics',
    '/.index.html.tmp',
    '//secret.ics',
    '/FOLDER/everything.ics%00.html',
    // FOLDER: the practice's feed folder, <ODS>-<token>, known once published.
  ])('answers 404 to %s', async (path) => {
    const reply = await httpRequest(server.port, path.replace('FOLDER', A));
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('SECRET');
  });

  it('answers 404 to an absolute path or URL in the request line', async () => {
    for (const target of [join(root, 'secret.ics'), `http://127.0.0.1/${join(root, 'secret.ics')}`]) {
      const reply = await rawRequest(
        server.port,
        `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      );
      expect(reply).toMatch(/^HTTP\/1\.1 404/);
      expect(reply).not.toContain('SECRET');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    const reply = await httpRequest(server.port, `/${A}/everything.ics`, { method: 'PUT' });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
  });
});

describe.skipIf(SKIP_BROWSER)('the index page in a browser', () => {
  it(
    'shows webcal and https links worked out from its own address (published without --base-url)',
    () => {
      const run = chromium(['--dump-dom', `http://127.0.0.1:${server.port}/`]);
      expect(run.stdout).toContain(`href="webcal://127.0.0.1:${server.port}/${A}/everything.ics"`);
      // The address as text (the page marks where it may wrap with <span> and <wbr>).
      expect(run.stdout.replace(/<\/?span>|<wbr>/g, '')).toContain(
        `<code>http://127.0.0.1:${server.port}/${A}/trainer.ics</code>`,
      );
      expect(run.stdout).not.toContain('open this page from the web server');
    },
    SLOW,
  );
});

describe('kickoff serve, starting and stopping', () => {
  it(
    'stops cleanly on SIGTERM and on Ctrl-C (SIGINT), exit 0',
    async () => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        const running = await startServe(['--dir', feeds]);
        expect(await running.stop(signal)).toBe(0);
        expect(running.stderr()).toContain(`Stopped (${signal})`);
      }
    },
    SLOW,
  );

  it(
    'warns when it is reachable from other machines',
    async () => {
      const running = await startServe(['--dir', feeds, '--host', '0.0.0.0']);
      expect(running.stderr()).toMatch(/Warning: serving on 0\.0\.0\.0: anyone who can reach this machine/);
      expect(await running.stop()).toBe(0);
    },
    SLOW,
  );

  it('exits 3 when the port is taken, and 3 for a folder without index.html', () => {
    const taken = kickoff(['serve', '--dir', feeds, '--port', String(server.port)]);
    expect(taken.code).toBe(3);
    expect(taken.stderr).toContain(`Port ${server.port} on 127.0.0.1 is already in use`);
    const notFeeds = kickoff(['serve', '--dir', root, '--port', '0']);
    expect(notFeeds.code).toBe(3);
    expect(notFeeds.stderr).toContain('has no index.html');
  });

  it('exits 2 for a port that is not a number', () => {
    const run = kickoff(['serve', '--dir', feeds, '--port', 'eighty']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--port');
  });
});
