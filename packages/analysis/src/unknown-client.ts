import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { descendants, memberName, programOf, propertyKeyName, singleValueOf, unwrap, variableOf } from './ast.js';
import { classOf, functionOf, type FunctionNode } from './functions.js';
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
  readonly handlers: readonly { readonly fn: FunctionNode; readonly at: Node }[];
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

/** Settings of `$.ajax` whose function gets the answer (`success(data, status, xhr)`, `error(xhr, …)`, `complete(xhr, …)`). */
const JQUERY_HANDLERS = new Set(['success', 'error', 'complete']);

/**
 * jQuery's hooks that see every request's answer or settings (`$.ajaxSetup({ dataFilter })`,
 * `$(document).ajaxSuccess(fn)`…): a file naming one may read the answer where the call does not show it.
 */
const JQUERY_GLOBAL_HOOKS = new Set(['ajaxSetup', 'ajaxPrefilter', 'ajaxTransport', 'ajaxSuccess', 'ajaxComplete', 'ajaxError']);

/** `$.getJSON(…)`, `jQuery.ajax(…)`: `$` / `jQuery` a browser script's global, or jQuery's module (`require('jquery')`). */
function isJqueryRequest(resolver: Resolver, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !JQUERY_REQUESTS.has(memberName(resolver, callee) ?? '')) return false;
  const holder = unwrap(callee.object);
  if (holder.type !== AST_NODE_TYPES.Identifier) return false;
  const origin = originOf(resolver, holder);
  if (origin) return origin.module === 'jquery' && !origin.instance && (origin.name === '*' || origin.name === 'default');
  return (holder.name === '$' || holder.name === 'jQuery') && !variableOf(resolver, holder)?.defs.length;
}

/**
 * What a jQuery Ajax call hands back: the functions it is given (as an argument or as `$.ajax`'s
 * `success` / `error` / `complete`, each parameter of which may hold the answer) and its jqXHR where
 * used (`.done(fn)`, `.then(fn)`). Its request data (`{ token: t }`: serialised, never handed the answer)
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
    const why = bare.type !== AST_NODE_TYPES.ObjectExpression ? answer.value(arg) : ajax ? jquerySettings(resolver, bare, answer) : undefined;
    if (why) return { unclear: why };
  }
  const first = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (first?.type === AST_NODE_TYPES.ObjectExpression) {
    const why = jquerySettings(resolver, first, answer);
    if (why) return { unclear: why };
  }
  if (call.parent.type !== AST_NODE_TYPES.ExpressionStatement) answer.results.push(call);
  if (answer.results.length === 0 && answer.handlers.length === 0) return { unclear: 'where the client hands the answer back is not seen' };
  return answer;
}

/** jQuery's settings written out: each handler taken, `data` anything but a function (it is serialised), the rest inert. */
function jquerySettings(resolver: Resolver, settings: TSESTree.ObjectExpression, answer: Ways): string | undefined {
  for (const property of settings.properties) {
    const key = property.type === AST_NODE_TYPES.Property && !property.computed ? propertyKeyName(resolver, property) : undefined;
    if (property.type !== AST_NODE_TYPES.Property || key === undefined) return 'the request is given settings rtm-migrate cannot read';
    const why = JQUERY_HANDLERS.has(key) ? answer.value(property.value) : (key === 'data' && functionOf(resolver, property.value) === undefined) || inert(resolver, property.value) ? undefined : `the request's \`${key}\` may be a function that sees the answer`;
    if (why) return why;
  }
  return undefined;
}

/** The ways back collected so far; each method answers why a use cannot be followed, or undefined. */
class Ways implements ClientAnswer {
  readonly results: Request[] = [];
  readonly handlers: { fn: FunctionNode; at: Node }[] = [];

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
  value(node: Node): string | undefined {
    const fn = functionOf(this.resolver, node);
    if (!fn) return inert(this.resolver, node) ? undefined : 'an argument given to the client may be a function rtm-migrate does not see';
    const why = handlerProblem(this.resolver, fn, node);
    if (!why) this.handlers.push({ fn, at: node });
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
    if (node.type === AST_NODE_TYPES.Identifier && node.name === 'arguments' && ownFunction(node) === fn) return 'a function given to the client reads its `arguments`';
    if (node.type === AST_NODE_TYPES.ThisExpression && !bound && ownFunction(node) === fn) return 'a function given to the client reads `this`, which the client may set to itself';
  }
  return undefined;
}

/** The function whose own `this` / `arguments` a node refers to (arrow functions have none). */
function ownFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) return current;
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
