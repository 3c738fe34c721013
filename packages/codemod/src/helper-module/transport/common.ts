import { originOf, parameterUses, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { TransportCall } from '../../plan.js';
import { typescriptFile } from '../../files/discover.js';

export type Node = TSESTree.Node;

/** The names the generated caller binds; a site whose transport already uses one of them is left alone. */
const CALLER_NAMES = ['apiMethod', 'apiArgs', 'resolve', 'reject', 'err', 'data'];

/** What the analysis could not see of a transport, for the TODO left at the site (`reason`: the whole TODO, in place of the site's own). */
/** `urlOnly`: what flows out of the call is a URL built from the method name, not Slack's answer: the escapes found on it say nothing of the answer. */
export type TransportResult = { readonly call: TransportCall } | { readonly why: string; readonly reason?: string; readonly urlOnly?: true };

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


/**
 * The response parameter is not used, or only for the `members` read off it (also by lodash's
 * `_.get(res, 'body')`), or tested for being there (`res && res.body`, `if (!res)`): what the rebuilt
 * response has, an object wherever the original was one (a failure's answer included).
 */
export function readsOnlyMembers(parsed: ParsedFile, param: Node | undefined, members: readonly string[]): boolean {
  if (!param) return true;
  if (param.type !== AST_NODE_TYPES.Identifier) return false;
  // A use handing it on whole to a method of the same class or a function of this module counts as that function's uses.
  return parameterUses(parsed.resolver, param).every((r) => {
    const use = r.identifier;
    const member = use.parent;
    if (!r.isReadOnly()) return false;
    if (member.type === AST_NODE_TYPES.MemberExpression && member.object === use && !member.computed && member.property.type === AST_NODE_TYPES.Identifier) return members.includes(member.property.name);
    return use.type === AST_NODE_TYPES.Identifier && (testedOnly(use) || lodashGetOf(parsed, use, members));
  });
}

/** `x` whose value only decides: `x && …`, `!x`, `if (x)`, `x ? … : …` (blind s54/13 logged `response && response.body` on failure). */
function testedOnly(use: TSESTree.Identifier): boolean {
  const parent = use.parent;
  if (parent.type === AST_NODE_TYPES.LogicalExpression) return parent.operator === '&&' && parent.left === use;
  if (parent.type === AST_NODE_TYPES.UnaryExpression) return parent.operator === '!';
  return (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.test === use;
}

/** `_.get(x, 'body')` of lodash or underscore (a path, or an array of keys, that starts with one of `members`). */
function lodashGetOf(parsed: ParsedFile, use: TSESTree.Identifier, members: readonly string[]): boolean {
  const call = use.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== use) return false;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'get') return false;
  const module = originOf(parsed.resolver, callee.object)?.module;
  if (module !== 'lodash' && module !== 'underscore') return false;
  const path = call.arguments[1];
  const first = path?.type === AST_NODE_TYPES.Literal ? path.value : path?.type === AST_NODE_TYPES.ArrayExpression && path.elements[0]?.type === AST_NODE_TYPES.Literal ? path.elements[0].value : undefined;
  return typeof first === 'string' && members.includes(first.split(/[.[]/)[0] ?? '');
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
