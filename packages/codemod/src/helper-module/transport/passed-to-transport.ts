import { unwrap, variableOf, within } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { Node } from './common.js';
import { transportCallsBackNodeStyle } from './node-style-callback.js';

/**
 * A written-out wrapper's callback handed straight to its transport (botkit 0.2's `rtm: { start:
 * function (options, cb) { slack_api.callAPI('rtm.start', options, cb); } }`): the enclosing
 * function's parameter, used nowhere else and never reassigned, given at `index` to a transport
 * declared in the file that calls it Node-style, `(err, data)`. `optional`: the transport checks or
 * defaults a missing callback, so the wrapper may be called without one. Undefined otherwise.
 */
export function callbackHandedToTransport(parsed: ParsedFile, call: TSESTree.CallExpression, arg: Node, index: number): { readonly optional: boolean } | undefined {
  const bare = unwrap(arg);
  if (bare.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(parsed.resolver, bare);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || def?.type !== TSESLint.Scope.DefinitionType.Parameter || !def.node.params.includes(def.name) || !within(call, def.node)) return undefined;
  if (variable.references.some((r) => r.identifier !== def.name && r.identifier !== bare)) return undefined;
  const contract = transportCallsBackNodeStyle(parsed, call, index);
  return contract && { optional: contract.defaults || contract.checks };
}
