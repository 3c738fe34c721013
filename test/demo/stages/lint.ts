import plugin from '@rtm-migrate/eslint-plugin';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import type { DemoContext } from '../context.js';
import { block, heading } from '../print.js';

/** Stage 3: the lint plugin's recommended config over the legacy bot, as CI would run it. */
export async function lintStage(ctx: DemoContext): Promise<void> {
  heading('3. lint: @rtm-migrate/eslint-plugin (configs.recommended) on legacy-bot');
  const eslint = new ESLint({
    cwd: ctx.legacyBot,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, plugin.configs.recommended as Linter.Config],
  });
  const results = await eslint.lintFiles(['src/**/*.ts']);
  const formatter = await eslint.loadFormatter('stylish');
  // Paths relative to the bot, not to the temporary copy the demo made.
  block((await formatter.format(results)).replaceAll(`${ctx.legacyBot}/`, 'legacy-bot/'));
  const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
  const fixable = results.reduce((sum, r) => sum + r.fixableErrorCount, 0);
  const suggestions = results.reduce((sum, r) => sum + r.messages.filter((m) => m.suggestions?.length).length, 0);
  console.log(`${errors} findings in ${results.filter((r) => r.errorCount > 0).length} file(s): ${fixable} autofixable, ${suggestions} with suggestions.`);
}
