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
  const whole = error?.whole ?? request;
  if (whole.parent?.type !== AST_NODE_TYPES.ExpressionStatement) return { why: "the request's return value is used besides its callback" };
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
