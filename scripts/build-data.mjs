// Run after tsc (npm run build / prepare): loads the shipped template and bank-holiday table through
// the built YAML + schema loaders, and writes them as pre-checked JSON to dist/data/, with the YAML
// text they came from. At run time kickoff reads the JSON while the YAML is still that text.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadHolidayTableYaml } from '../dist/adapters/inputs/holiday-yaml.js';
import { DEFAULT_TEMPLATE, HOLIDAY_TABLE, precheckedFile, shippedFile } from '../dist/adapters/shipped.js';
import { loadTemplateYaml } from '../dist/adapters/inputs/template-yaml.js';

for (const [relative, load] of [
  [DEFAULT_TEMPLATE, () => loadTemplateYaml()],
  [HOLIDAY_TABLE, () => loadHolidayTableYaml()],
]) {
  const target = precheckedFile(relative);
  await mkdir(dirname(target), { recursive: true });
  try {
    const source = await readFile(shippedFile(relative), 'utf8');
    await writeFile(target, `${JSON.stringify({ source, value: await load() })}\n`);
  } catch (error) {
    // A broken shipped file must not break `npm ci`: without its JSON, kickoff loads the YAML at
    // run time and reports the problem at file:line:col, as it always did.
    await rm(target, { force: true });
    console.warn(
      `build-data: ${relative} not pre-checked: ${error instanceof Error ? error.message : error}`,
    );
  }
}
