import { join } from 'node:path';

/**
 * The service's end-to-end spec files (`test/<name>.e2e.spec.ts`), run as a few Jest test files
 * (`test/groups/<group>.spec.ts`, issue 15, item 9). Jest gives every test file a fresh module registry,
 * and loading the service's modules into it (about 2,100 of them) cost about 2 CPU seconds per file, a third
 * of a middle-sized spec file's CPU. A group loads them once for all of its files; each file still boots its
 * own app on its own database, in a `describe` block of its own (its hooks run around its own tests only).
 *
 * Groups are balanced by the files' measured times, so Jest's two workers finish together. Every spec file is
 * in exactly one group (`test/groups/groups.spec.ts` checks it). To run one spec file on its own:
 * `npx jest -c apps/api/jest.files.config.js apps/api/test/<name>.e2e.spec.ts`.
 */
export const SPEC_GROUPS: Readonly<Record<string, readonly string[]>> = {
  'part-1': ['after-event-sim'],
  'part-2': [
    'bad-input-shapes',
    'decline-reason',
    'event-day-sim',
    'languages',
    'mail-templates',
    'published-guards',
    'security-headers',
  ],
  'part-3': [
    'crash-recovery',
    'csv-injection',
    'event-day',
    'hand-edits',
    'long-lists',
    'magic-links',
    'organiser-cli',
    'schedules-redis',
    'taxonomy',
  ],
  'part-4': [
    'bad-input',
    'ical-injection',
    'concurrency',
    'demo-sign-in',
    'event-setup',
    'optional-mail',
    'organiser-invitations',
    'production',
    'send-agendas',
    'start',
    'unavailability',
  ],
  'part-5': [
    'evaluation',
    'fast-create',
    'mailings',
    'organisers',
    'privacy',
    'reports-across-events',
    'response-shapes',
    'schedules',
  ],
  'part-6': [
    'contract',
    'damaged-database',
    'demo-seed',
    'fast-reads',
    'follow-ups',
    'imports',
    'participants',
    'schedules-errors',
    'several-events',
  ],
  'part-7': [
    'authz-matrix',
    'collaborations',
    'directory-relations',
    'feedback',
    'impact-report',
    'import-samples',
    'mail-hooks',
    'recommendations',
    'table-features',
  ],
  'part-8': [
    'auth',
    'core-flow',
    'fuzz',
    'health',
    'login-limit',
    'nudges',
    'organiser-language',
    'privacy-notice',
    'read-cache',
  ],
};

/** Jest's test timeout as `jest.setTimeout` last set it (jest-circus keeps it on the global object). */
function currentTimeout(): number {
  const value = (globalThis as Record<symbol, unknown>)[Symbol.for('TEST_TIMEOUT_SYMBOL')];
  return typeof value === 'number' ? value : 0;
}

/**
 * Declares the tests of every spec file of `group`, each in a `describe` named after it. Jest takes the test
 * timeout as it stands when the run starts, after every test is declared (not where a file set it), so the group
 * keeps the largest timeout its files set.
 */
export function runSpecGroup(group: string): void {
  const specs = SPEC_GROUPS[group];
  if (!specs) throw new Error(`no spec group named ${group}`);
  let timeout = 0;
  for (const spec of specs) {
    describe(spec, () => {
      require(join(__dirname, '..', 'test', `${spec}.e2e.spec.ts`));
      timeout = Math.max(timeout, currentTimeout());
    });
  }
  if (timeout > 0) jest.setTimeout(timeout);
}
