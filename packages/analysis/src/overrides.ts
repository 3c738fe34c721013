import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { classMemberName, descendants, isPrototype, isThisLike, memberName, programOf, propertyKeyName, unwrap } from './ast.js';
import type { FunctionNode } from './functions.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/**
 * Why `this.<name>(…)` may run another function than `fn`, the method of that name the call's own file
 * gives its class or prototype: this file, or a project file that imports it, defines a method so named
 * that can take its place on an instance (a subclass's member, a prototype's or `this`'s own), so what
 * the call's argument is used for there is not all `fn` shows. Undefined where nothing can override it.
 */
export function overrideOf(resolver: Resolver, fn: FunctionNode, name: string): string | undefined {
  const program = programOf(fn);
  const here = memberDefinitions(resolver, program, name).find((d) => d !== fn);
  if (here) return `\`${name}\` is given another function on line ${String(here.loc.start.line)}, which a subclass or another prototype may run instead`;
  // Only a module that exports something can hand its class to a subclass elsewhere.
  if (!exportsAnything(resolver, program)) return undefined;
  const elsewhere = resolver.project?.memberDefinitionsElsewhere(resolver, name);
  if (!elsewhere) return `the module exports its code and \`${name}\` may be overridden where it is imported (not every importer can be read)`;
  const [other] = elsewhere;
  return other ? `\`${name}\` is defined again in ${other.resolver.file ?? 'another module'}:${String(other.node.loc.start.line)}, which may override it` : undefined;
}

/**
 * The values `root` gives a method `name` that may override another's: a member of a class that
 * extends one, an assignment to a member so named (`X.prototype.<name>`, `this.<name>`, an instance's
 * `bot.<name>`), a property of an object literal stored as a prototype or merged into one
 * (`Object.assign(X.prototype, { … })`).
 */
export function memberDefinitions(resolver: Resolver, root: Node, name: string): Node[] {
  const found: Node[] = [];
  for (const node of descendants(resolver, root)) {
    if (node.type === AST_NODE_TYPES.ClassBody && node.parent.superClass) {
      for (const member of node.body) {
        if (member.type !== AST_NODE_TYPES.StaticBlock && !member.static && classMemberName(member) === name && 'value' in member && member.value) found.push(unwrap(member.value));
      }
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, node.left) === name) {
      // On a prototype, `this`, or an instance made elsewhere (`bot.onStart = (res) => …`).
      if (!isOwnBinding(resolver, node.right, name)) found.push(unwrap(node.right));
    } else if (node.type === AST_NODE_TYPES.Property && !node.computed && propertyKeyName(resolver, node) === name && node.parent.type === AST_NODE_TYPES.ObjectExpression && isPrototypeObject(resolver, node.parent)) {
      found.push(unwrap(node.value));
    }
  }
  return found;
}

/** `this.<name>.bind(this)`: the method itself, bound (a constructor's `this.onStart = this.onStart.bind(this)`). */
function isOwnBinding(resolver: Resolver, value: Node, name: string): boolean {
  const call = unwrap(value);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, callee) !== 'bind') return false;
  const bound = unwrap(callee.object);
  return bound.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, bound) === name && isThisLike(resolver, bound.object);
}

/** `X.prototype = { … }`, or `{ … }` merged into a prototype by a call given it first (`Object.assign(X.prototype, { … })`, `_.extend`). */
function isPrototypeObject(resolver: Resolver, object: TSESTree.ObjectExpression): boolean {
  const parent = object.parent;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression) return parent.right === object && isPrototype(resolver, parent.left);
  if (parent.type !== AST_NODE_TYPES.CallExpression) return false;
  const [first] = parent.arguments;
  return first !== undefined && first !== object && isPrototype(resolver, first);
}

/** An `export` statement, or a use of `module.exports` / `exports`. */
export function exportsAnything(resolver: Resolver, program: TSESTree.Program): boolean {
  const isExport = (s: Node): boolean => s.type === AST_NODE_TYPES.ExportNamedDeclaration || s.type === AST_NODE_TYPES.ExportDefaultDeclaration || s.type === AST_NODE_TYPES.ExportAllDeclaration;
  if (program.body.some(isExport)) return true;
  for (const node of descendants(resolver, program)) {
    if (node.type !== AST_NODE_TYPES.MemberExpression) continue;
    const object = unwrap(node.object);
    if (object.type !== AST_NODE_TYPES.Identifier) continue;
    if (object.name === 'exports' || (object.name === 'module' && memberName(resolver, node) === 'exports')) return true;
  }
  return false;
}
