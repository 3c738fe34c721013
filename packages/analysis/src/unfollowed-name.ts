import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, unwrap, variableOf, within } from './ast.js';
import { isEventName } from './event-name.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/** What the sites analysis knows of a call the name reaches. */
export interface NameUses {
  /** The node naming the method of the site the call is, if it is one (`apiCall(m, …)`: `m`). */
  readonly methodNodeOf: (call: TSESTree.CallExpression) => Node | undefined;
  /** Calls that take a string without it being a method name (`includes`, `log`, `require`…). */
  readonly notAMethodCall: (call: TSESTree.CallExpression) => boolean;
  /** The call stands where the name was compared and ruled out (`m === 'rtm.start' ? … : api(m)`). */
  readonly guarded: (call: TSESTree.CallExpression, name: Node) => boolean;
}

const COMPARISONS = new Set(['===', '==', '!==', '!=']);

/**
 * Where the method name `rtm.start`, written as a string no site took, goes that the analysis cannot
 * follow: a value chosen at run time handed to a call (`const method = c ? 'rtm.start' : 'files.list'`
 * then `request({ method })`), a variable assigned in a branch, a field, a return. Undefined when each
 * use is known: the name of a site, a comparison (`method === 'rtm.start'`), a `case`, an object
 * key, an event name (`bot.on('rtm.start', fn)`), a string or log helper's argument.
 */
export function unfollowedUse(resolver: Resolver, name: Node, uses: NameUses): Node | undefined {
  return unknownUse(resolver, name, uses, new Set());
}

function unknownUse(resolver: Resolver, node: Node, uses: NameUses, seen: Set<TSESLint.Scope.Variable>): Node | undefined {
  const value = chosenValue(node);
  const parent = value.parent;
  if (!parent) return undefined;
  switch (parent.type) {
    case AST_NODE_TYPES.BinaryExpression:
      if (COMPARISONS.has(parent.operator)) return undefined;
      return parent.operator === '+' ? textUse(resolver, parent, uses, seen) : parent;
    case AST_NODE_TYPES.TemplateLiteral:
      return textUse(resolver, parent, uses, seen);
    case AST_NODE_TYPES.SwitchCase:
    case AST_NODE_TYPES.ExpressionStatement:
      return undefined;
    case AST_NODE_TYPES.Property:
      return parent.key === value && !parent.shorthand ? undefined : holderOf(parent);
    case AST_NODE_TYPES.MemberExpression:
      // `answers['rtm.start']`: a key looked up.
      return parent.property === value && parent.computed ? undefined : parent;
    case AST_NODE_TYPES.ArrayExpression:
      return listLookedUp(parent, uses) ? undefined : parent;
    case AST_NODE_TYPES.CallExpression:
      return knownArgument(resolver, parent, value, uses) ? undefined : parent;
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === value && parent.id.type === AST_NODE_TYPES.Identifier ? unknownRead(resolver, parent.id, uses, seen) : parent;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === value && parent.operator === '=' && parent.left.type === AST_NODE_TYPES.Identifier ? unknownRead(resolver, parent.left, uses, seen) : parent;
    default:
      return parent;
  }
}

/**
 * The name put into a longer text: a sentence (`'Unable to ' + method`, a template with a space in its
 * text) is a message, no method name; any other text (a path, a URL) is followed where it goes.
 */
function textUse(resolver: Resolver, text: TSESTree.BinaryExpression | TSESTree.TemplateLiteral, uses: NameUses, seen: Set<TSESLint.Scope.Variable>): Node | undefined {
  const pieces = text.type === AST_NODE_TYPES.TemplateLiteral ? text.quasis.map((q) => q.value.cooked ?? '') : [text.left, text.right].map((side) => {
    const bare = unwrap(side);
    return bare.type === AST_NODE_TYPES.Literal && typeof bare.value === 'string' ? bare.value : '';
  });
  return pieces.some((piece) => /\s/.test(piece)) ? undefined : unknownUse(resolver, text, uses, seen);
}

/** `{ method }` handed to `request(…)`: the call (else the object) is what a report names. */
function holderOf(property: TSESTree.Property): Node {
  const object = property.parent;
  const call = object.parent;
  return call.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(object) ? call : object;
}

/** The value the name is one choice of: `c ? 'rtm.start' : 'x'`, `m || 'rtm.start'`, `('rtm.start' as const)`. */
function chosenValue(node: Node): Node {
  let value = node;
  for (let parent = value.parent; parent; value = parent, parent = value.parent) {
    if (unwrap(parent) !== parent) continue;
    if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== value) continue;
    if (parent.type === AST_NODE_TYPES.LogicalExpression && (parent.operator !== '&&' || parent.right === value)) continue;
    if (parent.type === AST_NODE_TYPES.SequenceExpression && parent.expressions.at(-1) === value) continue;
    break;
  }
  return value;
}

/** The first read of the variable `id` declares or is assigned that the analysis cannot follow. */
function unknownRead(resolver: Resolver, id: TSESTree.Identifier, uses: NameUses, seen: Set<TSESLint.Scope.Variable>): Node | undefined {
  const variable = variableOf(resolver, id);
  if (!variable) return id;
  if (seen.has(variable)) return undefined;
  seen.add(variable);
  const declaration = variable.defs[0]?.node.parent;
  if (declaration?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return declaration;
  for (const reference of variable.references) {
    if (!reference.isRead()) continue;
    const unknown = unknownUse(resolver, reference.identifier, uses, seen);
    if (unknown) return unknown;
  }
  return undefined;
}

/** `['rtm.start', 'rtm.connect'].includes(m)`: a list of names looked up, not handed on. */
function listLookedUp(array: TSESTree.ArrayExpression, uses: NameUses): boolean {
  const user = array.parent;
  if (user.type === AST_NODE_TYPES.MemberExpression && user.object === array) return true;
  return user.type === AST_NODE_TYPES.CallExpression && user.arguments.includes(array) && uses.notAMethodCall(user);
}

function knownArgument(resolver: Resolver, call: TSESTree.CallExpression, value: Node, uses: NameUses): boolean {
  if (call.callee === value) return false;
  const method = uses.methodNodeOf(call);
  if (method && within(method, value)) return true;
  if (uses.notAMethodCall(call) || calleeName(resolver, call.callee) === 'require') return true;
  return isEventName(resolver, call, value) || uses.guarded(call, value);
}
