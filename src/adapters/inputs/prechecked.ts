/**
 * The shipped template and bank-holiday table, pre-checked at build time: loading them through YAML
 * and zod cost ≈ 190 ms a run, reading JSON costs about 1 ms. The JSON keeps the very YAML text it
 * was made from, so an edited YAML file (or a missing build) falls back to the checked route instead
 * of being silently ignored. Comparing the text itself, not a digest of it, spares every run loading
 * node:crypto and cannot collide.
 */
import { readFile } from 'node:fs/promises';
import { precheckedRelative, readShipped } from '../shipped.js';

export interface Prechecked<T> {
  /** The YAML text the value was loaded from, byte for byte. */
  readonly source: string;
  readonly value: T;
}

/** The pre-checked value of a shipped YAML file, or undefined when there is none for this text. */
export function readPrechecked<T>(yamlRelative: string): Promise<T | undefined> {
  return matching(readShipped(yamlRelative), readShipped(precheckedRelative(yamlRelative)));
}

/** readPrechecked for any YAML file and its JSON (tests give their own). */
export function readPrecheckedFrom<T>(yamlFile: string, jsonFile: string): Promise<T | undefined> {
  return matching(readFile(yamlFile), readFile(jsonFile));
}

async function matching<T>(yamlBytes: Promise<Buffer>, jsonBytes: Promise<Buffer>): Promise<T | undefined> {
  try {
    const [yaml, json] = await Promise.all([yamlBytes, jsonBytes]);
    const data = JSON.parse(json.toString('utf8')) as Prechecked<T>;
    return data.source === yaml.toString('utf8') ? data.value : undefined;
  } catch {
    return undefined; // no build output (or unreadable): the YAML route reports any real problem
  }
}
