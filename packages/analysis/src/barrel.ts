import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { memberName, unwrap } from './ast.js';
import type { Resolver } from './resolver.js';

/**
 * A call through a module that gathers others under keys (an index, a "barrel": `module.exports = {
 * rtm: require('./rtm') }`): `slack.rtm.start` → the module value `slack`, the key `rtm`, the name
 * `start`. Only static names; undefined for any other callee.
 */
export interface BarrelPath {
  readonly outer: TSESTree.Node;
  readonly key: string;
  readonly name: string;
}

export function barrelPath(resolver: Resolver, callee: TSESTree.Node): BarrelPath | undefined {
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const inner = unwrap(callee.object);
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = memberName(resolver, callee);
  const key = memberName(resolver, inner);
  return name !== undefined && key !== undefined ? { outer: unwrap(inner.object), key, name } : undefined;
}
