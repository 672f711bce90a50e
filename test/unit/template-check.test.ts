/**
 * The template's meaning checks: `keepBefore` (an item kept before another), and the fields of
 * issue 23 — `startWithin`, `mergeInto`, `repeatWorkingDays`, `nations:` and `when:` on items.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findTemplateProblems } from '../../src/domain/template-check.js';
import type { KeepBefore, Template, TemplateItem } from '../../src/domain/template.js';
import { loadDefaults } from '../helpers/fixtures.js';

let template: Template;

beforeAll(async () => {
  ({ template } = await loadDefaults());
});

/** The default template with the week-before reminder's keepBefore replaced. */
function withKeep(keep: KeepBefore): Template {
  return {
    ...template,
    thirdPartyItems: template.thirdPartyItems.map((i) =>
      i.id === 'reminder-week-before' ? { ...i, keepBefore: keep } : i,
    ),
  };
}

const at = (t: Template) => t.thirdPartyItems.findIndex((i) => i.id === 'reminder-week-before');

describe('findTemplateProblems: keepBefore', () => {
  it('accepts the shipped template, whose reminder stays 5–9 days ahead and merges into a short notice', () => {
    const reminder = template.thirdPartyItems.find((i) => i.id === 'reminder-week-before');
    expect(reminder?.startWithin).toEqual({ from: { amount: -9, unit: 'd' }, to: { amount: -5, unit: 'd' } });
    expect(reminder?.mergeInto).toMatchObject({ item: 'notice', noticeUnder: { amount: 10, unit: 'd' } });
    expect(findTemplateProblems(template)).toEqual([]);
  });

  it('names an item that does not exist, at the keepBefore line', () => {
    const broken = withKeep({ item: 'notise' });
    expect(findTemplateProblems(broken)).toEqual([
      expect.objectContaining({
        message: '"reminder-week-before" is kept before "notise", which is not an item',
        path: ['thirdPartyItems', at(broken), 'keepBefore', 'item'],
      }),
    ]);
  });

  it('refuses an item kept before itself, and a within that is no time', () => {
    expect(findTemplateProblems(withKeep({ item: 'reminder-week-before' }))[0]?.message).toBe(
      '"reminder-week-before" is kept before itself',
    );
    expect(
      findTemplateProblems(withKeep({ item: 'notice', within: { amount: 0, unit: 'wd' } }))[0]?.message,
    ).toContain('no time at all');
  });

  it('finds a circle through keepBefore among the template’s own items', () => {
    const circular: Template = {
      ...template,
      items: template.items.map((i) =>
        i.id === 'kick-off' ? { ...i, keepBefore: { item: 'technical-survey' } } : i,
      ),
    };
    expect(findTemplateProblems(circular).map((p) => p.message)).toEqual([
      expect.stringContaining('dates depend on each other in a circle'),
    ]);
  });

  it('names a meetsInWeekOf item that does not exist', () => {
    const broken: Template = {
      ...template,
      items: template.items.map((i) =>
        i.id === 'weekly-migration-meeting' ? { ...i, meetsInWeekOf: ['go-live', 'golive'] } : i,
      ),
    };
    const index = broken.items.findIndex((i) => i.id === 'weekly-migration-meeting');
    expect(findTemplateProblems(broken)).toEqual([
      expect.objectContaining({
        message: '"weekly-migration-meeting" must meet in the week of "golive", which is not an item',
        path: ['items', index, 'meetsInWeekOf', 1],
      }),
    ]);
  });

  it('says once, whatever its refs, that meetsInWeekOf needs a weekly series', () => {
    const broken: Template = {
      ...template,
      items: template.items.map((i) =>
        i.id === 'kick-off' ? { ...i, meetsInWeekOf: ['go-live', 'final-data-production'] } : i,
      ),
    };
    expect(findTemplateProblems(broken).map((p) => p.message)).toEqual([
      '"kick-off" has meetsInWeekOf but is not a weekly series',
    ]);
  });
});

describe('findTemplateProblems: the fields of issue 23', () => {
  const withItem = (
    id: string,
    change: Partial<TemplateItem>,
    section: 'items' | 'thirdPartyItems' = 'items',
  ) => ({
    ...template,
    [section]: template[section].map((i) => (i.id === id ? { ...i, ...change } : i)),
  });

  it('refuses a start window that ends before it begins', () => {
    const broken = withItem(
      'reminder-week-before',
      { startWithin: { from: { amount: -5, unit: 'd' }, to: { amount: -9, unit: 'd' } } },
      'thirdPartyItems',
    );
    expect(findTemplateProblems(broken).map((p) => p.message)).toEqual([
      '"reminder-week-before" must start within -5d to -9d, which ends before it begins',
    ]);
  });

  it('refuses a merge into an item its party does not have, or on an item that is not a party’s', () => {
    const merge = { item: 'notise', noticeUnder: { amount: 10, unit: 'd' as const }, title: 'x' };
    expect(
      findTemplateProblems(withItem('reminder-week-before', { mergeInto: merge }, 'thirdPartyItems'))[0]
        ?.message,
    ).toBe('"reminder-week-before" merges into "notise", which is not another item of its third party');
    expect(
      findTemplateProblems(withItem('kick-off', { mergeInto: { ...merge, item: 'go-live' } }))[0]?.message,
    ).toContain('which is not another item of its third party');
  });

  it('refuses an item made in more nations than the item it is dated from', () => {
    const broken = withItem('erd-report', { nations: undefined });
    expect(findTemplateProblems(broken).map((p) => p.message)).toEqual([
      '"erd-report" is dated from "fp10-window", which is not made in wales, scotland, northern-ireland',
    ]);
  });

  it('refuses an item dated from a dispensary’s item without being one itself', () => {
    const dated = withItem('migration-approach-agreed', {
      start: { from: 'dispensing-hardware-checked', offset: { amount: 1, unit: 'wd' } },
    });
    expect(findTemplateProblems(dated).map((p) => p.message)).toContain(
      '"migration-approach-agreed" is dated from "dispensing-hardware-checked", which is made only when dispensing is true',
    );
  });

  it('refuses an item dated from one held on several days', () => {
    const dated = withItem('data-re-entry', {
      start: { from: 'daily-stand-up', offset: { amount: 1, unit: 'wd' } },
    });
    expect(findTemplateProblems(dated).map((p) => p.message)).toContain(
      '"data-re-entry" is dated from "daily-stand-up", which is held on several days',
    );
  });

  it('reads the reasoning of an assumed date rule from the file', () => {
    const idp = template.items.find((i) => i.id === 'initial-data-production');
    expect(idp?.start.assumed).toMatch(/no source fixes IDP/);
    expect(template.items.find((i) => i.id === 'data-extract-request')?.start.assumed).toBeUndefined();
  });
});
