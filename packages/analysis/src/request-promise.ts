import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { propertyKeyName, unwrap, variableOf, within } from './ast.js';
import { originOf } from './origin.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/** request's promise wrappers: each resolves what request hands its callback third, the body. */
export const REQUEST_PROMISE_MODULES: ReadonlySet<string> = new Set(['request-promise', 'request-promise-native', 'request-promise-any']);

/**
 * What a request-promise call without a callback (`rp(url)`, `rp.get({ uri, json: true })`) resolves:
 * - `body`: the body, as text or (with `json: true`) parsed, which `JSON.parse` makes the response of;
 * - `response`: request's whole response (`resolveWithFullResponse: true`), the body in its `body`;
 * - a reason: options not written out, or a `transform` of the app's own, may resolve anything.
 * Undefined when the call is not request-promise's.
 */
export function requestPromiseAnswer(resolver: Resolver, call: TSESTree.CallExpression, url: Node): 'body' | 'response' | { readonly why: string } | undefined {
  const callee = unwrap(call.callee);
  const object = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : callee;
  const module = originOf(resolver, object)?.module;
  if (module === undefined || !REQUEST_PROMISE_MODULES.has(module)) return undefined;
  let answer: 'body' | 'response' = 'body';
  for (const argument of call.arguments) {
    const bare = unwrap(argument);
    // The URL itself (in place, in a `+` chain or template, or the name holding it).
    if (bare.type !== AST_NODE_TYPES.ObjectExpression && (within(url, argument) || (bare.type === AST_NODE_TYPES.Identifier && holds(resolver, bare, url)))) continue;
    if (bare.type !== AST_NODE_TYPES.ObjectExpression) return { why: `the \`${module}\` options are not written out: whether it resolves the body or the whole response is not known` };
    for (const property of bare.properties) {
      const name = property.type === AST_NODE_TYPES.Property ? propertyKeyName(resolver, property) : undefined;
      if (name === undefined) return { why: `the \`${module}\` options are not all written out: whether it resolves the body or the whole response is not known` };
      if (name === 'transform') return { why: `the \`${module}\` call transforms what it resolves` };
      if (name !== 'resolveWithFullResponse' || property.type !== AST_NODE_TYPES.Property) continue;
      const value = unwrap(property.value);
      if (value.type !== AST_NODE_TYPES.Literal || typeof value.value !== 'boolean') return { why: `the \`${module}\` call's \`resolveWithFullResponse\` is not written out` };
      answer = value.value ? 'response' : 'body';
    }
  }
  return answer;
}

/** `const url = …rtm.start…; rp(url)`: the name is declared with the URL. */
function holds(resolver: Resolver, name: TSESTree.Identifier, url: Node): boolean {
  const def = variableOf(resolver, name)?.defs[0];
  return def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init !== null && within(url, def.node.init);
}
