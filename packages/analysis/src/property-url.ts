import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { descendants, isThisLike, isWrittenTo, memberName, outermostValue, programOf, propertyKeyName, unwrap, variableOf, within } from './ast.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/**
 * Where a URL string is defined as a property (the string, or a `+` chain it is part of): `X.prototype.rtmApiUrl = 'https://…/rtm.start'`,
 * `this.url = '…'`, or an entry of an object stored so (`X.prototype.uris = { start: '…' }`,
 * `this.uris = { start: '…' }`). `keys` run from the stored member down to the string.
 */
interface PropertyPlace {
  readonly assignment: TSESTree.AssignmentExpression;
  readonly keys: readonly string[];
}

/**
 * The reads of a URL string the code holds in a property, as `this.<keys>` (`this.rtmApiUrl`,
 * `self.uris.start` of `const self = this`): each is where the URL goes to its request, as the string written at a call
 * would be. Undefined when the string is no such definition, or when the file may give the property
 * another value (another write of a member of that name, anywhere; a computed write; a key of that
 * name in another object literal, as `Object.assign` or `Object.defineProperties` would set it), or
 * reads it some other way (`obj.uris.start`, `const { uris } = this`, `this.uris` handed on whole):
 * then what a request is given is not known to be this string.
 */
export function propertyUrlReads(resolver: Resolver, literal: Node): TSESTree.MemberExpression[] | undefined {
  const place = propertyPlace(resolver, literal);
  const first = place?.keys[0];
  if (!place || first === undefined) return undefined;
  const definition = place.assignment.left;
  const program = programOf(literal);
  const reads: TSESTree.MemberExpression[] = [];
  for (const node of descendants(resolver, program)) {
    if (node.type === AST_NODE_TYPES.Property && node.parent.type === AST_NODE_TYPES.ObjectExpression && !within(node, place.assignment.right) && propertyKeyName(resolver, node) === first) return undefined;
    if (node.type !== AST_NODE_TYPES.MemberExpression || node === definition) continue;
    const name = memberName(resolver, node);
    // `this[key] = …`: any member, this one too, may be written (`this.events[key] = …` writes another object's).
    if (name === undefined) {
      if (isWrittenTo(node) && (isThisLike(resolver, node.object) || isPrototype(resolver, node.object))) return undefined;
      continue;
    }
    if (name !== first) continue;
    const read = thisChain(resolver, node, place.keys);
    if (read === 'other') continue;
    if (!read) return undefined;
    reads.push(read);
  }
  return reads;
}

/** The assignment `literal` is the value of, directly or down an object literal, with the keys to it. */
function propertyPlace(resolver: Resolver, literal: Node): PropertyPlace | undefined {
  const keys: string[] = [];
  // `API + 'rtm.start'`: the whole `+` chain is the value stored.
  let value: Node = literal;
  while (value.parent?.type === AST_NODE_TYPES.BinaryExpression && value.parent.operator === '+') value = value.parent;
  for (let entry = value.parent; entry?.type === AST_NODE_TYPES.Property && entry.value === value && entry.kind === 'init' && !entry.method; entry = value.parent) {
    const object = entry.parent;
    if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    const key = propertyKeyName(resolver, entry);
    // Each key once, no spread: the entry read is this one.
    if (key === undefined || key === '__proto__' || object.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement || (p !== entry && propertyKeyName(resolver, p) === key))) return undefined;
    keys.unshift(key);
    value = object;
  }
  value = outermostValue(value);
  const assignment = value.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.right !== value) return undefined;
  const left = assignment.left;
  if (left.type !== AST_NODE_TYPES.MemberExpression || assignment.parent.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  const name = memberName(resolver, left);
  if (name === undefined || !(isThis(left.object) || isPrototype(resolver, left.object))) return undefined;
  return { assignment, keys: [name, ...keys] };
}

/**
 * A member named as the property's first key: `'other'` when it reads another entry of the same
 * object (`this.uris.getChannels`), the outermost member when it reads the string (`this.uris.start`),
 * undefined for any other use (a write, `bot.uris.start`, `this.uris` handed on whole).
 */
function thisChain(resolver: Resolver, member: TSESTree.MemberExpression, keys: readonly string[]): TSESTree.MemberExpression | 'other' | undefined {
  // `this.uris`, or `self.uris` of a `const self = this`.
  if (!isThisLike(resolver, member.object)) return undefined;
  let current = member;
  for (let i = 1; i < keys.length; i++) {
    const parent = current.parent;
    if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current) return undefined;
    const name = memberName(resolver, parent);
    if (name === undefined) return undefined;
    // Another entry of the same object (`this.uris.getChannels`), read or written, leaves this one as it is.
    if (name !== keys[i]) return 'other';
    current = parent;
  }
  return isWrittenTo(current) ? undefined : current;
}

function isThis(node: Node): boolean {
  return unwrap(node).type === AST_NODE_TYPES.ThisExpression;
}

/** `X.prototype`, `X` a name. */
function isPrototype(resolver: Resolver, node: Node): boolean {
  const bare = unwrap(node);
  return bare.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, bare) === 'prototype' && unwrap(bare.object).type === AST_NODE_TYPES.Identifier;
}

/**
 * `X.prototype.startUrl = 'https://…/rtm.start'` read once, as `this.startUrl`, where no code outside
 * this file can give it another value: that read, and the statement writing the string (which made the
 * URL only). Proven only where the file exports nothing (no `module.exports`, `exports`, `export`), `X`
 * is named only as `X.prototype` or in `new X(…)` whose instance is only called a method on in place
 * (`new X(token).load(cb)`), and `this` is only ever read a member off (no instance handed anywhere):
 * then no other module holds an instance to write the property on. Undefined for anything else
 * (propertyUrlReads' rules first: one write in the file, read only as `this.<key>`).
 */
export function propertyUrlWrittenOnce(resolver: Resolver, literal: Node): { read: TSESTree.MemberExpression; value: Node; statement: TSESTree.ExpressionStatement } | undefined {
  const place = propertyPlace(resolver, literal);
  const reads = place?.keys.length === 1 ? propertyUrlReads(resolver, literal) : undefined;
  const [read, ...more] = reads ?? [];
  const left = place?.assignment.left;
  const statement = place?.assignment.parent;
  if (!place || !read || more.length > 0 || left?.type !== AST_NODE_TYPES.MemberExpression || statement?.type !== AST_NODE_TYPES.ExpressionStatement || !isPrototype(resolver, left.object)) return undefined;
  const owner = unwrap((unwrap(left.object) as TSESTree.MemberExpression).object);
  const ownerVariable = owner.type === AST_NODE_TYPES.Identifier ? variableOf(resolver, owner) : undefined;
  if (ownerVariable?.defs.length !== 1) return undefined;
  for (const node of descendants(resolver, programOf(literal))) {
    if (node.type === AST_NODE_TYPES.ExportNamedDeclaration || node.type === AST_NODE_TYPES.ExportDefaultDeclaration || node.type === AST_NODE_TYPES.ExportAllDeclaration) return undefined;
    if (node.type === AST_NODE_TYPES.Identifier && (node.name === 'module' || node.name === 'exports') && variableOf(resolver, node) === null) return undefined;
    if (node.type === AST_NODE_TYPES.ThisExpression && !(node.parent.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node)) return undefined;
  }
  const ownerUses = ownerVariable.references.map((r) => r.identifier);
  // `X.prototype.m`, never `X.prototype` whole (`Object.assign(X.prototype, other)` may write any member).
  const prototypeMember = (use: Node): boolean => {
    const prototype = use.parent;
    return prototype !== undefined && isPrototype(resolver, prototype) && prototype.parent?.type === AST_NODE_TYPES.MemberExpression && prototype.parent.object === prototype;
  };
  if (!ownerUses.every((use) => prototypeMember(use) || instanceCalledInPlace(use))) return undefined;
  return ownMethodOf(resolver, read, ownerVariable) ? { read, value: unwrap(place.assignment.right), statement } : undefined;
}

/** The read is in a method `X.prototype.m = function () {…}` (arrows inside it share its `this`): `this` is an X there. */
function ownMethodOf(resolver: Resolver, read: Node, owner: NonNullable<ReturnType<typeof variableOf>>): boolean {
  let fn: Node | undefined = read.parent;
  while (fn && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.FunctionDeclaration) fn = fn.parent;
  const assignment = fn?.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right !== fn || assignment.left.type !== AST_NODE_TYPES.MemberExpression) return false;
  const prototype = unwrap(assignment.left.object);
  return prototype.type === AST_NODE_TYPES.MemberExpression && isPrototype(resolver, prototype) && prototype.object.type === AST_NODE_TYPES.Identifier && variableOf(resolver, prototype.object) === owner;
}

/** `new X(…).method(…)`: the instance is made, called a method on, and let go. */
function instanceCalledInPlace(use: Node): boolean {
  const made = use.parent;
  const member = made?.parent;
  return made?.type === AST_NODE_TYPES.NewExpression && made.callee === use && member?.type === AST_NODE_TYPES.MemberExpression && member.object === made && member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member;
}
