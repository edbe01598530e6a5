/**
 * The build step behind `npm start` and `npm run cli` (scripts/build.cjs): compiles what changed,
 * removes what was deleted, and the freshness check sees every change.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const buildScript = join(__dirname, '..', 'scripts', 'build.cjs');
const { build, staleness } = require(buildScript) as {
  build(o: { root: string; outDir: string; dirs: string[]; links: Record<string, string> }): number;
  staleness(root: string, outDir: string, dirs: string[]): { changed: string[]; removed: string[] };
};

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
    expect(staleness(root, out, dirs)).toEqual({ changed: [], removed: [], now: expect.any(Object) });
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
});
