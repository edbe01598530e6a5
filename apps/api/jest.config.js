module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // e2e tests boot the real app on real databases; a loaded 2-core machine needs headroom.
  testTimeout: 30_000,
  // One migrated SQLite file and one PostgreSQL template database per run, copied by every startTestApp.
  globalSetup: '<rootDir>/test-utils/global-setup.ts',
  globalTeardown: '<rootDir>/test-utils/global-teardown.ts',
};
