import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { heldValueOfName, memberName, unwrap, variableOf } from './ast.js';
import type { Resolver } from './resolver.js';

/** The methods of a `Map` or `WeakMap` that hand none of its values out but `get`'s. */
const KEEPS_VALUES = new Set(['get', 'set', 'has', 'delete']);

/**
 * The value `m.get(key)` answers where `m` is a `new WeakMap()` (or `Map`) held in a variable written
 * once, given exactly one value anywhere (`m.set(this, new RtmClient(token))`) and used only by its own
 * `get`, `set`, `has` and `delete`: the private state of classes written before `#fields` (blind
 * s114/09, `rtm.set(this, new RtmClient(…))` then `rtm.get(this).start()`). Keys are not compared:
 * with one value given, every `get` that answers anything answers it.
 */
export function mapEntryValue(resolver: Resolver, call: TSESTree.CallExpression): TSESTree.Node | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, callee) !== 'get' || call.arguments.length !== 1) return undefined;
  const map = unwrap(callee.object);
  if (map.type !== AST_NODE_TYPES.Identifier) return undefined;
  const made = heldValueOfName(resolver, map);
  const kind = made && unwrap(made);
  if (kind?.type !== AST_NODE_TYPES.NewExpression || kind.callee.type !== AST_NODE_TYPES.Identifier || !['Map', 'WeakMap'].includes(kind.callee.name) || kind.arguments.length > 0) return undefined;
  // The global `Map` / `WeakMap`, not a binding of the program's own.
  if (variableOf(resolver, kind.callee)?.defs.length) return undefined;
  const variable = variableOf(resolver, map);
  if (!variable) return undefined;
  const given: TSESTree.Node[] = [];
  for (const reference of variable.references) {
    if (reference.init === true) continue;
    const use = reference.identifier.parent;
    const method = use.type === AST_NODE_TYPES.MemberExpression && use.object === reference.identifier ? memberName(resolver, use) : undefined;
    const called = use.parent;
    if (method === undefined || !KEEPS_VALUES.has(method) || called?.type !== AST_NODE_TYPES.CallExpression || called.callee !== use) return undefined;
    if (method === 'set') {
      const value = called.arguments[1];
      if (!value || value.type === AST_NODE_TYPES.SpreadElement) return undefined;
      given.push(value);
    }
  }
  return given.length === 1 ? given[0] : undefined;
}
