import { descendants, resolveConst, unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, type Node } from './common.js';
import type { FunctionNode } from './this-method.js';

/**
 * A value that is a string however it is computed: a string literal, a template, a concatenation with
 * a string on either side (`base + method + '?token=' + token`), or a name bound once to one of them.
 */
function isString(parsed: ParsedFile, node: Node): boolean {
  const value = unwrap(resolveConst(parsed.resolver, node));
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'string';
  if (value.type === AST_NODE_TYPES.TemplateLiteral) return true;
  if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+') {
    return isString(parsed, value.left) || isString(parsed, value.right);
  }
  return false;
}

/** The `return` statements of the function's own body (not those of functions inside it). */
function ownReturns(parsed: ParsedFile, fn: FunctionNode): TSESTree.ReturnStatement[] {
  const returns: TSESTree.ReturnStatement[] = [];
  for (const node of descendants(parsed.resolver, fn.body)) {
    if (node.type !== AST_NODE_TYPES.ReturnStatement) continue;
    let owner: Node | undefined = node.parent;
    while (owner && owner !== fn && !isFunction(owner) && owner.type !== AST_NODE_TYPES.FunctionDeclaration) owner = owner.parent;
    if (owner === fn) returns.push(node);
  }
  return returns;
}

/**
 * The helper given the method name only builds a string from it (`function api(method) { return base
 * + method + '?token=' + token; }`): a URL the code hands to its own request elsewhere, not a call of
 * Slack. Every `return` of its own body gives a string, and there is at least one.
 */
export function buildsString(parsed: ParsedFile, fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return isString(parsed, fn.body);
  const returns = ownReturns(parsed, fn);
  return returns.length > 0 && returns.every((r) => r.argument !== null && isString(parsed, r.argument));
}
