/**
 * Each command's code, imported only when that command runs. Kept apart from the program's
 * parsing (program.ts, dispatch.ts) so that `kickoff --help` is built without any of it (help.ts).
 */
import type { Terminal } from '../adapters/terminal/terminal.js';
import type { ExitCode } from '../errors.js';

export type Run = (options: Record<string, unknown>, terminal: Terminal) => Promise<ExitCode>;

/** Each command's name → its code, loaded when asked for. */
export type Runners = Readonly<Record<string, () => Promise<Run>>>;

export const RUNNERS: Runners = {
  init: async () => (await import('../commands/init.js')).init as unknown as Run,
  schedule: async () => (await import('../commands/schedule.js')).schedule as unknown as Run,
  calendar: async () => (await import('../commands/calendar.js')).calendar as unknown as Run,
  publish: async () => (await import('../commands/publish.js')).publish as unknown as Run,
  serve: async () => (await import('../commands/serve.js')).serve as unknown as Run,
  show: async () => (await import('../commands/show.js')).show as unknown as Run,
  check: async () => (await import('../commands/check.js')).check as unknown as Run,
  due: async () => (await import('../commands/due.js')).due as unknown as Run,
  tick: async () => (await import('../commands/tick.js')).tick as unknown as Run,
  pin: async () => (await import('../commands/pin.js')).pin as unknown as Run,
  unpin: async () => (await import('../commands/pin.js')).unpin as unknown as Run,
  why: async () => (await import('../commands/why.js')).why as unknown as Run,
  history: async () => (await import('../commands/history.js')).history as unknown as Run,
  undo: async () => (await import('../commands/history.js')).undo as unknown as Run,
  merge: async () => (await import('../commands/merge.js')).merge as unknown as Run,
  changes: async () => (await import('../commands/history.js')).changes as unknown as Run,
  batch: async () => (await import('../commands/batch.js')).batch as unknown as Run,
  portfolio: async () => (await import('../commands/portfolio.js')).portfolio as unknown as Run,
  schema: async () => (await import('../commands/schema.js')).schema as unknown as Run,
  completion: async () => (await import('./completion.js')).completion as unknown as Run,
  export: async () => (await import('../commands/export.js')).exportCommand as unknown as Run,
  import: async () => (await import('../commands/import.js')).importSheet as unknown as Run,
  report: async () => (await import('../commands/report.js')).report as unknown as Run,
  raid: async () => (await import('../commands/raid.js')).raid as unknown as Run,
  invite: async () => (await import('../commands/invite.js')).invite as unknown as Run,
};
