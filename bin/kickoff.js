#!/usr/bin/env node
import module from 'node:module';
if (typeof module.enableCompileCache === 'function') module.enableCompileCache();
const { run } = await import('../dist/cli/main.js');
await run();
