import { encodingCall, isJqueryRequest, originOf, propertyKeyName, REQUEST_PROMISE_MODULES, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { FoundSite } from '../../scan/found.js';
import { axiosInstanceTransport } from './axios-instance.js';
import { axiosTransport } from './axios.js';
import { text, writtenCallback, type Node, type TransportResult } from './common.js';
import { endpointTableTransport } from './endpoint-table.js';
import { fetchTransport } from './fetch.js';
import { gotTransport } from './got.js';
import { heldProperty, propertyUrlUnproven } from './held-property.js';
import { helperTransport } from './helper.js';
import { jqueryTransport } from './jquery.js';
import { needleTransport } from './needle.js';
import { nodeGetTransport } from './node-http.js';
import { nodeRequestTransport } from './node-request.js';
import { optionsHandedOn } from './options-handed-on.js';
import { requestTransport } from './request-library.js';
import { requestPromiseTransport } from './request-promise.js';
import { slackPackageTransport } from './slack-package.js';
import { superagentTransport } from './superagent.js';
import { unirestTransport } from './unirest.js';
import { unseenClientWhy } from './unseen-client.js';
import { readsInsideBuilt, urlPassedToFunction } from './url-argument.js';
import { heldIn, heldString, heldUrl, requestUrl, uriEncodedUrl, wholeLines, type RequestUrl } from './request-parts.js';
import { heldOptionsRequest } from './held-options.js';

export type { TransportResult } from './common.js';

/**
 * How the app's own transport is called, where the analysis can see it, so that the replacement calls
 * go through the same helper, with the same token passing and callback style (`rtmStartData(caller,
 * args)` with `caller` built from the app's code):
 * - the app's helper: `helper('rtm.start'[, { …args }][, (err, data) => …])`, method name first, the
 *   arguments second (see helper.ts for what its contract must show); a Node-style callback (two parameters or more, written out) as a statement of
 *   its own in JavaScript, or a promise used only through `await` / `.then` / `.catch` / `.finally`;
 * - an axios instance made with a `baseURL`, given the method name as its URL (see axios-instance.ts);
 * - a raw HTTP request with `fetch`, axios, got or request (see `rawHttpTransport`);
 * - the `slack` package's API object, `slack.rtm.start(args[, callback])` (see slack-package.ts).
 * Undefined for a method call on any other client.
 */
export function transportOf(parsed: ParsedFile, site: FoundSite): TransportResult | undefined {
  if (site.form === 'method-call') return slackPackageTransport(parsed, site);
  if (site.form === 'helper') return axiosInstanceTransport(parsed, site.node) ?? helperTransport(parsed, site);
  if (site.form === 'raw-url') return rawHttpTransport(parsed, site.node);
  return { why: 'not a transport the app calls itself' };
}

/**
 * The request the URL is given to: as its first argument, or as the `url` / `uri` (Node's http:
 * `path`) of its options; `second` when it is the second argument, after a verb (`needle('post', url)`).
 */
function requestOf(url: Node): { call: TSESTree.CallExpression; second: boolean } | undefined {
  let given = url;
  while (given.parent && unwrap(given.parent) !== given.parent) given = given.parent;
  const property = given.parent;
  if (property?.type === AST_NODE_TYPES.Property && property.value === given && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && ['url', 'uri', 'path'].includes(property.key.name)) {
    given = property.parent;
  }
  const call = given.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  if (call.arguments[0] === given) return { call, second: false };
  return call.arguments[1] === given ? { call, second: true } : undefined;
}

/** `encodeURI(url)` (the global function, not a name of the file's): the one a URL goes through, by name. */
function encodedBy(parsed: ParsedFile, url: Node): string | undefined {
  let given = url;
  while (given.parent && unwrap(given.parent) !== given.parent) given = given.parent;
  const callee = encodingCall(given)?.callee;
  return callee?.type === AST_NODE_TYPES.Identifier && !variableOf(parsed.resolver, callee)?.defs.length ? callee.name : undefined;
}

const NODE_HTTP = new Set(['http', 'https', 'node:http', 'node:https']);

const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self']);

/**
 * A global `fetch` (Node 18+, browsers; `window.fetch` too), or `node-fetch`'s under any name (`import Fetch =
 * require('node-fetch')`: blind s120/10, rx-slack).
 */
export function isFetch(parsed: ParsedFile, callee: Node): boolean {
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'fetch') {
    return callee.object.type === AST_NODE_TYPES.Identifier && GLOBAL_OBJECTS.has(callee.object.name) && !variableOf(parsed.resolver, callee.object)?.defs.length;
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(parsed.resolver, callee);
  if (!variable || variable.defs.length === 0) return callee.name === 'fetch';
  const origin = originOf(parsed.resolver, callee);
  return origin?.module === 'node-fetch' && !origin.instance && (callee.name === 'fetch' || origin.name === 'default' || origin.name === '*');
}

/**
 * A raw HTTP request to `rtm.start`, where its URL is a base followed by the method name (with a
 * query of plain names, or none) and the library is known by its import:
 * - `fetch(url[, { …init }])`, its body read with `.then((res) => res.json())` or `await res.json()`;
 * - `axios.get(url[, config])` / `axios.post(url[, data[, config]])`, read as `res.data`;
 * - `got(url[, options])` (and `got.get` / `got.post`), read with `.json()` or as `res.body`;
 * - `request(url | options[, options], (err, res, body) => …)` (and `request.get` / `request.post`);
 * - request-promise's `rp(url | options[, options])` (and `rp.get` / `rp.post`), resolving the body (see request-promise.ts);
 * - needle's `needle.post(url, { … }, (err, resp, body) => …)`, `needle('post', url, { … })` (see needle.ts);
 * - superagent's `superagent.post(url)….send({ … }).end((err, res) => …)` (or its promise, see superagent.ts);
 * - unirest's `unirest.get(url)….query({ … }).end((response) => …)` (see unirest.ts);
 * - jQuery's `$.getJSON(url, { …data }, (json) => …)` (see jquery.ts);
 * - `https.get(url[, options], (res) => …)` (and `http.get`), the response only listened to;
 * - `https.request(url | { …options, path }[, options], (res) => …)` sent with `end([body])` (see node-request.ts);
 * - any of these inside a function of this file that the URL is given to (see url-argument.ts).
 */
function rawHttpTransport(parsed: ParsedFile, literal: Node): TransportResult {
  if (!text(parsed, literal).includes('rtm.start')) return { why: 'the URL does not spell `rtm.start` out' };
  const written = heldUrl(parsed, literal) ?? heldString(parsed, literal) ?? heldProperty(parsed, literal) ?? requestUrl(parsed, literal);
  if (!written) return { why: 'the URL is not a base followed by `rtm.start`, with a query of plain names and values or none' };
  const passed = urlPassedToFunction(parsed, written, literal.range[0] + text(parsed, literal).indexOf('rtm.start'));
  if (passed && 'why' in passed) return passed;
  const encoder = encodedBy(parsed, passed ? passed.url.node : written.node);
  const encoding = encoder === 'encodeURI' && !passed ? encodingCall(written.node) : undefined;
  // `request(encodeURI(url), …)`: the encoding call given for the URL, where it changes nothing the rebuild sends.
  const built = encoding ? uriEncodedUrl(written, encoding) : encoder ? undefined : written;
  const url = built && !passed && !requestOf(built.node) ? (urlHeldOnce(parsed, built) ?? built) : built;
  if (!url) {
    // Only an encoder can have left no URL to rebuild.
    const by = encoder ?? 'encodeURI';
    return {
      why: `the URL goes through \`${by}(…)\` before it is given to the request, and rtm-migrate rebuilds a request only from a URL given to it as it is (each method's URL and arguments put in its place): if the URL holds only plain names and values, \`${by}\` changes nothing in it, so take it away and run rtm-migrate again`,
    };
  }
  const given = requestOf(passed ? passed.url.node : url.node);
  if (passed && !given) return { why: 'the parameter the URL is given to does not go to a request as it is' };
  if (!given) return endpointTableTransport(parsed, url.node) ?? { why: heldOptionsRequest(parsed, url.node) ?? optionsHandedOn(parsed, url.node) ?? tableEntry(parsed, url.node) ?? propertyUrlUnproven(parsed, literal) ?? 'the URL is not given to the request as it is' };
  const request = given.call;
  if (given.second && originOf(parsed.resolver, calleeObject(request))?.module !== 'needle') return { why: 'the URL is not given to the request as it is' };
  const byPath = url.node.parent?.type === AST_NODE_TYPES.Property && url.node.parent.key.type === AST_NODE_TYPES.Identifier && url.node.parent.key.name === 'path';
  if (byPath && !nodeHttpRequest(parsed, request)) return { why: "the URL is the `path` of options not given to Node's `https.request`" };
  const result = libraryTransport(parsed, request, passed?.url ?? url);
  const unseen = passed && 'call' in result ? readsInsideBuilt(parsed, passed, result.call) : undefined;
  if (unseen) return { why: unseen };
  // Every library here resolved Slack's `ok: false` as a 200 body: so must the rewrite.
  return 'call' in result ? { call: { ...result.call, answersSlackErrors: true, ...(url.removals ? { removals: url.removals } : {}), ...(passed ? { edits: passed.edits } : {}) } } : result;
}

/**
 * `let rtmUrl = this.rtmApiUrl + '?' + querystring.stringify({ token })` then `request.get(rtmUrl, …)`: the
 * whole URL held in a variable read once, given to the request there; its declaration goes with it.
 */
function urlHeldOnce(parsed: ParsedFile, url: RequestUrl): RequestUrl | undefined {
  const held = heldIn(parsed, url.node);
  const [use, ...more] = held?.uses ?? [];
  if (!held || !use || more.length > 0 || use.range[0] < held.declaration.range[1]) return undefined;
  return { ...url, node: use, removals: [...(url.removals ?? []), wholeLines(parsed.text, held.declaration)] };
}

/** `https.request(…)` / `http.request(…)`. */
function nodeHttpRequest(parsed: ParsedFile, request: TSESTree.CallExpression): boolean {
  const callee = unwrap(request.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'request') return false;
  const module = originOf(parsed.resolver, callee.object)?.module;
  return module !== undefined && NODE_HTTP.has(module);
}

/**
 * `{ start: '/api/rtm.start' }`: a URL kept in a table of endpoints, which the code hands to its own
 * request helper elsewhere (`this.request('GET', this.endpoints.start, …)`): why it is not followed.
 */
function tableEntry(parsed: ParsedFile, url: Node): string | undefined {
  const property = url.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== url || property.parent.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const key = propertyKeyName(parsed.resolver, property);
  return `the URL is the \`${key ?? '[…]'}\` entry of a table of endpoints, which the code hands to its own request helper elsewhere: rtm-migrate does not follow a table entry to the request it is given to`;
}

/** `x` of `x.get(…)`, or the callee itself. */
function calleeObject(request: TSESTree.CallExpression): Node {
  const callee = unwrap(request.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : callee;
}

function libraryTransport(parsed: ParsedFile, request: TSESTree.CallExpression, url: RequestUrl): TransportResult {
  const callee = unwrap(request.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  const module = originOf(parsed.resolver, calleeObject(request))?.module;
  if (isFetch(parsed, callee)) return fetchTransport(parsed, request, url);
  if (isJqueryRequest(parsed.resolver, request)) return jqueryTransport(parsed, request, url);
  if (module === 'axios' && (method === 'get' || method === 'post')) return axiosTransport(parsed, request, method, url);
  if (module === 'got' && (method === undefined || method === 'get' || method === 'post')) return gotTransport(parsed, request, url);
  if (module === 'request' && (method === undefined || method === 'get' || method === 'post')) return requestTransport(parsed, request, url);
  if (module !== undefined && REQUEST_PROMISE_MODULES.has(module) && (method === undefined || method === 'get' || method === 'post')) {
    // With a callback, request-promise is request.
    const last = request.arguments.at(-1);
    return last && writtenCallback(last) ? requestTransport(parsed, request, url) : requestPromiseTransport(parsed, request, url, module);
  }
  if (module === 'needle' && (method === undefined || method === 'get' || method === 'post' || method === 'request')) return needleTransport(parsed, request, url, method);
  if (module === 'superagent' && (method === 'get' || method === 'post')) return superagentTransport(parsed, request, url);
  if (module === 'unirest' && (method === 'get' || method === 'post')) return unirestTransport(parsed, request, url);
  if (module !== undefined && NODE_HTTP.has(module) && method === 'get') return nodeGetTransport(parsed, request, url);
  if (module !== undefined && NODE_HTTP.has(module) && method === 'request') return nodeRequestTransport(parsed, request, url);
  return { why: unseenClientWhy(parsed, request) };
}
