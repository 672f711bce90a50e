/**
 * Typed errors and the exit codes they map to (ARCHITECTURE.md). Commands throw these; only
 * cli/main.ts turns them into a message and an exit status.
 */

export const ExitCode = {
  ok: 0,
  problems: 1,
  usage: 2,
  environment: 3,
  internal: 70,
  cancelled: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Where in a file a problem is: 1-based line and column. */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

export function formatLocation(location: SourceLocation): string {
  if (location.line === undefined) return location.file;
  return `${location.file}:${location.line}:${location.column ?? 1}`;
}

export class KickoffError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    readonly hint?: string,
    readonly location?: SourceLocation,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Unknown flag, bad date on the command line, a required answer missing without a terminal. */
export class UsageError extends KickoffError {
  constructor(message: string, hint?: string) {
    super(ExitCode.usage, message, hint);
  }
}

/** A plan, template or answers file with problems; an infeasible schedule. */
export class InputError extends KickoffError {
  constructor(message: string, hint?: string, location?: SourceLocation) {
    super(ExitCode.problems, message, hint, location);
  }
}

/** The file system or environment said no. */
export class IoError extends KickoffError {
  constructor(message: string, hint?: string, location?: SourceLocation) {
    super(ExitCode.environment, message, hint, location);
  }
}

/** Ctrl-C or Esc at a prompt, or "no" at the confirmation. */
export class CancelledError extends KickoffError {
  constructor(message = 'Cancelled; nothing was written.') {
    super(ExitCode.cancelled, message);
  }
}
