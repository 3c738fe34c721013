import { propertyKeyName, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeText, isFunction, params, text, typescript, usesCallerName, type Node, type TransportResult } from './common.js';
import { okCheckedJson } from './fetch-ok-chain.js';
import { formText, readsOnlyBody, writtenObject, type RequestUrl } from './request-parts.js';

/** `(res) => res.json()` / `function (res) { return res.json(); }`. */
export function readsJson(node: Node | undefined): boolean {
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

/** `.then((res) => res.json())` right after the request: the call that gives the body. */
function jsonThen(request: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
  const member = request.parent;
  const call = member.parent;
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== request || member.computed || member.property.type !== AST_NODE_TYPES.Identifier || member.property.name !== 'then') return undefined;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === member && call.arguments.length === 1 && readsJson(call.arguments[0]) ? call : undefined;
}

/**
 * A form body held in a variable, `const body = new URLSearchParams([{ … }])` filled by
 * `body.append(k, v)` / `body.set(k, v)` statements before the request and given to it alone: the
 * arguments are what it holds when the request is made, `Object.fromEntries(body)`.
 */
function heldForm(parsed: ParsedFile, value: Node, request: Node): string | undefined {
  const id = unwrap(value);
  if (id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(parsed.resolver, id);
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id !== def.name) return undefined;
  const init = def.node.init && unwrap(def.node.init);
  if (init?.type !== AST_NODE_TYPES.NewExpression || init.callee.type !== AST_NODE_TYPES.Identifier || init.callee.name !== 'URLSearchParams') return undefined;
  if (init.arguments.length > 1 || (init.arguments[0] && !writtenObject(init.arguments[0]))) return undefined;
  for (const reference of variable.references) {
    if (reference.identifier === def.name || reference.identifier === id) continue;
    const member = reference.identifier.parent;
    const fill = member.parent;
    const filled =
      member.type === AST_NODE_TYPES.MemberExpression &&
      !member.computed &&
      member.property.type === AST_NODE_TYPES.Identifier &&
      ['append', 'set'].includes(member.property.name) &&
      fill?.type === AST_NODE_TYPES.CallExpression &&
      fill.parent.type === AST_NODE_TYPES.ExpressionStatement &&
      fill.range[1] <= request.range[0];
    if (!filled) return undefined;
  }
  return `Object.fromEntries(${text(parsed, id)})`;
}

/**
 * `fetch(url[, { …init written out… }])`: the arguments in a form body (`new URLSearchParams({ … })`,
 * a variable filled before, or form text such as `` `token=${t}&no_unreads=1` ``), or in the URL's
 * query, or none; the body read with
 * `.then((res) => res.json())` right after, or `res.json()` on the awaited response and nothing else.
 */
export function fetchTransport(parsed: ParsedFile, request: TSESTree.CallExpression, url: RequestUrl): TransportResult {
  const [, init, ...rest] = request.arguments;
  if (rest.length > 0 || (init && !writtenObject(init))) return { why: 'the request options are not written out' };
  const props = writtenObject(init)?.properties ?? [];
  const isBody = (p: TSESTree.ObjectLiteralElement): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(parsed.resolver, p) === 'body';
  const body = props.find(isBody);
  let args = url.query;
  if (body) {
    if (url.query) return { why: 'the request sends arguments both in the query and in the body' };
    const value = unwrap(body.value);
    const object = !body.shorthand && value.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'URLSearchParams' ? writtenObject(value.arguments[0]) : undefined;
    args = object ? text(parsed, object) : (heldForm(parsed, body.value, request) ?? (body.shorthand ? undefined : formText(parsed, body.value)));
    if (!args) return { why: 'the body is not `new URLSearchParams({ …arguments… })`, a `URLSearchParams` filled just before, or form text of plain names and values' };
  }
  const jsonCall = jsonThen(request);
  const [readJson] = jsonCall?.arguments ?? [];
  const onlyJson = !jsonCall && readsOnlyBody(parsed, request, 'json', true);
  const okChecked = !jsonCall && !onlyJson ? okCheckedJson(parsed, request, readsJson) : undefined;
  if (!jsonCall && !onlyJson && !okChecked) {
    return { why: 'the response is not read with `.then((res) => res.json())` right after the request (past `res.ok` checks), nor only with `res.json()`' };
  }
  const kept = props.filter((p) => !isBody(p)).map((p) => text(parsed, p));
  const encoded = typescript(parsed) ? 'new URLSearchParams(apiArgs as Record<string, string>)' : 'new URLSearchParams(apiArgs)';
  const then = readJson ? text(parsed, readJson) : '(res) => res.json()';
  const to = url.url('apiMethod');
  if (usesCallerName(url.url(''), ...kept, then)) return { why: 'the request uses a name the rewrite would shadow' };
  // Arguments go where the original put them: in a form body, or in the query when it sent none.
  const fetch = calleeText(parsed, request.callee);
  const caller = body
    ? `${params(parsed)} => ${fetch}(${to}, { ${[...kept, `body: ${encoded}`].join(', ')} }).then(${then})`
    : `${params(parsed)} => ${fetch}(${to} + '?' + ${encoded}${init ? `, ${text(parsed, init)}` : ''}).then(${then})`;
  const replaced = jsonCall ?? request;
  // A response read only with `.json()`: one that answers the rebuilt data there (and `ok`, the HTTP status checked
  // before: the helper resolves only where each method's answer came back, else it rejects as a failed check would).
  const response = okChecked ? '{ ok: true, json: async () => data }' : '{ json: async () => data }';
  return { call: { start: replaced.range[0], end: replaced.range[1], caller, args, ...(jsonCall ? {} : { then: `.then((data) => (${response}))` }) } };
}
