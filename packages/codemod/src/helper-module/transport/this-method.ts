import { descendants, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { text, type Node } from './common.js';

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

/**
 * What gives `this` its value at `node`: the nearest function that is not an arrow nor
 * `.bind(this)`-ed (`function (err, res) {…}.bind(this)` sees the `this` around it), or a class
 * field (whose arrow functions see the instance). Undefined at the top of a module.
 */
function thisScope(node: Node): TSESTree.FunctionExpression | TSESTree.FunctionDeclaration | TSESTree.PropertyDefinition | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === AST_NODE_TYPES.FunctionExpression && boundToOuterThis(p)) continue;
    if (p.type === AST_NODE_TYPES.FunctionExpression || p.type === AST_NODE_TYPES.FunctionDeclaration) return p;
    if (p.type === AST_NODE_TYPES.PropertyDefinition) return p.static ? undefined : p;
  }
  return undefined;
}

/** `function () {…}.bind(this)`. */
function boundToOuterThis(fn: TSESTree.FunctionExpression): boolean {
  const member = fn.parent;
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== fn || member.computed || member.property.type !== AST_NODE_TYPES.Identifier || member.property.name !== 'bind') return false;
  const call = member.parent;
  return call.type === AST_NODE_TYPES.CallExpression && call.callee === member && call.arguments.length === 1 && call.arguments[0]?.type === AST_NODE_TYPES.ThisExpression;
}

/** `this`, or a name bound once to `this` and never reassigned (`var self = this`): the place whose `this` it is. */
function thisAt(parsed: ParsedFile, object: Node): Node | undefined {
  const bare = unwrap(object);
  if (bare.type === AST_NODE_TYPES.ThisExpression) return bare;
  if (bare.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(parsed.resolver, bare);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== TSESLint.Scope.DefinitionType.Variable || def.node.init === null || unwrap(def.node.init).type !== AST_NODE_TYPES.ThisExpression) return undefined;
  if (variable?.references.some((r) => r.isWrite() && r.identifier !== def.name)) return undefined;
  return def.node.init;
}

/** `A.prototype.m = function …`: `A`. */
function prototypeOf(parsed: ParsedFile, target: Node): string | undefined {
  if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed) return undefined;
  const proto = target.object;
  if (proto.type !== AST_NODE_TYPES.MemberExpression || proto.computed || proto.property.type !== AST_NODE_TYPES.Identifier || proto.property.name !== 'prototype') return undefined;
  return text(parsed, proto.object);
}

/**
 * `function A(…) { … }` or `var A = function (…) { … }`: `A`, whose `this` is the instance made by
 * `new A(…)`, when the file gives `A.prototype` a method (checked by the caller: no method, no match).
 */
function constructorName(scope: TSESTree.FunctionExpression | TSESTree.FunctionDeclaration | TSESTree.PropertyDefinition): string | undefined {
  if (scope.type === AST_NODE_TYPES.FunctionDeclaration) return scope.id?.name;
  if (scope.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  const holder = scope.parent;
  return holder.type === AST_NODE_TYPES.VariableDeclarator && holder.init === scope && holder.id.type === AST_NODE_TYPES.Identifier ? holder.id.name : undefined;
}

/**
 * The method `name` of the object that `this` (or `var self = this`) is at `object`, when the file
 * declares it once: a method of the same class (`this` in one of its methods or fields), or
 * `A.prototype.name = function …` (`this` in another `A.prototype.x = function`, or in the
 * constructor function `A` itself), or a function of the same object literal (`this` in another of
 * its functions). Undefined inside a
 * plain nested function (its `this` is another) and where the method is defined twice.
 */
export function ownMethod(parsed: ParsedFile, object: Node, name: string): FunctionNode | undefined {
  const at = thisAt(parsed, object);
  const scope = at && thisScope(at);
  if (!scope) return undefined;
  const holder = scope.type === AST_NODE_TYPES.PropertyDefinition ? scope : scope.parent;
  if ((holder.type === AST_NODE_TYPES.MethodDefinition && !holder.static) || holder.type === AST_NODE_TYPES.PropertyDefinition) {
    const method = holder.parent.body.find(
      (m): m is TSESTree.MethodDefinition => m.type === AST_NODE_TYPES.MethodDefinition && m.kind === 'method' && !m.static && !m.computed && m.key.type === AST_NODE_TYPES.Identifier && m.key.name === name,
    );
    return method?.value.type === AST_NODE_TYPES.FunctionExpression ? method.value : undefined;
  }
  if (holder.type === AST_NODE_TYPES.Property && holder.value === scope && holder.parent.type === AST_NODE_TYPES.ObjectExpression) return objectMethod(holder.parent, name);
  const klass = scope.type === AST_NODE_TYPES.FunctionExpression && holder.type === AST_NODE_TYPES.AssignmentExpression && holder.right === scope ? prototypeOf(parsed, holder.left) : constructorName(scope);
  if (!klass) return undefined;
  const found: FunctionNode[] = [];
  for (const node of descendants(parsed.resolver, parsed.program)) {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.right.type !== AST_NODE_TYPES.FunctionExpression) continue;
    const left = node.left;
    if (prototypeOf(parsed, left) === klass && left.type === AST_NODE_TYPES.MemberExpression && left.property.type === AST_NODE_TYPES.Identifier && left.property.name === name) found.push(node.right);
  }
  // Defined twice: which one runs is not known.
  return found.length === 1 ? found[0] : undefined;
}

/**
 * `{ _api: function () { this._callCallBack(…) }, _callCallBack: function (cb, data) {…} }`: the
 * literal's own function `name`, where the literal gives it once (its methods called on it see it as `this`).
 */
function objectMethod(object: TSESTree.ObjectExpression, name: string): FunctionNode | undefined {
  const found = object.properties.filter(
    (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && p.kind === 'init' && !p.computed && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === name,
  );
  const value = found.length === 1 ? found[0]?.value : undefined;
  return value?.type === AST_NODE_TYPES.FunctionExpression ? value : undefined;
}
