/**
 * Each practice's own health, for the programme view: red when its own plan has an error (a notice
 * already missed, a go-live that cannot be met, a rule broken), amber when it has warnings or is in
 * a programme problem, green otherwise; with the share of its actions done and its next milestone.
 * The reasons are the plan's own check (what `kickoff check` reports), not a new set of rules.
 */
import type { CalendarDate, Diagnostic, Plan } from '../types.js';
import { byText } from '../order.js';

export type HealthStatus = 'red' | 'amber' | 'green';

export interface HealthReason {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
  readonly itemId?: string;
}

export interface PracticeHealth {
  readonly status: HealthStatus;
  /** Errors first, then warnings, each in the order the check gave them. */
  readonly reasons: readonly HealthReason[];
  /** Actions (items someone does: not informational, not not-needed), and how many are done. */
  readonly actions: { readonly done: number; readonly total: number };
  /** The next milestone not yet done, on or after today. */
  readonly next?: { readonly id: string; readonly title: string; readonly date: CalendarDate };
}

/** The plan's own health from its check against today (checkPlan's diagnostics). */
export function practiceHealth(
  plan: Plan,
  diagnostics: readonly Diagnostic[],
  today: CalendarDate,
): PracticeHealth {
  const reason = (d: Diagnostic): HealthReason => ({
    severity: d.severity === 'error' ? 'error' : 'warning',
    code: d.code,
    message: d.message,
    ...(d.itemId ? { itemId: d.itemId } : {}),
  });
  const errors = diagnostics.filter((d) => d.severity === 'error').map(reason);
  const warnings = diagnostics.filter((d) => d.severity === 'warning').map(reason);
  const actions = plan.items.filter((i) => !i.informational && i.status !== 'not-needed');
  const next = plan.items
    .filter(
      (i) => i.type === 'milestone' && i.start >= today && i.status !== 'done' && i.status !== 'not-needed',
    )
    .sort((a, b) => byText(a.start, b.start) || byText(a.id, b.id))[0];
  return {
    status: errors.length > 0 ? 'red' : warnings.length > 0 ? 'amber' : 'green',
    reasons: [...errors, ...warnings],
    actions: { done: actions.filter((i) => i.status === 'done').length, total: actions.length },
    ...(next ? { next: { id: next.id, title: next.title, date: next.start } } : {}),
  };
}

/**
 * A practice in programme problems (a clash, a limit broken) is at least amber: its own plan may be
 * sound, but it cannot go ahead as planned until the programme's problem is cleared.
 */
export function withProgrammeProblems(health: PracticeHealth, problems: number): PracticeHealth {
  if (problems === 0) return health;
  return {
    ...health,
    status: health.status === 'green' ? 'amber' : health.status,
    reasons: [
      ...health.reasons,
      {
        severity: 'warning',
        code: 'portfolio.in_problem',
        message: `In ${problems} programme problem(s) with other practices (listed with the programme's problems).`,
      },
    ],
  };
}

/** The share of actions done, as a whole percentage (0 when there are none). */
export function donePercent(health: PracticeHealth): number {
  const { done, total } = health.actions;
  return total === 0 ? 0 : Math.floor((done / total) * 100);
}

const RANK: Record<HealthStatus, number> = { red: 0, amber: 1, green: 2 };

/** Red first, then amber, then green. */
export function byHealth(a: HealthStatus, b: HealthStatus): number {
  return RANK[a] - RANK[b];
}

/** Every error, then warnings up to `shown` in all, and how many warnings are left out. */
export function shownReasons(
  health: PracticeHealth,
  shown = 3,
): { readonly reasons: readonly HealthReason[]; readonly more: number } {
  const errors = health.reasons.filter((r) => r.severity === 'error');
  const warnings = health.reasons.filter((r) => r.severity === 'warning');
  const reasons = [...errors, ...warnings.slice(0, Math.max(0, shown - errors.length))];
  return { reasons, more: health.reasons.length - reasons.length };
}
