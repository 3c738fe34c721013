import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

/** One link of a request builder's chain: `.name(…)`. */
export interface Link {
  readonly name: string;
  readonly call: TSESTree.CallExpression;
}

/** `.name(…)` called on `node`. */
export function link(node: TSESTree.Node): Link | undefined {
  const member = node.parent;
  const call = member?.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== node || member.computed || member.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === member ? { name: member.property.name, call } : undefined;
}
