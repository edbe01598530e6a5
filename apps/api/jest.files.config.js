// The service's spec files one by one, each its own Jest test file (`npm test` runs the end-to-end ones in groups,
// see `jest.config.js`): `npx jest -c apps/api/jest.files.config.js apps/api/test/taxonomy.e2e.spec.ts`.
const config = require('./jest.config');

module.exports = {
  ...config,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/*.e2e.spec.ts'],
};
