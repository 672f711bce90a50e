/**
 * kickoff serve: serve a feed folder over HTTP until Ctrl-C (or SIGTERM from a service manager).
 * Stopping is how a server ends, not a failure or a cancelled write, so it exits 0.
 */
import { ExitCode, UsageError } from '../errors.js';
import { isLoopback, serveFeeds } from '../app/serve-feeds.js';
import type { Terminal } from '../adapters/terminal/terminal.js';

export interface ServeOptions {
  readonly dir: string;
  readonly host: string;
  readonly port: string;
}

export async function serve(options: ServeOptions, terminal: Terminal): Promise<ExitCode> {
  const port = parsePort(options.port);
  const server = await serveFeeds({ dir: options.dir, host: options.host, port });
  // Listening first: a signal sent as soon as the start-up line appears must not kill the process.
  const stopped = stopSignal();
  if (!isLoopback(options.host))
    terminal.say(
      `${terminal.colour.yellow('Warning:')} serving on ${options.host}: anyone who can reach this machine can read these calendars (the practices' dates and roles, and the team's names and e-mail addresses if they were published with --with-names).`,
    );
  terminal.say(
    `Serving the calendars in ${options.dir} at ${server.url} (port ${server.port}).\n  Subscribe links: ${server.url}index.html    Press Ctrl-C to stop.`,
  );
  const signal = await stopped;
  await server.close();
  terminal.say(`Stopped (${signal}).`);
  return ExitCode.ok;
}

function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535))
    throw new UsageError(
      `--port: "${text}" is not a port number.`,
      'Use a number such as 8080, or 0 for any free port.',
    );
  return port;
}

function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
