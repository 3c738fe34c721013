import type { ASTPath } from 'jscodeshift';
import { includeOption } from '../helper-module/extras.js';
import { HELPER_EXPORTS } from '../helper-module/source.js';
import type { PlanSite, TransportCall } from '../plan.js';
import {
  CALL_TYPES,
  addImport,
  endOf,
  enclosingStatement,
  findSiteNode,
  freshName,
  indentAt,
  insertBefore,
  isObjectLiteral,
  propertyKey,
  startOf,
  text,
  type AnyNode,
  type Transform,
  type TransformContext,
} from './common.js';

/** The parts of an expression this transform reads (whichever parser jscodeshift ran). */
interface ExpressionNode extends AnyNode {
  /** Of a wrapper: `(x)`, `x!`, `x as T`, `x satisfies T`, `a?.b`. */
  readonly expression?: ExpressionNode;
  readonly callee?: ExpressionNode;
  readonly object?: ExpressionNode;
  readonly property?: ExpressionNode;
  readonly computed?: boolean;
  readonly arguments?: ExpressionNode[];
  readonly elements?: (ExpressionNode | null)[];
  readonly name?: string;
  readonly value?: unknown;
}

interface DeclaratorNode extends AnyNode {
  readonly id: ExpressionNode;
  readonly init?: ExpressionNode | null;
}

function isDeclarator(node: AnyNode): node is DeclaratorNode {
  return node.type === 'VariableDeclarator';
}

const WRAPPERS = new Set(['ChainExpression', 'TSAsExpression', 'TSNonNullExpression', 'ParenthesizedExpression', 'TSSatisfiesExpression']);

function unwrap(node: ExpressionNode | null | undefined): ExpressionNode | undefined {
  let n = node ?? undefined;
  while (n && WRAPPERS.has(n.type)) n = n.expression;
  return n;
}

function propertyName(member: ExpressionNode | undefined): string | undefined {
  if (member?.type !== 'MemberExpression' && member?.type !== 'OptionalMemberExpression') return undefined;
  const property = member.property;
  if (member.computed) return typeof property?.value === 'string' ? property.value : undefined;
  return property?.name;
}

/**
 * The client and the `rtm.start` arguments of a WebClient call: `client.rtm.start(args)` (and
 * `rtm.connect`), `client.rtm.start.call(client, args)` / `.apply(client, [args])`,
 * `client.apiCall('rtm.start', args)`.
 */
function clientAndArgs(ctx: TransformContext, call: ExpressionNode): { client: string; args: ExpressionNode | undefined } | undefined {
  const callee = unwrap(call.callee);
  const name = propertyName(callee);
  const [first, second] = call.arguments ?? [];
  if (name === 'call' || name === 'apply') {
    if (!first) return undefined;
    if (name === 'apply' && second && second.type !== 'ArrayExpression') return undefined;
    const args = name === 'apply' ? (second?.elements?.[0] ?? undefined) : second;
    return { client: text(ctx, first), args };
  }
  if (name === 'start' || name === 'connect') {
    const rtm = unwrap(callee?.object);
    if (propertyName(rtm) !== 'rtm' || !rtm?.object) return undefined;
    return { client: text(ctx, rtm.object), args: first };
  }
  if (name === 'apiCall' && callee?.object) return { client: text(ctx, callee.object), args: second };
  return undefined;
}

/** Adds `useRtmConnect: true` to the `new RtmClient(token[, { … }])` that made the v3 client `receiver`. */
function useRtmConnect(ctx: TransformContext, receiver: string): boolean {
  let made: ExpressionNode | undefined;
  ctx.root.find(ctx.j.Node).forEach((p: ASTPath<AnyNode>) => {
    const d = p.node;
    if (made || !isDeclarator(d)) return;
    const init = unwrap(d.init);
    if (d.id.type === 'Identifier' && d.id.name === receiver && init?.type === 'NewExpression') made = init;
  });
  const [token, options] = made?.arguments ?? [];
  if (!token) return false;
  if (!options) {
    ctx.edits.push({ start: endOf(token), end: endOf(token), text: ', { useRtmConnect: true }' });
    return true;
  }
  if (!isObjectLiteral(options)) return false;
  const existing = options.properties.find((p) => propertyKey(p) === 'useRtmConnect');
  if (existing) {
    if (existing.shorthand === true || !existing.value) return false;
    ctx.edits.push({ start: startOf(existing.value), end: endOf(existing.value), text: 'true' });
    return true;
  }
  const last = options.properties.at(-1);
  if (!last) {
    ctx.edits.push({ start: startOf(options), end: endOf(options), text: '{ useRtmConnect: true }' });
    return true;
  }
  if (!ctx.source.slice(startOf(options), startOf(last)).includes('\n')) {
    ctx.edits.push({ start: endOf(last), end: endOf(last), text: ', useRtmConnect: true' });
    return true;
  }
  // One property a line: a line of its own, at the last one's indentation, trailing comma as before.
  const trailingComma = /^\s*,/.test(ctx.source.slice(endOf(last), endOf(options)));
  const at = trailingComma ? ctx.source.indexOf(',', endOf(last)) + 1 : endOf(last);
  const indent = indentAt(ctx.source, startOf(last));
  ctx.edits.push({ start: at, end: at, text: `${trailingComma ? '' : ','}${ctx.eol}${indent}useRtmConnect: true${trailingComma ? ',' : ''}` });
  return true;
}

const FUNCTIONS = new Set(['ArrowFunctionExpression', 'FunctionExpression', 'FunctionDeclaration', 'ClassMethod', 'ClassPrivateMethod', 'ObjectMethod', 'TSDeclareMethod']);

/**
 * The statement the call stands in, when it is in the same function (a `const` put before it sees
 * the same `this` and the same variables).
 */
function statementInSameFunction(ctx: TransformContext, transport: TransportCall): AnyNode | undefined {
  let found: ASTPath<AnyNode> | undefined;
  ctx.root.find(ctx.j.Node).forEach((p: ASTPath<AnyNode>) => {
    if (!found && p.node.start === transport.start && p.node.end === transport.end && (CALL_TYPES as readonly string[]).includes(p.node.type)) found = p;
  });
  const statement = found ? enclosingStatement(found) : undefined;
  if (!found || !statement) return undefined;
  for (let p: ASTPath<AnyNode> | null = found; p && p !== statement; p = p.parent as ASTPath<AnyNode> | null) {
    if (FUNCTIONS.has(p.node.type)) return undefined;
  }
  return statement.node;
}

/**
 * The app's own transport (its helper, `fetch`) → `rtmStartData(callSlack, args)`, `callSlack` a
 * `const` put before the statement that calls Slack as the original did (in place where there is no
 * such statement); a Node-style callback is still called once, `(err, data)`, on a later tick.
 */
function viaTransport(ctx: TransformContext, site: PlanSite, transport: TransportCall, module: string): void {
  const args = includeOption(site.startOnlyFields, transport.args);
  const name = transport.ownPromise ? HELPER_EXPORTS.dataAs : HELPER_EXPORTS.data;
  const statement = statementInSameFunction(ctx, transport);
  let caller = transport.caller;
  if (statement) {
    caller = freshName(ctx, ['callSlack', 'callSlackApi']);
    insertBefore(ctx, startOf(statement), ['// Calls one Slack Web API method as this code did (rtmStartData calls it for each method it needs).', `const ${caller} = ${transport.caller};`]);
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
 * returned); with a Node-style callback, `callbackify(rtmStartData)(client, args, callback)`. A v3
 * `rtm.start(args)` → `startRtmClient(rtm, args)`, its `new RtmClient(…)` given `useRtmConnect: true`.
 */
export const helperModuleCallTransform: Transform = (ctx) => {
  const module = ctx.helperModule;
  if (!module) return;
  for (const site of ctx.sites) {
    if (ctx.handled.has(site) || site.rewrite !== 'helper-module') continue;
    if (site.transport) {
      viaTransport(ctx, site, site.transport, module);
      ctx.handled.add(site);
      ctx.outcomes.push({ site, rewrite: 'helper-module', changed: true, message: site.message });
      continue;
    }
    const path = findSiteNode(ctx, site, CALL_TYPES);
    if (!path) continue;
    const call: ExpressionNode = path.node;
    const callArgs = call.arguments ?? [];
    let replacement: string;
    let name: string;
    if (site.form === 'legacy-client') {
      const receiver = unwrap(unwrap(call.callee)?.object);
      if (receiver?.type !== 'Identifier' || receiver.name === undefined) continue;
      if (!useRtmConnect(ctx, receiver.name)) continue;
      name = HELPER_EXPORTS.legacyStart;
      const args = callArgs[0] ? `, ${text(ctx, callArgs[0])}` : '';
      replacement = `${name}(${receiver.name}${args})`;
    } else {
      const parts = clientAndArgs(ctx, call);
      if (!parts) continue;
      name = HELPER_EXPORTS.data;
      const wanted = site.callback;
      const callback = wanted ? callArgs.find((a) => a.start === wanted.start && a.end === wanted.end) : undefined;
      if (wanted && !callback) continue;
      // The fields read beyond the lists (`subteams`, `channels[].latest`…) are fetched only when named.
      const args = includeOption(site.startOnlyFields, parts.args && parts.args !== callback ? text(ctx, parts.args) : undefined);
      if (callback) {
        // Called once, (err, data), on a later tick, as the client called it.
        replacement = `callbackify(${name})(${parts.client}${args}, ${text(ctx, callback)})`;
        addImport(ctx, 'util', 'callbackify', false);
      } else replacement = `${name}(${parts.client}${args})`;
    }
    ctx.edits.push({ start: startOf(call), end: endOf(call), text: replacement });
    addImport(ctx, module, name, false);
    ctx.handled.add(site);
    ctx.outcomes.push({ site, rewrite: 'helper-module', changed: true, message: site.message });
  }
};
