/**
 * kickoff pin / unpin: fix an item on a date (or let kickoff schedule it again), in place in the
 * plan, then re-plan exactly as `kickoff schedule` does: items scheduled from it follow it. The
 * work is pinItem's and unpinItem's; this says what happened, with the schedule's report.
 */
import { formatDayMonthYear } from '../domain/dates.js';
import { ExitCode } from '../errors.js';
import { pinItem, unpinItem } from '../app/pin-item.js';
import type { ReplanOptions } from '../app/replan-practice.js';
import type { Terminal } from '../adapters/terminal/terminal.js';
import { reportSchedule } from './schedule.js';

export interface PinOptions {
  readonly plan: string;
  readonly id: string;
  readonly date?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly template?: string;
  readonly today?: string;
  readonly wait?: string;
  readonly quiet?: boolean;
}

export async function pin(options: PinOptions, terminal: Terminal): Promise<ExitCode> {
  const { item, replanned } = await pinItem(options.plan, options.id, options.date ?? '', useCase(options));
  const code = replanned ? reportSchedule(replanned, options, terminal) : ExitCode.ok;
  const date = replanned?.plan.items.find((i) => i.id === item.id)?.start ?? item.start;
  if (!options.quiet)
    terminal.say(
      `${item.id}: ${item.title} pinned on ${formatDayMonthYear(date)}${item.start !== date ? ` (was ${formatDayMonthYear(item.start)})` : ''}.`,
    );
  return code;
}

export async function unpin(options: PinOptions, terminal: Terminal): Promise<ExitCode> {
  const { item, replanned } = await unpinItem(options.plan, options.id, useCase(options));
  if (!replanned) {
    if (!options.quiet) terminal.say(`${item.id}: ${item.title} is not pinned; nothing to change.`);
    return ExitCode.ok;
  }
  const code = reportSchedule(replanned, options, terminal);
  if (!options.quiet) terminal.say(`${item.id}: ${item.title} unpinned; kickoff schedules it again.`);
  return code;
}

function useCase(options: PinOptions): ReplanOptions {
  return {
    ...(options.out !== undefined ? { out: options.out } : {}),
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
  };
}
