import { unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeText, params, text, typescript, usesCallerName, type Node, type TransportResult } from './common.js';
import { READ_BODY, streamCallbackProblem, streamedThen, stringPromise } from './node-stream.js';
import { writtenObject, type RequestUrl } from './request-parts.js';

/** `.on('error', handler)` chained on the request: the handler, and the whole expression. */
function errorHandler(request: TSESTree.CallExpression): { handler: Node; whole: Node } | undefined {
  const member = request.parent;
  const call = member.parent;
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== request || member.computed || member.property.type !== AST_NODE_TYPES.Identifier || member.property.name !== 'on') return undefined;
  const [event, handler, ...rest] = call?.type === AST_NODE_TYPES.CallExpression ? call.arguments : [];
  if (!call || !handler || rest.length > 0 || event?.type !== AST_NODE_TYPES.Literal || event.value !== 'error') return undefined;
  return { handler, whole: call };
}

/** `get(…).end()` / `.end(null)` (CoffeeScript bots wrote it: blind s107/10b): `get` has ended the request already, and the call changes nothing. */
function endedAgain(request: Node): Node {
  const member = request.parent;
  const call = member?.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== request || member.computed || member.property.type !== AST_NODE_TYPES.Identifier || member.property.name !== 'end') return request;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return request;
  const [only, ...rest] = call.arguments;
  return rest.length === 0 && (only === undefined || (only.type === AST_NODE_TYPES.Literal && only.value === null && !('regex' in only))) ? call : request;
}

/**
 * `return Https.get(…)` as the last statement of a `new Promise` executor, whose value the promise ignores:
 * CoffeeScript returns every function's last expression (blind s107/10b, gbot-slack: `new Promise((function(_this)
 * { return function(fulfill) { …; return Https.get(…); }; })(this))`), the executor written out in place or
 * returned by such an IIFE.
 */
function executorTailReturn(request: Node): boolean {
  const ret = request.parent;
  const body = ret?.parent;
  const fn = body?.parent;
  if (ret?.type !== AST_NODE_TYPES.ReturnStatement || body?.type !== AST_NODE_TYPES.BlockStatement || body.body.at(-1) !== ret || (fn?.type !== AST_NODE_TYPES.FunctionExpression && fn?.type !== AST_NODE_TYPES.ArrowFunctionExpression)) return false;
  return isPromiseExecutor(fn) || isPromiseExecutor(iifeOf(fn));
}

/** The call of the function that returns `fn` as its one statement (`(function (_this) { return function (fulfill) {…}; })(this)`). */
function iifeOf(fn: Node): Node | undefined {
  const ret = fn.parent;
  const body = ret?.parent;
  const outer = body?.parent;
  if (ret?.type !== AST_NODE_TYPES.ReturnStatement || body?.type !== AST_NODE_TYPES.BlockStatement || body.body.length !== 1 || outer?.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  const call = outer.parent;
  return call.type === AST_NODE_TYPES.CallExpression && unwrap(call.callee) === outer ? call : undefined;
}

/** `new Promise(executor)` (the global or a library's, CoffeeScript's `Promise = require("promise")`): `node` is its executor. */
function isPromiseExecutor(node: Node | undefined): boolean {
  const made = node?.parent;
  return made?.type === AST_NODE_TYPES.NewExpression && made.arguments[0] === node && unwrap(made.callee).type === AST_NODE_TYPES.Identifier && (unwrap(made.callee) as TSESTree.Identifier).name === 'Promise';
}

/**
 * `https.get(url[, options], (res) => { res.on('data', …); res.on('end', …) })` (and `http.get`),
 * the call a statement of its own, or with `.on('error', handler)` chained: each method is asked
 * with the same `get`, its arguments in the query; the callback gets a stream of the rebuilt data as
 * JSON in a Buffer (`Readable.from`, chunks as a response gives them), read as it read the response,
 * and the handler gets the error.
 */
export function nodeGetTransport(parsed: ParsedFile, request: TSESTree.CallExpression, url: RequestUrl): TransportResult {
  const [first, second, third, ...rest] = request.arguments;
  if (!first || unwrap(first) !== url.node) return { why: "the URL is not `get`'s first argument" };
  const callback = third ?? second;
  const options = third ? second : undefined;
  if (rest.length > 0 || !callback || (options && !writtenObject(options))) return { why: 'the request is not `get(url[, { …options }], (res) => …)`' };
  const problem = streamCallbackProblem(parsed, callback);
  if (problem) return { why: problem };
  const error = errorHandler(request);
  const whole = endedAgain(error?.whole ?? request);
  if (whole.parent?.type !== AST_NODE_TYPES.ExpressionStatement && !executorTailReturn(whole)) return { why: "the request's return value is used besides its callback" };
  const handlerText = error ? text(parsed, error.handler) : undefined;
  if (handlerText && /\bdata\b/.test(handlerText)) return { why: 'the callback uses a name the rewrite would shadow' };
  const kept = options ? [text(parsed, options)] : [];
  if (usesCallerName(url.url(''), ...kept)) return { why: 'the request uses a name the rewrite would shadow' };
  const get = calleeText(parsed, request.callee);
  const apiArgs = typescript(parsed) ? 'apiArgs as Record<string, string>' : 'apiArgs';
  const send = `${stringPromise(parsed)}((resolve, reject) => ${get}(${[`${url.url('apiMethod')} + '?' + new URLSearchParams(${apiArgs})`, ...kept, READ_BODY].join(', ')}).on('error', reject))`;
  return {
    call: {
      start: whole.range[0],
      end: whole.range[1],
      caller: `${params(parsed)} => ${send}.then((body) => JSON.parse(body))`,
      args: url.query,
      ...streamedThen(parsed, callback, error?.handler),
    },
  };
}
