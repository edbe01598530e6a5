import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/out-tsc', 'tmp', 'data', 'coverage', '**/vite.config.*.timestamp*'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: ['@nestjs/*', 'typeorm', 'better-sqlite3', 'pg'],
            },
            {
              sourceTag: 'type:solver',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: ['@nestjs/*', 'typeorm', 'better-sqlite3', 'pg', 'nodemailer', 'ical-generator'],
            },
            { sourceTag: 'type:calendar', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'type:mail', onlyDependOnLibsWithTags: ['type:domain'] },
            {
              sourceTag: 'type:match',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: ['@nestjs/*', 'typeorm', 'better-sqlite3', 'pg', 'nodemailer'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:domain', 'type:solver', 'type:calendar', 'type:mail', 'type:match'],
            },
            { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['type:domain'] },
            {
              sourceTag: 'type:test',
              onlyDependOnLibsWithTags: ['type:domain', 'type:solver', 'type:calendar', 'type:mail', 'type:match'],
            },
          ],
        },
      ],
    },
  },
  {
    // The pure libraries: no framework, persistence, file system or clock.
    files: [
      'libs/domain/src/**/*.ts',
      'solver/src/**/*.ts',
      'libs/calendar/src/**/*.ts',
      'libs/mail/src/**/*.ts',
      'libs/match/src/**/*.ts',
    ],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'fs', 'node:fs', 'fs/*', 'node:fs/*', 'path', 'node:path'],
              message:
                'The solver, domain, calendar, mail and match libraries stay pure: no framework, ORM or file system.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'No clock inside the pure libraries: take time as an input.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'No clock inside the pure libraries: pass a clock in.',
        },
      ],
    },
  },
];
