#!/usr/bin/env node
import module from 'node:module';
if (typeof module.enableCompileCache === 'function') module.enableCompileCache();
// The bundled program (scripts/bundle.mjs): the same code as dist/cli/main.js, loaded faster.
const { run } = await import('../dist/bundle/main.js');
await run();
