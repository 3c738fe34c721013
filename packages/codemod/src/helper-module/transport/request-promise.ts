import { unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { link } from './chain.js';
import { calleeText, isFunction, params, typescript, usesCallerName, type Node, type TransportResult } from './common.js';
import { unbuiltReads } from './data-reads.js';
import { propertyOf, writtenObject, type RequestUrl } from './request-parts.js';

/** The request-promise packages: `rp(uri)` resolves the body text, `rp({ uri, json: true })` the parsed body. */
export const REQUEST_PROMISE = new Set(['request-promise', 'request-promise-native']);

/** `JSON.parse` on the global `JSON`. */
function isJsonParse(parsed: ParsedFile, node: Node): boolean {
  const bare = unwrap(node);
  if (bare.type !== AST_NODE_TYPES.MemberExpression || bare.computed || bare.object.type !== AST_NODE_TYPES.Identifier || bare.property.type !== AST_NODE_TYPES.Identifier) return false;
  return bare.object.name === 'JSON' && bare.property.name === 'parse' && !variableOf(parsed.resolver, bare.object)?.defs.length;
}

/** `.then(JSON.parse)` / `.then((body) => JSON.parse(body))` right after the request: the call that gives the data. */
function parsedThen(parsed: ParsedFile, request: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
  const next = link(request);
  const [fn, ...more] = next?.name === 'then' ? next.call.arguments : [];
  if (!next || !fn || more.length > 0) return undefined;
  if (isJsonParse(parsed, fn)) return next.call;
  const [param, ...others] = isFunction(fn) ? fn.params : [];
  if (!isFunction(fn) || param?.type !== AST_NODE_TYPES.Identifier || others.length > 0) return undefined;
  let body: Node | null | undefined = fn.body;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const [only, ...rest] = body.body;
    body = only?.type === AST_NODE_TYPES.ReturnStatement && rest.length === 0 ? only.argument : undefined;
  }
  const [arg, ...extra] = body?.type === AST_NODE_TYPES.CallExpression && isJsonParse(parsed, body.callee) ? body.arguments : [];
  return arg?.type === AST_NODE_TYPES.Identifier && arg.name === param.name && extra.length === 0 ? next.call : undefined;
}

/** `{ uri: url, json: true }`: the URL and `json: true` alone (a plain GET that parses the body). */
function jsonOptions(parsed: ParsedFile, options: TSESTree.ObjectExpression, url: Node): boolean {
  const json = propertyOf(parsed, options, 'json');
  const given = propertyOf(parsed, options, 'uri') ?? propertyOf(parsed, options, 'url');
  const value = json && unwrap(json.value);
  return options.properties.length === 2 && given?.value === url && value?.type === AST_NODE_TYPES.Literal && value.value === true;
}

/**
 * request-promise's `rp(url)` / `rp.get(url)` (the body text, read with `.then(JSON.parse)` right
 * after) or `rp({ uri: url, json: true })` (the parsed body): a GET whose arguments are in the URL's
 * query, or none (JavaScript). Each method goes through the same package, its arguments in `qs`, the body parsed.
 */
export function requestPromiseTransport(parsed: ParsedFile, request: TSESTree.CallExpression, url: RequestUrl, method: string | undefined): TransportResult {
  if (method !== undefined && method !== 'get') return { why: 'only a request-promise GET (`rp(url)`, `rp.get(url)`) is rebuilt' };
  if (typescript(parsed)) return { why: 'a request-promise call in TypeScript is not rebuilt yet (its Bluebird promise type is not checked against the helper module\'s)' };
  const [first, ...rest] = request.arguments;
  const options = first ? writtenObject(first) : undefined;
  const parsesJson = options !== undefined && jsonOptions(parsed, options, url.node);
  if (rest.length > 0 || !first || (first !== url.node && !parsesJson)) return { why: 'the request-promise options are not the URL alone or `{ uri, json: true }`' };
  const callee = calleeText(parsed, request.callee);
  const caller = `${params(parsed)} => ${callee}({ uri: ${url.url('apiMethod')}, qs: apiArgs, json: true })`;
  if (usesCallerName(url.url(''))) return { why: 'the request uses a name the rewrite would shadow' };
  // Body text read any other way (kept, matched, handed on) may go where the fields read are not seen.
  const replaced = parsesJson ? request : parsedThen(parsed, request);
  if (!replaced) return { why: 'the request-promise body text is not read with `.then(JSON.parse)` right after the request' };
  // The site's analysis follows an HTTP library's response, not a body the code parses: the data's reads are looked at here.
  const unbuilt = unbuiltReads(parsed, replaced, 'the code');
  return unbuilt ? { why: unbuilt } : { call: { start: replaced.range[0], end: replaced.range[1], caller, args: url.query } };
}
