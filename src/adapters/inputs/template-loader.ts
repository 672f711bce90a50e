/**
 * The template: kickoff's own from its pre-checked JSON (made at build time from the YAML by the
 * same checks), a CSU's `--template` through YAML and the schema (template-yaml.ts, loaded only then).
 */
import type { Template } from '../../domain/template.js';
import { readPrechecked } from './prechecked.js';
import { DEFAULT_TEMPLATE } from '../shipped.js';

export { DEFAULT_TEMPLATE };

/** Loads the default template, or a CSU's own with `--template PATH`. */
export async function loadTemplate(path?: string): Promise<Template> {
  if (path === undefined) {
    const prechecked = await readPrechecked<Template>(DEFAULT_TEMPLATE);
    if (prechecked) return prechecked;
  }
  const { loadTemplateYaml } = await import('./template-yaml.js');
  return loadTemplateYaml(path);
}
