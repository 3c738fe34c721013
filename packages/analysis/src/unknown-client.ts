import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { descendants, memberName, programOf, propertyKeyName, singleValueOf, unwrap, variableOf } from './ast.js';
import { classOf, functionOf, ownThisFunction, usesArguments, type FunctionNode } from './functions.js';
import { originOf } from './origin.js';
import type { Resolver } from './resolver.js';
import { URI_ENCODERS } from './url.js';

type Node = TSESTree.Node;
type Request = TSESTree.CallExpression | TSESTree.NewExpression;

/**
 * Where a client the analysis does not know (AngularJS's `$http`, a runtime's global `Http`) hands back
 * what it gets for a URL: the calls whose result may be the answer (or a promise of it), and the
 * functions given to it, every parameter of which may be (part of) the answer. Its wrapping is unknown:
 * what is read off these values is judged at every depth (core's `readsNoStartOnlyField`).
 */
export interface ClientAnswer {
  readonly results: readonly Request[];
  readonly handlers: readonly Handler[];
}

/** A function given to the client; `texts`: the parameters it fills with its own text (jQuery's `textStatus`), never (part of) the answer. */
export interface Handler {
  readonly fn: FunctionNode;
  readonly at: Node;
  readonly texts?: readonly number[];
}

/**
 * The answer of `request` (given the URL, or options holding it, as its first argument) where every way
 * back is seen: the request's own result and the functions given to it; for `new X(url)`, the instance
 * held in a variable used only through its methods (`x.request(opts, cb)`) and handler members
 * (`x.onerror = fn`). Unclear (with why) where the client is the app's own code (which may keep the
 * answer), where the client object is read otherwise (`xhr.responseText`), handed on or handed
 * functions elsewhere, where an argument may be a function not seen, or where nothing comes back here
 * (`xhr.open('GET', url)`: the answer arrives some other way).
 */
export function unknownClientAnswer(resolver: Resolver, request: Request): ClientAnswer | { readonly unclear: string } {
  if (request.type === AST_NODE_TYPES.CallExpression && isJqueryRequest(resolver, request)) return jqueryAnswer(resolver, request);
  if (!inert(resolver, request.arguments[0] ?? request)) return { unclear: 'the request is given more than a URL rtm-migrate can read' };
  const own = ownCode(resolver, request.callee);
  if (own) return { unclear: own };
  const answer = new Ways(resolver);
  const why =
    request.type === AST_NODE_TYPES.NewExpression
      ? (answer.call(request, 1, false) ?? instanceUses(resolver, request, answer))
      : (answer.call(request, 1, true) ?? receiverUses(resolver, request));
  if (why) return { unclear: why };
  if (answer.results.length === 0 && answer.handlers.length === 0) return { unclear: 'where the client hands the answer back is not seen' };
  return answer;
}

/** jQuery's Ajax calls: the shorthands (`url, [data], [success], [dataType]`) and `$.ajax(url | settings, [settings])`. */
const JQUERY_REQUESTS = new Set(['get', 'post', 'getJSON', 'ajax']);

/**
 * Settings of `$.ajax` whose function gets the answer (`success(data, textStatus, jqXHR)`,
 * `error(jqXHR, textStatus, errorThrown)`, `complete(jqXHR, textStatus)`), by the parameters jQuery
 * fills with its own text: `textStatus` (`'success'`, `'parsererror'`…), and `errorThrown` (the HTTP
 * status text, or the exception of a parse, which a JSON answer never hits).
 */
const JQUERY_HANDLERS: ReadonlyMap<string, readonly number[]> = new Map([['success', [1]], ['error', [1, 2]], ['complete', [1]]]);

/**
 * jQuery's hooks that see every request's answer or settings (`$.ajaxSetup({ dataFilter })`,
 * `$(document).ajaxSuccess(fn)`…): a file naming one may read the answer where the call does not show it.
 */
const JQUERY_GLOBAL_HOOKS = new Set(['ajaxSetup', 'ajaxPrefilter', 'ajaxTransport', 'ajaxSuccess', 'ajaxComplete', 'ajaxError']);

/** `$.getJSON(…)`, `jQuery.ajax(…)`: `$` / `jQuery` a browser script's global, or jQuery's module (`require('jquery')`). */
export function isJqueryRequest(resolver: Resolver, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !JQUERY_REQUESTS.has(memberName(resolver, callee) ?? '')) return false;
  const holder = unwrap(callee.object);
  return holder.type === AST_NODE_TYPES.Identifier && isJquery(resolver, holder, 0);
}

/** `$` / `jQuery` as isJqueryRequest takes it, or a parameter an IIFE is given one as (`(function ($) { … })(jQuery)`). */
function isJquery(resolver: Resolver, name: TSESTree.Identifier, depth: number): boolean {
  const origin = originOf(resolver, name);
  if (origin) return origin.module === 'jquery' && !origin.instance && (origin.name === '*' || origin.name === 'default');
  const variable = variableOf(resolver, name);
  if (!variable?.defs.length) return name.name === '$' || name.name === 'jQuery';
  const given = depth < 4 ? iifeArgument(resolver, variable) : undefined;
  return given !== undefined && isJquery(resolver, given, depth + 1);
}

/**
 * `(function ($) { … })(jQuery)`, `(($) => …)(jQuery)`: the name a parameter of a function called
 * where it is written is given, where nothing assigns the parameter (nor `arguments`, its alias in sloppy code).
 */
function iifeArgument(resolver: Resolver, variable: TSESLint.Scope.Variable): TSESTree.Identifier | undefined {
  const [def, ...more] = variable.defs;
  if (def?.type !== TSESLint.Scope.DefinitionType.Parameter || more.length > 0 || variable.references.some((r) => r.isWrite())) return undefined;
  const fn = def.node;
  if (fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) return undefined;
  const index = fn.params.findIndex((p) => p === def.name);
  const call = fn.parent;
  if (index < 0 || call.type !== AST_NODE_TYPES.CallExpression || call.callee !== fn || usesArguments(resolver, fn)) return undefined;
  if (call.arguments.slice(0, index + 1).some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const given = call.arguments[index];
  return given?.type === AST_NODE_TYPES.Identifier ? given : undefined;
}

/**
 * What a jQuery Ajax call hands back: the functions it is given (as an argument or as `$.ajax`'s
 * `success` / `error` / `complete`, each parameter of which may hold the answer) and its jqXHR's
 * chain (jqxhrChain). Its request data (`{ token: t }`: serialised, never handed the answer)
 * may be anything but a function, which jQuery would take as the callback. Unclear where a setting
 * may be a function that sees the answer (`dataFilter`, `converters`, `beforeSend`, `xhr`), or where the
 * file names one of jQuery's global hooks.
 */
function jqueryAnswer(resolver: Resolver, call: TSESTree.CallExpression): ClientAnswer | { readonly unclear: string } {
  const hook = [...descendants(resolver, programOf(call))].find((n) => n.type === AST_NODE_TYPES.MemberExpression && JQUERY_GLOBAL_HOOKS.has(memberName(resolver, n) ?? ''));
  if (hook) return { unclear: `this file uses jQuery's \`${memberName(resolver, hook as TSESTree.MemberExpression) ?? ''}\`, which may see the answer` };
  const answer = new Ways(resolver);
  const ajax = memberName(resolver, unwrap(call.callee) as TSESTree.MemberExpression) === 'ajax';
  for (const arg of call.arguments.slice(1)) {
    const bare = unwrap(arg);
    // A shorthand's object is its request data; `$.ajax(url, settings)`'s, its settings.
    const why = bare.type !== AST_NODE_TYPES.ObjectExpression ? answer.value(arg, JQUERY_SUCCESS) : ajax ? jquerySettings(resolver, bare, answer) : undefined;
    if (why) return { unclear: why };
  }
  const first = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (first?.type === AST_NODE_TYPES.ObjectExpression) {
    const why = jquerySettings(resolver, first, answer);
    if (why) return { unclear: why };
  }
  const why = jqxhrChain(resolver, call, answer);
  if (why) return { unclear: why };
  if (answer.results.length === 0 && answer.handlers.length === 0) return { unclear: 'where the client hands the answer back is not seen' };
  return answer;
}

/** The shorthands' callback, `success`'s. */
const JQUERY_SUCCESS = JQUERY_HANDLERS.get('success');

/**
 * jqXHR's links that hand back the same jqXHR, by the texts (as JQUERY_HANDLERS) each of their
 * functions gets: `.done(fn)`, `success`'s; `.fail(fn)`, `error`'s; `.always(fn)` either.
 */
const JQXHR_SAME: ReadonlyMap<string, readonly (readonly number[])[]> = new Map([['done', [[1]]], ['fail', [[1, 2]]], ['always', [[1]]]]);

/** jqXHR's links that make a new promise (of what their functions return, or, where one is missing, of the jqXHR's own arguments): `.then(done, fail)`, `.catch(fail)`. */
const JQXHR_NEW: ReadonlyMap<string, readonly (readonly number[])[]> = new Map([['then', [[1], [1, 2]]], ['catch', [[1, 2]]]]);

/**
 * The jqXHR a jQuery Ajax call answers, used as a chain written out (`$.getJSON(url).done(fn).fail(fn)`,
 * `.then(fn, fn)`): each function a handler, every parameter of which may hold the answer (the jqXHR's
 * `responseJSON` too); anything else it is given must hand nothing back. Unclear where the jqXHR is
 * used otherwise (held, returned, `.pipe`): its `.then` hands its functions more than one value, which
 * no promise does; and where the promise `.then` / `.catch` makes is used further, where the answer
 * passes through whatever handler is missing (`.catch(fn).then(g)`: `g` gets the answer).
 */
function jqxhrChain(resolver: Resolver, call: TSESTree.CallExpression, answer: Ways): string | undefined {
  let xhr: Node = call;
  for (;;) {
    const member: Node = xhr.parent;
    if (member.type === AST_NODE_TYPES.ExpressionStatement) return undefined;
    const name = member.type === AST_NODE_TYPES.MemberExpression && member.object === xhr ? memberName(resolver, member) : undefined;
    const link: Node | undefined = member.parent;
    if (name === undefined || link?.type !== AST_NODE_TYPES.CallExpression || link.callee !== member || !(JQXHR_SAME.has(name) || JQXHR_NEW.has(name))) {
      return "jQuery's jqXHR is used otherwise than through `.done` / `.fail` / `.always` / `.then` written out after the call";
    }
    const texts = JQXHR_SAME.get(name) ?? JQXHR_NEW.get(name) ?? [];
    for (const [index, arg] of link.arguments.entries()) {
      // `.done(a, b)`: more functions of the same kind.
      const why = answer.value(arg, texts[Math.min(index, texts.length - 1)]);
      if (why) return why;
    }
    if (JQXHR_NEW.has(name)) return link.parent.type === AST_NODE_TYPES.ExpressionStatement ? undefined : `the promise jQuery's \`.${name}\` makes is used further, where the answer may pass through`;
    xhr = link;
  }
}

/** jQuery's settings written out: each handler taken, `data` anything but a function (it is serialised), the rest inert. */
function jquerySettings(resolver: Resolver, settings: TSESTree.ObjectExpression, answer: Ways): string | undefined {
  for (const property of settings.properties) {
    const key = property.type === AST_NODE_TYPES.Property && !property.computed ? propertyKeyName(resolver, property) : undefined;
    if (property.type !== AST_NODE_TYPES.Property || key === undefined) return 'the request is given settings rtm-migrate cannot read';
    const texts = JQUERY_HANDLERS.get(key);
    const why = texts ? answer.value(property.value, texts) : (key === 'data' && functionOf(resolver, property.value) === undefined) || inert(resolver, property.value) ? undefined : `the request's \`${key}\` may be a function that sees the answer`;
    if (why) return why;
  }
  return undefined;
}

/** The ways back collected so far; each method answers why a use cannot be followed, or undefined. */
class Ways implements ClientAnswer {
  readonly results: Request[] = [];
  readonly handlers: Handler[] = [];

  constructor(private readonly resolver: Resolver) {}

  /** A call on the client: its arguments from `from` on (functions are handlers), and its result where it is used. */
  call(call: Request, from: number, result: boolean): string | undefined {
    for (const arg of call.arguments.slice(from)) {
      const why = this.value(arg);
      if (why) return why;
    }
    if (result && call.parent.type !== AST_NODE_TYPES.ExpressionStatement) this.results.push(call);
    return undefined;
  }

  /** A value given to the client: a function (a handler) or one that hands nothing back. */
  value(node: Node, texts?: readonly number[]): string | undefined {
    const fn = functionOf(this.resolver, node);
    if (!fn) return inert(this.resolver, node) ? undefined : 'an argument given to the client may be a function rtm-migrate does not see';
    const why = handlerProblem(this.resolver, fn, node);
    if (!why) this.handlers.push({ fn, at: node, texts });
    return why;
  }
}

/** The client is code of this app (a function, class or module of its own), which may keep or hand on the answer unseen. */
function ownCode(resolver: Resolver, callee: Node): string | undefined {
  const bare = unwrap(callee);
  const holder = bare.type === AST_NODE_TYPES.MemberExpression ? unwrap(bare.object) : bare;
  if (bare.type === AST_NODE_TYPES.Identifier && bare.name === 'URL') return 'the URL is made into a `URL` handed on elsewhere';
  if (bare.type === AST_NODE_TYPES.Identifier && URI_ENCODERS.has(bare.name)) return `the URL goes through \`${bare.name}(…)\` on its way to a request`;
  if (functionOf(resolver, bare) || classOf(resolver, bare)) return 'the request goes through a function of this app';
  const module = originOf(resolver, holder)?.module;
  if (module?.startsWith('.')) return `the request goes through the app's own module \`${module}\``;
  if (holder.type !== AST_NODE_TYPES.Identifier) return 'the client is reached through a member, whose other uses are not seen';
  const variable = variableOf(resolver, holder);
  const def = variable?.defs[0];
  // A global (`$http` injected, a runtime's `Http`), a parameter, or a package's value.
  if (!variable || !def || def.type === TSESLint.Scope.DefinitionType.Parameter || module !== undefined) return undefined;
  return `the client \`${holder.name}\` is a value of this file`;
}

/** `var start = new Http(url)`: used only as `start.m(…)` (each call taken) and `start.onx = function …`. */
function instanceUses(resolver: Resolver, made: TSESTree.NewExpression, answer: Ways): string | undefined {
  const declarator = made.parent;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== made || declarator.id.type !== AST_NODE_TYPES.Identifier) {
    return 'the client object is not held in a variable whose uses are all seen';
  }
  const variable = variableOf(resolver, declarator.id);
  if (variable?.defs.length !== 1 || declarator.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return 'the client object may be used elsewhere';
  for (const reference of variable.references) {
    if (reference.identifier === declarator.id) continue;
    const member = reference.identifier.parent;
    if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || memberName(resolver, member) === undefined) return 'the client object is handed on or read where its answer may be kept';
    const use = member.parent;
    const why =
      use.type === AST_NODE_TYPES.CallExpression && use.callee === member ? answer.call(use, 0, true)
      : use.type === AST_NODE_TYPES.AssignmentExpression && use.left === member && use.operator === '=' ? answer.value(use.right)
      : `the client's \`${memberName(resolver, member) ?? '…'}\` is read, where its answer may be kept`;
    if (why) return why;
  }
  return undefined;
}

/**
 * `$http.get(url)`: the object the request is a method of is otherwise only called on, never handed
 * functions (an event listener gets answers too) nor read (`xhr.responseText` keeps the answer).
 */
function receiverUses(resolver: Resolver, request: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(request.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const receiver = unwrap(callee.object);
  if (receiver.type !== AST_NODE_TYPES.Identifier) return undefined;
  for (const reference of referencesOf(resolver, receiver)) {
    if (reference.identifier === receiver || (!reference.isRead() && reference.init === true)) continue;
    const member = reference.identifier.parent;
    const call = member.parent;
    const called = member.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier && call?.type === AST_NODE_TYPES.CallExpression && call.callee === member;
    if (!called) return `\`${receiver.name}\` is used otherwise than called on, where its answer may be kept`;
    if (call.arguments.some((a) => !inert(resolver, a))) return 'the client is handed functions elsewhere, which may get its answer';
  }
  return undefined;
}

/** Every use of a name: its variable's, or for a global nothing declares (`$http` of a browser script), each use of it in the file. */
function referencesOf(resolver: Resolver, name: TSESTree.Identifier): readonly TSESLint.Scope.Reference[] {
  const variable = variableOf(resolver, name);
  if (variable) return variable.references;
  let scope = resolver.getScope(name);
  while (scope.upper) scope = scope.upper;
  return scope.through.filter((r) => r.identifier.name === name.name);
}

/** A function given to the client that reads its `arguments`, or `this` as the client may set it (`this.responseText`): not followed. */
function handlerProblem(resolver: Resolver, fn: FunctionNode, given: Node): string | undefined {
  if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression) return undefined;
  const bound = unwrap(given).type === AST_NODE_TYPES.CallExpression;
  for (const node of descendants(resolver, fn.body)) {
    if (node.type === AST_NODE_TYPES.Identifier && node.name === 'arguments' && ownThisFunction(node) === fn) return 'a function given to the client reads its `arguments`';
    if (node.type === AST_NODE_TYPES.ThisExpression && !bound && ownThisFunction(node) === fn) return 'a function given to the client reads `this`, which the client may set to itself';
  }
  return undefined;
}

/**
 * A value that can be no function and hand nothing back: text, numbers, `a + b`, literals of those,
 * `process.env.X`, and a variable that holds such a value for good. Anything else (a parameter, a call)
 * may be a function or an object with one (`{ transformResponse }`).
 */
function inert(resolver: Resolver, node: Node, depth = 0): boolean {
  if (depth > 8) return false;
  const bare = unwrap(node);
  switch (bare.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.UnaryExpression:
      return true;
    case AST_NODE_TYPES.ObjectExpression:
      return bare.properties.every((p) => p.type === AST_NODE_TYPES.Property && !p.computed && p.kind === 'init' && !p.method && inert(resolver, p.value, depth + 1));
    case AST_NODE_TYPES.ArrayExpression:
      return bare.elements.every((e) => e !== null && e.type !== AST_NODE_TYPES.SpreadElement && inert(resolver, e, depth + 1));
    case AST_NODE_TYPES.MemberExpression: {
      const object = unwrap(bare.object);
      const env = object.type === AST_NODE_TYPES.MemberExpression && unwrap(object.object).type === AST_NODE_TYPES.Identifier && memberName(resolver, object) === 'env';
      return env && (unwrap(object.object) as TSESTree.Identifier).name === 'process' && !variableOf(resolver, unwrap(object.object) as TSESTree.Identifier)?.defs.length;
    }
    case AST_NODE_TYPES.Identifier: {
      const variable = variableOf(resolver, bare);
      const value = variable?.defs.length === 1 ? singleValueOf(variable) : undefined;
      return value !== undefined && inert(resolver, value, depth + 1);
    }
    default:
      return false;
  }
}
