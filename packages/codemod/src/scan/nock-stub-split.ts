import { singleValueOf, singleValueOfName, unwrap, variableOf, type FunctionLike } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { HELPER_EXPORTS } from '@rtm-migrate/core';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { StubSplit } from '../plan.js';

/** A node's text as the file has it. */
function textOf(parsed: ParsedFile, node: TSESTree.Node): string {
  return parsed.text.slice(node.range[0], node.range[1]);
}

/**
 * A string that names `method` at the end of its path: the part before the method, and the query after it
 * (`'/api/rtm.start?token=xoxb-test'` → `'/api/'`, `'token=xoxb-test'`), which every answered request must carry.
 */
export function stubPathOf(node: TSESTree.Node, method: string): { prefix: string; query: string } | undefined {
  if (node.type !== AST_NODE_TYPES.Literal || typeof node.value !== 'string') return undefined;
  const [path = '', query = ''] = node.value.split('?', 2);
  if (!path.endsWith(method) || node.value.includes('#')) return undefined;
  const prefix = path.slice(0, -method.length);
  return prefix === '' || prefix.endsWith('/') ? { prefix, query } : undefined;
}

/**
 * A path chosen at run time between `rtm.connect` and `rtm.start` under the same prefix (`useConnect ?
 * '/rtm.connect' : '/rtm.start'`, node-slack-sdk's connection-logic tests): the prefix, and the
 * expression true where the choice is `rtm.connect`.
 */
export function chosenStubPaths(node: TSESTree.Node): { path: { prefix: string; query: string }; test: TSESTree.Expression; negated: boolean } | undefined {
  if (node.type !== AST_NODE_TYPES.ConditionalExpression) return undefined;
  for (const [connect, start, negated] of [[node.consequent, node.alternate, false], [node.alternate, node.consequent, true]] as const) {
    const path = stubPathOf(start, 'rtm.start');
    const other = stubPathOf(connect, 'rtm.connect');
    if (path !== undefined && other?.prefix === path.prefix && other.query === path.query) return { path, test: node.test, negated };
  }
  return undefined;
}

/** nock's interceptor methods that set how many requests it answers, and how many (none: the argument). */
const STUB_COUNTS: Readonly<Record<string, string | undefined>> = { times: undefined, once: '1', twice: '2', thrice: '3' };

/**
 * A nock interceptor for `rtm.start` as `stubRtmStart()` of the generated module takes it: one chain,
 * `<scope>.post(<path>)[.times(n)].reply(<status>, <answer>[, <headers>])`; or the interceptor handed on
 * before its answer (`serverReply(nock(url).post('/rtm.start'))`, node-slack-sdk's retry-policy test) to
 * functions that each give it such a chain, as `rtmStartInterceptor()`. None for any other shape (a body
 * matcher, a reply function, an interceptor kept in a name), which keeps its TODO.
 */
export function stubSplitOf(parsed: ParsedFile, path: TSESTree.Node): StubSplit | undefined {
  const text = (node: TSESTree.Node): string => textOf(parsed, node);
  const chosen = chosenStubPaths(path);
  const paths = chosen?.path ?? stubPathOf(path, 'rtm.start');
  const post = path.parent;
  if (paths === undefined || post?.type !== AST_NODE_TYPES.CallExpression || post.arguments.length !== 1 || post.arguments[0] !== path) return undefined;
  const verb = post.callee.type === AST_NODE_TYPES.MemberExpression && !post.callee.computed && post.callee.property.type === AST_NODE_TYPES.Identifier ? post.callee.property.name : undefined;
  if ((verb !== 'post' && verb !== 'get') || post.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const scope = post.callee.object;
  const quoted = (value: string): string => `'${value.replace(/['\\]/g, '\\$&')}'`;
  const options = [`prefix: ${quoted(paths.prefix)}`, ...(paths.query === '' ? [] : [`query: ${quoted(paths.query)}`]), ...(verb === 'get' ? [`verb: 'get'`] : []), ...(chosen ? [`connectOnly: ${chosen.negated ? `!(${text(chosen.test)})` : text(chosen.test)}`] : [])];
  const chain = replyChain(parsed, post);
  if (chain) return { start: scope.range[0], end: chain.end, call: HELPER_EXPORTS.stubStart, scope: text(scope), answer: chain.answer, options: [...options, ...chain.options] };
  return handedToReplies(parsed, post) ? { start: scope.range[0], end: post.range[1], call: HELPER_EXPORTS.stubInterceptor, scope: text(scope), options } : undefined;
}

/** The chain that gives an interceptor (`link`) its answer, `[.times(n)].reply(status, answer[, headers])`: its options, its answer's text and its end. */
function replyChain(parsed: ParsedFile, interceptor: TSESTree.Node): { options: string[]; answer: string; end: number } | undefined {
  const text = (node: TSESTree.Node): string => textOf(parsed, node);
  const options: string[] = [];
  for (let link: TSESTree.Node = interceptor; ; ) {
    const member = link.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== link || member.computed || member.property.type !== AST_NODE_TYPES.Identifier) return undefined;
    const call: TSESTree.Node = member.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return undefined;
    const name = member.property.name;
    const args = call.arguments;
    if (name === 'reply') {
      const [status, answer, headers] = args;
      if (status === undefined || answer === undefined || args.length > 3 || args.some((a) => a.type === AST_NODE_TYPES.SpreadElement) || mayBeFunction(parsed, answer)) return undefined;
      return { options: [...options, `status: ${text(status)}`, ...(headers ? [`headers: ${text(headers)}`] : [])], answer: text(answer), end: call.range[1] };
    }
    if (!(name in STUB_COUNTS)) return undefined;
    const count = STUB_COUNTS[name] ?? (args.length === 1 && args[0]?.type !== AST_NODE_TYPES.SpreadElement && args[0] !== undefined ? text(args[0]) : undefined);
    if (count === undefined || (STUB_COUNTS[name] !== undefined && args.length > 0)) return undefined;
    options.push(`times: ${count}`);
    link = call;
  }
}

/** Whether nock may take `answer` for a reply function: a function written there, or a name not bound once to something else. */
function mayBeFunction(parsed: ParsedFile, answer: TSESTree.Node): boolean {
  const value = unwrap(answer);
  // A name bound to a function declaration has no single value (singleValueOf): it counts as unknown.
  const bound = value.type === AST_NODE_TYPES.Identifier ? singleValueOfName(parsed.resolver, value) : value;
  const shown = bound === undefined ? undefined : unwrap(bound);
  return shown === undefined || shown.type === AST_NODE_TYPES.FunctionExpression || shown.type === AST_NODE_TYPES.ArrowFunctionExpression;
}

/**
 * Whether an interceptor is handed, as an argument, only to functions of the file that each give it its answer by
 * a reply chain (every use of their parameter): `serverReply(nock(url).post('/rtm.start'))`, where
 * `serverReply = reply || function (post) { return post.reply(500, ''); }` and every call of the test's helper
 * gives `reply` such a function or none.
 */
function handedToReplies(parsed: ParsedFile, interceptor: TSESTree.CallExpression): boolean {
  const call = interceptor.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const index = call.arguments.indexOf(interceptor);
  const functions = index < 0 ? undefined : functionsOf(parsed, call.callee, 0);
  return functions !== undefined && functions.length > 0 && functions.every((fn) => parameterReplies(parsed, fn, index));
}

/** How far `reply || function …`, a name and a parameter's arguments are followed to the functions they hold. */
const MAX_DEPTH = 4;

/** Every function `node` may hold: a function written there, either side of `||`, a name bound once, a parameter's arguments in the file's calls. */
function functionsOf(parsed: ParsedFile, node: TSESTree.Node, depth: number): FunctionLike[] | undefined {
  const value = unwrap(node);
  if (depth > MAX_DEPTH) return undefined;
  if (value.type === AST_NODE_TYPES.FunctionExpression || value.type === AST_NODE_TYPES.ArrowFunctionExpression) return [value];
  if (value.type === AST_NODE_TYPES.LogicalExpression && value.operator === '||') {
    const [left, right] = [functionsOf(parsed, value.left, depth + 1), functionsOf(parsed, value.right, depth + 1)];
    return left && right ? [...left, ...right] : undefined;
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(parsed.resolver, value);
  const [def] = variable?.defs ?? [];
  if (variable?.defs.length !== 1 || def === undefined) return undefined;
  if (def.type === TSESLint.Scope.DefinitionType.Parameter) return variable.references.some((r) => r.isWrite()) ? undefined : argumentsOf(parsed, def.node as FunctionLike, value.name, depth);
  const bound = singleValueOf(variable);
  return bound === undefined ? undefined : functionsOf(parsed, bound, depth + 1);
}

/** The functions the file's calls of `fn` give its parameter `name` (a call that gives none leaves it to the `||` beside it). */
function argumentsOf(parsed: ParsedFile, fn: FunctionLike, name: string, depth: number): FunctionLike[] | undefined {
  const index = fn.params.findIndex((p) => p.type === AST_NODE_TYPES.Identifier && p.name === name);
  const named = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id : fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier ? fn.parent.id : undefined;
  const variable = named ? variableOf(parsed.resolver, named) : null;
  if (index < 0 || !variable) return undefined;
  const found: FunctionLike[] = [];
  for (const reference of variable.references) {
    if (reference.init === true) continue;
    const call = reference.identifier.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== reference.identifier) return undefined;
    const given = call.arguments[index];
    if (given === undefined) continue;
    const functions = functionsOf(parsed, given, depth + 1);
    if (functions === undefined) return undefined;
    found.push(...functions);
  }
  return found;
}

/** Whether every use of a function's parameter at `index` gives it its answer by a reply chain. */
function parameterReplies(parsed: ParsedFile, fn: FunctionLike, index: number): boolean {
  const param = fn.params[index];
  const variable = param?.type === AST_NODE_TYPES.Identifier ? variableOf(parsed.resolver, param) : null;
  const uses = variable ? variable.references.filter((r) => r.identifier !== param) : [];
  return uses.length > 0 && uses.every((r) => r.identifier.type === AST_NODE_TYPES.Identifier && replyChain(parsed, r.identifier) !== undefined);
}
