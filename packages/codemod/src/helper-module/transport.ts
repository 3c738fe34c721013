import { unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { TransportCall } from '../plan.js';
import type { FoundSite } from '../scan/found.js';

type Node = TSESTree.Node;

/** The names the generated caller binds; a site whose transport already uses one of them is left alone. */
const CALLER_NAMES = ['apiMethod', 'apiArgs', 'resolve', 'reject', 'err', 'data'];

/** What the analysis could not see of a transport, for the TODO left at the site. */
export type TransportResult = { readonly call: TransportCall } | { readonly why: string };

/**
 * How the app's own transport is called, where the analysis can see it, so that the replacement calls
 * go through the same helper, with the same token passing and callback style (`rtmStartData(caller,
 * args)` with `caller` built from the app's code):
 * - the app's helper: `helper('rtm.start'[, { …args }][, (err, data) => …])`, method name first, the
 *   arguments second; a Node-style callback (two parameters or more, written out) as a statement of
 *   its own in JavaScript, or a promise used only through `await` / `.then` / `.catch` / `.finally`;
 * - `fetch(base + 'rtm.start', { …init })` (or the URL written out, or a template ending in it) followed
 *   by `.then((res) => res.json())`, with its arguments in `body: new URLSearchParams({ … })` or none.
 */
export function transportOf(parsed: ParsedFile, site: FoundSite): TransportResult {
  if (site.form === 'helper') return helperTransport(parsed, site);
  if (site.form === 'raw-url') return fetchTransport(parsed, site.node);
  return { why: 'not a transport the app calls itself' };
}

function text(parsed: ParsedFile, node: Node): string {
  return parsed.text.slice(node.range[0], node.range[1]);
}

const typescript = (parsed: ParsedFile): boolean => /\.[cm]?tsx?$/.test(parsed.file);

function usesCallerName(...texts: string[]): boolean {
  return texts.some((t) => CALLER_NAMES.some((name) => new RegExp(`\\b${name}\\b`).test(t)));
}

/** The caller's parameters, typed in TypeScript as the helper module's `SlackCall`. */
function params(parsed: ParsedFile): string {
  return typescript(parsed) ? '(apiMethod: string, apiArgs: Record<string, unknown>)' : '(apiMethod, apiArgs)';
}

function isFunction(node: Node): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
}

/** A function literal, or one `.bind(x)`-ed: what a Node-style callback looks like when it is written out. */
function writtenCallback(node: Node): TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | undefined {
  const bare = unwrap(node);
  if (isFunction(bare)) return bare;
  if (bare.type !== AST_NODE_TYPES.CallExpression || bare.arguments.length !== 1) return undefined;
  const callee = unwrap(bare.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const fn = unwrap(callee.object);
  return callee.property.name === 'bind' && isFunction(fn) ? fn : undefined;
}

function helperTransport(parsed: ParsedFile, site: FoundSite): TransportResult {
  const call = site.node;
  if (call.type !== AST_NODE_TYPES.CallExpression || !site.literal) return { why: 'the method name is not written out as the first argument' };
  const [name, args, callback, ...rest] = call.arguments;
  if (!name || call.arguments.indexOf(name) !== 0 || rest.length > 0) return { why: 'the helper takes more than a method name, arguments and a callback' };
  if (args && (unwrap(args).type !== AST_NODE_TYPES.ObjectExpression || !site.argsKnown)) {
    return { why: 'the second argument is not an object of arguments written out' };
  }
  const helper = text(parsed, call.callee);
  if (usesCallerName(helper)) return { why: `\`${helper}\` uses a name the rewrite would shadow` };
  const argsText = args ? text(parsed, args) : undefined;
  if (callback) {
    const fn = writtenCallback(callback);
    if (!fn || fn.params.length < 2) return { why: 'the callback is not a written-out Node-style `(err, data)` function' };
    if (typescript(parsed)) return { why: 'a Node-style callback in TypeScript (`callbackify` does not type a function with optional parameters)' };
    if (call.parent.type !== AST_NODE_TYPES.ExpressionStatement) return { why: "the helper's return value is used besides its callback" };
    const caller = `${params(parsed)} => new Promise((resolve, reject) => ${helper}(apiMethod, apiArgs, (err, data) => (err ? reject(err) : resolve(data))))`;
    return { call: { start: call.range[0], end: call.range[1], caller, args: argsText, callback: { start: callback.range[0], end: callback.range[1] } } };
  }
  const caller = `${params(parsed)} => ${helper}(apiMethod, apiArgs)`;
  const promiseUse = usedAsPromise(call);
  if (promiseUse === undefined) return { call: { start: call.range[0], end: call.range[1], caller, args: argsText } };
  // The helper's own kind of promise comes back, chained on a first call through it (JavaScript: its type is not known).
  if (typescript(parsed)) return { why: `${promiseUse}, and its type is not known here` };
  return { call: { start: call.range[0], end: call.range[1], caller, args: argsText, ownPromise: true } };
}

/**
 * Why a native promise may not take the place of the helper's own (which may have other methods, such
 * as `vow`'s `.fail`): the promise is handed on (returned, stored, passed) or chained with a method
 * other than `.then` / `.catch` / `.finally`. Undefined when it is only awaited or so chained.
 */
function usedAsPromise(call: Node): string | undefined {
  let value: Node = call;
  for (;;) {
    let outer = value;
    while (outer.parent && unwrap(outer.parent) !== outer.parent) outer = outer.parent;
    const parent = outer.parent;
    if (parent?.type === AST_NODE_TYPES.AwaitExpression || parent?.type === AST_NODE_TYPES.ExpressionStatement) return undefined;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== outer) {
      return "the helper's promise is handed on (returned, stored or passed): a native promise may not take the place of the helper's own";
    }
    const method = parent.computed || parent.property.type !== AST_NODE_TYPES.Identifier ? undefined : parent.property.name;
    const chained = parent.parent;
    if (!method || !['then', 'catch', 'finally'].includes(method) || chained.type !== AST_NODE_TYPES.CallExpression || chained.callee !== parent) {
      return `the helper's promise is chained with \`${method ?? '[…]'}\`, which a native promise does not have`;
    }
    value = chained;
  }
}

/** `base + 'rtm.start'`, `'https://…/api/rtm.start'`, `` `${base}rtm.start` ``: the text before the method name. */
function urlPrefix(parsed: ParsedFile, literal: Node): { url: Node; prefix: string } | undefined {
  const parent = literal.parent;
  if (literal.type === AST_NODE_TYPES.Literal && typeof literal.value === 'string') {
    const head = /^(.*\/)?rtm\.start$/s.exec(literal.value);
    if (!head) return undefined;
    const quote = parsed.text[literal.range[0]];
    const before = head[1] ?? '';
    if (parent?.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+' && parent.right === literal) {
      return { url: parent, prefix: before === '' ? text(parsed, parent.left) : `${text(parsed, parent.left)} + ${quote}${before}${quote}` };
    }
    return before === '' ? undefined : { url: literal, prefix: `${quote}${before}${quote}` };
  }
  if (literal.type === AST_NODE_TYPES.TemplateLiteral) {
    const last = literal.quasis.at(-1);
    if (!last || !/(^|\/)rtm\.start$/.test(last.value.raw)) return undefined;
    const raw = text(parsed, literal);
    return { url: literal, prefix: `${raw.slice(0, raw.length - 'rtm.start`'.length)}\`` };
  }
  return undefined;
}

/** `(res) => res.json()` / `function (res) { return res.json(); }`. */
function readsJson(node: Node | undefined): boolean {
  const first = node && isFunction(node) && node.params.length === 1 ? node.params[0] : undefined;
  if (!node || !isFunction(node) || first?.type !== AST_NODE_TYPES.Identifier) return false;
  const param = first.name;
  let body: Node | null | undefined = node.body;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const [only, ...more] = body.body;
    body = only?.type === AST_NODE_TYPES.ReturnStatement && more.length === 0 ? only.argument : undefined;
  }
  if (body?.type !== AST_NODE_TYPES.CallExpression || body.arguments.length > 0) return false;
  const callee = body.callee;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    callee.property.name === 'json' &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === param
  );
}

function fetchTransport(parsed: ParsedFile, literal: Node): TransportResult {
  if (!text(parsed, literal).includes('rtm.start')) return { why: 'the URL does not spell `rtm.start` out' };
  const found = urlPrefix(parsed, literal);
  if (!found) return { why: 'the URL has a query or is not a base followed by `rtm.start`' };
  const request = found.url.parent;
  if (request?.type !== AST_NODE_TYPES.CallExpression || request.arguments[0] !== found.url) return { why: 'the URL is not the first argument of the request' };
  if (request.callee.type !== AST_NODE_TYPES.Identifier || request.callee.name !== 'fetch') return { why: 'only `fetch` requests are rebuilt (axios, got, request and `https.request` are not yet)' };
  const [, init, ...rest] = request.arguments;
  if (rest.length > 0 || (init && init.type !== AST_NODE_TYPES.ObjectExpression)) return { why: 'the request options are not written out' };
  const props = init?.properties ?? [];
  if (props.some((p) => p.type !== AST_NODE_TYPES.Property || p.computed || p.kind !== 'init')) return { why: 'the request options are not written out' };
  const isBody = (p: TSESTree.ObjectLiteralElement): boolean => p.type === AST_NODE_TYPES.Property && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === 'body';
  const body = props.find(isBody);
  let args: string | undefined;
  if (body?.type === AST_NODE_TYPES.Property) {
    const value = unwrap(body.value);
    const object = value.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'URLSearchParams' ? value.arguments[0] : undefined;
    const fields = object && unwrap(object);
    if (fields?.type !== AST_NODE_TYPES.ObjectExpression || fields.properties.some((p) => p.type !== AST_NODE_TYPES.Property || p.computed) || body.shorthand) {
      return { why: 'the body is not `new URLSearchParams({ …arguments… })`' };
    }
    args = text(parsed, fields);
  }
  // The response: `.then((res) => res.json())` right after the request (an awaited response read later is not followed).
  const member = request.parent;
  const jsonCall = member.parent;
  if (
    member.type !== AST_NODE_TYPES.MemberExpression ||
    member.object !== request ||
    member.computed ||
    member.property.type !== AST_NODE_TYPES.Identifier ||
    member.property.name !== 'then' ||
    jsonCall?.type !== AST_NODE_TYPES.CallExpression ||
    jsonCall.arguments.length !== 1 ||
    !readsJson(jsonCall.arguments[0])
  ) {
    return { why: 'the response is not read with `.then((res) => res.json())` right after the request' };
  }
  const [readJson] = jsonCall.arguments;
  if (!readJson) return { why: 'the response is not read with `.then((res) => res.json())` right after the request' };
  const kept = props.filter((p) => !isBody(p)).map((p) => text(parsed, p));
  const encoded = typescript(parsed) ? 'new URLSearchParams(apiArgs as Record<string, string>)' : 'new URLSearchParams(apiArgs)';
  const then = text(parsed, readJson);
  if (usesCallerName(found.prefix, ...kept, then)) return { why: 'the request uses a name the rewrite would shadow' };
  // Arguments go where the original put them: in a form body, or in the query when it sent none.
  const caller = body
    ? `${params(parsed)} => fetch(${found.prefix} + apiMethod, { ${[...kept, `body: ${encoded}`].join(', ')} }).then(${then})`
    : `${params(parsed)} => fetch(${found.prefix} + apiMethod + '?' + ${encoded}${init ? `, ${text(parsed, init)}` : ''}).then(${then})`;
  return { call: { start: jsonCall.range[0], end: jsonCall.range[1], caller, args } };
}
