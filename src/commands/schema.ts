/** kickoff schema plan|answers: the JSON Schema the plan or answers file is checked against. */
import { ExitCode } from '../errors.js';
import { schemaOf, type SchemaName } from '../app/schemas.js';
import type { Terminal } from '../adapters/terminal/terminal.js';

export interface SchemaOptions {
  readonly which: SchemaName;
}

export async function schema(options: SchemaOptions, terminal: Terminal): Promise<ExitCode> {
  terminal.data(JSON.stringify(schemaOf(options.which), null, 2));
  return Promise.resolve(ExitCode.ok);
}
