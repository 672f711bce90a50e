/**
 * The shipped template and bank-holiday table, pre-checked at build time: loading them through YAML
 * and zod cost ≈ 190 ms a run, reading JSON costs about 1 ms. The JSON records a digest of the YAML
 * it was made from, so an edited YAML file (or a missing build) falls back to the checked route
 * instead of being silently ignored.
 */
import { hash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { precheckedFile, shippedFile } from './shipped.js';

export interface Prechecked<T> {
  /** sha256 of the YAML text the value was loaded from. */
  readonly source: string;
  readonly value: T;
}

export function digestOf(text: string): string {
  return hash('sha256', text, 'hex');
}

/** The pre-checked value of a shipped YAML file, or undefined when there is none for this text. */
export async function readPrechecked<T>(yamlRelative: string): Promise<T | undefined> {
  try {
    const [yaml, json] = await Promise.all([
      readFile(shippedFile(yamlRelative), 'utf8'),
      readFile(precheckedFile(yamlRelative), 'utf8'),
    ]);
    const data = JSON.parse(json) as Prechecked<T>;
    return data.source === digestOf(yaml) ? data.value : undefined;
  } catch {
    return undefined; // no build output (or unreadable): the YAML route reports any real problem
  }
}
