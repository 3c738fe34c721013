import { descendants, unwrap, within } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, isProcessExit, text, type Node } from './common.js';
import { helperDeclaration } from './helper-contract.js';
import type { FunctionNode } from './this-method.js';
import { declarationOf } from './node-style-callback.js';

/** Calls whose function argument runs where a throw becomes a rejection, which a caller sees. */
const SETTLES = /^(then|catch|finally)$/;

/**
 * The nearest function around a `throw` within the helper, when it is a callback run later (a
 * request's, a timer's), where a throw reaches no caller: not the helper itself, not an async
 * function, nor a promise's executor or `.then` / `.catch` / `.finally` callback (a throw there rejects).
 */
function throwsUncaught(node: TSESTree.ThrowStatement, helper: Node): boolean {
  for (let p: Node | undefined = node.parent; p && p !== helper; p = p.parent) {
    if (!isFunction(p) && p.type !== AST_NODE_TYPES.FunctionDeclaration) continue;
    if (p.async) return false;
    const use = p.parent;
    if (use.type === AST_NODE_TYPES.NewExpression && unwrap(use.callee).type === AST_NODE_TYPES.Identifier && (unwrap(use.callee) as TSESTree.Identifier).name === 'Promise') return false;
    if (use.type === AST_NODE_TYPES.CallExpression && use.arguments.some((a) => a === p)) {
      const callee = unwrap(use.callee);
      return !(callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && SETTLES.test(callee.property.name));
    }
    return false;
  }
  return false;
}

/**
 * `!body.ok`, `data.error`: a test of Slack's own answer. Only such a refusal (`missing_scope`) is what
 * an `optional` extra must see come back; a dropped network error stalls a required call the same way.
 */
function testsSlackRefusal(parsed: ParsedFile, test: Node): boolean {
  return /\.ok\b|\.error\b/.test(text(parsed, test));
}

/**
 * `if (!json.ok) return console.error(json.error);` inside the helper's own request callback that otherwise
 * calls back (`callback` at `index`): the error logged and dropped, the caller never answered.
 */
function dropsError(parsed: ParsedFile, helper: FunctionNode, index: number | undefined, node: Node): boolean {
  const param = index === undefined ? undefined : helper.params[index];
  if (node.type !== AST_NODE_TYPES.IfStatement || param?.type !== AST_NODE_TYPES.Identifier || !testsSlackRefusal(parsed, node.test)) return false;
  const leaves = node.consequent.type === AST_NODE_TYPES.BlockStatement ? node.consequent.body.at(-1) : node.consequent;
  if (leaves?.type !== AST_NODE_TYPES.ReturnStatement) return false;
  const names = (n: Node): boolean => new RegExp(`\\b${param.name}\\b`).test(text(parsed, n));
  let inner: Node | undefined = node.parent;
  while (inner && inner !== helper && !isFunction(inner)) inner = inner.parent;
  return inner !== undefined && inner !== helper && !names(node.consequent) && !names(node.test) && names(inner);
}

/**
 * `if (!error && response.statusCode == 200) { … callback(JSON.parse(body)) }` inside the helper's own
 * request callback, which names the callback (at `index`) nowhere else: on an error nothing calls back.
 */
function callsBackOnlyOnSuccess(parsed: ParsedFile, helper: FunctionNode, index: number | undefined, node: Node): boolean {
  const param = index === undefined ? undefined : helper.params[index];
  if (node.type !== AST_NODE_TYPES.IfStatement || param?.type !== AST_NODE_TYPES.Identifier || !/\berr(or)?\b|\.statusCode\b|\.ok\b/.test(text(parsed, node.test))) return false;
  let inner: Node | undefined = node.parent;
  while (inner && inner !== helper && !isFunction(inner)) inner = inner.parent;
  if (!inner || inner === helper) return false;
  const uses = [...descendants(parsed.resolver, inner)].filter((n): n is TSESTree.Identifier => n.type === AST_NODE_TYPES.Identifier && n.name === param.name);
  return uses.length > 0 && uses.every((n) => within(n, node.consequent));
}

/**
 * What the helper declared in this file does with an error instead of handing it back to its caller
 * (ends the process with `process.exit`, throws inside a callback of its own request, returns on
 * Slack's refusal without calling back the callback at `callbackAt`, or calls it back only when its request succeeds): no promise made of it rejects then, so an
 * extra the rebuild asks for as `optional` (left out where Slack refuses it) would end or stall the
 * start instead. Undefined where nothing of the kind is seen.
 */
export function errorsNotReturned(parsed: ParsedFile, call: TSESTree.CallExpression, callbackAt: number | undefined): string | undefined {
  const helper = helperDeclaration(parsed, call) ?? declarationOf(parsed, call.callee);
  if (!helper) return undefined;
  const named = `\`${text(parsed, call.callee)}\``;
  for (const node of descendants(parsed.resolver, helper.body)) {
    if (isProcessExit(node)) return `${named} ends the process on an error (\`process.exit\`, line ${node.loc.start.line})`;
    if (node.type === AST_NODE_TYPES.ThrowStatement && throwsUncaught(node, helper)) return `${named} throws an error inside a callback of its own (line ${node.loc.start.line}), where no caller can catch it`;
    if (dropsError(parsed, helper, callbackAt, node)) return `${named} returns on Slack's refusal without calling back (line ${node.loc.start.line}), its caller never told`;
    if (callsBackOnlyOnSuccess(parsed, helper, callbackAt, node)) return `${named} calls back only when its request succeeds (line ${node.loc.start.line}): on an error its caller is never told`;
  }
  return undefined;
}
