// Node 20 has no compile cache of its own: there kickoff compiles its bundle through vm.Script with
// one V8 code cache, made at build time by scripts/code-cache.mjs (which runs the commands people
// run most, in one process, and keeps everything V8 compiled). V8 skips parsing and compiling what
// the cache holds. A cache made by another Node is rejected by V8, and kickoff compiles as usual:
// slower, never different.
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname } = require('node:path');
const vm = require('node:vm');

/** Loads the bundle (a CommonJS file) as Node would, with the code cache; returns its exports. */
function loadWithCodeCache(bundle, cacheFile) {
  const program = readFileSync(bundle, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // CommonJS's own wrapper, on the bundle's first line, so stack traces keep their line numbers.
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname) {${program}\n})`,
    {
      filename: bundle,
      cachedData,
    },
  );
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return { exports: module.exports, script };
}

function runWithCodeCache(bundle, cacheFile) {
  loadWithCodeCache(bundle, cacheFile).exports.run();
}

module.exports = { loadWithCodeCache, runWithCodeCache };
