import { createRequire } from 'node:module';

import type { TSESLint } from '@typescript-eslint/utils';

import noRtmStart from './rules/no-rtm-start.js';
import noRtmStartOnlyFields from './rules/no-rtm-start-only-fields.js';
import noUnsupportedRtmArgs from './rules/no-unsupported-rtm-args.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

export const rules = {
  'no-rtm-start': noRtmStart,
  'no-unsupported-rtm-args': noUnsupportedRtmArgs,
  'no-rtm-start-only-fields': noRtmStartOnlyFields,
};

export type RuleName = keyof typeof rules;

/** The namespace rules are configured under: `@rtm-migrate/no-rtm-start`. */
export const PLUGIN_NAMESPACE = '@rtm-migrate';

const allRulesAsErrors = Object.fromEntries(
  Object.keys(rules).map((rule) => [`${PLUGIN_NAMESPACE}/${rule}`, 'error' as const]),
) as Record<`@rtm-migrate/${RuleName}`, 'error'>;

export interface RtmMigratePlugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: {
    recommended: TSESLint.FlatConfig.Config;
    'recommended-type-checked': TSESLint.FlatConfig.Config;
    /** ESLint 8.57 `.eslintrc`: `extends: ['plugin:@rtm-migrate/legacy-recommended']`. */
    'legacy-recommended': TSESLint.ClassicConfig.Config;
    /** ESLint 8.57 `.eslintrc`, with type information. */
    'legacy-recommended-type-checked': TSESLint.ClassicConfig.Config;
  };
}

const plugin: RtmMigratePlugin = {
  meta: { name, version },
  rules,
  configs: {} as RtmMigratePlugin['configs'],
};

/** Syntactic: names, strings, imports. Works on JS and TS with any parser. */
plugin.configs.recommended = {
  name: '@rtm-migrate/recommended',
  plugins: { [PLUGIN_NAMESPACE]: plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: allRulesAsErrors,
};

/**
 * The same rules with type information (`parserOptions.projectService`): member calls count only on
 * `WebClient` (or `any`) receivers, and reads of `RtmStartResponse` values are found across functions
 * and files. Set up `typescript-eslint`'s parser with the project service for the files it covers.
 */
plugin.configs['recommended-type-checked'] = {
  name: '@rtm-migrate/recommended-type-checked',
  plugins: { [PLUGIN_NAMESPACE]: plugin as unknown as TSESLint.FlatConfig.Plugin },
  languageOptions: { parserOptions: { projectService: true } },
  rules: allRulesAsErrors,
};

/** `.eslintrc` (ESLint 8.57) names the plugin by its package and finds its rules under `@rtm-migrate/`. */
plugin.configs['legacy-recommended'] = {
  plugins: [PLUGIN_NAMESPACE],
  rules: allRulesAsErrors,
};

plugin.configs['legacy-recommended-type-checked'] = {
  plugins: [PLUGIN_NAMESPACE],
  parserOptions: { projectService: true },
  rules: allRulesAsErrors,
};

export const configs = plugin.configs;
export default plugin;
