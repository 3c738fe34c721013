import { readsOwnArguments, superagentHelperOf, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { usesOwnThis } from './callback-this.js';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { FoundSite } from '../../scan/found.js';
import { params, readsOnlyMembers, shadowedInCallback, slackAnswerOr, text, typescript, usesCallerName, writtenCallback, type Node, type TransportResult } from './common.js';
import { CODEMOD_MESSAGES } from '@rtm-migrate/core';
import { declaredPromiseHelper, helperDeclaration, isArgsName, isFlag, namesRtmStart, passedThroughCallback, responseOnlyHelper, responseOnlyRefusal, type ResponseOnly } from './helper-contract.js';
import { takesDataAt } from './data-parameter.js';
import { resolvesSlackErrors } from './resolves-errors.js';
import { incidentalReturn } from './implicit-return.js';
import { callbackHandedToTransport } from './passed-to-transport.js';
import { buildsUrl } from './url-builder.js';
import { readsLaterParameters } from './later-parameters.js';
import { unprovenPromise } from './promise-proof.js';
import { unplacedPromiseArgument } from './promise-last-argument.js';
import { requestForwardedCallback, type RequestForwarded } from './request-forwarded.js';
import { requestCallbackAround } from './request-library.js';
import { bindReceiver, computedReceiver, RECEIVER_NAME } from './computed-receiver.js';
import { droppedArguments } from './dropped-arguments.js';
import { superagentHelperTransport } from './superagent.js';
import { provenSuccessFlag, unprovenNodeStyle } from './callback-convention.js';
import { errorsNotReturned } from './errors-not-returned.js';

/** What each argument of the helper's call is, in order: the caller passes them in the same places. */
type Slot =
  | { kind: 'method' }
  /** Before the method name, the same value for every method (`apiCall(token, 'rtm.start', …)`): passed on unchanged. */
  | { kind: 'fixed'; node: Node }
  /** Past the helper's declared parameters (it reads no `arguments`): it never gets it, so the caller leaves it out. */
  | { kind: 'unread'; node: Node }
  /** `none`: `null` / `undefined` in the helper's data parameter, no `rtm.start` arguments (the helper module's default `{}`). */
  | { kind: 'args'; node: Node; none?: boolean }
  | { kind: 'flag'; node: Node }
  /** `responseOnly`: the helper calls it with the response alone (`ok: false` on an error), as its declaration shows. */
  /** `successFlag`: the helper calls it `(ok, data)`, as the callback's own code proves (see callback-convention.ts). */
  | { kind: 'callback'; node: Node; responseOnly?: ResponseOnly; optional?: boolean; request?: RequestForwarded; successFlag?: boolean };

/**
 * `this.request('rtm.start', this)`: the calling object is handed on whole, as the request's arguments
 * (its every field sent to Slack, the token among them) or as the object the helper answers; rebuilt
 * data would need both kept, and nothing in view says which it is.
 */
const THIS_GIVEN =
  'the helper is given `this`, the calling object itself, after the method name: as the request\'s arguments (every field of the object sent to Slack, its token among them) or as the object the helper answers, which rtm-migrate cannot tell, so it cannot hand the replacement methods their own arguments through it';

/**
 * The helper's arguments: the method name first (written out, or a name bound once to it); then the
 * `rtm.start` arguments (an object literal, or a name holding them when a callback follows it), values that are the
 * same for every method (`null`, `true`, a parameter defaulting to one: passed on unchanged), and last a
 * Node-style callback (written out with `(err, data)`, or the enclosing function's own callback
 * parameter where that function calls it with an error first, or hands it only to this helper
 * whose declaration calls it Node-style).
 */
function slotsOf(parsed: ParsedFile, call: TSESTree.CallExpression): Slot[] | string {
  const at = call.arguments.findIndex((a) => namesRtmStart(parsed, a));
  const leading = call.arguments.slice(0, Math.max(at, 0));
  if (at < 0 || (at > 0 && !leading.every((a) => sameForEveryCall(parsed, a)))) return 'the method name is not written out as the first argument';
  // Past what the declaration takes, an argument is never seen by the helper: nothing of it to keep (and never the callback).
  const declared = at > 0 ? unreadFrom(parsed, call) : undefined;
  const read = declared === undefined ? call.arguments : call.arguments.slice(0, declared);
  const rest = read.slice(at + 1);
  const slots: Slot[] = [...leading.map((node): Slot => ({ kind: 'fixed', node })), { kind: 'method' }];
  let handed: { readonly optional: boolean } | undefined;
  for (const [i, arg] of rest.entries()) {
    const last = i === rest.length - 1;
    if (arg.type === AST_NODE_TYPES.SpreadElement) return 'the helper is given spread arguments';
    if (i === 0 && isNothing(arg) && takesDataAt(parsed, helperDeclaration(parsed, call), at + 1)) {
      slots.push({ kind: 'args', node: arg, none: true });
      continue;
    }
    const fn = writtenCallback(arg);
    const responseOnly = last && slots.length > 1 && isReference(arg, fn) ? responseOnlyHelper(parsed, call, i + 1) : undefined;
    if (typeof responseOnly === 'string') return responseOnly;
    if (responseOnly) slots.push({ kind: 'callback', node: arg, responseOnly });
    else if (fn) {
      if (!last || fn.params.length < 2) return (last ? responseOnlyRefusal(parsed, call, i + 1) : undefined) ?? 'the callback is not a written-out Node-style `(err, data)` function';
      // A helper that hands its callback request's own `(err, res, body)`: called back the same way.
      const request = fn.params.length >= 3 ? requestForwardedCallback(parsed, call, i + 1) : undefined;
      if (request) { slots.push({ kind: 'callback', node: arg, request }); continue; }
      if (readsLaterParameters(parsed, fn)) return 'the callback reads a third parameter (`(err, res, body)`) or `arguments`: which one the helper hands the data in is not known, and `(err, data)` would leave it empty';
      const convention = unprovenNodeStyle(parsed, call, fn, i + 1);
      if (convention && provenSuccessFlag(parsed, call, fn, i + 1)) slots.push({ kind: 'callback', node: arg, successFlag: true });
      else if (convention) return convention;
      else slots.push({ kind: 'callback', node: arg });
    } else if (last && slots.length > 1 && passedThroughCallback(parsed, call, arg)) slots.push({ kind: 'callback', node: arg });
    else if (last && slots.length > 1 && (handed = callbackHandedToTransport(parsed, call, arg, i + 1))) slots.push({ kind: 'callback', node: arg, optional: handed.optional });
    else if (isFlag(parsed, arg)) slots.push({ kind: 'flag', node: arg });
    else if (!slots.some((s) => s.kind === 'args') && unwrap(arg).type === AST_NODE_TYPES.ObjectExpression) slots.push({ kind: 'args', node: arg });
    else if (!slots.some((s) => s.kind === 'args') && (!last || takesDataAt(parsed, helperDeclaration(parsed, call), i + 1)) && isArgsName(parsed, call, arg)) slots.push({ kind: 'args', node: arg });
    else if (unwrap(arg).type === AST_NODE_TYPES.ThisExpression) return THIS_GIVEN;
    else if (!last) return 'the helper takes arguments rtm-migrate cannot place';
    else return (slots.some((s) => s.kind === 'args') ? undefined : unplacedPromiseArgument(parsed, call, arg)) ?? 'the callback is not a written-out Node-style `(err, data)` function';
  }
  // A name given as the arguments must be followed by the callback, or go where the helper's declaration takes data: otherwise it may be the callback itself.
  const args = slots.findIndex((s) => s.kind === 'args');
  if (args >= 0 && unwrap((slots[args] as { node: Node }).node).type === AST_NODE_TYPES.Identifier && slots.at(-1)?.kind !== 'callback' && !takesDataAt(parsed, helperDeclaration(parsed, call), args)) {
    return 'the helper takes arguments rtm-migrate cannot place';
  }
  // Flags after the method name with no arguments before them: where the arguments go is not known.
  if (args < 0 && slots.some((s) => s.kind === 'flag')) return 'the helper takes arguments rtm-migrate cannot place';
  return [...slots, ...call.arguments.slice(read.length).map((node): Slot => ({ kind: 'unread', node }))];
}

/**
 * Given before the method name, a value each replacement method may be given again as it is: a
 * literal, or a name never assigned after it is bound (the enclosing function's `token` parameter).
 */
function sameForEveryCall(parsed: ParsedFile, node: Node): boolean {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.Literal) return !('regex' in bare);
  if (bare.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(parsed.resolver, bare);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  return def !== undefined && !(variable?.references.some((r) => r.isWrite() && r.identifier !== def.name) ?? true);
}

/** `null`, `undefined`: no arguments. */
function isNothing(node: Node): boolean {
  const bare = unwrap(node);
  return (bare.type === AST_NODE_TYPES.Literal && bare.value === null && !('regex' in bare)) || (bare.type === AST_NODE_TYPES.Identifier && bare.name === 'undefined');
}

/**
 * The index from which the call's arguments are past the parameters of the helper's declaration in
 * the file (which reads no `arguments` and has no rest parameter), where those are plain names or
 * literals (no side effect is dropped with them). Undefined where the helper may read them all.
 */
function unreadFrom(parsed: ParsedFile, call: TSESTree.CallExpression): number | undefined {
  const fn = helperDeclaration(parsed, call);
  if (!fn || fn.params.some((p) => p.type === AST_NODE_TYPES.RestElement)) return undefined;
  if (readsOwnArguments(parsed.resolver, fn)) return undefined;
  const extra = call.arguments.slice(fn.params.length);
  if (extra.length === 0 || !extra.every((a) => [AST_NODE_TYPES.Identifier, AST_NODE_TYPES.Literal].includes(unwrap(a).type))) return undefined;
  return fn.params.length;
}

/**
 * A callback that reads the same when read later: a function literal (`.bind(this)`-ed too: the
 * rewrite's arrow around it sees the same `this`), a name, or `this.a.b`.
 */
function isReference(arg: Node, fn: Node | undefined): boolean {
  if (fn) return (fn === unwrap(arg) || boundToThis(arg)) && (fn.type === AST_NODE_TYPES.ArrowFunctionExpression || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.params.length <= 1;
  let node = unwrap(arg);
  while (node.type === AST_NODE_TYPES.MemberExpression && !node.computed) node = unwrap(node.object);
  return node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.ThisExpression;
}

/** `function (data) {…}.bind(this)`: a written-out callback bound to the `this` of where it is written. */
function boundToThis(node: Node): boolean {
  const bare = unwrap(node);
  return writtenCallback(bare) !== undefined && bare.type === AST_NODE_TYPES.CallExpression && bare.arguments[0] !== undefined && unwrap(bare.arguments[0]).type === AST_NODE_TYPES.ThisExpression;
}

/**
 * The callback uses a name the rewrite binds around it (`err`, `data`…): a function literal only by
 * the names it does not bind itself (`function (data) {…}` keeps its own `data`).
 */
function shadowsCallerName(parsed: ParsedFile, node: Node): boolean {
  const fn = writtenCallback(node);
  if (!fn || (fn !== unwrap(node) && !boundToThis(node))) return usesCallerName(text(parsed, node));
  return parsed.resolver.getScope(fn).through.some((r) => usesCallerName(r.identifier.name));
}

export function helperTransport(parsed: ParsedFile, site: FoundSite): TransportResult {
  const result = helperCall(parsed, site);
  const call = site.node;
  if (!('call' in result) || call.type !== AST_NODE_TYPES.CallExpression) return result;
  const callback = result.call.callback;
  const at = callback ? call.arguments.findIndex((a) => a.range[0] === callback.start && a.range[1] === callback.end) : -1;
  const errors = errorsNotReturned(parsed, call, at < 0 ? undefined : at);
  return errors === undefined ? result : { call: { ...result.call, errorsNotReturned: errors } };
}

function helperCall(parsed: ParsedFile, site: FoundSite): TransportResult {
  const call = site.node;
  if (call.type !== AST_NODE_TYPES.CallExpression || site.methodChosen === true) return { why: 'the method name is not written out as the first argument' };
  if (buildsUrl(parsed, call)) {
    // What flows out of the call is the URL, not the answer: the escapes found on it say nothing of the answer's reads.
    const request = call.parent.type === AST_NODE_TYPES.CallExpression || call.parent.type === AST_NODE_TYPES.NewExpression ? text(parsed, call.parent.callee) : undefined;
    return {
      why: `\`${text(parsed, call.callee)}\` only builds a string (a URL) from the method name, which the code hands to a request of its own: rtm-migrate does not follow that string to the request`,
      reason: CODEMOD_MESSAGES.urlBuilt(text(parsed, call), request),
      urlOnly: true,
    };
  }
  if (superagentHelperOf(parsed.resolver, call)) return superagentHelperTransport(parsed, call);
  const slots = slotsOf(parsed, call);
  if (typeof slots === 'string') return { why: slots };
  // `(0, _exec2.default)` keeps its parentheses (the range of a parenthesized callee leaves them out).
  const callee = call.callee;
  const simple = callee.type === AST_NODE_TYPES.Identifier || (callee.type === AST_NODE_TYPES.MemberExpression && !callee.optional);
  // A receiver computed by a call (`svc('slack').request`) is bound once: the caller calls the helper on it.
  const receiver = computedReceiver(parsed, call);
  if (typeof receiver === 'string') return { why: receiver };
  const helper = receiver ? receiver.helper : simple ? text(parsed, call.callee) : `(${text(parsed, call.callee)})`;
  const named = simple ? text(parsed, call.callee) : `(${text(parsed, call.callee)})`;
  const argsAt = slots.findIndex((s) => s.kind === 'args');
  const ts = typescript(parsed);
  // In TypeScript a helper declared in the file with a native promise: the arguments cast to its parameter's type.
  const declared = ts ? declaredPromiseHelper(parsed, call, argsAt < 0 ? 1 : argsAt) : undefined;
  const apiArgs = declared?.argsType ? `apiArgs as ${declared.argsType}` : 'apiArgs';
  const passed = (s: Slot): string => (s.kind === 'method' ? 'apiMethod' : s.kind === 'args' ? apiArgs : s.kind === 'flag' || s.kind === 'fixed' ? text(parsed, s.node) : '');
  const before = slots.filter((s) => s.kind !== 'callback' && s.kind !== 'unread').map(passed);
  if (argsAt < 0) before.push(apiArgs);
  const dropped = droppedArguments(parsed, call, named, argsAt < 0 ? before.length - 1 : argsAt);
  if (dropped) return { why: dropped };
  const flags = slots.flatMap((s) => (s.kind === 'flag' || s.kind === 'fixed' ? [text(parsed, s.node)] : []));
  if (usesCallerName(helper, ...flags) || (receiver && flags.some((f) => new RegExp(`\\b${RECEIVER_NAME}\\b`).test(f)))) return { why: `\`${helper}\` uses a name the rewrite would shadow` };
  const argsSlot = slots[argsAt];
  const argsText = argsSlot?.kind === 'args' && argsSlot.none !== true ? text(parsed, argsSlot.node) : undefined;
  const lastSlot = slots.filter((s) => s.kind !== 'unread').at(-1);
  const callback = lastSlot?.kind === 'callback' ? lastSlot.node : undefined;
  if (receiver && callback) return { why: `the helper is called on \`${receiver.receiver}\` and answers through a callback: rtm-migrate binds a receiver computed by a call once only where the helper's answer is a promise` };
  if (lastSlot?.kind === 'callback' && lastSlot.responseOnly) {
    // TypeScript: the helper's callback type (its own answer type) does not take rtmStartData's, nor its arguments' type `apiArgs`.
    if (ts) return { why: "the helper calls back with the response alone, and in TypeScript its callback's declared type does not take the rebuilt data's: call it with `rtmStartData`'s own promise by hand" };
    // The helper's declaration returns nothing (or only CoffeeScript's incidental request): neither does the rewrite.
    const used = lastSlot.responseOnly.returnsValue && call.parent.type !== AST_NODE_TYPES.ExpressionStatement;
    const droppedReturn = used ? incidentalReturn(parsed, call, lastSlot.responseOnly.helper) : undefined;
    if (used && droppedReturn === undefined) return { why: "the helper's return value is used besides its callback" };
    if (shadowsCallerName(parsed, lastSlot.node)) return { why: 'the callback uses a name the rewrite would shadow' };
    const { falsy } = lastSlot.responseOnly;
    // A helper answering a failure with `null`: each method's `null` fails the rebuild, and the callback gets `null` again.
    const answer = falsy === undefined ? 'resolve' : '(data) => (data ? resolve(data) : reject(new Error(`${apiMethod} failed`)))';
    const caller = `${params(parsed)} => new Promise((${falsy === undefined ? 'resolve' : 'resolve, reject'}) => ${helper}(${[...before, answer].join(', ')}))`;
    const convention = falsy === undefined ? {} : { falsyFailure: falsy, errorsNotReturned: `\`${named}\` answers its callback every failure with \`${falsy}\`, Slack's refusal among them, in place of Slack's answer` };
    return { call: { start: call.range[0], end: call.range[1], caller, args: argsText, callback: { start: lastSlot.node.range[0], end: lastSlot.node.range[1] }, responseOnly: true, ...convention, ...(droppedReturn === undefined ? {} : { note: CODEMOD_MESSAGES.implicitReturnDropped(droppedReturn) }) } };
  }
  if (lastSlot?.kind === 'callback' && lastSlot.request) return requestStyleCall(parsed, call, lastSlot.node, helper, before, argsText, lastSlot.request.parsedBody);
  if (lastSlot?.kind === 'callback' && lastSlot.successFlag === true) return successFlagCall(parsed, call, lastSlot.node, helper, before, argsText);
  if (callback) {
    if (call.parent.type !== AST_NODE_TYPES.ExpressionStatement) return { why: "the helper's return value is used besides its callback" };
    // TypeScript: the helper's callback types are not known here, so the caller takes any and says what it resolves to.
    const answer = ts ? "new Promise<Record<string, unknown>>((resolve, reject) => " : 'new Promise((resolve, reject) => ';
    const handler = ts ? '(err: unknown, data: unknown) => (err ? reject(err) : resolve(data as Record<string, unknown>))' : '(err, data) => (err ? reject(err) : resolve(data))';
    const caller = `${params(parsed)} => ${answer}${helper}(${[...before, handler].join(', ')}))`;
    // A wrapper called without a callback made its request and answered nowhere: so does the rewrite.
    const optional = lastSlot?.kind === 'callback' && lastSlot.optional === true;
    return { call: { start: call.range[0], end: call.range[1], caller, args: argsText, callback: { start: callback.range[0], end: callback.range[1] }, ...(optional ? { optionalCallback: true } : {}) } };
  }
  const direct = `${params(parsed)} => ${helper}(${before.join(', ')})`;
  const caller = receiver ? bindReceiver(receiver, direct) : direct;
  const promiseUse = usedAsPromise(call);
  // A helper that resolves Slack's `ok: false` answer as data: the rewrite answers it so too.
  const errors = resolvesSlackErrors(parsed, helperDeclaration(parsed, call)) ? { answersSlackErrors: true } : {};
  if (declared) return { call: { start: call.range[0], end: call.range[1], caller, args: argsText, cast: declared.returns, ...errors } };
  // rtmStartData() awaits what the helper returns, rtmStartDataAs() calls its `.then`: only on a promise.
  const unproven = unprovenPromise(parsed, call, named, promiseUse === undefined);
  if (unproven) return { why: unproven };
  if (promiseUse === undefined) return { call: { start: call.range[0], end: call.range[1], caller, args: argsText, ...errors } };
  // The helper's own kind of promise comes back, chained on a first call through it (JavaScript: its type is not known).
  if (ts) return { why: `${promiseUse}, and its type is not known here` };
  return { call: { start: call.range[0], end: call.range[1], caller, args: argsText, ownPromise: true, ...errors } };
}

/**
 * The helper hands its callback request's `(err, res, body)` (see request-forwarded.ts): each method
 * goes through the helper, its body parsed as the helper had it; the kept callback is called once
 * with a 200 response carrying the data and the data itself, text or parsed, as request would have.
 */
function requestStyleCall(parsed: ParsedFile, call: TSESTree.CallExpression, node: Node, helper: string, before: string[], args: string | undefined, parsedBody: boolean): TransportResult {
  const fn = writtenCallback(node);
  if (call.parent.type !== AST_NODE_TYPES.ExpressionStatement) return { why: "the helper's return value is used besides its callback" };
  if (!fn || shadowedInCallback(parsed, fn)) return { why: 'the callback uses a name the rewrite would shadow' };
  if (fn.type === AST_NODE_TYPES.FunctionExpression && usesOwnThis(parsed, fn)) return { why: 'the callback uses `this` (the request object)' };
  if (!readsOnlyMembers(parsed, fn.params[1], ['statusCode', 'body'])) return { why: 'the callback reads the response for more than `statusCode` and `body`' };
  const ts = typescript(parsed);
  if (ts) return { why: "the helper hands its callback request's `(err, res, body)`, whose types in TypeScript are not known here" };
  const send = `new Promise((resolve, reject) => ${helper}(${[...before, '(err, res, body) => (err ? reject(err) : resolve(body))'].join(', ')}))`;
  return {
    call: {
      start: call.range[0],
      end: call.range[1],
      caller: `${params(parsed)} => ${send}${parsedBody ? '' : '.then((body) => JSON.parse(body))'}`,
      args,
      callback: { start: node.range[0], end: node.range[1] },
      callbackAround: requestCallbackAround(ts, parsedBody),
    },
  };
}

/**
 * The helper calls back `(ok, data)` (see provenSuccessFlag): each method goes through it, resolved
 * on a truthy flag and rejected with what it handed over otherwise; the kept callback is called once,
 * `(true, data)`, or `(false, …)` with Slack's own `ok: false` answer where Slack refused a method
 * (the helper may have called back with a truthy flag for it) and else with what the helper failed with.
 */
function successFlagCall(parsed: ParsedFile, call: TSESTree.CallExpression, node: Node, helper: string, before: string[], args: string | undefined): TransportResult {
  const fn = writtenCallback(node);
  if (call.parent.type !== AST_NODE_TYPES.ExpressionStatement) return { why: "the helper's return value is used besides its callback" };
  if (!fn || shadowedInCallback(parsed, fn)) return { why: 'the callback uses a name the rewrite would shadow' };
  if (fn.type === AST_NODE_TYPES.FunctionExpression && unwrap(node) === fn && usesOwnThis(parsed, fn)) return { why: 'the callback uses `this`, which the helper gives it and rtm-migrate cannot see' };
  if (typescript(parsed)) return { why: "the helper calls back `(ok, data)`, whose types in TypeScript are not known here" };
  const send = `new Promise((resolve, reject) => ${helper}(${[...before, '(ok, data) => (ok ? resolve(data) : reject(data))'].join(', ')}))`;
  return {
    call: {
      start: call.range[0],
      end: call.range[1],
      caller: `${params(parsed)} => ${send}`,
      args,
      callback: { start: node.range[0], end: node.range[1] },
      callbackAround: { before: '(err, data) => (', after: `)(!err, err ? ${slackAnswerOr('err')} : data)` },
      // A refusal may come back as `(false, answer)`, not as the error carrying Slack's answer that an optional extra is told by.
      errorsNotReturned: `\`${text(parsed, call.callee)}\` hands its callback a failure as \`(false, …)\` in a shape rtm-migrate does not see`,
    },
  };
}

/**
 * Why a native promise may not take the place of the helper's own (which may have other methods, such
 * as `vow`'s `.fail`): the promise is handed on (returned, stored, passed) or chained with a method
 * other than `.then` / `.catch` / `.finally`. Undefined when it is only awaited or so chained.
 */
export function usedAsPromise(call: Node): string | undefined {
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
