/** kickoff show: the plan as a list for people, or as JSON for programs. */
import { formatLong } from '../domain/calendar.js';
import type { Plan, PlanItem } from '../domain/types.js';
import { ExitCode } from '../errors.js';
import { readPracticePlan } from '../app/read-plan.js';
import { sayDiagnostics, type Terminal } from '../adapters/terminal.js';

export interface ShowOptions {
  readonly plan: string;
  readonly json?: boolean;
  readonly template?: string;
  readonly today?: string;
}

/**
 * Exits 0 whenever it printed what was asked: the plan's problems are data (in --json, and on
 * stderr), not a failure of `show`, so `set -e` pipelines can read a plan that needs action.
 */
export async function show(options: ShowOptions, terminal: Terminal): Promise<ExitCode> {
  const { plan, diagnostics } = await readPracticePlan(options.plan, {
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
  });
  if (options.json) {
    terminal.data(JSON.stringify(toJson(plan), null, 2));
  } else {
    const { practice, goLive } = plan.answers;
    terminal.data(`${practice.name} (${practice.ods}): go-live ${formatLong(goLive)}\n`);
    for (const item of plan.items) terminal.data(showLine(item));
  }
  sayDiagnostics(terminal, diagnostics);
  return ExitCode.ok;
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
    diagnostics: plan.diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.itemId ? { itemId: d.itemId } : {}),
    })),
  };
}
