/** kickoff show: the plan as a timeline for people, or as JSON for programs. */
import { locationOf } from '../domain/location.js';
import { ownerPeople } from '../domain/people.js';
import { movesOf } from '../domain/schedule/recurrence.js';
import type { Plan } from '../domain/types.js';
import { ExitCode, UsageError } from '../errors.js';
import { dateFlag } from '../app/flags.js';
import { readPracticePlan } from '../app/read-plan.js';
import { ownedBy, personFlag } from '../app/person-flag.js';
import { dataColourOf, sayDiagnostics, type Terminal } from '../adapters/terminal/terminal.js';
import { renderTimeline } from '../render/timeline.js';
import { diagnosticJson } from './schedule-report.js';
import type { WhyLink } from '../domain/schedule/why.js';

export interface ShowOptions {
  readonly plan: string;
  readonly json?: boolean;
  readonly from?: string;
  readonly to?: string;
  readonly role?: string;
  /** Only this person's items: an e-mail or name from the team. */
  readonly person?: string;
  readonly phase?: string;
  readonly template?: string;
  readonly today?: string;
}

/**
 * Exits 0 whenever it printed what was asked: the plan's problems are data (in --json, and on
 * stderr), not a failure of `show`, so `set -e` pipelines can read a plan that needs action.
 * `kickoff check` is the command that fails on them.
 */
export async function show(options: ShowOptions, terminal: Terminal): Promise<ExitCode> {
  const { plan, diagnostics, today, chains } = await readPracticePlan(options.plan, {
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
    ...(options.json ? { explain: true } : {}),
  });
  const items = plan.items;
  const person = personFlag(plan, options.person);
  if (options.json) {
    // --person keeps to that person's events in the JSON too (the other filters are for the timeline).
    const owns = ownedBy(plan, person);
    terminal.data(JSON.stringify(toJson({ ...plan, items: items.filter(owns) }, chains), null, 2));
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
        today,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(options.role ? { role: options.role } : {}),
        ...(person ? { person: { name: person.name, owns: ownedBy(plan, person) } } : {}),
        ...(options.phase ? { phase: options.phase } : {}),
        paint: dataColourOf(terminal),
      },
    );
    terminal.data(lines.join('\n'));
  }
  sayDiagnostics(terminal, diagnostics);
  return ExitCode.ok;
}

/** The stable JSON shape documented in the README: dates inclusive, sorted by date. */
export function toJson(plan: Plan, chains?: ReadonlyMap<string, readonly WhyLink[]>) {
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
      ...(locationOf(plan, i) ? { location: locationOf(plan, i) } : {}),
      roles: i.roles,
      ...(i.owners ? { owners: i.owners } : {}),
      // Who owns it by name: its roles' people in role order, then those named on it (owners).
      people: ownerPeople(plan, i).map((p) => ({ name: p.name, email: p.email })),
      ...(i.thirdParty ? { thirdParty: i.thirdParty } : {}),
      ...(i.informational ? { informational: true } : {}),
      ...(i.status ? { status: i.status } : {}),
      ...(i.recurrence ? { repeatsWeeklyUntil: i.recurrence.until } : {}),
      ...(i.recurrence?.moved?.length
        ? { moved: Object.fromEntries(movesOf(i.start, i.recurrence).map((m) => [m.from, m.to])) }
        : {}),
      phase: i.phase,
      ...(i.origin === 'pinned' ? { pinned: true } : {}),
    })),
    // Each problem about an item carries how the item's date was reached (kickoff why ID).
    diagnostics: plan.diagnostics.map((d) => {
      const why = d.itemId ? chains?.get(d.itemId) : undefined;
      return { ...diagnosticJson(d), ...(why ? { why } : {}) };
    }),
  };
}
