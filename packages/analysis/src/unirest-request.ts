import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { memberName, unwrap } from './ast.js';
import { originOf } from './origin.js';
import type { Resolver } from './resolver.js';

/** Links of unirest's chain that set how the request is made, the same for every method. */
export const UNIREST_KEPT: ReadonlySet<string> = new Set(['headers', 'header', 'type', 'timeout', 'followRedirect', 'maxRedirects', 'strictSSL']);
/** Links that carry the arguments: the query, the form or JSON body. */
export const UNIREST_CARRIERS: ReadonlySet<string> = new Set(['query', 'send', 'form']);

/**
 * `unirest.get(url)` / `unirest.post(url)` (the module by its import, any name): unirest's own request,
 * whose links (`UNIREST_KEPT`, `UNIREST_CARRIERS`) return the same request and whose `.end(callback)`
 * hands the callback its one response, the parsed data in `response.body`.
 */
export function isUnirestRequest(resolver: Resolver, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const verb = memberName(resolver, callee);
  return (verb === 'get' || verb === 'post') && originOf(resolver, callee.object)?.module === 'unirest';
}
