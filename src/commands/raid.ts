/**
 * kickoff raid add|list: the plan's RAID log (risks, assumptions, issues, dependencies). `add`
 * changes the plan through the one edit path; `list` reads it. The work is app/raid-log.ts's.
 */
import { formatLong } from '../domain/calendar.js';
import { ExitCode, UsageError } from '../errors.js';
import { addRaidEntry, listRaid } from '../app/raid-log.js';
import type { Terminal } from '../adapters/terminal/terminal.js';
import { raidLine } from '../render/report.js';

export interface RaidOptions {
  readonly action: string;
  readonly plan: string;
  readonly kind?: string;
  readonly title?: string;
  readonly owner?: string;
  readonly rating?: string;
  readonly review?: string;
  readonly notes?: string;
  readonly json?: boolean;
  readonly template?: string;
  readonly today?: string;
  readonly wait?: string;
  readonly quiet?: boolean;
}

export async function raid(options: RaidOptions, terminal: Terminal): Promise<ExitCode> {
  const common = {
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
  };
  if (options.action === 'list') {
    const { planFile, entries, today } = await listRaid(options.plan, common);
    if (options.json) terminal.data(JSON.stringify({ planFile, raid: entries }, null, 2));
    else if (entries.length === 0)
      terminal.data(`${planFile}: the RAID log is empty. Add to it with kickoff raid add.`);
    else
      terminal.data(
        entries
          .map(
            (e) =>
              `${e.status === 'closed' ? 'closed ' : e.review <= today ? 'REVIEW DUE ' : ''}${raidLine(e)}`,
          )
          .join('\n'),
      );
    return ExitCode.ok;
  }
  if (options.action !== 'add') throw new UsageError(`"${options.action}" is not add or list.`);
  const added = await addRaidEntry(options.plan, {
    ...common,
    ...(options.kind !== undefined ? { kind: options.kind } : {}),
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.owner !== undefined ? { owner: options.owner } : {}),
    ...(options.rating !== undefined ? { rating: options.rating } : {}),
    ...(options.review !== undefined ? { review: options.review } : {}),
    ...(options.notes !== undefined ? { notes: options.notes } : {}),
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
  });
  if (options.json) terminal.data(JSON.stringify(added, null, 2));
  else if (!options.quiet)
    terminal.say(
      `Added ${added.entry.id} to the RAID log of ${added.planFile} (review ${formatLong(added.entry.review)}).`,
    );
  return ExitCode.ok;
}
