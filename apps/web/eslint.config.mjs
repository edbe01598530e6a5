import reactHooks from 'eslint-plugin-react-hooks';
import root from '../../eslint.config.mjs';

const hooks = reactHooks.configs.flat['recommended-latest'];

export default [
  ...root,
  {
    // The React hooks rules (with the React Compiler's checks), every one an error: zero warnings.
    files: ['**/*.ts', '**/*.tsx'],
    plugins: hooks.plugins,
    rules: Object.fromEntries(Object.keys(hooks.rules).map((rule) => [rule, 'error'])),
  },
];
