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

/**
 * The links called on `request` up to its `.end(…)`, while each is one the caller keeps or one that
 * carries the arguments (`names`): `end` is undefined when the chain stops or goes on otherwise.
 */
export function linksToEnd(request: TSESTree.CallExpression, names: (name: string) => boolean): { links: Link[]; end: Link | undefined } {
  const links: Link[] = [];
  for (let next = link(request); next; next = link(next.call)) {
    if (next.name === 'end') return { links, end: next };
    if (!names(next.name)) break;
    links.push(next);
  }
  return { links, end: undefined };
}
