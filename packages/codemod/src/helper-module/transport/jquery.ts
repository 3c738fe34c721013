import { unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { readsLibraryThis } from './callback-this.js';
import { calleeText, params, shadowedInCallback, usesCallerName, writtenCallback, text, type TransportResult } from './common.js';
import { writtenObject, type RequestUrl } from './request-parts.js';

/**
 * jQuery's `$.getJSON(url, { …data }, function (json) { … })`, the call a statement of its own (its
 * jqXHR unused): each method goes through the same `$.getJSON`, its arguments as the request data
 * (jQuery serialises them into the query as it did the token), the answer parsed by jQuery. The
 * success function is still called once with the parsed answer (Slack's `ok: false` too, a 200 body
 * jQuery hands to it); on a failed request it is not called, as jQuery would not call it.
 * Only this shorthand is rebuilt: `$.ajax` settings and `$.get` / `$.post` (whose data may be the
 * callback, and whose answer is parsed by its content type) stay TODOs. The success function must
 * take the answer alone: jQuery's `textStatus` and jqXHR have no counterpart in the rebuilt data,
 * nor has its `this` (the request settings).
 */
export function jqueryTransport(parsed: ParsedFile, request: TSESTree.CallExpression, url: RequestUrl): TransportResult {
  const callee = unwrap(request.callee);
  const name = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  if (name !== 'getJSON') return { why: "among jQuery's Ajax calls only `$.getJSON(url, data, success)` is rebuilt" };
  if (request.parent.type !== AST_NODE_TYPES.ExpressionStatement) return { why: "the jqXHR `$.getJSON` answers is used, where the answer may pass through" };
  const [, dataNode, success, ...more] = request.arguments;
  const data = writtenObject(dataNode);
  if (more.length > 0 || !data || data.properties.some((p) => p.type !== AST_NODE_TYPES.Property)) return { why: 'the request data is not one object written out, followed by the success function' };
  if (url.query && data.properties.length > 0) return { why: 'the request sends arguments both in the URL and in its data' };
  const fn = success && writtenCallback(success);
  if (!success || !fn || fn.params.length > 1 || fn.params.some((p) => p.type !== AST_NODE_TYPES.Identifier)) return { why: "the success function is not written out taking the answer alone (jQuery's `textStatus` and jqXHR are not rebuilt)" };
  if (readsLibraryThis(parsed, success, fn)) return { why: 'the success function uses `this` (the request settings)' };
  if (shadowedInCallback(parsed, fn) || usesCallerName(url.url(''))) return { why: 'the call uses a name the rewrite would shadow' };
  const send = `new Promise((resolve, reject) => ${calleeText(parsed, request.callee)}(${url.url('apiMethod')}, apiArgs, resolve).fail((xhr, status, error) => reject(new Error(error || status))))`;
  return {
    call: {
      start: request.range[0],
      end: request.range[1],
      caller: `${params(parsed)} => ${send}`,
      args: url.query ?? text(parsed, data),
      callback: { start: success.range[0], end: success.range[1] },
      // A failed request calls no success function, as jQuery calls none.
      callbackAround: { before: '(err, data) => err || (', after: ')(data)' },
    },
  };
}
