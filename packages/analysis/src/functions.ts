import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, descendants, isFunction, isPrototype, isThisLike, memberName, unwrap, variableOf } from './ast.js';
import { thisOwner } from './origin.js';
import type { FunctionLike, Located, Resolver } from './resolver.js';

type Node = TSESTree.Node;

export type FunctionNode = FunctionLike;

/** Helpers that return their first argument bound to a `this`: `_.bind(fn, this)`, `bind(this._onStart, this)`. */
const BIND_HELPERS = new Set(['bind', 'proxy', 'bindAll']);

/**
 * The function an expression stands for, when it is in this file: a function expression, a local
 * function or `const`, `fn.bind(this)`, `bind(fn, this)`, or a method reached through `this`
 * (`this._onLogin`: a class method, or `X.prototype._onLogin = function …` / `this._onLogin = function …`).
 */
export function functionOf(resolver: Resolver, node: Node, depth = 0): FunctionNode | undefined {
  if (depth > 4) return undefined;
  const bare = unwrap(node);
  if (isFunction(bare)) return bare;
  switch (bare.type) {
    case AST_NODE_TYPES.Identifier:
      return localFunction(resolver, bare);
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(bare.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, callee) === 'bind') return functionOf(resolver, callee.object, depth + 1);
      const first = bare.arguments[0];
      if (first && BIND_HELPERS.has(calleeName(resolver, bare.callee) ?? '')) return functionOf(resolver, first, depth + 1);
      return undefined;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = memberName(resolver, bare);
      if (name === undefined) return undefined;
      return isThisLike(resolver, bare.object) ? thisMethod(resolver, bare, name) : staticMethod(resolver, bare, name);
    }
    default:
      return undefined;
  }
}

/** True when the expression is a function (one this file defines, or a `.bind` of anything). */
export function isFunctionValue(resolver: Resolver, node: Node): boolean {
  if (functionOf(resolver, node)) return true;
  const bare = unwrap(node);
  if (bare.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(bare.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, callee) === 'bind';
}

export function localFunction(resolver: Resolver, identifier: TSESTree.Identifier): FunctionNode | undefined {
  const variable = variableOf(resolver, identifier);
  const def = variable?.defs[0];
  if (!variable || !def || variable.defs.length > 1) return undefined;
  if (def.type === TSESLint.Scope.DefinitionType.FunctionName && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
  if (def.type === TSESLint.Scope.DefinitionType.Variable && def.node.id === def.name && def.node.init) {
    const writes = variable.references.filter((r) => r.isWrite() && r.identifier !== def.name);
    if (writes.length > 0) return undefined;
    const init = unwrap(def.node.init);
    return isFunction(init) ? init : undefined;
  }
  return undefined;
}

/** The method `this.<name>` calls, in the class around `member` or among the program's prototype/`this` assignments. */
export function thisMethod(resolver: Resolver, member: Node, name: string): FunctionNode | undefined {
  const owner = thisOwner(member);
  if (!owner) return undefined;
  if (owner.type === AST_NODE_TYPES.ClassBody) {
    for (const element of owner.body) {
      if (element.type !== AST_NODE_TYPES.MethodDefinition && element.type !== AST_NODE_TYPES.PropertyDefinition) continue;
      if (element.computed || element.key.type !== AST_NODE_TYPES.Identifier || element.key.name !== name) continue;
      const value = element.value ? unwrap(element.value) : undefined;
      if (value && isFunction(value)) return value;
    }
    return undefined;
  }
  for (const node of descendants(resolver, owner)) {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.MemberExpression) continue;
    if (memberName(resolver, node.left) !== name || !isPrototypeOrThis(resolver, node.left.object)) continue;
    const value = unwrap(node.right);
    if (isFunction(value)) return value;
  }
  return undefined;
}

/**
 * `Service.parse` with `class Service { static parse(…) {…} }` of this file (a declaration, or a class
 * expression by its own name): the static method, where nothing in the file stores another function
 * as `Service.parse`.
 */
function staticMethod(resolver: Resolver, member: TSESTree.MemberExpression, name: string): FunctionNode | undefined {
  const object = unwrap(member.object);
  const declaration = object.type === AST_NODE_TYPES.Identifier ? classOf(resolver, object) : undefined;
  if (!declaration) return undefined;
  const method = declaration.body.body.find(
    (e): e is TSESTree.MethodDefinition => e.type === AST_NODE_TYPES.MethodDefinition && e.static && e.kind === 'method' && !e.computed && e.key.type === AST_NODE_TYPES.Identifier && e.key.name === name,
  );
  if (!method) return undefined;
  let root: Node = declaration;
  while (root.parent) root = root.parent;
  for (const node of descendants(resolver, root)) {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, node.left) !== name) continue;
    const target = unwrap(node.left.object);
    if (target.type === AST_NODE_TYPES.Identifier && classOf(resolver, target) === declaration) return undefined;
  }
  return method.value.type === AST_NODE_TYPES.FunctionExpression ? method.value : undefined;
}

/** `X.prototype`, `this`, `self`. */
function isPrototypeOrThis(resolver: Resolver, node: Node): boolean {
  const bare = unwrap(node);
  return isPrototype(resolver, bare) || isThisLike(resolver, bare);
}

/** The class an expression names, when this file declares it (`class User {}`, `const User = class {}`). */
export function classOf(resolver: Resolver, node: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.ClassExpression || bare.type === AST_NODE_TYPES.ClassDeclaration) return bare;
  if (bare.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(resolver, bare);
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || !def) return undefined;
  if (def.type === TSESLint.Scope.DefinitionType.ClassName) {
    // A declared class's name may be given another value; a class expression's own name may not.
    return variable.references.some((r) => r.isWrite()) ? undefined : def.node;
  }
  if (def.type !== TSESLint.Scope.DefinitionType.Variable || def.node.id !== def.name || !def.node.init) return undefined;
  if (variable.references.some((r) => r.isWrite() && r.identifier !== def.name)) return undefined;
  const init = unwrap(def.node.init);
  return init.type === AST_NODE_TYPES.ClassExpression ? init : undefined;
}

/** The `constructor` a class declares, as a function. */
export function classConstructor(declaration: TSESTree.ClassDeclaration | TSESTree.ClassExpression): FunctionNode | undefined {
  for (const element of declaration.body.body) {
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor' && element.value.type === AST_NODE_TYPES.FunctionExpression) return element.value;
  }
  return undefined;
}

/** The function `node` stands for where the analysis reads it: in this file, or exported by another of the project. */
export function calledFunction(resolver: Resolver, node: Node): Located<FunctionNode> | undefined {
  const local = functionOf(resolver, node);
  if (local) return { node: local, resolver };
  const project = resolver.project;
  return project?.moduleFunction ? project.moduleFunction(resolver, node) : project?.importedFunction(resolver, node);
}

/** The function reads its own `arguments` (a nested function's do not count). An arrow has none of its own. */
export function readsOwnArguments(resolver: Resolver, fn: FunctionNode): boolean {
  return fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && (resolver.getScope(fn).set.get('arguments')?.references.length ?? 0) > 0;
}

/** The function reads `arguments` (anywhere in its body: a nested function's own counts too, to be safe). An arrow has none of its own. */
export function usesArguments(resolver: Resolver, fn: FunctionNode): boolean {
  if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression) return false;
  for (const node of descendants(resolver, fn.body)) if (node.type === AST_NODE_TYPES.Identifier && node.name === 'arguments') return true;
  return false;
}

/**
 * The variable `name` declares for code around `declared`: a declared class's name has a binding inside
 * the class too, which its own `static make() { return new Bot() }` reads; uses outside are in the scope around it.
 */
export function declaredBinding(resolver: Resolver, declared: Node, name: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  const scope = resolver.getScope(declared);
  return declared.type === AST_NODE_TYPES.ClassDeclaration && scope.block === declared && scope.upper ? ASTUtils.findVariable(scope.upper, name.name) : variableOf(resolver, name);
}

/**
 * What an immediately invoked function given no arguments (the ES5 module pattern: `module.exports =
 * function () { function Client(…) {…} …; return Client; }()`) returns: the name its body's last
 * statement returns, when that is its only `return`. Undefined for any other call.
 */
export function iifeReturnedName(resolver: Resolver, call: Node): TSESTree.Identifier | undefined {
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.length > 0) return undefined;
  const fn = unwrap(call.callee);
  if ((fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) || fn.async || fn.generator || fn.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  const last = fn.body.body.at(-1);
  if (last?.type !== AST_NODE_TYPES.ReturnStatement || last.argument?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const returns = [...descendants(resolver, fn.body)].filter((n) => n.type === AST_NODE_TYPES.ReturnStatement && enclosingFunction(n) === fn);
  return returns.length === 1 ? last.argument : undefined;
}

/**
 * A module's top-level statements, with those of a wrapper that runs the whole file in a function of
 * its own in their place: CoffeeScript compiles every file into `(function () { … }).call(this);`, and
 * hand-written modules do the same (`(function () { … })();`), so their `module.exports = …` stand in
 * that function (blind s55/02). Only a function given no parameters, called at once with no arguments
 * but `this`.
 */
export function moduleStatements(program: TSESTree.Program): TSESTree.ProgramStatement[] {
  return program.body.flatMap((statement): TSESTree.ProgramStatement[] => {
    const wrapper = statement.type === AST_NODE_TYPES.ExpressionStatement ? moduleWrapper(statement.expression) : undefined;
    return wrapper ? wrapper.body.body : [statement];
  });
}

/** `(function () { … })()` or `(function () { … }).call(this)`: the function, whose body is the module's. */
function moduleWrapper(expression: Node): TSESTree.FunctionExpression | undefined {
  const call = unwrap(expression);
  if (call.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrap(call.callee);
  const bound = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'call';
  const fn = bound ? unwrap(callee.object) : callee;
  const args = bound ? call.arguments.length === 1 && call.arguments[0]?.type === AST_NODE_TYPES.ThisExpression : call.arguments.length === 0;
  return args && fn.type === AST_NODE_TYPES.FunctionExpression && fn.params.length === 0 && !fn.async && !fn.generator ? fn : undefined;
}

/** The function `node` is in: the nearest function around it, arrows included. */
export function enclosingFunction(node: Node): FunctionNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (isFunction(p)) return p;
  return undefined;
}

/** The function whose own `this` / `arguments` a node sees: the nearest non-arrow function around it (arrow functions have none). */
export function ownThisFunction(node: Node): FunctionNode | undefined {
  let fn = enclosingFunction(node);
  while (fn?.type === AST_NODE_TYPES.ArrowFunctionExpression) fn = enclosingFunction(fn);
  return fn;
}

/**
 * The function whose `this` an expression is: the nearest non-arrow function around `this`, or around
 * the `this` a `var self = this` alias was given.
 */
export function thisFunction(resolver: Resolver, node: Node): FunctionNode | undefined {
  let origin: Node = unwrap(node);
  if (origin.type === AST_NODE_TYPES.Identifier) {
    const def = variableOf(resolver, origin)?.defs[0];
    if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return undefined;
    origin = unwrap(def.node.init);
  }
  if (origin.type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const fn = ownThisFunction(origin);
  // `function (…) {…}.bind(this)`: the `this` of the function around the bind.
  const bind = fn?.parent;
  if (bind?.type === AST_NODE_TYPES.MemberExpression && bind.object === fn && memberName(resolver, bind) === 'bind' && bind.parent.type === AST_NODE_TYPES.CallExpression && bind.parent.callee === bind) {
    const target = bind.parent.arguments[0];
    return target && unwrap(target).type === AST_NODE_TYPES.ThisExpression ? thisFunction(resolver, target) : undefined;
  }
  return fn;
}
