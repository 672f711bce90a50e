// Run after tsc (npm run build): bundles the command-line program into dist/bundle/ with esbuild.
// Why: Node 20 spends most of a short command's time reading, parsing and compiling JavaScript,
// and has no compile cache for ES modules (module.enableCompileCache is Node 22).
// - main.cjs: the whole program as one CommonJS file, the same code as dist/cli/main.js. bin/kickoff.js
//   runs it with Node's compile cache where Node has one, and on Node 20 with one V8 code cache
//   made at build time (scripts/code-cache.mjs).
// - help.cjs: `kickoff --help` and each command's --help, without the commands (src/cli/help.ts).
// - batch-worker.js, portfolio-worker.js: what `batch --jobs` and `portfolio` start in each worker
//   thread, found beside main.cjs (new URL('./batch-worker.js', import.meta.url)).
// dist/ (tsc's output) stays the library that `import 'kickoff'` loads; only bin/kickoff.js uses
// the bundle. Libraries that are slow to load and seldom needed (exceljs, nodemailer…) are loaded
// where they are used, with `await import()`: esbuild keeps such a module in the bundle but runs it
// only when that line does.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const outdir = 'dist/bundle';
// The oldest Node kickoff supports is package.json's engines (">=20.19"): one place.
const { engines } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
const oldest = engines.node.replace(/^>=/, '').split('.').map(Number);
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < oldest[0] || (major === oldest[0] && minor < (oldest[1] ?? 0))) {
  console.error(
    `kickoff needs Node ${engines.node} to build and run; this is Node ${process.versions.node}.`,
  );
  process.exit(1);
}
/**
 * commander loads node:child_process (and with it node:net) as it starts, for subcommands that are
 * separate programs, which kickoff has none of: a few ms of every command. Loaded when spawned.
 */
const commanderSpawnsLazily = {
  name: 'commander-spawns-lazily',
  setup(build) {
    build.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!text.includes(eager))
        throw new Error(`${path} no longer has the line scripts/bundle.mjs replaces: ${eager}`);
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: text.replace(eager, lazy), loader: 'js' };
    });
  },
};
const common = {
  bundle: true,
  plugins: [commanderSpawnsLazily],
  platform: 'node',
  target: 'node20',
  // exceljs (0.7 MB, for .xlsx files only), nodemailer (for invite's e-mail) and jszip (for
  // workbooks) are loaded from node_modules where they are used. In the bundle they would be half
  // of what every command reads: 1.1 MB against 0.74 MB, about 5 ms of reading on each start.
  external: ['exceljs', 'nodemailer', 'jszip'],
  legalComments: 'none',
  logLevel: 'warning',
};

// `--single-executable FILE`: only the program, with exceljs inside, for scripts/package.mjs. An
// executable has no node_modules to load it from, and its workbook export was faster with exceljs in
// the bundle (720 ms CPU against 920 ms as a separate file) at the same start-up for other commands.
const single = process.argv.indexOf('--single-executable');
const program = {
  ...common,
  ...(single > 0 ? { external: [] } : {}),
  entryPoints: ['dist/cli/main.js'],
  outfile: single > 0 ? process.argv[single + 1] : `${outdir}/main.cjs`,
  format: 'cjs',
  // import() becomes a lazy require(): a script run by vm has no loader for import() on Node 20.
  supported: { 'dynamic-import': false },
  // Less to read and a smaller cache. `kickoff --debug` runs the unbundled dist/cli/main.js, so its
  // stack traces keep their names; KICKOFF_BUNDLE_NAMES=1 keeps them in the bundle too.
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: process.env.KICKOFF_BUNDLE_NAMES !== '1',
  // shipped.ts finds the package from import.meta.url: here, the bundle's own address (same depth).
  define: { 'import.meta.url': '__kickoffUrl' },
  banner: { js: "var __kickoffUrl = require('node:url').pathToFileURL(__filename).href;" },
};
await build(program);
if (single > 0) process.exit(0);
// help.cjs: the program's parsing and help without any command's code (src/cli/help.ts), which
// bin/kickoff.js runs when the arguments ask for help: about a twentieth of main.cjs to load.
await build({ ...program, entryPoints: ['dist/cli/help.js'], outfile: `${outdir}/help.cjs` });
// The worker threads, beside main.cjs where the code that starts them looks (new URL('./x-worker.js')).
for (const worker of ['batch/batch-worker', 'portfolio/portfolio-worker'])
  await build({
    ...common,
    entryPoints: [`dist/app/${worker}.js`],
    outfile: `${outdir}/${worker.replace(/^.*\//, '')}.js`,
    format: 'esm',
    // Bundled CommonJS libraries call require(); ES modules have none, so give the worker one.
    banner: {
      js: "import { createRequire as __kickoffRequire } from 'node:module'; const require = __kickoffRequire(import.meta.url);",
    },
  });
