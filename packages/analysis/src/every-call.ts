import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { variableOf } from './ast.js';
import type { FunctionNode } from './functions.js';
import type { Located, Resolver } from './resolver.js';

type Node = TSESTree.Node;

export type FunctionName = { kind: 'variable'; identifier: TSESTree.Identifier } | { kind: 'method'; name: string };

/** How a function is called by name: a declaration or `const f = …`, or a method reached through `this`. */
export function functionName(fn: FunctionNode): FunctionName | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ? { kind: 'variable', identifier: fn.id } : undefined;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return { kind: 'variable', identifier: parent.id };
  if ((parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) && !parent.computed) {
    return parent.key.type === AST_NODE_TYPES.Identifier ? { kind: 'method', name: parent.key.name } : undefined;
  }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.MemberExpression && !parent.left.computed) {
    const property = parent.left.property;
    return property.type === AST_NODE_TYPES.Identifier ? { kind: 'method', name: property.name } : undefined;
  }
  return undefined;
}

/** `export function f`, `export const f = …`. */
export function isExportedDeclaration(fn: FunctionNode): boolean {
  const holder = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent.parent;
  return holder?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || holder?.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
}

/** A use of a function's name that exports it: `export { f }`, `module.exports = { f }`, `exports.f = f`. */
export function isExportUse(identifier: Node): boolean {
  const parent = identifier.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.ExportSpecifier || parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  const value: Node = parent.type === AST_NODE_TYPES.Property && parent.value === identifier ? parent.parent : identifier;
  const assignment = value.parent;
  return assignment.type === AST_NODE_TYPES.AssignmentExpression && assignment.right === value && isExportsTarget(assignment.left);
}

/** `module.exports`, `module.exports.f`, `exports.f`. */
export function isExportsTarget(node: Node): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = node.object;
  if (object.type === AST_NODE_TYPES.Identifier) return object.name === 'module' || object.name === 'exports';
  return isExportsTarget(object);
}

/**
 * Every call of a function declared by name (`function makeRequest(callback)`, `const f = …`): in this
 * file and, where it is exported, in the project's other files (ProjectLinks.everyCallElsewhere).
 * Undefined where a call may be unseen: its name used but to call or export it, a method (called on
 * receivers not followed), exported but imported by no file of the project (code outside it calls it,
 * as in a lint of one file), or an importer using it otherwise. None: it is never called.
 */
export function everyCallOf(resolver: Resolver, fn: FunctionNode): Located<TSESTree.CallExpression>[] | undefined {
  const seen = callsSeen(resolver, fn);
  return seen?.complete === true ? seen.calls : undefined;
}

/**
 * The calls of a function declared by name that can be seen (see everyCallOf), and whether they are all
 * of them. Undefined for a function not declared by name.
 */
export function callsSeen(resolver: Resolver, fn: FunctionNode): { readonly calls: Located<TSESTree.CallExpression>[]; readonly complete: boolean } | undefined {
  const name = functionName(fn);
  const variable = name?.kind === 'variable' ? variableOf(resolver, name.identifier) : undefined;
  if (name?.kind !== 'variable' || !variable) return undefined;
  const calls: Located<TSESTree.CallExpression>[] = [];
  let exported = isExportedDeclaration(fn);
  let complete = true;
  for (const reference of variable.references) {
    const identifier = reference.identifier;
    if (identifier === name.identifier) continue;
    const parent = identifier.parent;
    if (reference.isWrite()) complete = false;
    else if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === identifier) calls.push({ node: parent, resolver });
    else if (identifier.type === AST_NODE_TYPES.Identifier && isExportUse(identifier)) exported = true;
    else complete = false;
  }
  if (!exported) return { calls, complete };
  const elsewhere = resolver.project?.everyCallElsewhere(resolver, fn);
  if (elsewhere && elsewhere.length > 0) return { calls: [...calls, ...elsewhere], complete };
  return { calls: [...calls, ...(resolver.project?.callersElsewhere(resolver, fn) ?? [])], complete: false };
}
