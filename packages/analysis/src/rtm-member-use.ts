import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { descendants, isThisLike, memberName, propertyKeyName, singleValueOf, staticString, unwrap, variableOf } from './ast.js';
import { knownEvent, LISTENS } from './in-place-client.js';
import { thisOwner } from './origin.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/** What the Web API client's `rtm` method family has: anything else used on the same member is an RTM client's. */
const FACET_MEMBERS: ReadonlySet<string> = new Set(['start', 'connect']);

/**
 * Evidence in the code around it that the member `x.rtm` of `x.rtm.start()` holds an RTM client, not a
 * Web API client's `rtm` methods: the same member path (`this.rtm` in the same class, `this.slack.rtm`,
 * `bot.rtm` in the same file) is used with a member the `rtm` methods do not have (`.on(…)`,
 * `.sendMessage(…)`, `.dataStore`, `const { dataStore } = …`), or is given a value that is no other
 * client's `rtm` (a constructor parameter, `new X(…)`; in an object literal, `{ rtm: … }`). Where, as a
 * report names it (`` `this.rtm.on`, line 28 ``); undefined when there is none.
 */
export function rtmMemberUse(resolver: Resolver, program: TSESTree.Program, namespace: TSESTree.MemberExpression): string | undefined {
  const path = memberPath(resolver, namespace);
  const name = memberName(resolver, namespace);
  if (path === undefined || name === undefined) return undefined;
  const inClass = path.startsWith('this.');
  const root = inClass ? thisOwner(namespace) : program;
  if (!root) return undefined;
  const holder = path.slice(0, path.lastIndexOf('.'));
  for (const node of descendants(resolver, root)) {
    if (node === namespace || (inClass && node.type === AST_NODE_TYPES.MemberExpression && thisOwner(node) !== root)) continue;
    const evidence = node.type === AST_NODE_TYPES.MemberExpression && memberPath(resolver, node) === path ? useOf(resolver, node, path) : holderGiven(resolver, node, holder, name);
    if (evidence) return `${evidence}, line ${node.loc.start.line}`;
  }
  return undefined;
}

/** What only an RTM client has (the v3 `RtmClient`, v4 `RTMClient`): its cache, sending over the socket, its session. */
const RTM_CLIENT_MEMBERS: ReadonlySet<string> = new Set(['dataStore', 'send', 'sendMessage', 'activeUserId', 'activeTeamId', 'disconnect', 'connected']);

/**
 * Evidence that the receiver of `start()` (`slack.rtm`, `this.rtm`, an `rtm` variable) is an RTM client
 * whatever module hands it over (`require('./slackClient').rtm` may be either): the same receiver (same
 * binding, same member path) listens for an RTM event (`.on(RTM_EVENTS.MESSAGE, …)`, `.on('message', …)`)
 * or uses what only an RTM client has (`.dataStore`, `.sendMessage(…)`, `.disconnect()`…). The Web API's
 * `rtm` methods have none of these. Where, as a report names it; undefined when there is none.
 */
export function rtmClientUse(resolver: Resolver, program: TSESTree.Program, receiver: Node): string | undefined {
  const bare = unwrap(receiver);
  const path = memberPath(resolver, bare);
  if (path === undefined) return undefined;
  for (const use of sameReceiver(resolver, program, bare, path)) {
    const evidence = clientOnlyUse(resolver, use, path);
    if (evidence) return `${evidence}, line ${use.loc.start.line}`;
  }
  return undefined;
}

/** The other places naming what `receiver` names: a variable's references, or the same member path off the same binding. */
function sameReceiver(resolver: Resolver, program: TSESTree.Program, receiver: Node, path: string): Node[] {
  if (receiver.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(resolver, receiver);
    return variable ? variable.references.map((r) => r.identifier).filter((i) => i !== receiver) : [];
  }
  const inClass = path.startsWith('this.');
  const root = inClass ? thisOwner(receiver) : program;
  if (!root) return [];
  const base = baseOf(resolver, receiver);
  return [...descendants(resolver, root)].filter(
    (node) => node !== receiver && node.type === AST_NODE_TYPES.MemberExpression && memberPath(resolver, node) === path && (inClass ? thisOwner(node) === root : sameBase(baseOf(resolver, node), base)),
  );
}

/**
 * The same binding, or parameters of the same name of this file's functions: a module of handlers each given the
 * app's one state object (`startRtm(env) { env.rtm.start() }` beside `onAuthentication(env) { env.rtm.on(…) }`:
 * blind s103/10, the-heap/penny). A start so judged is checked at run time (startRtmClientMadeElsewhere).
 */
function sameBase(a: TSESLint.Scope.Variable | null, b: TSESLint.Scope.Variable | null): boolean {
  if (a === b) return true;
  const isParameter = (v: TSESLint.Scope.Variable | null): boolean => v?.defs[0]?.type === TSESLint.Scope.DefinitionType.Parameter;
  return a !== null && b !== null && a.name === b.name && isParameter(a) && isParameter(b);
}

/** The variable a member path starts from (`slack` of `slack.rtm`); null for a name no declaration binds. */
function baseOf(resolver: Resolver, node: Node): TSESLint.Scope.Variable | null {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.MemberExpression) return baseOf(resolver, bare.object);
  return bare.type === AST_NODE_TYPES.Identifier ? variableOf(resolver, bare) : null;
}

/** `` `slack.rtm.on(RTM_EVENTS.MESSAGE, …)` ``, `` `slack.rtm.dataStore` ``: a use only an RTM client has. */
export function clientOnlyUse(resolver: Resolver, use: Node, path: string): string | undefined {
  const parent = use.parent;
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== use) return undefined;
  const used = memberName(resolver, parent);
  if (used === undefined) return undefined;
  if (RTM_CLIENT_MEMBERS.has(used)) return `\`${path}.${used}\``;
  const call = parent.parent;
  const event = call.type === AST_NODE_TYPES.CallExpression && call.callee === parent ? call.arguments[0] : undefined;
  if (!LISTENS.has(used) || !event || !knownEvent(resolver, event)) return undefined;
  const text = staticString(resolver, event);
  return `\`${path}.${used}(${text === undefined ? memberPath(resolver, event) ?? '…' : `'${text}'`}, …)\``;
}

/** What a use of the path shows, when it shows an RTM client: `` `this.rtm.on` ``, `` `this.rtm = …` ``. */
function useOf(resolver: Resolver, member: TSESTree.MemberExpression, path: string): string | undefined {
  const parent = member.parent;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === member) {
    const used = memberName(resolver, parent);
    return used !== undefined && !FACET_MEMBERS.has(used) ? `\`${path}.${used}\`` : undefined;
  }
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === member && parent.id.type === AST_NODE_TYPES.ObjectPattern) {
    const keys = parent.id.properties.map((p) => (p.type === AST_NODE_TYPES.Property ? propertyKeyName(resolver, p) : undefined));
    const other = keys.findIndex((k) => k === undefined || !FACET_MEMBERS.has(k));
    return other < 0 ? undefined : `\`{ ${keys[other] ?? '…'} } = ${path}\``;
  }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member && parent.operator === '=') {
    return isRtmFamilyValue(resolver, parent.right) ? undefined : `\`${path} = …\``;
  }
  return undefined;
}

/** `holder = { rtm: value }` or `const holder = { rtm: value }` with a value that is no Web API client's `rtm`. */
function holderGiven(resolver: Resolver, node: Node, holder: string, name: string): string | undefined {
  let value: Node | null | undefined;
  if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && memberPath(resolver, node.left) === holder) value = node.right;
  else if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.id.name === holder) value = node.init;
  const property = value ? literalMember(resolver, value, name) : undefined;
  return property && !isRtmFamilyValue(resolver, property.value) ? `\`${holder} = { ${name}: … }\`` : undefined;
}

/** `web.rtm`, or a variable holding it: a Web API client's `rtm` methods put into the member. */
function isRtmFamilyValue(resolver: Resolver, value: Node): boolean {
  let bare = unwrap(value);
  if (bare.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(resolver, bare);
    const single = variable ? singleValueOf(variable) : undefined;
    if (single) bare = unwrap(single);
  }
  return bare.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, bare) === 'rtm';
}

/** `{ …, rtm: value }` assigned to the path's holder: its `rtm` property. */
function literalMember(resolver: Resolver, value: Node, name: string): TSESTree.Property | undefined {
  const literal = unwrap(value);
  if (literal.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  return literal.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(resolver, p) === name);
}

/** `this.slack.rtm`, `bot.rtm`: a member path of names (`this` for anything this-like); undefined for calls, computed keys… */
export function memberPath(resolver: Resolver, node: Node): string | undefined {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.Identifier) return isThisLike(resolver, bare) ? 'this' : bare.name;
  if (bare.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (bare.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = memberName(resolver, bare);
  const object = memberPath(resolver, bare.object);
  return name === undefined || object === undefined ? undefined : `${object}.${name}`;
}
