/**
 * The plan's value rules that both of its readers use: the zod schema (plan-store.ts), which checks
 * and explains, and the quick check (plan-quick-check.ts), which only says yes or "ask zod".
 * No `g` or `y` flag: the quick check calls test() on them directly, and those flags would make
 * each test start where the last one stopped.
 */

/** A meeting's start: 24-hour hh:mm. */
export const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A meeting's length: 1h, 90m or 1h 30m. */
export const DURATION = /^(\d+h)?\s*(\d+m)?$/;
/** An event's fingerprint in `published:`, as kickoff writes it. */
export const FINGERPRINT = /^[0-9a-f]{16}$/;
