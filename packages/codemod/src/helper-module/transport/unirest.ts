import { UNIREST_CARRIERS, UNIREST_KEPT } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { linksToEnd } from './chain.js';
import { calleeText, params, readsOnlyMembers, shadowedInCallback, text, typescript, usesCallerName, writtenCallback, type TransportResult } from './common.js';
import { readsLibraryThis } from './callback-this.js';
import { writtenObject, type RequestUrl } from './request-parts.js';

/** What unirest's response gives the callback that the rebuilt one gives too. */
const READ = ['body', 'error', 'ok', 'code', 'status'];

/**
 * unirest's chain, `unirest.get(url) | unirest.post(url)[.headers(…)…][.query({ … }) | .send({ … }) |
 * .form({ … })].end(function (response) { … })` as a statement of its own (JavaScript), the callback
 * reading the response only as `body`, `error`, `ok`, `code` and `status`. Each method goes through the
 * same chain, its arguments in the same link (or in the query when the request sent none), the body
 * read as unirest parsed it; the callback is still called once with one response: `error` false and
 * the body on success, `error` the transport's error (and no body) on a failure, as unirest did.
 */
export function unirestTransport(parsed: ParsedFile, request: TSESTree.CallExpression, url: RequestUrl): TransportResult {
  if (typescript(parsed)) return { why: 'a unirest chain in TypeScript (the callback would lose the types unirest gives its response)' };
  if (request.arguments.length !== 1) return { why: 'the unirest request is given more than its URL' };
  const { links, end } = linksToEnd(request, (name) => UNIREST_KEPT.has(name) || UNIREST_CARRIERS.has(name));
  if (!end) return { why: 'the unirest request is not ended with `.end(callback)`' };
  const [carrier, ...more] = links.filter((l) => UNIREST_CARRIERS.has(l.name));
  const object = carrier?.call.arguments.length === 1 ? writtenObject(carrier.call.arguments[0]) : undefined;
  if (more.length > 0 || (carrier && !object)) return { why: 'the unirest arguments are not one object written out (`query({ … })`, `send({ … })` or `form({ … })`)' };
  if (object && url.query) return { why: 'the request sends arguments both in the URL and in its chain' };
  const rebuilt = [
    `${calleeText(parsed, request.callee)}(${url.url('apiMethod')})`,
    ...links.map((l) => (l === carrier ? `.${l.name}(apiArgs)` : `.${l.name}(${l.call.arguments.map((a) => text(parsed, a)).join(', ')})`)),
    ...(carrier ? [] : ['.query(apiArgs)']),
  ].join('');
  const kept = links.filter((l) => l !== carrier).map((l) => text(parsed, l.call)).map((t) => t.slice(t.indexOf('(')));
  if (usesCallerName(url.url(''), ...kept)) return { why: 'the request uses a name the rewrite would shadow' };
  const [callbackNode, ...extra] = end.call.arguments;
  const fn = callbackNode && writtenCallback(callbackNode);
  if (!callbackNode || !fn || extra.length > 0 || fn.params.length !== 1) return { why: 'the request is not ended with a written-out `(response)` callback' };
  if (end.call.parent.type !== AST_NODE_TYPES.ExpressionStatement) return { why: "the request's return value is used besides its callback" };
  if (readsLibraryThis(parsed, callbackNode, fn)) return { why: 'the callback uses `this`' };
  if (!readsOnlyMembers(parsed, fn.params[0], READ)) return { why: `the callback reads the response for more than ${READ.map((r) => `\`${r}\``).join(', ')}` };
  if (shadowedInCallback(parsed, fn)) return { why: 'the callback uses a name the rewrite would shadow' };
  const caller = `${params(parsed)} => new Promise((resolve, reject) => ${rebuilt}.end((response) => (response.error ? reject(response.error) : resolve(response.body))))`;
  return {
    call: {
      start: end.call.range[0],
      end: end.call.range[1],
      caller,
      args: object ? text(parsed, object) : url.query,
      callback: { start: callbackNode.range[0], end: callbackNode.range[1] },
      callbackAround: { before: '(err, data) => (', after: ')(err ? { error: err, ok: false } : { error: false, ok: true, code: 200, status: 200, body: data })' },
    },
  };
}
