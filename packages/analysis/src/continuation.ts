import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { unwrap, variableOf } from './ast.js';
import { localFunction } from './functions.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/**
 * What a callback's parameter is given where the callback is handed to a function of the file that
 * calls it with it, continuation-passing style (blind s49/11: `init(function (conn) { return
 * conn.login(); })`, `function init(cont) { var conn = new Slack(…); return cont(conn); }`): the
 * argument at the parameter's place in each call of `cont` in that function, when `same` takes them
 * all for one value. Undefined where the function hands its parameter on, gives it a value, or calls
 * it with values `same` does not join.
 */
export function continuationArgument<T>(resolver: Resolver, parameter: TSESTree.Identifier, same: (argument: Node) => T | undefined): T | undefined {
  const def = variableOf(resolver, parameter)?.defs[0];
  const callback = def?.type === TSESLint.Scope.DefinitionType.Parameter ? def.node : undefined;
  if (callback?.type !== AST_NODE_TYPES.FunctionExpression && callback?.type !== AST_NODE_TYPES.ArrowFunctionExpression) return undefined;
  const plain = parameterOf(callback, parameter.name);
  const place = plain ? callback.params.indexOf(plain) : -1;
  const call = callback.parent;
  if (place < 0 || call.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrap(call.callee);
  const given = call.arguments.indexOf(callback);
  const taker = callee.type === AST_NODE_TYPES.Identifier && given >= 0 ? localFunction(resolver, callee) : undefined;
  const cont = taker?.params[given];
  const contVariable = cont?.type === AST_NODE_TYPES.Identifier ? variableOf(resolver, cont) : null;
  if (!contVariable) return undefined;
  const uses = contVariable.references.filter((r) => r.identifier !== cont);
  if (uses.length === 0) return undefined;
  let found: T | undefined;
  for (const use of uses) {
    const called = use.identifier.parent;
    if (use.isWrite() || called.type !== AST_NODE_TYPES.CallExpression || called.callee !== use.identifier) return undefined;
    const argument = called.arguments[place];
    if (!argument || called.arguments.slice(0, place + 1).some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return undefined;
    const value = same(argument);
    if (value === undefined || (found !== undefined && found !== value)) return undefined;
    found = value;
  }
  return found;
}

/** The callback's parameter of that name, written plainly (not destructured, defaulted or rest). */
function parameterOf(callback: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression, name: string): TSESTree.Parameter | undefined {
  return callback.params.find((p) => p.type === AST_NODE_TYPES.Identifier && p.name === name);
}
