import { isRtmConnectUrlTail, isRtmStartMethodName, isRtmStartUrlTail, METHODS } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, isFunction, memberName, resolveConst, staticString, unwrap, variableOf, singleValueOf, destructuredKey } from './ast.js';
import { clientKindOfConstructor, constructionOf, isFromOtherVendor, type ClientKind } from './origin.js';
import { typeIsAnyOr, typeServices } from './types.js';

type Node = TSESTree.Node;
type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export type RtmMethod = typeof METHODS.rtmStart | typeof METHODS.rtmConnect;

/** A call of `rtm.start` / `rtm.connect` through a Web API client or the app's own helper. */
export interface MethodSite {
  readonly kind: 'method';
  readonly method: RtmMethod;
  /** `member`: `x.rtm.start(…)`; `call`/`apply`: through Function.prototype; `name`: a call given the method name. */
  readonly form: 'member' | 'call' | 'apply' | 'name';
  readonly call: TSESTree.CallExpression;
  /** What names the method: the `start` property, or the argument that holds `'rtm.start'`. */
  readonly methodNode: Node;
  /** The request arguments, when passed. */
  readonly options: TSESTree.Expression | undefined;
  /** A Node-style callback `(err, res)`, when passed. */
  readonly callback: Node | undefined;
}

/** `start()` of an RTM client, or its `authenticated` event handler. */
export interface ClientSite {
  readonly kind: 'client-start' | 'client-authenticated';
  readonly client: ClientKind;
  /** True when the client calls `rtm.start`: the legacy client, or `useRtmConnect: false`. */
  readonly usesStart: boolean;
  readonly call: TSESTree.CallExpression;
  readonly options: TSESTree.Expression | undefined;
  /** The `authenticated` handler. */
  readonly handler: Node | undefined;
}

export type RtmSite = MethodSite | ClientSite;

const METHOD_OF_PROPERTY: Readonly<Record<string, RtmMethod>> = { start: METHODS.rtmStart, connect: METHODS.rtmConnect };

/** Calls that take a string without it being a Slack method name (string, array, assertion, log helpers). */
const NOT_A_METHOD_CALL = new Set([
  'includes', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'replace', 'replaceAll', 'split', 'match', 'test',
  'equal', 'strictEqual', 'notEqual', 'deepEqual', 'toBe', 'toEqual', 'toContain', 'toMatch', 'push', 'has', 'add',
  'log', 'debug', 'info', 'warn', 'error', 'trace', 'concat', 'join', 'localeCompare', 'describe', 'it', 'test',
]);

/** Classifies a call as a use of `rtm.start`/`rtm.connect` or of an RTM client, if it is one. */
export function classifyCall(context: Context, call: TSESTree.CallExpression): RtmSite | undefined {
  return clientSite(context, call) ?? memberSite(context, call) ?? nameSite(context, call);
}

/** `x.rtm.start(…)`, `x.rtm?.['start'](…)`, `x.rtm.start.call(…)`, `.apply(…)`. */
function memberSite(context: Context, call: TSESTree.CallExpression): MethodSite | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const outerName = memberName(context, callee);
  if (outerName === undefined) return undefined;
  let method: TSESTree.MemberExpression = callee;
  let form: MethodSite['form'] = 'member';
  if (outerName === 'call' || outerName === 'apply') {
    const inner = unwrap(callee.object);
    if (inner.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    method = inner;
    form = outerName;
  }
  const rtmMethod = METHOD_OF_PROPERTY[memberName(context, method) ?? ''];
  if (!rtmMethod) return undefined;
  const receiver = rtmNamespaceReceiver(context, method.object);
  if (!receiver || !isSlackReceiver(context, receiver)) return undefined;
  const args = form === 'member' ? call.arguments : form === 'call' ? call.arguments.slice(1) : applyArguments(call);
  const [first, second] = args;
  const callback = [first, second].find((a) => a !== undefined && isCallback(context, a));
  const options = first && first !== callback && first.type !== AST_NODE_TYPES.SpreadElement ? first : undefined;
  return { kind: 'method', method: rtmMethod, form, call, methodNode: method.property, options, callback };
}

function applyArguments(call: TSESTree.CallExpression): TSESTree.CallExpressionArgument[] {
  const list = call.arguments[1] ? unwrap(call.arguments[1]) : undefined;
  if (list?.type !== AST_NODE_TYPES.ArrayExpression) return [];
  return list.elements.filter((e): e is TSESTree.Expression => e !== null && e.type !== AST_NODE_TYPES.SpreadElement);
}

function isCallback(context: Context, node: Node): boolean {
  const target = resolveConst(context, node);
  if (isFunction(target)) return true;
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const def = variableOf(context, target)?.defs[0];
  return def?.type === 'FunctionName';
}

/**
 * The client in `<client>.rtm`: `web.rtm` → `web`. Also a variable holding `web.rtm`
 * (`const rtm = web.rtm`, `const { rtm } = web`). Undefined when the expression is no `rtm` namespace.
 */
function rtmNamespaceReceiver(context: Context, node: Node): Node | undefined {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.MemberExpression) return memberName(context, bare) === 'rtm' ? bare.object : undefined;
  if (bare.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(context, bare);
  const def = variable?.defs[0];
  const value = variable ? singleValueOf(variable) : undefined;
  if (!value || def?.type !== 'Variable') return undefined;
  if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
    return destructuredKey(context, def.node.id, def.name) === 'rtm' ? value : undefined;
  }
  const init = unwrap(value);
  return init.type === AST_NODE_TYPES.MemberExpression && memberName(context, init) === 'rtm' ? init.object : undefined;
}

/**
 * Whether `x` in `x.rtm.start` may be Slack's `WebClient`: with type information, typed `WebClient`
 * (or `any`); without, not provably another vendor's module (unknown origin counts: the default).
 */
function isSlackReceiver(context: Context, receiver: Node): boolean {
  const services = typeServices(context);
  if (services) return typeIsAnyOr(services, receiver, ['WebClient']);
  return !isFromOtherVendor(context, receiver);
}

/** `<client>.start(opts)` and `<client>.on('authenticated', fn)` on an RTMClient / legacy RtmClient. */
function clientSite(context: Context, call: TSESTree.CallExpression): ClientSite | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = memberName(context, callee);
  if (name !== 'start' && name !== 'on' && name !== 'once' && name !== 'addListener') return undefined;
  const construction = constructionOf(context, callee.object);
  if (!construction) return undefined;
  const client = clientKindOfConstructor(context, construction.callee);
  if (!client) return undefined;
  const usesStart = client === 'legacy-rtm-client' || useRtmConnectFalse(context, construction) !== undefined;
  if (name === 'start') {
    const first = call.arguments[0];
    const options = first && first.type !== AST_NODE_TYPES.SpreadElement ? first : undefined;
    return { kind: 'client-start', client, usesStart, call, options, handler: undefined };
  }
  const [event, handler] = call.arguments;
  if (!event || !handler || !isAuthenticatedEvent(context, event)) return undefined;
  return { kind: 'client-authenticated', client, usesStart, call, options: undefined, handler };
}

/** `'authenticated'`, or `CLIENT_EVENTS.RTM.AUTHENTICATED` of the legacy client. */
function isAuthenticatedEvent(context: Context, node: Node): boolean {
  const text = staticString(context, node);
  if (text !== undefined) return text === 'authenticated';
  const bare = unwrap(node);
  return bare.type === AST_NODE_TYPES.MemberExpression && memberName(context, bare) === 'AUTHENTICATED';
}

/** The `useRtmConnect: false` property of `new RTMClient(token, { … })`, if set. */
export function useRtmConnectFalse(context: Context, construction: TSESTree.NewExpression): TSESTree.Property | undefined {
  const options = construction.arguments[1] ? resolveConst(context, construction.arguments[1]) : undefined;
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const property of options.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : String((property.key as TSESTree.Literal).value);
    const value = unwrap(property.value);
    if (key === 'useRtmConnect' && value.type === AST_NODE_TYPES.Literal && value.value === false) return property;
  }
  return undefined;
}

/** Any call given the method name as an argument: `web.apiCall('rtm.start')`, `api.post(m, {…}, cb)`, `this._api(…)`. */
function nameSite(context: Context, call: TSESTree.CallExpression): MethodSite | undefined {
  const callee = calleeName(context, call.callee);
  if (callee !== undefined && NOT_A_METHOD_CALL.has(callee)) return undefined;
  if (callee === 'require') return undefined;
  const args = call.arguments;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.type === AST_NODE_TYPES.SpreadElement || !mayBeString(arg)) continue;
    const method = methodOfName(staticString(context, arg));
    if (!method) continue;
    const rest = args.slice(i + 1);
    const callback = rest.find((a) => isCallback(context, a));
    const next = rest[0];
    const options = next && next !== callback && next.type !== AST_NODE_TYPES.SpreadElement ? next : undefined;
    return { kind: 'method', method, form: 'name', call, methodNode: arg, options, callback };
  }
  return undefined;
}

function mayBeString(node: Node): boolean {
  const bare = unwrap(node);
  return (
    (bare.type === AST_NODE_TYPES.Literal && typeof bare.value === 'string') ||
    bare.type === AST_NODE_TYPES.TemplateLiteral ||
    bare.type === AST_NODE_TYPES.Identifier ||
    bare.type === AST_NODE_TYPES.BinaryExpression ||
    bare.type === AST_NODE_TYPES.MemberExpression
  );
}

/** `'rtm.start'` / `'rtm.connect'`, and `'/rtm.start'` (a path under a configured base URL). */
function methodOfName(text: string | undefined): RtmMethod | undefined {
  if (text === undefined) return undefined;
  if (isRtmStartMethodName(text)) return METHODS.rtmStart;
  if (text === METHODS.rtmConnect) return METHODS.rtmConnect;
  if (text.startsWith('/') && isRtmStartUrlTail(text)) return METHODS.rtmStart;
  if (text.startsWith('/') && isRtmConnectUrlTail(text)) return METHODS.rtmConnect;
  return undefined;
}
