import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { memberName, outermostValue, unwrap, variableOf } from './ast.js';
import { originOf, type Origin } from './origin.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/** What a module's whole export is reached as: `require('m')` (`*`) or an ES default import. */
const WHOLE = new Set(['*', 'default']);

/**
 * Runners that resume their generator with what a yielded promise resolves to, so `yield p` there
 * reads as `await p`: `co(gen)` and `co.wrap(gen)` (co 4; its export is also `co.co`), bluebird's
 * `Promise.coroutine(gen)` (also `coroutine` taken off the module). Export names by module.
 */
const RUNNERS: Readonly<Record<string, ReadonlySet<string>>> = {
  co: new Set(['*', 'default', 'co', 'wrap']),
  bluebird: new Set(['coroutine']),
};

/** The call's callee is one of the known coroutine runners. */
function isRunnerCall(resolver: Resolver, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  // `co.wrap` on `import co from 'co'`: the member is read here (the origin of a default import's member keeps `default`).
  const object = callee.type === AST_NODE_TYPES.MemberExpression ? originOf(resolver, callee.object) : undefined;
  const origin: Origin | undefined =
    callee.type === AST_NODE_TYPES.MemberExpression && object && !object.instance && WHOLE.has(object.name)
      ? { ...object, name: memberName(resolver, callee) ?? '' }
      : originOf(resolver, callee);
  return origin !== undefined && !origin.instance && RUNNERS[origin.module]?.has(origin.name) === true;
}

/** `node` is the generator argument of a runner's call. */
function runsAsCoroutine(resolver: Resolver, node: Node): boolean {
  const value = outermostValue(node);
  const call = value.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === value && isRunnerCall(resolver, call);
}

/**
 * A generator declared by name (`function* main() {…}`) is driven by a runner only when every use of
 * its name hands it to one (`co(main)`): one also iterated by hand may be resumed with anything.
 */
function declaredForRunners(resolver: Resolver, fn: TSESTree.FunctionDeclaration): boolean {
  // An exported declaration is used where this file cannot see: by another module's hand, maybe.
  if (!fn.id || fn.parent.type === AST_NODE_TYPES.ExportNamedDeclaration || fn.parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return false;
  const variable = variableOf(resolver, fn.id);
  if (variable?.defs.length !== 1 || variable.defs[0]?.type !== TSESLint.Scope.DefinitionType.FunctionName) return false;
  const uses = variable.references.filter((r) => r.identifier !== fn.id);
  return uses.length > 0 && uses.every((r) => !r.isWrite() && runsAsCoroutine(resolver, r.identifier));
}

/**
 * `yield <promise>` that the code's coroutine runner resolves: the yield is the generator's own
 * (not `yield*`), and the generator is handed straight to `co` / `co.wrap` / bluebird's `coroutine`.
 * A generator iterated by hand, by redux-saga or by any other driver may resume with anything, so its
 * yield is not an await.
 */
export function isCoroutineAwait(resolver: Resolver, expression: TSESTree.YieldExpression): boolean {
  if (expression.delegate) return false;
  let fn: Node | undefined = expression.parent;
  while (fn && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.FunctionDeclaration && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) fn = fn.parent;
  if (!fn || fn.type === AST_NODE_TYPES.ArrowFunctionExpression || !fn.generator || fn.async) return false;
  return fn.type === AST_NODE_TYPES.FunctionDeclaration ? declaredForRunners(resolver, fn) : runsAsCoroutine(resolver, fn);
}
