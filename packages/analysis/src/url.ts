import { isRtmConnectUrl, isRtmConnectUrlTail, isRtmStartUrl, isRtmStartUrlTail, METHODS, namesOtherVendorHost } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { resolveConst, staticString, unwrap } from './ast.js';
import type { Resolver } from './resolver.js';
import type { RtmMethod } from './sites.js';

type Node = TSESTree.Node;

/** A string the rules look at as a possible URL: a string literal or a template literal. */
export type StringNode = TSESTree.StringLiteral | TSESTree.TemplateLiteral;

/** Positions where a string is no URL: types, module specifiers, object keys. */
function isIgnoredPosition(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return true;
  switch (parent.type) {
    case AST_NODE_TYPES.TSLiteralType:
    case AST_NODE_TYPES.ImportDeclaration:
    case AST_NODE_TYPES.ExportAllDeclaration:
    case AST_NODE_TYPES.ExportNamedDeclaration:
    case AST_NODE_TYPES.ImportExpression:
    case AST_NODE_TYPES.TSExternalModuleReference:
    case AST_NODE_TYPES.TSModuleDeclaration:
    case AST_NODE_TYPES.TSEnumMember:
    case AST_NODE_TYPES.TSPropertySignature:
      return true;
    case AST_NODE_TYPES.Property:
      return parent.key === node && !parent.computed;
    case AST_NODE_TYPES.TemplateLiteral:
      return false;
    default:
      return false;
  }
}

/** The text of a template with each `${…}` replaced by a placeholder. */
export function templateText(node: TSESTree.TemplateLiteral): string {
  return node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('\u0000');
}

/**
 * True when the base a piece is appended to names another vendor's host (`namesOtherVendorHost`): its
 * value where it is known (`const BASE = 'https://api.acme.io'`, `+` and templates of constants),
 * else its leading piece (`BASE + version`, `` `${BASE}/${version}` ``), or a URL given to the call
 * that makes it (`getBasePath('https://api.bearychat.com/v1')`). `whole` is false for a leading piece,
 * whose text may go on. A base read from the environment or a parameter is not known: Slack's, maybe.
 */
function baseIsOtherVendor(resolver: Resolver, base: Node, whole = true, seen = new Set<Node>()): boolean {
  const value = staticString(resolver, base);
  if (value !== undefined) return namesOtherVendorHost(value, whole);
  const bare = resolveConst(resolver, base);
  if (seen.has(bare)) return false;
  seen.add(bare);
  if (bare.type === AST_NODE_TYPES.Identifier) return false;
  if (bare !== unwrap(base)) return baseIsOtherVendor(resolver, bare, whole, seen);
  if (bare.type === AST_NODE_TYPES.BinaryExpression && bare.operator === '+') return baseIsOtherVendor(resolver, bare.left, false, seen);
  if (bare.type === AST_NODE_TYPES.TemplateLiteral) return templateBaseIsOtherVendor(resolver, bare, bare.quasis.length, seen);
  if (bare.type === AST_NODE_TYPES.CallExpression) return bare.arguments.some((a) => baseIsOtherVendor(resolver, a, true, seen));
  return false;
}

/** The base a template's piece at `index` follows (the pieces and `${…}` before it) names another vendor's host. */
function templateBaseIsOtherVendor(resolver: Resolver, node: TSESTree.TemplateLiteral, index: number, seen = new Set<Node>()): boolean {
  const first = node.quasis[0]?.value.cooked ?? '';
  if (first !== '') return namesOtherVendorHost(first, false);
  const expression = node.expressions[0];
  return expression !== undefined && baseIsOtherVendor(resolver, expression, index === 1, seen);
}

/** The base a string piece follows: the left of a `+` chain, or `new URL('rtm.start', base)`'s. */
function baseOf(node: Node): Node | undefined {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.BinaryExpression) return parent.operator === '+' && parent.right === node ? parent.left : undefined;
  return parent?.type === AST_NODE_TYPES.NewExpression && parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === 'URL' && parent.arguments[0] === node ? parent.arguments[1] : undefined;
}

/** True when a string piece follows a base URL that may be Slack's. */
function followsABase(resolver: Resolver, node: Node): boolean {
  const base = baseOf(node);
  return base !== undefined && !baseIsOtherVendor(resolver, base);
}

/** The options' keys an HTTP library takes a request's address under. */
const URL_KEYS: ReadonlySet<string> = new Set(['url', 'uri', 'path']);

/**
 * A path given as a request's address (`{ url: '/rtm.start' }`) under a base its client was configured
 * with (`request.defaults({ baseUrl })`, `axios.create({ baseURL })`: blind s113/01, tinybot), where
 * that base is not known to be another vendor's.
 */
function pathUnderConfiguredBase(resolver: Resolver, node: TSESTree.StringLiteral): boolean {
  const property = node.parent;
  if (!node.value.startsWith('/') || property.type !== AST_NODE_TYPES.Property || property.value !== node || property.computed) return false;
  const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : String(property.key.value);
  if (!URL_KEYS.has(key)) return false;
  // The host written beside it (`{ hostname: 'api.acme.io', path: '/rtm.start' }`) is the base.
  const host = property.parent.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && !p.computed && p.key.type === AST_NODE_TYPES.Identifier && HOST_KEYS.has(p.key.name));
  if (host) {
    const text = staticString(resolver, host.value);
    return text === undefined || !namesOtherVendorHost(/^https?:\/\//i.test(text) ? text : `https://${text}`, true);
  }
  const base = configuredBase(resolver, property.parent);
  return base === undefined || !baseIsOtherVendor(resolver, base);
}

/** The options' keys a request names its host (or its base URL) under, beside its path. */
const HOST_KEYS: ReadonlySet<string> = new Set(['host', 'hostname', 'baseUrl', 'baseURL', 'prefixUrl']);

/** The options' keys a client made with a base URL keeps it under. */
const BASE_KEYS: ReadonlySet<string> = new Set(['baseUrl', 'baseURL', 'prefixUrl']);

/**
 * The base URL of the client a request's options go to, where it is written where the client is made:
 * `api({ url })` or `api.get({ url })` with `const api = request.defaults({ baseUrl: … })` (or any
 * `x.defaults(…)` / `x.create(…)` / `x.extend(…)` given such a key). Undefined where it is not seen.
 */
function configuredBase(resolver: Resolver, options: Node): Node | undefined {
  const call = options.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(options as TSESTree.CallExpressionArgument)) return undefined;
  const callee = unwrap(call.callee);
  const client = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : callee;
  const made = client.type === AST_NODE_TYPES.Identifier ? resolveConst(resolver, client) : undefined;
  if (made?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  for (const argument of made.arguments) {
    if (argument.type !== AST_NODE_TYPES.ObjectExpression) continue;
    for (const p of argument.properties) {
      if (p.type === AST_NODE_TYPES.Property && !p.computed && p.key.type === AST_NODE_TYPES.Identifier && BASE_KEYS.has(p.key.name)) return p.value;
    }
  }
  return undefined;
}

/** True when a string piece follows another vendor's base URL (`PULSE_API + 'rtm.start'`): that vendor's method, even as a bare name. */
export function followsOtherVendorBase(resolver: Resolver, node: Node): boolean {
  const base = baseOf(node);
  return base !== undefined && baseIsOtherVendor(resolver, base);
}

/**
 * Which RTM method a string addresses over HTTP: a URL with `/api/rtm.start` (query included), a
 * piece `rtm.start?…` or `rtm.start` after a base in a `+` chain, or such a piece after a `${…}`;
 * not a piece after another vendor's base (`${ACME}/rtm.start`), that vendor's method of the same name.
 */
export function rtmMethodOfUrl(resolver: Resolver, node: StringNode): RtmMethod | undefined {
  if (isIgnoredPosition(node)) return undefined;
  if (node.type === AST_NODE_TYPES.Literal) {
    const text = node.value;
    const underBase = followsABase(resolver, node) || pathUnderConfiguredBase(resolver, node);
    if (isRtmStartUrl(text) || (isRtmStartUrlTail(text) && underBase)) return METHODS.rtmStart;
    if (isRtmConnectUrl(text) || (isRtmConnectUrlTail(text) && underBase)) return METHODS.rtmConnect;
    return undefined;
  }
  const text = templateText(node);
  const firstAfterBase = followsABase(resolver, node) ? [node.quasis[0]?.value.cooked ?? ''] : [];
  const tails = node.quasis.flatMap((q, index) => (index > 0 && !templateBaseIsOtherVendor(resolver, node, index) ? [q.value.cooked ?? q.value.raw] : []));
  const pieces = [...firstAfterBase, ...tails];
  if (isRtmStartUrl(text) || pieces.some(isRtmStartUrlTail)) return METHODS.rtmStart;
  if (isRtmConnectUrl(text) || pieces.some(isRtmConnectUrlTail)) return METHODS.rtmConnect;
  return undefined;
}

/** Names of the query parameters in a URL string (`?token=x&no_unreads=1` → token, no_unreads). */
export function queryParameterNames(text: string): string[] {
  const query = text.includes('?') ? text.slice(text.indexOf('?') + 1) : text;
  return (query.split('#')[0] ?? '')
    .split('&')
    .map((pair) => decodeSafe(pair.split('=')[0] ?? ''))
    .filter((name) => name.length > 0);
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Where a URL string is used: the call (or `new`) it is an argument of, directly or inside a `+`
 * chain, a template or an options object (`https.request({ path: '/api/rtm.start' })`), and the
 * variable that holds the URL or the request, when there is one.
 */
export interface UrlUse {
  readonly request: TSESTree.CallExpression | TSESTree.NewExpression | undefined;
  /** The identifier declared with the URL (`const endpoint = base + 'rtm.start'`) or the request. */
  readonly holder: TSESTree.Identifier | undefined;
}

const CARRIERS = new Set<string>([
  AST_NODE_TYPES.BinaryExpression,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.Property,
  AST_NODE_TYPES.ObjectExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
]);

/** The global functions that encode a URL on its way to a request (`request(encodeURI(url), cb)`). */
export const URI_ENCODERS: ReadonlySet<string> = new Set(['encodeURI', 'encodeURIComponent']);

/** `encodeURI(node)`: the call that only encodes `node` (its one argument) on its way to a request. */
export function encodingCall(node: Node): TSESTree.CallExpression | undefined {
  const call = node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments.length !== 1 || call.arguments[0] !== node) return undefined;
  return call.callee.type === AST_NODE_TYPES.Identifier && URI_ENCODERS.has(call.callee.name) ? call : undefined;
}

export function urlUseOf(node: Node): UrlUse {
  let current: Node = node;
  for (;;) {
    while (current.parent && CARRIERS.has(current.parent.type)) current = current.parent;
    const encoded = encodingCall(current);
    if (!encoded) break;
    current = encoded;
  }
  const parent = current.parent;
  if ((parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.callee !== current) {
    // `const url = new URL('rtm.start', base)`: the requests are the calls `url` is given to.
    if (isNewUrl(parent)) return { request: undefined, holder: declaredBy(parent) };
    return { request: parent, holder: declaredBy(parent) };
  }
  return { request: undefined, holder: declaredBy(current) };
}

function isNewUrl(node: Node): boolean {
  return node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'URL';
}

/** `const x = <node>` (through `await` and chained calls like `.json()`) → `x`. */
function declaredBy(node: Node): TSESTree.Identifier | undefined {
  let current = node;
  while (current.parent && (current.parent.type === AST_NODE_TYPES.AwaitExpression || isTransparentParent(current))) {
    current = current.parent;
  }
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) {
    return parent.id;
  }
  return undefined;
}

function isTransparentParent(node: Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.TSAsExpression || parent?.type === AST_NODE_TYPES.TSNonNullExpression;
}
