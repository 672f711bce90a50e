/** The command line: commander built from the option records; each command imported lazily. */
import { Command, Option } from 'commander';
import type { Terminal } from '../adapters/terminal.js';
import type { ExitCode } from '../errors.js';
import { COMMANDS } from './options.js';

type Run = (options: Record<string, unknown>, terminal: Terminal) => Promise<ExitCode>;

const RUNNERS: Record<string, () => Promise<Run>> = {
  init: async () => (await import('../commands/init.js')).init as unknown as Run,
  schedule: async () => (await import('../commands/schedule.js')).schedule as unknown as Run,
  calendar: async () => (await import('../commands/calendar.js')).calendar as unknown as Run,
  show: async () => (await import('../commands/show.js')).show as unknown as Run,
  export: async () => (await import('../commands/export.js')).exportPlan as unknown as Run,
  import: async () => (await import('../commands/import.js')).importSheet as unknown as Run,
};

const HELP_AFTER = `
Exit codes: 0 ok; 1 the plan, template or answers have problems; 2 usage (bad flag or date,
missing answer without a terminal); 3 file system; 70 internal error; 130 cancelled.

Calendars: import each .ics into a new, separate calendar. After dates move (kickoff schedule),
delete that calendar and import again, or publish the file at a URL and subscribe to it: events
keep their identity, so subscribed calendars update in place.`;

export function buildProgram(
  version: string,
  onRun: (run: () => Promise<ExitCode>) => void,
  terminal: () => Terminal,
): Command {
  const program = new Command('kickoff')
    .description('Plan a GP practice clinical-system migration backwards from its go-live date.')
    .version(version, '-V, --version', 'print the version')
    .option('--no-color', 'no colour in messages')
    .option('--debug', 'show the full details of an internal error')
    .addHelpText('after', HELP_AFTER)
    .exitOverride()
    .showSuggestionAfterError(true);
  for (const spec of COMMANDS) {
    const command = program.command(spec.name).description(spec.summary).exitOverride();
    for (const option of spec.options) {
      const built = new Option(option.flags, option.description);
      if (option.defaultValue !== undefined) built.default(option.defaultValue);
      command.addOption(built);
    }
    if (spec.argument) command.argument(spec.argument);
    command.action((...args: unknown[]) => {
      // commander passes positional arguments first, then the options.
      const options = args[spec.argument ? 1 : 0] as Record<string, unknown>;
      const given = spec.argument ? { ...options, file: args[0] } : options;
      onRun(async () => (await RUNNERS[spec.name]!())(given, terminal()));
    });
  }
  return program;
}
