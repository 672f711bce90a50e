/**
 * Files that ship with kickoff (templates, examples, the pre-checked data, package.json): found
 * relative to the installed package, or, in a single executable (`npm run package`), read from the
 * executable itself, where scripts/package.mjs stores each one under the same relative path.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { getAsset, isSea } from 'node:sea';
import { fileURLToPath } from 'node:url';

/** `relative` is from the package root, e.g. 'templates/nhs-england-gp.yaml'. */
export function shippedFile(relative: string): string {
  // This file is at src/adapters/ (tests) or dist/adapters/ (built): the root is two levels up.
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}

/** True in kickoff-win-x64.exe and kickoff-linux-x64: the shipped files are inside the executable. */
export function inExecutable(): boolean {
  return isSea();
}

/** A shipped file's bytes, from the executable or from the package on disk. */
export async function readShipped(relative: string): Promise<Buffer> {
  return inExecutable() ? Buffer.from(getAsset(relative)) : readFile(shippedFile(relative));
}

export function readShippedSync(relative: string): Buffer {
  return inExecutable() ? Buffer.from(getAsset(relative)) : readFileSync(shippedFile(relative));
}

/** The shipped template and bank-holiday table (YAML: what people read and edit). */
export const DEFAULT_TEMPLATE = 'templates/nhs-england-gp.yaml';
export const HOLIDAY_TABLE = 'templates/bank-holidays.yaml';

/** Where the build writes the pre-checked JSON of a shipped YAML file (scripts/build-data.mjs), from the package root. */
export function precheckedRelative(yamlRelative: string): string {
  return `dist/data/${yamlRelative.replace(/^.*\//, '').replace(/\.yaml$/, '.json')}`;
}

export function precheckedFile(yamlRelative: string): string {
  return shippedFile(precheckedRelative(yamlRelative));
}
