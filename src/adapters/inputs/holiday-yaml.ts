/** templates/bank-holidays.yaml → HolidayTable, checked (at build time, or when the JSON is missing or stale). */
import * as z from 'zod';
import { isCalendarDate, type BankHoliday, type HolidayTable } from '../../domain/calendar.js';
import { readText } from '../files.js';
import { HOLIDAY_TABLE, shippedFile } from '../shipped.js';
import { parseYaml } from '../yaml-file.js';

const holiday = z.strictObject({
  date: z.string().refine(isCalendarDate, 'should be a real date like 2027-03-15'),
  title: z.string().min(1),
});

const tableSchema = z.strictObject({
  source: z.string().min(1),
  firstYear: z.number().int(),
  lastYear: z.number().int(),
  regions: z.strictObject({
    'england-and-wales': z.array(holiday),
    scotland: z.array(holiday),
    'northern-ireland': z.array(holiday),
  }),
});

export async function loadHolidayTableYaml(path = shippedFile(HOLIDAY_TABLE)): Promise<HolidayTable> {
  const { value } = parseYaml(
    await readText(path, 'the bank-holiday table'),
    path,
    tableSchema,
    'Bank-holiday table',
  );
  return value as unknown as HolidayTable & { regions: Record<string, BankHoliday[]> };
}
