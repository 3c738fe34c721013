import { dirname } from 'node:path';

import { isKnownPackage, isPossiblySlackModule, METHODS } from '@rtm-migrate/core';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { descendants, destructuredKey, memberName, propertyKeyName, requiredModule, singleValueOf, unwrap, variableOf } from './ast.js';
import { fieldAppType } from './app-type.js';
import { nearestManifest } from './modules.js';
import { clientKindOfConstructor, constructionOf, originOf } from './origin.js';
import { moduleText, type Resolver } from './resolver.js';
import { memberPath, rtmClientUse, rtmMemberUse } from './rtm-member-use.js';

type Node = TSESTree.Node;

/**
 * `x.rtm.start()` where `x` is not known (a parameter, an object filled elsewhere) reads as the Web API
 * client's `rtm` namespace, but apps of the `RtmClient` era kept their RTM client in a member named `rtm`
 * (`slack.rtm = new RtmClient(token)` in one function, `slack.rtm.start()` in another, or in a module
 * the file requires). When this file or one it requires by a relative path puts an RTM client into a
 * member of that name, the call may be the client's own `start()` (which has no `connect` twin taking
 * the same arguments): where (`line 7`, `` `./slack` ``), so neither the lint nor the codemod turns the
 * call into `rtm.connect`. So it is when the same member is used as an RTM client elsewhere in the file
 * or class (`this.rtm.on(…)`, `this.rtm = rtm` from a parameter: see `rtmMemberUse`), and when the member
 * is made by `new` of a class the analysis cannot name (`new this.RtmClient(token)` with the class handed
 * in): a v3 `RtmClient` there would crash on `connect()` (it takes a socket URL). A holder another module
 * hands over (`require('./slackClient').rtm`) is judged only by what no SDK's `rtm` methods have: an RTM
 * event listened for, `dataStore`, `sendMessage`… (see `rtmClientUse`). An `rtm` taken out of a
 * value (`const { rtm } = require('./client').clients(token)`) is judged as that value's member `rtm`.
 */
export function rtmClientInMember(program: TSESTree.Program, resolver: Resolver, call: TSESTree.CallExpression): string | undefined {
  const namespace = namespaceOf(resolver, call);
  if (!namespace || madeBySlackModule(resolver, namespace.holder)) return undefined;
  const { name, member } = namespace;
  const made = member ? constructionOf(resolver, member) : undefined;
  if (made) return unknownClass(resolver, made);
  const required: string[] = [];
  for (const node of descendants(resolver, program)) {
    const stored = madeInto(resolver, node, name);
    if (stored && clientKindOfConstructor(resolver, stored.callee) !== undefined) return `line ${stored.loc.start.line}`;
    const module = node.type === AST_NODE_TYPES.ImportDeclaration ? node.source.value : requiredModule(node);
    if (module?.startsWith('.')) required.push(module);
  }
  const stored = storedInText(name);
  const module = required.find((m) => stored.test(moduleText(resolver, m) ?? ''));
  if (module !== undefined) return `\`${module}\``;
  // Only the `rtm` family is judged by its uses (`this.web.apiCall(…)` names no family of that name).
  if (name !== 'rtm') return undefined;
  // A holder a module hands over may carry an SDK's `rtm` with more than `start` (`require('slack')`'s `rtm.client()`): only an RTM client's own uses tell.
  const used = member && !fromSlackModule(resolver, namespace.holder) ? rtmMemberUse(resolver, program, member) : undefined;
  return used ?? rtmClientUse(resolver, program, namespace.receiver) ?? bareStart(resolver, call, namespace.holder);
}

/**
 * `x.rtm.start()` as a statement, given nothing, on a holder no Slack module is seen to give, in a package
 * whose Slack client is a library rtm-migrate does not know (it declares one named for Slack and none of
 * the known ones): a Web API client's call so written would throw its answer away, so this is that
 * library's RTM start, which may have no `connect` (blind s84/06: frozor-slack's `bot.rtm.start()` opens
 * its socket, and its `rtm` has only `start`).
 */
function bareStart(resolver: Resolver, call: TSESTree.CallExpression, holder: Node): string | undefined {
  const callee = unwrap(call.callee);
  if (call.arguments.length > 0 || call.parent.type !== AST_NODE_TYPES.ExpressionStatement || callee.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, callee) !== 'start') return undefined;
  // The package's manifest is read only for a call of that shape, on a holder no Slack module gives.
  const library = resolver.file === undefined || fromSlackModule(resolver, holder) ? undefined : unknownSlackLibrary(resolver.file);
  if (library === undefined) return undefined;
  return `\`${memberPath(resolver, unwrap(callee.object)) ?? 'rtm'}.start()\` on line ${String(call.loc.start.line)}, a statement given nothing, in a package whose Slack client is \`${library}\`, a library rtm-migrate does not know`;
}

/** The package named for Slack that the file's package declares, where it declares none rtm-migrate knows. */
function unknownSlackLibrary(file: string): string | undefined {
  const manifest = nearestManifest(dirname(file))?.manifest;
  const names = Object.keys({ ...manifest?.dependencies, ...manifest?.devDependencies, ...manifest?.peerDependencies });
  return names.some((n) => isKnownPackage(n)) ? undefined : names.find((n) => /slack/i.test(n));
}

/**
 * A start of `rtmClientInMember` that can be checked at run time instead: `x.rtm.start()` (or with an
 * options object) as a statement of its own, on a receiver this file uses as an RTM client (an RTM
 * event listened for, `dataStore`, `sendMessage`…: see `rtmClientUse`; the Web API's `rtm` methods,
 * whatever module hands them over, have none of these), held by nothing a Slack module made here
 * (`new WebClient(…)`). Where that use is; undefined where the receiver may still be an SDK's `rtm` methods (no such
 * use), where the call's value is read (a v3 `start()` returns nothing, an `RTMClient`'s a promise), or
 * where anything else is passed (a callback is the Web API's `rtm.start`).
 */
export function rtmClientStartable(program: TSESTree.Program, resolver: Resolver, call: TSESTree.CallExpression): string | undefined {
  const namespace = namespaceOf(resolver, call);
  const callee = unwrap(call.callee);
  if (namespace?.name !== 'rtm' || !startsAsStatement(call)) return undefined;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, callee) !== 'start' || unwrap(callee.object) !== namespace.receiver) return undefined;
  // Typed with a class of the app's own: maybe a wrapper the run-time start would refuse (see fieldAppType).
  if (madeBySlackModule(resolver, namespace.holder) || fieldAppType(resolver, namespace.receiver) !== undefined) return undefined;
  return rtmClientUse(resolver, program, namespace.receiver);
}

/**
 * `start()` or `start({ … })` as a statement of its own: what the generated helper module's run-time
 * start takes the place of (a v3 `start()` returns nothing, an `RTMClient`'s a promise; a callback
 * would be the Web API's `rtm.start`).
 */
export function startsAsStatement(call: TSESTree.CallExpression): boolean {
  const [options, ...rest] = call.arguments;
  return call.parent.type === AST_NODE_TYPES.ExpressionStatement && rest.length === 0 && (options === undefined || unwrap(options).type === AST_NODE_TYPES.ObjectExpression);
}

/**
 * `new C(…)` that made the member: undefined when `C` is a Slack module's own (the v3 SDK's `RtmFacet`,
 * its Web API `rtm` family); else where, since neither tool knows what `start` of that class does.
 */
function unknownClass(resolver: Resolver, made: TSESTree.NewExpression): string | undefined {
  const origin = originOf(resolver, made.callee);
  if (origin !== undefined && !origin.instance && isSdkModule(resolver, origin.module)) return undefined;
  return `\`new ${memberPath(resolver, made.callee) ?? '…'}(…)\` on line ${made.loc.start.line}, a class rtm-migrate cannot identify`;
}

/** `this.web` made by `new WebClient(…)` of a Slack module: its `rtm` is the SDK's own, no member the app stored. */
function madeBySlackModule(resolver: Resolver, holder: Node): boolean {
  const made = constructionOf(resolver, holder);
  const origin = made ? originOf(resolver, made.callee) : undefined;
  return origin !== undefined && !origin.instance && isSdkModule(resolver, origin.module);
}

/**
 * A module that may be a Slack SDK: one named for Slack, or a copy of one in the app, which names
 * `rtm.connect`. Another module of the app's own is its own code, whatever its name (blind s84/08's
 * `RTMClientWrapper` has `start` alone; blind s108/05's `./slack` keeps an `RTMClient` in `rtm`).
 */
function isSdkModule(resolver: Resolver, module: string): boolean {
  const own = module.startsWith('.') && !(moduleText(resolver, module) ?? '').includes(METHODS.rtmConnect);
  return isPossiblySlackModule(module) && !own;
}

/** `slack.rtm` of `require('slack')` (whose `rtm` has `client()` besides `start`), `web.rtm` of `const web = new WebClient(…)`: an SDK's own family, whatever else it has. */
function fromSlackModule(resolver: Resolver, holder: Node): boolean {
  const origin = originOf(resolver, holder);
  return origin !== undefined && isPossiblySlackModule(origin.module);
}

/** Source text that puts a new RTM client into a member `name`: `a.rtm = new RtmClient(`, `rtm: new x.RTMClient(`. */
function storedInText(name: string): RegExp {
  // `const rtm = new RtmClient(…)` too: handed out as `{ rtm }` (blind s103/09, coffea-slack: `rtm.connect()` was written).
  // Or one of the choices of a condition on that line (`rtm: mock ? new RTMMock() : new RTMClient(token)`, blind s132/02:
  // `rtm.connect()` was written on an @slack/rtm-api client, which has none).
  return new RegExp(`(\\.\\s*${name}\\s*=|\\b${name}\\s*:|\\b(?:const|let|var)\\s+${name}\\s*=)[^;\\n]*?\\bnew\\s+[\\w$.]*\\b(RtmClient|RTMClient)\\s*\\(`);
}

/** The `rtm` a start is called on: a member (`x.rtm`), or taken out of its holder (`const { rtm } = x`, `const rtm = x.rtm`). */
interface Namespace {
  readonly holder: Node;
  /** What `start` is called on: the member, or the variable it was taken into. */
  readonly receiver: Node;
  readonly name: string;
  readonly member: TSESTree.MemberExpression | undefined;
}

/**
 * `x.rtm` in `x.rtm.start(…)`, `x.rtm.start.call(…)` and `rtm.start(…)` of an `rtm` taken off `x`. None
 * for a call that names its method (`this.web.apiCall(method, …)`, `x.api('rtm.start')`): whatever class
 * made its receiver, it asks Slack for the method named (blind s140/10: an SDK fork's own `WebClient`).
 */
function namespaceOf(resolver: Resolver, call: TSESTree.CallExpression): Namespace | undefined {
  let callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const outer = memberName(resolver, callee);
  if (outer === 'call' || outer === 'apply') callee = unwrap(callee.object);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, callee) !== 'start') return undefined;
  const namespace = unwrap(callee.object);
  if (namespace.type === AST_NODE_TYPES.Identifier) return takenOut(resolver, namespace);
  const name = namespace.type === AST_NODE_TYPES.MemberExpression ? memberName(resolver, namespace) : undefined;
  return namespace.type === AST_NODE_TYPES.MemberExpression && name !== undefined ? { holder: namespace.object, receiver: namespace, name, member: namespace } : undefined;
}

function takenOut(resolver: Resolver, identifier: TSESTree.Identifier): Namespace | undefined {
  const variable = variableOf(resolver, identifier);
  const def = variable?.defs[0];
  const value = variable ? singleValueOf(variable) : undefined;
  if (!value || def?.type !== TSESLint.Scope.DefinitionType.Variable) return undefined;
  if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
    const name = destructuredKey(resolver, def.node.id, def.name);
    return name === undefined ? undefined : { holder: value, receiver: identifier, name, member: undefined };
  }
  const init = unwrap(value);
  const name = init.type === AST_NODE_TYPES.MemberExpression ? memberName(resolver, init) : undefined;
  return init.type === AST_NODE_TYPES.MemberExpression && name !== undefined ? { holder: init.object, receiver: identifier, name, member: init } : undefined;
}

/** The `new …` that `node` stores into a member called `name`: `a.name = new C()`, `{ name: new C() }`, `name = new C()` in a class. */
function madeInto(resolver: Resolver, node: Node, name: string): TSESTree.NewExpression | undefined {
  let target: string | undefined;
  let value: Node | null | undefined;
  if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
    target = memberName(resolver, node.left);
    value = node.right;
  } else if (node.type === AST_NODE_TYPES.Property) {
    target = propertyKeyName(resolver, node);
    value = node.value;
  } else if (node.type === AST_NODE_TYPES.PropertyDefinition && !node.computed && node.key.type === AST_NODE_TYPES.Identifier) {
    target = node.key.name;
    value = node.value;
  }
  const made = value ? unwrap(value) : undefined;
  return target === name && made?.type === AST_NODE_TYPES.NewExpression ? made : undefined;
}
