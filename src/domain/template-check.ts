/**
 * Meaning checks on a template whose shape is already right: unique ids, known phases and roles,
 * references that exist, no cycles. Each problem carries the path into the template file.
 */
import { nominalDays, type DateRule, type Template, type TemplateItem } from './template.js';
import { NATIONS, type Nation } from './types.js';

export interface TemplateProblem {
  readonly message: string;
  readonly fix: string;
  readonly path: readonly (string | number)[];
}

type Section = 'items' | 'thirdPartyItems';

export function findTemplateProblems(template: Template): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const phases = new Set(template.phases.map((p) => p.id));
  const roles = new Set(template.roles.map((r) => r.id));
  const globalIds = new Set(template.items.map((i) => i.id));
  const partyIds = new Set(template.thirdPartyItems.map((i) => i.id));

  const checkSection = (section: Section, items: readonly TemplateItem[], local: Set<string>) => {
    const seen = new Set<string>();
    // The items this one may be dated from: the section's own, and (for party items) the template's.
    const byId = new Map<string, TemplateItem>([
      ...template.items.map((i) => [i.id, i] as const),
      ...items.map((i) => [i.id, i] as const),
    ]);
    items.forEach((item, index) => {
      const at = (...rest: (string | number)[]) => [section, index, ...rest];
      if (seen.has(item.id)) {
        problems.push({
          message: `item id "${item.id}" is used twice`,
          fix: 'Give each item its own id.',
          path: at('id'),
        });
      }
      seen.add(item.id);
      if (!phases.has(item.phase)) {
        problems.push({
          message: `item "${item.id}" names phase "${item.phase}", which is not in phases`,
          fix: `Use one of: ${[...phases].join(', ')}.`,
          path: at('phase'),
        });
      }
      item.roles.forEach((role, r) => {
        if (!roles.has(role)) {
          problems.push({
            message: `item "${item.id}" names role "${role}", which is not in roles`,
            fix: `Use one of: ${[...roles].join(', ')}.`,
            path: at('roles', r),
          });
        }
      });
      for (const key of ['start', 'end', 'repeatWeeklyUntil'] as const) {
        const rule = item[key];
        if (rule)
          problems.push(
            ...checkRule(rule, item, at(key), (ref) => globalIds.has(ref) || local.has(ref), section),
          );
      }
      const before = item.keepBefore?.item;
      if (before !== undefined && !(globalIds.has(before) || local.has(before))) {
        problems.push({
          message: `"${item.id}" is kept before "${before}", which is not an item`,
          fix: `Check the spelling of the item id${section === 'thirdPartyItems' ? ' (an id from thirdPartyItems, without the party)' : ''}.`,
          path: at('keepBefore', 'item'),
        });
      } else if (before === item.id) {
        problems.push({
          message: `"${item.id}" is kept before itself`,
          fix: 'Name the item it must come before, e.g. keepBefore: { item: notice }.',
          path: at('keepBefore', 'item'),
        });
      }
      if (item.meetsInWeekOf?.length && !item.repeatWeeklyUntil)
        problems.push({
          message: `"${item.id}" has meetsInWeekOf but is not a weekly series`,
          fix: 'Add repeatWeeklyUntil, or remove meetsInWeekOf.',
          path: at('meetsInWeekOf'),
        });
      else
        (item.meetsInWeekOf ?? []).forEach((ref, r) => {
          if (!(globalIds.has(ref) || local.has(ref)))
            problems.push({
              message: `"${item.id}" must meet in the week of "${ref}", which is not an item`,
              fix: 'Check the spelling of the item id.',
              path: at('meetsInWeekOf', r),
            });
        });
      const within = item.keepBefore?.within;
      if (within && within.amount <= 0) {
        problems.push({
          message: `"${item.id}" has keepBefore within ${within.amount}${within.unit}, which is no time at all`,
          fix: 'Use a positive length like 1w, or leave within: out (any time after).',
          path: at('keepBefore', 'within'),
        });
      }
      problems.push(...checkNewFields(item, section, at, byId));
      if (item.type === 'meeting' && item.time !== undefined && item.durationMinutes === undefined) {
        problems.push({
          message: `meeting "${item.id}" has a time but no duration`,
          fix: 'Add duration: 1h (or similar).',
          path: at('time'),
        });
      }
    });
  };
  checkSection('items', template.items, new Set());
  checkSection('thirdPartyItems', template.thirdPartyItems, partyIds);
  if (!template.items.some((i) => i.start.answer === 'goLive')) {
    problems.push({
      message: 'no item takes its date from the go-live answer',
      fix: 'Add an item with start: { answer: goLive }.',
      path: ['items'],
    });
  }
  template.thirdParties.forEach((party, index) => {
    for (const key of Object.keys(party.overrides ?? {})) {
      if (!partyIds.has(key)) {
        problems.push({
          message: `third party "${party.id}" overrides "${key}", which is not in thirdPartyItems`,
          fix: `Use one of: ${[...partyIds].join(', ')}.`,
          path: ['thirdParties', index, 'overrides', key],
        });
      }
    }
  });
  problems.push(...checkRuleRefs(template, globalIds, partyIds));
  const cycle = findCycle(template);
  if (cycle) {
    problems.push({
      message: `dates depend on each other in a circle: ${cycle.join(' → ')}`,
      fix: 'Anchor one of these items to go-live or to an item outside the circle.',
      path: ['items'],
    });
  }
  return problems;
}

/** An item's nations, all four when it names none. */
function nationsOf(item: TemplateItem): readonly Nation[] {
  return item.nations ?? NATIONS;
}

/**
 * The fields issue 23 added: a reminder kept within days of its anchor, one merged into another of
 * its party's items, one held on several working days, and items made only in some nations or for a
 * dispensing practice, which nothing made more widely may be dated from.
 */
function checkNewFields(
  item: TemplateItem,
  section: Section,
  at: (...rest: (string | number)[]) => (string | number)[],
  byId: ReadonlyMap<string, TemplateItem>,
): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const window = item.startWithin;
  if (window && nominalDays(window.from) > nominalDays(window.to)) {
    problems.push({
      message: `"${item.id}" must start within ${window.from.amount}${window.from.unit} to ${window.to.amount}${window.to.unit}, which ends before it begins`,
      fix: 'Put the earlier offset in from:, e.g. { from: -9d, to: -5d }.',
      path: at('startWithin'),
    });
  }
  const merge = item.mergeInto;
  if (merge && (section !== 'thirdPartyItems' || merge.item === item.id || !byId.has(merge.item))) {
    problems.push({
      message: `"${item.id}" merges into "${merge.item}", which is not another item of its third party`,
      fix: 'Use mergeInto on a thirdPartyItems item, naming another of them (e.g. item: notice).',
      path: at('mergeInto', 'item'),
    });
  }
  if (item.repeatWorkingDays !== undefined && item.repeatWeeklyUntil) {
    problems.push({
      message: `"${item.id}" has both repeatWorkingDays and repeatWeeklyUntil`,
      fix: 'Keep one of them.',
      path: at('repeatWorkingDays'),
    });
  }
  const anchors: [string, (string | number)[]][] = [
    ...(['start', 'end', 'repeatWeeklyUntil'] as const).flatMap((key): [string, (string | number)[]][] => {
      const from = item[key]?.from;
      return from === undefined ? [] : [[from, at(key, 'from')]];
    }),
    ...(item.keepBefore
      ? [[item.keepBefore.item, at('keepBefore', 'item')] as [string, (string | number)[]]]
      : []),
  ];
  for (const [ref, path] of anchors) {
    const anchor = byId.get(ref);
    if (!anchor) continue;
    if (anchor.repeatWorkingDays !== undefined) {
      problems.push({
        message: `"${item.id}" is dated from "${ref}", which is held on several days`,
        fix: 'Date it from the item that one is dated from.',
        path,
      });
    }
    const missing = nationsOf(item).filter((n) => !nationsOf(anchor).includes(n));
    if (missing.length > 0) {
      problems.push({
        message: `"${item.id}" is dated from "${ref}", which is not made in ${missing.join(', ')}`,
        fix: `Give "${item.id}" nations: [${nationsOf(anchor).join(', ')}], or date it from another item.`,
        path,
      });
    }
    const needs = anchor.when?.dispensing;
    if (needs !== undefined && item.when?.dispensing !== needs) {
      problems.push({
        message: `"${item.id}" is dated from "${ref}", which is made only when dispensing is ${needs}`,
        fix: `Give "${item.id}" when: { dispensing: ${needs} }, or date it from another item.`,
        path,
      });
    }
  }
  return problems;
}

function checkRule(
  rule: DateRule,
  item: TemplateItem,
  path: (string | number)[],
  exists: (ref: string) => boolean,
  section: Section,
): TemplateProblem[] {
  if (rule.answer === 'goLive') return [];
  if (rule.from === undefined || rule.offset === undefined) {
    return [
      {
        message: `a date of "${item.id}" needs both from: and offset: (or answer: goLive)`,
        fix: 'Write e.g. { from: go-live, offset: -3wd }.',
        path,
      },
    ];
  }
  if (!exists(rule.from)) {
    return [
      {
        message: `"${item.id}" is anchored to "${rule.from}", which is not an item`,
        fix: 'Check the spelling of the item id.',
        path: [...path, 'from'],
      },
    ];
  }
  if ((rule.offset === 'notice' || rule.offset === '-notice') && section !== 'thirdPartyItems') {
    return [
      {
        message: `"${item.id}" uses the notice period, which only third-party items have`,
        fix: 'Use a fixed offset like -5w.',
        path: [...path, 'offset'],
      },
    ];
  }
  return [];
}

/** Order and length rules name items that exist ('{party}-x' for a third-party item x). */
function checkRuleRefs(
  template: Template,
  globalIds: ReadonlySet<string>,
  partyIds: ReadonlySet<string>,
): TemplateProblem[] {
  const known = (ref: string, perParty: boolean) =>
    perParty && ref.startsWith('{party}-') ? partyIds.has(ref.slice('{party}-'.length)) : globalIds.has(ref);
  const problem = (ref: string, path: (string | number)[]): TemplateProblem => ({
    message: `rule names "${ref}", which is not an item`,
    fix: 'Check the spelling of the item id (third-party items as {party}-<id>, with forEachThirdParty: true).',
    path,
  });
  return [
    ...template.order.flatMap((rule, index) =>
      (['first', 'then'] as const).flatMap((key) =>
        known(rule[key], rule.forEachThirdParty === true) ? [] : [problem(rule[key], ['order', index, key])],
      ),
    ),
    ...template.lengths.flatMap((rule, index) =>
      globalIds.has(rule.item) ? [] : [problem(rule.item, ['lengths', index, 'item'])],
    ),
  ];
}

/** Depth-first search over "date depends on" edges of the template's own items. */
function findCycle(template: Template): string[] | undefined {
  const byId = new Map(template.items.map((i) => [i.id, i]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...trail.slice(trail.indexOf(id)), id];
    state.set(id, 'visiting');
    const item = byId.get(id);
    const refs = [
      ...[item?.start, item?.end, item?.repeatWeeklyUntil].flatMap((r) => (r?.from ? [r.from] : [])),
      ...(item?.keepBefore ? [item.keepBefore.item] : []),
    ];
    for (const ref of refs) {
      if (!byId.has(ref)) continue;
      const found = visit(ref, [...trail, id]);
      if (found) return found;
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const id of byId.keys()) {
    const found = visit(id, []);
    if (found) return found;
  }
  return undefined;
}
