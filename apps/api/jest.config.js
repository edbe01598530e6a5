module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  // Node's, plus a watch for queries sent to a busy PostgreSQL connection (see the file).
  testEnvironment: '<rootDir>/test-utils/environment.js',
  rootDir: __dirname,
  // The unit specs next to the code, and the end-to-end spec files in a few groups (`test-utils/spec-groups.ts`:
  // one module registry per group instead of per file). `jest.files.config.js` runs spec files one by one.
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/groups/*.spec.ts'],
  testSequencer: '<rootDir>/test-utils/sequencer.js',
  // e2e tests boot the real app on real databases; a loaded 2-core machine needs headroom.
  testTimeout: 30_000,
  // Jest's default (cores - 1) runs the files one after another on a 2-core machine, and a spec file spends much of
  // its time waiting: for PostgreSQL to run the migrations' DDL, for SQLite to sync the file, for the solver's jobs.
  // One worker per core overlaps those waits with the other file's module loading and requests.
  maxWorkers: '100%',
};
