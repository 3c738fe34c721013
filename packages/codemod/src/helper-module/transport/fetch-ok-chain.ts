import { unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { link } from './chain.js';
import { isFunction, type Node } from './common.js';

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;

/** The value a function gives back: its expression body, or the argument of its only statement, a `return`. */
function returned(fn: FunctionNode): Node | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const [only, ...more] = fn.body.body;
  return only?.type === AST_NODE_TYPES.ReturnStatement && more.length === 0 ? (only.argument ?? undefined) : undefined;
}

/** `.then(fn)` called on `node`, with `fn` written out and nothing else. */
function thenWith(node: Node): { call: TSESTree.CallExpression; fn: FunctionNode } | undefined {
  const next = link(node);
  const [fn, ...more] = next?.call.arguments ?? [];
  return next?.name === 'then' && fn && isFunction(fn) && more.length === 0 ? { call: next.call, fn } : undefined;
}

/** The promise of the response: the request's, or that of a `.then(() => request)` which returns it as it is. */
function responsePromise(request: TSESTree.CallExpression): Node {
  let current: Node = request;
  while (current.parent && unwrap(current.parent) !== current.parent) current = current.parent;
  const fn = current.parent;
  if (!fn || !isFunction(fn) || fn.params.length > 0 || returned(fn) !== current) return current;
  const then = fn.parent;
  if (then.type !== AST_NODE_TYPES.CallExpression || then.callee.type !== AST_NODE_TYPES.MemberExpression) return current;
  return thenWith(then.callee.object)?.fn === fn ? then : current;
}

/** `Promise.resolve(x)` / `Promise.reject(x)` on the global `Promise`, `x` alone. */
function settles(parsed: ParsedFile, call: Node, arg: Node): boolean {
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.length !== 1 || call.arguments[0] !== arg) return false;
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.object.type !== AST_NODE_TYPES.Identifier || callee.property.type !== AST_NODE_TYPES.Identifier) return false;
  return callee.object.name === 'Promise' && !variableOf(parsed.resolver, callee.object)?.defs.length && ['resolve', 'reject'].includes(callee.property.name);
}

/**
 * `(res) => res.ok ? Promise.resolve(res) : Promise.reject(res)`: the response only checked for
 * `ok` and handed on as it is (returned, resolved or rejected), nothing else read off it.
 */
function checksOk(parsed: ParsedFile, fn: FunctionNode): boolean {
  const [param, ...more] = fn.params;
  if (param?.type !== AST_NODE_TYPES.Identifier || more.length > 0) return false;
  const uses = (variableOf(parsed.resolver, param)?.references ?? []).filter((r) => r.identifier !== param);
  return uses.every((r) => {
    const id = r.identifier;
    const parent = id.parent;
    const okRead = parent.type === AST_NODE_TYPES.MemberExpression && parent.object === id && !parent.computed && parent.property.type === AST_NODE_TYPES.Identifier && parent.property.name === 'ok';
    return r.isReadOnly() && ((okRead && parent.parent.type !== AST_NODE_TYPES.AssignmentExpression) || (settles(parsed, parent, id) && returnsAsIs(fn, parent)) || returnsAsIs(fn, id));
  });
}

/** `x` is what the function returns (the body, a `return x`, or a branch of a `?:` returned). */
function returnsAsIs(fn: FunctionNode, id: Node): boolean {
  let value: Node = id;
  while (value.parent?.type === AST_NODE_TYPES.ConditionalExpression && value.parent.test !== value) value = value.parent;
  return value.parent === fn || value.parent?.type === AST_NODE_TYPES.ReturnStatement;
}

/**
 * A `fetch` response that reaches `.then((res) => res.json())` through `.then` steps that only check
 * `res.ok` and hand it on (`.then((res) => res.ok ? res : Promise.reject(res))`), the request made
 * in place or returned by `.then(() => fetch(…))`: a response that answers `ok: true` and the
 * rebuilt data from `json()` is read the same way. `readsJson` tells the step that reads the body;
 * that step's call (the promise of the data) is the answer.
 */
export function okCheckedJson(parsed: ParsedFile, request: TSESTree.CallExpression, readsJson: (fn: Node) => boolean): TSESTree.CallExpression | undefined {
  for (let step = thenWith(responsePromise(request)); step; step = thenWith(step.call)) {
    if (readsJson(step.fn)) return step.call;
    if (!checksOk(parsed, step.fn)) return undefined;
  }
  return undefined;
}
