import { ESLintUtils } from '@typescript-eslint/utils';

export interface RtmRuleDocs {
  /** In `configs.recommended` (and `recommended-type-checked`). */
  recommended: boolean;
  /** Works without type information; sharper with it. */
  requiresTypeChecking?: false;
}

const DOCS_BASE = 'https://github.com/rtm-migrate/rtm-migrate/blob/main/packages/eslint-plugin/docs/rules/';

export const createRule = ESLintUtils.RuleCreator<RtmRuleDocs>((name) => `${DOCS_BASE}${name}.md`);
