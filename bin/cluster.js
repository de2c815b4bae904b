#!/usr/bin/env node
// Thin entry point: everything else is loaded lazily by the command that needs it.
// CommonJS (bin/package.json): Node runs it without starting the ES module loader, whose facades of
// node:fs & co. cost ~10 ms of every start-up (#18); the tool itself is loaded below.
'use strict';
const { readFileSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

// `cluster validate … | head` closes the pipe early: stop quietly instead of an EPIPE stack trace.
// The handler is attached when the stream is first used: creating process.stdout costs a short command
// ~4 ms, and the tool writes its reports to descriptor 1 directly where it can (src/stdout.ts).
function quietOnEpipe(stream) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  return stream;
}
for (const name of ['stdout', 'stderr']) {
  const d = Object.getOwnPropertyDescriptor(process, name);
  if (!d || !d.get || !d.configurable) {
    quietOnEpipe(process[name]);
    continue;
  }
  let stream;
  Object.defineProperty(process, name, { configurable: true, enumerable: d.enumerable, get: () => (stream ??= quietOnEpipe(d.get.call(process))) });
}

// `cluster --version` alone: the version without loading the tool (a script's check stays instant).
// The same text commander prints; src/version.ts is kept equal to package.json by a test.
if (process.argv.length === 3 && (process.argv[2] === '--version' || process.argv[2] === '-V')) {
  process.stdout.write(JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')).version + '\n');
  process.exit(0);
}

const zh = (() => {
  const i = process.argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const v = i < 0 ? process.env.CLUSTER_LANG : process.argv[i].includes('=') ? process.argv[i].split('=')[1] : process.argv[i + 1];
  return v !== 'en';
})();

/**
 * The generated bundle (scripts/build-bundle.mjs) through V8's code cache: ~45 ms less start-up than
 * the ~100 modules of dist/. Not with --debug (the modules, with source maps, give readable traces),
 * not when the bundle is missing or older than the tsc output (a stale build), not if loading fails.
 */
function loadBundle() {
  if (process.argv.includes('--debug') || process.env.CLUSTER_NO_BUNDLE) return undefined;
  const file = join(__dirname, '../dist/cli.bundle.cjs');
  // The code cache recorded for this command (scripts/build-bundle.mjs): rules and help need far less
  // than validate, and deserialising what a run never calls is most of the load time.
  const light = process.argv[2] === 'rules' || process.argv.length <= 2 || process.argv[2] === '--help' || process.argv[2] === '-h' || process.argv[2] === 'help';
  const cacheFile = file.replace(/\.cjs$/, light ? '.rules.cache' : '.cache');
  try {
    if (statSync(file).mtimeMs < statSync(join(__dirname, '../dist/cli.js')).mtimeMs) return undefined;
  } catch {
    return undefined;
  }
  const record = process.env.CLUSTER_WRITE_CODE_CACHE;
  let cachedData;
  if (!record) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // no cache: compile
    }
  }
  // latin1: the bundle is ASCII (scripts/build-bundle.mjs escapes the rest), so no UTF-8 decoding.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'latin1')}\n})`, {
    filename: file,
    cachedData,
  });
  const module = { exports: {} };
  // What the bundle cannot import() itself (see scripts/build-bundle.mjs), this file imports for it.
  globalThis[Symbol.for('cluster.import')] = (specifier) => import(specifier);
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  if (record) process.on('exit', () => writeFileSync(record, script.createCachedData()));
  return module.exports;
}

function start(cli) {
  cli.main(process.argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`cluster: ${err && err.stack ? err.stack : err}\n`);
      process.exitCode = 2;
    },
  );
}

// A clone without `npm ci` (or a build that failed) has no dist/: say what to do, not a stack trace.
function notBuilt(err) {
  const missing = err && (err.code === 'ERR_MODULE_NOT_FOUND' || err.code === 'MODULE_NOT_FOUND');
  if (!missing || process.argv.includes('--debug')) throw err;
  const root = join(__dirname, '..') + '/';
  const what = /dist[\\/]cli\.js/.test(String(err.message)) ? 'build' : 'deps';
  process.stderr.write(
    zh
      ? `cluster: ${what === 'build' ? '尚未构建' : '依赖未安装'}：请在 ${root} 运行 npm ci（它会安装依赖并构建）\n`
      : `cluster: ${what === 'build' ? 'not built yet' : 'dependencies not installed'}: run npm ci in ${root} (it installs and builds)\n`,
  );
  process.exit(2);
}

let cli;
try {
  cli = loadBundle();
} catch (err) {
  if (process.env.CLUSTER_WRITE_CODE_CACHE) throw err;
  cli = undefined;
}
if (cli) {
  start(cli);
} else {
  if (process.argv.includes('--debug')) process.setSourceMapsEnabled?.(true);
  import(pathToFileURL(join(__dirname, '../dist/cli.js')).href).then(start, notBuilt);
}
