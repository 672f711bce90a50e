/**
 * What kickoff assumed: the numbers in a template that no source gives. An item counts when one of
 * its date rules says `assumed:`, a third party when its notice is `noticeAssumed`, a busy period
 * when its dates are `assumed:`. Counted per nation, over what that nation's practices can get
 * (a dispensary's items included). `kickoff check --assumed` and the README's table show this.
 */
import { NATIONS, type Nation } from './types.js';
import { inNation, type Template, type TemplateItem } from './template.js';

export interface Assumed {
  readonly id: string;
  /** Why kickoff chose the number. */
  readonly reason: string;
  /** The nations it applies in, when not all four. */
  readonly nations?: readonly Nation[];
}

export interface AssumedTally {
  readonly assumed: number;
  readonly total: number;
}

export interface NationAssumptions {
  readonly nation: Nation;
  /** The template's items (third-party items once each, as in the template). */
  readonly items: AssumedTally;
  readonly thirdParties: AssumedTally;
  readonly busyPeriods: AssumedTally;
}

export interface Assumptions {
  readonly byNation: readonly NationAssumptions[];
  readonly items: readonly Assumed[];
  readonly thirdParties: readonly Assumed[];
  readonly busyPeriods: readonly Assumed[];
}

/** The reasoning of an item's assumed date rules (start, end, series), or undefined when sourced. */
function itemReason(item: TemplateItem): string | undefined {
  const reasons = [item.start, item.end, item.repeatWeeklyUntil].flatMap((rule) =>
    rule?.assumed ? [rule.assumed] : [],
  );
  return reasons.length === 0 ? undefined : reasons.join('; ');
}

const nationsOf = (entry: { readonly nations?: readonly Nation[] }) =>
  entry.nations ? { nations: entry.nations } : {};

export function templateAssumptions(template: Template): Assumptions {
  const allItems = [...template.items, ...template.thirdPartyItems];
  const items = allItems.flatMap((item): Assumed[] => {
    const reason = itemReason(item);
    return reason === undefined ? [] : [{ id: item.id, reason, ...nationsOf(item) }];
  });
  const thirdParties = template.thirdParties.flatMap((party): Assumed[] =>
    party.noticeAssumed
      ? [{ id: party.id, reason: 'no source gives its notice period', ...nationsOf(party) }]
      : [],
  );
  const busyPeriods = template.busyPeriods.flatMap((period): Assumed[] =>
    period.assumed ? [{ id: period.code, reason: period.assumed, ...nationsOf(period) }] : [],
  );
  const tally = (
    entries: readonly { readonly nations?: readonly Nation[] }[],
    assumed: readonly Assumed[],
    nation: Nation,
  ): AssumedTally => ({
    assumed: assumed.filter((a) => inNation(a, nation)).length,
    total: entries.filter((e) => inNation(e, nation)).length,
  });
  const byNation = NATIONS.map((nation) => ({
    nation,
    items: tally(allItems, items, nation),
    thirdParties: tally(template.thirdParties, thirdParties, nation),
    busyPeriods: tally(template.busyPeriods, busyPeriods, nation),
  }));
  return { byNation, items, thirdParties, busyPeriods };
}
