import { isRtmConnectUrl, isRtmConnectUrlTail, isRtmStartUrl, isRtmStartUrlTail, METHODS } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

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

/** A URL to a host that is not Slack's (another vendor's API: `https://api.bearychat.com/v1`). */
const OTHER_HOST = /^https?:\/\/(?![\w.-]*slack\.com)[\w-]+(\.[\w-]+)+/;

/** True when the base a piece is appended to names another vendor's host somewhere in it. */
function baseIsOtherVendor(base: Node): boolean {
  const stack: Node[] = [base];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' && OTHER_HOST.test(node.value)) return true;
    if (node.type === AST_NODE_TYPES.BinaryExpression) stack.push(node.left, node.right);
    else if (node.type === AST_NODE_TYPES.CallExpression) stack.push(...node.arguments);
  }
  return false;
}

/** True when a string piece follows something else in a `+` chain (a base URL that may be Slack's). */
function followsABase(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.BinaryExpression) return parent.operator === '+' && parent.right === node && !baseIsOtherVendor(parent.left);
  // `new URL('rtm.start', base)`: relative to a base URL.
  return (
    parent?.type === AST_NODE_TYPES.NewExpression &&
    parent.callee.type === AST_NODE_TYPES.Identifier &&
    parent.callee.name === 'URL' &&
    parent.arguments[0] === node &&
    parent.arguments.length > 1
  );
}

/**
 * Which RTM method a string addresses over HTTP: a URL with `/api/rtm.start` (query included), a
 * piece `rtm.start?…` or `rtm.start` after a base in a `+` chain, or such a piece after a `${…}`.
 */
export function rtmMethodOfUrl(node: StringNode): RtmMethod | undefined {
  if (isIgnoredPosition(node)) return undefined;
  if (node.type === AST_NODE_TYPES.Literal) {
    const text = node.value;
    if (isRtmStartUrl(text) || (followsABase(node) && isRtmStartUrlTail(text))) return METHODS.rtmStart;
    if (isRtmConnectUrl(text) || (followsABase(node) && isRtmConnectUrlTail(text))) return METHODS.rtmConnect;
    return undefined;
  }
  const text = templateText(node);
  const tails = node.quasis.slice(1).map((q) => q.value.cooked ?? q.value.raw);
  const firstAfterBase = followsABase(node) ? [node.quasis[0]?.value.cooked ?? ''] : [];
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

export function urlUseOf(node: Node): UrlUse {
  let current: Node = node;
  while (current.parent && CARRIERS.has(current.parent.type)) current = current.parent;
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
