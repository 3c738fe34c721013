import type { ASTPath } from 'jscodeshift';
import { HELPER_EXPORTS } from '../helper-module/source.js';
import type { TransportCall } from '../plan.js';
import { CALL_TYPES, addImport, enclosingStatement, findSiteNode, freshName, indentAt, insertBefore, text, type Transform, type TransformContext } from './common.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

const WRAPPERS = new Set(['ChainExpression', 'TSAsExpression', 'TSNonNullExpression', 'ParenthesizedExpression', 'TSSatisfiesExpression']);

function unwrap(node: N): N {
  let n = node;
  while (n && WRAPPERS.has(n.type)) n = n.expression;
  return n;
}

function propertyName(member: N): string | undefined {
  if (member.type !== 'MemberExpression' && member.type !== 'OptionalMemberExpression') return undefined;
  return member.computed ? member.property.value : member.property.name;
}

/**
 * The client and the `rtm.start` arguments of a WebClient call: `client.rtm.start(args)` (and
 * `rtm.connect`), `client.rtm.start.call(client, args)` / `.apply(client, [args])`,
 * `client.apiCall('rtm.start', args)`.
 */
function clientAndArgs(ctx: TransformContext, call: N): { client: string; args: N | undefined } | undefined {
  const callee = unwrap(call.callee);
  const name = propertyName(callee);
  if (name === 'call' || name === 'apply') {
    const [thisArg, rawArgs] = call.arguments as N[];
    if (!thisArg) return undefined;
    const args = name === 'apply' ? (rawArgs?.type === 'ArrayExpression' ? rawArgs.elements[0] : undefined) : rawArgs;
    if (name === 'apply' && rawArgs && rawArgs.type !== 'ArrayExpression') return undefined;
    return { client: text(ctx, thisArg), args };
  }
  if (name === 'start' || name === 'connect') {
    const rtm = unwrap(callee.object);
    if (propertyName(rtm) !== 'rtm') return undefined;
    return { client: text(ctx, rtm.object), args: call.arguments[0] };
  }
  if (name === 'apiCall') return { client: text(ctx, callee.object), args: call.arguments[1] };
  return undefined;
}

/** Adds `useRtmConnect: true` to the `new RtmClient(token[, { … }])` that made the v3 client `receiver`. */
function useRtmConnect(ctx: TransformContext, receiver: string): boolean {
  let made: N;
  ctx.root.find(ctx.j.VariableDeclarator).forEach((p: ASTPath<N>) => {
    const d = p.node;
    if (!made && d.id.type === 'Identifier' && d.id.name === receiver && unwrap(d.init)?.type === 'NewExpression') made = unwrap(d.init);
  });
  if (!made) return false;
  const [token, options] = made.arguments as N[];
  if (!token) return false;
  if (!options) {
    ctx.edits.push({ start: token.end, end: token.end, text: ', { useRtmConnect: true }' });
    return true;
  }
  if (options.type !== 'ObjectExpression') return false;
  const existing = options.properties.find((p: N) => (p.key?.name ?? p.key?.value) === 'useRtmConnect');
  if (existing) {
    if (existing.shorthand || !existing.value) return false;
    ctx.edits.push({ start: existing.value.start, end: existing.value.end, text: 'true' });
    return true;
  }
  const last = options.properties.at(-1);
  if (!last) {
    ctx.edits.push({ start: options.start, end: options.end, text: '{ useRtmConnect: true }' });
    return true;
  }
  if (!ctx.source.slice(options.start, last.start).includes('\n')) {
    ctx.edits.push({ start: last.end, end: last.end, text: ', useRtmConnect: true' });
    return true;
  }
  // One property a line: a line of its own, at the last one's indentation, trailing comma as before.
  const trailingComma = /^\s*,/.test(ctx.source.slice(last.end, options.end));
  const at = trailingComma ? ctx.source.indexOf(',', last.end) + 1 : last.end;
  const indent = indentAt(ctx.source, last.start);
  ctx.edits.push({ start: at, end: at, text: `${trailingComma ? '' : ','}${ctx.eol}${indent}useRtmConnect: true${trailingComma ? ',' : ''}` });
  return true;
}

const FUNCTIONS = new Set(['ArrowFunctionExpression', 'FunctionExpression', 'FunctionDeclaration', 'ClassMethod', 'ClassPrivateMethod', 'ObjectMethod', 'TSDeclareMethod']);

/**
 * The statement the call stands in, when it is in the same function (a `const` put before it sees
 * the same `this` and the same variables).
 */
function statementInSameFunction(ctx: TransformContext, transport: TransportCall): N {
  let found: ASTPath<N> | undefined;
  ctx.root.find(ctx.j.Node).forEach((p: ASTPath<N>) => {
    if (!found && p.node.start === transport.start && p.node.end === transport.end && CALL_TYPES.includes(p.node.type)) found = p;
  });
  const statement = found ? enclosingStatement(found) : undefined;
  if (!statement) return undefined;
  for (let p: ASTPath<N> | null = found!; p && p !== statement; p = p.parent) if (FUNCTIONS.has(p.node.type)) return undefined;
  return statement.node;
}

/**
 * The app's own transport (its helper, `fetch`) → `rtmStartData(callSlack, args)`, `callSlack` a
 * `const` put before the statement that calls Slack as the original did (in place where there is no
 * such statement); a Node-style callback is still called once, `(err, data)`, on a later tick.
 */
function viaTransport(ctx: TransformContext, transport: TransportCall, module: string): void {
  const args = transport.args === undefined ? '' : `, ${transport.args}`;
  const name = transport.ownPromise ? HELPER_EXPORTS.dataAs : HELPER_EXPORTS.data;
  const statement = statementInSameFunction(ctx, transport);
  let caller = transport.caller;
  if (statement) {
    caller = freshName(ctx, ['callSlack', 'callSlackApi']);
    insertBefore(ctx, statement.start, ['// Calls one Slack Web API method as this code did (rtmStartData calls it for each method it needs).', `const ${caller} = ${transport.caller};`]);
  }
  const { callback } = transport;
  const replacement = callback
    ? `callbackify(${name})(${caller}${args}, ${ctx.source.slice(callback.start, callback.end)})`
    : `${name}(${caller}${args})`;
  if (callback) addImport(ctx, 'util', 'callbackify', false);
  ctx.edits.push({ start: transport.start, end: transport.end, text: replacement });
  addImport(ctx, module, name, false);
}

/**
 * `client.rtm.start(args)` → `rtmStartData(client, args)` from the generated helper module: the same
 * promise of the whole `rtm.start` data, wherever the call stands (await, `.then`, `Promise.all`,
 * returned). A v3 `rtm.start(args)` → `startRtmClient(rtm, args)`, its `new RtmClient(…)` given
 * `useRtmConnect: true`.
 */
export const helperModuleCallTransform: Transform = (ctx) => {
  const module = ctx.helperModule;
  if (!module) return;
  for (const site of ctx.sites) {
    if (ctx.handled.has(site) || site.rewrite !== 'helper-module') continue;
    if (site.transport) {
      viaTransport(ctx, site.transport, module);
      ctx.handled.add(site);
      ctx.outcomes.push({ site, rewrite: 'helper-module', changed: true, message: site.message });
      continue;
    }
    const path = findSiteNode(ctx, site, CALL_TYPES);
    if (!path) continue;
    const call = path.node as N;
    let replacement: string;
    let name: string;
    if (site.form === 'legacy-client') {
      const callee = unwrap(call.callee);
      if (callee.object?.type !== 'Identifier') continue;
      const receiver = callee.object.name as string;
      if (!useRtmConnect(ctx, receiver)) continue;
      name = HELPER_EXPORTS.legacyStart;
      const args = call.arguments[0] ? `, ${text(ctx, call.arguments[0])}` : '';
      replacement = `${name}(${receiver}${args})`;
    } else {
      const parts = clientAndArgs(ctx, call);
      if (!parts) continue;
      name = HELPER_EXPORTS.data;
      const callback = site.callback ? (call.arguments as N[]).find((a) => a.start === site.callback!.start && a.end === site.callback!.end) : undefined;
      if (site.callback && !callback) continue;
      const args = parts.args && parts.args !== callback ? `, ${text(ctx, parts.args)}` : '';
      if (callback) {
        // Called once, (err, data), on a later tick, as the client called it.
        replacement = `callbackify(${name})(${parts.client}${args}, ${text(ctx, callback)})`;
        addImport(ctx, 'util', 'callbackify', false);
      } else replacement = `${name}(${parts.client}${args})`;
    }
    ctx.edits.push({ start: call.start, end: call.end, text: replacement });
    addImport(ctx, module, name, false);
    ctx.handled.add(site);
    ctx.outcomes.push({ site, rewrite: 'helper-module', changed: true, message: site.message });
  }
};
