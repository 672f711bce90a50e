/** kickoff calendar: regenerate the .ics files from the plan as it is (publishCalendars), and say so. */
import { sep } from 'node:path';
import { ExitCode } from '../errors.js';
import { publishCalendars, type PublishedCalendars } from '../app/publish-calendars.js';
import { sayDiagnostics, type Terminal } from '../adapters/terminal/terminal.js';
import { diagnosticJson } from './schedule-report.js';

export interface CalendarOptions {
  readonly plan: string;
  readonly out?: string;
  readonly template?: string;
  readonly today?: string;
  readonly wait?: string;
  readonly quiet?: boolean;
  readonly json?: boolean;
}

export async function calendar(options: CalendarOptions, terminal: Terminal): Promise<ExitCode> {
  const result = await publishCalendars(options.plan, {
    ...(options.out !== undefined ? { out: options.out } : {}),
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
  });
  return reportCalendars(result, options, terminal);
}

/** What `kickoff calendar` says (also after tick and import): the files, what changed, the problems. */
export function reportCalendars(
  result: PublishedCalendars,
  options: { readonly json?: boolean; readonly quiet?: boolean },
  terminal: Terminal,
): ExitCode {
  const { revised, written, folder } = result;
  if (options.json) {
    terminal.data(
      JSON.stringify(
        {
          planFile: result.planFile,
          folder,
          calendars: result.calendars.map((c) => ({ file: c.path, calendar: c.key, name: c.name })),
          changed: revised.map((e) => e.id),
          planChanged: result.planChanged,
          problems: result.diagnostics.map(diagnosticJson),
        },
        null,
        2,
      ),
    );
    return ExitCode.ok;
  }
  sayDiagnostics(terminal, result.diagnostics, { quiet: options.quiet });
  if (options.quiet) return ExitCode.ok;
  // The files are listed when something in them changed: a tick that moves nothing says so in one line.
  if (revised.length === 0) {
    terminal.say(
      `No event changed since the calendars were last written: the ${written.length} calendar(s) in ${folder}${sep} are up to date.`,
    );
    return ExitCode.ok;
  }
  terminal.say(`Wrote ${written.length} calendar(s) in ${folder}${sep}:`);
  for (const file of written) terminal.say(`  ${file}`);
  terminal.say(
    `${revised.length} event(s) changed since the calendars were last written (${listOf(revised.map((e) => e.id))}); ${result.planFile} records this.`,
  );
  return ExitCode.ok;
}

/** A few names, then how many more: a line people can read. */
function listOf(names: readonly string[], shown = 5): string {
  const more = names.length - shown;
  return more > 0 ? `${names.slice(0, shown).join(', ')} and ${more} more` : names.join(', ');
}
