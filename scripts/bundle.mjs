// Run after tsc (npm run build): bundles the command-line program into dist/bundle/ with esbuild.
// Why: Node 20 spends most of a short command's time reading, parsing and compiling JavaScript.
// - main.cjs: the whole program as one CommonJS file; help.cjs the same without the commands, for
//   command lines that only ask for help. bin/kickoff.js compiles it with V8's code
//   cache (scripts/code-cache.mjs makes one per command at build time), which skips parsing and
//   compiling everything the command ran when the cache was made. Node 20 has no compile cache
//   for ES modules (module.enableCompileCache is Node 22), so the bundle is CommonJS.
// - batch-worker.js: what `batch --jobs` starts in each worker thread, found beside main.cjs
//   (new URL('./batch-worker.js', import.meta.url)).
// dist/ (tsc's output) stays the library that `import 'kickoff'` loads; only bin/kickoff.js uses
// the bundle. exceljs stays outside: it is large, CommonJS, and loaded only for .xlsx files.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

const outdir = 'dist/bundle';
await rm(outdir, { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['exceljs'],
  legalComments: 'none',
  logLevel: 'warning',
};
/** The whole program as one CommonJS file (see above); `plugins` can leave parts out. */
const program = (outfile, plugins = []) =>
  build({
    ...common,
    entryPoints: ['dist/cli/main.js'],
    outfile,
    plugins,
    format: 'cjs',
    // import('exceljs') becomes a require(): a script run by vm has no loader for import() on Node 20.
    supported: { 'dynamic-import': false },
    // Less to read and a smaller cache: `show` measured 105 → 98 ms. `kickoff --debug` runs the
    // unbundled dist/cli/main.js instead, so its stack traces keep their names. To read a CPU profile
    // of the bundle, build with KICKOFF_BUNDLE_NAMES=1: names kept, everything else the same.
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: process.env.KICKOFF_BUNDLE_NAMES !== '1',
    // shipped.ts finds the package from import.meta.url: here, the bundle's own address (same depth).
    define: { 'import.meta.url': '__kickoffUrl' },
    banner: { js: "var __kickoffUrl = require('node:url').pathToFileURL(__filename).href;" },
  });

/** Leaves the commands out: what `kickoff --help` and `kickoff <command> --help` need is the rest. */
const withoutCommands = {
  name: 'without-commands',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.\/commands\/|^\.\/completion\.js$/ }, (args) => ({
      path: args.path,
      namespace: 'left-out',
    }));
    builder.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({
      contents:
        "throw new Error('kickoff ran a command from its help bundle (bin/kickoff.js chose wrongly)');",
      loader: 'js',
    }));
  },
};

await program(`${outdir}/main.cjs`);
// 63 KB instead of 1 MB: `kickoff --help` measured 58 → 52 ms (node -e 0: 46 ms).
await program(`${outdir}/help.cjs`, [withoutCommands]);
await build({
  ...common,
  entryPoints: ['dist/app/batch-worker.js'],
  outfile: `${outdir}/batch-worker.js`,
  format: 'esm',
  // Bundled CommonJS libraries call require(); ES modules have none, so give the worker one.
  banner: {
    js: "import { createRequire as __kickoffRequire } from 'node:module'; const require = __kickoffRequire(import.meta.url);",
  },
});
