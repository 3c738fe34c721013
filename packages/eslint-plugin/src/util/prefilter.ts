import type { TSESLint } from '@typescript-eslint/utils';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const cache = new WeakMap<object, boolean>();

/** `rtm` (`rtm.start`, `RtmClient`…) or the legacy client's `dataStore` (look-ups in modules it is handed to). */
const MAY_MATCH = /rtm|datastore/i;

/**
 * Every syntactic form these rules find spells `rtm` somewhere in the file (`rtm.start`, `RTMClient`,
 * `RtmClient`, `/api/rtm.connect`…) or `dataStore`: files without either are skipped at no cost. A method name built from
 * pieces that split `rtm` (`'r' + 'tm.start'`) is not found.
 */
export function mentionsRtm(context: Context): boolean {
  const sourceCode = context.sourceCode;
  let result = cache.get(sourceCode);
  if (result === undefined) {
    result = MAY_MATCH.test(sourceCode.text);
    cache.set(sourceCode, result);
  }
  return result;
}
