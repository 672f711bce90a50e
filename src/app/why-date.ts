/**
 * explainItem: what `kickoff why ID` does. The plan opened, its dates resolved the way the
 * scheduler resolves them (asked to explain), and the chain for one item, with the problems about it.
 */
import { whyDate, type WhyDate } from '../domain/schedule/why.js';
import { resolution } from './date-chains.js';
import { findItem } from './item-ids.js';
import { staleness } from './open-plan.js';
import { openPlanFile } from './read-plan.js';
import type { UseCaseOptions } from './workspace.js';

export interface ExplainedItem {
  readonly planFile: string;
  readonly why: WhyDate;
  /** Every item's title by id, to name the items a chain passes through. */
  readonly titles: ReadonlyMap<string, string>;
}

export async function explainItem(
  planFile: string,
  id: string,
  options: UseCaseOptions = {},
): Promise<ExplainedItem> {
  const opened = await openPlanFile(planFile, options);
  findItem(opened.plan, id, planFile); // a mistyped id: the nearest ones suggested
  const { resolved, diagnostics, calendar } = resolution(opened.plan, opened, opened.today);
  const problems = [...diagnostics, ...staleness(opened, opened.today), ...opened.notices];
  return {
    planFile: opened.stored.file,
    why: whyDate(opened.plan, id, resolved, calendar, problems)!,
    titles: new Map(opened.plan.items.map((i) => [i.id, i.title])),
  };
}
