import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { enclosingStatements, memberName, propertyKeyName, unwrap } from './ast.js';
import { classOf, localFunction, type FunctionNode } from './functions.js';
import type { Resolver } from './resolver.js';

// Classes as ES5 code writes them, by hand or as Babel compiles a `class`: a constructor function, its
// methods stored on `X.prototype` (or defined by Babel's `_createClass(X, protoProps, staticProps)`),
// and its static ones stored on `X`, in the block the constructor is declared in.

type Node = TSESTree.Node;

/** `X` of an `X.prototype.m = function () {…}` statement (of the program, or of the function an ES5 module pattern wraps the constructor in) storing `fn`. */
export function prototypeMethodOwner(fn: Node): TSESTree.Identifier | undefined {
  const store = fn.parent;
  if (fn.type !== AST_NODE_TYPES.FunctionExpression || store?.type !== AST_NODE_TYPES.AssignmentExpression || store.operator !== '=' || store.right !== fn) return undefined;
  if (store.parent.type !== AST_NODE_TYPES.ExpressionStatement || (store.parent.parent.type !== AST_NODE_TYPES.Program && store.parent.parent.type !== AST_NODE_TYPES.BlockStatement)) return undefined;
  const method = store.left;
  if (method.type !== AST_NODE_TYPES.MemberExpression || method.computed) return undefined;
  const prototype = method.object;
  if (prototype.type !== AST_NODE_TYPES.MemberExpression || prototype.computed || prototype.property.type !== AST_NODE_TYPES.Identifier || prototype.property.name !== 'prototype') return undefined;
  return prototype.object.type === AST_NODE_TYPES.Identifier ? prototype.object : undefined;
}

/**
 * Babel's class output (`_createClass(X, [{ key: 'm', value: function m() {…} }], [statics])`): the
 * instance methods that call defines on `X.prototype` (with `statics`, those it defines on `X`), none
 * for another call.
 */
export function babelMethods(node: Node, statics = false): Node[] {
  const protoProps = babelHelperCall(node, 'createClass')?.arguments[statics ? 2 : 1];
  if (protoProps?.type !== AST_NODE_TYPES.ArrayExpression) return [];
  return protoProps.elements.flatMap((element) => {
    if (element?.type !== AST_NODE_TYPES.ObjectExpression) return [];
    return element.properties.flatMap((p) => (p.type === AST_NODE_TYPES.Property && !p.computed && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === 'value' ? [p.value] : []));
  });
}

/** A call of Babel's inlined helper `_<name>` (`_createClass(…)`, `_classCallCheck(…)`). */
export function babelHelperCall(node: Node, name: string): TSESTree.CallExpression | undefined {
  const callee = node.type === AST_NODE_TYPES.CallExpression ? unwrap(node.callee) : undefined;
  return callee?.type === AST_NODE_TYPES.Identifier && (callee.name === name || callee.name === `_${name}`) && node.type === AST_NODE_TYPES.CallExpression ? node : undefined;
}

/** `X` of the `_createClass(X, [{ key, value: fn }])` that defines `fn` as an instance method of `X`. */
export function babelMethodOwner(fn: Node): TSESTree.Identifier | undefined {
  const call = fn.parent?.parent?.parent?.parent;
  const owner = call?.type === AST_NODE_TYPES.CallExpression ? call.arguments[0] : undefined;
  return call && owner?.type === AST_NODE_TYPES.Identifier && babelMethods(call).includes(fn) ? owner : undefined;
}

/**
 * The method `name` of the class a `new` expression's callee names, when the class defines it itself:
 * a `class`'s own method (not static), an ES5 constructor's `X.prototype.name = function` or Babel's
 * `_createClass` entry. Undefined for a class of another module or one that only inherits it.
 */
export function ownInstanceMethod(resolver: Resolver, callee: Node, name: string): Node | undefined {
  const cls = classOf(resolver, callee);
  if (cls) return classMethod(cls, name, false);
  const bare = unwrap(callee);
  const ctor = bare.type === AST_NODE_TYPES.Identifier ? localFunction(resolver, bare) : undefined;
  return ctor ? es5Methods(resolver, ctor, false).findLast((m) => m.name === name)?.method : undefined;
}

/**
 * The static method `name` of the class whose constructor `ctor` is (`SlackClient.create`): a `class`'s
 * `static` method, an ES5 constructor's `X.name = function` or Babel's `_createClass` static entry.
 */
export function ownStaticMethod(resolver: Resolver, ctor: FunctionNode, name: string): FunctionNode | undefined {
  const body = ctor.parent.parent;
  return body?.type === AST_NODE_TYPES.ClassBody ? classStaticMethod(body.parent, name) : asMethod(es5Methods(resolver, ctor, true).findLast((m) => m.name === name)?.method);
}

/** A `class`'s own `static` method `name` (the class may have no constructor of its own to start from). */
export function classStaticMethod(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string): FunctionNode | undefined {
  return asMethod(classMethod(cls, name, true));
}

function asMethod(found: Node | undefined): FunctionNode | undefined {
  return found?.type === AST_NODE_TYPES.FunctionExpression || found?.type === AST_NODE_TYPES.ArrowFunctionExpression ? found : undefined;
}

function classMethod(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string, statics: boolean): Node | undefined {
  for (const member of cls.body.body) {
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'method' && member.static === statics && !member.computed && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === name) return member.value;
  }
  return undefined;
}

/** A method the statements around an ES5 constructor define: its name (none for a computed `_createClass` key), its function, and the constructor's name that stores it. */
export interface Es5Method {
  readonly name: string | undefined;
  readonly method: Node;
  readonly owner: TSESTree.Identifier;
}

/** The methods the statements around an ES5 constructor define, in order: on its prototype, or with `statics` on itself. */
export function es5Methods(resolver: Resolver, ctor: FunctionNode, statics: boolean): Es5Method[] {
  const methods: Es5Method[] = [];
  const isCtor = (node: Node | undefined): node is TSESTree.Identifier => node?.type === AST_NODE_TYPES.Identifier && localFunction(resolver, node) === ctor;
  for (const statement of enclosingStatements(ctor)) {
    const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : undefined;
    if (!expression) continue;
    if (expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=' && expression.left.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(resolver, expression.left);
      const owner = statics ? (expression.left.computed ? undefined : expression.left.object) : prototypeMethodOwner(expression.right);
      if (name !== undefined && isCtor(owner)) methods.push({ name, method: expression.right, owner });
    }
    const owner = babelHelperCall(expression, 'createClass')?.arguments[0];
    for (const method of isCtor(owner) ? babelMethods(expression, statics) : []) {
      const entry = method.parent;
      const key = entry?.parent?.type === AST_NODE_TYPES.ObjectExpression ? entry.parent.properties.find((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(resolver, p) === 'key') : undefined;
      const name = key?.type === AST_NODE_TYPES.Property && key.value.type === AST_NODE_TYPES.Literal && typeof key.value.value === 'string' ? key.value.value : undefined;
      if (isCtor(owner)) methods.push({ name, method, owner });
    }
  }
  return methods;
}
