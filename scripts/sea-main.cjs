// The main script of kickoff's single executables (npm run package: kickoff-win-x64.exe and
// kickoff-linux-x64): what bin/kickoff.js is to `node bin/kickoff.js`. Everything it needs is
// stored inside the executable (node:sea assets, keyed by their path in the package):
// - dist/bundle/main.cjs, the program: the bundle bin/kickoff.js runs, built with exceljs inside
//   (scripts/bundle.mjs --single-executable), as an executable has no node_modules;
// - main.bin, a V8 code cache of it made by this executable's own Node, on its own platform
//   (scripts/package.mjs runs scripts/code-cache.mjs with it: node.exe under Wine for Windows);
// - package.json, templates/, examples/, dist/data/, schema/ (src/adapters/shipped.ts reads them);
// - workers/*.js, the worker threads' programs (src/adapters/worker-pool.ts starts them).
// A code cache V8 rejects only costs time: the program is compiled as usual, never different.
// With KICKOFF_CODE_CACHE_REPORT=1 it says on stderr whether V8 took the cache (package.mjs and the
// Wine smoke test check it).
'use strict';
const { getAsset } = require('node:sea');
const { dirname } = require('node:path');
const vm = require('node:vm');

const args = process.argv.slice(2);

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // `kickoff --version` alone needs only package.json, as in bin/kickoff.js.
  process.stdout.write(`${JSON.parse(getAsset('package.json', 'utf8')).version}\n`);
} else {
  runProgram();
}

function runProgram() {
  const program = getAsset('dist/bundle/main.cjs', 'utf8');
  const cachedData = asset('main.bin');
  // bin/code-cache.js's wrapper, character for character: V8 takes a cache only for the same source.
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname) {${program}\n})`,
    { filename: 'kickoff/dist/bundle/main.cjs', cachedData },
  );
  if (process.env.KICKOFF_CODE_CACHE_REPORT === '1')
    process.stderr.write(
      `code cache: ${!cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted'}\n`,
    );
  const module = { exports: {} };
  // The bundle finds its worker threads beside __filename (worker-pool.ts takes them from the
  // executable instead) and nothing else on the disk.
  const run = script.runInThisContext();
  run(module.exports, require, module, process.execPath, dirname(process.execPath));
  module.exports.run();
}

/** An asset's bytes, or undefined (an executable built without a code cache: slower, never different). */
function asset(key) {
  try {
    return Buffer.from(getAsset(key));
  } catch {
    return undefined;
  }
}
