import { originOf, propertyKeyName, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { text, type Node } from './common.js';
import { encodedQuery } from './encoded-query.js';

/**
 * The parts of a raw HTTP request that the rebuilt caller reuses: how the URL of `rtm.start` is made
 * (so that another method's URL is made the same way), the arguments it sends, how they are encoded,
 * and how the response body is read. Each answers undefined where the code does not show it plainly.
 */

/** A piece of a URL expression: literal text, or code whose value is spliced in. */
type Piece = { readonly text: string } | { readonly node: Node };

/** How the request's URL is made: `url(method)` is the same URL for another method; `query` the arguments it carried. */
export interface RequestUrl {
  /** The whole URL expression, as the request is given it. */
  readonly node: Node;
  readonly url: (method: string) => string;
  /** The query's arguments as an object literal's text (`{ token: token, no_unreads: '1' }`), when the URL had a query. */
  readonly query: string | undefined;
  /** Statements that only made the URL (`const url = new URL(…)`, `url.searchParams.set(…)`), to remove with the request. */
  readonly removals?: readonly { readonly start: number; readonly end: number }[];
}

/** `a + 'b' + c`, `` `a${b}` ``: the pieces, in order. */
function piecesOf(node: Node): Piece[] | undefined {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.Literal) return typeof bare.value === 'string' ? [{ text: bare.value }] : undefined;
  if (bare.type === AST_NODE_TYPES.BinaryExpression && bare.operator === '+') {
    const left = piecesOf(bare.left);
    const right = piecesOf(bare.right);
    return left && right ? [...left, ...right] : undefined;
  }
  if (bare.type === AST_NODE_TYPES.TemplateLiteral) {
    const pieces: Piece[] = [];
    bare.quasis.forEach((q, i) => {
      if (q.value.cooked) pieces.push({ text: q.value.cooked });
      const expression = bare.expressions[i];
      if (expression) pieces.push({ node: expression });
    });
    return pieces;
  }
  return [{ node: bare }];
}

/** The largest `+` chain or template the URL literal is part of. */
function wholeUrl(literal: Node): Node {
  let node = literal;
  while (node.parent?.type === AST_NODE_TYPES.BinaryExpression && node.parent.operator === '+') node = node.parent;
  return node;
}

const SIMPLE = new Set<string>([AST_NODE_TYPES.Identifier, AST_NODE_TYPES.MemberExpression, AST_NODE_TYPES.CallExpression, AST_NODE_TYPES.Literal, AST_NODE_TYPES.ThisExpression]);

function pieceCode(parsed: ParsedFile, piece: Piece, quote: string): string {
  if ('text' in piece) return quote + piece.text.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`) + quote;
  const code = text(parsed, piece.node);
  return SIMPLE.has(piece.node.type) ? code : `(${code})`;
}

/** `encodeURIComponent(x)` → `x`: the value before the URL encoding the new caller does itself. */
function decoded(node: Node): Node {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.CallExpression && bare.callee.type === AST_NODE_TYPES.Identifier && bare.callee.name === 'encodeURIComponent' && bare.arguments.length === 1 && bare.arguments[0]) {
    return bare.arguments[0];
  }
  return bare;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `token=' + t + '&no_unreads=1`: each name with a literal value or one expression, as an object literal's text. */
function queryObject(parsed: ParsedFile, pieces: readonly Piece[], quote: string): string | undefined {
  const entries: string[] = [];
  let name: string | undefined;
  let value: string | undefined;
  const close = (): boolean => {
    if (name === undefined) return true;
    if (!IDENTIFIER.test(name) && !/^[\w.-]+$/.test(name)) return false;
    entries.push(`${IDENTIFIER.test(name) ? name : quote + name + quote}: ${value ?? `${quote}${quote}`}`);
    name = undefined;
    value = undefined;
    return true;
  };
  for (const piece of pieces) {
    if ('node' in piece) {
      // A whole value, nothing else: `token=${t}`.
      if (name === undefined || value !== undefined) return undefined;
      value = text(parsed, decoded(piece.node));
      continue;
    }
    const parts = piece.text.split('&');
    for (const [i, part] of parts.entries()) {
      if (i > 0 && !close()) return undefined;
      if (part === '') continue;
      if (name !== undefined) return undefined; // text after a value spliced in: `token=${t}x`
      const eq = part.indexOf('=');
      if (eq < 0 || /[%+#]/.test(part)) return undefined;
      name = part.slice(0, eq);
      const literal = part.slice(eq + 1);
      value = literal === '' ? undefined : quote + literal + quote;
    }
  }
  return close() && entries.length > 0 ? `{ ${entries.join(', ')} }` : undefined;
}

/**
 * The URL of `rtm.start` as the code makes it: a literal, a `+` chain (`base + 'rtm.start'`), or a
 * template, with a query or none (`'…/rtm.start?token=' + token`, or `'…/rtm.start?' + query` where
 * the query is one encoding of arguments written out, see encoded-query.ts). The method name must be
 * the end of the path, and each query value a literal or one expression.
 */
export function requestUrl(parsed: ParsedFile, literal: Node): RequestUrl | undefined {
  const node = wholeUrl(literal);
  const pieces = piecesOf(node);
  if (!pieces) return undefined;
  const at = pieces.findIndex((p) => 'text' in p && p.text.includes('rtm.start'));
  const piece = pieces[at];
  if (!piece || !('text' in piece) || pieces.some((p, i) => i !== at && 'text' in p && p.text.includes('rtm.start'))) return undefined;
  const [head, tail = ''] = piece.text.split(/rtm\.start/);
  if (head === undefined || (head !== '' && !head.endsWith('/')) || (at === 0 && head === '') || (tail !== '' && !tail.startsWith('?'))) return undefined;
  const first = parsed.text[literal.range[0]];
  const quote = first === '"' ? '"' : "'";
  const base = [...pieces.slice(0, at), ...(head === '' ? [] : [{ text: head }])].map((p) => pieceCode(parsed, p, quote));
  const rest = [...(tail.length > 1 ? [{ text: tail.slice(1) }] : []), ...pieces.slice(at + 1)];
  if (tail === '' && rest.length > 0) return undefined;
  const [only, ...others] = rest;
  const encoded = tail === '?' && only && 'node' in only && others.length === 0 ? encodedQuery(parsed, only.node) : undefined;
  const query = encoded ? encoded.args : rest.length > 0 ? queryObject(parsed, rest, quote) : undefined;
  if (rest.length > 0 && !query) return undefined;
  if (encoded) return { node, url: (method) => [...base, method].join(' + '), query, removals: encoded.removals };
  if (node.type === AST_NODE_TYPES.TemplateLiteral && !query) {
    // `${api}/rtm.start` → `${api}/` + method: the template kept as it was written.
    const raw = text(parsed, node);
    return { node, url: (method) => `${raw.slice(0, raw.length - 'rtm.start`'.length)}\` + ${method}`, query };
  }
  return { node, url: (method) => [...base, method].join(' + '), query };
}

/**
 * `const url = new URL('https://…/api/rtm.start')` (or `new URL('rtm.start', base)`), its query set by
 * `url.searchParams.set('name', value)` / `.append(…)` statements, and given to one request: the URL
 * for another method is made the same way, the arguments are the names and values set, and the
 * declaration and the statements that set them go (they would name `rtm.start` for nothing).
 */
export function heldUrl(parsed: ParsedFile, literal: Node): RequestUrl | undefined {
  const made = literal.parent;
  if (made?.type !== AST_NODE_TYPES.NewExpression || made.callee.type !== AST_NODE_TYPES.Identifier || made.callee.name !== 'URL' || made.arguments[0] !== literal) return undefined;
  const held = heldIn(parsed, made);
  if (!held) return undefined;
  const fills = held.uses.map(queryFill);
  const given = held.uses.filter((_, i) => !fills[i]);
  const [request] = given;
  if (!request || given.length > 1 || held.uses.some((id) => id.range[0] > request.range[0])) return undefined;
  const [, base, ...rest] = made.arguments;
  if (rest.length > 0) return undefined;
  let url: (method: string) => string;
  if (base) {
    if (literal.type !== AST_NODE_TYPES.Literal || literal.value !== 'rtm.start') return undefined;
    url = (method) => `new URL(${method}, ${text(parsed, base)}).href`;
  } else {
    const written = requestUrl(parsed, literal);
    if (!written || written.query) return undefined;
    url = written.url;
  }
  const entries: string[] = [];
  for (const fill of fills) {
    if (!fill) continue;
    const [name, value, ...more] = fill.call.arguments;
    if (name?.type !== AST_NODE_TYPES.Literal || typeof name.value !== 'string' || !value || more.length > 0) return undefined;
    if (!/^[A-Za-z_$][\w$]*$/.test(name.value) || entries.some((e) => e.startsWith(`${name.value}:`))) return undefined;
    entries.push(`${name.value}: ${text(parsed, value)}`);
  }
  const removals = [held.declaration, ...fills.flatMap((f) => (f ? [f.statement] : []))].map((s) => wholeLines(parsed.text, s));
  return { node: request, url, query: entries.length > 0 ? `{ ${entries.join(', ')} }` : undefined, removals };
}

/**
 * `const endpoint = SLACK_API + 'rtm.start'` given to one request and used nowhere else (as it is, or
 * followed by a query there: `endpoint + '?token=' + token`): the URL is made as the declaration made
 * it, which goes with the request.
 */
export function heldString(parsed: ParsedFile, literal: Node): RequestUrl | undefined {
  const written = requestUrl(parsed, literal);
  const held = written && heldIn(parsed, written.node);
  const [request, ...more] = held?.uses ?? [];
  if (!written || !held || !request || more.length > 0) return undefined;
  return heldUrlGiven(parsed, literal, written, request, [wholeLines(parsed.text, held.declaration)]);
}

/**
 * The request URL where a URL written once is read (`request`, the one read of the name or property
 * holding it): as it is, or followed by a query there (`START_URI + '?token=' + token`). `removals`
 * take away what held it.
 */
export function heldUrlGiven(parsed: ParsedFile, literal: Node, written: RequestUrl, request: Node, removals: RequestUrl['removals']): RequestUrl | undefined {
  const given = wholeUrl(request);
  if (given === request) return { ...written, node: request, removals };
  // `START_URI + '?token=' + token`: the held URL given its query where it is used.
  const [first, mark, ...others] = piecesOf(given) ?? [];
  if (written.query || !first || !('node' in first) || first.node !== request || !mark || !('text' in mark) || !mark.text.startsWith('?')) return undefined;
  // `this.startUrl + '?' + querystring.stringify({ token: this.token })`: the encoded object's arguments.
  const [only, ...more] = others;
  const encoded = mark.text === '?' && only && 'node' in only && more.length === 0 ? encodedQuery(parsed, only.node) : undefined;
  if (encoded) return { ...written, node: given, query: encoded.args, removals: [...(removals ?? []), ...encoded.removals] };
  const quote = parsed.text[literal.range[0]] === '"' ? '"' : "'";
  const query = queryObject(parsed, [...(mark.text.length > 1 ? [{ text: mark.text.slice(1) }] : []), ...others], quote);
  return query ? { ...written, node: given, query, removals } : undefined;
}

/** `const x = <value>;` (one declarator, never assigned again): the declaration and the uses of `x`. */
export function heldIn(parsed: ParsedFile, value: Node): { declaration: Node; uses: TSESTree.Identifier[] } | undefined {
  const declarator = value.parent;
  const declaration = declarator?.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== value || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1) return undefined;
  const id = declarator.id;
  const variable = variableOf(parsed.resolver, id);
  if (variable?.defs.length !== 1 || variable.references.some((r) => r.isWrite() && r.identifier !== id)) return undefined;
  const uses = variable.references.map((r) => r.identifier).filter((use): use is TSESTree.Identifier => use !== id && use.type === AST_NODE_TYPES.Identifier);
  return { declaration, uses };
}

/** A statement's lines, from the start of its first line to the end of its last one (line break included). */
export function wholeLines(source: string, statement: Node): { start: number; end: number } {
  const lineStart = source.lastIndexOf('\n', statement.range[0] - 1) + 1;
  const start = /^[ \t]*$/.test(source.slice(lineStart, statement.range[0])) ? lineStart : statement.range[0];
  const lineEnd = source.indexOf('\n', statement.range[1]);
  const end = lineEnd >= 0 && /^[ \t\r]*$/.test(source.slice(statement.range[1], lineEnd)) ? lineEnd + 1 : statement.range[1];
  return { start, end };
}

/** `url.searchParams.set(k, v);` / `.append(k, v);` as a statement: the call and its statement. */
function queryFill(id: TSESTree.Identifier): { call: TSESTree.CallExpression; statement: Node } | undefined {
  const params = id.parent;
  const method = params.parent;
  const call = method?.parent;
  const filled =
    params.type === AST_NODE_TYPES.MemberExpression && params.object === id && !params.computed && params.property.type === AST_NODE_TYPES.Identifier && params.property.name === 'searchParams' &&
    method?.type === AST_NODE_TYPES.MemberExpression && !method.computed && method.property.type === AST_NODE_TYPES.Identifier && ['set', 'append'].includes(method.property.name);
  return filled && call?.type === AST_NODE_TYPES.CallExpression && call.callee === method && call.parent.type === AST_NODE_TYPES.ExpressionStatement ? { call, statement: call.parent } : undefined;
}

/**
 * A form body written as text, `` `token=${encodeURIComponent(t)}&no_unreads=1` `` or
 * `'token=' + t`: its names and values as an object literal's text.
 */
export function formText(parsed: ParsedFile, node: Node): string | undefined {
  const bare = unwrap(node);
  if (bare.type !== AST_NODE_TYPES.TemplateLiteral && bare.type !== AST_NODE_TYPES.BinaryExpression && bare.type !== AST_NODE_TYPES.Literal) return undefined;
  const pieces = piecesOf(bare);
  const first = parsed.text[bare.range[0]];
  return pieces && 'text' in (pieces[0] ?? {}) ? queryObject(parsed, pieces, first === '"' ? '"' : "'") : undefined;
}

/** An object literal written out: plain `key: value` properties (shorthand too), no spread, no computed key, no method. */
export function writtenObject(node: Node | undefined): TSESTree.ObjectExpression | undefined {
  const bare = node && unwrap(node);
  if (bare?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const plain = bare.properties.every((p) => p.type === AST_NODE_TYPES.Property && !p.computed && p.kind === 'init' && !p.method);
  return plain ? bare : undefined;
}

/** The property `name` of an object literal written out. */
export function propertyOf(parsed: ParsedFile, object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  return object.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(parsed.resolver, p) === name);
}

/** The other properties' text, in order. */
export function otherProperties(parsed: ParsedFile, object: TSESTree.ObjectExpression | undefined, ...names: string[]): string[] {
  return (object?.properties ?? []).filter((p) => !(p.type === AST_NODE_TYPES.Property && names.includes(propertyKeyName(parsed.resolver, p) ?? ''))).map((p) => text(parsed, p));
}

/** Arguments encoded by a call the caller can make again: `qs.stringify({ … })`, `querystring.stringify({ … })`, `new URLSearchParams({ … })`. */
export interface EncodedArgs {
  readonly args: string;
  readonly encode: (args: string) => string;
}

export function encodedArgs(parsed: ParsedFile, node: Node): EncodedArgs | undefined {
  const bare = unwrap(node);
  if (bare.type !== AST_NODE_TYPES.CallExpression && bare.type !== AST_NODE_TYPES.NewExpression) return undefined;
  const [only, ...more] = bare.arguments;
  const object = writtenObject(only);
  if (!object || more.length > 0) return undefined;
  const callee = unwrap(bare.callee);
  if (bare.type === AST_NODE_TYPES.NewExpression) {
    if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'URLSearchParams') return undefined;
    return { args: text(parsed, object), encode: (args) => `new URLSearchParams(${args})` };
  }
  const module = callee.type === AST_NODE_TYPES.MemberExpression ? originOf(parsed.resolver, callee)?.module : undefined;
  const name = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  if ((module !== 'qs' && module !== 'querystring' && module !== 'node:querystring') || name !== 'stringify') return undefined;
  const encoder = text(parsed, callee);
  return { args: text(parsed, object), encode: (args) => `${encoder}(${args})` };
}

/** The module the value of `node` comes from (`require('axios')`, `import got from 'got'`), if any. */
export function moduleOf(parsed: ParsedFile, node: Node): string | undefined {
  return originOf(parsed.resolver, node)?.module;
}

/**
 * True when every use of the response `value` (a promise of it, or the response itself when `awaited`
 * is false) reads the body through `member` alone (`res.data`, `{ data }`, `res.json()`): what lets a
 * response that only carries the rebuilt data take its place.
 */
export function readsOnlyBody(parsed: ParsedFile, value: Node, member: string, call: boolean): boolean {
  let outer = value;
  while (outer.parent && unwrap(outer.parent) !== outer.parent) outer = outer.parent;
  const parent = outer.parent;
  if (parent?.type === AST_NODE_TYPES.AwaitExpression) return holdsOnlyBody(parsed, parent, member, call);
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== outer || parent.computed || parent.property.type !== AST_NODE_TYPES.Identifier) return false;
  const then = parent.parent;
  if (parent.property.name !== 'then' || then.type !== AST_NODE_TYPES.CallExpression || then.callee !== parent) return false;
  const fn = then.arguments[0];
  if (!fn || (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression)) return false;
  const param = fn.params[0];
  return param !== undefined && fn.params.length === 1 && patternReadsOnly(parsed, param, member, call);
}

/** `const res = await x` / `const { data } = await x` / `(await x).data`. */
function holdsOnlyBody(parsed: ParsedFile, awaited: Node, member: string, call: boolean): boolean {
  let outer = awaited;
  while (outer.parent && unwrap(outer.parent) !== outer.parent) outer = outer.parent;
  const parent = outer.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === outer) return patternReadsOnly(parsed, parent.id, member, call);
  return parent !== undefined && isBodyRead(parent, outer, member, call);
}

function isBodyRead(parent: Node, object: Node, member: string, call: boolean): boolean {
  if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== object || parent.computed || parent.property.type !== AST_NODE_TYPES.Identifier || parent.property.name !== member) return false;
  return !call || (parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent && parent.parent.arguments.length === 0);
}

function patternReadsOnly(parsed: ParsedFile, pattern: Node, member: string, call: boolean): boolean {
  if (pattern.type === AST_NODE_TYPES.ObjectPattern) {
    return !call && pattern.properties.length > 0 && pattern.properties.every((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(parsed.resolver, p) === member);
  }
  if (pattern.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(parsed.resolver, pattern);
  const reads = variable?.references.filter((r) => r.identifier !== pattern) ?? [];
  return reads.length > 0 && reads.every((r) => r.isReadOnly() && isBodyRead(r.identifier.parent, r.identifier, member, call));
}

/** The type argument of `axios.get<T>(…)` / `.json<T>()`, to keep the type the code gave the body. */
export function typeArgument(parsed: ParsedFile, call: TSESTree.CallExpression): string | undefined {
  const [only] = call.typeArguments?.params ?? [];
  return only ? text(parsed, only) : undefined;
}

/**
 * `encodeURI(url)` around a URL `requestUrl` took apart: the same URL, the call standing for it, where
 * encodeURI can only have escaped what the rebuilt request escapes itself. So the written text
 * (the base and every name) must be left as it is by encodeURI, and the code spliced in must be plain
 * values after `name=` (a name or a member, not `encodeURIComponent(…)` nor an encoded query, whose
 * `%` encodeURI escapes again). Each value reaches Slack as the rebuild sends it (its own encoding),
 * except one holding `&`, `=`, `+` or `#`, which encodeURI leaves to split the query: the same as the
 * URL written without encodeURI, which rtm-migrate already rebuilds.
 */
export function uriEncodedUrl(url: RequestUrl, encoding: TSESTree.CallExpression): RequestUrl | undefined {
  if (url.removals) return undefined;
  const pieces = piecesOf(url.node) ?? [];
  const valuesOnly = pieces.every((piece, i) => {
    if ('text' in piece) return encodeURI(piece.text) === piece.text;
    const before = pieces[i - 1];
    return before !== undefined && 'text' in before && /[?&][\w.]+=$/.test(before.text) && (piece.node.type === AST_NODE_TYPES.Identifier || piece.node.type === AST_NODE_TYPES.MemberExpression);
  });
  return valuesOnly ? { ...url, node: encoding } : undefined;
}
