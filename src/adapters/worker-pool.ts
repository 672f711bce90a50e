/**
 * node:worker_threads, wrapped: run a list of tasks in N worker threads of one process (no child
 * process per task) and get the results back in the tasks' order, whatever order they finish in.
 * A worker that throws something unexpected, or stops, fails the whole run with the task it had,
 * and every other worker is stopped: a crash never leaves the run waiting.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { getAsset } from 'node:sea';
import { fileURLToPath } from 'node:url';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { inExecutable } from './shipped.js';

/**
 * A worker failed: a bug (an unexpected exception, in the one task it names) or the thread stopped
 * (then any of the tasks it held).
 */
export class WorkerCrash extends Error {
  constructor(
    readonly taskIndexes: readonly number[],
    message: string,
    stack?: string,
  ) {
    super(message);
    this.name = 'WorkerCrash';
    if (stack) this.stack = stack;
  }
}

type ToWorker<T> = { readonly index: number; readonly task: T };
type FromWorker<R> =
  | { readonly index: number; readonly result: R }
  | { readonly index: number; readonly bug: { readonly message: string; readonly stack?: string } };

export interface PoolOptions<T, R> {
  /** The worker's module (it calls serveTasks). */
  readonly script: URL;
  /** Given to every worker once (structured clone): what all tasks share. */
  readonly shared: unknown;
  readonly tasks: readonly T[];
  readonly threads: number;
  /** Called as each result arrives (in finishing order): a progress display. */
  readonly onResult?: (index: number, result: R) => void;
  /** What is kept of each result as it arrives (the result itself by default). */
  readonly keep?: (result: R) => R;
}

/**
 * Tasks a worker holds at once: while one waits for its files to be written, the worker plans the
 * next (one at a time, two workers were slower than one thread that keeps several in flight).
 */
const IN_FLIGHT_PER_WORKER = 4;

export async function runInWorkers<T, R>(options: PoolOptions<T, R>): Promise<R[]> {
  const { tasks } = options;
  const results: R[] = new Array<R>(tasks.length);
  if (tasks.length === 0) return results;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      let failed = false;
      const fail = (error: WorkerCrash) => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      const start = () => {
        const worker = newWorker(options.script, { workerData: options.shared, execArgv: workerFlags() });
        workers.push(worker);
        // The tasks this worker has and has not answered yet, oldest first.
        const given = new Set<number>();
        const held = () => [...given].sort((a, b) => a - b);
        const give = () => {
          while (given.size < IN_FLIGHT_PER_WORKER && next < tasks.length) {
            given.add(next);
            worker.postMessage({ index: next, task: tasks[next]! } satisfies ToWorker<T>);
            next++;
          }
        };
        worker.on('message', (message: FromWorker<R>) => {
          if ('bug' in message)
            return fail(new WorkerCrash([message.index], message.bug.message, message.bug.stack));
          given.delete(message.index);
          results[message.index] = options.keep ? options.keep(message.result) : message.result;
          options.onResult?.(message.index, message.result);
          if (++done === tasks.length) return resolve();
          give();
        });
        worker.on('error', (error) => fail(new WorkerCrash(held(), error.message, error.stack)));
        worker.on('exit', (code) => {
          if (given.size > 0 || done < tasks.length)
            fail(new WorkerCrash(held(), `a worker thread stopped (exit code ${code})`));
        });
        give();
      };
      for (let i = 0; i < Math.min(options.threads, tasks.length); i++) start();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

/**
 * A single executable (npm run package) has no worker files beside it: it holds each worker's
 * program inside, under workers/ and the script's file name (scripts/package.mjs).
 */
export function workerAsset(script: URL): string {
  return `workers/${basename(fileURLToPath(script))}`;
}

/** Whether the worker `script` is there to start: its file, or in an executable its stored program. */
export function workerAvailable(script: URL): boolean {
  if (!inExecutable()) return existsSync(script);
  try {
    getAsset(workerAsset(script));
    return true;
  } catch {
    return false;
  }
}

function newWorker(script: URL, options: { workerData: unknown; execArgv: string[] }): Worker {
  if (!inExecutable()) return new Worker(script, options);
  return new Worker(getAsset(workerAsset(script), 'utf8'), { ...options, eval: true });
}

/**
 * The process's node flags, less those about the main script's own source (`node --input-type=module
 * -e …` from a CSU's script): a worker given them refuses to start.
 */
function workerFlags(): string[] {
  const flags: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (['-e', '--eval', '-p', '--print'].includes(flag)) i++;
    else if (!/^--(input-type|eval|print)(=|$)/.test(flag)) flags.push(flag);
  }
  return flags;
}

/** In the worker's module: what the pool gave every worker, once. */
export function sharedData<S>(): S {
  return workerData as S;
}

/** In the worker's module: answer each task with `handle`'s result; an exception is reported as a bug. */
export function serveTasks<T, R>(handle: (task: T) => Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs only in a worker thread');
  port.on('message', ({ index, task }: ToWorker<T>) => {
    handle(task).then(
      (result) => port.postMessage({ index, result } satisfies FromWorker<R>),
      (error: unknown) => {
        const e = error instanceof Error ? error : new Error(String(error));
        port.postMessage({ index, bug: { message: e.message, ...(e.stack ? { stack: e.stack } : {}) } });
      },
    );
  });
}
