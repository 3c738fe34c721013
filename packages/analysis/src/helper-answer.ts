import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { descendants, memberName, outermostValue, unwrap, variableOf, within } from './ast.js';
import { functionOf, isFunctionValue, readsOwnArguments, type FunctionNode } from './functions.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/**
 * `this.request('get', url).then(function () { return _this.connect(); })`: a request made through the
 * app's own helper (a function of this file) whose answer no code reads. The call's promise is
 * discarded, or each `.then` it is given takes no answer (`.catch` / `.finally` pass it on, and are
 * followed); and the helper itself only hands the answer back (`resolve(body)`), reading nothing off
 * it. The same request to another method then does the same. False wherever any of that is not seen.
 */
export function helperAnswerUnread(resolver: Resolver, request: TSESTree.CallExpression): boolean {
  const helper = functionOf(resolver, request.callee);
  return helper !== undefined && promiseUnread(resolver, request) && handsAnswerBackOnly(resolver, helper);
}

/** The promise a call makes is dropped, or only given `.then` handlers that take no answer. */
function promiseUnread(resolver: Resolver, call: Node): boolean {
  const value = outermostValue(call);
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.ExpressionStatement) return true;
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== value) return false;
  const chained = parent.parent;
  if (chained.type !== AST_NODE_TYPES.CallExpression || chained.callee !== parent) return false;
  const name = memberName(resolver, parent);
  if (name === 'catch' || name === 'finally') return promiseUnread(resolver, chained);
  const onAnswer = chained.arguments[0];
  const fn = name === 'then' && onAnswer ? functionOf(resolver, onAnswer) : undefined;
  return fn !== undefined && takesNoAnswer(resolver, fn);
}

/** A handler that has no parameter, or never reads its first one (nor `arguments`). */
function takesNoAnswer(resolver: Resolver, fn: FunctionNode): boolean {
  const [first] = fn.params;
  if (first === undefined) return !readsOwnArguments(resolver, fn);
  if (first.type !== AST_NODE_TYPES.Identifier) return false;
  return (variableOf(resolver, first)?.references.length ?? 1) === 0 && !readsOwnArguments(resolver, fn);
}

/**
 * The helper reads nothing of the answer its request gets: not async (an awaited answer is a value
 * read unseen), no function handed to a call that it does not write out itself, and each parameter
 * of the functions it writes (the request's callback, a `.then` handler) only handed to a
 * `new Promise` executor's `resolve` / `reject`, or never used.
 */
function handsAnswerBackOnly(resolver: Resolver, helper: FunctionNode): boolean {
  if (helper.async) return false;
  const settlers = new Set<TSESTree.Identifier>();
  const inner: FunctionNode[] = [];
  for (const node of descendants(resolver, helper)) {
    if (node === helper) continue;
    if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression) return false;
    if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.some((a) => isFunctionValue(resolver, a) && !writtenIn(resolver, a, helper))) return false;
    if (node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration) {
      inner.push(node);
      if (isPromiseExecutor(resolver, node)) for (const param of node.params) if (param.type === AST_NODE_TYPES.Identifier) settlers.add(param);
    }
  }
  return inner.every((fn) => !readsOwnArguments(resolver, fn) && fn.params.every((param) => (param.type === AST_NODE_TYPES.Identifier && settlers.has(param)) || onlySettled(resolver, param, settlers)));
}

/** A function written out inside the helper (not a name for one defined elsewhere). */
function writtenIn(resolver: Resolver, arg: Node, helper: FunctionNode): boolean {
  const fn = functionOf(resolver, arg);
  return fn !== undefined && within(arg, helper) && within(fn, helper) && within(fn, arg);
}

/** `new Promise(function (resolve, reject) {…})`: the executor. */
function isPromiseExecutor(resolver: Resolver, fn: FunctionNode): boolean {
  const made = fn.parent;
  if (made.type !== AST_NODE_TYPES.NewExpression || made.arguments[0] !== fn) return false;
  const callee = unwrap(made.callee);
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Promise' && (variableOf(resolver, callee)?.defs.length ?? 0) === 0;
}

/** A parameter used only as the value `resolve(x)` / `reject(x)` settles with, or tested (`if (error)`), or never. */
function onlySettled(resolver: Resolver, param: TSESTree.Parameter, settlers: ReadonlySet<TSESTree.Identifier>): boolean {
  if (param.type !== AST_NODE_TYPES.Identifier) return false;
  return (variableOf(resolver, param)?.references ?? [undefined]).every((reference) => {
    if (reference && isTested(reference.identifier)) return true;
    const call = reference?.identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments.length !== 1 || call.arguments[0] !== reference?.identifier) return false;
    const callee = unwrap(call.callee);
    const settler = callee.type === AST_NODE_TYPES.Identifier ? variableOf(resolver, callee)?.defs[0]?.name : undefined;
    return settler?.type === AST_NODE_TYPES.Identifier && settlers.has(settler);
  });
}

/** `if (x)`, `x ? … : …`, `!x`: whether the value is there, no field of it. */
function isTested(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.IfStatement || parent?.type === AST_NODE_TYPES.ConditionalExpression) return parent.test === node;
  return parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === '!';
}
