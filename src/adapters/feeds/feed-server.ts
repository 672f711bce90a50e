/**
 * The HTTP server behind `kickoff serve` (node:http, no framework): serves a feed folder's
 * index.html and .ics files, and nothing else. Every request reads the file again, so files that
 * `kickoff publish` regenerates are served at once. ETag (a digest of the bytes) and Last-Modified
 * let calendar apps ask "has it changed?" and get a 304 when it has not.
 *
 * A file is sent as a stream, as fast as the client takes it, so a client that asks and never reads
 * holds at most a piece of it in memory (about 64 KB), not the whole file; and at most
 * MAX_CONNECTIONS clients are served at once.
 */
import { createHash } from 'node:crypto';
import { open, realpath, stat, type FileHandle } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { IoError } from '../../errors.js';

export interface FeedServerOptions {
  /** The feed folder. */
  readonly root: string;
  readonly host: string;
  /** 0: any free port. */
  readonly port: number;
}

export interface RunningServer {
  /** http://host:port/ as people type it (IPv6 in brackets). */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.ics': 'text/calendar; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};
const INDEX = 'index.html';
/** The index page's own script and style are inline; nothing else may load or run. */
const HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";
/**
 * Limits for slow or silent clients: a calendar app sends its few headers at once, so 10 s for the
 * headers and 20 s for the whole request are generous, and each stalled connection is closed (408)
 * instead of being held for Node's defaults (60 s and 5 min), checked every second.
 */
const LIMITS = {
  headersTimeout: 10_000,
  requestTimeout: 20_000,
  connectionsCheckingInterval: 1_000,
  // Node's default header limit (16 KB, then 431) stays; say it here so it is not loosened by accident.
  maxHeaderSize: 16 * 1024,
} as const;
/**
 * The most connections served at once; more are closed as they arrive, until some finish. A
 * practice's subscribers poll every few hours, so even a programme of hundreds of practices has a
 * handful at a time; 200 stalled clients hold about 13 MB of feed between them (64 KB each).
 */
export const MAX_CONNECTIONS = 200;
/** How much of a file is read at a time, and so the most a client that does not read can hold. */
const PIECE = 64 * 1024;
/** An idle kept-alive connection is closed after this; apps poll a feed every few hours at most. */
const KEEP_ALIVE_MS = 5_000;
/**
 * A connection with no bytes either way for this long is closed. The headers timeout only starts
 * with a request's first byte, so without this a client that connects and sends nothing is kept.
 */
const IDLE_MS = 10_000;

export async function startFeedServer(options: FeedServerOptions): Promise<RunningServer> {
  const root = await realpath(options.root);
  const server = createServer(LIMITS, (request, response) => {
    handle(request, response, root).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Internal error\n');
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.timeout = IDLE_MS;
  server.maxConnections = MAX_CONNECTIONS;
  await listen(server, options);
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { url: `http://${host}:${port}/`, port, close: () => close(server) };
}

function listen(server: Server, { host, port }: FeedServerOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, host, port)));
    server.listen(port, host, () => resolve());
  });
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): IoError {
  if (error.code === 'EADDRINUSE')
    return new IoError(
      `Port ${port} on ${host} is already in use by another program.`,
      'Choose another one with --port (--port 0 picks a free one).',
    );
  if (error.code === 'EACCES')
    return new IoError(
      `This account may not use port ${port}.`,
      'Choose a port above 1023 with --port, e.g. --port 8080.',
    );
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
    return new IoError(
      `This machine has no address ${host}.`,
      'Give --host one of its own addresses, or leave --host out to serve only this machine (127.0.0.1).',
    );
  return new IoError(`Cannot serve on ${host} port ${port}: ${error.message}.`);
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Calendar apps keep connections open; without this, close waits for them to time out.
    server.closeAllConnections();
  });
}

async function handle(request: IncomingMessage, response: ServerResponse, root: string): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Only GET and HEAD\n');
    return;
  }
  const segments = requestPath(request.url ?? '');
  const file = segments && (await fileInside(root, segments));
  if (!file) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(request.method === 'HEAD' ? undefined : 'Not found\n');
    return;
  }
  // One open file for the digest and the reply: publish replaces a feed by renaming a new file
  // into place, so what is sent is the file the digest was made of.
  const handle = await open(file.path, 'r');
  try {
    await reply(request, response, file, handle);
  } finally {
    await handle.close();
  }
}

async function reply(
  request: IncomingMessage,
  response: ServerResponse,
  file: ServedFile,
  handle: FileHandle,
): Promise<void> {
  const { size } = await handle.stat();
  const etag = await etagOf(handle);
  const modified = Math.floor(file.mtimeMs / 1000) * 1000;
  const headers = {
    ETag: etag,
    'Last-Modified': new Date(modified).toUTCString(),
    // Ask every time (a 304 costs nothing), so a regenerated feed is never served stale from a cache.
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...(file.type.startsWith('text/html') ? { 'Content-Security-Policy': HTML_POLICY } : {}),
  };
  if (notModified(request, etag, modified)) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  response.writeHead(200, { ...headers, 'Content-Type': file.type, 'Content-Length': size });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  // As fast as the client reads: a piece at a time, the next only when the last has gone out. A
  // client that goes away (or is closed as idle) ends the stream.
  const body = handle.createReadStream({
    start: 0,
    end: Math.max(size - 1, 0),
    highWaterMark: PIECE,
    autoClose: false,
  });
  await pipeline(body, response).catch(() => undefined);
}

/** The digest of a file's bytes, read a piece at a time. */
async function etagOf(handle: FileHandle): Promise<string> {
  const hash = createHash('sha256');
  const piece = Buffer.allocUnsafe(PIECE);
  for (let at = 0; ;) {
    const { bytesRead } = await handle.read(piece, 0, PIECE, at);
    if (bytesRead === 0) break;
    hash.update(piece.subarray(0, bytesRead));
    at += bytesRead;
  }
  return `"${hash.digest('base64url').slice(0, 27)}"`;
}

/**
 * The path's segments, or undefined for anything but '/', '/index.html' and '/…/name.ics': no
 * encoded slashes or backslashes, no '.', '..' or hidden names (the temp files of atomic writes).
 */
export function requestPath(rawUrl: string): string[] | undefined {
  if (!rawUrl.startsWith('/')) return undefined;
  const raw = rawUrl.split(/[?#]/, 1)[0]!;
  if (/%(2f|5c|00)/i.test(raw) || raw.includes('\\')) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (path === '/') return [INDEX];
  const segments = path.slice(1).split('/');
  // eslint-disable-next-line no-control-regex
  if (segments.some((s) => s === '' || s.startsWith('.') || /[\0-\x1f]/.test(s))) return undefined;
  const last = segments[segments.length - 1]!;
  const isIndex = segments.length === 1 && last === INDEX;
  return isIndex || last.toLowerCase().endsWith('.ics') ? segments : undefined;
}

interface ServedFile {
  readonly path: string;
  readonly type: string;
  readonly mtimeMs: number;
}

/** The file, if it is a regular file whose real path (links followed) is inside the root. */
async function fileInside(root: string, segments: readonly string[]): Promise<ServedFile | undefined> {
  try {
    const real = await realpath(join(root, ...segments));
    if (!real.startsWith(`${root}${sep}`)) return undefined;
    const info = await stat(real);
    if (!info.isFile()) return undefined;
    const type = TYPES[real.slice(real.lastIndexOf('.')).toLowerCase()];
    return type ? { path: real, type, mtimeMs: info.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

/** RFC 9110 §13.1: If-None-Match wins; If-Modified-Since only without it. */
function notModified(request: IncomingMessage, etag: string, modified: number): boolean {
  const match = request.headers['if-none-match'];
  if (match !== undefined) {
    const tags = match.split(',').map((t) => t.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(etag);
  }
  const since = request.headers['if-modified-since'];
  if (since === undefined) return false;
  const time = Date.parse(since);
  return !Number.isNaN(time) && modified <= time;
}
