// ESLint (flat config), run by `npm run lint` inside `npm test`: typescript-eslint's recommended rules over the whole
// TypeScript tree, and the two classic React hooks rules over the renderer as errors. The React Compiler rules of
// eslint-plugin-react-hooks 7 are not turned on: the app does not use the compiler.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'release/', 'coverage/', 'test-results/', 'build/', 'assets/', '**/*.cjs', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore marks a value left out on purpose (`const { x: _x, ...rest } = o`, `(_event) => ...`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['**/*.tsx', 'renderer/**/*.ts', 'test/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
);
