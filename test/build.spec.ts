/**
 * The build step behind `npm start` and `npm run cli` (scripts/build.cjs): compiles what changed,
 * removes what was deleted, bundles the command line, and the freshness checks (the full one and
 * the stat-only one the entry points run) see every change.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const buildScript = join(__dirname, '..', 'scripts', 'build.cjs');
type Bundle = { entry: string; out: string; keepOut?: string[] };
const { build, staleness, isFresh } = require(buildScript) as {
  build(o: { root: string; outDir: string; dirs: string[]; links: Record<string, string>; bundles?: Bundle[] }): number;
  staleness(root: string, outDir: string, dirs: string[]): { changed: string[]; removed: string[] };
  isFresh(root: string, outDir: string): boolean;
};

/** `bundle()` in a child process: rolldown is an ES module, which the test runner's require cannot load. */
function bundleInChild(outDir: string, bundles: Bundle[]): void {
  const code = `require(${JSON.stringify(buildScript)}).bundle(${JSON.stringify({ outDir, bundles })}).catch((e) => { console.error(e); process.exit(1); })`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bundle failed: ${r.stderr}`);
}

let root: string;
let out: string;
const dirs = ['lib/src'];
const opts = () => ({ root, outDir: out, dirs, links: {} });
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cm-build-'));
  out = join(root, 'dist');
  mkdirSync(join(root, 'lib/src'), { recursive: true });
  writeFileSync(
    join(root, 'tsconfig.base.json'),
    JSON.stringify({ compilerOptions: { paths: { '@x/lib': ['./lib/src/index.ts'] } } }),
  );
  writeFileSync(join(root, 'lib/src/index.ts'), 'export const answer: number = 42;\n');
  writeFileSync(join(root, 'lib/src/use.ts'), "import { answer } from '@x/lib';\nexport const twice = answer * 2;\n");
  writeFileSync(join(root, 'lib/src/use.spec.ts'), 'it("is a test", () => undefined);\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('scripts/build.cjs', () => {
  it('compiles the sources (not the specs) to CommonJS with the path aliases resolved', () => {
    expect(build(opts())).toBe(2);
    expect(existsSync(join(out, 'lib/src/use.spec.js'))).toBe(false);
    const use = readFileSync(join(out, 'lib/src/use.js'), 'utf8');
    expect(use).not.toContain('@x/lib');
    expect((require(join(out, 'lib/src/use.js')) as { twice: number }).twice).toBe(84);
  });

  it('is fresh after a build, sees a changed, an added and a deleted file, and recompiles only those', () => {
    build(opts());
    expect(staleness(root, out, dirs)).toEqual({
      changed: [],
      removed: [],
      now: expect.any(Object),
      folders: expect.any(Object),
    });
    writeFileSync(join(root, 'lib/src/index.ts'), 'export const answer: number = 43;\n');
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'lib/src/index.ts'), later, later);
    writeFileSync(join(root, 'lib/src/more.ts'), 'export const more = 1;\n');
    rmSync(join(root, 'lib/src/use.ts'));
    const s = staleness(root, out, dirs);
    expect(s.changed.sort()).toEqual(['lib/src/index.ts', 'lib/src/more.ts']);
    expect(s.removed).toEqual(['lib/src/use.ts']);
    expect(build(opts())).toBe(3);
    expect(existsSync(join(out, 'lib/src/use.js'))).toBe(false);
    expect(readFileSync(join(out, 'lib/src/index.js'), 'utf8')).toContain('43');
    expect(build(opts())).toBe(0);
  });

  it('the stat-only check sees a changed, an added, a deleted and a renamed file, and an old stamp', () => {
    build(opts());
    expect(isFresh(root, out)).toBe(true);
    const later = (s: number) => new Date(Date.now() + s * 1000);
    // Same size, later time (an edit that keeps the length).
    writeFileSync(join(root, 'lib/src/index.ts'), 'export const answer: number = 43;\n');
    utimesSync(join(root, 'lib/src/index.ts'), later(5), later(5));
    expect(isFresh(root, out)).toBe(false);
    build(opts());
    expect(isFresh(root, out)).toBe(true);
    // Added in a new sub-folder: only the folder's time says so.
    mkdirSync(join(root, 'lib/src/deep'));
    writeFileSync(join(root, 'lib/src/deep/more.ts'), 'export const more = 1;\n');
    utimesSync(join(root, 'lib/src'), later(10), later(10));
    expect(isFresh(root, out)).toBe(false);
    expect(build(opts())).toBe(1);
    expect(isFresh(root, out)).toBe(true);
    rmSync(join(root, 'lib/src/deep/more.ts'));
    utimesSync(join(root, 'lib/src/deep'), later(15), later(15));
    expect(isFresh(root, out)).toBe(false);
    build(opts());
    expect(existsSync(join(out, 'lib/src/deep/more.js'))).toBe(false);
    expect(isFresh(root, out)).toBe(true);
    renameSync(join(root, 'lib/src/use.ts'), join(root, 'lib/src/used.ts'));
    utimesSync(join(root, 'lib/src'), later(20), later(20));
    expect(isFresh(root, out)).toBe(false);
    build(opts());
    expect(isFresh(root, out)).toBe(true);
    // A stamp from before folder times were recorded is never fresh.
    const stampFile = join(out, 'build-stamp.json');
    const { files } = JSON.parse(readFileSync(stampFile, 'utf8')) as { files: object };
    writeFileSync(stampFile, JSON.stringify({ files }));
    expect(isFresh(root, out)).toBe(false);
    expect(build(opts())).toBe(0); // nothing to compile, but the stamp is written again
    expect(isFresh(root, out)).toBe(true);
  });

  it('bundles an entry point into one file that runs, and a compile removes the bundle until it is written again', () => {
    writeFileSync(join(root, 'lib/src/main.ts'), "import { twice } from './use';\nconsole.log(`twice ${twice}`);\n");
    const bundles = [{ entry: 'lib/src/main.js', out: 'lib/main.bundle.js' }];
    const withBundles = () => ({ ...opts(), bundles });
    build(withBundles());
    expect(isFresh(root, out)).toBe(false); // the bundle is not there yet
    bundleInChild(out, bundles);
    expect(isFresh(root, out)).toBe(true);
    const bundled = join(out, 'lib/main.bundle.js');
    const text = readFileSync(bundled, 'utf8');
    expect(text).not.toContain("require('./use')");
    expect(text).not.toContain('require("./use")');
    const run = () => spawnSync(process.execPath, [bundled], { encoding: 'utf8' }).stdout;
    expect(run()).toBe('twice 84\n');
    writeFileSync(join(root, 'lib/src/index.ts'), 'export const answer: number = 50;\n');
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'lib/src/index.ts'), later, later);
    expect(build(withBundles())).toBe(1);
    expect(existsSync(bundled)).toBe(false);
    expect(isFresh(root, out)).toBe(false);
    bundleInChild(out, bundles);
    expect(run()).toBe('twice 100\n');
    expect(isFresh(root, out)).toBe(true);
  });
});
