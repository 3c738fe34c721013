import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { memberName, propertyKeyName, unwrap } from './ast.js';
import { isHttpRequest } from './origin.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/** How far up from the value its request is looked for: through objects, arrays and `JSON.stringify`. */
const MAX_HOPS = 8;

/**
 * `request({ url, json: true, body: data })`, `axios.post(url, { team: data })`,
 * `fetch(url, { method: 'POST', body: JSON.stringify(data) })`: the value goes out of the program in a
 * request of a known HTTP library (in its options, its body, or as an argument), through the objects
 * and arrays it is put in and `JSON.stringify`. The receiving service reads what it likes, where no
 * run-time warning of the program can reach: the request's callee, as a report names it, else undefined.
 */
export function sentByRequest(resolver: Resolver, value: Node): string | undefined {
  let current: Node = value;
  // Given as an HTTP request's body in options that name a URL (`{ url, method: 'POST', json: true, body: data }`).
  let asBody = false;
  for (let hops = 0; hops < MAX_HOPS; hops++) {
    const parent = current.parent;
    if (!parent) return undefined;
    if (parent.type === AST_NODE_TYPES.Property && parent.value === current) {
      const options = parent.parent;
      asBody ||= BODY_KEYS.has(propertyName(resolver, parent) ?? '') && options.type === AST_NODE_TYPES.ObjectExpression && options.properties.some((p) => p.type === AST_NODE_TYPES.Property && URL_KEYS.has(propertyName(resolver, p) ?? ''));
      current = parent;
      continue;
    }
    if (unwrap(parent) !== parent || parent.type === AST_NODE_TYPES.ObjectExpression || parent.type === AST_NODE_TYPES.ArrayExpression) {
      current = parent;
      continue;
    }
    if (parent.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.some((a) => a === current)) return undefined;
    if (isJsonStringify(resolver, parent.callee)) {
      current = parent;
      continue;
    }
    // A library's request, or any call given request options with the value as their body (`this._request(…)` of `request.defaults(…)`: blind s107/05).
    return isHttpRequest(resolver, parent) || asBody ? calleeText(parent.callee) : undefined;
  }
  return undefined;
}

/** Options of an HTTP request that carry what it sends (request's `body` / `json` / `form`, axios's `data`). */
const BODY_KEYS = new Set(['body', 'json', 'form', 'formData', 'data', 'multipart']);
/** Options of an HTTP request that name where it goes. */
const URL_KEYS = new Set(['url', 'uri', 'baseUrl', 'baseURL']);

/** A key written out (`body:`, `'url':`), as ast.ts's propertyKeyName reads it; a computed one is not taken. */
function propertyName(resolver: Resolver, property: TSESTree.Property): string | undefined {
  return property.computed ? undefined : propertyKeyName(resolver, property);
}

function isJsonStringify(resolver: Resolver, callee: Node): boolean {
  const bare = unwrap(callee);
  return bare.type === AST_NODE_TYPES.MemberExpression && bare.object.type === AST_NODE_TYPES.Identifier && bare.object.name === 'JSON' && memberName(resolver, bare) === 'stringify';
}

/** `request`, `axios.post`, `request.post`: the callee as written, for a report. */
function calleeText(callee: Node): string {
  const bare = unwrap(callee);
  if (bare.type === AST_NODE_TYPES.Identifier) return bare.name;
  if (bare.type === AST_NODE_TYPES.MemberExpression && !bare.computed && bare.property.type === AST_NODE_TYPES.Identifier) {
    const object = unwrap(bare.object);
    return object.type === AST_NODE_TYPES.Identifier ? `${object.name}.${bare.property.name}` : object.type === AST_NODE_TYPES.ThisExpression ? `this.${bare.property.name}` : bare.property.name;
  }
  return 'the request';
}
