import { descendants, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

type Callback = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;

/**
 * True when a Node-style callback reads more than `(err, data)`: a third parameter or later
 * (`(err, res, body)`, request's body text), or `arguments`. `callbackify(rtmStartData)` calls back
 * with two: which of them the helper hands the data in is not known, and the third would be lost.
 */
export function readsLaterParameters(parsed: ParsedFile, fn: Callback): boolean {
  const later = fn.params.slice(2);
  if (later.some((p) => p.type !== AST_NODE_TYPES.Identifier || (variableOf(parsed.resolver, p)?.references.length ?? 1) > 0)) return true;
  if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression) return false;
  for (const node of descendants(parsed.resolver, fn.body)) if (node.type === AST_NODE_TYPES.Identifier && node.name === 'arguments') return true;
  return false;
}
