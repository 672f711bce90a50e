/**
 * `kickoff serve` (the built binary) as a child process, and raw HTTP requests to it. node:http's
 * request keeps the path exactly as given (fetch would resolve '/../' before sending it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { commandLine, REPO_ROOT } from './cli.js';

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** Everything it printed on stderr so far. */
  stderr(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `kickoff serve ARGS` and waits (up to 60 s: a busy machine) for its start-up line. */
export function startServe(args: readonly string[]): Promise<ServeProcess> {
  const [command, line] = commandLine(['serve', '--port', '0', ...args]);
  const child = spawn(command, line, {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kickoff serve did not start in 60 s:\n${stderr}`));
    }, 60_000);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const port = /\(port (\d+)\)\.\n.*Ctrl-C/.exec(stderr);
      if (!port) return;
      clearTimeout(timer);
      resolve({
        child,
        port: Number(port[1]),
        stderr: () => stderr,
        stop: (signal = 'SIGINT') => {
          child.kill(signal);
          return exited;
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`kickoff serve exited with ${code} before it started:\n${stderr}`));
    });
  });
}

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export function httpRequest(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}
