/**
 * capacity.yaml → Capacity: the programme's limits, checked with a schema (also published by
 * `kickoff schema capacity`); every mistake at file:line:col. Missing keys take the defaults.
 */
import * as z from 'zod';
import { DEFAULT_CAPACITY, GO_LIVE_DAYS, type Capacity } from '../../domain/portfolio/capacity.js';
import { readText } from '../files.js';
import { parseYaml } from '../yaml-file.js';

const count = z.number().int().min(1, 'should be 1 or more').max(1000);
const itemId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'should be an item id from the template, like training');

export const capacitySchema = z
  .strictObject({
    goLivesPerWeek: count.optional().describe('go-lives across the programme in one week (Mon–Sun)'),
    fdpsPerDayPerSupplier: count
      .optional()
      .describe('final data productions on one day for one new supplier (the system moved to)'),
    suppliers: z
      .record(z.string().min(1), count)
      .optional()
      .describe('the FDP-per-day limit for named suppliers, e.g. { SystmOne: 3 }'),
    fdpsPerPersonPerFortnight: count.optional().describe('FDPs one person attends within any 14 days'),
    atOnce: z
      .record(itemId, count)
      .optional()
      .describe('items a person may hold at several practices at once, and how many (training: 2)'),
    alsoCritical: z
      .array(itemId)
      .optional()
      .describe("items besides the template's critical ones a person cannot be at two practices for"),
    horizonWorkingDays: z
      .number()
      .int()
      .min(1)
      .max(130)
      .optional()
      .describe('how far --suggest may move a go-live, in working days either way'),
    goLiveDays: z
      .array(z.enum(GO_LIVE_DAYS))
      .min(1, 'should name at least one day')
      .optional()
      .describe('the days --suggest may move a go-live to (monday to friday; default: not friday)'),
  })
  .describe('kickoff capacity.yaml: the limits of a programme of migrations');

export async function loadCapacity(file: string): Promise<Capacity> {
  const text = await readText(file, 'the capacity file', 'Check the path given to --capacity.');
  const { value } = parseYaml(text, file, capacitySchema, 'capacity.yaml');
  return {
    goLivesPerWeek: value.goLivesPerWeek ?? DEFAULT_CAPACITY.goLivesPerWeek,
    fdpsPerDayPerSupplier: value.fdpsPerDayPerSupplier ?? DEFAULT_CAPACITY.fdpsPerDayPerSupplier,
    suppliers: value.suppliers ?? DEFAULT_CAPACITY.suppliers,
    fdpsPerPersonPerFortnight: value.fdpsPerPersonPerFortnight ?? DEFAULT_CAPACITY.fdpsPerPersonPerFortnight,
    atOnce: value.atOnce ?? DEFAULT_CAPACITY.atOnce,
    alsoCritical: value.alsoCritical ?? DEFAULT_CAPACITY.alsoCritical,
    horizonWorkingDays: value.horizonWorkingDays ?? DEFAULT_CAPACITY.horizonWorkingDays,
    goLiveDays: value.goLiveDays
      ? GO_LIVE_DAYS.filter((d) => value.goLiveDays!.includes(d))
      : DEFAULT_CAPACITY.goLiveDays,
  };
}
