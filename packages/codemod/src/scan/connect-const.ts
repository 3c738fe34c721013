import { memberName, unwrap, variableOf, type Resolver } from '@rtm-migrate/analysis';
import { METHODS } from '@rtm-migrate/core';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

type Node = TSESTree.Node;

/**
 * `const START_OPTIONS = { no_unreads: true, batch_presence_aware: true }` given to `rtm.connect` and
 * to nothing else: an object written out (plain keys), declared once in this file, not exported, and
 * every use of it the options of an `rtm.connect` call. Its start-only properties can then go from the
 * object itself.
 */
export function isConnectOnlyConst(resolver: Resolver, node: Node): boolean {
  const name = unwrap(node);
  if (name.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(resolver, name);
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def?.type !== TSESLint.Scope.DefinitionType.Variable || def.parent.kind !== 'const' || def.node.id !== def.name) return false;
  const init = def.node.init ? unwrap(def.node.init) : undefined;
  if (init?.type !== AST_NODE_TYPES.ObjectExpression || !init.properties.every((p) => p.type === AST_NODE_TYPES.Property && !p.computed && p.kind === 'init')) return false;
  if (def.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return false;
  const uses = variable.references.filter((r) => r.identifier !== def.name);
  return uses.length > 0 && uses.every((r) => r.isRead() && isConnectOptions(resolver, r.identifier));
}

/** `x` in `client.rtm.connect(x)` or `client.apiCall('rtm.connect', x)`. */
function isConnectOptions(resolver: Resolver, identifier: Node): boolean {
  const call = identifier.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(resolver, callee);
  if (name === 'connect') {
    const rtm = unwrap(callee.object);
    return call.arguments[0] === identifier && rtm.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, rtm) === 'rtm';
  }
  const method = call.arguments[0];
  return name === 'apiCall' && call.arguments[1] === identifier && method?.type === AST_NODE_TYPES.Literal && method.value === METHODS.rtmConnect;
}
