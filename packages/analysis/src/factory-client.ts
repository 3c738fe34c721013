import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { destructuredKey, isFunction, propertyKeyName, singleValueOf, unwrap, variableOf } from './ast.js';
import { functionOf, localFunction } from './functions.js';
import { constructionOf } from './origin.js';
import type { FunctionLike, Resolver } from './resolver.js';

type Node = TSESTree.Node;

/**
 * The call a client is the value of when it comes from a function of another module
 * (`const rtm = slackClient.init(token)`, `require('./slack').init(token).start()`): the call itself,
 * or the one value of a variable bound to it once. Undefined for anything else.
 */
export function factoryCall(resolver: Resolver, node: Node): TSESTree.CallExpression | undefined {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.CallExpression) return bare;
  if (bare.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(resolver, bare);
  const value = variable ? singleValueOf(variable) : undefined;
  const def = variable?.defs[0];
  // `const { rtm } = init()` takes a member of what is returned: not the returned value.
  if (!value || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id !== def.name) return undefined;
  const call = unwrap(value);
  return call.type === AST_NODE_TYPES.CallExpression ? call : undefined;
}

/**
 * The one `new X(…)` every return of a factory returns (`return rtm` with `rtm` a variable only ever
 * assigned that `new`, after `let rtm = null`; `return new X(…)`; an arrow's expression body). Undefined
 * when a return returns something else or nothing, or the function is `async` or a generator (its
 * caller gets a promise or an iterator, not the client).
 */
export function returnedConstruction(resolver: Resolver, fn: FunctionLike): TSESTree.NewExpression | undefined {
  return everyReturnMakes(resolver, fn, (value) => memoizedConstruction(resolver, value) ?? constructionOf(resolver, value));
}

/**
 * The one value (a `new X(…)`, a function) that `made` finds in every value `fn` returns; undefined when a
 * return finds none or another, returns nothing, or `fn` is `async` or a generator (its caller gets a
 * promise or an iterator).
 */
function everyReturnMakes<T>(resolver: Resolver, fn: FunctionLike, made: (value: Node) => T | undefined): T | undefined {
  if (fn.async || fn.generator) return undefined;
  const returned = fn.body.type === AST_NODE_TYPES.BlockStatement ? returnedValues(resolver, fn.body) : [fn.body];
  const found = returned.map((value) => (value ? made(value) : undefined));
  const [first] = found;
  return first && found.every((m) => m === first) ? first : undefined;
}

/** Whether every value `fn` returns passes `test` (as everyReturnMakes: not for `async`, generators, a bare `return`). */
export function everyReturnIs(resolver: Resolver, fn: FunctionLike, test: (value: Node) => boolean): boolean {
  return everyReturnMakes(resolver, fn, (value) => (test(value) ? true : undefined)) === true;
}

/**
 * The function a factory of this file makes, for `handler()` given as a listener or callback: the one
 * function every `return` of `fn` gives (`function onOpen() { return function (data) {…} }`, an arrow's
 * expression body `() => (data) => …`); undefined for anything else. Each call makes a new closure of
 * that function, which is what the caller hands on.
 */
export function returnedFunction(resolver: Resolver, fn: FunctionLike): FunctionLike | undefined {
  return everyReturnMakes(resolver, fn, (value) => functionOf(resolver, value));
}

/**
 * The method `name` of the object literal every `return` of `fn` gives (`return { rtm, start() { rtm.start(); } }`):
 * a call of it on what the factory returns runs that function. Undefined where a return gives anything
 * else, or an object without such a member of its own (a spread may bring one in: undefined too).
 */
export function returnedObjectMethod(resolver: Resolver, fn: FunctionLike, name: string): FunctionLike | undefined {
  return everyReturnMakes(resolver, fn, (value) => {
    const object = unwrap(value);
    if (object.type !== AST_NODE_TYPES.ObjectExpression || object.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return undefined;
    const member = object.properties.find((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(resolver, p) === name);
    return member?.type === AST_NODE_TYPES.Property ? functionOf(resolver, member.value) : undefined;
  });
}

/** The function `node` stands for in this file (functionOf), or the one a call of a factory of this file makes (`onOpen()`). */
export function functionOrMade(resolver: Resolver, node: Node): FunctionLike | undefined {
  const fn = functionOf(resolver, node);
  if (fn) return fn;
  const bare = unwrap(node);
  const factory = bare.type === AST_NODE_TYPES.CallExpression ? functionOf(resolver, bare.callee) : undefined;
  return factory ? returnedFunction(resolver, factory) : undefined;
}

/**
 * `const { rtm } = clientsFor(token)`, `clientsFor` a function of this file bound once whose every
 * return is an object literal keeping `rtm: new X(…)` (the same `new`; no spread, the key once, no
 * default in the pattern, the name never written again): every call hands that member out as the
 * client that `new` made. Undefined for anything else (a return of another value or of nothing, an
 * `async` function or a generator, a function of another module, a nested pattern).
 */
export function destructuredConstruction(resolver: Resolver, node: Node): TSESTree.NewExpression | undefined {
  const name = unwrap(node);
  if (name.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(resolver, name);
  const def = variable?.defs[0];
  if (!variable || !def || variable.defs.length > 1 || def.type !== TSESLint.Scope.DefinitionType.Variable || def.node.id.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  if (variable.references.some((r) => r.isWrite() && r.identifier !== def.name)) return undefined;
  const key = def.name.parent.type === AST_NODE_TYPES.Property && def.name.parent.parent === def.node.id ? destructuredKey(resolver, def.node.id, def.name) : undefined;
  const call = def.node.init ? unwrap(def.node.init) : undefined;
  if (key === undefined || call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const fn = localFunction(resolver, call.callee);
  return fn ? everyReturnMakes(resolver, fn, (value) => literalConstruction(resolver, value, key)) : undefined;
}

/** `{ web: …, rtm: new X(…) }`: the `new` under `key`, the object's only entry of that name, no spread. */
function literalConstruction(resolver: Resolver, value: Node, key: string): TSESTree.NewExpression | undefined {
  const literal = unwrap(value);
  if (literal.type !== AST_NODE_TYPES.ObjectExpression || literal.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const entries = literal.properties.filter((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(resolver, p) === key);
  // A computed key might name it too.
  if (literal.properties.some((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(resolver, p) === undefined)) return undefined;
  const entry = entries.length === 1 ? entries[0] : undefined;
  const made = entry?.kind === 'init' && !entry.method ? unwrap(entry.value) : undefined;
  return made?.type === AST_NODE_TYPES.NewExpression ? made : undefined;
}

/**
 * `cached || (cached = new X(…))` (or `??`): the one client made on first use. The left is the value
 * the right assigned on an earlier call, when the variable is only ever given that `new` (as
 * constructionOf sees it): either side is the object that `new` made. Anything else, undefined.
 */
function memoizedConstruction(resolver: Resolver, value: Node): TSESTree.NewExpression | undefined {
  const bare = unwrap(value);
  if (bare.type !== AST_NODE_TYPES.LogicalExpression || bare.operator === '&&' || bare.left.type !== AST_NODE_TYPES.Identifier) return undefined;
  const right = unwrap(bare.right);
  if (right.type !== AST_NODE_TYPES.AssignmentExpression || right.operator !== '=' || right.left.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(resolver, bare.left);
  if (!variable || variableOf(resolver, right.left) !== variable) return undefined;
  const made = unwrap(right.right);
  return made.type === AST_NODE_TYPES.NewExpression && constructionOf(resolver, bare.left) === made ? made : undefined;
}

/** The arguments of the function's own `return` statements (not those of functions inside it); `null` for a bare `return`. */
function returnedValues(resolver: Resolver, body: TSESTree.BlockStatement): (Node | null)[] {
  const values: (Node | null)[] = [];
  const stack: Node[] = [body];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === AST_NODE_TYPES.ReturnStatement) values.push(node.argument);
    for (const key of resolver.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const c of Array.isArray(child) ? child : [child]) {
        if (typeof c !== 'object' || c === null || typeof (c as { type?: unknown }).type !== 'string') continue;
        const inner = c as Node;
        // A class or function inside returns for itself.
        if (!isFunction(inner) && inner.type !== AST_NODE_TYPES.ClassBody) stack.push(inner);
      }
    }
  }
  return values;
}
