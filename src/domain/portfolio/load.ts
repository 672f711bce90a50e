/**
 * Load figures: go-lives and FDPs per week across the programme, and for each person the practices
 * needing them on critical items each week. For `--json` and the HTML load chart.
 */
import { mondayOf, weeksOf } from '../dates.js';
import type { ProgrammeIndex } from './problem-index.js';
import type { CalendarDate } from '../types.js';
import { byText } from '../order.js';

export interface WeekLoad {
  readonly week: CalendarDate;
  readonly goLives: number;
  readonly fdps: number;
}

export interface PersonLoad {
  readonly key: string;
  readonly name: string;
  readonly email: string;
  /** The practices this person is in. */
  readonly practices: number;
  /** Weeks with any critical item, with how many practices need the person that week. */
  readonly weeks: readonly { readonly week: CalendarDate; readonly practices: number }[];
}

export interface ProgrammeLoad {
  readonly weeks: readonly WeekLoad[];
  readonly people: readonly PersonLoad[];
}

export function programmeLoad(index: ProgrammeIndex): ProgrammeLoad {
  const weeks = new Map<CalendarDate, { goLives: number; fdps: number }>();
  const at = (week: CalendarDate) => weeks.get(week) ?? weeks.set(week, { goLives: 0, fdps: 0 }).get(week)!;
  for (const view of index.views.values()) {
    at(mondayOf(view.goLive)).goLives += 1;
    if (view.fdp) at(mondayOf(view.fdp)).fdps += 1;
  }
  const people = [...index.commitments.entries()]
    .filter(([, list]) => new Set(list.map((c) => c.practice)).size > 1)
    .map(([key, list]): PersonLoad => {
      const byWeek = new Map<CalendarDate, Set<string>>();
      for (const c of list)
        for (const w of weeksOf(c.start, c.end))
          (byWeek.get(w) ?? byWeek.set(w, new Set()).get(w)!).add(c.practice);
      const member = index.views.get(list[0]!.practice)?.members.find((m) => m.key === key);
      return {
        key,
        name: member?.name ?? key,
        email: member?.email ?? '',
        practices: new Set(list.map((c) => c.practice)).size,
        weeks: [...byWeek.entries()]
          .sort(([a], [b]) => byText(a, b))
          .map(([week, set]) => ({ week, practices: set.size })),
      };
    })
    .sort((a, b) => b.practices - a.practices || byText(a.key, b.key));
  return {
    weeks: [...weeks.entries()].sort(([a], [b]) => byText(a, b)).map(([week, load]) => ({ week, ...load })),
    people,
  };
}
