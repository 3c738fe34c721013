import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { isFunction, singleValueOf, unwrap, variableOf } from './ast.js';
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
  if (fn.async || fn.generator) return undefined;
  const returned = fn.body.type === AST_NODE_TYPES.BlockStatement ? returnedValues(resolver, fn.body) : [fn.body];
  const made = returned.map((value) => (value ? (memoizedConstruction(resolver, value) ?? constructionOf(resolver, value)) : undefined));
  const [first] = made;
  return first && made.every((m) => m === first) ? first : undefined;
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
