/**
 * templates/*.yaml → Template. Checks the shape with a schema and the meaning (ids, references,
 * cycles) with the domain, and reports either kind of problem at file:line:col. Used for a custom
 * `--template`, at build time to make the pre-checked JSON of the shipped one, and when that JSON is
 * missing or stale (see template-loader.ts).
 */
import * as z from 'zod';
import { findTemplateProblems } from '../../domain/template-check.js';
import { parseOffset, type DateRule, type Template, type TemplateItem } from '../../domain/template.js';
import { ITEM_TYPES, NATIONS, type Offset } from '../../domain/types.js';
import { InputError } from '../../errors.js';
import { decodeText, readText } from '../files.js';
import { DEFAULT_TEMPLATE, readShipped } from '../shipped.js';
import { parseYaml } from '../yaml-file.js';

const id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'should be a kebab-case id like final-data-production');
const offset = z.string().transform((text, ctx): Offset => {
  const parsed = parseOffset(text);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: `"${text}" should be an offset like -3wd, +2d, -5w or -1m` });
    return z.NEVER;
  }
  return parsed;
});
const noticeOffset = z.union([z.literal('notice'), z.literal('-notice'), offset]);
const dateRule = z.strictObject({
  from: z.string().optional(),
  at: z.enum(['start', 'end']).optional(),
  offset: noticeOffset.optional(),
  answer: z.enum(['goLive', 'kickoff']).optional(),
  roll: z.enum(['previous', 'next']).optional(),
  /** Why kickoff chose this number when no source gives one (shown by `kickoff why`). */
  assumed: z.string().trim().min(1, 'should say why kickoff chose this date').optional(),
});
const nations = z.array(z.enum(NATIONS)).min(1);
const duration = z.string().transform((text, ctx) => {
  const match = /^(?:(\d+)h)?\s*(?:(\d+)m)?$/.exec(text.trim());
  if (!match || (!match[1] && !match[2])) {
    ctx.addIssue({ code: 'custom', message: `"${text}" should be a duration like 1h, 90m or 1h 30m` });
    return z.NEVER;
  }
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
});
const item = z.strictObject({
  id,
  title: z.string().min(1),
  phase: id,
  type: z.enum(ITEM_TYPES),
  start: dateRule,
  end: dateRule.optional(),
  repeatWeeklyUntil: dateRule.optional(),
  meetsInWeekOf: z.array(id).min(1).optional(),
  repeatWorkingDays: z.number().int().min(2).max(20).optional(),
  keepBefore: z.strictObject({ item: z.string(), within: offset.optional() }).optional(),
  startWithin: z.strictObject({ from: offset, to: offset }).optional(),
  mergeInto: z.strictObject({ item: z.string(), noticeUnder: offset, title: z.string().min(1) }).optional(),
  nations: nations.optional(),
  when: z.strictObject({ dispensing: z.boolean().optional() }).optional(),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'should be a time like 10:00')
    .optional(),
  duration: duration.optional(),
  roles: z.array(id).min(1),
  informational: z.boolean().optional(),
  critical: z.boolean().optional(),
  attended: z.boolean().optional(),
  description: z.string().optional(),
  source: z.string().min(1),
});
const monthDay = z.string().regex(/^\d\d-\d\d$/, 'should be a month and day like 12-15');
const code = z.string().regex(/^[a-z]+\.[a-z_]+$/, 'should be a code like schedule.notice_too_short');
const templateSchema = z.strictObject({
  id,
  version: z.string().min(1),
  title: z.string().min(1),
  phases: z.array(z.strictObject({ id, title: z.string().min(1) })).min(1),
  roles: z
    .array(
      z.strictObject({
        id,
        title: z.string().min(1),
        titleIn: z.partialRecord(z.enum(NATIONS), z.string().min(1)).optional(),
        description: z.string().optional(),
        source: z.string(),
      }),
    )
    .min(1),
  items: z.array(item).min(1),
  thirdPartyItems: z.array(item),
  thirdParties: z.array(
    z.strictObject({
      id,
      name: z.string().min(1),
      notice: offset,
      noticeAssumed: z.boolean().optional(),
      nations: nations.optional(),
      description: z.string().optional(),
      overrides: z.record(z.string(), dateRule).optional(),
      source: z.string().min(1),
    }),
  ),
  rules: z.array(
    z.strictObject({
      code,
      item: z.string(),
      before: z.string(),
      atLeast: z.union([z.literal('notice'), offset]),
      forEachThirdParty: z.boolean().optional(),
      fix: z.string().min(1),
      source: z.string().min(1),
    }),
  ),
  order: z.array(
    z.strictObject({
      first: z.string(),
      then: z.string(),
      sameDay: z.boolean().optional(),
      forEachThirdParty: z.boolean().optional(),
      source: z.string().min(1),
    }),
  ),
  lengths: z.array(
    z.strictObject({
      code,
      item: z.string(),
      atMost: offset,
      fix: z.string().min(1),
      source: z.string().min(1),
    }),
  ),
  busyPeriods: z.array(
    z
      .strictObject({
        code,
        from: monthDay.optional(),
        to: monthDay.optional(),
        holidays: z.array(z.string().min(1)).min(1).optional(),
        nations: nations.optional(),
        reason: z.string(),
        source: z.string(),
        assumed: z.string().trim().min(1).optional(),
      })
      .refine((p) => (p.from !== undefined && p.to !== undefined) !== (p.holidays !== undefined), {
        message: 'needs either from: and to: (month-days like 12-15) or holidays: [names], not both',
      }),
  ),
  noMeetingsOn: z.strictObject({ days: z.array(monthDay), source: z.string().min(1) }).optional(),
});

type RawItem = z.output<typeof item>;

function toItem(raw: RawItem): TemplateItem {
  const { duration: minutes, ...rest } = raw;
  return { ...rest, ...(minutes === undefined ? {} : { durationMinutes: minutes }) } as TemplateItem;
}

/** Loads the default template, or a CSU's own with `--template PATH`, through YAML and the schema. */
export async function loadTemplateYaml(path?: string): Promise<Template> {
  const source = parseYaml(
    path === undefined
      ? decodeText(await readShipped(DEFAULT_TEMPLATE), DEFAULT_TEMPLATE, 'the template')
      : await readText(path, 'the template'),
    path ?? DEFAULT_TEMPLATE,
    templateSchema,
    'Template',
  );
  const raw = source.value;
  const template: Template = {
    ...raw,
    items: raw.items.map(toItem),
    thirdPartyItems: raw.thirdPartyItems.map(toItem),
    thirdParties: raw.thirdParties.map((p) => ({
      ...p,
      overrides: p.overrides as Record<string, DateRule> | undefined,
    })),
  };
  const problem = findTemplateProblems(template)[0];
  if (problem) {
    throw new InputError(`Template: ${problem.message}`, problem.fix, source.locate(problem.path));
  }
  return template;
}
