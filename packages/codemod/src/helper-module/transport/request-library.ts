import { unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeText, params, readsOnlyMembers, shadowedInCallback, text, typescript, usesCallerName, writtenCallback, type TransportResult } from './common.js';
import { readsLibraryThis } from './callback-this.js';
import { propertyOf, writtenObject, type RequestUrl } from './request-parts.js';

const ARGUMENT_OPTIONS = ['form', 'qs'] as const;

/**
 * The `request` library with a Node-style callback, `request[.get|.post](url | { url, form | qs,
 * json, …options }[, options], (err, res, body) => …)`, the call a statement of its own:
 * each method goes through the same request call, its arguments where the original put them (the
 * form, the query), the body parsed as the original had it parsed (`json: true`) or not (JSON text).
 * The callback is still called once, `(err, res, body)`, `res` a 200 response carrying that body.
 */
export function requestTransport(parsed: ParsedFile, request: TSESTree.CallExpression, url: RequestUrl): TransportResult {
  const args = request.arguments;
  const callbackNode = args.at(-1);
  const fn = callbackNode && writtenCallback(callbackNode);
  if (!callbackNode || !fn || fn.params.length < 2) return { why: 'the request has no written-out `(err, res, body)` callback' };
  if (request.parent.type !== AST_NODE_TYPES.ExpressionStatement) return { why: "the request's return value is used besides its callback" };
  if (readsLibraryThis(parsed, callbackNode, fn)) return { why: 'the callback uses `this` (the request object)' };
  if (!readsOnlyMembers(parsed, fn.params[1], ['statusCode', 'body'])) return { why: 'the callback reads the response for more than `statusCode` and `body`' };
  const options = requestOptions(parsed, args.slice(0, -1), url);
  if ('why' in options) return options;
  const { given, parsedBody, args: sent } = options;
  const ts = typescript(parsed);
  const promise = ts ? `new Promise<${parsedBody ? 'Record<string, unknown>' : 'string'}>` : 'new Promise';
  const send = `${promise}((resolve, reject) => ${calleeText(parsed, request.callee)}(${given}, (err, res, body) => (err ? reject(err) : resolve(body))))`;
  const around = requestCallbackAround(ts, parsedBody);
  // The callback goes inside `(err, data) => …`: it must not use an outer `err` or `data`.
  if (shadowedInCallback(parsed, fn)) return { why: 'the callback uses a name the rewrite would shadow' };
  return {
    call: {
      start: request.range[0],
      end: request.range[1],
      caller: `${params(parsed)} => ${send}${parsedBody ? '' : '.then((body) => JSON.parse(body))'}`,
      args: sent,
      callback: { start: callbackNode.range[0], end: callbackNode.range[1] },
      callbackAround: around,
    },
  };
}

/**
 * Around a kept `(err, res, body)` callback of request's: it is called once with a 200 response
 * carrying the body, and the body, as text or (`json: true`) parsed, as request would have.
 */
export function requestCallbackAround(ts: boolean, parsedBody: boolean): { readonly before: string; readonly after: string } {
  const body = parsedBody ? 'data' : 'JSON.stringify(data)';
  // TypeScript: the callback keeps the types request gives its parameters (`RequestCallback`), its
  // response one with the `statusCode` and `body` it reads; `data?` fits every overload of callbackify.
  const response = `{ statusCode: 200, body: ${body} }`;
  return ts
    ? { before: '(err, data?) => ((', after: `) as import('request').RequestCallback)(err, (data && ${response}) as import('request').Response, ${parsedBody ? 'data' : `data && ${body}`})` }
    : { before: '(err, data) => (', after: `)(err, data && ${response}, ${parsedBody ? 'data' : `data && ${body}`})` };
}

/** A request's options as the rewrite sends them for each method (`given`), the body parsed or not, the `rtm.start` arguments' text. */
export interface RequestOptions {
  readonly given: string;
  readonly parsedBody: boolean;
  readonly args: string | undefined;
}

/**
 * `url | { url, form | qs, json, …options }[, options]`, request's arguments before its callback:
 * the same options, the URL and the arguments swapped for each method's (`apiMethod`, `apiArgs`).
 * A reason where they are not written out, carry the arguments in two places, or parse the body otherwise.
 */
export function requestOptions(parsed: ParsedFile, args: readonly TSESTree.CallExpressionArgument[], url: RequestUrl): RequestOptions | { readonly why: string } {
  const [first, second, ...rest] = args;
  if (!first || rest.length > 0) return { why: 'the request takes more than a URL, options and a callback' };
  const urlGiven = unwrap(first) === url.node;
  const options = urlGiven ? (second ? writtenObject(second) : undefined) : writtenObject(first);
  if ((urlGiven && second && !options) || (!urlGiven && (second || !options))) return { why: 'the request options are not written out' };
  const urlProperty = !urlGiven && options ? options.properties.find((p) => p.type === AST_NODE_TYPES.Property && p.value === url.node) : undefined;
  if (!urlGiven && !urlProperty) return { why: 'the URL is not the `url` of the request options' };
  const carriers = ARGUMENT_OPTIONS.map((name) => options && propertyOf(parsed, options, name)).filter((p) => p !== undefined);
  const [carrier, ...more] = carriers;
  const object = carrier && !carrier.shorthand ? writtenObject(carrier.value) : undefined;
  if (more.length > 0 || (carrier && !object)) return { why: 'the request arguments are not one object written out (`form` or `qs`)' };
  if (object && url.query) return { why: 'the request sends arguments both in the URL and in its options' };
  const json = options && propertyOf(parsed, options, 'json');
  const jsonValue = json && unwrap(json.value);
  const parsedBody = jsonValue?.type === AST_NODE_TYPES.Literal && jsonValue.value === true;
  if (json && !parsedBody) return { why: 'the request has a `json` option other than `true`' };
  const key = carrier ? text(parsed, carrier.key) : 'qs';
  const newOptions = (options?.properties ?? []).map((p) => {
    if (p === urlProperty && p.type === AST_NODE_TYPES.Property) return `${text(parsed, p.key)}: ${url.url('apiMethod')}`;
    if (p === carrier) return `${key}: apiArgs`;
    return text(parsed, p);
  });
  if (!carrier) newOptions.push(`${key}: apiArgs`);
  const kept = (options?.properties ?? []).filter((p) => p !== urlProperty && p !== carrier).map((p) => text(parsed, p));
  if (usesCallerName(url.url(''), ...kept)) return { why: 'the request uses a name the rewrite would shadow' };
  const optionsText = `{ ${newOptions.join(', ')} }`;
  return { given: urlGiven ? `${url.url('apiMethod')}, ${optionsText}` : optionsText, parsedBody, args: object ? text(parsed, object) : url.query };
}
