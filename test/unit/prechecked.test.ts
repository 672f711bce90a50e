import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadHolidayTable } from '../../src/adapters/holiday-loader.js';
import { loadHolidayTableYaml } from '../../src/adapters/holiday-yaml.js';
import { digestOf } from '../../src/adapters/prechecked.js';
import { DEFAULT_TEMPLATE, HOLIDAY_TABLE, precheckedFile, shippedFile } from '../../src/adapters/shipped.js';
import { loadTemplate } from '../../src/adapters/template-loader.js';
import { loadTemplateYaml } from '../../src/adapters/template-yaml.js';

/** JSON drops undefined-valued keys, which is all the YAML loader's objects may differ in. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('the pre-checked JSON made at build time (npm test builds first)', () => {
  for (const [relative, yaml] of [
    [DEFAULT_TEMPLATE, () => loadTemplateYaml()],
    [HOLIDAY_TABLE, () => loadHolidayTableYaml()],
  ] as const) {
    it(`equals what the YAML loader gives for ${relative}, and records the YAML's digest`, async () => {
      const json = JSON.parse(readFileSync(precheckedFile(relative), 'utf8')) as {
        source: string;
        value: unknown;
      };
      expect(json.source).toBe(digestOf(readFileSync(shippedFile(relative), 'utf8')));
      expect(json.value).toEqual(plain(await yaml()));
    });
  }

  it('is what loadTemplate and loadHolidayTable return by default', async () => {
    expect(plain(await loadTemplate())).toEqual(plain(await loadTemplateYaml()));
    expect(plain(await loadHolidayTable())).toEqual(plain(await loadHolidayTableYaml()));
  });
});
