import { asKnownPackage } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { descendants, isThisLike, memberName, requiredModule, unwrap, variableOf } from './ast.js';
import { parameterFieldModule } from './injected-module.js';
import { thisOwner } from './origin.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/**
 * The module a call loads: `require(name)`, or Meteor's `Npm.require(name)` (how a Meteor app loads
 * an npm package on the server). `Npm` counts only as Meteor's global: a local binding of that name
 * (`const Npm = …`, a parameter) may be anything, so its `require` is not followed.
 */
export function loadedModule(resolver: Resolver, node: Node): string | undefined {
  const required = requiredModule(node);
  if (required !== undefined) return required;
  const bare = unwrap(node);
  if (bare.type !== AST_NODE_TYPES.CallExpression || bare.arguments.length !== 1) return undefined;
  const callee = unwrap(bare.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'require') return undefined;
  const object = unwrap(callee.object);
  if (object.type !== AST_NODE_TYPES.Identifier || object.name !== 'Npm' || !isGlobal(resolver, object)) return undefined;
  const [arg] = bare.arguments;
  return arg?.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string' ? asKnownPackage(arg.value) : undefined;
}

/** Not declared in the file: unresolved, or a global the lint config names (no definition). */
function isGlobal(resolver: Resolver, identifier: TSESTree.Identifier): boolean {
  const variable = variableOf(resolver, identifier);
  return !variable || variable.defs.length === 0;
}

/**
 * The module loaded whole into `this.<name>` (`this.slack = Npm.require('slack-client')` in a
 * constructor, then `this.slack.RtmClient` in a method of the same class or constructor function),
 * or handed in through a method's parameter (see parameterFieldModule), where that field is written
 * exactly once in the class: a field written again, or written by anything else, is not followed.
 */
export function fieldModule(resolver: Resolver, member: Node): string | undefined {
  const only = soleFieldValue(resolver, member);
  return only ? (loadedModule(resolver, only) ?? parameterFieldModule(resolver, only)) : undefined;
}

/**
 * What the one write of `this.<name>` in its class (or constructor function and prototype methods)
 * stores; `this.slack = undefined` (or `null`) setting the field up aside, as a use of that throws.
 * Undefined where the field is written more than once, or by anything but a plain `=`.
 */
export function soleFieldValue(resolver: Resolver, member: Node): Node | undefined {
  const bare = unwrap(member);
  if (bare.type !== AST_NODE_TYPES.MemberExpression || !isThisLike(resolver, bare.object)) return undefined;
  const name = memberName(resolver, bare);
  const owner = thisOwner(bare);
  if (name === undefined || !owner) return undefined;
  let fields = writesByOwner.get(owner);
  if (!fields) writesByOwner.set(owner, (fields = new Map<string, (Node | null)[]>()));
  let values = fields.get(name);
  if (!values) fields.set(name, (values = fieldWrites(resolver, owner, name)));
  const stored = values.filter((value) => value === null || !isNothing(resolver, value));
  const [only] = stored;
  return stored.length === 1 && only ? only : undefined;
}

/** `undefined` (the global) or `null`. */
function isNothing(resolver: Resolver, node: Node): boolean {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.Literal) return bare.value === null && !('regex' in bare) && !('bigint' in bare);
  return bare.type === AST_NODE_TYPES.Identifier && bare.name === 'undefined' && isGlobal(resolver, bare);
}

/** The writes of each field under a class body or program, found once: origins are asked for often. */
const writesByOwner = new WeakMap<Node, Map<string, (Node | null)[]>>();

/** What each write of `this.<name>` under `owner` stores (null for `++`, `delete` and the like, whose value is not a module). */
function fieldWrites(resolver: Resolver, owner: Node, name: string): (Node | null)[] {
  return memberWrites(resolver, owner, (node) => node.type === AST_NODE_TYPES.MemberExpression && isThisLike(resolver, node.object) && memberName(resolver, node) === name);
}

/**
 * What each write under `root` of a member `isTarget` accepts stores: the right side of a plain `=`,
 * null for `+=`, `++`, `delete`, a destructuring target and the like, whose value is not followed.
 */
export function memberWrites(resolver: Resolver, root: Node, isTarget: (node: Node) => boolean): (Node | null)[] {
  const values: (Node | null)[] = [];
  for (const node of descendants(resolver, root)) {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && isTarget(node.left)) values.push(node.operator === '=' ? node.right : null);
    else if (node.type === AST_NODE_TYPES.UpdateExpression && isTarget(node.argument)) values.push(null);
    else if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'delete' && isTarget(node.argument)) values.push(null);
    // `({ x: this.slack } = other)`, `[this.slack] = list`: written by destructuring.
    else if (node.type === AST_NODE_TYPES.Property && node.parent.type === AST_NODE_TYPES.ObjectPattern && isTarget(node.value)) values.push(null);
    else if (node.type === AST_NODE_TYPES.ArrayPattern && node.elements.some((e) => e !== null && isTarget(e))) values.push(null);
  }
  return values;
}
