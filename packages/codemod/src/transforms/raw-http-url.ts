import { isRtmStartOnlyArg, METHODS } from '@rtm-migrate/core';
import type { ASTPath } from 'jscodeshift';
import {
  enclosingStatement,
  endOf,
  findSiteNode,
  isObjectLiteral,
  lineStart,
  startOf,
  todoAbove,
  type AnyNode,
  type Edit,
  type PropertyNode,
  type Transform,
  type TransformContext,
} from './common.js';
import { removeProperties } from './drop-args.js';

/**
 * A node as this transform reads it, of whichever shape (literals, properties, members, calls,
 * declarations) and parser (babel, tsx, flow): every field it reads is declared, all optional.
 */
interface N extends AnyNode {
  readonly name?: string;
  /** A literal's value, or a property's value node. */
  readonly value?: unknown;
  readonly computed?: boolean;
  readonly shorthand?: boolean;
  readonly method?: boolean;
  readonly kind?: string;
  readonly operator?: string;
  readonly key?: N;
  readonly object?: N;
  readonly property?: N;
  readonly callee?: N;
  readonly left?: N;
  readonly expression?: N;
  readonly init?: N | null;
  readonly id?: N;
  readonly arguments?: N[];
  readonly properties?: N[];
  readonly quasis?: N[];
  readonly declarations?: N[];
  readonly body?: unknown;
  readonly consequent?: unknown;
}

/** What ast-types' scope (typed `any` there) offers this transform. */
interface Scope {
  lookup(name: string): Scope | null;
  getBindings(): Record<string, ASTPath<N>[] | undefined>;
  readonly path: ASTPath;
}

/** The node a property holds, when it holds one. */
function valueNode(property: N): N | undefined {
  const v = property.value;
  return typeof v === 'object' && v !== null && 'type' in v ? (v as N) : undefined;
}

/** Child paths by field names (`get('declarations', 0, 'init')`), typed. */
function child(path: ASTPath<N>, ...names: (string | number)[]): ASTPath<N> {
  return path.get(...names) as ASTPath<N>;
}

/** The paths of the nodes in a list field (`arguments`, `properties`). */
function children(path: ASTPath<N>, name: string): ASTPath<N>[] {
  const list = child(path, name).value as unknown;
  return Array.isArray(list) ? list.map((_, i) => child(path, name, i)) : [];
}

const URL_TYPES = ['StringLiteral', 'Literal', 'TemplateLiteral'] as const;
/** Option keys of HTTP clients (fetch, axios, got, request…) that carry the method arguments. */
const BODY_KEYS = new Set(['body', 'data', 'form', 'formData', 'json', 'params', 'qs', 'query', 'searchParams']);
/** Properties of a `request` / `https.request` options object that hold the URL. */
const URL_KEYS = new Set(['url', 'uri', 'path', 'href']);

/** `/api/rtm.start` or a leading `rtm.start` tail, followed by the end of the piece, `?` or `#`. */
const START_IN_PIECE = /(^|\/)rtm\.start(?=$|[?#])/;

interface Piece {
  /** Offsets of the piece's raw text (inside the quotes / backticks) in the source. */
  readonly start: number;
  readonly end: number;
  /** Nothing follows the piece in the URL (the last piece of a literal that is not concatenated on). */
  readonly last: boolean;
}

function keyOf(p: N | undefined): string | undefined {
  if (!p || p.computed || !p.key) return undefined;
  if (p.key.type === 'Identifier') return p.key.name;
  if (typeof p.key.value === 'string') return p.key.value;
  return undefined;
}

const isProperty = (p: N | undefined): p is N & PropertyNode =>
  p !== undefined && (p.type === 'ObjectProperty' || p.type === 'Property') && !p.method && p.kind !== 'get' && p.kind !== 'set';
/** The text of a string literal; undefined for anything else. */
const stringOf = (n: N | undefined): string | undefined =>
  n && (n.type === 'StringLiteral' || n.type === 'Literal') && typeof n.value === 'string' ? n.value : undefined;
const isMember = (n: N | undefined): n is N & { object: N; property: N } =>
  (n?.type === 'MemberExpression' || n?.type === 'OptionalMemberExpression') && n.object !== undefined && n.property !== undefined;
/** `new <name>(…)` / `<name>(…)` with a plain identifier callee. */
const calls = (n: N | undefined, type: string, name: string): boolean => n?.type === type && n.callee?.type === 'Identifier' && n.callee.name === name;

/** The raw-text pieces of a literal, in order. */
function piecesOf(node: N, concatenatedOn: boolean): Piece[] {
  if (node.type === 'TemplateLiteral') {
    const quasis = node.quasis ?? [];
    return quasis.map((q, i) => ({ start: startOf(q), end: endOf(q), last: i === quasis.length - 1 && !concatenatedOn }));
  }
  return [{ start: startOf(node) + 1, end: endOf(node) - 1, last: !concatenatedOn }];
}

/**
 * Rewrites the query of a URL piece: drops `name=value` parameters that only `rtm.start` accepted when
 * they are written out whole in the piece (a value continued by `${…}` or `+ x` is left alone).
 * `from` is where the query starts in the piece (after `?`), or 0 for a later piece of the same query.
 */
function dropQuery(raw: string, from: number, later: boolean, last: boolean): string {
  const hash = raw.indexOf('#', from);
  const end = hash === -1 ? raw.length : hash;
  const segments = raw.slice(from, end).split('&');
  const kept = segments.filter((seg, i) => {
    if (later && i === 0) return true; // the value of a parameter started before this piece
    if (i === segments.length - 1 && hash === -1 && !last) return true; // continued after the piece
    const name = seg.split('=')[0] ?? '';
    return !isRtmStartOnlyArg(name);
  });
  if (kept.length === segments.length) return raw;
  const query = kept.join('&');
  let head = raw.slice(0, from);
  // `rtm.connect?` with nothing left after it: drop the `?` too.
  if (!later && query === '' && head.endsWith('?') && (hash !== -1 || last)) head = head.slice(0, -1);
  return head + query + raw.slice(end);
}

/** The edits that turn `rtm.start` into `rtm.connect` in the literal (and drop start-only query parameters). */
function urlEdits(ctx: TransformContext, node: N, concatenatedOn: boolean): Edit[] | undefined {
  const pieces = piecesOf(node, concatenatedOn);
  const edits: Edit[] = [];
  let inQuery = false;
  let renamed = false;
  for (const piece of pieces) {
    const raw = ctx.source.slice(piece.start, piece.end);
    let next = raw;
    if (!renamed) {
      const m = START_IN_PIECE.exec(raw);
      if (!m) continue;
      const at = m.index + (m[1] ?? '').length;
      next = raw.slice(0, at) + METHODS.rtmConnect + raw.slice(at + 'rtm.start'.length);
      renamed = true;
      const rest = at + METHODS.rtmConnect.length;
      if (next[rest] === '?') {
        inQuery = true;
        next = dropQuery(next, rest + 1, false, piece.last);
      }
    } else if (inQuery) {
      next = dropQuery(raw, 0, true, piece.last);
      if (next.includes('#')) inQuery = false;
    }
    if (next !== raw) edits.push({ start: piece.start, end: piece.end, text: next });
  }
  return renamed ? edits : undefined;
}

const visited = new WeakSet<object>();

/** Drops start-only keys from an object literal (never the object itself: `{}` stays). */
function dropKeys(ctx: TransformContext, obj: N | undefined): void {
  if (!isObjectLiteral(obj) || visited.has(obj)) return;
  visited.add(obj);
  const props = obj.properties.filter((p) => isProperty(p) && isRtmStartOnlyArg(keyOf(p) ?? ''));
  if (props.length > 0) removeProperties(ctx, obj, props);
}

/** `X.append('no_unreads', …);` / `X.searchParams.set('no_unreads', …);` statements after `decl`, removed whole. */
function dropParamStatements(ctx: TransformContext, declStatement: ASTPath<N>, name: string, viaSearchParams: boolean): void {
  const block = (declStatement.parent as ASTPath<N> | undefined)?.node;
  const body = block?.body ?? block?.consequent;
  if (!Array.isArray(body)) return;
  const statements = body as N[];
  for (const st of statements.slice(statements.indexOf(declStatement.node) + 1)) {
    if (st.type !== 'ExpressionStatement') continue;
    const call = st.expression;
    const callee = call?.callee;
    if (call?.type !== 'CallExpression' || !isMember(callee)) continue;
    const method = callee.computed ? undefined : callee.property.name;
    if (method !== 'append' && method !== 'set') continue;
    const object = callee.object;
    const target = viaSearchParams
      ? object.type === 'MemberExpression' && !object.computed && object.property?.name === 'searchParams'
        ? object.object
        : undefined
      : object;
    if (target?.type !== 'Identifier' || target.name !== name) continue;
    const key = stringOf(call.arguments?.[0]);
    if (key === undefined || !isRtmStartOnlyArg(key)) continue;
    removeStatement(ctx, st);
  }
}

/** Removes a statement; with its line when it is alone on it. */
function removeStatement(ctx: TransformContext, st: N): void {
  const [stStart, stEnd] = [startOf(st), endOf(st)];
  const start = lineStart(ctx.source, stStart);
  const nl = ctx.source.indexOf('\n', stEnd);
  const end = nl === -1 ? ctx.source.length : nl + 1;
  const alone = /^[ \t]*$/.test(ctx.source.slice(start, stStart)) && /^[ \t]*\r?\n?$/.test(ctx.source.slice(stEnd, end));
  ctx.edits.push(alone ? { start, end, text: '' } : { start: stStart, end: stEnd, text: '' });
}

/**
 * A `const` / `let` / `var` the request reads (`{ body }`, `fetch(url)`), declared in a statement of a
 * block, that nothing else reads: every other reference only appends or sets parameters on it.
 */
function soleUseBinding(ctx: TransformContext, id: ASTPath<N>): { declarator: N; statement: ASTPath<N> } | undefined {
  const name = id.node.name;
  if (name === undefined) return undefined;
  const scope = (id.scope as Scope | null | undefined)?.lookup(name);
  const binding = scope?.getBindings()[name];
  const bound = binding?.[0];
  if (!scope || !bound || binding.length !== 1) return undefined;
  const declPath = bound.parent as ASTPath<N> | undefined;
  if (declPath?.node.type !== 'VariableDeclarator' || declPath.node.id !== bound.node) return undefined;
  const statement = declPath.parent as ASTPath<N> | undefined;
  if (statement?.node.type !== 'VariableDeclaration' || statement.node.declarations?.length !== 1) return undefined;
  const up = (p: ASTPath<N> | undefined): ASTPath<N> | undefined => p?.parent as ASTPath<N> | undefined;
  let others = 0;
  ctx.j(scope.path)
    .find(ctx.j.Identifier, { name })
    .forEach((p: ASTPath<N>) => {
      const parent = up(p)?.node;
      if (p.node === bound.node || p.node === id.node) return;
      if (isMember(parent) && parent.property === p.node && !parent.computed) return;
      if (isProperty(parent) && parent.key === p.node && !parent.shorthand) return;
      if (isProperty(parent) && parent.shorthand && valueNode(parent)?.start === id.node.start) return;
      if (isMember(parent) && parent.object === p.node) {
        const member = up(up(p))?.node;
        const via = member?.type === 'MemberExpression' && member.object === parent ? member : parent;
        const call = (via === parent ? up(up(p)) : up(up(up(p))))?.node;
        const method = via.property?.name ?? '';
        if (call?.type === 'CallExpression' && call.callee === via && ['append', 'set', 'delete'].includes(method)) return;
      }
      others++;
    });
  return others === 0 ? { declarator: declPath.node, statement } : undefined;
}

/** Drops start-only arguments from a request's body / params value: literals, `URLSearchParams`, `qs.stringify`. */
function dropFromValue(ctx: TransformContext, path: ASTPath<N>, depth = 0): void {
  // A path to an absent field (`init` of `let x;`) holds no node.
  const node = path.node as N | null | undefined;
  if (!node) return;
  if (node.type === 'ObjectExpression') {
    dropKeys(ctx, node);
    if (depth > 0) return;
    for (const pp of children(path, 'properties')) {
      const key = keyOf(pp.node);
      if (isProperty(pp.node) && key && BODY_KEYS.has(key)) dropFromValue(ctx, child(pp, 'value'), depth + 1);
    }
    return;
  }
  if (calls(node, 'NewExpression', 'URLSearchParams')) {
    dropKeys(ctx, node.arguments?.[0]);
    return;
  }
  if (node.type === 'CallExpression') {
    const callee = node.callee;
    const name = callee?.type === 'Identifier' ? callee.name : callee?.type === 'MemberExpression' && !callee.computed ? callee.property?.name : undefined;
    if (name === 'stringify' || name === 'encode') dropKeys(ctx, node.arguments?.[0]);
    return;
  }
  if (node.type === 'Identifier' && node.name !== undefined && depth < 3) {
    const bound = soleUseBinding(ctx, path);
    const init = bound?.declarator.init;
    if (!bound || !init) return;
    dropFromValue(ctx, child(bound.statement, 'declarations', 0, 'init'), 1);
    if (calls(init, 'NewExpression', 'URLSearchParams')) dropParamStatements(ctx, bound.statement, node.name, false);
  }
}

const WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'ParenthesizedExpression', 'TSSatisfiesExpression', 'TSTypeAssertion']);

/** The arguments of the request the URL goes to: `fetch(url, { body })`, `request.post({ url, form })`, `new URL(…)`. */
function dropRequestArgs(ctx: TransformContext, literal: ASTPath<N>): void {
  const up = (p: ASTPath<N> | undefined): ASTPath<N> | undefined => p?.parent as ASTPath<N> | undefined;
  // The whole URL expression: the literal, or the `+` concatenation it is part of.
  let url: ASTPath<N> = literal;
  for (let p = up(url); p && ((p.node.type === 'BinaryExpression' && p.node.operator === '+') || WRAPPERS.has(p.node.type)); p = up(url)) url = p;
  let holder = up(url);
  let optionsObject: ASTPath<N> | undefined;
  if (holder && isProperty(holder.node) && holder.node.value === url.node && URL_KEYS.has(keyOf(holder.node) ?? '')) {
    optionsObject = up(holder);
    holder = up(optionsObject);
    if (optionsObject?.node.type !== 'ObjectExpression') return;
  }
  if (!holder) return;
  const call = holder.node;
  if (calls(call, 'NewExpression', 'URL')) {
    // `const url = new URL('…/rtm.start'); url.searchParams.set('no_unreads', '1');`
    const declarator = up(holder);
    const declaration = up(declarator);
    const id = declarator?.node.id;
    if (declarator?.node.type === 'VariableDeclarator' && id?.type === 'Identifier' && id.name !== undefined && declaration?.node.type === 'VariableDeclaration') {
      dropParamStatements(ctx, declaration, id.name, true);
    }
    return;
  }
  if (call.type !== 'CallExpression' && call.type !== 'OptionalCallExpression' && call.type !== 'NewExpression') return;
  const target = optionsObject?.node ?? url.node;
  if (!call.arguments?.includes(target)) return;
  for (const arg of children(holder, 'arguments')) {
    if (arg.node === url.node) continue;
    if (arg.node.type === 'ArrowFunctionExpression' || arg.node.type === 'FunctionExpression') continue;
    dropFromValue(ctx, arg);
  }
}

/**
 * Raw HTTP (`fetch`, axios, got, request, `https.request`, `new URL`): the URL literal that spells
 * `rtm.start` out is rewritten to `rtm.connect` in place (a string, a template, the `rtm.start?…` piece
 * of a concatenation), and start-only arguments written out in the same request are dropped: in the
 * query string, an object literal body / params, `URLSearchParams`, `qs.stringify`. The raw response
 * is not followed, so a `TODO(rtm-migrate)` comment above it names what the code still has to fetch.
 */
export const rawHttpUrlTransform: Transform = (ctx) => {
  for (const site of ctx.sites) {
    if (ctx.handled.has(site) || site.form !== 'raw-url' || site.rewrite !== 'connect-todo') continue;
    const path = findSiteNode(ctx, site, URL_TYPES);
    // No statement to put the TODO above: never rename without it (left to the TODO transform).
    if (!path || !enclosingStatement(path)) continue;
    const parent = (path.parent as ASTPath<N> | undefined)?.node;
    const concatenatedOn = parent?.type === 'BinaryExpression' && parent.operator === '+' && parent.left === path.node;
    const edits = urlEdits(ctx, path.node, concatenatedOn);
    if (!edits) continue; // left to the TODO transform
    const before = ctx.edits.length;
    ctx.edits.push(...edits);
    dropRequestArgs(ctx, path);
    const added = todoAbove(ctx, path, site.message);
    ctx.handled.add(site);
    ctx.outcomes.push({ site, rewrite: 'connect-todo', changed: added || ctx.edits.length > before, message: site.message });
  }
};

