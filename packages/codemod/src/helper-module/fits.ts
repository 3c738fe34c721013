import { constructionOf, memberName, originOf, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { PlanSite } from '../plan.js';
import type { FoundSite } from '../scan/found.js';

type Node = TSESTree.Node;

const WEB_CLIENT_FORMS = new Set<PlanSite['form']>(['method-call', 'api-call', 'call-apply', 'connect-start-only-fields']);

/**
 * True when a site the inline rewrite leaves to a human can call the generated helper module instead:
 * a WebClient call (`client.rtm.start(args)`, `.call` / `.apply`, `apiCall('rtm.start', args)`, or an
 * `rtm.connect` call whose response is read for start-only fields) becomes `rtmStartData(client, args)`,
 * an expression of the same type wherever it stands; a legacy v3 `RtmClient#start()` becomes
 * `startRtmClient(rtm, args)` when the client's `new RtmClient(token[, { … }])` can take `useRtmConnect: true`.
 * A Node-style callback is kept where `callbackFits`; never where the call hands anything else on
 * besides its options, nor for spread arguments: the rewrite would drop them.
 */
export function helperModuleFits(parsed: ParsedFile, site: FoundSite, form: PlanSite['form'], dataRead: boolean): boolean {
  const call = site.node;
  // A name chosen at run time may be rtm.connect: the helper would fetch everything for it.
  if (call.type !== AST_NODE_TYPES.CallExpression || site.methodChosen === true) return false;
  const callback = site.callback !== undefined && callbackFits(parsed, call, site.callback, form) ? site.callback : undefined;
  if (site.passesOn && !callback) return false;
  const args = call.arguments.filter((a) => a !== callback);
  if (args.some((a) => a.type === AST_NODE_TYPES.SpreadElement || isFunctionLiteral(a))) return false;
  if (form === 'legacy-client') return legacyClientOptionsWritable(call, site.construction);
  if (!dataRead || !WEB_CLIENT_FORMS.has(form)) return false;
  return callKeepsOnlyClientAndOptions(parsed, call, args.length) && madeByWebClient(parsed, call);
}

/**
 * `client.rtm.start([args, ]callback)` as a statement of its own, in JavaScript: it becomes
 * `callbackify(rtmStartData)(client[, args], callback)` (Node's `util`), which calls the callback once,
 * `(err, data)`, on a later tick as the client did (an error it throws is still uncaught). Not in
 * TypeScript, where `callbackify`'s types do not fit a function with optional parameters.
 */
function callbackFits(parsed: ParsedFile, call: TSESTree.CallExpression, callback: Node, form: PlanSite['form']): boolean {
  if (form !== 'method-call' || !/\.(c|m)?jsx?$/.test(parsed.file)) return false;
  if (call.arguments.at(-1) !== callback || call.arguments.length > 2) return false;
  return call.parent.type === AST_NODE_TYPES.ExpressionStatement && madeByWebClient(parsed, call);
}

const WEB_CLIENT_MODULES = new Set(['@slack/client', '@slack/web-api']);

/**
 * The client the call goes through is Slack's SDK `WebClient`: made by `new WebClient(…)` in this file,
 * or a variable or parameter declared with the type `WebClient` imported from the SDK. Callback-era
 * code also calls `x.rtm.start(…)` and `x.apiCall(…)` on its own API wrappers (botkit's `bot.api`),
 * which the helper module cannot call through: those are left to the TODO.
 */
function madeByWebClient(parsed: ParsedFile, call: TSESTree.CallExpression): boolean {
  const client = clientOf(parsed, call);
  if (!client) return false;
  const construction = constructionOf(parsed.resolver, client);
  if (construction) return isSdkWebClient(parsed, construction.callee);
  const annotation = client.type === AST_NODE_TYPES.Identifier ? declaredType(parsed, client) : undefined;
  return annotation !== undefined && isSdkWebClient(parsed, annotation);
}

export function isSdkWebClient(parsed: ParsedFile, name: Node): boolean {
  const origin = originOf(parsed.resolver, name);
  return origin !== undefined && !origin.instance && WEB_CLIENT_MODULES.has(origin.module) && origin.name === 'WebClient';
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
 * `rtm.start()` on a variable declared as `const rtm = new RtmClient(token)` or
 * `new RtmClient(token, { …written out… })`: where `useRtmConnect: true` can be added.
 */
function legacyClientOptionsWritable(call: TSESTree.CallExpression, construction: TSESTree.NewExpression | undefined): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !construction) return false;
  const receiver = unwrap(callee.object);
  const declarator = construction.parent;
  if (receiver.type !== AST_NODE_TYPES.Identifier || declarator.type !== AST_NODE_TYPES.VariableDeclarator) return false;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== receiver.name) return false;
  const [token, options, ...rest] = construction.arguments;
  if (!token || rest.length > 0) return false;
  if (!options) return true;
  return (
    options.type === AST_NODE_TYPES.ObjectExpression &&
    options.properties.every((p) => p.type === AST_NODE_TYPES.Property && p.kind === 'init' && !p.method && !p.computed)
  );
}
