/** Files that ship with kickoff (templates, examples), found relative to the installed package. */
import { fileURLToPath } from 'node:url';

/** `relative` is from the package root, e.g. 'templates/nhs-england-gp.yaml'. */
export function shippedFile(relative: string): string {
  // This file is at src/adapters/ (tests) or dist/adapters/ (built): the root is two levels up.
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}

/** The shipped template and bank-holiday table (YAML: what people read and edit). */
export const DEFAULT_TEMPLATE = 'templates/nhs-england-gp.yaml';
export const HOLIDAY_TABLE = 'templates/bank-holidays.yaml';

/** Where the build writes the pre-checked JSON of a shipped YAML file (scripts/build-data.mjs). */
export function precheckedFile(yamlRelative: string): string {
  const name = yamlRelative.replace(/^.*\//, '').replace(/\.yaml$/, '.json');
  return shippedFile(`dist/data/${name}`);
}
