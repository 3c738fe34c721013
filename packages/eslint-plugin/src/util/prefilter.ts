import { mayMentionRtm, mayStartRequiredClient } from '@rtm-migrate/core';
import type { TSESLint } from '@typescript-eslint/utils';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const cache = new WeakMap<object, boolean>();

/**
 * Core's pre-filter on the linted file, once per file for all rules: files without `rtm` are skipped,
 * unless they start a client required from another module of the app (read from disk, so only for a
 * file with a path), which may be a v3 `RtmClient` made there.
 */
export function mentionsRtm(context: Context): boolean {
  const sourceCode = context.sourceCode;
  let result = cache.get(sourceCode);
  if (result === undefined) {
    result = mayMentionRtm(sourceCode.text) || (onDisk(context) && mayStartRequiredClient(sourceCode.text));
    cache.set(sourceCode, result);
  }
  return result;
}

/** The file's text names `rtm` (the modules it requires are read only for what may make a client there). */
export function namesRtmItself(context: Context): boolean {
  return mayMentionRtm(context.sourceCode.text);
}

function onDisk(context: Context): boolean {
  const file = context.physicalFilename;
  return file !== '<input>' && file !== '<text>';
}
