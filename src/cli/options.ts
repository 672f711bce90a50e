/**
 * Every command and option as data: commander's options and the README's table both come from here.
 */
export interface OptionSpec {
  readonly flags: string;
  readonly description: string;
  readonly defaultValue?: string;
}

export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  /** A positional argument, e.g. '<file>'; the command receives it as options.file. */
  readonly argument?: string;
  readonly options: readonly OptionSpec[];
}

const today: OptionSpec = {
  flags: '--today <date>',
  description:
    'treat this date as today (for repeatable output; default: the real date, or SOURCE_DATE_EPOCH)',
};
const template: OptionSpec = {
  flags: '--template <file>',
  description: "use your own template instead of kickoff's default (a CSU's variant)",
};
const plan: OptionSpec = {
  flags: '--plan <file>',
  description: 'the plan file',
  defaultValue: './kickoff.yaml',
};

const out: OptionSpec = {
  flags: '--out <folder>',
  description: 'where to write the calendars (default: calendars/ beside the plan)',
};

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'init',
    summary: 'ask about the practice, back-schedule the migration, write kickoff.yaml and calendars',
    options: [
      { flags: '--example', description: 'use a built-in example practice; no questions asked' },
      { flags: '--answers <file>', description: 'read answers from a YAML file ("-" for standard input)' },
      {
        flags: '--dir <folder>',
        description: 'where to write kickoff.yaml and calendars/',
        defaultValue: '.',
      },
      {
        flags: '--go-live <date>',
        description: 'go-live date, 2027-03-15 or 15/03/2027 (overrides the answers file)',
      },
      {
        flags: '--nation <nation>',
        description: 'bank holidays of england, wales, scotland or northern-ireland',
      },
      { flags: '--kickoff <date>', description: 'a fixed kick-off date (default: scheduled from go-live)' },
      template,
      { flags: '--yes', description: 'write without asking for confirmation' },
      { flags: '--no-input', description: 'never prompt, even in a terminal (fail if an answer is missing)' },
      {
        flags: '--force',
        description: 'replace an existing kickoff.yaml (the old one is kept as kickoff.yaml.bak)',
      },
      today,
    ],
  },
  {
    name: 'schedule',
    summary: 're-plan kickoff.yaml (after a new go-live or your edits), update it in place and the calendars',
    options: [
      plan,
      { flags: '--go-live <date>', description: 'move go-live to this date, 2027-04-12 or 12/04/2027' },
      { flags: '--dry-run', description: 'show what would change; write nothing' },
      { flags: '--json', description: 'print the report as JSON on standard output' },
      out,
      template,
      today,
    ],
  },
  {
    name: 'calendar',
    summary: 'regenerate the .ics calendars from kickoff.yaml as it is, without re-planning',
    options: [plan, out, template, today],
  },
  {
    name: 'show',
    summary: 'list the plan by date, with owners and problems',
    options: [
      plan,
      { flags: '--json', description: 'print the plan as JSON on standard output' },
      template,
      today,
    ],
  },
  {
    name: 'export',
    summary: 'write the kick-off pack (md, html) or the action list to share (csv, xlsx)',
    options: [
      {
        flags: '--format <format>',
        description: 'md, html (the kick-off pack), csv or xlsx (the action list)',
      },
      {
        flags: '--out <file>',
        description: 'the file to write (default: standard output; xlsx needs a file)',
      },
      plan,
      template,
      today,
    ],
  },
  {
    name: 'import',
    argument: '<file>',
    summary: 'take statuses and notes from a shared action list (csv, xlsx) back into kickoff.yaml',
    options: [
      plan,
      { flags: '--dry-run', description: 'show what would change; write nothing' },
      template,
      today,
    ],
  },
];
