import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { classMemberName, isThisLike, memberName, programOf, unwrap, variableOf } from './ast.js';
import { memberWrites } from './module-load.js';
import { originOf, thisOwner, type Origin } from './origin.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/**
 * The module a static property of a class of this file holds (`C.P`, or `this.constructor.P` inside C),
 * when every write of it in the file — its initializer (`static P = require('m')`) and each assignment,
 * lazy ones included (`if (C.P == undefined) C.P = require('m')`) — loads that same module whole (a
 * `require`, or an imported namespace / default). Any other write (another value, `+=`, `delete`, a
 * destructuring target) and the property is not followed.
 */
export function staticFieldOrigin(resolver: Resolver, member: Node, hops: number): Origin | undefined {
  const bare = unwrap(member);
  if (bare.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const owner = holderClass(resolver, bare.object);
  const name = owner ? memberName(resolver, bare) : undefined;
  if (!owner || name === undefined) return undefined;
  let byName = originsByClass.get(owner);
  if (!byName) originsByClass.set(owner, (byName = new Map<string, Origin | undefined>()));
  if (!byName.has(name)) {
    // Not followed while it is being found: a write that reads the property itself (`C.P = C.P || …`) is no module.
    byName.set(name, undefined);
    byName.set(name, heldModule(resolver, owner, name, hops));
  }
  return byName.get(name);
}

/** Found once per class and name: origins are asked for often. */
const originsByClass = new WeakMap<ClassNode, Map<string, Origin | undefined>>();

/** The class of this file that `C` (its name) or `this.constructor` (inside it) is. */
function holderClass(resolver: Resolver, node: Node): ClassNode | undefined {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.Identifier) {
    const def = variableOf(resolver, bare)?.defs[0];
    return def?.type === TSESLint.Scope.DefinitionType.ClassName ? def.node : undefined;
  }
  if (bare.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, bare) !== 'constructor' || !isThisLike(resolver, bare.object)) return undefined;
  const body = thisOwner(bare);
  return body?.type === AST_NODE_TYPES.ClassBody ? body.parent : undefined;
}

function heldModule(resolver: Resolver, owner: ClassNode, name: string, hops: number): Origin | undefined {
  const program = programOf(owner);
  const isTarget = (node: Node): boolean => node.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, node) === name && holderClass(resolver, node.object) === owner;
  const values = memberWrites(resolver, program, isTarget);
  for (const element of owner.body.body) {
    const named = (element.type === AST_NODE_TYPES.PropertyDefinition || element.type === AST_NODE_TYPES.MethodDefinition) && element.static && classMemberName(element) === name;
    // A static method or accessor of that name is no module held.
    if (named && element.type === AST_NODE_TYPES.MethodDefinition) return undefined;
    if (named && element.type === AST_NODE_TYPES.PropertyDefinition && element.value) values.push(element.value);
  }
  let held: Origin | undefined;
  for (const value of values) {
    const origin = value ? originOf(resolver, value, hops + 1) : undefined;
    if (!origin || origin.instance || (origin.name !== '*' && origin.name !== 'default')) return undefined;
    if (held && (held.module !== origin.module || held.name !== origin.name)) return undefined;
    held = origin;
  }
  return held;
}
