/**
 * Every command and option as data: commander's options, shell completion and the README's table
 * all come from here.
 */
import { NATIONS, STATUSES } from '../domain/types.js';
import { AUDIENCES, describeFormats, EXPORT_FORMAT_IDS } from '../render/formats.js';

export interface OptionSpec {
  readonly flags: string;
  readonly description: string;
  readonly defaultValue?: string;
  /** The command cannot run without it (a usage error, exit 2). */
  readonly mandatory?: boolean;
  /** The only values allowed (checked, and offered by shell completion). */
  readonly choices?: readonly string[];
  /** A role id of the plan: shell completion offers the roles in kickoff.yaml (or --plan). */
  readonly roleId?: boolean;
}

/** A positional argument; its value reaches the command as the option of the same name. */
export interface ArgumentSpec {
  readonly name: string;
  /** commander syntax when it is not `<name>`: `<ids...>` for several. */
  readonly syntax?: string;
  readonly description: string;
  /** The only values allowed (also offered by shell completion). */
  readonly choices?: readonly string[];
  /** An item id of the plan: shell completion offers the ids in kickoff.yaml (or --plan). */
  readonly itemId?: boolean;
}

export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly arguments?: readonly ArgumentSpec[];
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
  description: 'the plan file, or the folder it is in',
  defaultValue: './kickoff.yaml',
};

/** One person's items only: show, due, export and portfolio. */
const person = (what: string): OptionSpec => ({
  flags: '--person <who>',
  description: `${what}: an e-mail or name from the team, e.g. priya.shah@nhs.net (any case)`,
});

const quiet: OptionSpec = {
  flags: '--quiet',
  description: 'print only problems that need action (and --json data); no progress or report',
};

/** For every command that changes a plan: see "What kickoff guarantees" in the README. */
const wait: OptionSpec = {
  flags: '--wait <seconds>',
  description: 'how long to wait while another kickoff is changing the same plan, before stopping (exit 3)',
  defaultValue: '10',
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
        choices: NATIONS,
      },
      { flags: '--kickoff <date>', description: 'a fixed kick-off date (default: scheduled from go-live)' },
      template,
      { flags: '--yes', description: 'write without asking for confirmation' },
      { flags: '--no-input', description: 'never prompt, even in a terminal (fail if an answer is missing)' },
      {
        flags: '--force',
        description: 'replace an existing kickoff.yaml (the old one is kept as kickoff.yaml.bak, .bak.1, …)',
      },
      today,
      wait,
      quiet,
      { flags: '--json', description: 'print what was written (files, key dates, problems) as JSON' },
    ],
  },
  {
    name: 'schedule',
    summary: 're-plan kickoff.yaml (after a new go-live or your edits), update it in place and the calendars',
    options: [
      plan,
      { flags: '--go-live <date>', description: 'move go-live to this date, 2027-04-12 or 12/04/2027' },
      {
        flags: '--release-pins',
        description:
          'let go of every pin that now breaks a rule or sits past go-live (kickoff dates those items again)',
      },
      { flags: '--release <ids...>', description: 'let go of these pinned items (kickoff dates them again)' },
      { flags: '--dry-run', description: 'show what would change; write nothing' },
      { flags: '--json', description: 'print the report as JSON on standard output' },
      out,
      template,
      today,
      wait,
      quiet,
    ],
  },
  {
    name: 'calendar',
    summary: 'regenerate the .ics calendars from kickoff.yaml as it is, without re-planning',
    options: [
      plan,
      out,
      template,
      today,
      wait,
      quiet,
      { flags: '--json', description: 'print the report (files, changed events, problems) as JSON' },
    ],
  },
  {
    name: 'publish',
    summary: 'write calendar feeds to subscribe to (one plan or a batch folder) and an index.html',
    options: [
      {
        flags: '--out <folder>',
        description: 'the feed folder: <ODS>/<calendar>.ics and index.html',
        mandatory: true,
      },
      {
        flags: '--plan <file>',
        description: 'the plan file, or the folder it is in (default: ./kickoff.yaml)',
      },
      {
        flags: '--plans <folder>',
        description: 'every <folder>/<ODS>/kickoff.yaml, as kickoff batch writes them',
      },
      {
        flags: '--base-url <url>',
        description:
          'the https:// address the --out folder is served at (puts it in the feeds and the links)',
      },
      {
        flags: '--refresh <duration>',
        description: 'how often calendar apps should fetch the feeds again: 4h, 30m, 1d or PT4H',
        defaultValue: '4h',
      },
      {
        flags: '--with-names',
        description: "put people's names and e-mail addresses in the feeds (without it, roles only)",
      },
      {
        flags: '--new-token',
        description: 'give every feed a new secret address; the old addresses stop working',
      },
      template,
      today,
      wait,
      quiet,
    ],
  },
  {
    name: 'serve',
    summary: 'serve a feed folder over HTTP for calendar apps to subscribe to (until Ctrl-C)',
    options: [
      { flags: '--dir <folder>', description: 'the feed folder kickoff publish wrote', defaultValue: '.' },
      {
        flags: '--host <address>',
        description: 'the address to listen on (127.0.0.1 serves this machine only)',
        defaultValue: '127.0.0.1',
      },
      { flags: '--port <number>', description: 'the port (0: any free port)', defaultValue: '8080' },
    ],
  },
  {
    name: 'show',
    summary: 'the plan as a timeline, week by week, with owners, statuses and problems',
    options: [
      plan,
      { flags: '--json', description: 'print the plan as JSON on standard output' },
      { flags: '--from <date>', description: 'show only from this date' },
      { flags: '--to <date>', description: 'show only up to this date' },
      { flags: '--role <role>', description: 'show only the items of one role, e.g. trainer', roleId: true },
      person("show only one person's items (by their roles or named as owner)"),
      { flags: '--phase <phase>', description: 'show only one phase, e.g. go-live' },
      template,
      today,
    ],
  },
  {
    name: 'check',
    summary: 'report every problem with the plan, grouped, with what to do; writes nothing',
    options: [
      plan,
      { flags: '--json', description: 'print the problems as JSON on standard output' },
      { flags: '--strict', description: 'fail (exit 1) on warnings too, not only on problems' },
      {
        flags: '--assumed',
        description:
          'instead of the plan, list what the template assumed (no source gives it), counted for each nation',
      },
      template,
      today,
    ],
  },
  {
    name: 'due',
    summary: 'what is overdue and due soon, and whose it is, with the notice deadlines',
    options: [
      plan,
      {
        flags: '--within <time>',
        description: 'how far ahead to look: 7d (days) or 2w (weeks)',
        defaultValue: '7d',
      },
      {
        flags: '--role <role>',
        description: 'only the items of one role, e.g. practice-manager',
        roleId: true,
      },
      person("only one person's items (by their roles or named as owner)"),
      { flags: '--json', description: 'print the list as JSON on standard output' },
      template,
      today,
    ],
  },
  {
    name: 'tick',
    summary: 'mark items done (or doing, todo, not-needed) in the plan and update the calendars',
    arguments: [
      {
        syntax: '<ids...>',
        name: 'ids',
        description: 'the ids of the items, as in kickoff.yaml',
        itemId: true,
      },
    ],
    options: [
      plan,
      {
        flags: '--status <status>',
        description: 'done, doing, todo or not-needed',
        defaultValue: 'done',
        choices: STATUSES,
      },
      { flags: '--note <text>', description: "add a line to the items' notes" },
      { flags: '--json', description: "print the calendars' report as JSON on standard output" },
      out,
      template,
      today,
      wait,
      quiet,
    ],
  },
  {
    name: 'pin',
    summary: 'fix an item on a date (kickoff will not move it), then re-plan like schedule',
    arguments: [
      { syntax: '<id>', name: 'id', description: 'the id of the item, as in kickoff.yaml', itemId: true },
      { syntax: '<date>', name: 'date', description: 'the date, 2027-03-15 or 15/03/2027' },
    ],
    options: [
      plan,
      { flags: '--json', description: 'print the report as JSON on standard output' },
      out,
      template,
      today,
      wait,
      quiet,
    ],
  },
  {
    name: 'unpin',
    summary: 'let kickoff schedule an item again, then re-plan like schedule',
    arguments: [
      { syntax: '<id>', name: 'id', description: 'the id of the item, as in kickoff.yaml', itemId: true },
    ],
    options: [
      plan,
      { flags: '--json', description: 'print the report as JSON on standard output' },
      out,
      template,
      today,
      wait,
      quiet,
    ],
  },
  {
    name: 'why',
    summary: 'why an item is on its date: the chain from go-live down to it, each step with its source',
    arguments: [
      { syntax: '<id>', name: 'id', description: 'the id of the item, as in kickoff.yaml', itemId: true },
    ],
    options: [
      plan,
      { flags: '--json', description: 'print the chain as JSON on standard output' },
      template,
      today,
    ],
  },
  {
    name: 'history',
    summary: 'the changes kickoff made to the plan, newest first: when, which command, what it did',
    options: [
      plan,
      { flags: '--json', description: 'print the history as JSON on standard output' },
      template,
      today,
    ],
  },
  {
    name: 'undo',
    summary:
      'take back the last change kickoff made to the plan (again: the one before), and update the calendars',
    options: [
      plan,
      {
        flags: '--force',
        description:
          'undo even though the plan was edited by hand since (that version is kept in the history)',
      },
      { flags: '--json', description: 'print what was undone as JSON on standard output' },
      out,
      template,
      today,
      wait,
      quiet,
    ],
  },
  {
    name: 'merge',
    summary: 'take the changes in a copy of the plan OneDrive made (kickoff-LAPTOP.yaml) into the plan',
    arguments: [{ name: 'copy', description: 'the copy, e.g. kickoff-LAPTOP-7.yaml or "kickoff (1).yaml"' }],
    options: [
      plan,
      {
        flags: '--take <which>',
        description: 'where a value was changed both in the copy and in the plan: copy or plan wins',
        choices: ['copy', 'plan'],
      },
      { flags: '--dry-run', description: 'show what would be taken; write nothing' },
      { flags: '--json', description: 'print what was taken (or the conflicts) as JSON on standard output' },
      template,
      today,
      wait,
      quiet,
    ],
  },
  {
    name: 'changes',
    summary:
      'what changed in the plan since a day: dates moved, statuses and notes, items, pins, notices due',
    options: [
      plan,
      {
        flags: '--since <date>',
        description: 'from this day (2027-03-15 or 15/03/2027), or last-week',
        defaultValue: 'last-week',
      },
      { flags: '--format <format>', description: 'text (default) or md (Markdown)', choices: ['text', 'md'] },
      { flags: '--json', description: 'print the changes as JSON on standard output' },
      template,
      today,
    ],
  },
  {
    name: 'report',
    summary:
      'the weekly report: what changed since the last report, overdue and due in two weeks, notices, problems, RAID',
    options: [
      plan,
      {
        flags: '--since <date>',
        description:
          'what changed from this day (2027-03-15 or 15/03/2027, or last-week); default: since the last report, else a week',
      },
      {
        flags: '--format <format>',
        description: 'md (Markdown, default), html (a printable web page) or json',
        choices: ['md', 'html', 'json'],
      },
      { flags: '--json', description: 'the same as --format json' },
      { flags: '--out <file>', description: 'the file to write (default: standard output)' },
      template,
      today,
      quiet,
    ],
  },
  {
    name: 'raid',
    summary: "the plan's RAID log: add a risk, assumption, issue or dependency, or list them",
    arguments: [{ name: 'action', description: 'add or list', choices: ['add', 'list'] }],
    options: [
      plan,
      {
        flags: '--kind <kind>',
        description: 'add: risk, assumption, issue or dependency',
        choices: ['risk', 'assumption', 'issue', 'dependency'],
      },
      { flags: '--title <text>', description: 'add: what it is, in a line' },
      { flags: '--owner <who>', description: 'add: who owns it (a person from the team, or a role)' },
      {
        flags: '--rating <rating>',
        description: 'add: high, medium or low',
        choices: ['high', 'medium', 'low'],
      },
      { flags: '--review <date>', description: 'add: the day to review it (2027-01-15 or 15/01/2027)' },
      { flags: '--notes <text>', description: 'add: more about it (optional)' },
      { flags: '--json', description: 'print the entry added (or the log) as JSON on standard output' },
      template,
      today,
      wait,
      quiet,
    ],
  },
  {
    name: 'batch',
    summary: 'plan many practices from a CSV, .xlsx or YAML/JSON list: one folder per ODS code',
    arguments: [
      { name: 'file', description: 'practices.csv, practices.xlsx, or a YAML/JSON list of answers' },
    ],
    options: [
      { flags: '--out <folder>', description: 'where the practice folders go', mandatory: true },
      {
        flags: '--defaults <file>',
        description:
          "an answers file (as init --answers, every key optional, and template:) whose values fill in what a row leaves blank: systems, the CSU's people, third parties",
      },
      template,
      today,
      wait,
      {
        flags: '--json',
        description: 'print the summary as JSON on standard output (always, without a terminal)',
      },
      {
        flags: '--force',
        description: 'plan again from the file even where a plan exists (kept as kickoff.yaml.bak)',
      },
      {
        flags: '--jobs <number>',
        description:
          'plan this many practices at once, in worker threads of one process (default: one per core from 500 practices, else 1)',
      },
      quiet,
    ],
  },
  {
    name: 'portfolio',
    summary:
      'every plan under a folder together: people double-booked, weeks over the limits, moves that fix it',
    arguments: [{ name: 'folder', description: 'the folder of plans (as kickoff batch --out writes them)' }],
    options: [
      {
        flags: '--capacity <file>',
        description: "the programme's limits, capacity.yaml (default: built-in)",
      },
      { flags: '--json', description: 'print every clash, limit broken and load figure as JSON' },
      {
        flags: '--format <format>',
        description:
          'html: a web page (Gantt, load per person, problems); with --report, md (default) or html',
        choices: ['html', 'md'],
      },
      {
        flags: '--report',
        description:
          "the week's report for every practice: red and amber first, open high risks, the week's go-lives and FDPs, notices",
      },
      { flags: '--calendar', description: 'a calendar (.ics) of every go-live and FDP in the programme' },
      { flags: '--out <file>', description: 'the file to write (default: standard output)' },
      {
        flags: '--suggest',
        description: 'the go-live moves that clear the problems, as kickoff schedule commands',
      },
      { flags: '--from <date>', description: 'timeline: show only from this date' },
      { flags: '--to <date>', description: 'timeline: show only up to this date' },
      person("instead of the programme, one person's actions in every practice"),
      template,
      today,
      quiet,
    ],
  },
  {
    name: 'schema',
    summary: 'print the JSON Schema of the plan file, the answers file or capacity.yaml',
    arguments: [
      {
        name: 'which',
        description: 'plan, answers or capacity',
        choices: ['plan', 'answers', 'capacity'],
      },
    ],
    options: [],
  },
  {
    name: 'completion',
    summary: 'print a shell completion script (bash, zsh or fish)',
    arguments: [{ name: 'shell', description: 'bash, zsh or fish', choices: ['bash', 'zsh', 'fish'] }],
    options: [],
  },
  {
    name: 'export',
    summary: 'write the kick-off pack (md, html) or the action list to share (csv, xlsx)',
    options: [
      { flags: '--format <format>', description: describeFormats(), choices: EXPORT_FORMAT_IDS },
      {
        flags: '--out <file>',
        description: 'the file to write (default: standard output; xlsx needs a file)',
      },
      {
        flags: '--for <who>',
        description:
          "practice: the practice's copy, without the reminders the project manager sends third parties (default: everyone)",
        choices: AUDIENCES,
      },
      person("csv, xlsx: only one person's actions (by their roles or named as owner)"),
      plan,
      template,
      today,
      quiet,
    ],
  },
  {
    name: 'import',
    arguments: [{ name: 'file', description: 'the action list: a .csv or .xlsx file' }],
    summary: 'take statuses and notes from a shared action list (csv, xlsx) back into kickoff.yaml',
    options: [
      plan,
      { flags: '--dry-run', description: 'show what would change; write nothing' },
      {
        flags: '--take <which>',
        description:
          'where a value was changed both in the sheet and in the plan since the sheet was made: sheet or plan wins',
        choices: ['sheet', 'plan'],
      },
      template,
      today,
      wait,
      quiet,
      { flags: '--json', description: 'print what changed (or would) as JSON on standard output' },
    ],
  },
  {
    name: 'invite',
    summary:
      'send meeting invitations and one digest of dates per person; after a re-plan, only what changed',
    options: [
      plan,
      {
        flags: '--smtp <url>',
        description:
          'send through this mail server: smtp://host:587 (STARTTLS when offered) or smtps://host:465; user and password from KICKOFF_SMTP_USER and KICKOFF_SMTP_PASSWORD',
      },
      {
        flags: '--eml <folder>',
        description: 'write the messages as .eml files to send from your own mailbox',
      },
      {
        flags: '--since <date>',
        description: 'also send again what changed on or after this date, to people who already have it',
      },
      {
        flags: '--feed-url <url>',
        description: "the address of the plan's published calendar feeds, given in each digest to subscribe",
      },
      { flags: '--dry-run', description: 'list what would be sent; send and write nothing' },
      template,
      today,
      wait,
      { flags: '--json', description: 'print what was sent (or would be) as JSON on standard output' },
    ],
  },
];
