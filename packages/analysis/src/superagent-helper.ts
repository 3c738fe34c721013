import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { descendants, memberName, unwrap, variableOf, within } from './ast.js';
import { localFunction } from './functions.js';
import { literalMethod } from './object-member.js';
import { isModuleRequest, originOf } from './origin.js';
import type { FunctionLike, Resolver } from './resolver.js';

type Node = TSESTree.Node;

/** Links that set how the request is made, the same for every method. */
export const SUPERAGENT_KEPT: ReadonlySet<string> = new Set(['type', 'set', 'accept', 'timeout', 'retry', 'redirects']);
/** Links that carry the arguments: the form or JSON body, the query. */
export const SUPERAGENT_CARRIERS: ReadonlySet<string> = new Set(['send', 'query']);

/**
 * `api('rtm.start', args)` where `api` is the file's own `function api(method, args)` (or the member
 * `api` of an object literal held in scope, `Slack.api(…)`, `this.api(…)` in its methods: see
 * literalMethod) that returns superagent's request built from them: `superagent.post(base + method)`,
 * links the same for every method (`.type('form')`, `.set(…)`), and one link carrying the arguments
 * whole (`.send(args)`, `.send(Object.assign({ token }, args))`), after at most fields set on the
 * arguments that are the same for every method (`args.token = TOKEN`). Such a call answers
 * superagent's own request, `.end((err, res) => …)` or its promise, `res.body` the data. Anything else
 * the helper does (drops the arguments, reads the answer, chains more) is not followed: false then.
 */
export function superagentHelperOf(resolver: Resolver, call: TSESTree.CallExpression): boolean {
  return superagentHelperAnswer(resolver, call) !== undefined;
}

/**
 * What such a helper answers: superagent's request itself (`request`), or (`promise`) a promise of its
 * response, where the chain ends with a `.then` that hands the response on as it got it, after at most
 * throwing on some of them (`.then((res) => { if (res.body.ok === false) throw res.body.error; return res; })`),
 * on superagent or on the request superagent-promise makes of it (blind s93/02, stolksdorf/slack-microbots:
 * `require('superagent-promise')(require('superagent'), Promise)`, whose requests are thenables too).
 */
export function superagentHelperAnswer(resolver: Resolver, call: TSESTree.CallExpression): 'request' | 'promise' | undefined {
  if (call.arguments.length > 2) return undefined;
  const fn = helperFunction(resolver, call.callee);
  if (!fn || fn.async || fn.generator || fn.params.length !== 2) return undefined;
  const [method, args] = fn.params;
  if (method?.type !== AST_NODE_TYPES.Identifier || args?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const returned = returnedAfterFixedFields(resolver, fn, method, args);
  if (!returned) return undefined;
  const passed = passedOn(resolver, unwrap(returned));
  const request = passed ?? unwrap(returned);
  const promises = passed !== undefined;
  return requestOfHelper(resolver, request, method, args, promises) ? (promises ? 'promise' : 'request') : undefined;
}

/** `<request>.then((res) => { if (…) throw …; return res; })`: the request whose response the `.then` hands on unchanged. */
function passedOn(resolver: Resolver, chain: Node): Node | undefined {
  if (chain.type !== AST_NODE_TYPES.CallExpression || chain.arguments.length !== 1) return undefined;
  const link = unwrap(chain.callee);
  const handler = chain.arguments[0];
  if (link.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, link) !== 'then') return undefined;
  if (handler?.type !== AST_NODE_TYPES.ArrowFunctionExpression && handler?.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  const [res, ...more] = handler.params;
  if (res?.type !== AST_NODE_TYPES.Identifier || more.length > 0 || handler.async) return undefined;
  const isRes = (n: Node | null | undefined): boolean => n?.type === AST_NODE_TYPES.Identifier && isParam(resolver, n, res);
  if (handler.body.type !== AST_NODE_TYPES.BlockStatement) return isRes(handler.body) ? unwrap(link.object) : undefined;
  const statements = handler.body.body;
  const last = statements.at(-1);
  if (last?.type !== AST_NODE_TYPES.ReturnStatement || !isRes(last.argument)) return undefined;
  // Only throws before it, each under an `if` of its own: every response that is not thrown on is handed on.
  const throwsOnly = (s: TSESTree.Statement): boolean =>
    s.type === AST_NODE_TYPES.ThrowStatement ||
    (s.type === AST_NODE_TYPES.BlockStatement && s.body.length === 1 && s.body[0] !== undefined && throwsOnly(s.body[0])) ||
    (s.type === AST_NODE_TYPES.IfStatement && s.alternate === null && throwsOnly(s.consequent));
  return statements.slice(0, -1).every((s) => s.type === AST_NODE_TYPES.IfStatement && throwsOnly(s)) ? unwrap(link.object) : undefined;
}

/** superagent's request built from the method name and carrying its arguments whole (superagent-promise's, where `promises`). */
function requestOfHelper(resolver: Resolver, returned: Node, method: TSESTree.Identifier, args: TSESTree.Identifier, promises: boolean): boolean {
  let chain = returned;
  let carried = false;
  while (chain.type === AST_NODE_TYPES.CallExpression) {
    const link = unwrap(chain.callee);
    if (link.type !== AST_NODE_TYPES.MemberExpression) return false;
    const name = memberName(resolver, link);
    const object = unwrap(link.object);
    if (object.type !== AST_NODE_TYPES.CallExpression) {
      // The request itself: `superagent.post(url)`, the URL a base followed by the method name.
      const made = isModuleRequest(resolver, chain, 'superagent') || (promises && isSuperagentPromiseRequest(resolver, chain));
      return made && carried && chain.arguments.length === 1 && endsWithMethod(resolver, chain.arguments[0], method, args);
    }
    if (name !== undefined && SUPERAGENT_CARRIERS.has(name)) {
      if (carried || chain.arguments.length !== 1 || !carriesWhole(resolver, chain.arguments[0], method, args)) return false;
      carried = true;
    } else if (name === undefined || !SUPERAGENT_KEPT.has(name) || chain.arguments.some((a) => uses(resolver, a, method) || uses(resolver, a, args))) return false;
    chain = object;
  }
  return false;
}

/** `request.get(url)` where `request` is what `require('superagent-promise')(superagent, Promise)` made. */
function isSuperagentPromiseRequest(resolver: Resolver, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const verb = memberName(resolver, callee);
  return (verb === 'get' || verb === 'post') && originOf(resolver, callee.object)?.module === 'superagent-promise';
}

/** The function a helper's callee names: `api` declared in the file, or `Slack.api` / `this.api` of an object literal. */
function helperFunction(resolver: Resolver, node: Node): FunctionLike | undefined {
  const callee = unwrap(node);
  if (callee.type === AST_NODE_TYPES.MemberExpression) return literalMethod(resolver, callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  // `function api` given another value later: which function a call reaches is not known.
  if (variableOf(resolver, callee)?.references.some((r) => r.isWrite() && r.init !== true)) return undefined;
  return localFunction(resolver, callee);
}

/**
 * The value of a function's last statement, `return x` (or an arrow's expression body), where every
 * statement before it only sets a field of the arguments to a value the same for every method
 * (`args.token = TOKEN`): the request then carries those fields as `Object.assign({ token }, args)` would.
 */
function returnedAfterFixedFields(resolver: Resolver, fn: FunctionLike, method: TSESTree.Identifier, args: TSESTree.Identifier): Node | undefined {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const statement = fn.body.body.at(-1);
  if (statement?.type !== AST_NODE_TYPES.ReturnStatement) return undefined;
  return fn.body.body.slice(0, -1).every((s) => setsFixedField(resolver, s, method, args)) ? (statement.argument ?? undefined) : undefined;
}

/** `args.token = TOKEN;`: a named field of the arguments set to a name, a literal or `process.env.X`, never from the method or the arguments. */
function setsFixedField(resolver: Resolver, statement: TSESTree.Statement, method: TSESTree.Identifier, args: TSESTree.Identifier): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const assignment = statement.expression;
  if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.left.type !== AST_NODE_TYPES.MemberExpression) return false;
  const target = unwrap(assignment.left.object);
  if (target.type !== AST_NODE_TYPES.Identifier || !isParam(resolver, target, args) || memberName(resolver, assignment.left) === undefined) return false;
  return isFixedValue(assignment.right) && !uses(resolver, assignment.right, method) && !uses(resolver, assignment.right, args);
}

/** A name, a literal, or a plain member chain of names (`process.env.SLACK_TOKEN`): read, never computed by a call. */
function isFixedValue(node: Node): boolean {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.Identifier || bare.type === AST_NODE_TYPES.Literal) return true;
  return bare.type === AST_NODE_TYPES.MemberExpression && !bare.computed && isFixedValue(bare.object);
}

/** True when `node` reads the parameter `param`. */
function uses(resolver: Resolver, node: Node | undefined, param: TSESTree.Identifier): boolean {
  if (!node) return false;
  const variable = variableOf(resolver, param);
  return variable?.references.some((r) => within(r.identifier, node)) ?? true;
}

/** True when `name` reads the parameter `param`. */
function isParam(resolver: Resolver, name: TSESTree.Identifier, param: TSESTree.Identifier): boolean {
  const variable = variableOf(resolver, param);
  return variable !== null && variableOf(resolver, name) === variable;
}

/** `base + method` or `` `${base}${method}` ``: the method name last, nothing before it that is the arguments. */
function endsWithMethod(resolver: Resolver, node: Node | undefined, method: TSESTree.Identifier, args: TSESTree.Identifier): boolean {
  const url = node && unwrap(node);
  if (!url || uses(resolver, url, args)) return false;
  const isMethod = (n: Node | undefined): boolean => n?.type === AST_NODE_TYPES.Identifier && isParam(resolver, n, method);
  if (url.type === AST_NODE_TYPES.BinaryExpression && url.operator === '+') return isMethod(url.right) && !uses(resolver, url.left, method);
  if (url.type !== AST_NODE_TYPES.TemplateLiteral) return false;
  const last = url.expressions.at(-1);
  return isMethod(last) && url.quasis.at(-1)?.value.cooked === '' && url.expressions.slice(0, -1).every((e) => !uses(resolver, e, method));
}

/**
 * The arguments sent whole, with fixed fields the same for every method: `args`, `{ ...args, token }`,
 * `Object.assign({ token }, args)`. Never the method name; the arguments read nowhere else.
 */
function carriesWhole(resolver: Resolver, node: Node | undefined, method: TSESTree.Identifier, args: TSESTree.Identifier): boolean {
  const value = node && unwrap(node);
  if (!value || uses(resolver, value, method)) return false;
  const isArgs = (n: Node): boolean => n.type === AST_NODE_TYPES.Identifier && isParam(resolver, n, args);
  const argsReads = [...descendants(resolver, value)].filter((n) => n.type === AST_NODE_TYPES.Identifier && isArgs(n));
  if (argsReads.length !== 1) return isArgs(value);
  if (isArgs(value)) return true;
  if (value.type === AST_NODE_TYPES.ObjectExpression) return value.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement && isArgs(unwrap(p.argument)));
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(value.callee);
  const object = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : undefined;
  const assign = callee.type === AST_NODE_TYPES.MemberExpression && object?.type === AST_NODE_TYPES.Identifier && object.name === 'Object' && !variableOf(resolver, object)?.defs.length && memberName(resolver, callee) === 'assign';
  // Into a fresh object, the arguments last: the caller's object is left as it was, and its fields stand.
  const [target, ...sources] = value.arguments;
  const last = sources.at(-1);
  if (assign) return target !== undefined && unwrap(target).type === AST_NODE_TYPES.ObjectExpression && last !== undefined && isArgs(unwrap(last));
  // lodash's `_.assign({}, args, { token })` (blind s93/02): into a fresh object, besides the arguments only fixed fields written out.
  const lodash = callee.type === AST_NODE_TYPES.MemberExpression && object !== undefined && ['lodash', 'underscore'].includes(originOf(resolver, object)?.module ?? '') && ['assign', 'extend'].includes(memberName(resolver, callee) ?? '');
  const fixed = (n: Node): boolean => {
    const bare = unwrap(n);
    return isArgs(bare) || (bare.type === AST_NODE_TYPES.ObjectExpression && bare.properties.every((p) => p.type === AST_NODE_TYPES.Property && !p.computed && isFixedValue(p.value)));
  };
  return lodash && target !== undefined && unwrap(target).type === AST_NODE_TYPES.ObjectExpression && sources.every(fixed);
}
