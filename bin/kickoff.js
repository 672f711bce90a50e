#!/usr/bin/env node
// CommonJS (bin/package.json), not an ES module: Node starts a CommonJS entry a few ms sooner, and
// every kickoff command pays that.
'use strict';
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const args = process.argv.slice(2);
const root = join(__dirname, '..');

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // `kickoff --version` alone (a shell prompt or a pipeline's log line) needs only package.json.
  process.stdout.write(`${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`);
} else if (args.includes('--debug')) {
  // The unbundled program: the same code, slower to start, with readable names in stack traces.
  import('../dist/cli/main.js').then(({ run }) => run());
} else {
  runBundle();
}

/**
 * Runs the bundled program (scripts/bundle.mjs: the same code as dist/cli/main.js) with V8's code
 * cache for this command, made at build time by scripts/code-cache.mjs: V8 then skips parsing and
 * compiling what the command runs. A cache made by another Node version is rejected by V8 and the
 * program compiles as usual: slower, never different.
 */
function runBundle() {
  const help = onlyAsksForHelp(args);
  const bundle = join(root, 'dist', 'bundle', help ? 'help.cjs' : 'main.cjs');
  const caches = join(root, 'dist', 'bundle', 'cache');
  const cacheFile = join(caches, `${help ? 'help' : cacheName(args)}.bin`);
  let program;
  try {
    program = readFileSync(bundle, 'utf8');
  } catch {
    process.stderr.write(
      `kickoff is not built (${bundle} is missing). Run npm install (or npm run build) in ${root}.\n`,
    );
    process.exit(70);
  }
  // The command's own cache, else show's (the most shared code), else none: compile as usual.
  const cachedData = readIfThere(cacheFile) ?? (help ? undefined : readIfThere(join(caches, 'show.bin')));
  // CommonJS's own wrapper, on the bundle's first line, so stack traces keep their line numbers.
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname) {${program}\n})`,
    {
      filename: bundle,
      cachedData,
    },
  );
  if (process.env.KICKOFF_WRITE_CODE_CACHE === '1') process.once('exit', () => writeCache(cacheFile, script));
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  module.exports.run();
}

/**
 * `kickoff`, `kickoff --help`, `kickoff help [command]`, `kickoff <command> --help`: command lines
 * that run no command, for the smaller help bundle (scripts/bundle.mjs). Anything else, main.cjs.
 */
function onlyAsksForHelp(line) {
  const words = line.filter((arg) => arg !== '--help' && arg !== '-h');
  if (words[0] === 'help') words.shift();
  const asked = words.length < line.length;
  return line.length === 0 || (asked && words.length <= 1 && words.every((w) => /^[a-z]+$/.test(w)));
}

/** The cache named after the command (scripts/code-cache.mjs says which commands have one). */
function cacheName(line) {
  const command = line.find((arg) => !arg.startsWith('-'));
  // Only a plain word names a file: anything else someone typed is not a path to follow.
  return command !== undefined && /^[a-z]+$/.test(command) ? command : 'show';
}

function readIfThere(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Only scripts/code-cache.mjs asks for this, at build time: what V8 compiled, for the next run. */
function writeCache(file, script) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.${process.pid}`, script.createCachedData());
  renameSync(`${file}.${process.pid}`, file);
}
