/** The JSON Schemas of kickoff's files (`kickoff schema`), from the very schemas that check them. */
import { jsonSchema, type SchemaName } from '../adapters/inputs/json-schema.js';
import { kickoffVersion } from '../version.js';

export type { SchemaName } from '../adapters/inputs/json-schema.js';

export function schemaOf(which: SchemaName): object {
  return jsonSchema(which, kickoffVersion());
}
