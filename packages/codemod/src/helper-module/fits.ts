import { constructionOf, descendants, isSpreadOfPlainConst, isThisLike, memberName, originOf, resolveConst, thisOwner, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { HELPER_LIBRARY_STARTS } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { PlanSite } from '../plan.js';
import type { FoundSite } from '../scan/found.js';
import { isBoltAppClient } from './bolt-client.js';
import { legacyClientFits, slackClientMajor } from './legacy-client-fits.js';
import { javascriptFile } from '../files/discover.js';

type Node = TSESTree.Node;

const WEB_CLIENT_FORMS = new Set<PlanSite['form']>(['method-call', 'api-call', 'call-apply', 'connect-start-only-fields']);

/**
 * True when a site the inline rewrite leaves to a human can call the generated helper module instead:
 * a WebClient call (`client.rtm.start(args)`, `.call` / `.apply`, `apiCall('rtm.start', args)`, or an
 * `rtm.connect` call whose response is read for start-only fields) becomes `rtmStartData(client, args)`,
 * an expression of the same type wherever it stands; a legacy v3 `RtmClient#start()` becomes
 * `startRtmClient(rtm, args)` where `legacyClientFits`.
 * An `@slack/rtm-api` `new RTMClient(token, { useRtmConnect: false, … })` becomes
 * `withRtmStartData(new RTMClient(token, { … }))` where `rtmApiClientFits`. Botkit's `bot.startRTM(cb)`,
 * slack-client 1.x's `client.login()` and slackbots' `new SlackBot(opts)` go through the module's wrapper of the bot / class where `libraryStartFits`.
 * A Node-style callback is kept where `callbackFits`; never where the call hands anything else on
 * besides its options, nor for spread arguments: the rewrite would drop them.
 */
export function helperModuleFits(parsed: ParsedFile, site: FoundSite, form: PlanSite['form'], dataRead: boolean): boolean {
  if (form === 'rtm-client-option') return rtmApiClientFits(site.node);
  if (form === 'library-start') return libraryStartFits(site);
  const call = site.node;
  // A name chosen at run time may be rtm.connect: the helper would fetch everything for it (unless
  // the rewrite keeps the choice, `chosenMethodName`).
  if (call.type !== AST_NODE_TYPES.CallExpression || (site.methodChosen === true && chosenMethodName(parsed, site, form) === undefined)) return false;
  const callback = site.callback !== undefined && callbackFits(parsed, call, site.callback, form) ? site.callback : undefined;
  if (site.passesOn && !callback) return false;
  const args = call.arguments.filter((a) => a !== callback);
  if (args.some((a) => (a.type === AST_NODE_TYPES.SpreadElement && !isOptionsSpread(parsed, a, args)) || isFunctionLiteral(a))) return false;
  if (form === 'legacy-client') return legacyClientFits(parsed, call, site.construction, site.madeIn);
  if (!dataRead || !WEB_CLIENT_FORMS.has(form)) return false;
  return callKeepsOnlyClientAndOptions(parsed, call, args.length) && (madeByWebClient(parsed, call) || (form === 'api-call' && defaultsToWebClient(parsed, call)));
}

/**
 * `this.web.apiCall(…)` where the class sets `this.web = given || new WebClient(…)` once: the SDK's
 * client, or one its caller hands in to stand for it (`@slack/rtm-api`'s `webClient` option). The code
 * itself calls `apiCall(method, args)` on it for a Slack response, which is all the helper module
 * calls (paging and pacing are its own), so `rtmStartData(this.web, args)` asks no more of it.
 */
function defaultsToWebClient(parsed: ParsedFile, call: TSESTree.CallExpression): boolean {
  const client = clientOf(parsed, call);
  const name = client?.type === AST_NODE_TYPES.MemberExpression && isThisLike(parsed.resolver, client.object) ? memberName(parsed.resolver, client) : undefined;
  const owner = client && name !== undefined ? thisOwner(client) : undefined;
  if (!owner) return false;
  const values: Node[] = [];
  for (const node of descendants(parsed.resolver, owner)) {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.MemberExpression) continue;
    if (isThisLike(parsed.resolver, node.left.object) && memberName(parsed.resolver, node.left) === name) values.push(unwrap(node.right));
  }
  const [value] = values;
  if (values.length !== 1 || value?.type !== AST_NODE_TYPES.LogicalExpression || value.operator === '&&') return false;
  const made = unwrap(value.right);
  if (made.type !== AST_NODE_TYPES.NewExpression) return false;
  const { kind } = clientKind(parsed, made);
  return kind === 'web-api' || (kind === 'slack-client' && (slackClientMajor(parsed.file) ?? 3) >= 3);
}

/**
 * `client.apiCall(method, args)` whose `method` is a constant chosen at run time
 * (`const method = cond ? 'rtm.connect' : 'rtm.start'`), in JavaScript: the choice is kept,
 * `(method === 'rtm.start' ? rtmStartData(client, args) : client.apiCall(method, args))`, so the
 * `rtm.connect` branch is untouched and `args` is still evaluated once. The constant, the node returned.
 */
export function chosenMethodName(parsed: ParsedFile, site: FoundSite, form: PlanSite['form']): TSESTree.Identifier | undefined {
  const call = site.node;
  if (form !== 'api-call' || site.methodChosen !== true || !javascriptFile(parsed.file) || call.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const [method, args, ...rest] = call.arguments;
  if (rest.length > 0 || method?.type !== AST_NODE_TYPES.Identifier || args?.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const value = unwrap(resolveConst(parsed.resolver, method));
  return value !== method && value.type === AST_NODE_TYPES.ConditionalExpression ? method : undefined;
}

/**
 * `client.rtm.start([args, ]callback)` as a statement of its own, in JavaScript: it becomes
 * `callbackify(rtmStartData)(client[, args], callback)` (Node's `util`), which calls the callback once,
 * `(err, data)`, on a later tick as the client did (an error it throws is still uncaught). Not in
 * TypeScript, where `callbackify`'s types do not fit a function with optional parameters.
 */
function callbackFits(parsed: ParsedFile, call: TSESTree.CallExpression, callback: Node, form: PlanSite['form']): boolean {
  if (form !== 'method-call' || !javascriptFile(parsed.file)) return false;
  if (call.arguments.at(-1) !== callback || call.arguments.length > 2) return false;
  return call.parent.type === AST_NODE_TYPES.ExpressionStatement && madeByWebClient(parsed, call);
}

const WEB_CLIENT_MODULES = new Set(['@slack/client', '@slack/web-api']);
/** The SDK whose `WebClient` has `paginate` (every version of `@slack/web-api`; `@slack/client` 3 and 4 have none). */
const PAGINATING_MODULE = '@slack/web-api';

/**
 * The client a WebClient-form call goes through: `web-api` (a `@slack/web-api` `WebClient`, Bolt's
 * `app.client` too: it has `paginate`), `slack-client` (`@slack/client`'s, of a version unknown: v3 and v4 have no `paginate`),
 * `typed` (TypeScript types it as something else, such as the app's own interface: `name`), `module`
 * (a value of another module, such as the `slack` package's API object), or `unknown` (an untyped
 * parameter, a value from elsewhere).
 */
export type ClientOfCall =
  | { readonly kind: 'web-api' | 'slack-client' | 'unknown' }
  | { readonly kind: 'typed'; readonly name: string }
  | { readonly kind: 'module'; readonly module: string };

export function clientOfCall(parsed: ParsedFile, call: TSESTree.CallExpression): ClientOfCall {
  const client = clientOf(parsed, call);
  return client ? clientKind(parsed, client) : { kind: 'unknown' };
}

function clientKind(parsed: ParsedFile, client: Node): ClientOfCall {
  if (isBoltAppClient(parsed, client)) return { kind: 'web-api' };
  const construction = constructionOf(parsed.resolver, client);
  const name = construction?.callee ?? (client.type === AST_NODE_TYPES.Identifier ? declaredType(parsed, client) : fieldType(parsed, client));
  if (!name) {
    const value = originOf(parsed.resolver, client);
    return value ? { kind: 'module', module: value.module } : { kind: 'unknown' };
  }
  const origin = originOf(parsed.resolver, name);
  if (origin !== undefined && !origin.instance && WEB_CLIENT_MODULES.has(origin.module) && origin.name === 'WebClient') {
    return { kind: origin.module === PAGINATING_MODULE ? 'web-api' : 'slack-client' };
  }
  if (construction) return { kind: 'unknown' };
  return { kind: 'typed', name: parsed.text.slice(name.range[0], name.range[1]) };
}

/**
 * The client the call goes through is Slack's SDK `WebClient`: made by `new WebClient(…)` in this file,
 * or a variable, parameter or field declared with the type `WebClient` imported from the SDK. Callback-era
 * code also calls `x.rtm.start(…)` and `x.apiCall(…)` on its own API wrappers (botkit's `bot.api`),
 * which the helper module cannot call through: those are left to the TODO.
 */
function madeByWebClient(parsed: ParsedFile, call: TSESTree.CallExpression): boolean {
  const { kind } = clientOfCall(parsed, call);
  // `@slack/client` 2.x has neither `apiCall` nor v3's request queue, which the helper module calls through.
  if (kind === 'slack-client') return (slackClientMajor(parsed.file) ?? 3) >= 3;
  return kind === 'web-api';
}

/** `client` in `client.rtm.start(…)`, `client.rtm.start.call(…)` and `client.apiCall(…)`. */
function clientOf(parsed: ParsedFile, call: TSESTree.CallExpression): Node | undefined {
  let callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = memberName(parsed.resolver, callee);
  if (name === 'apiCall') return unwrap(callee.object);
  if (name === 'call' || name === 'apply') callee = unwrap(callee.object);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const rtm = unwrap(callee.object);
  return rtm.type === AST_NODE_TYPES.MemberExpression ? unwrap(rtm.object) : undefined;
}

/** The type name written on an identifier's declaration (`web: WebClient`), as an identifier node. */
function declaredType(parsed: ParsedFile, identifier: TSESTree.Identifier): Node | undefined {
  const def = variableOf(parsed.resolver, identifier)?.defs[0];
  const name = def?.name;
  const annotation = name?.type === AST_NODE_TYPES.Identifier ? name.typeAnnotation?.typeAnnotation : undefined;
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  return annotation.typeName.type === AST_NODE_TYPES.Identifier ? annotation.typeName : undefined;
}

/**
 * The type name written on the class field `this.<name>` stands for (`private web: WebClient`, or a
 * constructor parameter property `constructor(private readonly web: WebClient)`), as an identifier node.
 */
function fieldType(parsed: ParsedFile, member: Node): Node | undefined {
  if (member.type !== AST_NODE_TYPES.MemberExpression || unwrap(member.object).type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const name = memberName(parsed.resolver, member);
  let owner: Node | undefined = member.parent;
  while (owner && owner.type !== AST_NODE_TYPES.ClassBody) owner = owner.parent;
  if (owner?.type !== AST_NODE_TYPES.ClassBody || name === undefined) return undefined;
  const annotations: (TSESTree.TypeNode | undefined)[] = [];
  for (const element of owner.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed && element.key.type === AST_NODE_TYPES.Identifier && element.key.name === name) {
      annotations.push(element.typeAnnotation?.typeAnnotation);
    }
    if (element.type !== AST_NODE_TYPES.MethodDefinition || element.kind !== 'constructor') continue;
    for (const param of element.value.params) {
      const bound = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : undefined;
      if (bound?.type === AST_NODE_TYPES.Identifier && bound.name === name) annotations.push(bound.typeAnnotation?.typeAnnotation);
    }
  }
  const [only] = annotations;
  if (annotations.length !== 1 || only?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
  return only.typeName.type === AST_NODE_TYPES.Identifier ? only.typeName : undefined;
}

/** `start(...args)` with `const args = [{ … }]` (one plain value, only ever spread): the spread is the options. */
function isOptionsSpread(parsed: ParsedFile, spread: TSESTree.SpreadElement, args: readonly Node[]): boolean {
  const array = resolveConst(parsed.resolver, spread.argument);
  return args.length === 1 && isSpreadOfPlainConst(parsed.resolver, spread) && array.type === AST_NODE_TYPES.ArrayExpression && array.elements.length <= 1;
}

/**
 * `client.apiCall.bind(client, 'rtm.start')` or `client.rtm.start.bind(client)` on a `@slack/web-api`
 * `WebClient`, nothing else bound: it becomes `rtmStartData.bind(null, client)`, a function called the
 * same way, `(args) =>` a promise of the data (that `apiCall` takes no callback, so none is lost).
 */
export function boundCallFits(parsed: ParsedFile, site: FoundSite): boolean {
  const call = site.node;
  if (call.type !== AST_NODE_TYPES.CallExpression || site.methodChosen === true) return false;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(parsed.resolver, callee) !== 'bind') return false;
  const bound = unwrap(callee.object);
  if (bound.type !== AST_NODE_TYPES.MemberExpression) return false;
  const [thisArg, ...rest] = call.arguments;
  const name = memberName(parsed.resolver, bound);
  const namespace = unwrap(bound.object);
  const client =
    name === 'apiCall' && rest.length === 1 && site.literal
      ? namespace
      : name === 'start' && rest.length === 0 && namespace.type === AST_NODE_TYPES.MemberExpression && isRtmNamespace(parsed, namespace)
        ? unwrap(namespace.object)
        : undefined;
  const sourceOf = (node: Node): string => parsed.text.slice(node.range[0], node.range[1]);
  if (!client || !thisArg || thisArg.type === AST_NODE_TYPES.SpreadElement || sourceOf(unwrap(thisArg)) !== sourceOf(client)) return false;
  return clientKind(parsed, client).kind === 'web-api';
}

function isFunctionLiteral(node: Node): boolean {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression;
}

/**
 * The call's shape is one the rewrite reads the client and options from, with nothing else passed:
 * `client.rtm.start([args])`, `client.rtm.start.call(client[, args])`, `.apply(client[, [args]])`,
 * `client.apiCall('rtm.start'[, args])`.
 */
function callKeepsOnlyClientAndOptions(parsed: ParsedFile, call: TSESTree.CallExpression, count: number): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(parsed.resolver, callee);
  if (name === 'call' || name === 'apply') {
    if (count < 1 || count > 2) return false;
    const list = call.arguments[1];
    if (name === 'apply' && list && (list.type !== AST_NODE_TYPES.ArrayExpression || list.elements.length > 1)) return false;
    const method = unwrap(callee.object);
    return method.type === AST_NODE_TYPES.MemberExpression && isRtmNamespace(parsed, method.object);
  }
  if (name === 'start' || name === 'connect') return count <= 1 && isRtmNamespace(parsed, callee.object);
  return name === 'apiCall' && count <= 2;
}

/** `<client>.rtm`: the rewrite names the client by the text before `.rtm`. */
function isRtmNamespace(parsed: ParsedFile, node: Node): boolean {
  const bare = unwrap(node);
  return bare.type === AST_NODE_TYPES.MemberExpression && memberName(parsed.resolver, bare) === 'rtm';
}

/**
 * `new RTMClient(token, { …, useRtmConnect: false, … })` with the options written out: the option can
 * be dropped and the whole expression wrapped, wherever it stands (the client is the same object).
 */
function rtmApiClientFits(node: Node): boolean {
  if (node.type !== AST_NODE_TYPES.NewExpression || node.arguments.length !== 2) return false;
  const options = node.arguments[1];
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return options.properties.every((p) => p.type === AST_NODE_TYPES.Property && p.kind === 'init' && !p.method && !p.computed);
}

/**
 * `X.startRTM(…)` of a Botkit bot (`withBotkitRtmStart(X).startRTM(…)`), or `X.login()` of a `slack-client`
 * 1.x client (`withSlackClientRtmStart(X).login()`), where `X` can stand as an
 * argument as it is written (not `super`, not a bare sequence) and the call is not optional (the
 * wrapper would be handed nothing), or `new SlackBot(…)` of slackbots (`new (withSlackbotsRtmStart(SlackBot))(…)`) or a
 * class extending it (`class X extends withSlackbotsRtmStart(SlackBot)`), or
 * slackbots' constructor run on an instance written out as its first argument (`SlackBot.call(withSlackbotsRtmStartOn(this), …)`).
 */
function libraryStartFits(site: FoundSite): boolean {
  const node = site.node;
  if (!site.library) return false;
  const { wraps } = HELPER_LIBRARY_STARTS[site.library];
  if (wraps === 'class') return node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression;
  // The instance a constructor is run on, where it is written out (not spread, not absent).
  if (wraps === 'instance') {
    const instance = node.type === AST_NODE_TYPES.CallExpression ? node.arguments[0] : undefined;
    return instance !== undefined && instance.type !== AST_NODE_TYPES.SpreadElement && instance.type !== AST_NODE_TYPES.SequenceExpression;
  }
  if (node.type !== AST_NODE_TYPES.CallExpression || node.optional) return false;
  const callee = node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.optional) return false;
  return callee.object.type !== AST_NODE_TYPES.Super && callee.object.type !== AST_NODE_TYPES.SequenceExpression;
}
