import { propertyKeyName, unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeText, params, readsOnlyMembers, shadowedInCallback, text, typescript, usesCallerName, writtenCallback, type Node, type TransportResult } from './common.js';
import { readsLibraryThis } from './callback-this.js';
import { readsOnlyBody, writtenObject, type RequestUrl } from './request-parts.js';

/** Options that change how needle hands the body over: the rebuilt body is the parsed JSON. */
const BODY_OPTIONS = ['parse', 'parse_response', 'output', 'decode', 'decode_response'];

const VERBS = ['get', 'post'];

/** `'post'` / `"GET"`: the verb named by the first argument of `needle(…)` / `needle.request(…)`. */
function verbOf(node: Node | undefined): string | undefined {
  const bare = node && unwrap(node);
  return bare?.type === AST_NODE_TYPES.Literal && typeof bare.value === 'string' && VERBS.includes(bare.value.toLowerCase()) ? bare.value.toLowerCase() : undefined;
}

/**
 * needle, `needle.get(url[, options], (err, resp, body) => …)`, `needle.post(url, { …data }[, options],
 * (err, resp, body) => …)`, `needle.request(verb, url, data, options, callback)` (statements of their
 * own), and the promise of `needle(verb, url[, data][, options])` read only as `resp.body` (JavaScript:
 * in TypeScript the callback would lose the types needle gives its parameters). Each method goes
 * through the same needle call and options, its arguments as the data (the query for a `get`); the
 * callback is still called once, `(err, resp, body)`, with the parsed body needle gave.
 */
export function needleTransport(parsed: ParsedFile, request: TSESTree.CallExpression, url: RequestUrl, method: string | undefined): TransportResult {
  if (typescript(parsed)) return { why: 'a needle call in TypeScript (the callback would lose the types needle gives its parameters)' };
  const args = [...request.arguments];
  const named = method === undefined || method === 'request';
  const verb = named ? verbOf(args[0]) : method;
  if (!verb || !VERBS.includes(verb)) return { why: 'needle is asked with a verb other than `get` or `post` written out' };
  const before = named ? [text(parsed, args[0] as Node)] : [];
  const rest = args.slice(named ? 2 : 1);
  if (unwrap(args[named ? 1 : 0] as Node) !== url.node) return { why: "the URL is not where needle takes it" };
  const last = rest.at(-1);
  const fn = last && writtenCallback(last);
  if (method === undefined && fn) return { why: '`needle(…)` is given a callback' };
  if (method !== undefined && !fn) return { why: 'the needle request has no written-out `(err, resp, body)` callback' };
  const given = fn ? rest.slice(0, -1) : rest;
  // `needle.get(url, options, cb)` has no data; `needle('get', url, data, options)` / `.request` do.
  const hasData = verb === 'post' || named;
  const [data, options, ...more] = hasData ? given : [undefined, ...given];
  const object = data ? writtenObject(data) : undefined;
  const config = options ? writtenObject(options) : undefined;
  if (more.length > 0 || (data && !object && !(unwrap(data).type === AST_NODE_TYPES.Literal && (unwrap(data) as TSESTree.Literal).value === null)) || (options && !config)) {
    return { why: 'the needle data and options are not objects written out' };
  }
  if (config?.properties.some((p) => p.type !== AST_NODE_TYPES.Property || BODY_OPTIONS.includes(propertyKeyName(parsed.resolver, p) ?? ''))) return { why: 'the needle options change how the body is parsed' };
  if (object && url.query) return { why: 'the request sends arguments both in the URL and in its data' };
  const args0 = object ? text(parsed, object) : url.query;
  const keptOptions = options ? [text(parsed, options)] : [];
  if (usesCallerName(url.url(''), ...keptOptions)) return { why: 'the request uses a name the rewrite would shadow' };
  // The arguments go as the data where needle sends it (a `get`'s data is its query), else in the query.
  const target = hasData ? [url.url('apiMethod'), 'apiArgs'] : [`${url.url('apiMethod')} + '?' + new URLSearchParams(apiArgs)`];
  const callArgs = [...before, ...target, ...keptOptions];
  const needle = calleeText(parsed, request.callee);
  if (!fn) {
    if (!readsOnlyBody(parsed, request, 'body', false)) return { why: 'the needle response is not read only as `resp.body`' };
    const caller = `${params(parsed)} => ${needle}(${callArgs.join(', ')}).then((resp) => resp.body)`;
    return { call: { start: request.range[0], end: request.range[1], caller, args: args0, then: '.then((body) => ({ body }))' } };
  }
  if (request.parent.type !== AST_NODE_TYPES.ExpressionStatement) return { why: "the request's return value is used besides its callback" };
  if (fn.params.length < 2) return { why: 'the request has no written-out `(err, resp, body)` callback' };
  if (readsLibraryThis(parsed, last, fn)) return { why: 'the callback uses `this`' };
  if (!readsOnlyMembers(parsed, fn.params[1], ['statusCode', 'body'])) return { why: 'the callback reads the response for more than `statusCode` and `body`' };
  if (shadowedInCallback(parsed, fn)) return { why: 'the callback uses a name the rewrite would shadow' };
  const caller = `${params(parsed)} => new Promise((resolve, reject) => ${needle}(${[...callArgs, '(err, resp, body) => (err ? reject(err) : resolve(body))'].join(', ')}))`;
  return {
    call: {
      start: request.range[0],
      end: request.range[1],
      caller,
      args: args0,
      callback: { start: last.range[0], end: last.range[1] },
      callbackAround: { before: '(err, data) => (', after: ')(err, data && { statusCode: 200, body: data }, data)' },
    },
  };
}
