import { unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, params, text, typescript, usesCallerName, type Node, type TransportResult } from './common.js';

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

export function fetchTransport(parsed: ParsedFile, literal: Node): TransportResult {
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
