/**
 * Dates a person fixed (pinned items, and their own items) still keep the plan's order. The
 * template dates most items from the item they must come before ("hardware installed 3 working days
 * before training"): a pin that puts an item after that item is an error, and so is an item of a
 * phase before go-live dated after go-live. Each says the way out: unpin it, or pin it earlier.
 * (The template's explicit order rules are checkOrder's; a pair it covers is not said twice.)
 */
import { GO_LIVE_ID } from '../anchors.js';
import { formatLong } from '../calendar.js';
import { expandItems } from '../schedule/resolve.js';
import { describeOffset, type Template } from '../template.js';
import type { Diagnostic, Offset, Plan, PlanItem } from '../types.js';
import { isClosed, type Lookup } from './rules.js';

export function checkPins(plan: Plan, template: Template, lookup: Lookup): Diagnostic[] {
  const specs = new Map(expandItems(template, plan.thirdParties, plan.answers).map((s) => [s.id, s]));
  const ordered = new Set(template.order.map((o) => `${o.first}>${o.then}`));
  const goLive = lookup(GO_LIVE_ID);
  const phase = (id: string) => plan.phases.findIndex((p) => p.id === id);
  const goLivePhase = goLive ? phase(plan.items.find((i) => i.id === GO_LIVE_ID)?.phase ?? '') : -1;
  const fixedByPerson = (item: PlanItem) => item.origin === 'pinned' || !specs.has(item.id);
  return plan.items
    .filter((item) => fixedByPerson(item) && !item.informational && !isClosed(item))
    .flatMap((item): Diagnostic[] => {
      const rule = specs.get(item.id)?.start ?? item.rule;
      const anchor = rule?.from !== undefined ? lookup(rule.from) : undefined;
      const offset = typeof rule?.offset === 'object' ? (rule.offset as Offset) : undefined;
      const before = anchor && offset && offset.amount < 0 && !isClosed(anchor);
      if (
        before &&
        item.start > (rule!.at === 'end' ? anchor.end : anchor.start) &&
        !ordered.has(`${item.id}>${anchor.id}`)
      )
        return [
          {
            severity: 'error',
            code: 'schedule.pin_breaks_rule',
            message: `"${item.title}" is ${item.origin === 'pinned' ? 'pinned' : 'dated'} on ${formatLong(item.start)}, after "${anchor.title}" (${formatLong(anchor.start)}), but must come ${describeOffset(offset)} before it. ${wayOut(item)}`,
            itemId: item.id,
          },
        ];
      if (
        goLive &&
        goLivePhase >= 0 &&
        phase(item.phase) >= 0 &&
        phase(item.phase) < goLivePhase &&
        item.start > goLive.start
      )
        return [
          {
            severity: 'error',
            code: 'schedule.pin_after_go_live',
            message: `"${item.title}" is ${item.origin === 'pinned' ? 'pinned' : 'dated'} on ${formatLong(item.start)}, after go-live (${formatLong(goLive.start)}), but belongs before it (phase: ${plan.phases[phase(item.phase)]!.title}). ${wayOut(item)}`,
            itemId: item.id,
          },
        ];
      return [];
    });
}

function wayOut(item: PlanItem): string {
  return item.origin === 'pinned'
    ? `Let kickoff date it again (kickoff unpin ${item.id}, or kickoff schedule --release-pins), or pin it earlier (kickoff pin ${item.id} DATE).`
    : `Give it an earlier date in kickoff.yaml (or date it from another item: from: go-live, offset: -10wd).`;
}
