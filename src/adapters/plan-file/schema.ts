/**
 * kickoff.yaml's schema: the one place that says what a plan file may hold. Reading (read.ts)
 * checks a plan against it, `kickoff schema plan` publishes it as JSON Schema, and the editor's
 * `yaml-language-server` line points at that.
 */
import * as z from 'zod';
import { isCalendarDate, parseCalendarDate } from '../../domain/calendar.js';
import { isKebabId, KEBAB_ID } from '../../domain/ids.js';
import { isOffset } from '../../domain/template.js';
import { ITEM_TYPES, STATUSES, type Status } from '../../domain/types.js';
import { RAID_KINDS, RAID_RATINGS, RAID_STATUSES } from '../../domain/raid.js';
import { answersSchema } from '../inputs/answers-loader.js';
import { once } from '../once.js';

/** A meeting's start: 24-hour hh:mm. */
export const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** A meeting's length: 1h, 90m or 1h 30m. */
export const DURATION = /^(\d+h)?\s*(\d+m)?$/;
/** An event's fingerprint in `published:`, as kickoff writes it. */
export const FINGERPRINT = /^[0-9a-f]{16}$/;

/** The plan's schema, built the first time it is needed (building zod's schemas has a cost). */
export const planSchema = once(() => {
  /** A plan date is ISO; a wrong one is explained ("Feb 2027 has 28 days") as everywhere else. */
  const date = z.string().refine(isCalendarDate, {
    error: (issue) => {
      const parsed = typeof issue.input === 'string' ? parseCalendarDate(issue.input) : undefined;
      if (parsed && !parsed.ok) return parsed.message.replace(/^"[^"]*" /, '');
      if (parsed?.ok) return `should be written ${parsed.date} (year-month-day)`;
      return 'should be a real date like 2027-03-15';
    },
  });
  const time = z.string().regex(TIME, 'should be a time like 10:00');
  /** A role id names a calendar file (a81001-it-lead.ics): never a path, a space or a capital. */
  const roleId = z.string().regex(KEBAB_ID, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not a role id: use lower-case letters, digits and hyphens, like it-lead`,
  });
  const planItemSchema = z.strictObject({
    id: z.string().refine(isKebabId, 'should be a kebab-case id like practice-open-day'),
    title: z.string().min(1),
    type: z.enum(ITEM_TYPES),
    thirdParty: z.string().optional(),
    date: date.optional(),
    start: date.optional(),
    end: date.optional(),
    time: time.optional(),
    duration: z.string().regex(DURATION, 'should be a duration like 1h or 90m').optional(),
    location: z
      .string()
      .trim()
      .min(1, 'should be a room or a call link; delete the line for none')
      .optional(),
    repeatsWeeklyUntil: date.optional(),
    moved: z.record(date, date).optional(),
    except: z.array(date).optional(),
    roles: z.array(roleId).default([]),
    // People from the team (an e-mail or a name) or more role ids; read.ts checks them against the team.
    owners: z
      .array(z.string().trim().min(1, 'should be a name or e-mail from the team, or a role id'))
      .optional(),
    informational: z.boolean().optional(),
    status: z.enum(STATUSES as [Status, ...Status[]]).optional(),
    pinned: z.boolean().optional(),
    notes: z.string().optional(),
    description: z.string().optional(),
    // A person's own item dated from another item: from: go-live, offset: -10wd (at: end).
    from: z.string().refine(isKebabId, 'should be the id of another item, like go-live').optional(),
    at: z.enum(['start', 'end']).optional(),
    offset: z
      .string()
      .refine(isOffset, {
        message: 'should be an offset like -10wd (working days), -2w (weeks), +3d (days) or -1m (months)',
      })
      .optional(),
  });
  const publishedSchema = z.strictObject({
    sequence: z.number().int().min(0),
    since: date,
    fingerprint: z.string().regex(FINGERPRINT, 'should be the 16 hex digits kickoff wrote'),
    title: z.string(),
    date: date.optional(),
    start: date.optional(),
    end: date.optional(),
    time: time.optional(),
    roles: z.array(roleId).default([]),
    cancelled: z.boolean().optional(),
    cancelledFor: z.array(roleId).optional(),
  });
  return z.strictObject({
    format: z.number().int(),
    template: z.strictObject({ id: z.string(), version: z.string() }),
    scheduled: date,
    answers: answersSchema(),
    roles: z.record(roleId, z.string()),
    phases: z.array(
      z.strictObject({ phase: z.string(), title: z.string(), items: z.array(planItemSchema).default([]) }),
    ),
    raid: z
      .array(
        z.strictObject({
          id: z.string().refine(isKebabId, 'should be a kebab-case id like risk-1'),
          kind: z.enum(RAID_KINDS),
          title: z.string().trim().min(1, 'should say what the risk, assumption, issue or dependency is'),
          owner: z.string().trim().min(1, 'should name who owns it: a person from the team, or a role'),
          rating: z.enum(RAID_RATINGS),
          review: date,
          status: z.enum(RAID_STATUSES).default('open'),
          notes: z.string().optional(),
        }),
      )
      .optional()
      .describe('the RAID log: risks, assumptions, issues and dependencies (kickoff raid add)'),
    published: z.record(z.string(), publishedSchema).optional(),
    invited: z.record(z.string(), z.record(z.string(), z.number().int().min(0))).optional(),
  });
});

/** The plan as the schema gives it. */
export type RawPlan = z.output<ReturnType<typeof planSchema>>;
