/** kickoff portfolio FOLDER --person WHO: one person's actions in every practice, for people or as JSON. */
import { dateFlag } from '../app/flags.js';
import { readPersonActions, type PersonAction } from '../app/portfolio/person.js';
import { ExitCode, formatLocation, UsageError } from '../errors.js';
import { dataColourOf, type Terminal } from '../adapters/terminal/terminal.js';
import { renderPersonActions } from '../render/person-actions.js';
import type { PortfolioOptions } from './portfolio.js';

export async function portfolioPerson(
  options: PortfolioOptions & { readonly person: string },
  terminal: Terminal,
): Promise<ExitCode> {
  const other = [
    options.suggest && '--suggest',
    options.calendar && '--calendar',
    options.format && '--format',
    options.from && '--from',
    options.capacity && '--capacity',
  ].filter(Boolean);
  if (other.length > 0)
    throw new UsageError(
      `--person lists one person's actions; it does not go with ${other.join(', ')}.`,
      'Leave those out, or run kickoff portfolio without --person for the programme. --to sets how far ahead to look.',
    );
  const until = dateFlag('--to', options.to);
  const found = await readPersonActions(options.folder, options.person, {
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
    ...(until ? { until } : {}),
  });
  for (const b of found.broken) {
    const where = b.location ? formatLocation(b.location) : b.file;
    terminal.say(`${terminal.colour.red('Skipped')} ${where}: ${b.message}`);
  }
  if (options.json) {
    const entry = (a: PersonAction) => ({
      ods: a.ods,
      practice: a.practice,
      plan: a.folder,
      id: a.entry.item.id,
      title: a.entry.item.title,
      type: a.entry.item.type,
      due: a.entry.on,
      ...(a.entry.item.time ? { time: a.entry.item.time } : {}),
      status: a.entry.item.status ?? 'todo',
      ...(a.entry.daysLate > 0 ? { daysLate: a.entry.daysLate } : {}),
    });
    terminal.data(
      JSON.stringify(
        {
          person: found.person,
          today: found.today,
          ...(found.until ? { until: found.until } : {}),
          practices: found.practices,
          overdue: found.overdue.map(entry),
          due: found.due.map(entry),
          broken: found.broken.map((b) => ({ plan: b.file, message: b.message })),
        },
        null,
        2,
      ),
    );
  } else terminal.data(renderPersonActions(found, dataColourOf(terminal)).join('\n'));
  return found.broken.length > 0 ? ExitCode.problems : ExitCode.ok;
}
