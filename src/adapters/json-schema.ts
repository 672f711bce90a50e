/**
 * JSON Schemas for the plan and answers files, generated from the same zod definitions the readers
 * check with, so editors (yaml-language-server) and pipelines validate by the same rules.
 */
import * as z from 'zod';
import { answersSchema } from './answers-loader.js';
import { planSchema, schemaUrl } from './plan-store.js';

export const SCHEMA_NAMES = ['plan', 'answers'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

export function jsonSchema(name: SchemaName, version: string): Record<string, unknown> {
  // io 'input': what a person writes (before dates and codes are turned into values);
  // unrepresentable 'any': a check JSON Schema cannot say (a real date) is left to kickoff.
  const generated = z.toJSONSchema(name === 'plan' ? planSchema : answersSchema, {
    io: 'input',
    unrepresentable: 'any',
  });
  return {
    ...generated,
    $id: schemaUrl(name, version),
    title: name === 'plan' ? 'kickoff plan (kickoff.yaml)' : 'kickoff answers file',
  };
}
