import { isPackageOrFile, isPossiblySlackModule, isRtmConnectUrlTail, isRtmStartMethodName, isRtmStartUrlTail, LEGACY_RTM_CLIENT_MODULES, LEGACY_RTM_CONNECT_SUPPORT, METHODS } from '@rtm-migrate/core';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, descendants, destructuredKey, isPlainValue, memberName, resolveConst, singleValueOf, staticString, unwrap, variableOf } from './ast.js';
import { isFunctionValue, type FunctionNode } from './functions.js';
import { clientKindOfConstructor, constructionOf, isFromOtherVendor, originOf, type ClientKind } from './origin.js';
import { moduleText, type Resolver } from './resolver.js';
import { typeIsAnyOr, typeServices } from './types.js';
import { followsOtherVendorBase, rtmMethodOfUrl, type StringNode } from './url.js';
import { isDataStoreLookup } from './flow.js';
import { isOwnPackage } from './modules.js';
import { isEventName, startListenerOf } from './event-name.js';
import { unfollowedUse, type NameUses } from './unfollowed-name.js';
import { botkitStartSite, libraryClassSite, libraryVersion, requiredSlackClientLoginSite, slackbotapiSite, slackbotsCallSite, slackbotsSite, slackClientLoginSite, surelyPrecedes } from './library-start.js';
import { slackPackageBotSite, startedThrough, type LibraryStartSite } from './slack-package-bot.js';
import { handedToBaseSite, unfollowedClientSite, unknownModuleClientSite, type UnfollowedClientSite } from './unfollowed-client.js';
import { receivedClientSite, receivedSlackClientLoginSite } from './received-client.js';
import { constTableChange, constTableEntryReads } from './const-table.js';
import { standInOf } from './stand-in.js';
import { instanceFieldConstruction } from './instance-field.js';

type Node = TSESTree.Node;

export type RtmMethod = typeof METHODS.rtmStart | typeof METHODS.rtmConnect;

/** A call of `rtm.start` / `rtm.connect` through a Web API client or the app's own helper. */
export interface MethodSite {
  readonly kind: 'method';
  readonly method: RtmMethod;
  /**
   * `member`: `x.rtm.start(…)`; `call`/`apply`: through Function.prototype; `name`: a call given the
   * method name; `bound`: `apiCall.bind(this, 'rtm.start')`, a function called elsewhere; `detached`:
   * `start(…)`, the method taken off the `rtm` namespace first (`const { start } = require('slack').rtm`).
   */
  readonly form: 'member' | 'call' | 'apply' | 'name' | 'bound' | 'detached';
  readonly call: TSESTree.CallExpression;
  /** What names the method: the `start` property, or the string that holds `'rtm.start'`. */
  readonly methodNode: Node;
  /** The request arguments, when passed. */
  readonly options: TSESTree.Expression | undefined;
  /** The function the response is handed to (Node-style `(err, res)` or one-parameter `(res)`), when passed. */
  readonly callback: Node | undefined;
  /** Arguments after the method name (and options) that are not the callback: left as they are. */
  readonly otherArgs: readonly Node[];
}

/** `start()` of an RTM client, or its `authenticated` event handler. */
export interface ClientSite {
  readonly kind: 'client-start' | 'client-authenticated';
  readonly client: ClientKind;
  /** The `new` that made the client. */
  readonly construction: TSESTree.NewExpression;
  /** The file the client was made in, when it is another one (`module.exports = new RtmClient(…)` there). */
  readonly madeIn?: Resolver;
  /** True when the client calls `rtm.start`: the legacy client, or `useRtmConnect: false`. */
  readonly usesStart: boolean;
  /**
   * The legacy client made with `useRtmConnect: true` written out: its `start()` already calls
   * `rtm.connect` (and hands AUTHENTICATED only that data), so it is no use of `rtm.start`.
   */
  readonly connects?: true;
  readonly call: TSESTree.CallExpression;
  readonly options: TSESTree.Expression | undefined;
  /** The `authenticated` handler. */
  readonly handler: Node | undefined;
}

/** `new RTMClient(token, { useRtmConnect: false })`: the current client made to call `rtm.start`. */
export interface ClientOptionSite {
  readonly kind: 'client-option';
  readonly construction: TSESTree.NewExpression;
  readonly property: TSESTree.Property;
}

/** A string that addresses `rtm.start` / `rtm.connect` over HTTP. */
export interface UrlSite {
  readonly kind: 'url';
  readonly method: RtmMethod;
  readonly node: StringNode;
}

/**
 * `rtm.start` as an entry of a method table the app generates wrappers from: `['rtm.start', …]`,
 * `{ start: 'rtm.start' }`, `{ start: require('./rtm.start') }`.
 */
export interface TableSite {
  readonly kind: 'table';
  readonly method: RtmMethod;
  readonly node: StringNode | TSESTree.Expression;
}

/**
 * The legacy v3 `RtmClient`'s `dataStore`, a cache of `rtm.start`'s data: `client.dataStore` of a
 * client made here (`construction`), or a value named `dataStore` that a look-up is called on
 * (`dataStore.getUserById(id)` in a module the store was handed to).
 */
export interface DataStoreSite {
  readonly kind: 'data-store';
  /** The expression that holds the store. */
  readonly store: TSESTree.Expression;
  readonly construction: TSESTree.NewExpression | undefined;
}

/**
 * `cacheRtmStart(data)` of a legacy client's data store (the SDK's `SlackDataStore`, or an app's own
 * store written to its interface): `data` is `rtm.start`'s whole response.
 */
export interface StoreCacheSite {
  readonly kind: 'store-cache';
  readonly fn: FunctionNode;
  /**
   * The SDK's own `SlackDataStore` (inside `@slack/client` / `slack-client`): the SDK filling its store,
   * not an app. Its reads are `rtm.start`'s data (the lint reports them), but nothing here is to
   * migrate: the store is filled by the SDK's start (a site of its own) or by the generated helper module.
   */
  readonly bySdk: boolean;
}

/**
 * The method name `rtm.start` written as a string that reaches code the analysis cannot follow
 * (`const method = c ? 'rtm.start' : 'files.list'` handed to `request({ method })`): reported, so
 * that no call of the method goes unseen.
 */
export interface UnfollowedNameSite {
  readonly kind: 'unfollowed-name';
  readonly node: StringNode;
  /** Where the name goes that is not followed (the call, object, return… it is handed to). */
  readonly use: Node;
}

/**
 * `x.on('rtm.start', (data) => …)`: a listener of the event a framework publishes `rtm.start`'s answer
 * under (named after the method). It makes no request; the answer comes from a call elsewhere (another
 * file, often), and once that call is migrated the listener gets nothing (the event is no longer
 * published under that name) or a thin `rtm.connect` answer.
 */
export interface StartListenerSite {
  readonly kind: 'start-listener';
  readonly call: TSESTree.CallExpression;
  /** The listener, as written (a function, or a name for one). */
  readonly handler: TSESTree.CallExpressionArgument;
}

/** A test's stand-in for a client's `rtm.start` (see `standInOf`): no request, but the test no longer holds once the code is migrated. */
export interface StandInSite {
  readonly kind: 'stand-in';
  readonly node: TSESTree.AssignmentExpression | TSESTree.CallExpression | TSESTree.Property;
  /** How it is written, for the report (`` `web.rtm.start = …` ``). */
  readonly written: string;
}

export type RtmSite = MethodSite | ClientSite | ClientOptionSite | UrlSite | TableSite | DataStoreSite | StoreCacheSite | UnfollowedNameSite | LibraryStartSite | UnfollowedClientSite | StartListenerSite | StandInSite;

/** The node a site is reported at and located by (its range is what tools share). */
export function siteNode(site: RtmSite): Node {
  switch (site.kind) {
    case 'method':
      return site.form === 'name' || site.form === 'bound' ? site.methodNode : site.call.callee;
    case 'client-start':
    case 'client-authenticated':
    case 'unfollowed-client':
    case 'start-listener':
      return site.call;
    case 'library-start':
      return startedThrough(site);
    case 'client-option':
      return site.property;
    case 'url':
    case 'table':
    case 'unfollowed-name':
    case 'stand-in':
      return site.node;
    case 'data-store':
      return site.store.type === AST_NODE_TYPES.MemberExpression ? site.store.property : site.store;
    case 'store-cache':
      return site.fn.params[0] ?? site.fn;
  }
}

/** True for the sites that make a request to `rtm.start` (as opposed to `rtm.connect`, or reading its data). */
export function callsRtmStart(site: RtmSite): boolean {
  switch (site.kind) {
    case 'method':
    case 'url':
    case 'table':
      return site.method === METHODS.rtmStart;
    case 'unfollowed-name':
    case 'library-start':
    case 'unfollowed-client':
      return true;
    case 'client-start':
      return site.client === 'legacy-rtm-client' && !site.connects;
    case 'client-option':
      return true;
    default:
      return false;
  }
}

/**
 * True for a site whose data are `rtm.connect`'s (its call, or a client's that calls it): code handed
 * them never had what only `rtm.start` gave (`self.prefs`…), so handing them on loses nothing.
 */
export function givesConnectData(site: RtmSite): boolean {
  if (site.kind === 'method' || site.kind === 'url' || site.kind === 'table') return site.method === METHODS.rtmConnect;
  return (site.kind === 'client-start' || site.kind === 'client-authenticated') && (site.connects === true || !site.usesStart);
}

/** Every site in a program, in source order. */
export function findSites(program: TSESTree.Program, resolver: Resolver): RtmSite[] {
  const sites: RtmSite[] = [];
  for (const node of descendants(resolver, program)) {
    const site = classifyNode(resolver, node);
    if (site) sites.push(site);
  }
  return sites.sort((a, b) => siteNode(a).range[0] - siteNode(b).range[0]);
}

/** The site a node is, if any (calls, `new`, strings, `dataStore` members, subclasses of slackbots and slackbotapi). */
export function classifyNode(resolver: Resolver, node: Node): RtmSite | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression:
      return classifyCall(resolver, node) ?? standInSite(resolver, node);
    case AST_NODE_TYPES.AssignmentExpression:
      return standInSite(resolver, node);
    case AST_NODE_TYPES.NewExpression:
      return clientOptionSite(resolver, node) ?? slackbotsSite(resolver, node) ?? slackbotapiSite(resolver, node);
    case AST_NODE_TYPES.ClassDeclaration:
    case AST_NODE_TYPES.ClassExpression:
      return libraryClassSite(resolver, node);
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'string' ? classifyString(resolver, node) : undefined;
    case AST_NODE_TYPES.TemplateLiteral:
      return classifyString(resolver, node);
    case AST_NODE_TYPES.MemberExpression:
      return dataStoreSite(resolver, node);
    case AST_NODE_TYPES.Property:
      return moduleTableSite(resolver, node) ?? standInSite(resolver, node);
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.FunctionDeclaration:
      return nameOfFunction(node) === 'cacheRtmStart' && node.params.length > 0 ? { kind: 'store-cache', fn: node, bySdk: insideLegacySdk(resolver) } : undefined;
    default:
      return undefined;
  }
}

function standInSite(resolver: Resolver, node: StandInSite['node']): StandInSite | undefined {
  const written = standInOf(resolver, node);
  return written === undefined ? undefined : { kind: 'stand-in', node, written };
}

function startListenerSite(resolver: Resolver, call: TSESTree.CallExpression): StartListenerSite | undefined {
  const handler = startListenerOf(resolver, call);
  return handler ? { kind: 'start-listener', call, handler } : undefined;
}

const METHOD_OF_PROPERTY: Readonly<Record<string, RtmMethod>> = { start: METHODS.rtmStart, connect: METHODS.rtmConnect };

/** Calls that take a string without it being a Slack method name (string, array, assertion, log helpers). */
const NOT_A_METHOD_CALL = new Set([
  'includes', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'replace', 'replaceAll', 'split', 'match', 'test',
  'equal', 'strictEqual', 'notEqual', 'deepEqual', 'toBe', 'toEqual', 'toContain', 'toMatch', 'push', 'has', 'add',
  'log', 'debug', 'info', 'warn', 'error', 'trace', 'concat', 'join', 'localeCompare', 'describe', 'it', 'test',
  'validate',
]);

/**
 * Classifies a call as a use of `rtm.start`/`rtm.connect` or of an RTM client, if it is one. A slack-client 1.x
 * `login()` followed to its `new Slack(…)` is that site before a holder given several values is looked at.
 */
export function classifyCall(resolver: Resolver, call: TSESTree.CallExpression): MethodSite | ClientSite | LibraryStartSite | UnfollowedClientSite | StartListenerSite | undefined {
  return startListenerSite(resolver, call) ?? clientSite(resolver, call) ?? slackClientLoginSite(resolver, call) ?? unfollowedClientSite(resolver, call) ?? memberSite(resolver, call) ?? detachedSite(resolver, call) ?? nameSite(resolver, call) ?? methodModuleSite(resolver, call) ?? slackPackageBotSite(resolver, call) ?? requiredSlackClientLoginSite(resolver, call) ?? receivedSlackClientLoginSite(resolver, call) ?? botkitStartSite(resolver, call) ?? slackbotsCallSite(resolver, call) ?? receivedClientSite(resolver, call) ?? handedToBase(resolver, call) ?? unknownModuleClientSite(resolver, call);
}

/** A v3 client handed to a base class's constructor (see handedToBaseSite) that starts with `rtm.start`: not made with `useRtmConnect: true`. */
function handedToBase(resolver: Resolver, call: TSESTree.CallExpression): UnfollowedClientSite | undefined {
  const site = handedToBaseSite(resolver, call);
  return site?.candidate.type === AST_NODE_TYPES.NewExpression && useRtmConnectSet(resolver, site.candidate, true) === undefined ? site : undefined;
}

/**
 * The method of a module generated one per Web API method (`require('./rtm.start')`, the `slack`
 * package): the module's file name is the method's name.
 */
function methodOfModule(resolver: Resolver, node: Node): RtmMethod | undefined {
  const origin = originOf(resolver, node);
  if (!origin || origin.instance || (origin.name !== '*' && origin.name !== 'default')) return undefined;
  const base = origin.module.split('/').pop()?.replace(/\.js$/, '');
  const method = base === METHODS.rtmStart ? METHODS.rtmStart : base === METHODS.rtmConnect ? METHODS.rtmConnect : undefined;
  // Another vendor's SDK built the same way (BearyChat's `./rtm.start` posts to api.bearychat.com).
  const text = method ? moduleText(resolver, origin.module) : undefined;
  return text !== undefined && OTHER_VENDOR_URL.test(text) ? undefined : method;
}

/** A URL to an API host that is not Slack's. */
const OTHER_VENDOR_URL = /https?:\/\/(?![\w.-]*slack\.com)[\w-]+(\.[\w-]+)+/;

/** `(0, _rtm2.default)(params, cb)`, `require('./rtm.start').call({}, params, cb)`. */
function methodModuleSite(resolver: Resolver, call: TSESTree.CallExpression): MethodSite | undefined {
  const callee = unwrap(call.callee);
  let args = call.arguments;
  let target: Node = callee;
  let form: MethodSite['form'] = 'name';
  if (callee.type === AST_NODE_TYPES.MemberExpression && (memberName(resolver, callee) === 'call' || memberName(resolver, callee) === 'apply')) {
    target = callee.object;
    form = memberName(resolver, callee) === 'call' ? 'call' : 'apply';
    args = form === 'call' ? call.arguments.slice(1) : applyArguments(call);
  }
  const method = methodOfModule(resolver, target);
  if (!method) return undefined;
  return { kind: 'method', method, form, call, methodNode: call.callee, ...placeArguments(resolver, args) };
}

/** `x.rtm.start(…)`, `x.rtm?.['start'](…)`, `x.rtm.start.call(…)`, `.apply(…)`. */
function memberSite(resolver: Resolver, call: TSESTree.CallExpression): MethodSite | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const outerName = memberName(resolver, callee);
  if (outerName === undefined) return undefined;
  let method: TSESTree.MemberExpression = callee;
  let form: MethodSite['form'] = 'member';
  if (outerName === 'call' || outerName === 'apply') {
    const inner = unwrap(callee.object);
    if (inner.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    method = inner;
    form = outerName;
  }
  const rtmMethod = METHOD_OF_PROPERTY[memberName(resolver, method) ?? ''];
  if (!rtmMethod || !isRtmNamespace(resolver, method.object)) return undefined;
  const args = form === 'member' ? call.arguments : form === 'call' ? call.arguments.slice(1) : applyArguments(call);
  return { kind: 'method', method: rtmMethod, form, call, methodNode: method.property, ...placeArguments(resolver, args) };
}

/** Whether `node` may be a Slack client's `rtm` method family (`web.rtm`, `require('slack').rtm`, an imported `rtm`). */
function isRtmNamespace(resolver: Resolver, node: Node): boolean {
  const receiver = rtmNamespaceReceiver(resolver, node);
  const viaBinding = unwrap(node).type === AST_NODE_TYPES.Identifier;
  return receiver ? isSlackReceiver(resolver, receiver, viaBinding) : isRtmFacet(resolver, node) || importedRtmNamespace(resolver, node);
}

/**
 * `start(…)` where `start` was taken off an `rtm` family first: `const { start } = require('slack').rtm`,
 * `const { start } = web.rtm`, `const start = slack.rtm.start` (the `slack` package's methods and
 * `@slack/web-api`'s are bound, so they run the same taken out).
 */
function detachedSite(resolver: Resolver, call: TSESTree.CallExpression): MethodSite | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(resolver, callee);
  const def = variable?.defs[0];
  const value = variable ? singleValueOf(variable) : undefined;
  if (!value || def?.type !== TSESLint.Scope.DefinitionType.Variable) return undefined;
  let property: string | undefined;
  let family: Node = unwrap(value);
  if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
    property = destructuredKey(resolver, def.node.id, def.name);
  } else if (family.type === AST_NODE_TYPES.MemberExpression) {
    property = memberName(resolver, family);
    family = family.object;
  }
  const method = METHOD_OF_PROPERTY[property ?? ''];
  if (!method || !isRtmNamespace(resolver, family)) return undefined;
  return { kind: 'method', method, form: 'detached', call, methodNode: callee, ...placeArguments(resolver, call.arguments) };
}

/**
 * The arguments after the method (name): `(callback)`, `(options, callback)`, `(options, flag)`.
 * The argument after the options is the callback unless it is a plain value (`true`, `{…}`, `'x'`).
 */
function placeArguments(resolver: Resolver, args: readonly TSESTree.CallExpressionArgument[]): Pick<MethodSite, 'options' | 'callback' | 'otherArgs'> {
  const [first, second] = args;
  const firstIsCallback = first !== undefined && isFunctionValue(resolver, first);
  const options = first && !firstIsCallback && first.type !== AST_NODE_TYPES.SpreadElement ? first : undefined;
  const candidate = firstIsCallback ? first : second;
  const callback = candidate && !isPlainValue(candidate) ? candidate : undefined;
  return { options, callback, otherArgs: args.filter((a) => a !== options && a !== callback) };
}

function applyArguments(call: TSESTree.CallExpression): TSESTree.CallExpressionArgument[] {
  const list = call.arguments[1] ? unwrap(call.arguments[1]) : undefined;
  if (list?.type !== AST_NODE_TYPES.ArrayExpression) return [];
  return list.elements.filter((e): e is TSESTree.Expression => e !== null && e.type !== AST_NODE_TYPES.SpreadElement);
}

/**
 * The client in `<client>.rtm`: `web.rtm` → `web`. Also a variable holding `web.rtm`
 * (`const rtm = web.rtm`, `const { rtm } = web`). Undefined when the expression is no `rtm` namespace.
 */
function rtmNamespaceReceiver(resolver: Resolver, node: Node): Node | undefined {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.MemberExpression) return memberName(resolver, bare) === 'rtm' ? bare.object : undefined;
  if (bare.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(resolver, bare);
  const def = variable?.defs[0];
  const value = variable ? singleValueOf(variable) : undefined;
  if (!value || def?.type !== TSESLint.Scope.DefinitionType.Variable) return undefined;
  if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
    return destructuredKey(resolver, def.node.id, def.name) === 'rtm' ? value : undefined;
  }
  const init = unwrap(value);
  return init.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, init) === 'rtm' ? init.object : undefined;
}

/**
 * `rtm` imported by name from a package that may be Slack's (`import { rtm } from 'slack'`): the
 * package's own `rtm` methods. Not from the app's own modules (see `isSlackReceiver`).
 */
function importedRtmNamespace(resolver: Resolver, node: Node): boolean {
  const bare = unwrap(node);
  if (bare.type !== AST_NODE_TYPES.Identifier) return false;
  const def = variableOf(resolver, bare)?.defs[0];
  if (def?.type !== TSESLint.Scope.DefinitionType.ImportBinding || def.node.type !== AST_NODE_TYPES.ImportSpecifier) return false;
  const imported = def.node.imported;
  const module = def.parent.type === AST_NODE_TYPES.ImportDeclaration ? def.parent.source.value : '';
  return (imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value) === 'rtm' && !module.startsWith('.') && isPossiblySlackModule(module);
}

/** `this._rtm = new RtmFacet(…)`: the v3 SDK's own `rtm` facet of its Web API client, by name or by module. */
function isRtmFacet(resolver: Resolver, node: Node): boolean {
  const construction = constructionOf(resolver, node);
  if (!construction) return false;
  const origin = originOf(resolver, construction.callee);
  return origin?.name === 'RtmFacet' && isPossiblySlackModule(origin.module);
}

/**
 * Whether `x` in `x.rtm.start` may be Slack's `WebClient`: with type information, typed `WebClient`
 * (or `any`); without, not provably another vendor's module (unknown origin counts: the default).
 * `rtm.start()` on an `rtm` taken from the app's own module (`const { rtm } = require('./bot')`,
 * `viaBinding`) is not: by convention that exports the current `RTMClient`, which uses `rtm.connect`.
 */
function isSlackReceiver(resolver: Resolver, receiver: Node, viaBinding: boolean): boolean {
  const services = typeServices(resolver);
  if (services) return typeIsAnyOr(services, receiver, ['WebClient']);
  if (isFromOtherVendor(resolver, receiver)) return false;
  const origin = originOf(resolver, receiver);
  return !(viaBinding && origin && !origin.instance && origin.name === '*' && origin.module.startsWith('.'));
}

/**
 * A legacy client's `useRtmConnect: true` that its SDK ignores: `slack-client` (2.x, no such option), or
 * an `@slack/client` installed, or declared by a range, only before the release that takes it (3.10).
 * Such a client still starts with `rtm.start`.
 */
function optionIgnored(resolver: Resolver, construction: TSESTree.NewExpression): boolean {
  const { module, since, before } = LEGACY_RTM_CONNECT_SUPPORT;
  const from = originOf(resolver, construction.callee)?.module;
  if (isPackageOrFile(from, before)) return true;
  const version = resolver.file === undefined || from !== module ? undefined : libraryVersion(resolver.file, module);
  return version !== undefined && surelyPrecedes(version, since);
}

/** `<client>.start(opts)` and `<client>.on('authenticated', fn)` on an RTMClient / legacy RtmClient. */
function clientSite(resolver: Resolver, call: TSESTree.CallExpression): ClientSite | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = memberName(resolver, callee);
  if (name !== 'start' && name !== 'login' && name !== 'on' && name !== 'once' && name !== 'addListener') return undefined;
  const local = constructionOf(resolver, callee.object);
  // A client another module of the project made and exports (`const rtm = require('./rtm')`).
  // Or the field of an instance of the app's own class (`slack.rtm` of `new Connection(token)`).
  const made = local ? { node: local, resolver } : (resolver.project?.importedConstruction(resolver, callee.object) ?? instanceFieldConstruction(resolver, callee.object));
  if (!made) return undefined;
  const construction = made.node;
  const client = clientKindOfConstructor(made.resolver, construction.callee);
  if (!client) return undefined;
  const usesStart = client === 'legacy-rtm-client' || useRtmConnectFalse(made.resolver, construction) !== undefined;
  const madeIn = made.resolver === resolver ? {} : { madeIn: made.resolver };
  const connects = client === 'legacy-rtm-client' && useRtmConnectSet(made.resolver, construction, true) && !optionIgnored(made.resolver, construction) ? { connects: true as const } : {};
  // `login(opts)`: the legacy client's deprecated name for `start(opts)` (it calls `this.start(opts)`).
  if (name === 'login' && client !== 'legacy-rtm-client') return undefined;
  if (name === 'start' || name === 'login') {
    const first = call.arguments[0];
    const options = first && first.type !== AST_NODE_TYPES.SpreadElement ? first : undefined;
    return { kind: 'client-start', client, construction, ...madeIn, usesStart, ...connects, call, options, handler: undefined };
  }
  const [event, handler] = call.arguments;
  if (!event || !handler || !isAuthenticatedEvent(resolver, event)) return undefined;
  return { kind: 'client-authenticated', client, construction, ...madeIn, usesStart, ...connects, call, options: undefined, handler };
}

/** `'authenticated'`, or `CLIENT_EVENTS.RTM.AUTHENTICATED` of the legacy client. */
function isAuthenticatedEvent(resolver: Resolver, node: Node): boolean {
  const text = staticString(resolver, node);
  if (text !== undefined) return text === 'authenticated';
  const bare = unwrap(node);
  return bare.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, bare) === 'AUTHENTICATED';
}

/** The `useRtmConnect: false` property of `new RTMClient(token, { … })`, if set. */
export function useRtmConnectFalse(resolver: Resolver, construction: TSESTree.NewExpression): TSESTree.Property | undefined {
  return useRtmConnectSet(resolver, construction, false);
}

/** The `useRtmConnect` property of `new X(token, { … })` when it is the literal `value`. */
function useRtmConnectSet(resolver: Resolver, construction: TSESTree.NewExpression, value: boolean): TSESTree.Property | undefined {
  const options = construction.arguments[1] ? resolveConst(resolver, construction.arguments[1]) : undefined;
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const property of options.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : String((property.key as TSESTree.Literal).value);
    const set = unwrap(property.value);
    if (key !== 'useRtmConnect' || set.type !== AST_NODE_TYPES.Literal || set.value !== value) continue;
    // `{ useRtmConnect: true, ...options }`: what the spread holds decides.
    const later = options.properties.slice(options.properties.indexOf(property) + 1);
    return value && later.some((p) => p.type === AST_NODE_TYPES.SpreadElement) ? undefined : property;
  }
  return undefined;
}

function clientOptionSite(resolver: Resolver, node: TSESTree.NewExpression): ClientOptionSite | undefined {
  if (clientKindOfConstructor(resolver, node.callee) !== 'rtm-client') return undefined;
  const property = useRtmConnectFalse(resolver, node);
  return property ? { kind: 'client-option', construction: node, property } : undefined;
}

function dataStoreSite(resolver: Resolver, member: TSESTree.MemberExpression): DataStoreSite | undefined {
  if (member.computed || member.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (member.property.name === 'dataStore') {
    const construction = constructionOf(resolver, member.object);
    if (construction && clientKindOfConstructor(resolver, construction.callee) === 'legacy-rtm-client') return { kind: 'data-store', store: member, construction };
  }
  if (!isDataStoreLookup(member.property.name)) return undefined;
  // `dataStore.getUserById(…)` on a store this file did not make (a parameter, a field): by its name.
  const store = unwrap(member.object);
  const name = store.type === AST_NODE_TYPES.Identifier ? store.name : store.type === AST_NODE_TYPES.MemberExpression ? memberName(resolver, store) : undefined;
  if (name === undefined || !/^_?dataStore$/.test(name) || member.parent.type !== AST_NODE_TYPES.CallExpression) return undefined;
  // The SDK's own event handlers keep its store up to date: they are not an app reading `rtm.start`'s data.
  if (insideLegacySdk(resolver)) return undefined;
  if (store.type === AST_NODE_TYPES.MemberExpression && dataStoreSite(resolver, store)) return undefined;
  return { kind: 'data-store', store: member.object, construction: undefined };
}

/** The file is part of the legacy SDK itself (`@slack/client`, `slack-client`), by its nearest package.json. */
function insideLegacySdk(resolver: Resolver): boolean {
  const file = resolver.file;
  return file !== undefined && LEGACY_RTM_CLIENT_MODULES.some((module) => isOwnPackage(file, module));
}

/** A method name given to a call: the argument, or each branch of `cond ? 'rtm.connect' : 'rtm.start'`. */
interface NamedMethod {
  readonly method: RtmMethod;
  readonly node: Node;
}

function namedMethods(resolver: Resolver, node: Node): NamedMethod[] {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.ConditionalExpression) return [...namedMethods(resolver, bare.consequent), ...namedMethods(resolver, bare.alternate)];
  if (bare.type === AST_NODE_TYPES.LogicalExpression && bare.operator !== '&&') {
    return [...namedMethods(resolver, bare.left), ...namedMethods(resolver, bare.right)];
  }
  if (!mayBeString(bare)) return [];
  const method = methodOfName(staticString(resolver, bare));
  if (method) return [{ method, node: bare }];
  // `const connectMethod = cond ? 'rtm.connect' : 'rtm.start'`: the name is reported where it is used.
  const value = bare.type === AST_NODE_TYPES.Identifier ? resolveConst(resolver, bare) : bare;
  if (value === bare || (value.type !== AST_NODE_TYPES.ConditionalExpression && value.type !== AST_NODE_TYPES.LogicalExpression)) return [];
  return namedMethods(resolver, value).map((named) => ({ ...named, node: bare }));
}

/** Any call given the method name as an argument: `web.apiCall('rtm.start')`, `api.post(m, {…}, cb)`, `this._api(…)`. */
function nameSite(resolver: Resolver, call: TSESTree.CallExpression): MethodSite | undefined {
  const callee = callNameOf(resolver, call);
  if (takesNoMethodName(callee)) return undefined;
  const args = call.arguments;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg || arg.type === AST_NODE_TYPES.SpreadElement || isEventName(resolver, call, arg)) continue;
    // `name === 'rtm.start' ? … : client.apiCall(name, …)`: here the name is not `rtm.start`.
    const guarded = guardedAgainstStart(resolver, call, arg);
    const named = namedMethods(resolver, arg).filter((n) => !guarded || n.method !== METHODS.rtmStart);
    if (named.length === 0) continue;
    // A reachable `rtm.start` wins over an `rtm.connect` in the other branch.
    const chosen = named.find((n) => n.method === METHODS.rtmStart) ?? named[0];
    if (!chosen) continue;
    const form = callee === 'bind' && call.callee.type === AST_NODE_TYPES.MemberExpression ? 'bound' : 'name';
    return { kind: 'method', method: chosen.method, form, call, methodNode: chosen.node, ...placeArguments(resolver, args.slice(i + 1)) };
  }
  return undefined;
}

/**
 * The call stands where its method name `name` (a variable) cannot be `rtm.start`: in the branch of
 * `name === 'rtm.start' ? … : <here>` (or `!==` and the first branch, or the same `if`) that the
 * comparison rules it out of, within the same function.
 */
function guardedAgainstStart(resolver: Resolver, call: Node, name: Node): boolean {
  const variable = unwrap(name);
  if (variable.type !== AST_NODE_TYPES.Identifier) return false;
  let inner: Node = call;
  for (let p: Node | undefined = call.parent; p && !isFunctionBoundary(p); inner = p, p = p.parent) {
    if (p.type !== AST_NODE_TYPES.ConditionalExpression && p.type !== AST_NODE_TYPES.IfStatement) continue;
    const guard = comparesToStart(resolver, p.test, variable);
    // `===`: the other branch rules rtm.start out; `!==`: the first.
    if ((guard === '===' && inner === p.alternate) || (guard === '!==' && inner === p.consequent)) return true;
  }
  return false;
}

function isFunctionBoundary(node: Node): boolean {
  return node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.ArrowFunctionExpression;
}

/** `name === 'rtm.start'` (either side; `==`, `!==`, `!=` too): the comparison's sense. */
function comparesToStart(resolver: Resolver, test: Node, variable: TSESTree.Identifier): '===' | '!==' | undefined {
  const bare = unwrap(test);
  if (bare.type !== AST_NODE_TYPES.BinaryExpression || !['===', '==', '!==', '!='].includes(bare.operator)) return undefined;
  const sameName = (n: Node): boolean => {
    const u = unwrap(n);
    return u.type === AST_NODE_TYPES.Identifier && u.name === variable.name && variableOf(resolver, u) === variableOf(resolver, variable);
  };
  const isStart = (n: Node): boolean => staticString(resolver, n) === METHODS.rtmStart;
  const matches = (sameName(bare.left) && isStart(bare.right)) || (isStart(bare.left) && sameName(bare.right));
  if (!matches) return undefined;
  return bare.operator.startsWith('!') ? '!==' : '===';
}

/** The name a call goes by: `f` of `x.f(…)`, a default export's module name (`(0, _validate2.default)` → `validate`). */
function callNameOf(resolver: Resolver, call: TSESTree.CallExpression): string | undefined {
  const name = calleeName(resolver, call.callee);
  return name === 'default' ? defaultExportName(resolver, call.callee) : name;
}

/** String, log and assertion helpers, and `require`: what they take is no method name. */
function takesNoMethodName(callee: string | undefined): boolean {
  return callee !== undefined && (NOT_A_METHOD_CALL.has(callee) || callee === 'require');
}

/** `(0, _validate2.default)`: the default export is named after its module (`./_validate` → `validate`). */
function defaultExportName(resolver: Resolver, callee: Node): string | undefined {
  const origin = originOf(resolver, callee);
  return origin?.module.split('/').pop()?.replace(/\.js$/, '').replace(/^_+/, '') ?? 'default';
}

function mayBeString(node: Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') ||
    node.type === AST_NODE_TYPES.TemplateLiteral ||
    node.type === AST_NODE_TYPES.Identifier ||
    node.type === AST_NODE_TYPES.BinaryExpression ||
    node.type === AST_NODE_TYPES.MemberExpression
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

/** The name a function is declared or stored under: `function f`, `f() {}` in a class, `X.prototype.f = function`. */
function nameOfFunction(fn: TSESTree.FunctionExpression | TSESTree.FunctionDeclaration): string | undefined {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if ((parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.Property) && !parent.computed) {
    return parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : undefined;
  }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.MemberExpression && !parent.left.computed) {
    return parent.left.property.type === AST_NODE_TYPES.Identifier ? parent.left.property.name : undefined;
  }
  return undefined;
}

/** `{ start: _rtm4.default }` with `_rtm4` the generated `./rtm.start` module. */
function moduleTableSite(resolver: Resolver, property: TSESTree.Property): TableSite | undefined {
  const value = property.value;
  if (property.parent.type !== AST_NODE_TYPES.ObjectExpression || value.type === AST_NODE_TYPES.AssignmentPattern || value.type === AST_NODE_TYPES.ObjectPattern) return undefined;
  if (value.type !== AST_NODE_TYPES.Identifier && value.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  return methodOfModule(resolver, value) === METHODS.rtmStart ? { kind: 'table', method: METHODS.rtmStart, node: value } : undefined;
}

/**
 * A string as a URL to `rtm.start`/`rtm.connect`, as an entry of a method table, or as the name
 * `rtm.start` handed where no site follows it.
 */
export function classifyString(resolver: Resolver, node: StringNode): UrlSite | TableSite | UnfollowedNameSite | undefined {
  // A string literal type (`type Method = 'rtm.start' | …`) is gone at run time: no request is made with it.
  if (node.parent.type === AST_NODE_TYPES.TSLiteralType) return undefined;
  const method = rtmMethodOfUrl(resolver, node);
  if (method) return { kind: 'url', method, node };
  if (followsOtherVendorBase(resolver, node)) return undefined;
  const tableUse = constTableUse(resolver, node);
  if (tableUse !== undefined) return tableUse === null ? undefined : { kind: 'unfollowed-name', node, use: tableUse };
  if (isTableEntry(resolver, node)) return { kind: 'table', method: METHODS.rtmStart, node };
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length > 0) return undefined;
  if (!isUnfollowableName(staticString(resolver, node) ?? '')) return undefined;
  const use = unfollowedUse(resolver, node, nameUses(resolver));
  return use ? { kind: 'unfollowed-name', node, use } : undefined;
}

/**
 * `'rtm.start'` as an entry of a `const` table nothing changes (`{ auth: { get: 'rtm.start' } }`), read
 * only as `ACTIONS.auth.get`: each read is followed as the `const RTM_START` it stands for would be.
 * `null` when every read is a site's method name (or there is none), the first use not followed
 * otherwise; where the code reads the entry by its keys but changes the table, the change (the name
 * read may be another one); undefined for any other string.
 */
function constTableUse(resolver: Resolver, node: StringNode): Node | null | undefined {
  if (!isUnfollowableName(staticString(resolver, node) ?? '')) return undefined;
  const reads = constTableEntryReads(resolver, node);
  if (!reads) return constTableChange(resolver, node) ?? undefined;
  for (const read of reads) {
    const use = unfollowedUse(resolver, read, nameUses(resolver));
    if (use) return use;
  }
  return null;
}

/**
 * The method's name itself, or Slack's path to it without a host (`'api/rtm.start'`). A URL with a
 * host, or `'/rtm.start'` after a base, is the URL analysis' to judge (another vendor's API has the
 * same method names).
 */
function isUnfollowableName(text: string): boolean {
  return isRtmStartMethodName(text) || (!text.includes('://') && /(^|\/)api\/rtm\.start([?#]|$)/.test(text));
}

/** What `unfollowedUse` asks of the calls a method name reaches. */
function nameUses(resolver: Resolver): NameUses {
  return {
    methodNodeOf: (call) => {
      const site = classifyCall(resolver, call);
      return site?.kind === 'method' ? site.methodNode : undefined;
    },
    notAMethodCall: (call) => takesNoMethodName(callNameOf(resolver, call)),
    guarded: (call, name) => guardedAgainstStart(resolver, call, name),
  };
}

/**
 * `'rtm.start'` written as an array element or a property value (not given to a call: that is a
 * name site), outside comparisons like `['rtm.start'].includes(m)`.
 */
function isTableEntry(resolver: Resolver, node: StringNode): boolean {
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length > 0) return false;
  if (!isRtmStartMethodName(staticString(resolver, node) ?? '')) return false;
  const parent = node.parent;
  if (parent.type === AST_NODE_TYPES.Property) return parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectExpression;
  if (parent.type !== AST_NODE_TYPES.ArrayExpression) return false;
  const user = parent.parent;
  if (user.type === AST_NODE_TYPES.MemberExpression && user.object === parent) return false;
  return !(user.type === AST_NODE_TYPES.CallExpression && NOT_A_METHOD_CALL.has(calleeName(resolver, user.callee) ?? ''));
}
