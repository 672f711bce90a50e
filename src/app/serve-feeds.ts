/** serveFeeds: start the feed server on a folder `kickoff publish` wrote (it must have index.html). */
import { join } from 'node:path';
import { IoError } from '../errors.js';
import { startFeedServer, type RunningServer } from '../adapters/feeds/feed-server.js';
import { INDEX_FILE } from './publish-feeds.js';
import { diskFiles } from './workspace.js';

export interface ServeOptions {
  readonly dir: string;
  readonly host: string;
  readonly port: number;
}

export async function serveFeeds(options: ServeOptions): Promise<RunningServer> {
  // A folder without the index is not a feed folder: serving it would publish whatever .ics is there.
  if (!(await diskFiles.exists(join(options.dir, INDEX_FILE))))
    throw new IoError(
      `${options.dir} is not a feed folder: it has no ${INDEX_FILE}.`,
      `Write one with kickoff publish --out ${options.dir}, or point --dir at the folder publish wrote.`,
    );
  return startFeedServer({ root: options.dir, host: options.host, port: options.port });
}

/** 127.0.0.1, ::1 and localhost reach only this machine. */
export function isLoopback(host: string): boolean {
  return /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host.toLowerCase() === 'localhost';
}
