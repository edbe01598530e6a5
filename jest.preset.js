// Shared Jest settings: TypeScript through SWC (keeps decorator metadata for NestJS),
// workspace aliases mapped to their sources, one place for all projects.
const path = require('node:path');
const root = __dirname;

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)s$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@clustermatch/domain$': path.join(root, 'libs/domain/src/index.ts'),
    '^@clustermatch/solver$': path.join(root, 'solver/src/index.ts'),
    '^@clustermatch/calendar$': path.join(root, 'libs/calendar/src/index.ts'),
    '^@clustermatch/match$': path.join(root, 'libs/match/src/index.ts'),
    '^@clustermatch/mail$': path.join(root, 'libs/mail/src/index.ts'),
    '^@clustermatch/mail/testing$': path.join(root, 'libs/mail/test-support/index.ts'),
  },
  testMatch: ['**/?(*.)+(spec|test).ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
