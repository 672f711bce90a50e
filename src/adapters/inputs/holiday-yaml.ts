/** templates/bank-holidays.yaml → HolidayTable, checked (at build time, or when the JSON is missing or stale). */
import * as z from 'zod';
import { isCalendarDate, type BankHoliday, type HolidayTable } from '../../domain/calendar.js';
import { decodeText, readText } from '../files.js';
import { HOLIDAY_TABLE, readShipped, shippedFile } from '../shipped.js';
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

export async function loadHolidayTableYaml(path?: string): Promise<HolidayTable> {
  const what = 'the bank-holiday table';
  const { value } = parseYaml(
    path === undefined
      ? decodeText(await readShipped(HOLIDAY_TABLE), shippedFile(HOLIDAY_TABLE), what)
      : await readText(path, what),
    path ?? shippedFile(HOLIDAY_TABLE),
    tableSchema,
    'Bank-holiday table',
  );
  return value as unknown as HolidayTable & { regions: Record<string, BankHoliday[]> };
}
