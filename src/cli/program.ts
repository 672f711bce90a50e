/** The command line: commander built from the option records; each command run by a runner given to it. */
import { Argument, Command, Option } from 'commander';
import { COMMANDS, type CommandSpec } from './options.js';

const HELP_AFTER = `
Exit codes: 0 ok; 1 the plan, template or answers have problems; 2 usage (bad flag or date,
missing answer without a terminal); 3 file system; 70 internal error; 130 cancelled.

Calendars: import each .ics into a new, separate calendar. After dates move (kickoff schedule),
delete that calendar and import again, or publish feeds (kickoff publish, kickoff serve) and
subscribe to them: events keep their identity, so subscribed calendars update in place.`;

/**
 * commander's own messages (a bad flag, a value not among the choices) said the way kickoff says
 * its errors: "kickoff: --status: "finished" is not one of todo, doing, done, not-needed."
 */
export function inKickoffWords(message: string): string {
  const [first = '', ...rest] = message.trim().split('\n');
  let text = first.replace(/^error: /, '');
  const option = /^option '(-[^ ',]+)[^']*' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/.exec(
    text,
  );
  const argument =
    /^command-argument value '(.*)' is invalid for argument '(.*)'\. Allowed choices are (.*)\.$/.exec(text);
  if (option) text = `${option[1]}: "${option[2]}" is not one of ${option[3]}.`;
  else if (argument) text = `${argument[2]}: "${argument[1]}" is not one of ${argument[3]}.`;
  else text = `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  const hints = rest.map((line) => `  ${line.trim().replace(/^\((.*)\)$/, '$1')}`);
  return `${['kickoff: ' + text, ...hints].join('\n')}\n`;
}

/**
 * `onRun` is given the command the arguments chose, with its options, once commander has parsed
 * them (never for --help, --version or a usage error). Only the commands `argv` names are given
 * their options: making all 189 for every run was a third of what `kickoff --help` took, and
 * commander runs a command only when the arguments name it (`kickoff show`, `kickoff help show`).
 */
export function buildProgram(
  version: string,
  onRun: (command: string, options: Record<string, unknown>) => void,
  argv: readonly string[],
): Command {
  const program = new Command('kickoff')
    .description('Plan a GP practice clinical-system migration backwards from its go-live date.')
    .version(version, '-V, --version', 'print the version')
    .option('--no-color', 'no colour in messages or output')
    .option('--debug', 'show the full details of an internal error')
    .addHelpText('after', HELP_AFTER)
    .exitOverride()
    .showSuggestionAfterError(true)
    // Set before the commands are added, so each of them inherits them.
    .configureOutput({ outputError: (message, write) => write(inKickoffWords(message)) })
    .configureHelp({ subcommandTerm });
  for (const spec of COMMANDS) {
    const command = program.command(spec.name).description(spec.summary).exitOverride();
    if (argv.includes(spec.name)) addOptions(command, spec);
    for (const argument of spec.arguments ?? []) {
      const built = new Argument(argument.syntax ?? `<${argument.name}>`, argument.description);
      if (argument.choices) built.choices(argument.choices);
      command.addArgument(built);
    }
    command.action((...args: unknown[]) => {
      // Positional arguments first, then the options: each argument joins the options by name.
      const named = (spec.arguments ?? []).map((a, i) => [a.name, args[i]] as const);
      const options = { ...(args[named.length] as Record<string, unknown>), ...Object.fromEntries(named) };
      onRun(spec.name, options);
    });
  }
  return program;
}

function addOptions(command: Command, spec: CommandSpec): void {
  for (const option of spec.options) {
    const built = new Option(option.flags, option.description);
    if (option.defaultValue !== undefined) built.default(option.defaultValue);
    if (option.mandatory) built.makeOptionMandatory();
    if (option.choices) built.choices(option.choices);
    command.addOption(built);
  }
}

/**
 * A command as `kickoff --help` lists it ("show [options]"), as commander's own would, from the
 * command's record: its options are not made unless it runs.
 */
function subcommandTerm(command: Command): string {
  const spec = COMMANDS.find((c) => c.name === command.name());
  const args = command.registeredArguments.map((a) => {
    const name = `${a.name()}${a.variadic ? '...' : ''}`;
    return a.required ? `<${name}>` : `[${name}]`;
  });
  return [command.name(), ...(spec?.options.length ? ['[options]'] : []), ...args].join(' ');
}
