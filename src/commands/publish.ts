/**
 * kickoff publish --out DIR: write subscription feeds for one plan or a batch folder, and an
 * index.html with the subscribe links (publishFeeds). Says what was written and where.
 */
import { parseBaseUrl, parseRefreshInterval } from '../domain/calendar-events/feed.js';
import { ExitCode, UsageError } from '../errors.js';
import { publishFeeds } from '../app/publish-feeds.js';
import { sayDiagnostics, type Terminal } from '../adapters/terminal/terminal.js';

export interface PublishOptions {
  readonly out: string;
  readonly plan?: string;
  readonly plans?: string;
  readonly baseUrl?: string;
  readonly refresh: string;
  readonly template?: string;
  readonly today?: string;
  readonly wait?: string;
  readonly quiet?: boolean;
  /** People's names and e-mail addresses in the feeds; roles only without it. */
  readonly withNames?: boolean;
  /** A new secret part in every feed address; the old addresses stop working. */
  readonly newToken?: boolean;
}

export async function publish(options: PublishOptions, terminal: Terminal): Promise<ExitCode> {
  const refreshInterval = parseRefreshInterval(options.refresh);
  if (refreshInterval === undefined)
    throw new UsageError(
      `--refresh: "${options.refresh}" is not a duration of 15 minutes or more.`,
      'Use for example 4h, 30m, 1d, or PT4H.',
    );
  const baseUrl = options.baseUrl === undefined ? undefined : parseBaseUrl(options.baseUrl);
  if (options.baseUrl !== undefined && baseUrl === undefined)
    throw new UsageError(
      `--base-url: "${options.baseUrl}" is not a web address kickoff can use.`,
      'Give the http:// or https:// address the --out folder will be served at, e.g. https://intranet.example.nhs.uk/kickoff/ (no user name, password or ?query).',
    );
  const result = await publishFeeds({
    out: options.out,
    refreshInterval,
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(options.plan !== undefined ? { plan: options.plan } : {}),
    ...(options.plans !== undefined ? { plans: options.plans } : {}),
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
    ...(options.withNames ? { withNames: true } : {}),
    ...(options.newToken ? { newToken: true } : {}),
  });
  for (const practice of result.practices) sayDiagnostics(terminal, practice.diagnostics, options);
  for (const failure of result.failed) {
    terminal.say(`${terminal.colour.red('kickoff:')} ${failure.message}`);
    if (failure.hint) terminal.say(`  ${failure.hint}`);
  }
  if (!options.quiet) {
    const feeds = result.practices.reduce((n, p) => n + p.feeds.length, 0);
    terminal.say(
      `Published ${feeds} calendar feed(s) for ${result.practices.length} practice(s) in ${options.out}/, listed in ${result.index}.`,
    );
    for (const practice of result.practices.filter((p) => p.revised > 0))
      terminal.say(
        `  ${practice.ods}: ${practice.revised} event(s) changed since its calendars were last written; ${practice.planFile} records this.`,
      );
    if (options.newToken && result.practices.length > 0)
      terminal.say(
        '  Every feed published now has a new address, and its old address no longer works: send people the index page again to subscribe.',
      );
    if (baseUrl === undefined)
      terminal.say(
        '  Without --base-url the feeds carry no address of their own; index.html works out its links when it is opened from the web server.',
      );
    if (result.failed.length > 0)
      terminal.say(`  ${result.failed.length} plan(s) could not be published (above).`);
  }
  return result.failed.length > 0 ? ExitCode.problems : ExitCode.ok;
}
