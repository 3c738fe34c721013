import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { isWrittenTo, memberName, propertyKeyName, staticString, unwrap, variableOf } from './ast.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/** One read of a table entry: `ACTIONS.auth.get` (the outermost member) and the keys it goes through. */
export interface TableRead {
  readonly member: TSESTree.MemberExpression;
  readonly keys: readonly string[];
}

/**
 * `const ACTIONS = { auth: { get: 'rtm.start' } }` read only as `ACTIONS.auth.get`: a table of strings
 * that nothing can change. Every use of the name is a chain of static member names down to a string
 * entry, read (never assigned, deleted or handed on whole, so no code elsewhere holds the object);
 * the literal and its nested literals have no spread, accessor or method on the way. Undefined
 * otherwise: the entry may then be another string when it is read.
 */
function tableReads(resolver: Resolver, root: TSESTree.Identifier): { literal: TSESTree.ObjectExpression; reads: TableRead[] } | undefined {
  const variable = variableOf(resolver, root);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || def?.type !== TSESLint.Scope.DefinitionType.Variable || def.parent.kind !== 'const' || def.node.id !== def.name) return undefined;
  if (def.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return undefined;
  const literal = def.node.init ? unwrap(def.node.init) : undefined;
  if (literal?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const reads: TableRead[] = [];
  for (const reference of variable.references) {
    if (reference.identifier === def.name) continue;
    const read = reference.identifier.type === AST_NODE_TYPES.Identifier ? chainFrom(resolver, reference.identifier) : undefined;
    if (!read || read.keys.length === 0 || isWrittenTo(read.member)) return undefined;
    const entry = entryAt(resolver, literal, read.keys);
    // An entry read off another table is not followed (two tables could name each other).
    if (!entry || entry.type === AST_NODE_TYPES.ObjectExpression || entry.type === AST_NODE_TYPES.MemberExpression || staticString(resolver, entry) === undefined) return undefined;
    reads.push(read);
  }
  return { literal, reads };
}

/** `root.a.b` upward from `root`, as far as the names are static. */
export function chainFrom(resolver: Resolver, root: TSESTree.Identifier): TableRead | undefined {
  const keys: string[] = [];
  let current: Node = root;
  let member: TSESTree.MemberExpression | undefined;
  for (let parent = current.parent; parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current; current = parent, parent = current.parent) {
    const key = memberName(resolver, parent);
    if (key === undefined) return undefined;
    keys.push(key);
    member = parent;
  }
  return member ? { member, keys } : undefined;
}

/** The value at `keys` inside nested object literals written in place, each key once, as plain `key: value`. */
function entryAt(resolver: Resolver, literal: TSESTree.ObjectExpression, keys: readonly string[]): Node | undefined {
  let current: Node = literal;
  for (const key of keys) {
    if (current.type !== AST_NODE_TYPES.ObjectExpression || current.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return undefined;
    const matching = current.properties.filter((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(resolver, p) === key);
    const only = matching.length === 1 ? matching[0] : undefined;
    if (only?.kind !== 'init' || only.method || key === '__proto__') return undefined;
    current = unwrap(only.value);
  }
  return current;
}

/** The root name of a member chain: `ACTIONS` of `ACTIONS.auth.get`. */
function chainRoot(member: TSESTree.MemberExpression): TSESTree.Identifier | undefined {
  let object = unwrap(member.object);
  while (object.type === AST_NODE_TYPES.MemberExpression) object = unwrap(object.object);
  return object.type === AST_NODE_TYPES.Identifier ? object : undefined;
}

/** The string entry a member chain reads off a table nothing can change (`ACTIONS.auth.get` → `'rtm.start'`). */
export function constTableString(resolver: Resolver, member: TSESTree.MemberExpression): string | undefined {
  const root = chainRoot(member);
  const table = root ? tableReads(resolver, root) : undefined;
  const read = table?.reads.find((r) => r.member === member);
  const entry = table && read ? entryAt(resolver, table.literal, read.keys) : undefined;
  return entry ? staticString(resolver, entry) : undefined;
}

/**
 * For a string written as an entry of such a table (`'rtm.start'` in `{ auth: { get: 'rtm.start' } }`):
 * every member chain that reads it (none when nothing does). Undefined when the string is no entry
 * of a table that nothing can change.
 */
export function constTableEntryReads(resolver: Resolver, entry: Node): TSESTree.MemberExpression[] | undefined {
  const place = entryPlace(resolver, entry);
  const table = place ? tableReads(resolver, place.name) : undefined;
  if (!place || !table || entryAt(resolver, table.literal, place.keys) !== entry) return undefined;
  return table.reads.filter((r) => same(r.keys, place.keys)).map((r) => r.member);
}

/**
 * For a string written as an entry of a `const` table (`{ session: { open: 'rtm.start' } }`) that the
 * code reads by that entry's keys somewhere and changes somewhere (`ROUTES.session.open = …`, `delete
 * ROUTES.session.open`, `ROUTES.session = …`): the change, which a report names as where the name
 * goes unfollowed. Undefined otherwise.
 */
export function constTableChange(resolver: Resolver, entry: Node): Node | undefined {
  const place = entryPlace(resolver, entry);
  const variable = place ? variableOf(resolver, place.name) : undefined;
  const def = variable?.defs[0];
  if (!place || !variable || def?.type !== TSESLint.Scope.DefinitionType.Variable || def.parent.kind !== 'const') return undefined;
  const chains = variable.references.flatMap((r) => (r.identifier !== def.name && r.identifier.type === AST_NODE_TYPES.Identifier ? [chainFrom(resolver, r.identifier)] : []));
  const prefix = (read: TableRead): boolean => read.keys.length > 0 && read.keys.length <= place.keys.length && read.keys.every((k, i) => k === place.keys[i]);
  if (!chains.some((c) => c && same(c.keys, place.keys) && !isWrittenTo(c.member))) return undefined;
  const changed = chains.find((c) => c && prefix(c) && isWrittenTo(c.member));
  return changed?.member.parent;
}

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((k, i) => k === b[i]);

/** The `const` name whose object literal holds `entry`, and the keys down to it. */
function entryPlace(resolver: Resolver, entry: Node): { name: TSESTree.Identifier; keys: string[] } | undefined {
  const keys: string[] = [];
  let value: Node = entry;
  while (value.parent?.type === AST_NODE_TYPES.Property && value.parent.value === value && value.parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const key = propertyKeyName(resolver, value.parent);
    if (key === undefined) return undefined;
    keys.unshift(key);
    value = value.parent.parent;
  }
  let declarator = value.parent;
  while (declarator && unwrap(declarator) !== declarator) declarator = declarator.parent;
  if (keys.length === 0 || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init || unwrap(declarator.init) !== value || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  return { name: declarator.id, keys };
}
