import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { descendants, isFunction, isThisLike, memberName, propertyKeyName, singleValueOf, unwrap, variableOf } from './ast.js';
import { thisOwner } from './origin.js';
import type { FunctionLike, Resolver } from './resolver.js';

type Node = TSESTree.Node;

/**
 * The value `holder.name` holds when `holder` is an object literal the code builds once and never
 * writes `name` of again: `const slack = { web, rtm }` then `slack.rtm`, or `this.slack = { web, rtm }`
 * in a class then `this.slack.rtm` anywhere in it; or a literal held once in a variable that has no
 * `name` of its own and whose `name` the code assigns once (`const state = {}` then
 * `state.rtm = new RTMClient(token)`). Undefined when the object may be another one or the member may
 * be replaced (a spread, a second assignment, `slack.rtm = …` over the literal's own).
 */
export function objectMemberValue(resolver: Resolver, member: TSESTree.MemberExpression): Node | undefined {
  const name = memberName(resolver, member);
  if (name === undefined) return undefined;
  const holder = unwrap(member.object);
  if (holder.type !== AST_NODE_TYPES.Identifier) {
    const literal = thisLiteral(resolver, holder, name);
    return literal && literalMember(resolver, literal, name);
  }
  const held = heldLiteral(resolver, holder, name);
  if (!held) return undefined;
  const { literal, writes } = held;
  if (writes.length === 0) return literalMember(resolver, literal, name);
  // The member assigned once onto a literal that has none of its own (nor a spread that may give it one).
  const [only] = writes;
  if (writes.length !== 1 || !only || literal.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement || propertyKeyName(resolver, p) === name)) return undefined;
  const assignment = only.parent;
  return assignment.type === AST_NODE_TYPES.AssignmentExpression && assignment.operator === '=' ? assignment.right : undefined;
}

/** The value the literal gives its member `name` once (no spread, no getter, no second `name`). */
function literalMember(resolver: Resolver, literal: TSESTree.ObjectExpression, name: string): Node | undefined {
  if (literal.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const matching = literal.properties.filter((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(resolver, p) === name);
  return matching.length === 1 && matching[0]?.kind === 'init' ? matching[0].value : undefined;
}

/** `const holder = { … }` whose member `name` nothing assigns afterwards. */
function variableLiteral(resolver: Resolver, holder: TSESTree.Identifier, name: string): TSESTree.ObjectExpression | undefined {
  const held = heldLiteral(resolver, holder, name);
  return held?.writes.length === 0 ? held.literal : undefined;
}

/** `const holder = { … }` (the variable's one value, declared by name), and the writes of its member `name` (`holder.name = …`). */
function heldLiteral(resolver: Resolver, holder: TSESTree.Identifier, name: string): { literal: TSESTree.ObjectExpression; writes: TSESTree.MemberExpression[] } | undefined {
  const variable = variableOf(resolver, holder);
  const def = variable?.defs[0];
  const value = variable ? singleValueOf(variable) : undefined;
  if (!variable || !value || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id !== def.name) return undefined;
  const literal = unwrap(value);
  if (literal.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const writes = variable.references.flatMap((r) => {
    const parent = r.identifier.parent;
    return parent.type === AST_NODE_TYPES.MemberExpression && parent.object === r.identifier && memberName(resolver, parent) === name && isWritten(parent) ? [parent] : [];
  });
  return { literal, writes };
}

/** The one `this.holder = { … }` of the class enclosing `holder`, when nothing in it assigns `this.holder.name`. */
function thisLiteral(resolver: Resolver, holder: Node, name: string): TSESTree.ObjectExpression | undefined {
  if (holder.type !== AST_NODE_TYPES.MemberExpression || !isThisLike(resolver, holder.object)) return undefined;
  const field = memberName(resolver, holder);
  const owner = thisOwner(holder);
  if (field === undefined || !owner) return undefined;
  const values: Node[] = [];
  for (const node of descendants(resolver, owner)) {
    if (node.type !== AST_NODE_TYPES.MemberExpression || !isWritten(node) || memberName(resolver, node) === undefined) continue;
    const object = unwrap(node.object);
    if (isThisLike(resolver, object) && memberName(resolver, node) === field) {
      values.push(node.parent.type === AST_NODE_TYPES.AssignmentExpression && node.parent.operator === '=' ? node.parent.right : node);
    } else if (memberName(resolver, node) === name && object.type === AST_NODE_TYPES.MemberExpression && isThisLike(resolver, object.object) && memberName(resolver, object) === field) {
      return undefined;
    }
  }
  const [only] = values;
  const literal = values.length === 1 && only ? unwrap(only) : undefined;
  return literal?.type === AST_NODE_TYPES.ObjectExpression ? literal : undefined;
}

/** `m = …`, `m += …`, `m++`, `[m] = …`: the member is written, not read. */
function isWritten(member: TSESTree.MemberExpression): boolean {
  const parent = member.parent;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression) return parent.left === member;
  if (parent.type === AST_NODE_TYPES.UpdateExpression) return true;
  return parent.type === AST_NODE_TYPES.ArrayPattern || parent.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectPattern;
}

/**
 * The function `holder.name(…)` calls where `holder` is an object literal held once in scope and never
 * given another `name` (`var Slack = { api: function (method, args) {…} }` then `Slack.api(…)`, see
 * objectMemberValue), or `this.name(…)` inside one of that literal's own `function` methods (their
 * `this` the literal, as when the code calls them on it: `Slack.init()`). Undefined anywhere else.
 */
export function literalMethod(resolver: Resolver, member: TSESTree.MemberExpression): FunctionLike | undefined {
  const value = unwrap(member.object).type === AST_NODE_TYPES.ThisExpression ? ownLiteralMember(resolver, member) : objectMemberValue(resolver, member);
  const fn = value && unwrap(value);
  return fn && isFunction(fn) ? fn : undefined;
}

/** `this.name` in a `function` that is a member of `const holder = { … }`: that literal's `name`, read as `holder.name` would be. */
function ownLiteralMember(resolver: Resolver, member: TSESTree.MemberExpression): Node | undefined {
  let scope: Node | undefined = member.parent;
  while (scope && scope.type !== AST_NODE_TYPES.FunctionExpression && scope.type !== AST_NODE_TYPES.FunctionDeclaration) scope = scope.parent;
  const property = scope?.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== scope || property.kind !== 'init') return undefined;
  const literal = property.parent;
  const declarator = literal.parent;
  if (literal.type !== AST_NODE_TYPES.ObjectExpression || declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== literal || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = memberName(resolver, member);
  // `this.name = …` in any of the literal's methods gives it another value.
  const rewritten = [...descendants(resolver, literal)].some((n) => n.type === AST_NODE_TYPES.MemberExpression && unwrap(n.object).type === AST_NODE_TYPES.ThisExpression && memberName(resolver, n) === name && isWritten(n));
  const held = name === undefined || rewritten ? undefined : variableLiteral(resolver, declarator.id, name);
  return held === literal && name !== undefined ? literalMember(resolver, literal, name) : undefined;
}
