import { descendants } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from './this-method.js';

/** Reading these off an answer is how a helper tells Slack's errors apart. */
const ERROR_FIELDS = new Set(['ok', 'error']);

/**
 * The helper's declaration hands Slack's answer on as it came, `ok: false` included: it returns a
 * value, never reads `ok` or `error`, never throws and never calls a `reject` (`fetch(…).then((r) =>
 * r.json())`, `got.post(…).json()`). Its callers got Slack's error as data, and so they do after the
 * rewrite (the helper module's error carries the answer as `data`).
 * A helper that does call a `reject` still answers so where it never reads a member `ok` or `error`
 * of anything (`body.ok`, `res['error']`) and never throws: it cannot tell Slack's `ok: false` from
 * any other 200 answer, so it rejects only on its transport's failures (`request.post`'s `error`, a
 * status other than 200), with what it rejected before (the rewrite hands those on as they are).
 */
export function resolvesSlackErrors(parsed: ParsedFile, helper: FunctionNode | undefined): boolean {
  if (!helper) return false;
  let returns = helper.body.type !== AST_NODE_TYPES.BlockStatement;
  let rejects = false;
  let named = false;
  for (const node of descendants(parsed.resolver, helper.body)) {
    if (node.type === AST_NODE_TYPES.ThrowStatement) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) returns = true;
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'reject') rejects = true;
    if (node.type === AST_NODE_TYPES.MemberExpression && ERROR_FIELDS.has(memberKey(node) ?? '')) return false;
    if (node.type === AST_NODE_TYPES.Property && node.parent.type === AST_NODE_TYPES.ObjectPattern && ERROR_FIELDS.has(propertyName(node) ?? '')) return false;
    if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' && ERROR_FIELDS.has(node.value)) return false;
    // Without a `reject`, any such name (a parameter `error`, a key `ok`) is taken as a test of Slack's answer.
    if (node.type === AST_NODE_TYPES.Identifier && ERROR_FIELDS.has(node.name)) named = true;
  }
  return returns && (rejects || !named);
}

/** `{ ok }` / `{ ok: done }` of a pattern → `ok`. */
function propertyName(node: TSESTree.Property): string | undefined {
  if (node.computed) return undefined;
  return node.key.type === AST_NODE_TYPES.Identifier ? node.key.name : String(node.key.value);
}

/** `x.ok` → `ok`, `x['ok']` → `ok`; undefined for a key computed otherwise. */
function memberKey(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
  return node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string' ? node.property.value : undefined;
}
