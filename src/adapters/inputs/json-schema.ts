/**
 * JSON Schemas for the plan, answers and capacity files, generated from the same zod definitions
 * the readers check with, so editors (yaml-language-server) and pipelines validate by the same rules.
 */
import * as z from 'zod';
import { answersSchema } from './answers-loader.js';
import { capacitySchema } from './capacity-yaml.js';
import { planSchema } from '../plan-file/schema.js';
import { schemaUrl } from '../plan-file/write.js';

export const SCHEMA_NAMES = ['plan', 'answers', 'capacity'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

const SCHEMAS = {
  plan: { schema: planSchema, title: 'kickoff plan (kickoff.yaml)' },
  answers: { schema: answersSchema, title: 'kickoff answers file' },
  capacity: { schema: () => capacitySchema, title: 'kickoff programme capacity (capacity.yaml)' },
} as const;

export function jsonSchema(name: SchemaName, version: string): Record<string, unknown> {
  // io 'input': what a person writes (before dates and codes are turned into values);
  // unrepresentable 'any': a check JSON Schema cannot say (a real date) is left to kickoff.
  const generated = z.toJSONSchema(SCHEMAS[name].schema(), { io: 'input', unrepresentable: 'any' });
  return { ...generated, $id: schemaUrl(name, version), title: SCHEMAS[name].title };
}
