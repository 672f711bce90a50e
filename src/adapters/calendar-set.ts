/**
 * Which calendars a plan makes: one with everything, and one per role that has people, so each
 * person can subscribe to just their part. Same plan → same files, byte for byte.
 */
import type { Plan, PlanItem } from '../domain/types.js';
import { renderCalendar } from './ics-writer.js';

export interface CalendarFile {
  readonly fileName: string;
  readonly text: string;
}

export interface CalendarSetOptions {
  readonly timestamp: string;
  readonly productVersion: string;
  readonly sequences?: ReadonlyMap<string, number>;
  readonly cancelled?: readonly PlanItem[];
}

export function calendarSet(plan: Plan, options: CalendarSetOptions): CalendarFile[] {
  const { name, ods } = plan.answers.practice;
  const prefix = ods.toLowerCase();
  const staffed = plan.roles.filter((role) => plan.answers.team.some((p) => p.role === role.id));
  const forRole = (roleId: string) => (item: PlanItem) => item.roles.includes(roleId);
  return [
    {
      fileName: `${prefix}-everything.ics`,
      text: renderCalendar(plan, plan.items, { ...options, name: `${name} (${ods}) migration` }),
    },
    ...staffed.map((role) => ({
      fileName: `${prefix}-${role.id}.ics`,
      text: renderCalendar(plan, plan.items.filter(forRole(role.id)), {
        ...options,
        cancelled: options.cancelled?.filter(forRole(role.id)),
        name: `${name} (${ods}) migration: ${role.title}`,
      }),
    })),
  ];
}
