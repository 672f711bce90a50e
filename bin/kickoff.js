#!/usr/bin/env node
// kickoff's entry. CommonJS (bin/package.json): Node starts it a few ms sooner than an ES module.
'use strict';
const { join } = require('node:path');

const args = process.argv.slice(2);
const root = join(__dirname, '..');
const bundle = join(root, 'dist', 'bundle', 'main.cjs');

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // `kickoff --version` alone (a shell prompt, a pipeline's log line) needs only package.json.
  const { version } = JSON.parse(require('node:fs').readFileSync(join(root, 'package.json'), 'utf8'));
  process.stdout.write(`${version}\n`);
} else if (args.includes('--debug')) {
  // The unbundled program: the same code, slower to start, with readable names in stack traces.
  import('../dist/cli/main.js').then(({ run }) => run());
} else {
  // Node 22.1 and later cache what they compile themselves.
  if (typeof require('node:module').enableCompileCache === 'function')
    require('node:module').enableCompileCache();
  const help = join(root, 'dist', 'bundle', 'help.cjs');
  // A checkout built before the help bundle existed has only main.cjs: the whole program answers.
  if (wantsHelp(args) && require('node:fs').existsSync(help)) {
    // The help (a twentieth of the program) alone; it hands back anything that is not help.
    require(help)
      .runHelp()
      .then((done) => done || runProgram());
  } else runProgram();
}

function runProgram() {
  if (typeof require('node:module').enableCompileCache === 'function') require(loadable(bundle)).run();
  else
    require('./code-cache.js').runWithCodeCache(loadable(bundle), join(root, 'dist', 'bundle', 'main.bin'));
}

/** No arguments, `help`, or --help / -h anywhere before a `--`. */
function wantsHelp(argv) {
  const end = argv.indexOf('--');
  const own = end === -1 ? argv : argv.slice(0, end);
  return own.length === 0 || own[0] === 'help' || own.includes('--help') || own.includes('-h');
}

/** The bundle, or a word on how to build it (a clone without `npm install`). */
function loadable(file) {
  if (require('node:fs').existsSync(file)) return file;
  process.stderr.write(
    `kickoff is not built (${file} is missing). Run npm install (or npm run build) in ${root}.\n`,
  );
  process.exit(70);
}
