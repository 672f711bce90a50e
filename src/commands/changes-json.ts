/** `kickoff changes --json`: the changes as data (documented in docs/commands.md). */
import type { ChangesSince } from '../app/plan-history.js';
import type { ItemDates } from '../domain/diff.js';
import type { PlanItem } from '../domain/types.js';

const item = (i: PlanItem) => ({ id: i.id, title: i.title, start: i.start, end: i.end });
const dates = (d: ItemDates) => ({
  start: d.start,
  end: d.end,
  ...(d.until ? { repeatsWeeklyUntil: d.until } : {}),
});

export function changesJson(result: ChangesSince) {
  const { changes } = result;
  return {
    planFile: result.planFile,
    practice: result.practice,
    since: result.since,
    today: result.today,
    kickoffChanges: result.entries.map((e) => ({
      number: e.number,
      when: e.when,
      command: e.command,
      summary: e.summary,
    })),
    goLive: changes.goLive ?? null,
    moved: changes.moved.map((m) => ({ ...item(m.item), before: dates(m.before), after: dates(m.after) })),
    statuses: changes.statuses.map((s) => ({
      ...item(s.item),
      before: s.before ?? null,
      after: s.after ?? null,
    })),
    notes: changes.notes.map((n) => ({ ...item(n.item), before: n.before, after: n.after })),
    added: changes.added.map(item),
    removed: changes.removed.map(item),
    pinned: changes.pinned.map(item),
    released: changes.released.map(item),
    noticesDue: changes.noticesDue.map(item),
  };
}
