import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHolidayTable } from '../../src/adapters/inputs/holiday-loader.js';
import { loadHolidayTableYaml } from '../../src/adapters/inputs/holiday-yaml.js';
import { readPrecheckedFrom } from '../../src/adapters/inputs/prechecked.js';
import { DEFAULT_TEMPLATE, HOLIDAY_TABLE, precheckedFile, shippedFile } from '../../src/adapters/shipped.js';
import { loadTemplate } from '../../src/adapters/inputs/template-loader.js';
import { loadTemplateYaml } from '../../src/adapters/inputs/template-yaml.js';

/** JSON drops undefined-valued keys, which is all the YAML loader's objects may differ in. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('the pre-checked JSON made at build time (npm test builds first)', () => {
  for (const [relative, yaml] of [
    [DEFAULT_TEMPLATE, () => loadTemplateYaml()],
    [HOLIDAY_TABLE, () => loadHolidayTableYaml()],
  ] as const) {
    it(`equals what the YAML loader gives for ${relative}, and records the YAML it was made from`, async () => {
      const json = JSON.parse(readFileSync(precheckedFile(relative), 'utf8')) as {
        source: string;
        value: unknown;
      };
      expect(json.source).toBe(readFileSync(shippedFile(relative), 'utf8'));
      expect(json.value).toEqual(plain(await yaml()));
    });
  }

  it('is what loadTemplate and loadHolidayTable return by default', async () => {
    expect(plain(await loadTemplate())).toEqual(plain(await loadTemplateYaml()));
    expect(plain(await loadHolidayTable())).toEqual(plain(await loadHolidayTableYaml()));
  });

  it('is used only while the YAML is the very text it was made from', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kickoff-prechecked-'));
    const yaml = join(dir, 'bank-holidays.yaml');
    const json = precheckedFile(HOLIDAY_TABLE);
    const shipped = readFileSync(shippedFile(HOLIDAY_TABLE), 'utf8');
    writeFileSync(yaml, shipped);
    expect(await readPrecheckedFrom(yaml, json)).toEqual(JSON.parse(readFileSync(json, 'utf8')).value);
    // Anything added, or one digit changed, is an edit: the YAML route then checks and reports it.
    writeFileSync(yaml, `${shipped}# edited\n`);
    expect(await readPrecheckedFrom(yaml, json)).toBeUndefined();
    writeFileSync(
      yaml,
      shipped.replace(/\d/, (d) => String((Number(d) + 1) % 10)),
    );
    expect(await readPrecheckedFrom(yaml, json)).toBeUndefined();
    expect(await readPrecheckedFrom(yaml, join(dir, 'missing.json'))).toBeUndefined();
  });
});
