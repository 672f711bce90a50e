/** Values given on the command line that the use cases share the rules of. */
export { dateFlag } from '../adapters/clock.js';

import { readClock } from '../adapters/clock.js';
import type { CalendarDate } from '../domain/types.js';

/** Today, from --today (checked: a bad date is a usage error), SOURCE_DATE_EPOCH or the clock. */
export function todayFrom(flag: string | undefined): CalendarDate {
  return readClock(flag).today;
}
