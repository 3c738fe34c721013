import { parameterUses, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { TransportCall } from '../../plan.js';
import { typescriptFile } from '../../files/discover.js';

export type Node = TSESTree.Node;

/** The names the generated caller binds; a site whose transport already uses one of them is left alone. */
const CALLER_NAMES = ['apiMethod', 'apiArgs', 'resolve', 'reject', 'err', 'data'];

/** What the analysis could not see of a transport, for the TODO left at the site (`reason`: the whole TODO, in place of the site's own). */
export type TransportResult = { readonly call: TransportCall } | { readonly why: string; readonly reason?: string };

/** `JSON.parse` on the global `JSON`. */
export function isJsonParse(parsed: ParsedFile, node: Node): boolean {
  const bare = unwrap(node);
  if (bare.type !== AST_NODE_TYPES.MemberExpression || bare.computed || bare.object.type !== AST_NODE_TYPES.Identifier || bare.property.type !== AST_NODE_TYPES.Identifier) return false;
  return bare.object.name === 'JSON' && bare.property.name === 'parse' && !variableOf(parsed.resolver, bare.object)?.defs.length;
}

export function text(parsed: ParsedFile, node: Node): string {
  return parsed.text.slice(node.range[0], node.range[1]);
}

/** A callee as one line: `got\n  .post` → `got.post`. */
export function calleeText(parsed: ParsedFile, callee: Node): string {
  const bare = unwrap(callee);
  if (bare.type !== AST_NODE_TYPES.MemberExpression || bare.computed || bare.property.type !== AST_NODE_TYPES.Identifier) return text(parsed, callee);
  return `${text(parsed, bare.object)}${bare.optional ? '?.' : '.'}${bare.property.name}`;
}

/** `process.exit(…)`: the process ends there, and no caller hears of it. */
export function isProcessExit(node: Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(node.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'exit' && unwrap(callee.object).type === AST_NODE_TYPES.Identifier && (unwrap(callee.object) as TSESTree.Identifier).name === 'process';
}

export const typescript = (parsed: ParsedFile): boolean => typescriptFile(parsed.file);

export function usesCallerName(...texts: string[]): boolean {
  return texts.some((t) => CALLER_NAMES.some((name) => new RegExp(`\\b${name}\\b`).test(t)));
}

/** The caller's parameters, typed in TypeScript as the helper module's `SlackCall`. */
export function params(parsed: ParsedFile): string {
  return typescript(parsed) ? '(apiMethod: string, apiArgs: Record<string, unknown>)' : '(apiMethod, apiArgs)';
}

export function isFunction(node: Node): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
}

/** A function literal, or one `.bind(x)`-ed: what a Node-style callback looks like when it is written out. */
export function writtenCallback(node: Node): TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | undefined {
  const bare = unwrap(node);
  if (isFunction(bare)) return bare;
  if (bare.type !== AST_NODE_TYPES.CallExpression || bare.arguments.length !== 1) return undefined;
  const callee = unwrap(bare.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const fn = unwrap(callee.object);
  return callee.property.name === 'bind' && isFunction(fn) ? fn : undefined;
}


/** The response parameter is not used, or only for the `members` read off it: what the rebuilt response has. */
export function readsOnlyMembers(parsed: ParsedFile, param: Node | undefined, members: readonly string[]): boolean {
  if (!param) return true;
  if (param.type !== AST_NODE_TYPES.Identifier) return false;
  // A use handing it on whole to a method of the same class or a function of this module counts as that function's uses.
  return parameterUses(parsed.resolver, param).every((r) => {
    const member = r.identifier.parent;
    return r.isReadOnly() && member.type === AST_NODE_TYPES.MemberExpression && member.object === r.identifier && !member.computed && member.property.type === AST_NODE_TYPES.Identifier && members.includes(member.property.name);
  });
}

/** A kept callback goes inside `(err, data) => …`: true when it uses an outer `err` or `data`. */
export function shadowedInCallback(parsed: ParsedFile, fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression): boolean {
  const scope = parsed.resolver.getScope(fn.body);
  return scope.block !== fn || scope.through.some((r) => ['err', 'data'].includes(r.identifier.name));
}

/**
 * Slack's own `ok: false` answer that the helper module's error carries (`err.data`), else `fallback`, in
 * syntax Node 8 runs: the bots these rewrites serve often still run on Node 8 to 12, which cannot parse
 * `??` (blind corpus s39/11, a Dockerfile `FROM node:12-alpine` and no `engines`).
 */
export function slackAnswerOr(fallback: string): string {
  return `(err.data !== undefined && err.data !== null ? err.data : ${fallback})`;
}
