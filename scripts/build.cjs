#!/usr/bin/env node
/**
 * Compiles the service, the command line and the libraries they use from TypeScript to JavaScript
 * in `dist/` (with SWC, the same transform the tests use), so `npm start` and `npm run cli` start
 * without compiling anything. `dist/` mirrors the source tree, and `dist/fixtures` and
 * `dist/apps/web/dist` link back to the real folders, so paths relative to a source file hold.
 *
 * Incremental: a stamp (`dist/build-stamp.json`) records the size and modification time of every
 * source it compiled; only changed files are compiled again, and outputs of deleted sources are
 * removed. `node scripts/build.cjs` builds; `scripts/fresh-build.cjs` (a `node -r` preload) checks
 * the stamp before the program loads and rebuilds what is stale, so the build is never silently old.
 */
'use strict';
const {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} = require('node:fs');
const { dirname, join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
/** The folders whose TypeScript the runnable apps need (tests and test support are left out). */
const SOURCE_DIRS = [
  'apps/api/src',
  'apps/cli/src',
  'libs/domain/src',
  'libs/calendar/src',
  'libs/mail/src',
  'libs/match/src',
  'solver/src',
];
/** Links inside dist/ to real folders that source files reach by relative paths. */
const LINKS = { fixtures: 'fixtures', 'apps/web/dist': 'apps/web/dist', 'libs/match/data': 'libs/match/data' };
const SKIP = /\.(spec|test)\.ts$|\.d\.ts$/;

/** Every source file to compile, relative to the root, with its size and modification time. */
function sources(root = ROOT, dirs = SOURCE_DIRS) {
  const out = {};
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts') && !SKIP.test(e.name)) {
        const st = statSync(join(root, rel));
        out[rel] = `${st.size}:${Math.floor(st.mtimeMs)}`;
      }
    }
  };
  for (const d of dirs) walk(d);
  return out;
}

/** What the stamp in `outDir` says was built (empty when there is none). */
function stamp(outDir) {
  try {
    return JSON.parse(readFileSync(join(outDir, 'build-stamp.json'), 'utf8')).files ?? {};
  } catch {
    return {};
  }
}

/** Source files changed or added since the last build, and outputs whose source is gone. */
function staleness(root = ROOT, outDir = join(ROOT, 'dist'), dirs = SOURCE_DIRS) {
  const now = sources(root, dirs);
  const built = stamp(outDir);
  const changed = Object.keys(now).filter((f) => built[f] !== now[f]);
  const removed = Object.keys(built).filter((f) => !(f in now));
  return { now, changed, removed };
}

/** The workspace path aliases (`@clustermatch/...`), from tsconfig.base.json. */
function aliases(root) {
  const text = readFileSync(join(root, 'tsconfig.base.json'), 'utf8');
  return JSON.parse(text).compilerOptions.paths ?? {};
}

function swcOptions(root) {
  return {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      baseUrl: root,
      paths: aliases(root),
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: true,
  };
}

/**
 * Compiles what is stale into `outDir`; returns the number of files compiled. `force` compiles all.
 */
function build({ root = ROOT, outDir = join(ROOT, 'dist'), dirs = SOURCE_DIRS, force = false, links = LINKS } = {}) {
  const { now, changed, removed } = staleness(root, outDir, dirs);
  const todo = force ? Object.keys(now) : changed;
  if (todo.length === 0 && removed.length === 0) return 0;
  const swc = require('@swc/core');
  const options = swcOptions(root);
  for (const rel of todo) {
    const file = join(root, rel);
    const target = join(outDir, rel.replace(/\.ts$/, '.js'));
    const result = swc.transformFileSync(file, {
      ...options,
      filename: file,
      sourceFileName: relative(dirname(target), file),
    });
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${result.code}\n//# sourceMappingURL=${relative(dirname(target), `${target}.map`)}\n`);
    if (result.map) writeFileSync(`${target}.map`, result.map);
  }
  for (const rel of removed) {
    const target = join(outDir, rel.replace(/\.ts$/, '.js'));
    rmSync(target, { force: true });
    rmSync(`${target}.map`, { force: true });
  }
  for (const [at, to] of Object.entries(links)) {
    const link = join(outDir, at);
    if (existsSync(link)) continue;
    mkdirSync(dirname(link), { recursive: true });
    rmSync(link, { force: true }); // a dangling link
    symlinkSync(relative(dirname(link), join(root, to)), link, 'dir');
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'build-stamp.json'), JSON.stringify({ files: now }));
  return todo.length + removed.length;
}

module.exports = { build, staleness, SOURCE_DIRS };

if (require.main === module) {
  const started = performance.now();
  const n = build({ force: process.argv.includes('--force') });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  process.stdout.write(
    n === 0 ? 'build: dist/ is up to date\n' : `build: compiled ${n} files into dist/ in ${seconds} s\n`,
  );
}
