import { METHODS } from '@rtm-migrate/core';
import type { ASTPath } from 'jscodeshift';
import { escapeExtras, extrasNote, knownDataFields } from '../helper-module/escape-extras.js';
import { includeOption } from '../helper-module/extras.js';
import { HELPER_EXPORTS } from '../helper-module/source.js';
import { slackAnswerOr } from '../helper-module/transport/common.js';
import type { PlanSite, TransportCall } from '../plan.js';
import { allDataSitesCallHelper } from '../scan/start-types.js';
import { retypeStartResponses } from './start-types.js';
import {
  CALL_TYPES,
  addImport,
  endOf,
  writtenEnd,
  enclosingStatement,
  findSiteNode,
  freshName,
  indentAt,
  insertBefore,
  isObjectLiteral,
  propertyKey,
  startOf,
  styled,
  text,
  type AnyNode,
  type Transform,
  type TransformContext,
} from './common.js';
import { wrapLibraryStart } from './library-start-wrap.js';
import { wrapRtmApiClient } from './rtm-api-client-wrap.js';

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

/** Adds `useRtmConnect: true` to the v3 client's `new RtmClient(token[, { … }])` (once, however many starts it has). */
export function useRtmConnect(ctx: TransformContext, site: PlanSite): boolean {
  const range = site.construction;
  if (!range) return false;
  const at = (start: number, end: number): ExpressionNode | undefined => {
    let found: ExpressionNode | undefined;
    ctx.root.find(ctx.j.Node).forEach((p: ASTPath<AnyNode>) => {
      if (!found && p.node.start === start && p.node.end === end && (p.node.type === 'NewExpression' || p.node.type === 'ObjectExpression')) found = p.node;
    });
    return found;
  };
  // A second start of the same client: the option is already set.
  if (ctx.edits.some((e) => (e.start >= range.start && e.end <= range.end) || (range.options && e.start >= range.options.start && e.end <= range.options.end))) return true;
  const [token, options] = at(range.start, range.end)?.arguments ?? [];
  if (!token) return false;
  if (!options) {
    const end = writtenEnd(ctx, token);
    ctx.edits.push({ start: end, end, text: ', { useRtmConnect: true }' });
    return true;
  }
  if (options.type === 'Identifier' && range.options) {
    // Options in a variable other clients of the SDK are made with: its literal takes the option (the scan's sharedOptionsLiteral).
    const literal = at(range.options.start, range.options.end);
    return literal !== undefined && addToLiteral(ctx, literal);
  }
  if (options.type === 'Identifier') {
    // Options held in a variable (the scan's `optionsCopyFits`): a copy with the option, the caller's object left as it was.
    ctx.edits.push({ start: startOf(options), end: endOf(options), text: `Object.assign({}, ${text(ctx, options)}, { useRtmConnect: true })` });
    return true;
  }
  return addToLiteral(ctx, options);
}

/** `useRtmConnect: true` added to an options literal (or set where it is there), in the literal's own layout. */
function addToLiteral(ctx: TransformContext, options: ExpressionNode): boolean {
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
  const afterLast = trailingComma ? ctx.source.indexOf(',', endOf(last)) + 1 : endOf(last);
  // A comment ending the last property's line stays on that line: the new one goes below it.
  const newline = ctx.source.indexOf('\n', afterLast);
  const lineEnd = newline > 0 && ctx.source[newline - 1] === '\r' ? newline - 1 : newline;
  const commented = newline !== -1 && newline < endOf(options) && /^[ \t]*(\/\/.*|\/\*.*?\*\/[ \t]*)$/.test(ctx.source.slice(afterLast, lineEnd));
  const at = commented ? lineEnd : afterLast;
  const indent = indentAt(ctx.source, startOf(last));
  if (!trailingComma && commented) ctx.edits.push({ start: afterLast, end: afterLast, text: ',' });
  ctx.edits.push({ start: at, end: at, text: `${trailingComma || commented ? '' : ','}${ctx.eol}${indent}useRtmConnect: true${trailingComma ? ',' : ''}` });
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
  // Where every read of the data is known, only the parts read are fetched (no rtm.connect unless `url` or `self` is read).
  const args = includeOption(site.startOnlyFields, transport.args, escapeExtras(site), knownDataFields(site));
  const name = transport.ownPromise ? HELPER_EXPORTS.dataAs : HELPER_EXPORTS.data;
  const statement = statementInSameFunction(ctx, transport);
  let caller = transport.caller;
  if (statement) {
    caller = freshName(ctx, ['callSlack', 'callSlackApi']);
    insertBefore(ctx, startOf(statement), ['// Calls one Slack Web API method as this code did (rtmStartData calls it for each method it needs).', `const ${caller} = ${transport.caller};`]);
  }
  const { callback, callbackAround: libraryAround, cast, answersSlackErrors } = transport;
  // Slack's `ok: false` answer (the helper's error `data`) as the raw request's body; any other error as it was
  // (the helper's own kind of promise may have no `.catch`: `.then(undefined, …)` there).
  const answer = `(err) => ${slackAnswerOr('Promise.reject(err)')}`;
  const called = `${name}(${caller}${args})${answersSlackErrors ? (transport.ownPromise ? `.then(undefined, ${answer})` : `.catch(${answer})`) : ''}`;
  // TypeScript: callbackify's overloads do not fit a function with optional parameters, but its
  // no-argument one types the callback `(err, data)` from rtmStartData's own result (also the form
  // where Slack's errors are answered as data). A callback that got the response alone gets it
  // still, or on an error Slack's own `ok: false` answer (the error's `data`), as the helper passed
  // it on; any other error as `{ ok: false, error }`, the helper's shape for a failed request.
  // The callback is called as the helper called it, with no `this` (`.call(undefined, …)` for `this.onLogin`).
  // The callback's own text stays where it is (the text before and after it is replaced): a call
  // inside it (a reconnect path calling `rtm.start` again) is rewritten by its own site.
  const around = (fn: string): { before: string; after: string } => {
    if (transport.responseOnly) {
      const [open, call] = /^(function|async|\()/.test(fn) ? ['(', ')('] : /^[\w$]+$/.test(fn) ? ['', '('] : ['', '.call(undefined, '];
      // A helper answering a failure with a falsy value (`null`): any failure, the callback gets it again.
      const failed = transport.falsyFailure ?? '{ ok: false, error: err.message }';
      return { before: `callbackify(() => ${called})((err, data) => ${open}`, after: `${call}err ? ${slackAnswerOr(failed)} : data))` };
    }
    const before = ctx.typescript || answersSlackErrors ? `callbackify(() => ${called})(` : `callbackify(${name})(${caller}${args}, `;
    return { before: `${before}${libraryAround?.before ?? ''}`, after: `${libraryAround?.after ?? ''}${transport.optionalCallback ? ' || function () {}' : ''})` };
  };
  if (callback) addImport(ctx, 'util', 'callbackify', false);
  for (const { module: from, name: imported } of transport.imports ?? []) addImport(ctx, from, imported, false);
  for (const { start, end } of transport.removals ?? []) ctx.edits.push({ start, end, text: '' });
  ctx.edits.push(...(transport.edits ?? []));
  if (callback) {
    const { before, after } = around(ctx.source.slice(callback.start, callback.end));
    ctx.edits.push({ start: transport.start, end: callback.start, text: before }, { start: callback.end, end: transport.end, text: after });
  } else {
    const replacement = `${cast ? `(${called} as ${cast})` : called}${transport.then ?? ''}`;
    ctx.edits.push({ start: transport.start, end: transport.end, text: replacement });
  }
  addImport(ctx, module, name, false);
}

/**
 * `client.rtm.start(args)` → `rtmStartData(client, args)` from the generated helper module: the same
 * promise of the whole `rtm.start` data, wherever the call stands (await, `.then`, `Promise.all`,
 * returned); with a Node-style callback, `callbackify(rtmStartData)(client, args, callback)`. A v3
 * `rtm.start(args)` → `startRtmClient(rtm, args)`, its `new RtmClient(…)` given `useRtmConnect: true`; an RTM
 * client made where the scan cannot see it: `x.rtm.start(args)` → `startRtmClientMadeElsewhere(x.rtm, args)`.
 */
export const helperModuleCallTransform: Transform = (ctx) => {
  const module = ctx.helperModule;
  if (!module) return;
  for (const site of ctx.sites) {
    if (ctx.handled.has(site) || site.rewrite !== 'helper-module') continue;
    if (site.transport) {
      viaTransport(ctx, site, site.transport, module);
      ctx.handled.add(site);
      ctx.outcomes.push({ site, rewrite: 'helper-module', changed: true, message: `${site.message}${extrasNote(site, 'data')}` });
      continue;
    }
    if (site.startedIn) {
      // The `new RtmClient(…)` of a client other modules start through startRtmClient().
      if (!useRtmConnect(ctx, site)) continue;
      ctx.handled.add(site);
      ctx.outcomes.push({ site, rewrite: 'helper-module', changed: true, message: site.message });
      continue;
    }
    if (site.prepares) {
      // A v3 client handed to the base class: whatever starts it, its start fills rtm.start's data.
      const made = site.prepares;
      ctx.edits.push({ start: made.start, end: made.start, text: `${HELPER_EXPORTS.legacyPrepare}(` }, { start: made.end, end: made.end, text: ')' });
      addImport(ctx, module, HELPER_EXPORTS.legacyPrepare, false);
      ctx.handled.add(site);
      ctx.outcomes.push({ site, rewrite: 'helper-module', changed: true, message: site.message });
      continue;
    }
    if (site.form === 'rtm-client-option') {
      if (!wrapRtmApiClient(ctx, site, module)) continue;
      ctx.handled.add(site);
      ctx.outcomes.push({ site, rewrite: 'helper-module', changed: true, message: `${site.message}${extrasNote(site, 'client')}` });
      continue;
    }
    if (site.form === 'library-start') {
      if (!wrapLibraryStart(ctx, site, module)) continue;
      ctx.handled.add(site);
      ctx.outcomes.push({ site, rewrite: 'helper-module', changed: true, message: `${site.message}${extrasNote(site, 'data')}` });
      continue;
    }
    const path = findSiteNode(ctx, site, CALL_TYPES);
    if (!path) continue;
    const call: ExpressionNode = path.node;
    const callArgs = call.arguments ?? [];
    let replacement: string;
    let name: string;
    // How the call asks for the extras, for its report line.
    let kind: 'client' | 'data' | 'bound' = site.form === 'legacy-client' ? 'client' : 'data';
    // The extras read beyond the lists (`subteams`, `channels[].latest`…) are fetched only when named;
    // those escaping data may carry, as optional.
    // A v3 client whose every read is followed: only the parts read (`fields`).
    const extras = (args: string | undefined): string => includeOption(site.startOnlyFields, args, escapeExtras(site), knownDataFields(site));
    if (site.clientElsewhere) {
      // The client is made where the scan cannot see it: the helper looks at what it is when it starts.
      const receiver = unwrap(unwrap(call.callee)?.object);
      if (!receiver) continue;
      name = HELPER_EXPORTS.elsewhereStart;
      replacement = `${name}(${text(ctx, receiver)}${extras(callArgs[0] ? text(ctx, callArgs[0]) : undefined)})`;
      kind = 'client';
    } else if (site.form === 'legacy-client') {
      const receiver = unwrap(unwrap(call.callee)?.object);
      const slackClient = site.construction?.slackClient === true;
      // slack-client 2.x and @slack/client before 3.10 have no useRtmConnect: their helper answers the
      // rtm.start request instead. A client made in another module gets the option there, by that module's own site.
      const madeHere = site.construction?.file === undefined;
      const option = !slackClient && site.construction?.startAnswered !== true;
      if (!receiver || (option && madeHere && !useRtmConnect(ctx, site))) continue;
      name = slackClient ? HELPER_EXPORTS.slackClientStart : HELPER_EXPORTS.legacyStart;
      replacement = `${name}(${text(ctx, receiver)}${extras(callArgs[0] ? text(ctx, callArgs[0]) : undefined)})`;
    } else if (propertyName(unwrap(call.callee)) === 'bind') {
      // `client.apiCall.bind(client, 'rtm.start')`: a function of the arguments, bound to the same client.
      const thisArg = callArgs[0];
      if (!thisArg) continue;
      name = HELPER_EXPORTS.data;
      replacement = `${name}.bind(null, ${text(ctx, thisArg)})`;
      kind = 'bound';
    } else {
      const parts = clientAndArgs(ctx, call);
      if (!parts) continue;
      name = HELPER_EXPORTS.data;
      const wanted = site.callback;
      const callback = wanted ? callArgs.find((a) => a.start === wanted.start && a.end === wanted.end) : undefined;
      if (wanted && !callback) continue;
      const args = extras(parts.args && parts.args !== callback ? text(ctx, parts.args) : undefined);
      if (callback) {
        // Called once, (err, data), on a later tick, as the client called it.
        replacement = `callbackify(${name})(${parts.client}${args}, ${text(ctx, callback)})`;
        addImport(ctx, 'util', 'callbackify', false);
      } else replacement = `${name}(${parts.client}${args})`;
      const chosen = site.chosenMethod;
      if (chosen) {
        // The name chosen at run time: only its rtm.start branch goes to the module, the call is kept for the other.
        const method = ctx.source.slice(chosen.start, chosen.end);
        replacement = `(${method} === ${styled(ctx, `'${METHODS.rtmStart}'`)} ? ${replacement} : ${text(ctx, call)})`;
      }
    }
    ctx.edits.push({ start: startOf(call), end: endOf(call), text: replacement });
    addImport(ctx, module, name, false);
    ctx.handled.add(site);
    ctx.outcomes.push({ site, rewrite: 'helper-module', changed: true, message: `${site.message}${extrasNote(site, kind)}` });
  }
  // rtm.start's own types become the module's, once every data site of the file calls it.
  if (ctx.typescript && allDataSitesCallHelper(ctx.sites.map((s) => (ctx.handled.has(s) ? s : { ...s, rewrite: 'todo' as const })))) retypeStartResponses(ctx, module);
};
