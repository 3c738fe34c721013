import { descendants, unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { Node } from './common.js';

/**
 * The written-out callback reads the `this` the request library calls it with (request's and
 * superagent's request object, needle's, unirest's): the rebuilt call hands it no such `this`. Not
 * where the function is `.bind(this)`-ed: its `this` is fixed to the caller's own, and the rewrite
 * keeps the bind where it was, inside an arrow function that sees the same `this`.
 */
export function readsLibraryThis(parsed: ParsedFile, callback: Node, fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression): boolean {
  if (fn.type !== AST_NODE_TYPES.FunctionExpression || !usesOwnThis(parsed, fn)) return false;
  const bound = unwrap(callback);
  const thisArg = bound.type === AST_NODE_TYPES.CallExpression && bound.arguments.length === 1 ? unwrap(bound.arguments[0] as Node) : undefined;
  return bound === fn || thisArg?.type !== AST_NODE_TYPES.ThisExpression;
}

/**
 * `this` in the function's body that is the function's own: not the word in a string or a comment,
 * nor the `this` of a function nested in it (arrow functions see their parent's).
 */
export function usesOwnThis(parsed: ParsedFile, fn: TSESTree.FunctionExpression): boolean {
  for (const node of descendants(parsed.resolver, fn.body)) {
    if (node.type !== AST_NODE_TYPES.ThisExpression) continue;
    let owner: Node | undefined = node.parent;
    while (owner && owner.type !== AST_NODE_TYPES.FunctionExpression && owner.type !== AST_NODE_TYPES.FunctionDeclaration) owner = owner.parent;
    if (owner === fn) return true;
  }
  return false;
}
