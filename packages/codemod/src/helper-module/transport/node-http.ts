import { unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeText, isFunction, params, text, typescript, usesCallerName, type Node, type TransportResult } from './common.js';
import { writtenObject, type RequestUrl } from './request-parts.js';

/** The response stream is only listened to: `res.on(event, fn)`, `res.setEncoding(enc)`. */
function onlyListened(parsed: ParsedFile, param: Node | undefined): boolean {
  if (param?.type !== AST_NODE_TYPES.Identifier) return false;
  const references = variableOf(parsed.resolver, param)?.references ?? [];
  return references.every((r) => {
    const member = r.identifier.parent;
    const call = member.parent;
    return (
      member.type === AST_NODE_TYPES.MemberExpression && member.object === r.identifier && !member.computed && member.property.type === AST_NODE_TYPES.Identifier &&
      ['on', 'once', 'setEncoding'].includes(member.property.name) && call?.type === AST_NODE_TYPES.CallExpression && call.callee === member
    );
  });
}

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
 * the call a statement of its own, or with `.on('error', handler)` chained (JavaScript): each method
 * is asked with the same `get`, its arguments in the query; the callback gets a stream of the rebuilt
 * data as JSON in a Buffer (`Readable.from`, chunks as a response gives them), read as it read the
 * response, and the handler gets the error.
 */
export function nodeGetTransport(parsed: ParsedFile, request: TSESTree.CallExpression, url: RequestUrl): TransportResult {
  const [, second, third, ...rest] = request.arguments;
  const callback = third ?? second;
  const options = third ? second : undefined;
  if (rest.length > 0 || !callback || !isFunction(unwrap(callback)) || (options && !writtenObject(options))) return { why: 'the request is not `get(url[, { …options }], (res) => …)`' };
  if (typescript(parsed)) return { why: 'a response callback in TypeScript (the callback would lose the types `get` gave its parameter)' };
  const fn = unwrap(callback) as TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;
  if (fn.params.length !== 1 || !onlyListened(parsed, fn.params[0])) return { why: 'the response is used for more than listening to its data' };
  if (fn.type === AST_NODE_TYPES.FunctionExpression && /\bthis\b/.test(text(parsed, fn.body))) return { why: 'the callback uses `this`' };
  const error = errorHandler(request);
  const whole = error?.whole ?? request;
  if (whole.parent?.type !== AST_NODE_TYPES.ExpressionStatement) return { why: "the request's return value is used besides its callback" };
  const scope = parsed.resolver.getScope(fn.body);
  const handlerText = error ? text(parsed, error.handler) : undefined;
  if (scope.block !== fn || scope.through.some((r) => r.identifier.name === 'data') || (handlerText && /\bdata\b/.test(handlerText))) return { why: 'the callback uses a name the rewrite would shadow' };
  if (/\bReadable\b/.test(parsed.text)) return { why: 'the file already uses the name `Readable`' };
  const kept = options ? [text(parsed, options)] : [];
  if (usesCallerName(url.url(''), ...kept)) return { why: 'the request uses a name the rewrite would shadow' };
  const get = calleeText(parsed, request.callee);
  const read = "(res) => { let body = ''; res.setEncoding('utf8'); res.on('data', (chunk) => (body += chunk)); res.on('end', () => resolve(body)); }";
  const send = `new Promise((resolve, reject) => ${get}(${[`${url.url('apiMethod')} + '?' + new URLSearchParams(apiArgs)`, ...kept, read].join(', ')}).on('error', reject))`;
  return {
    call: {
      start: whole.range[0],
      end: whole.range[1],
      caller: `${params(parsed)} => ${send}.then((body) => JSON.parse(body))`,
      args: url.query,
      then: `.then((data) => (${text(parsed, callback)})(Readable.from([Buffer.from(JSON.stringify(data))]))${handlerText ? `, ${handlerText}` : ''})`,
      imports: [{ module: 'stream', name: 'Readable' }],
    },
  };
}
