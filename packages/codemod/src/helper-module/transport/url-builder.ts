import { resolveConst, unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { Node } from './common.js';
import { helperDeclaration, returnedValues } from './helper-contract.js';

/**
 * The helper given `'rtm.start'` is declared in the file and returns only strings built from it
 * (`return base + method + '?token=' + token`): it makes the URL of a request sent elsewhere
 * (`post(api('rtm.start'), {}, cb)`) and calls nothing, so its value is no answer the rewrite could
 * rebuild through it.
 */
export function buildsUrl(parsed: ParsedFile, call: TSESTree.CallExpression): boolean {
  const fn = helperDeclaration(parsed, call);
  const returned = fn ? returnedValues(parsed, fn) : [];
  return returned.length > 0 && returned.every((r) => isString(parsed, r));
}

/** A string however it is computed: a literal, a template, a `+` with a string on one side, or a name bound once to one. */
function isString(parsed: ParsedFile, node: Node): boolean {
  const value = unwrap(resolveConst(parsed.resolver, node));
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'string';
  if (value.type === AST_NODE_TYPES.TemplateLiteral) return true;
  return value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+' && (isString(parsed, value.left) || isString(parsed, value.right));
}
