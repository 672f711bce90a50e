/** kickoff show: the plan as a timeline for people, or as JSON for programs. */
import { parseCalendarDate, WorkingCalendar } from '../domain/calendar.js';
import { checkPlan } from '../domain/check.js';
import { resolveThirdParties } from '../domain/schedule.js';
import type { CalendarDate, Plan } from '../domain/types.js';
import { ExitCode, UsageError } from '../errors.js';
import { readClock } from '../adapters/clock.js';
import { loadHolidayTable } from '../adapters/holiday-loader.js';
import { readPlan } from '../adapters/plan-store.js';
import { loadTemplate } from '../adapters/template-loader.js';
import { dataColourOf, sayDiagnostics, type Terminal } from '../adapters/terminal.js';
import { renderTimeline } from '../render/timeline.js';
import { staleness, withinCalendarYears } from './plan-files.js';
import { diagnosticJson } from './schedule-report.js';

export interface ShowOptions {
  readonly plan: string;
  readonly json?: boolean;
  readonly from?: string;
  readonly to?: string;
  readonly role?: string;
  readonly phase?: string;
  readonly template?: string;
  readonly today?: string;
}

export async function show(options: ShowOptions, terminal: Terminal): Promise<ExitCode> {
  const clock = readClock(options.today);
  const [template, holidays] = await Promise.all([loadTemplate(options.template), loadHolidayTable()]);
  const stored = await readPlan(options.plan, template);
  const read = stored.plan;
  const calendar = new WorkingCalendar(holidays, read.answers.nation);
  const plan: Plan = { ...read, thirdParties: resolveThirdParties(template, read.answers) };
  const diagnostics = withinCalendarYears(() => [
    ...checkPlan(plan, template, calendar, clock.today),
    ...staleness({ template, holidays, stored, plan }, clock.today),
  ]);
  const items = [...plan.items].sort(
    (a, b) => a.start.localeCompare(b.start) || (a.time ?? '').localeCompare(b.time ?? ''),
  );
  if (options.json) {
    terminal.data(JSON.stringify(toJson({ ...plan, items, diagnostics }), null, 2));
  } else {
    const from = dateFlag('--from', options.from);
    const to = dateFlag('--to', options.to);
    if (options.role && !plan.roles.some((r) => r.id === options.role))
      throw new UsageError(
        `--role: the plan has no role "${options.role}".`,
        `Use one of ${plan.roles.map((r) => r.id).join(', ')}.`,
      );
    if (options.phase && !plan.phases.some((p) => p.id === options.phase))
      throw new UsageError(
        `--phase: the plan has no phase "${options.phase}".`,
        `Use one of ${plan.phases.map((p) => p.id).join(', ')}.`,
      );
    const lines = renderTimeline(
      { ...plan, items },
      {
        today: clock.today,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(options.role ? { role: options.role } : {}),
        ...(options.phase ? { phase: options.phase } : {}),
        paint: dataColourOf(terminal),
      },
    );
    terminal.data(lines.join('\n'));
    sayDiagnostics(terminal, diagnostics);
  }
  // show reports; it does not judge. Problems are data (stderr, --json); `kickoff check` fails on them.
  return ExitCode.ok;
}

function dateFlag(flag: string, text: string | undefined): CalendarDate | undefined {
  if (text === undefined) return undefined;
  const parsed = parseCalendarDate(text);
  if (!parsed.ok) throw new UsageError(`${flag}: ${parsed.message}`);
  return parsed.date;
}

/** The stable JSON shape documented in the README: dates inclusive, sorted by date. */
export function toJson(plan: Plan) {
  return {
    practice: plan.answers.practice,
    goLive: plan.answers.goLive,
    events: plan.items.map((i) => ({
      id: i.id,
      title: i.title,
      type: i.type,
      start: i.start,
      end: i.end,
      ...(i.time ? { time: i.time } : {}),
      roles: i.roles,
      ...(i.thirdParty ? { thirdParty: i.thirdParty } : {}),
      ...(i.informational ? { informational: true } : {}),
      ...(i.status ? { status: i.status } : {}),
      ...(i.recurrence ? { repeatsWeeklyUntil: i.recurrence.until } : {}),
      phase: i.phase,
      ...(i.origin === 'pinned' ? { pinned: true } : {}),
    })),
    diagnostics: plan.diagnostics.map(diagnosticJson),
  };
}
