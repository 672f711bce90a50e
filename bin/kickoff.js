#!/usr/bin/env node
import module from 'node:module';
import { readFileSync } from 'node:fs';
import { URL } from 'node:url';

// `kickoff --version` alone (a shell prompt or a pipeline's log line) needs only package.json.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${version}\n`);
} else {
  if (typeof module.enableCompileCache === 'function') module.enableCompileCache();
  // The bundled program (scripts/bundle.mjs): the same code as dist/cli/main.js, loaded faster.
  const { run } = await import('../dist/bundle/main.js');
  await run();
}
