import { descendants } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { FunctionNode } from './this-method.js';

/** Reading these off an answer is how a helper tells Slack's errors apart. */
const ERROR_FIELDS = new Set(['ok', 'error']);

/**
 * The helper's declaration hands Slack's answer on as it came, `ok: false` included: it returns a
 * value, never reads `ok` or `error`, never throws and never calls a `reject` (`fetch(…).then((r) =>
 * r.json())`, `got.post(…).json()`). Its callers got Slack's error as data, and so they do after the
 * rewrite (the helper module's error carries the answer as `data`).
 */
export function resolvesSlackErrors(parsed: ParsedFile, helper: FunctionNode | undefined): boolean {
  if (!helper) return false;
  let returns = helper.body.type !== AST_NODE_TYPES.BlockStatement;
  for (const node of descendants(parsed.resolver, helper.body)) {
    if (node.type === AST_NODE_TYPES.ThrowStatement) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) returns = true;
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'reject') return false;
    if (node.type === AST_NODE_TYPES.Identifier && ERROR_FIELDS.has(node.name)) return false;
    if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' && ERROR_FIELDS.has(node.value)) return false;
  }
  return returns;
}
