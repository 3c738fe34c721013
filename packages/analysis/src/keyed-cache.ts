import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { unwrap, variableOf } from './ast.js';
import type { Resolver } from './resolver.js';

/**
 * `cache[key] = value` on an empty object literal of this file (`let cache = {}`) used as a cache of
 * that one value: never given another value, exported, passed or enumerated; this is the only store,
 * and every other use reads an entry back (`cache[key]`, any key) or deletes one. Each such read then
 * holds the value (or nothing): the reads, to be followed as the value. Undefined otherwise.
 */
export function keyedCacheReads(resolver: Resolver, target: TSESTree.MemberExpression): TSESTree.MemberExpression[] | undefined {
  const object = unwrap(target.object);
  if (!target.computed || object.type !== AST_NODE_TYPES.Identifier || target.parent.type !== AST_NODE_TYPES.AssignmentExpression || target.parent.operator !== '=') return undefined;
  const variable = variableOf(resolver, object);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || def?.type !== TSESLint.Scope.DefinitionType.Variable || def.node.id !== def.name || !def.node.init) return undefined;
  const init = unwrap(def.node.init);
  if (init.type !== AST_NODE_TYPES.ObjectExpression || init.properties.length > 0 || def.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return undefined;
  const reads: TSESTree.MemberExpression[] = [];
  for (const reference of variable.references) {
    const id = reference.identifier;
    if (id === def.name || id === object) continue;
    const member = id.parent;
    if (reference.isWrite() || member.type !== AST_NODE_TYPES.MemberExpression || member.object !== id || !member.computed) return undefined;
    const use = member.parent;
    if (use.type === AST_NODE_TYPES.UnaryExpression && use.operator === 'delete') continue;
    // Another store or an update: the entry may then hold something else.
    if ((use.type === AST_NODE_TYPES.AssignmentExpression && use.left === member) || use.type === AST_NODE_TYPES.UpdateExpression) return undefined;
    reads.push(member);
  }
  return reads;
}
