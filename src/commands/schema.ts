/** kickoff schema plan|answers: the JSON Schema the plan or answers file is checked against. */
import { ExitCode } from '../errors.js';
import { jsonSchema, type SchemaName } from '../adapters/inputs/json-schema.js';
import type { Terminal } from '../adapters/terminal/terminal.js';
import { KICKOFF_VERSION } from '../version.js';

export interface SchemaOptions {
  readonly which: SchemaName;
}

export async function schema(options: SchemaOptions, terminal: Terminal): Promise<ExitCode> {
  terminal.data(JSON.stringify(jsonSchema(options.which, KICKOFF_VERSION), null, 2));
  return Promise.resolve(ExitCode.ok);
}
