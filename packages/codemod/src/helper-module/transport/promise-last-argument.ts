import type { ParsedFile } from '@rtm-migrate/analysis/project';
import type { TSESTree } from '@typescript-eslint/utils';
import { text, type Node } from './common.js';
import { declarationUnseen } from './declaration-unseen.js';
import { helperDeclaration, isArgsName } from './helper-contract.js';
import { readAsPromise } from './promise-proof.js';

/**
 * Why a name given last to a helper whose answer the code awaits or chains `.then` on
 * (`req('rtm.start', params).then(…)`) is left alone: the site reads no callback, so a missing Node-style
 * one is not what stops the rewrite. rtm-migrate takes a name there as the request's arguments only where
 * it holds them (a `const` of an object written out, or the enclosing function's `params`-like
 * parameter) and the helper's declaration only reads that parameter as data; otherwise the helper may
 * call it. Undefined where the call's value is not read as a promise: then the last argument is the callback.
 */
export function unplacedPromiseArgument(parsed: ParsedFile, call: TSESTree.CallExpression, arg: Node): string | undefined {
  if (!readAsPromise(parsed, call)) return undefined;
  const fn = helperDeclaration(parsed, call);
  const why = !isArgsName(parsed, call, arg)
    ? 'it is neither a `const` holding an object written out nor a parameter, named as arguments are (`params`, `options`…), of the function the call is written in'
    : fn
      ? `the helper's declaration (line ${fn.loc.start.line}) does not only read that parameter as data`
      : (declarationUnseen(parsed, call) ?? "the helper's declaration is not in this file");
  return `the helper's answer is read as a promise, and its last argument \`${text(parsed, arg)}\` may be the request's arguments or a callback the helper calls, which rtm-migrate cannot tell: ${why}`;
}
