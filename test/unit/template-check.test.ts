/** The template's meaning checks for `keepBefore` (a reminder kept before its own notice deadline). */
import { beforeAll, describe, expect, it } from 'vitest';
import { findTemplateProblems } from '../../src/domain/template-check.js';
import type { KeepBefore, Template } from '../../src/domain/template.js';
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
  it('accepts the shipped template, whose reminder is kept before its party’s notice', () => {
    expect(template.thirdPartyItems.find((i) => i.id === 'reminder-week-before')?.keepBefore).toEqual({
      item: 'notice',
      within: { amount: 1, unit: 'w' },
    });
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
