import { mayMentionRtm } from '@rtm-migrate/core';
import type { TSESLint } from '@typescript-eslint/utils';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const cache = new WeakMap<object, boolean>();

/** Core's `mayMentionRtm` on the linted file, once per file for all rules: files without `rtm` are skipped. */
export function mentionsRtm(context: Context): boolean {
  const sourceCode = context.sourceCode;
  let result = cache.get(sourceCode);
  if (result === undefined) {
    result = mayMentionRtm(sourceCode.text);
    cache.set(sourceCode, result);
  }
  return result;
}
