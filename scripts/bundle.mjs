// Run after tsc (npm run build): bundles the command-line program into dist/bundle/ with esbuild.
// Why: Node 20 spends most of a short command's time reading, parsing and compiling JavaScript.
// - main.cjs: the whole program as one CommonJS file; help.cjs the same without the commands, for
//   command lines that only ask for help. bin/kickoff.js compiles it with V8's code
//   cache (scripts/code-cache.mjs makes one per command at build time), which skips parsing and
//   compiling everything the command ran when the cache was made. Node 20 has no compile cache
//   for ES modules (module.enableCompileCache is Node 22), so the bundle is CommonJS.
// - batch-worker.js, portfolio-worker.js: what `batch --jobs` and `portfolio` start in each worker
//   thread, found beside main.cjs (new URL('./batch-worker.js', import.meta.url)).
// dist/ (tsc's output) stays the library that `import 'kickoff'` loads; only bin/kickoff.js uses
// the bundle. exceljs stays outside: it is large, CommonJS, and loaded only for .xlsx files.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
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
await rm(outdir, { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['exceljs'],
  legalComments: 'none',
  logLevel: 'warning',
};
/**
 * Node's own modules that most commands never call, loaded when first used instead of at start.
 * commander requires child_process at the top for subcommands run as programs (kickoff has none),
 * which brings net, dgram and streams with it; crypto is for calendar fingerprints and mail; os
 * for the batch and portfolio pools; tty only where stderr is a terminal (which has loaded it
 * already). The `yaml` package is for editing plans and for reporting problems at file:line:col:
 * `show` and `calendar` read a well-formed plan with js-yaml and never need it. Each becomes a
 * stand-in whose every export is a getter that requires the real module the first time it is read,
 * so what a command uses is what it loads. With chalk's detection (below) and the pre-checked data
 * matched by text, `kickoff show` measured 2.6 ms faster (an interleaved A/B, README).
 *
 * The getters are the exports of the Node that builds: a Node older than kickoff supports could
 * miss one, so the build refuses it (and the code cache wants a rebuild after any Node change).
 * Only kickoff's own imports of `yaml` get the stand-in: a library with a `yaml` of its own keeps it.
 */
const LAZY_BUILTINS = ['child_process', 'crypto', 'os', 'tty'];
const LAZY_PACKAGES = ['yaml'];
const lazyModules = {
  name: 'lazy-modules',
  setup(builder) {
    const names = [...LAZY_BUILTINS, ...LAZY_PACKAGES].join('|');
    builder.onResolve({ filter: new RegExp(`^(node:)?(${names})$`) }, ({ path, namespace, importer }) => {
      const isPackage = LAZY_PACKAGES.includes(path);
      if (isPackage && namespace !== 'lazy' && !importer.startsWith(join(ROOT, 'dist'))) return undefined;
      const id = isPackage ? path : `node:${path.replace(/^node:/, '')}`;
      if (namespace !== 'lazy') return { path: id, namespace: 'lazy' };
      // The stand-in's own require: the real module (a package is then bundled as usual).
      return LAZY_PACKAGES.includes(path) ? undefined : { path: id, external: true };
    });
    builder.onLoad({ filter: /.*/, namespace: 'lazy' }, ({ path: id }) => ({
      loader: 'js',
      resolveDir: ROOT,
      contents: `let real;
const load = () => (real ??= require('${id}'));
for (const name of ${JSON.stringify(Object.keys(createRequire(import.meta.url)(id)))})
  Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });`,
    }));
  },
};

/**
 * chalk works out at load time whether the terminal takes colour, which loads tty. kickoff
 * never uses that answer: terminal.ts decides (--no-color, NO_COLOR, whether stderr and stdout are
 * terminals) and gives every Chalk its level. So chalk's detection is left out; test/e2e
 * (pty-colour.test.ts) holds colour on a real terminal and off in a pipe.
 */
const chalkWithoutDetection = {
  name: 'chalk-without-detection',
  setup(builder) {
    builder.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'none', namespace: 'no-detection' }));
    builder.onLoad({ filter: /.*/, namespace: 'no-detection' }, () => ({
      loader: 'js',
      contents: 'export default { stdout: false, stderr: false };',
    }));
  },
};

/** The whole program as one CommonJS file (see above); `plugins` can leave parts out. */
const program = (outfile, plugins = []) =>
  build({
    ...common,
    entryPoints: ['dist/cli/main.js'],
    outfile,
    plugins: [lazyModules, chalkWithoutDetection, ...plugins],
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
