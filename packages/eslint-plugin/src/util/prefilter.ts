import type { TSESLint } from '@typescript-eslint/utils';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const cache = new WeakMap<object, boolean>();

/**
 * Every syntactic form these rules find spells `rtm` somewhere in the file (`rtm.start`, `RTMClient`,
 * `RtmClient`, `/api/rtm.connect`…): files without it are skipped at no cost. A method name built from
 * pieces that split `rtm` (`'r' + 'tm.start'`) is not found.
 */
export function mentionsRtm(context: Context): boolean {
  const sourceCode = context.sourceCode;
  let result = cache.get(sourceCode);
  if (result === undefined) {
    result = /rtm/i.test(sourceCode.text);
    cache.set(sourceCode, result);
  }
  return result;
}
