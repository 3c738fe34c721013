import { basename } from 'node:path';

import { SLACK_CLIENT_1 } from '@rtm-migrate/core';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { classMemberName, descendants, isThisLike, memberName, importedModule, programOf, unwrap, variableOf } from './ast.js';
import { isSdkModule, LISTENS, sdkEvent } from './in-place-client.js';
import { isDataStoreLookup } from './flow.js';
import { legacyClientHandedAt } from './handed-client.js';
import { clientUses, usedAsSlackClient1 } from './library-start.js';
import { injectedField } from './injected-client.js';
import { constructionOf, thisOwner } from './origin.js';
import { appType, type Declaration } from './app-type.js';
import type { Resolver } from './resolver.js';
import type { LibraryStartSite } from './slack-package-bot.js';
import { startsAsStatement } from './rtm-member-client.js';
import { clientOnlyUse, memberPath } from './rtm-member-use.js';
import type { ReceivedClient, UnfollowedClientSite } from './unfollowed-client.js';

type Node = TSESTree.Node;

/**
 * `client.start()` of a client handed in, whose `new` no caller shows: a parameter of the function it
 * runs in (`constructor(rtmClient) { rtmClient.start() }`, TypeScript's `constructor(private rtmClient: any)`),
 * a field the constructor alone sets from one (`this.rtmClient.start()`), or a path through a field of a
 * class that does not make the client (`this.slack.rtmClient.start()`: heldThroughField). `start()` is any
 * object's name, so only a legacy client's own marks count: the same client listened on for an event named by
 * `@slack/client`'s constants (`CLIENT_EVENTS.RTM.AUTHENTICATED`, `RTM_EVENTS.MESSAGE`: v3 alone has
 * them, v4's `RTMClient` takes strings), or its `dataStore` (no `RTMClient` has one) read in a file that
 * loads `@slack/client` or with one of the legacy store's look-ups (`dataStore.getUserById(id)`). That v3 `RtmClient` starts with `rtm.start`. A server's, a timer's or an
 * `RTMClient`'s `start()` shows none of these, and is no site. Typed with a class of the app's own (or
 * any type imported from its modules), the value may be a wrapper that forwards `on` and `start` to
 * the client (s24 case 01's `BaseRtmClient`), which the helper module's start would refuse: not startable.
 */
export function receivedClientSite(resolver: Resolver, call: TSESTree.CallExpression): UnfollowedClientSite | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, callee) !== 'start') return undefined;
  const receiver = unwrap(callee.object);
  const path = memberPath(resolver, receiver);
  const held = path === undefined ? undefined : (heldBy(resolver, receiver) ?? heldThroughField(resolver, receiver));
  if (!held || path === undefined) return undefined;
  const { uses, declarations } = held;
  let loadsSdk: boolean | undefined;
  for (const use of uses) {
    const parent = use.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== use) continue;
    const used = memberName(resolver, parent);
    const event = parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent ? parent.parent.arguments[0] : undefined;
    const legacy = used === 'dataStore' ? storeLookedUp(resolver, parent) || (loadsSdk ??= loadsSdkModule(resolver, programOf(call))) : LISTENS.has(used ?? '') && event !== undefined && sdkEvent(resolver, event);
    const evidence = legacy ? clientOnlyUse(resolver, use, memberPath(resolver, use) ?? path) : undefined;
    if (evidence) return { kind: 'unfollowed-client', call, candidate: use, received: receivedClient(resolver, path, `${evidence}, line ${use.loc.start.line}`, call, declarations) };
  }
  // No mark of its own, but a call of the function hands it a legacy client made in place.
  const parameter = declarations.find((d): d is TSESTree.Identifier => d.type === AST_NODE_TYPES.Identifier);
  const handed = parameter ? legacyClientHandedAt(resolver, parameter) : undefined;
  if (!handed) return undefined;
  const { node: at, resolver: there } = handed;
  // `new Bot().connect(…)` has no path: its method's name says enough.
  const named = memberPath(there, at.callee) ?? (at.callee.type === AST_NODE_TYPES.MemberExpression ? `….${memberName(there, at.callee) ?? '…'}` : '…');
  const called = `${at.type === AST_NODE_TYPES.NewExpression ? 'new ' : ''}${named}(…)`;
  const where = there === resolver || there.file === undefined ? 'line ' : `${basename(there.file)}:`;
  return { kind: 'unfollowed-client', call, candidate: at, received: receivedClient(resolver, path, `\`${called}\` hands it a legacy \`RtmClient\`, ${where}${String(at.loc.start.line)}`, call, declarations) };
}

/**
 * `client.login()` of a `slack-client` 1.x client handed in (a parameter, a field the constructor sets
 * from one: backspace/slack-statsbot's `new SlackAdapter(new SlackClient(token))` → `this.client.login()`)
 * that handedConstruction / injectedConstruction cannot tie to one `new Slack(…)` (another construction
 * hands a test's stub, say), used here as 1.x's client (usedAsSlackClient1): its `login()` requests
 * `rtm.start`. The library's start all the same: the generated module's wrapper answers that request on
 * a 1.x client, whichever one it is, and hands anything else back as it is, whose own `login()` runs as
 * before (blind s142/03: the app's tests hand stand-ins).
 */
export function receivedSlackClientLoginSite(resolver: Resolver, call: TSESTree.CallExpression): LibraryStartSite | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, callee) !== SLACK_CLIENT_1.start || resolver.file === undefined) return undefined;
  const receiver = unwrap(callee.object);
  const held = memberPath(resolver, receiver) === undefined ? undefined : heldBy(resolver, receiver);
  if (!held || !usedAsSlackClient1(resolver.file, clientUses(resolver, [receiver, ...held.uses]))) return undefined;
  return { kind: 'library-start', library: 'slack-client', call };
}

function receivedClient(resolver: Resolver, receiver: string, evidence: string, call: TSESTree.CallExpression, declarations: readonly Declaration[]): ReceivedClient {
  const ownType = declarations.map((d) => appType(resolver, d)).find((t) => t !== undefined);
  return { receiver, evidence, startable: startsAsStatement(call) && ownType === undefined, ...(ownType === undefined ? {} : { ownType }) };
}

/**
 * Every other place naming the handed-in client: a parameter's references (with `this.<name>` in its
 * class for a TypeScript parameter property); a field's `this.<name>` where that `this` is the
 * instance, with the constructor parameter it is set from. Undefined for anything else (a variable
 * given a value here, a field set in a method), and for a parameter assigned again.
 */
function heldBy(resolver: Resolver, receiver: Node): { readonly uses: Node[]; readonly declarations: Declaration[] } | undefined {
  if (receiver.type === AST_NODE_TYPES.Identifier) {
    const parameter = parameterOf(resolver, receiver);
    if (!parameter) return undefined;
    const owner = parameter.parent.type === AST_NODE_TYPES.TSParameterProperty ? parameter.parent.parent.parent.parent : undefined;
    const fields = owner?.type === AST_NODE_TYPES.ClassBody ? fieldUses(resolver, [owner], parameter.name) : [];
    return { uses: [...referencesOf(resolver, parameter), ...fields].filter((n) => n !== receiver), declarations: [parameter] };
  }
  if (receiver.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const field = injectedField(resolver, receiver);
  const name = memberName(resolver, receiver);
  if (!field || name === undefined) return undefined;
  const parameter = field.parameter ? parameterOf(resolver, field.parameter) : undefined;
  const declared = field.roots.flatMap((root) => (root.type === AST_NODE_TYPES.ClassBody ? root.body : [])).filter((m): m is TSESTree.PropertyDefinition => m.type === AST_NODE_TYPES.PropertyDefinition && classMemberName(m) === name);
  return {
    uses: [...fieldUses(resolver, field.roots, name), ...(parameter ? referencesOf(resolver, parameter) : [])].filter((n) => n !== receiver),
    declarations: [...(parameter ? [parameter] : []), ...declared],
  };
}

/**
 * `this.slack.rtmClient` in a class that gets the client from its caller through a field of its own
 * (bocoup/chatter's `this.slack = options.slack`, or `this.getSlack()` an option may replace): every
 * other `this.<same path>` of the class. Undefined where the class makes the client itself (constructionOf
 * follows it: another rule's site).
 */
function heldThroughField(resolver: Resolver, receiver: Node): { readonly uses: Node[]; readonly declarations: Declaration[] } | undefined {
  if (receiver.type !== AST_NODE_TYPES.MemberExpression || constructionOf(resolver, receiver)) return undefined;
  let base: Node = receiver;
  while (base.type === AST_NODE_TYPES.MemberExpression) base = unwrap(base.object);
  const owner = thisOwner(receiver);
  const path = memberPath(resolver, receiver);
  if (!isThisLike(resolver, base) || owner?.type !== AST_NODE_TYPES.ClassBody || path === undefined) return undefined;
  const uses = [...descendants(resolver, owner)].filter((n) => n !== receiver && n.type === AST_NODE_TYPES.MemberExpression && thisOwner(n) === owner && memberPath(resolver, n) === path);
  return { uses, declarations: [] };
}

/** `<client>.dataStore.getUserById(…)`: a look-up only the legacy clients' `dataStore` answers. */
function storeLookedUp(resolver: Resolver, store: TSESTree.MemberExpression): boolean {
  const lookup = store.parent;
  if (lookup.type !== AST_NODE_TYPES.MemberExpression || lookup.object !== store) return false;
  const name = memberName(resolver, lookup);
  return name !== undefined && isDataStoreLookup(name) && lookup.parent.type === AST_NODE_TYPES.CallExpression && lookup.parent.callee === lookup;
}

/** The declaring identifier of the parameter `identifier` names, when it is one never assigned again. */
function parameterOf(resolver: Resolver, identifier: TSESTree.Identifier): TSESTree.Identifier | undefined {
  const variable = variableOf(resolver, identifier);
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def?.type !== TSESLint.Scope.DefinitionType.Parameter || variable.references.some((r) => r.isWrite())) return undefined;
  return def.name.type === AST_NODE_TYPES.Identifier ? def.name : undefined;
}

function referencesOf(resolver: Resolver, parameter: TSESTree.Identifier): Node[] {
  return variableOf(resolver, parameter)?.references.map((r) => r.identifier) ?? [];
}

/** `this.<name>` under the roots where `this` is the same instance (not a nested class's). */
function fieldUses(resolver: Resolver, roots: readonly Node[], name: string): Node[] {
  return roots.flatMap((root) =>
    [...descendants(resolver, root)].filter(
      (n) => n.type === AST_NODE_TYPES.MemberExpression && isThisLike(resolver, n.object) && memberName(resolver, n) === name && (root.type !== AST_NODE_TYPES.ClassBody || thisOwner(n) === root),
    ),
  );
}

/** The file imports or requires `@slack/client` (or a file of it). */
function loadsSdkModule(resolver: Resolver, program: TSESTree.Program): boolean {
  for (const node of descendants(resolver, program)) {
    if (isSdkModule(importedModule(node))) return true;
  }
  return false;
}
