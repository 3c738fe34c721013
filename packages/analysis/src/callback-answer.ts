import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, variableOf } from './ast.js';
import type { FunctionNode } from './functions.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/** Names only an error goes by: `err`, `e`, `ex`, `error`, `reqErr`, `request_error` (the codemod's callback-convention check reads the same names). */
export const ERROR_NAME = /^(e|er|err|errs|error|errors|ex|exc|exception)$|(Err|Error|_err|_error)$/;

/** A branch that leaves the function: `return …`, `throw …`, or a block ending in one. */
export function leaves(node: Node | null | undefined): boolean {
  if (!node) return false;
  if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement) return true;
  return node.type === AST_NODE_TYPES.BlockStatement && leaves(node.body.at(-1));
}

/**
 * A use only an error has: `throw e`, `reject(e)`, `console.error(e)`, `e.message` / `.stack` / `.code`,
 * or `if (e) return …` (the code leaves when it is set).
 */
function usedAsError(resolver: Resolver, id: TSESTree.Identifier): boolean {
  const use = id.parent;
  if (use.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (use.type === AST_NODE_TYPES.MemberExpression) return use.object === id && !use.computed && use.property.type === AST_NODE_TYPES.Identifier && ['message', 'stack', 'code'].includes(use.property.name);
  if (use.type === AST_NODE_TYPES.CallExpression) return use.arguments.includes(id) && /^(reject|error|warn)$/.test(calleeName(resolver, use.callee) ?? '');
  return use.type === AST_NODE_TYPES.IfStatement && use.test === id && leaves(use.consequent);
}

/**
 * The first parameter of a callback handed `rtm.start`'s answer is the error, as in Node's `(err, data)`:
 * used as one (`if (err) return`, `throw err`, `reject(err)`, `err.message`), or (`byName`) named as one
 * (`err`, `error`, `e`). Where neither shows, the helper may call back `(data, err)`: the answer may be in it.
 */
export function firstParameterIsError(resolver: Resolver, fn: FunctionNode, byName: boolean): boolean {
  const first = fn.params[0];
  if (first?.type !== AST_NODE_TYPES.Identifier) return false;
  if (byName && ERROR_NAME.test(first.name)) return true;
  return (variableOf(resolver, first)?.references ?? []).some((r) => r.identifier !== first && r.identifier.type === AST_NODE_TYPES.Identifier && usedAsError(resolver, r.identifier));
}
