/** kickoff why ID: the chain that put an item on its date, step by step, with each rule's source. */
import { ExitCode } from '../errors.js';
import { explainItem } from '../app/why-date.js';
import type { Terminal } from '../adapters/terminal/terminal.js';
import { renderWhy } from '../render/why.js';

export interface WhyOptions {
  readonly id: string;
  readonly plan: string;
  readonly json?: boolean;
  readonly template?: string;
  readonly today?: string;
}

export async function why(options: WhyOptions, terminal: Terminal): Promise<ExitCode> {
  const explained = await explainItem(options.plan, options.id, {
    ...(options.template !== undefined ? { template: options.template } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
  });
  if (options.json)
    terminal.data(JSON.stringify({ planFile: explained.planFile, ...explained.why }, null, 2));
  else terminal.data(renderWhy(explained.why, explained.titles).trimEnd());
  return ExitCode.ok;
}
