/** kickoff show: the plan as a list for people, or as JSON for programs. */
import { formatLong, WorkingCalendar } from '../domain/calendar.js';
import { checkPlan } from '../domain/check.js';
import { resolveThirdParties } from '../domain/schedule.js';
import type { Plan, PlanItem } from '../domain/types.js';
import { ExitCode } from '../errors.js';
import { readClock } from '../adapters/clock.js';
import { loadHolidayTable } from '../adapters/holiday-loader.js';
import { readPlan } from '../adapters/plan-store.js';
import { loadTemplate } from '../adapters/template-loader.js';
import { sayDiagnostics, type Terminal } from '../adapters/terminal.js';
import { staleness } from './plan-files.js';
import { diagnosticJson } from './schedule-report.js';

export interface ShowOptions {
  readonly plan: string;
  readonly json?: boolean;
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
  const diagnostics = [
    ...checkPlan(plan, template, calendar, clock.today),
    ...staleness({ template, holidays, stored, plan }, clock.today),
  ];
  const items = [...plan.items].sort(
    (a, b) => a.start.localeCompare(b.start) || (a.time ?? '').localeCompare(b.time ?? ''),
  );
  if (options.json) {
    terminal.data(JSON.stringify(toJson({ ...plan, items, diagnostics }), null, 2));
  } else {
    const { practice, goLive } = plan.answers;
    terminal.data(`${practice.name} (${practice.ods}): go-live ${formatLong(goLive)}\n`);
    for (const item of items) terminal.data(showLine(item));
    sayDiagnostics(terminal, diagnostics);
  }
  return diagnostics.some((d) => d.severity === 'error') ? ExitCode.problems : ExitCode.ok;
}

function showLine(item: PlanItem): string {
  const when =
    item.start === item.end ? formatLong(item.start) : `${formatLong(item.start)} – ${formatLong(item.end)}`;
  const time = item.time ? ` ${item.time}` : '';
  const done = item.status === 'done' ? ' (done)' : '';
  return `${(when + time).padEnd(36)} ${item.title}${done}  [${item.roles.join(', ')}]`;
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
    })),
    diagnostics: plan.diagnostics.map(diagnosticJson),
  };
}
