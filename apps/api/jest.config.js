module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // e2e tests boot the real app on real databases; a loaded 2-core machine needs headroom.
  testTimeout: 30_000,
};
