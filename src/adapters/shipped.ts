/** Files that ship with kickoff (templates, examples), found relative to the installed package. */
import { fileURLToPath } from 'node:url';

/** `relative` is from the package root, e.g. 'templates/nhs-england-gp.yaml'. */
export function shippedFile(relative: string): string {
  // This file is at src/adapters/ (tests) or dist/adapters/ (built): the root is two levels up.
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}
