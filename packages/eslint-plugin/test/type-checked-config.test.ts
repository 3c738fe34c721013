import { join } from 'node:path';

import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { PATTERNS_DIR, REPO_DIR, toFindings } from './helpers.js';

// In its own file: typescript-eslint keeps one project service per process, set up by its first user.
describe('configs.recommended-type-checked', () => {
  it('follows the response across functions through types (fixtures/patterns/response-passed.input.ts)', async () => {
    const eslint = new ESLint({
      cwd: REPO_DIR,
      overrideConfigFile: true,
      ignore: false,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { tsconfigRootDir: PATTERNS_DIR } } },
        plugin.configs['recommended-type-checked'] as Linter.Config,
      ],
    });
    const [result] = await eslint.lintFiles([join(PATTERNS_DIR, 'response-passed.input.ts')]);
    const found = toFindings(result!.messages).map((f) => `${f.ruleId.replace('@rtm-migrate/', '')}:${f.line}:${f.messageId}`);
    expect(found).toEqual([
      'no-rtm-start-only-fields:7:users',
      'no-rtm-start:17:rtmStart',
      'no-unsupported-rtm-args:17:no_unreads',
      'no-rtm-start-only-fields:22:channels',
    ]);
  });
});
