import { SUPERAGENT_CARRIERS, SUPERAGENT_KEPT, superagentHelperAnswer } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeText, params, readsOnlyMembers, shadowedInCallback, text, typescript, usesCallerName, writtenCallback, type TransportResult } from './common.js';
import { readsLibraryThis } from './callback-this.js';
import { linksToEnd, type Link } from './chain.js';
import { readsOnlyBody, writtenObject, type RequestUrl } from './request-parts.js';

/** Links of the chain that set how the request is made (kept as they are), and those that carry the arguments: the analysis' own. */
const KEPT = SUPERAGENT_KEPT;
const CARRIERS = SUPERAGENT_CARRIERS;

/**
 * superagent's chain, `superagent.post(url)[.type('form')][.set(…)…].send({ … }) | .query({ … })`,
 * ended by `.end((err, res) => …)` as a statement of its own, or used as a promise (`.then((res) => …)`,
 * `await`) read only as `res.body` (JavaScript: in TypeScript the callback would lose the types
 * superagent gives its parameters). Each method goes through the same chain, its arguments in the same
 * link (or in the query when the request sent none), the body read as superagent parsed it; the
 * callback is still called once, `(err, res)`, `res` a 200 response carrying that body.
 */
export function superagentTransport(parsed: ParsedFile, request: TSESTree.CallExpression, url: RequestUrl): TransportResult {
  if (typescript(parsed)) return { why: "a superagent chain in TypeScript (the callback would lose the types superagent gives its parameters)" };
  if (request.arguments.length !== 1) return { why: 'the superagent request is given more than its URL' };
  const { links, end } = linksToEnd(request, (name) => KEPT.has(name) || CARRIERS.has(name));
  const carriers = links.filter((l) => CARRIERS.has(l.name));
  const [carrier, ...more] = carriers;
  const object = carrier?.call.arguments.length === 1 ? writtenObject(carrier.call.arguments[0]) : undefined;
  if (more.length > 0 || (carrier && !object)) return { why: 'the superagent arguments are not one object written out (`send({ … })` or `query({ … })`)' };
  if (object && url.query) return { why: 'the request sends arguments both in the URL and in `send` / `query`' };
  const chain = links.at(-1)?.call ?? request;
  const rebuilt = [
    `${calleeText(parsed, request.callee)}(${url.url('apiMethod')})`,
    ...links.map((l) => (l === carrier ? `.${l.name}(apiArgs)` : `.${l.name}(${l.call.arguments.map((a) => text(parsed, a)).join(', ')})`)),
    ...(carrier ? [] : ['.query(apiArgs)']),
  ].join('');
  const kept = links.filter((l) => l !== carrier).map((l) => text(parsed, l.call)).map((t) => t.slice(t.indexOf('(')));
  if (usesCallerName(url.url(''), ...kept)) return { why: 'the request uses a name the rewrite would shadow' };
  // Through `.end`, which every superagent version has (`.then` came with 2.0).
  const caller = `${params(parsed)} => new Promise((resolve, reject) => ${rebuilt}.end((err, res) => (err ? reject(err) : resolve(res.body))))`;
  return superagentAnswer(parsed, chain, end, caller, object ? text(parsed, object) : url.query);
}

/**
 * The app's own helper answering superagent's request built from the method name and its arguments
 * (see the analysis' superagent-helper.ts): each method goes through the same helper, ended with
 * `.end`, its arguments given as the caller gave them; the call's answer rebuilt as superagent's.
 */
export function superagentHelperTransport(parsed: ParsedFile, call: TSESTree.CallExpression): TransportResult {
  if (typescript(parsed)) return { why: "a superagent helper in TypeScript (the callback would lose the types superagent gives its parameters)" };
  const given = call.arguments[1];
  if (given && writtenObject(given) === undefined) return { why: 'the helper is given arguments that are not one object written out' };
  const helper = text(parsed, call.callee);
  if (usesCallerName(helper)) return { why: `\`${helper}\` uses a name the rewrite would shadow` };
  // A helper that answers a promise of the response (its `.then` hands it on) has no `.end` to call: its promise's body.
  const caller =
    superagentHelperAnswer(parsed.resolver, call) === 'promise'
      ? `${params(parsed)} => ${helper}(apiMethod, apiArgs).then((res) => res.body)`
      : `${params(parsed)} => new Promise((resolve, reject) => ${helper}(apiMethod, apiArgs).end((err, res) => (err ? reject(err) : resolve(res.body))))`;
  const answer = superagentAnswer(parsed, call, linksToEnd(call, () => false).end, caller, given && text(parsed, given));
  // superagent answered Slack's `ok: false` as a 200 body: so must the rewrite.
  return 'call' in answer ? { call: { ...answer.call, answersSlackErrors: true } } : answer;
}

/**
 * The request `chain` ended by `end` (`.end((err, res) => …)` as a statement of its own) or used as a
 * promise read only as `res.body`: the callback is still called once, `(err, res)`, `res` a 200
 * response carrying the body; the promise resolves `{ body }`.
 */
function superagentAnswer(parsed: ParsedFile, chain: TSESTree.CallExpression, end: Link | undefined, caller: string, args: string | undefined): TransportResult {
  if (!end) {
    if (!readsOnlyBody(parsed, chain, 'body', false)) return { why: 'the superagent response is not ended with `.end(callback)` nor read only as `res.body` of its promise' };
    return { call: { start: chain.range[0], end: chain.range[1], caller, args, then: '.then((body) => ({ body }))' } };
  }
  const [callbackNode, ...extra] = end.call.arguments;
  const fn = callbackNode && writtenCallback(callbackNode);
  if (!callbackNode || !fn || extra.length > 0 || fn.params.length !== 2) return { why: 'the request is not ended with a written-out `(err, res)` callback' };
  if (end.call.parent.type !== AST_NODE_TYPES.ExpressionStatement) return { why: "the request's return value is used besides its callback" };
  if (readsLibraryThis(parsed, callbackNode, fn)) return { why: 'the callback uses `this`' };
  if (!readsOnlyMembers(parsed, fn.params[1], ['body', 'ok', 'status'])) return { why: 'the callback reads the response for more than `body`, `ok` and `status`' };
  if (shadowedInCallback(parsed, fn)) return { why: 'the callback uses a name the rewrite would shadow' };
  return {
    call: {
      start: end.call.range[0],
      end: end.call.range[1],
      caller,
      args,
      callback: { start: callbackNode.range[0], end: callbackNode.range[1] },
      callbackAround: { before: '(err, data) => (', after: ')(err, data && { status: 200, ok: true, body: data })' },
    },
  };
}
