import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { unwrap } from './ast.js';

type Node = TSESTree.Node;

/** `cb(a, b…)` as an expression statement or a `return`: the call, when it calls a plain name. */
function callOf(statement: TSESTree.Statement | undefined): TSESTree.CallExpression | undefined {
  const expression = statement?.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : statement?.type === AST_NODE_TYPES.ReturnStatement ? statement.argument : undefined;
  const call = expression ? unwrap(expression) : undefined;
  return call?.type === AST_NODE_TYPES.CallExpression && unwrap(call.callee).type === AST_NODE_TYPES.Identifier ? call : undefined;
}

function isName(node: Node | undefined, name: string): boolean {
  const bare = node && node.type !== AST_NODE_TYPES.SpreadElement ? unwrap(node) : undefined;
  return bare?.type === AST_NODE_TYPES.Identifier && bare.name === name;
}

function calleeName(call: TSESTree.CallExpression): string {
  return (unwrap(call.callee) as TSESTree.Identifier).name;
}

/**
 * A written-out Node-style callback that only hands the error and the data on, unchanged, to another
 * callback, as wrappers of that era did:
 *   `function (err, data) { if (err) { return cb(err); } cb(null, data); }` (or `return cb(null, data)`),
 *   `function (err, data) { cb(err, data); }`.
 * Returns the name it calls (`cb`); undefined for any other body, so that nothing it does is lost.
 */
export function forwardedCallback(callback: Node): TSESTree.Identifier | undefined {
  const fn = unwrap(callback);
  if (fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) return undefined;
  const [err, data] = fn.params;
  if (fn.params.length !== 2 || err?.type !== AST_NODE_TYPES.Identifier || data?.type !== AST_NODE_TYPES.Identifier || fn.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  const body = fn.body.body;
  const last = callOf(body.at(-1));
  if (body.length === 1) {
    return last?.arguments.length === 2 && isName(last.arguments[0], err.name) && isName(last.arguments[1], data.name) ? (unwrap(last.callee) as TSESTree.Identifier) : undefined;
  }
  const [guard] = body;
  if (body.length !== 2 || guard?.type !== AST_NODE_TYPES.IfStatement || guard.alternate || !isName(guard.test, err.name)) return undefined;
  const early = guard.consequent.type === AST_NODE_TYPES.BlockStatement ? (guard.consequent.body.length === 1 ? guard.consequent.body[0] : undefined) : guard.consequent;
  const failed = early?.type === AST_NODE_TYPES.ReturnStatement ? callOf(early) : undefined;
  if (!failed || !last || failed.arguments.length !== 1 || !isName(failed.arguments[0], err.name) || calleeName(failed) !== calleeName(last)) return undefined;
  const [none, given] = last.arguments;
  const isNull = none?.type === AST_NODE_TYPES.Literal && none.value === null;
  return last.arguments.length === 2 && isNull && isName(given, data.name) ? (unwrap(last.callee) as TSESTree.Identifier) : undefined;
}
