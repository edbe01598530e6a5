#!/usr/bin/env node
/**
 * Compiles the service, the command line and the libraries they use from TypeScript to JavaScript
 * in `dist/` (with SWC, the same transform the tests use), so `npm start` and `npm run cli` start
 * without compiling anything. `dist/` mirrors the source tree, and `dist/fixtures` and
 * `dist/apps/web/dist` link back to the real folders, so paths relative to a source file hold.
 *
 * Incremental: a stamp (`dist/build-stamp.json`) records the size and modification time of every
 * source it compiled, and the modification time of every source folder; only changed files are
 * compiled again, and outputs of deleted sources are removed. `node scripts/build.cjs` builds;
 * `scripts/fresh-build.cjs` (a `node -r` preload) checks the stamp before the program loads and
 * rebuilds what is stale, so the build is never silently old. That check (`isFresh`) only stats:
 * every folder (a file added, removed or renamed changes its folder's time) and every file, against
 * the stamp, with no folder listing and no JSON beyond the stamp.
 *
 * The command line also gets one bundled file (`BUNDLES`, with rolldown, which Vite ships): its
 * compiled modules joined into `dist/apps/cli/src/main.bundle.js`, so `npm run cli` reads one
 * file instead of resolving and reading some forty. A build that compiles anything deletes the
 * bundles first and the script's own run writes them again, so a missing bundle is stale, never old.
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

/** A file's or folder's size and modification time as the stamp records them (`-1` when it is missing). */
function signature(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  return st === undefined ? '-1' : `${st.size}:${Math.floor(st.mtimeMs)}`;
}

/**
 * Every source file to compile, relative to the root, with its size and modification time, and
 * every folder under the source roots (the roots too, even when missing) with its own.
 */
function sources(root = ROOT, dirs = SOURCE_DIRS) {
  const files = {};
  const folders = {};
  const walk = (dir) => {
    folders[dir] = signature(join(root, dir));
    let entries;
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts') && !SKIP.test(e.name)) files[rel] = signature(join(root, rel));
    }
  };
  for (const d of dirs) walk(d);
  return { files, folders };
}

/** What the stamp in `outDir` says was built (empty when there is none). */
function stamp(outDir) {
  try {
    const s = JSON.parse(readFileSync(join(outDir, 'build-stamp.json'), 'utf8'));
    return { files: s.files ?? {}, folders: s.folders, bundles: s.bundles ?? [] };
  } catch {
    return { files: {}, folders: undefined, bundles: [] };
  }
}

/** Source files changed or added since the last build, and outputs whose source is gone. */
function staleness(root = ROOT, outDir = join(ROOT, 'dist'), dirs = SOURCE_DIRS) {
  const { files: now, folders } = sources(root, dirs);
  const built = stamp(outDir).files;
  const changed = Object.keys(now).filter((f) => built[f] !== now[f]);
  const removed = Object.keys(built).filter((f) => !(f in now));
  return { now, folders, changed, removed };
}

/**
 * The cheap check before a program loads: true when every folder and every file the stamp lists
 * still has the size and time it had at the build, and every bundle exists. Stats only (no folder
 * listing): a file added, deleted or renamed changes its folder's modification time. A stamp
 * without folder times (an older build) is never fresh.
 */
function isFresh(root = ROOT, outDir = join(ROOT, 'dist')) {
  const s = stamp(outDir);
  if (s.folders === undefined) return false;
  const base = `${root}/`;
  for (const rel in s.folders) if (signature(base + rel) !== s.folders[rel]) return false;
  for (const rel in s.files) if (signature(base + rel) !== s.files[rel]) return false;
  for (const rel of s.bundles) if (!existsSync(`${outDir}/${rel}`)) return false;
  return true;
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
 * Bundled entry points: `entry` (compiled, in `outDir`) and what it requires by relative path,
 * joined into `out`; packages from node_modules stay outside (required at run time as before), and
 * so does each of `keepOut` (a module that finds files relative to its own folder).
 */
const BUNDLES = [
  { entry: 'apps/cli/src/main.js', out: 'apps/cli/src/main.bundle.js', keepOut: ['./commands/organiser'] },
];

/**
 * Compiles what is stale into `outDir`; returns the number of files compiled. `force` compiles all.
 * When it compiles or removes anything it deletes the `bundles` (paths in `outDir`), which
 * `bundle()` writes again; the stamp lists them, so until then the build is not fresh.
 */
function build({
  root = ROOT,
  outDir = join(ROOT, 'dist'),
  dirs = SOURCE_DIRS,
  force = false,
  links = LINKS,
  bundles = root === ROOT ? BUNDLES : [],
} = {}) {
  const { now, folders, changed, removed } = staleness(root, outDir, dirs);
  const todo = force ? Object.keys(now) : changed;
  const before = stamp(outDir);
  const sameFolders = JSON.stringify(before.folders) === JSON.stringify(folders);
  const sameBundles = JSON.stringify(before.bundles) === JSON.stringify(bundles.map((b) => b.out));
  if (todo.length === 0 && removed.length === 0 && sameFolders && sameBundles) return 0;
  const writeStamp = () => {
    mkdirSync(outDir, { recursive: true });
    const s = { files: now, folders, bundles: bundles.map((b) => b.out) };
    writeFileSync(join(outDir, 'build-stamp.json'), JSON.stringify(s));
  };
  if (todo.length === 0 && removed.length === 0) {
    writeStamp(); // only folder times moved (e.g. an editor's temporary file): nothing to compile
    return 0;
  }
  for (const b of bundles) {
    rmSync(join(outDir, b.out), { force: true });
    rmSync(join(outDir, `${b.out}.map`), { force: true });
  }
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
  writeStamp();
  return todo.length + removed.length;
}

/** Writes every bundle of `bundles` that is missing (all of them when `force`); returns how many. */
async function bundle({ outDir = join(ROOT, 'dist'), bundles = BUNDLES, force = false } = {}) {
  const todo = bundles.filter((b) => force || !existsSync(join(outDir, b.out)));
  if (todo.length === 0) return 0;
  const { rolldown } = await import('rolldown');
  for (const b of todo) {
    const keepOut = new Set(b.keepOut ?? []);
    const job = await rolldown({
      input: join(outDir, b.entry),
      platform: 'node',
      logLevel: 'warn',
      external: (id) => keepOut.has(id) || !(id.startsWith('.') || id.startsWith('/')),
    });
    await job.write({ file: join(outDir, b.out), format: 'cjs', sourcemap: true });
    await job.close();
  }
  return todo.length;
}

module.exports = { build, bundle, staleness, isFresh, BUNDLES, SOURCE_DIRS };

if (require.main === module) {
  const started = performance.now();
  const force = process.argv.includes('--force');
  const n = build({ force });
  bundle({ force })
    .then((b) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const what = [n > 0 ? `compiled ${n} files` : '', b > 0 ? `bundled ${b} entry point${b > 1 ? 's' : ''}` : '']
        .filter(Boolean)
        .join(' and ');
      process.stdout.write(
        what === '' ? 'build: dist/ is up to date\n' : `build: ${what} into dist/ in ${seconds} s\n`,
      );
    })
    .catch((e) => {
      process.stderr.write(`build: bundling failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    });
}
