import { isRtmStartOnlyArg, METHODS } from '@rtm-migrate/core';
import type { ASTPath } from 'jscodeshift';
import { enclosingStatement, endOf, findSiteNode, lineStart, startOf, todoAbove, type Edit, type Transform, type TransformContext } from './common.js';
import { removeProperties } from './drop-args.js';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return --
   Nodes of jscodeshift's babel, tsx and flow parsers are read through the untyped `N`: the parsers disagree
   on shapes (Literal / StringLiteral, start / range). Typing them with ast-types' namedTypes is still to do. */
type N = any;

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

function keyOf(p: N): string | undefined {
  if (!p || p.computed || !p.key) return undefined;
  if (p.key.type === 'Identifier') return p.key.name;
  if (typeof p.key.value === 'string') return p.key.value;
  return undefined;
}

const isProperty = (p: N): boolean => p && (p.type === 'ObjectProperty' || p.type === 'Property') && !p.method && p.kind !== 'get' && p.kind !== 'set';
const isString = (n: N): boolean => n && (n.type === 'StringLiteral' || (n.type === 'Literal' && typeof n.value === 'string'));

/** The raw-text pieces of a literal, in order. */
function piecesOf(node: N, concatenatedOn: boolean): Piece[] {
  if (node.type === 'TemplateLiteral') {
    return node.quasis.map((q: N, i: number) => ({ start: q.start, end: q.end, last: i === node.quasis.length - 1 && !concatenatedOn }));
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
function dropKeys(ctx: TransformContext, obj: N): void {
  if (obj?.type !== 'ObjectExpression' || visited.has(obj)) return;
  visited.add(obj);
  const props = obj.properties.filter((p: N) => isProperty(p) && isRtmStartOnlyArg(keyOf(p) ?? ''));
  if (props.length > 0) removeProperties(ctx, obj, props);
}

/** `X.append('no_unreads', …);` / `X.searchParams.set('no_unreads', …);` statements after `decl`, removed whole. */
function dropParamStatements(ctx: TransformContext, declStatement: ASTPath<N>, name: string, viaSearchParams: boolean): void {
  const block = declStatement.parent?.node;
  const body: N[] | undefined = block?.body ?? block?.consequent;
  if (!Array.isArray(body)) return;
  for (const st of body.slice(body.indexOf(declStatement.node) + 1)) {
    if (st.type !== 'ExpressionStatement') continue;
    const call = st.expression;
    if (call.type !== 'CallExpression' || (call.callee.type !== 'MemberExpression' && call.callee.type !== 'OptionalMemberExpression')) continue;
    const method = call.callee.computed ? undefined : call.callee.property.name;
    if (method !== 'append' && method !== 'set') continue;
    const target = viaSearchParams
      ? call.callee.object.type === 'MemberExpression' && !call.callee.object.computed && call.callee.object.property.name === 'searchParams'
        ? call.callee.object.object
        : undefined
      : call.callee.object;
    if (target?.type !== 'Identifier' || target.name !== name) continue;
    const key = call.arguments[0];
    if (!isString(key) || !isRtmStartOnlyArg(key.value)) continue;
    removeStatement(ctx, st);
  }
}

/** Removes a statement; with its line when it is alone on it. */
function removeStatement(ctx: TransformContext, st: N): void {
  const start = lineStart(ctx.source, st.start);
  const nl = ctx.source.indexOf('\n', st.end);
  const end = nl === -1 ? ctx.source.length : nl + 1;
  const alone = /^[ \t]*$/.test(ctx.source.slice(start, st.start)) && /^[ \t]*\r?\n?$/.test(ctx.source.slice(st.end, end));
  ctx.edits.push(alone ? { start, end, text: '' } : { start: st.start, end: st.end, text: '' });
}

/**
 * A `const` / `let` / `var` the request reads (`{ body }`, `fetch(url)`), declared in a statement of a
 * block, that nothing else reads: every other reference only appends or sets parameters on it.
 */
function soleUseBinding(ctx: TransformContext, id: ASTPath<N>): { declarator: N; statement: ASTPath<N> } | undefined {
  const name = id.node.name;
  const scope = id.scope?.lookup(name);
  const binding = scope?.getBindings()[name];
  if (binding?.length !== 1) return undefined;
  const declPath = binding[0].parent as ASTPath<N> | undefined;
  if (declPath?.node.type !== 'VariableDeclarator' || declPath.node.id !== binding[0].node) return undefined;
  const statement = declPath.parent as ASTPath<N> | undefined;
  if (statement?.node.type !== 'VariableDeclaration' || statement.node.declarations.length !== 1) return undefined;
  let others = 0;
  ctx.j(scope.path)
    .find(ctx.j.Identifier, { name })
    .forEach((p: ASTPath<N>) => {
      const parent = p.parent?.node;
      if (p.node === binding[0].node || p.node === id.node) return;
      if (parent && (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === p.node && !parent.computed) return;
      if (parent && isProperty(parent) && parent.key === p.node && !parent.shorthand) return;
      if (parent && isProperty(parent) && parent.shorthand && parent.value?.start === id.node.start) return;
      if (parent && (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.object === p.node) {
        const member = p.parent.parent?.node;
        const via = member?.type === 'MemberExpression' && member.object === parent ? member : parent;
        const call = (via === parent ? p.parent.parent : p.parent.parent.parent)?.node;
        const method = via.property?.name;
        if (call?.type === 'CallExpression' && call.callee === via && ['append', 'set', 'delete'].includes(method)) return;
      }
      others++;
    });
  return others === 0 ? { declarator: declPath.node, statement } : undefined;
}

/** Drops start-only arguments from a request's body / params value: literals, `URLSearchParams`, `qs.stringify`. */
function dropFromValue(ctx: TransformContext, path: ASTPath<N>, depth = 0): void {
  const node = path.node;
  if (!node) return;
  if (node.type === 'ObjectExpression') {
    dropKeys(ctx, node);
    if (depth > 0) return;
    (path as N).get('properties').each((pp: ASTPath<N>) => {
      const key = keyOf(pp.node);
      if (isProperty(pp.node) && key && BODY_KEYS.has(key)) dropFromValue(ctx, (pp as N).get('value'), depth + 1);
    });
    return;
  }
  if (node.type === 'NewExpression' && node.callee.type === 'Identifier' && node.callee.name === 'URLSearchParams') {
    dropKeys(ctx, node.arguments[0]);
    return;
  }
  if (node.type === 'CallExpression') {
    const callee = node.callee;
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : undefined;
    if (name === 'stringify' || name === 'encode') dropKeys(ctx, node.arguments[0]);
    return;
  }
  if (node.type === 'Identifier' && depth < 3) {
    const bound = soleUseBinding(ctx, path);
    if (!bound) return;
    const init = bound.declarator.init;
    if (!init) return;
    const initPath = (bound.statement as N).get('declarations', 0, 'init');
    dropFromValue(ctx, initPath, 1);
    if (init.type === 'NewExpression' && init.callee.type === 'Identifier' && init.callee.name === 'URLSearchParams') {
      dropParamStatements(ctx, bound.statement, node.name, false);
    }
  }
}

const WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'ParenthesizedExpression', 'TSSatisfiesExpression', 'TSTypeAssertion']);

/** The arguments of the request the URL goes to: `fetch(url, { body })`, `request.post({ url, form })`, `new URL(…)`. */
function dropRequestArgs(ctx: TransformContext, literal: ASTPath<N>): void {
  // The whole URL expression: the literal, or the `+` concatenation it is part of.
  let url: ASTPath<N> = literal;
  while (url.parent && ((url.parent.node.type === 'BinaryExpression' && url.parent.node.operator === '+') || WRAPPERS.has(url.parent.node.type))) url = url.parent;
  let holder = url.parent as ASTPath<N> | undefined;
  let optionsObject: ASTPath<N> | undefined;
  if (holder && isProperty(holder.node) && holder.node.value === url.node && URL_KEYS.has(keyOf(holder.node) ?? '')) {
    optionsObject = holder.parent as ASTPath<N>;
    holder = optionsObject.parent as ASTPath<N> | undefined;
    if (optionsObject.node.type !== 'ObjectExpression') return;
  }
  if (!holder) return;
  const call = holder.node;
  if (call.type === 'NewExpression' && call.callee.type === 'Identifier' && call.callee.name === 'URL') {
    // `const url = new URL('…/rtm.start'); url.searchParams.set('no_unreads', '1');`
    const declarator = holder.parent as ASTPath<N> | undefined;
    if (declarator?.node.type === 'VariableDeclarator' && declarator.node.id.type === 'Identifier' && declarator.parent?.node.type === 'VariableDeclaration') {
      dropParamStatements(ctx, declarator.parent as ASTPath<N>, declarator.node.id.name, true);
    }
    return;
  }
  if (call.type !== 'CallExpression' && call.type !== 'OptionalCallExpression' && call.type !== 'NewExpression') return;
  const target = optionsObject?.node ?? url.node;
  if (!call.arguments.includes(target)) return;
  (holder as N).get('arguments').each((arg: ASTPath<N>) => {
    if (arg.node === url.node) return;
    if (arg.node.type === 'ArrowFunctionExpression' || arg.node.type === 'FunctionExpression') return;
    dropFromValue(ctx, arg);
  });
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
    const path = findSiteNode(ctx, site, URL_TYPES) as ASTPath<N> | undefined;
    // No statement to put the TODO above: never rename without it (left to the TODO transform).
    if (!path || !enclosingStatement(path)) continue;
    const parent = path.parent?.node;
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

