/** The bank-holiday table: pre-checked JSON from the build, or the YAML through its schema. */
import type { HolidayTable } from '../../domain/calendar.js';
import { readPrechecked } from './prechecked.js';
import { HOLIDAY_TABLE, shippedFile } from '../shipped.js';

export async function loadHolidayTable(path?: string): Promise<HolidayTable> {
  if (path === undefined || path === shippedFile(HOLIDAY_TABLE)) {
    const prechecked = await readPrechecked<HolidayTable>(HOLIDAY_TABLE);
    if (prechecked) return prechecked;
  }
  const { loadHolidayTableYaml } = await import('./holiday-yaml.js');
  return loadHolidayTableYaml(path);
}
