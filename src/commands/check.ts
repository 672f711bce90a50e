/**
 * kickoff check: every problem with the plan at once, grouped by severity, each with its code, the
 * item it concerns and what to do. Reads only; the rules are checkPlan's, as for init and schedule.
 */
import { formatLong, WorkingCalendar } from '../domain/calendar.js';
import { checkPlan } from '../domain/check/check.js';
import type { CalendarDate, Diagnostic, Plan, Severity } from '../domain/types.js';
import { ExitCode } from '../errors.js';
import { dataColourOf, type Terminal } from '../adapters/terminal/terminal.js';
import { wrap } from '../render/text.js';
import { withinCalendarYears } from '../app/open-plan.js';
import { openPlanFile } from '../app/read-plan.js';
import { chainsFor } from '../app/date-chains.js';
import type { WhyLink } from '../domain/schedule/why.js';
import { loadWorkspace } from '../app/workspace.js';
import {
  templateAssumptions,
  type Assumed,
  type AssumedTally,
  type Assumptions,
} from '../domain/assumptions.js';
import { nationName } from '../domain/words.js';

export interface CheckOptions {
  readonly plan: string;
  readonly json?: boolean;
  readonly strict?: boolean;
  /** Report the template's assumptions instead of checking a plan. */
  readonly assumed?: boolean;
  readonly template?: string;
  readonly today?: string;
}

const ORDER: readonly Severity[] = ['error', 'warning', 'info'];
const HEADING: Record<Severity, string> = { error: 'Problems', warning: 'Warnings', info: 'Notes' };

export async function check(options: CheckOptions, terminal: Terminal): Promise<ExitCode> {
  if (options.assumed) return checkAssumed(options, terminal);
  const { plan, holidays, template, today, notices } = await openPlanFile(options.plan, {
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
  });
  const calendar = new WorkingCalendar(holidays, plan.answers.nation);
  const diagnostics = [...withinCalendarYears(() => checkPlan(plan, template, calendar, today)), ...notices];
  const count = (s: Severity) => diagnostics.filter((d) => d.severity === s).length;
  const fails = count('error') > 0 || (Boolean(options.strict) && count('warning') > 0);
  if (options.json) {
    const chains = chainsFor(plan, { template, holidays }, today);
    terminal.data(
      JSON.stringify(
        {
          practice: plan.answers.practice,
          today: today,
          ok: !fails,
          counts: { error: count('error'), warning: count('warning'), info: count('info') },
          diagnostics: diagnostics.map((d) => diagnosticJson(d, plan, chains)),
        },
        null,
        2,
      ),
    );
  } else {
    terminal.data(checkReport(plan, diagnostics, today, terminal, Boolean(options.strict)));
  }
  return fails ? ExitCode.problems : ExitCode.ok;
}

function diagnosticJson(d: Diagnostic, plan: Plan, chains: ReadonlyMap<string, readonly WhyLink[]>) {
  const item = d.itemId ? plan.items.find((i) => i.id === d.itemId) : undefined;
  const why = d.itemId ? chains.get(d.itemId) : undefined;
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.itemId ? { itemId: d.itemId } : {}),
    ...(item ? { item: { title: item.title, start: item.start, end: item.end } } : {}),
    ...(d.itemIds ? { itemIds: d.itemIds } : {}),
    ...(d.earliestGoLive ? { earliestGoLive: d.earliestGoLive } : {}),
    ...(d.earliestGoLiveSourced ? { earliestGoLiveSourced: d.earliestGoLiveSourced } : {}),
    // How the item's date was reached, step by step (kickoff why ID shows the same).
    ...(why ? { why } : {}),
  };
}

function checkReport(
  plan: Plan,
  diagnostics: readonly Diagnostic[],
  today: CalendarDate,
  terminal: Terminal,
  strict: boolean,
): string {
  const { practice } = plan.answers;
  const paint = dataColourOf(terminal);
  const lines = wrap(
    `Checked ${practice.name} (${practice.ods}), go-live ${formatLong(plan.answers.goLive)}, on ${formatLong(today)}.`,
    80,
  );
  if (diagnostics.length === 0) {
    lines.push('', paint.green('No problems found.'));
    return lines.join('\n');
  }
  const colour = { error: paint.red, warning: paint.yellow, info: paint.cyan };
  for (const severity of ORDER) {
    const group = diagnostics.filter((d) => d.severity === severity);
    if (group.length === 0) continue;
    lines.push('', colour[severity](paint.bold(`${HEADING[severity]} (${group.length})`)));
    for (const d of group) {
      const item = d.itemId ? plan.items.find((i) => i.id === d.itemId) : undefined;
      lines.push(`  ${paint.dim(`[${d.code}]`)}${item ? ` ${item.id}` : ''}`);
      lines.push(...wrap(d.message, 76).map((line) => `    ${line}`));
    }
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  lines.push(
    '',
    errors > 0
      ? `${errors} problem(s) need action before go-live.`
      : warnings > 0
        ? strict
          ? `${warnings} warning(s); --strict counts them as failures.`
          : `No problems; ${warnings} warning(s) to look at.`
        : 'No problems.',
  );
  return lines.join('\n');
}

/** kickoff check --assumed: what the template takes as given with no source, for each nation. */
async function checkAssumed(options: CheckOptions, terminal: Terminal): Promise<ExitCode> {
  const { template } = await loadWorkspace(options.template);
  const found = templateAssumptions(template);
  if (options.json) {
    terminal.data(
      JSON.stringify({ template: { id: template.id, version: template.version }, ...found }, null, 2),
    );
    return ExitCode.ok;
  }
  terminal.data(assumedReport(`${template.id} ${template.version}`, found));
  return ExitCode.ok;
}

/** The table per nation, then each assumption once with why (and where, when not everywhere). */
export function assumedReport(name: string, found: Assumptions): string {
  const cell = (t: AssumedTally) => `${t.assumed} of ${t.total}`.padEnd(22);
  const lines = [
    ...wrap(
      `What template ${name} assumed, where no source gives the number. Confirm these with the people concerned; kickoff marks each one.`,
      80,
    ),
    '',
    `  ${'Nation'.padEnd(18)}${'Dated items'.padEnd(22)}${'Notice periods'.padEnd(22)}Busy periods`,
    ...found.byNation.map(
      (n) =>
        `  ${nationName(n.nation).padEnd(18)}${cell(n.items)}${cell(n.thirdParties)}${n.busyPeriods.assumed} of ${n.busyPeriods.total}`,
    ),
  ];
  const section = (title: string, entries: readonly Assumed[]) => {
    if (entries.length === 0) return;
    lines.push('', title);
    for (const entry of entries) {
      const where = entry.nations ? ` (${entry.nations.map(nationName).join(', ')})` : '';
      lines.push(
        ...wrap(`${entry.id}${where}: ${entry.reason}`, 76).map(
          (line, i) => `${i === 0 ? '  ' : '    '}${line}`,
        ),
      );
    }
  };
  section('Dated items', found.items);
  section('Notice periods', found.thirdParties);
  section('Busy periods', found.busyPeriods);
  return lines.join('\n');
}
