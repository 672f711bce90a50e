/**
 * kickoff serve under hostile requests (issue 13), the built binary on loopback: traversal in every
 * encoding, absurd headers, slow and silent clients, 1,000 requests at once. Secret files sit beside
 * the feed folder, so a traversal bug would put their text in a reply and fail these tests.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createConnection, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, kickoff, tempDir } from '../helpers/cli.js';
import { httpRequest, startServe, type ServeProcess } from '../helpers/serve.js';
import { feedFolder } from '../helpers/feeds.js';

const SLOW = 120_000;
const TODAY = ['--today', '2026-11-25'];
const SECRET = 'SECRET-OUTSIDE-THE-FEED-FOLDER';
/** The server's memory after 1,000 requests: a small process is ~60 MB; a leak or buffering all would show. */
const RSS_LIMIT_KB = 200 * 1024;
const root = tempDir('kickoff-serve-hostile-');
const feeds = join(root, 'feeds');
let server: ServeProcess;
/** The practice's feed folder: <ODS>-<token>. */
let A: string;
let everything: string;

beforeAll(async () => {
  assertBuilt();
  expect(kickoff(['init', '--example', '--dir', join(root, 'plan'), ...TODAY]).code).toBe(0);
  expect(kickoff(['publish', '--plan', join(root, 'plan'), '--out', feeds, ...TODAY]).code).toBe(0);
  A = feedFolder(feeds, 'A81001');
  for (const name of ['secret.ics', 'secret.txt', 'index.html']) writeFileSync(join(root, name), SECRET);
  everything = readFileSync(join(feeds, A, 'everything.ics'), 'utf8');
  server = await startServe(['--dir', feeds]);
}, SLOW);

afterAll(async () => {
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** Raw bytes on a socket; resolves with everything the server sent once it closes the connection. */
function raw(bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    let reply = '';
    const socket = createConnection({ host: '127.0.0.1', port: server.port }, () => socket.write(bytes));
    socket.setEncoding('latin1').on('data', (chunk: string) => (reply += chunk));
    // A reset (the server closing on unread bytes) is also the server refusing: resolve with what came.
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(reply));
  });
}

function get(target: string, headers = ''): Promise<string> {
  return raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Connection: close\r\n\r\n`);
}

function statusOf(reply: string): number | undefined {
  const match = /^HTTP\/1\.1 (\d{3}) /.exec(reply);
  return match ? Number(match[1]) : undefined;
}

/** The server is up and serving correctly. */
async function expectStillServing(): Promise<void> {
  const reply = await httpRequest(server.port, `/${A}/everything.ics`);
  expect(reply.status).toBe(200);
  expect(reply.body).toBe(everything);
  expect(server.child.exitCode).toBeNull();
}

function rssKb(pid: number): number {
  const line = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!line) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(line[1]);
}

const TRAVERSALS = [
  '/../secret.ics',
  '/A81001/../../secret.ics',
  '/A81001/./../../secret.ics',
  '/%2e%2e/secret.ics',
  '/%2E%2E/SECRET.ICS',
  '/%2e%2E/secret.ics',
  '/.%2e/secret.ics',
  '/%2e./secret.ics',
  '/..%2fsecret.ics',
  '/..%2Fsecret.ics',
  '/%2e%2e%2fsecret.ics',
  '/%252e%252e/secret.ics',
  '/%252e%252e%252fsecret.ics',
  '/..%252f..%252fsecret.ics',
  '/%c0%ae%c0%ae/secret.ics',
  '/%c0%ae%c0%ae%c0%afsecret.ics',
  '/%C0%AE%C0%AE/secret.ics',
  '/%e0%80%ae%e0%80%ae/secret.ics',
  '/%ef%bc%8e%ef%bc%8e/secret.ics',
  '/%u002e%u002e/secret.ics',
  '/..\\secret.ics',
  '/A81001\\..\\..\\secret.ics',
  '/..%5csecret.ics',
  '/..%5Csecret.ics',
  '/secret.ics%00.ics',
  '/../secret.ics%00',
  '/A81001/everything.ics%00/../../secret.ics',
  '/..;/secret.ics',
  '/....//secret.ics',
  '//secret.ics',
  '///etc/passwd',
  '/%2fetc%2fpasswd',
  '/../../../../../../../../etc/passwd',
  '/../index.html',
  '/../secret.txt',
  `/${'../'.repeat(3000)}etc/passwd`,
  `/${'a/'.repeat(6000)}everything.ics`,
  `/${'%2e%2e/'.repeat(2000)}secret.ics`,
  'http://127.0.0.1/../secret.ics',
  'http://127.0.0.1/A81001/../../secret.ics',
  'http://evil.example/%2e%2e/secret.ics',
  'file:///etc/passwd',
  '*',
  '../secret.ics',
  'secret.ics',
];

describe('kickoff serve under hostile requests', () => {
  it.each(TRAVERSALS.map((t) => [t.length > 60 ? `${t.slice(0, 40)}… (${t.length} chars)` : t, t]))(
    'refuses %s (4xx) and never serves a file from outside the folder',
    async (_, target) => {
      const reply = await get(target);
      // 400/404 from kickoff; 414/431 from Node for a request line past its 16 KB header limit.
      expect([400, 404, 414, 431]).toContain(statusOf(reply));
      expect(reply).not.toContain(SECRET);
      expect(reply).not.toMatch(/root:.*:0:0:/);
    },
    SLOW,
  );

  it('still serves the real files after all of that', expectStillServing, SLOW);

  it.each([
    ['a 100 KB header', `X-Big: ${'a'.repeat(100_000)}\r\n`],
    [
      '1,000 headers of 40 bytes',
      Array.from({ length: 1000 }, (_, i) => `X-Header-${i}: ${'v'.repeat(25)}\r\n`).join(''),
    ],
    ['a header line without a colon', 'this is not a header\r\n'],
    ['a NUL in a header value', 'X-Nul: a\0b\r\n'],
  ])(
    'answers %s with 4xx or by closing, and keeps serving',
    async (_, headers) => {
      const reply = await get(`/${A}/everything.ics`, headers);
      const status = statusOf(reply);
      if (status !== undefined) expect(status).toBeGreaterThanOrEqual(400);
      expect(status === undefined || status < 500).toBe(true);
      await expectStillServing();
    },
    SLOW,
  );

  it(
    'answers 1,000 short headers (within the limit) normally',
    async () => {
      const headers = Array.from({ length: 1000 }, (_, i) => `X-${i}: v\r\n`).join('');
      const reply = await get(`/${A}/everything.ics`, headers);
      expect([200, 400, 431]).toContain(statusOf(reply));
      await expectStillServing();
    },
    SLOW,
  );

  it.each([
    ['no method or version', 'GARBAGE\r\n\r\n'],
    ['no version', 'GET /\r\n\r\n'],
    ['HTTP/9.9', 'GET / HTTP/9.9\r\nHost: x\r\n\r\n'],
    ['two spaces and extra words', 'GET  /  HTTP/1.1 extra\r\nHost: x\r\n\r\n'],
    ['binary bytes', Buffer.from([0, 1, 2, 0xff, 0xfe, 13, 10, 13, 10])],
    ['a bare LF request', 'GET / HTTP/1.1\nHost: x\n\n'],
    ['a lying Content-Length', 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n'],
    ['two Content-Lengths', 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab'],
  ])(
    'answers a malformed request (%s) with 4xx or by closing, and keeps serving',
    async (_, bytes) => {
      const reply = await raw(bytes);
      const status = statusOf(reply);
      if (status !== undefined && status !== 200) expect(status).toBeGreaterThanOrEqual(400);
      expect(status === undefined || status < 500).toBe(true);
      expect(reply).not.toContain(SECRET);
      await expectStillServing();
    },
    SLOW,
  );

  it(
    'serves others while a client sends its headers a byte every 100 ms, then closes that client',
    async () => {
      const socket = createConnection({ host: '127.0.0.1', port: server.port });
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      socket.on('error', () => undefined);
      const drip = `GET /${A}/everything.ics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'z'.repeat(100_000)}`;
      let sent = 0;
      const timer = setInterval(() => {
        if (!socket.destroyed) socket.write(drip[sent++ % drip.length]!);
      }, 100);
      try {
        for (let i = 0; i < 5; i++) await expectStillServing();
        // The server's headers timeout ends the slow client (it would otherwise be held for ever).
        await closed;
      } finally {
        clearInterval(timer);
        socket.destroy();
      }
      await expectStillServing();
    },
    SLOW,
  );

  it(
    'serves others while clients connect and send nothing, then closes them',
    async () => {
      const silent: Socket[] = [];
      const closed: Promise<void>[] = [];
      for (let i = 0; i < 20; i++) {
        const socket = createConnection({ host: '127.0.0.1', port: server.port });
        socket.on('error', () => undefined);
        closed.push(new Promise((resolve) => socket.on('close', () => resolve())));
        silent.push(socket);
      }
      try {
        for (let i = 0; i < 5; i++) await expectStillServing();
        await Promise.all(closed);
      } finally {
        for (const socket of silent) socket.destroy();
      }
      await expectStillServing();
    },
    SLOW,
  );

  it(
    'answers 1,000 concurrent requests correctly, stays up, and its memory stays bounded',
    async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 64 });
      const paths = [`/${A}/everything.ics`, '/index.html', '/nothing.ics', '/../secret.ics'];
      const expected = [200, 200, 404, 404];
      const one = (i: number) =>
        new Promise<{ status: number; body: string; i: number }>((resolve, reject) => {
          const req = request(
            { host: '127.0.0.1', port: server.port, path: paths[i % paths.length], agent },
            (res) => {
              let body = '';
              res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body, i }));
            },
          );
          req.on('error', reject);
          req.end();
        });
      try {
        const replies = await Promise.all(Array.from({ length: 1000 }, (_, i) => one(i)));
        for (const { status, body, i } of replies) {
          expect(status, paths[i % paths.length]).toBe(expected[i % paths.length]);
          if (i % paths.length === 0) expect(body).toBe(everything);
          expect(body).not.toContain(SECRET);
        }
      } finally {
        agent.destroy();
      }
      const rss = rssKb(server.child.pid!);
      expect(rss, `VmRSS ${rss} kB`).toBeLessThan(RSS_LIMIT_KB);
      await expectStillServing();
    },
    SLOW,
  );
  it(
    'keeps its memory bounded while 1,000 clients ask for a 2.4 MB feed and never read it',
    async () => {
      // A feed as large as a programme calendar gets; written where the server reads it.
      const line = `DESCRIPTION:${'x'.repeat(70)}\r\n`;
      const big = `BEGIN:VCALENDAR\r\n${line.repeat(Math.ceil((2.4 * 1024 * 1024) / line.length))}END:VCALENDAR\r\n`;
      writeFileSync(join(feeds, A, 'big.ics'), big);
      const sockets: Socket[] = [];
      let peak = 0;
      try {
        for (let i = 0; i < 1000; i++) {
          const socket = createConnection({ host: '127.0.0.1', port: server.port });
          socket.on('error', () => undefined);
          socket.pause(); // never reads: the reply stays with the server
          socket.write(`GET /${A}/big.ics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
          sockets.push(socket);
        }
        // The server's memory while they hang on: sampled for 4 s.
        for (let i = 0; i < 40; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          peak = Math.max(peak, rssKb(server.child.pid!));
        }
      } finally {
        for (const socket of sockets) socket.destroy();
        rmSync(join(feeds, A, 'big.ics'), { force: true });
      }
      expect(peak, `VmRSS peak ${peak} kB`).toBeLessThan(RSS_LIMIT_KB);
      expect(server.child.exitCode).toBeNull();
      // Their connections close (or time out) and the server serves again.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await expectStillServing();
    },
    SLOW,
  );
});
