// The repository's own lint: typescript-eslint's strictest type-checked presets over every
// package's sources and every test. `pnpm lint` runs it; `pnpm test` runs it before the tests.
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['**/dist/**', '**/node_modules/**', 'fixtures/**'] },
  {
    files: ['packages/*/src/**/*.ts', 'packages/*/test/**/*.ts', 'packages/*/scripts/**/*.ts', 'test/**/*.ts', '*.ts'],
    extends: [tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Numbers read naturally in messages and file names; everything else must be a string.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `record['key']` marks a key of an index signature (it may be absent); `.key` a declared one.
      '@typescript-eslint/dot-notation': ['error', { allowIndexSignaturePropertyAccess: true }],
      // `(x) => emitter.emit(x)` callbacks are the idiom of Node's stream and server APIs.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    // The tests are type-checked by test/tsconfig.json (one program for every package's tests).
    files: ['packages/*/test/**/*.ts', 'packages/*/scripts/**/*.ts', 'test/**/*.ts', '*.ts'],
    languageOptions: {
      parserOptions: { projectService: false, project: './test/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A test states what it expects of a fixture it built; a wrong `!` fails the test on the spot.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
