import { isPackageOrFile, isPossiblySlackModule, LEGACY_RTM_CLIENT_MODULES, SLACK_CLIENT_1 } from '@rtm-migrate/core';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { descendants, isThisLike, memberName, programOf, propertyKeyName, unwrap, variableOf } from './ast.js';
import { clientKindOfConstructor, constructionOf, isWholeModule, originOf, thisOwner } from './origin.js';
import type { Resolver } from './resolver.js';
import { startsAsStatement } from './rtm-member-client.js';
import { memberPath } from './rtm-member-use.js';

type Node = TSESTree.Node;

/**
 * `client.start()` (or `login()`) of a legacy `@slack/client` v3 `RtmClient` (or `slack-client` 1.x client) the analysis cannot tie to one
 * `new`: the holder is given more than one value (`this.rtm` set in two methods, a `let` assigned
 * again, `bot.client = …` twice) or a choice of them (`cond ? new RtmClient(a) : new RtmClient(b)`, a
 * `require` of one of two modules). When any of those values is such a client the call may request
 * `rtm.start`: it is reported, never rewritten, rather than passed over. So is the start of a v3
 * client handed in as a parameter (`received`, see receivedClientSite), which only the generated
 * helper module's run-time start can take over.
 */
export interface UnfollowedClientSite {
  readonly kind: 'unfollowed-client';
  readonly call: TSESTree.CallExpression;
  /** The first `new RtmClient(…)` (or `require` of a module exporting one) among the holder's values; for `received`, the use that shows the client. */
  readonly candidate: Node;
  /** The candidate is a `slack-client` 1.x client (`new Slack(…)`), not a v3 `RtmClient`. */
  readonly slackClient?: boolean;
  /** `login()` of a value required from this module of the app, used as a `slack-client` 1.x client (see requiredSlackClientLoginSite). */
  readonly slackClientFrom?: string;
  /** A client handed in (a parameter, a field set from one) that the same code uses as a v3 `RtmClient`. */
  readonly received?: ReceivedClient;
  /** `call` is `super(…)` handing the v3 client (`candidate`) to the base class's constructor (see handedToBaseSite). */
  readonly handedToBase?: true;
  /** Every value the holder is given is a v3 `new RtmClient(…)` written in this file, and `call` a `start()` statement: see everyValueLegacy. */
  readonly chosen?: ChosenClients;
  /**
   * What is started is made by the `RtmClient` of a holder given more than one module, one of them the
   * legacy SDK (`slack` of `test ? require('./mock_slack') : require('@slack/client')`): the holder as the code names it.
   */
  readonly moduleChosen?: string;
  /** The module rtm-migrate does not know whose `RtmClient` made what is started (`slack/client`: see unknownModuleClientSite). */
  readonly unknownModule?: string;
}

/** A holder every value of which is a v3 `new RtmClient(…)`: as the code names it (`this.client`), and the lines of those `new`s. */
export interface ChosenClients {
  readonly receiver: string;
  readonly lines: readonly number[];
}

/** A v3 client handed in: what names it, where it is used as one, and whether its start is a statement the helper module's start can take the place of. */
export interface ReceivedClient {
  /** As the code names it: `rtmClient`, `this.rtmClient`. */
  readonly receiver: string;
  /** Where the code uses it as a v3 client, as a report names it (`` `rtmClient.on(CLIENT_EVENTS.RTM.AUTHENTICATED, …)`, line 6 ``). */
  readonly evidence: string;
  /** `start()` / `start({ … })` as a statement of its own (see startsAsStatement), of a client not typed with the app's own type. */
  readonly startable: boolean;
  /** The app's own type the client is declared with (`BaseRtmClient`): it may be a wrapper of the client, which the helper module's start does not take. */
  readonly ownType?: string;
}

export function unfollowedClientSite(resolver: Resolver, call: TSESTree.CallExpression): UnfollowedClientSite | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = memberName(resolver, callee);
  if (name !== 'start' && name !== 'login') return undefined;
  const values = heldValues(resolver, callee.object);
  if (!values) return undefined;
  if (values.length < 2) {
    const module = values.map((v) => chosenModuleOf(resolver, v)).find((m) => m !== undefined);
    return module ? { kind: 'unfollowed-client', call, candidate: module.made, moduleChosen: module.holder } : undefined;
  }
  for (const candidate of values) {
    const client = legacyClientOf(resolver, candidate);
    if (!client) continue;
    if (client === 'slack-client') return { kind: 'unfollowed-client', call, candidate, slackClient: true };
    const chosen = everyValueLegacy(resolver, call, values);
    return chosen ? { kind: 'unfollowed-client', call, candidate, chosen } : { kind: 'unfollowed-client', call, candidate };
  }
  return undefined;
}

/**
 * `start()` of a `new RtmClient(…)` that a package rtm-migrate does not know provides (`slack/client`: a
 * Meteor app's copy of `@slack/client` 2.3 kept under that name, blind s66/08). `RtmClient` is the name
 * of the legacy SDK's client alone (`@slack/client` before 4, `slack-client` 2), whose `start()`
 * requests `rtm.start`: reported, never rewritten, since the package may be anything. The app's own
 * modules (relative specifiers) are followed where they make their client, and the legacy SDK's own
 * packages are sites of their own.
 */
export function unknownModuleClientSite(resolver: Resolver, call: TSESTree.CallExpression): UnfollowedClientSite | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, callee) !== 'start') return undefined;
  const made = constructionOf(resolver, callee.object);
  const origin = made ? originOf(resolver, made.callee) : undefined;
  if (!made || origin?.name !== 'RtmClient' || origin.instance || !isUnknownSlackPackage(origin.module)) return undefined;
  return { kind: 'unfollowed-client', call, candidate: made, unknownModule: origin.module };
}

function isUnknownSlackPackage(specifier: string): boolean {
  const own = specifier.startsWith('.') || specifier.startsWith('/');
  return !own && isPossiblySlackModule(specifier) && !LEGACY_RTM_CLIENT_MODULES.some((name) => isPackageOrFile(specifier, name));
}

/**
 * `start()` as a statement of a holder whose every value (each assignment, each side of a choice) is a
 * v3 `new RtmClient(…)` written in this file (`this.client = debug ? new RtmClient(t, { logLevel }) :
 * new RtmClient(t)`, a `let` made again for a backup token): whichever one runs, it is a v3 client, so
 * the generated helper module's run-time start (which sets `useRtmConnect` and fills the data a v3
 * client's handlers and `dataStore` read, and throws at start for anything else) takes the start over.
 * A single value of any other kind (a variable, a call, a module chosen at run time) keeps the TODO.
 */
function everyValueLegacy(resolver: Resolver, call: TSESTree.CallExpression, values: readonly Node[]): ChosenClients | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, callee) !== 'start' || !startsAsStatement(call)) return undefined;
  const receiver = memberPath(resolver, unwrap(callee.object));
  const made = values.map((v) => unwrap(v));
  const every = made.every((v): v is TSESTree.NewExpression => v.type === AST_NODE_TYPES.NewExpression && clientKindOfConstructor(resolver, v.callee) === 'legacy-rtm-client');
  if (receiver === undefined || !every) return undefined;
  return { receiver, lines: [...new Set(made.map((v) => v.loc.start.line))] };
}

/**
 * `super(client, …)` handing a legacy v3 `new RtmClient(…)` (written there, or a variable made so) to the
 * base class's constructor (`class SlackRtm extends BaseRtm { constructor(t) { super(new RtmClient(t)) } }`):
 * the base class keeps it and starts it where the analysis does not follow (in another module, as a
 * field of the project's own interface type: s24 M1), and that `start()` requests `rtm.start`. Reported
 * at the `super(…)` call, never rewritten, unless this file starts that client itself (a site of its
 * own). The caller leaves out a client made with `useRtmConnect: true`.
 */
export function handedToBaseSite(resolver: Resolver, call: TSESTree.CallExpression): UnfollowedClientSite | undefined {
  if (call.callee.type !== AST_NODE_TYPES.Super) return undefined;
  for (const arg of call.arguments) {
    const made = constructionOf(resolver, arg);
    if (made && clientKindOfConstructor(resolver, made.callee) === 'legacy-rtm-client' && !startedHere(resolver, made)) return { kind: 'unfollowed-client', call, candidate: made, handedToBase: true };
  }
  return undefined;
}

/** A `start()` / `login()` in the client's own file of a receiver made by `made`. */
function startedHere(resolver: Resolver, made: TSESTree.NewExpression): boolean {
  for (const node of descendants(resolver, programOf(made))) {
    const callee = node.type === AST_NODE_TYPES.CallExpression ? unwrap(node.callee) : undefined;
    if (callee?.type !== AST_NODE_TYPES.MemberExpression) continue;
    const name = memberName(resolver, callee);
    if ((name === 'start' || name === 'login') && constructionOf(resolver, callee.object) === made) return true;
  }
  return false;
}

/**
 * `new slack.RtmClient(…)` where `slack` is given more than one module, one of them the legacy SDK
 * (`test ? require('./mock_slack') : require('@slack/client')`): the client is the legacy one whenever
 * the SDK is picked, so its start may request `rtm.start`. The `new`, and the holder as the code names it.
 */
function chosenModuleOf(resolver: Resolver, value: Node): { made: TSESTree.NewExpression; holder: string } | undefined {
  const made = unwrap(value);
  if (made.type !== AST_NODE_TYPES.NewExpression) return undefined;
  const callee = unwrap(made.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, callee) !== 'RtmClient') return undefined;
  const modules = heldValues(resolver, callee.object);
  if (!modules || modules.length < 2) return undefined;
  const legacy = modules.some((m) => {
    const origin = originOf(resolver, m);
    return LEGACY_RTM_CLIENT_MODULES.some((module) => isWholeModule(origin, module));
  });
  return legacy ? { made, holder: memberPath(resolver, callee.object) ?? 'the module' } : undefined;
}

/** Every value the receiver may hold, choices split (`a ? b : c`, `a || b`); undefined where one of them is unknown. */
function heldValues(resolver: Resolver, receiver: Node): Node[] | undefined {
  const assigned = assignedValues(resolver, unwrap(receiver));
  return assigned?.flatMap(choices);
}

function choices(value: Node): Node[] {
  const bare = unwrap(value);
  if (bare.type === AST_NODE_TYPES.ConditionalExpression) return [...choices(bare.consequent), ...choices(bare.alternate)];
  if (bare.type === AST_NODE_TYPES.LogicalExpression) return [...choices(bare.left), ...choices(bare.right)];
  return [bare];
}

/** What is written into a variable (its `init`, each `=`) or into a member path (`this.rtm = …` in its class, `bot.client = …` in the file). */
function assignedValues(resolver: Resolver, receiver: Node): Node[] | undefined {
  if (receiver.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(resolver, receiver);
    const def = variable?.defs[0];
    if (variable?.defs.length !== 1 || def?.type !== TSESLint.Scope.DefinitionType.Variable || def.node.id !== def.name) return undefined;
    const writes = variable.references.filter((r) => r.isWrite() && r.identifier !== def.name).map((r) => r.identifier.parent);
    const values = writes.map((w) => (w.type === AST_NODE_TYPES.AssignmentExpression && w.operator === '=' ? w.right : undefined));
    const all = def.node.init ? [def.node.init, ...values] : values;
    return all.every((v): v is TSESTree.Expression => v !== undefined) ? all : undefined;
  }
  const path = receiver.type === AST_NODE_TYPES.MemberExpression ? memberPath(resolver, receiver) : undefined;
  if (path === undefined || receiver.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const root = isThisLike(resolver, receiver.object) ? thisOwner(receiver) : programOf(receiver);
  if (!root) return undefined;
  const values: Node[] = [];
  for (const node of descendants(resolver, root)) {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && memberPath(resolver, node.left) === path) values.push(node.right);
    else if (node.type === AST_NODE_TYPES.PropertyDefinition && node.value && root.type === AST_NODE_TYPES.ClassBody && node.parent === root && `this.${propertyName(node) ?? ''}` === path) values.push(node.value);
  }
  const literal = literalMember(resolver, receiver);
  return literal ? [literal, ...values] : values;
}

/** `const bot = { client: … }` for `bot.client`: the value the literal starts the member with. */
function literalMember(resolver: Resolver, member: TSESTree.MemberExpression): Node | undefined {
  const holder = unwrap(member.object);
  const name = memberName(resolver, member);
  const def = holder.type === AST_NODE_TYPES.Identifier ? variableOf(resolver, holder)?.defs[0] : undefined;
  const init = def?.type === TSESLint.Scope.DefinitionType.Variable && def.node.init ? unwrap(def.node.init) : undefined;
  if (init?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const property = init.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(resolver, p) === name);
  return property?.value;
}

function propertyName(node: TSESTree.PropertyDefinition): string | undefined {
  return node.computed ? undefined : node.key.type === AST_NODE_TYPES.Identifier ? node.key.name : undefined;
}


/** `new RtmClient(…)` of `@slack/client` v3 / `slack-client` 2, or `new Slack(…)` of `slack-client` 1.x: the value itself, a variable made so, or the export of a module a `require` names. */
function legacyClientOf(resolver: Resolver, value: Node): 'legacy-rtm-client' | 'slack-client' | undefined {
  const local = constructionOf(resolver, value);
  // A parameter is a client handed in (receivedClientSite): the start's run-time check takes it, whichever it is.
  const reference = value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.MemberExpression || (value.type === AST_NODE_TYPES.Identifier && !isParameter(resolver, value));
  const made = local ? { node: local, resolver } : reference ? resolver.project?.importedConstruction(resolver, value) : undefined;
  if (made === undefined) return undefined;
  if (clientKindOfConstructor(made.resolver, made.node.callee) === 'legacy-rtm-client') return 'legacy-rtm-client';
  return isWholeModule(originOf(made.resolver, made.node.callee), SLACK_CLIENT_1.module) ? 'slack-client' : undefined;
}

function isParameter(resolver: Resolver, identifier: TSESTree.Identifier): boolean {
  return variableOf(resolver, identifier)?.defs[0]?.type === TSESLint.Scope.DefinitionType.Parameter;
}
