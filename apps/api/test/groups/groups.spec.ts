/**
 * Every end-to-end spec file runs: each `test/<name>.e2e.spec.ts` is in exactly one spec group, every group
 * names only files that exist, and every group has its Jest test file (`test/groups/<group>.spec.ts`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SPEC_GROUPS } from '../../test-utils/spec-groups';

const TEST_DIR = join(__dirname, '..');
const specs = readdirSync(TEST_DIR)
  .filter((f) => f.endsWith('.e2e.spec.ts'))
  .map((f) => f.slice(0, -'.e2e.spec.ts'.length));

describe('spec groups', () => {
  it('puts every end-to-end spec file in exactly one group', () => {
    const groupsOf = new Map<string, string[]>();
    for (const [group, names] of Object.entries(SPEC_GROUPS))
      for (const name of names) groupsOf.set(name, [...(groupsOf.get(name) ?? []), group]);
    expect(specs.length).toBeGreaterThan(0);
    expect(specs.filter((s) => (groupsOf.get(s) ?? []).length !== 1)).toEqual([]);
    expect([...groupsOf.keys()].filter((name) => !specs.includes(name))).toEqual([]);
  });

  it('runs every group from its own test file', () => {
    for (const group of Object.keys(SPEC_GROUPS)) {
      const file = join(__dirname, `${group}.spec.ts`);
      expect(existsSync(file) ? readFileSync(file, 'utf8') : '').toContain(`runSpecGroup('${group}')`);
    }
  });
});
