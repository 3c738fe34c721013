import { isPackageOrFile, isRtmStartOnlyArg, LEGACY_RTM_CONNECT_SUPPORT } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { descendants, isFunction, isThisLike, memberName, programOf, propertyKeyName, staticString, unwrap, variableOf, within } from './ast.js';
import { functionOrMade } from './factory-client.js';
import { calledFunction, usesArguments } from './functions.js';
import { originOf, thisOwner } from './origin.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/** An expression that is the client: a name it is kept in, or `this.<field>`. */
type ClientReference = TSESTree.Identifier | TSESTree.JSXIdentifier | TSESTree.MemberExpression;

/** The members through which a v3 client hands out what `rtm.start` filled its store with. */
const STORE_MEMBERS = new Set(['dataStore', 'registerDataStore']);

/** The ways of adding a listener the analysis follows AUTHENTICATED handlers through. */
export const LISTENS: ReadonlySet<string> = new Set(['on', 'once', 'addListener']);

/** Every EventEmitter method adding a listener, which it then calls with the emitter as `this`: LISTENS and the `prepend…` ones. */
export const ADDS_LISTENER: ReadonlySet<string> = new Set([...LISTENS, 'prependListener', 'prependOnceListener']);

/** EventEmitter methods that return the client itself (their result must go nowhere); the `prepend…` ones add listeners unfollowed. */
const CHAINING = new Set([...ADDS_LISTENER, 'removeListener', 'off', 'removeAllListeners', 'setMaxListeners']);

/** Past this many functions a client is handed through, it is taken as going where the analysis does not look. */
const MAX_HANDOFFS = 3;

/** `start(opts)` and its deprecated name: their options go to `rtm.connect` as they are. */
const STARTS = new Set(['start', 'login']);

/**
 * A legacy client that goes nowhere the analysis cannot see and whose store nothing reads: its `new`
 * (with no `dataStore` option) is kept in a variable every use of which is a member other than its
 * store (`rtm.on(…)`, `rtm.sendMessage(…)`, `rtm.start()` with options written out, none only
 * `rtm.start` took); its listeners are added with `on`/`once`/`addListener` (the ways AUTHENTICATED
 * handlers are followed), for events named by a string or by the SDK's own constants (one named at
 * run time may be AUTHENTICATED), none a `function` that may read the store through `this`; and
 * nothing in the file names a data store (`MemoryDataStore`, another store read by name). Its store
 * is then no other code's: a look-up elsewhere is another client's.
 */
export function legacyClientInPlace(resolver: Resolver, program: TSESTree.Program, made: TSESTree.NewExpression): boolean {
  return inPlace(resolver, program, made, false);
}

/**
 * A legacy client whose store and data are read only where the analysis follows them: as
 * `legacyClientInPlace`, but its store may be read as `client.dataStore` (each such read is a
 * data-store site the analysis follows, escapes and all) and given to it as a store made in the
 * options themselves (`dataStore: new MemoryDataStore()`), which nothing else holds. The SDK's own
 * store class may be named; any other name of a store may be this one's, read where it is not followed.
 */
export function legacyClientReadsFollowed(resolver: Resolver, program: TSESTree.Program, made: TSESTree.NewExpression): boolean {
  return inPlace(resolver, program, made, true);
}

function inPlace(resolver: Resolver, program: TSESTree.Program, made: TSESTree.NewExpression, storeRead: boolean): boolean {
  return unfollowedUse(resolver, program, made, storeRead) === undefined;
}

/**
 * Where a legacy client's data goes unfollowed (see legacyClientReadsFollowed), for the report: the first
 * use of the client that is not followed, or its `new` where the options, the variable it is kept in or a
 * store named in the file is why. Undefined where every read is followed.
 */
export function legacyClientUnfollowedUse(resolver: Resolver, program: TSESTree.Program, made: TSESTree.NewExpression): Node | undefined {
  return unfollowedUse(resolver, program, made, true);
}

function unfollowedUse(resolver: Resolver, program: TSESTree.Program, made: TSESTree.NewExpression, storeRead: boolean): Node | undefined {
  if (!optionsWithoutStore(resolver, made, storeRead)) return made;
  const references = clientReferences(resolver, program, made);
  if (!references) return made;
  const ownStore = (node: TSESTree.Identifier): boolean =>
    noStoreKey(node) || (storeRead && ((made.arguments[1] !== undefined && within(node, made.arguments[1])) || sdkStoreName(resolver, node) || references.some((ref) => isStoreOf(resolver, ref, node))));
  if (namesAStore(resolver, program, ownStore)) return made;
  return references.find((ref) => !usedInPlace(resolver, ref, storeRead))?.parent;
}

/**
 * `rtm = new RtmClient(…)` as a statement, into a variable declared with no value (`var rtm;` at the top of
 * the module) and written nowhere else: every other reference is the client (or, before it is made,
 * `undefined`; blind s132/10, MeetingRooms). An implicit global (no declaration) may be anyone's.
 */
function assignedOnce(resolver: Resolver, made: TSESTree.NewExpression): ClientReference[] | undefined {
  const assignment = made.parent;
  if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.right !== made || assignment.left.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (assignment.parent.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  const variable = variableOf(resolver, assignment.left);
  const declared = variable?.defs.length === 1 ? variable.defs[0]?.node : undefined;
  if (!variable || declared?.type !== AST_NODE_TYPES.VariableDeclarator || declared.init !== null) return undefined;
  const writes = variable.references.filter((ref) => ref.isWrite());
  if (writes.length !== 1 || writes[0]?.identifier !== assignment.left) return undefined;
  return variable.references.filter((ref) => !ref.isWrite()).map((ref) => ref.identifier);
}

/**
 * Every expression but its `new` that is the client: the references of the variable it is made into, or
 * the uses of the private field of a class it is made into in the constructor (`this._rtm = new
 * RtmClient(…)`, the field `private` or `#rtm`), where every spelling of the field's name in the file is
 * `this.<field>` in that class (blind s90/01). Other files cannot say it (TypeScript refuses them), but
 * for `bot['_rtm']`: the caller looks for that (`legacyClientField`).
 */
function clientReferences(resolver: Resolver, program: TSESTree.Program, made: TSESTree.NewExpression): ClientReference[] | undefined {
  const holder = made.parent;
  if (holder.type === AST_NODE_TYPES.VariableDeclarator && holder.init === made && holder.id.type === AST_NODE_TYPES.Identifier) {
    return variableOf(resolver, holder.id)?.references.filter((ref) => ref.init !== true).map((ref) => ref.identifier);
  }
  const assigned = assignedOnce(resolver, made);
  if (assigned) return assigned;
  const field = privateField(made);
  if (!field) return undefined;
  const uses: TSESTree.MemberExpression[] = [];
  for (const node of descendants(resolver, program)) {
    if ((node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.PrivateIdentifier) || node.name !== field.name) {
      if (node.type === AST_NODE_TYPES.Literal && node.value === field.name) return undefined;
      continue;
    }
    if (node === field.declared || node === field.assigned.property) continue;
    const member = node.parent;
    if (member.type !== AST_NODE_TYPES.MemberExpression || member.property !== node || member.computed || !isThisLike(resolver, member.object) || thisOwner(member) !== field.body) return undefined;
    uses.push(member);
  }
  return uses;
}

/** The private field of a class that the constructor makes the client into: its name, declaration, class body and the `this.<field>` assigned. */
function privateField(made: TSESTree.NewExpression): { name: string; declared: Node; body: TSESTree.ClassBody; assigned: TSESTree.MemberExpression } | undefined {
  const assignment = made.parent;
  if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.right !== made) return undefined;
  const assigned = assignment.left;
  if (assigned.type !== AST_NODE_TYPES.MemberExpression || assigned.computed || assigned.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
  let fn: Node | undefined = assignment.parent;
  while (fn && !isFunction(fn)) fn = fn.parent;
  const ctor = fn?.parent;
  if (fn?.type !== AST_NODE_TYPES.FunctionExpression || ctor?.type !== AST_NODE_TYPES.MethodDefinition || ctor.kind !== 'constructor') return undefined;
  const body = ctor.parent;
  const name = assigned.property.name;
  const declaration = body.body.find(
    (m) => m.type === AST_NODE_TYPES.PropertyDefinition && !m.static && !m.computed && m.key.type === assigned.property.type && 'name' in m.key && m.key.name === name,
  );
  if (declaration?.type !== AST_NODE_TYPES.PropertyDefinition || (declaration.key.type !== AST_NODE_TYPES.PrivateIdentifier && declaration.accessibility !== 'private')) return undefined;
  return { name, declared: declaration.key, body, assigned };
}

/** The name of the TypeScript `private` field a legacy client is made into (see clientReferences), which no other file may say. */
export function legacyClientField(made: TSESTree.NewExpression): string | undefined {
  const field = privateField(made);
  return field?.declared.type === AST_NODE_TYPES.Identifier ? field.name : undefined;
}

/** Options written out, without a store, or (`storeRead`) with one made right there. */
function optionsWithoutStore(resolver: Resolver, made: TSESTree.NewExpression, storeRead: boolean): boolean {
  const [, options, ...rest] = made.arguments;
  if (rest.length > 0) return false;
  if (!options) return true;
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return options.properties.every((p) => {
    const name = p.type === AST_NODE_TYPES.Property && !p.computed ? propertyKeyName(resolver, p) : undefined;
    return name !== undefined && (name !== 'dataStore' || (p.type === AST_NODE_TYPES.Property && (noStore(p.value) || (storeRead && unwrap(p.value).type === AST_NODE_TYPES.NewExpression))));
  });
}

/**
 * What a legacy client's options say of its store: `'none'` for `dataStore: false` (or `null`), `'given'`
 * where they give one or may (options not written out), undefined where they name none (the SDK's default).
 */
export function legacyStoreOption(resolver: Resolver, made: TSESTree.NewExpression): 'none' | 'given' | undefined {
  const options = made.arguments[1];
  if (!options) return undefined;
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return 'given';
  let said: 'none' | 'given' | undefined;
  for (const p of options.properties) {
    if (p.type !== AST_NODE_TYPES.Property || p.computed) return 'given';
    if (propertyKeyName(resolver, p) === 'dataStore') said = noStore(p.value) ? 'none' : 'given';
  }
  return said;
}

/** The key of an option `dataStore: false`: it names no store. */
function noStoreKey(node: TSESTree.Identifier): boolean {
  return node.parent.type === AST_NODE_TYPES.Property && node.parent.key === node && noStore(node.parent.value);
}

/** `dataStore: false` (or `null`): the client keeps no store, so no code can read one. */
function noStore(value: TSESTree.Property['value']): boolean {
  const plain = unwrap(value);
  return plain.type === AST_NODE_TYPES.Literal && (plain.value === false || plain.value === null);
}

/** A store named anywhere in the file (but where `allowed`): whatever reads it may read this client's. */
function namesAStore(resolver: Resolver, program: TSESTree.Program, allowed: (node: TSESTree.Identifier) => boolean = () => false): boolean {
  for (const node of descendants(resolver, program)) {
    if (node.type === AST_NODE_TYPES.Identifier && /data_?store/i.test(node.name) && !allowed(node)) return true;
  }
  return false;
}

/** `client.dataStore`'s name. */
function isStoreOf(resolver: Resolver, client: ClientReference, node: TSESTree.Identifier): boolean {
  const member = client.parent;
  return member.type === AST_NODE_TYPES.MemberExpression && member.object === client && member.property === node && memberName(resolver, member) === 'dataStore';
}

/** The SDK's own store class (`MemoryDataStore`), its binding or the export it is taken from. */
function sdkStoreName(resolver: Resolver, node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) return isSdkModule(originOf(resolver, parent)?.module);
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id === node && parent.init) return isSdkModule(originOf(resolver, parent.init)?.module);
  // `const { MemoryDataStore } = require('@slack/client')`.
  const declarator = parent.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectPattern ? parent.parent.parent : undefined;
  if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init) return isSdkModule(originOf(resolver, declarator.init)?.module);
  return isSdkModule(originOf(resolver, node)?.module);
}

/**
 * `client.member` (not its store, but `dataStore` where `storeRead`), and where a listener is added, a
 * listener the analysis sees; or the client handed to a function of the project that uses it so.
 */
function usedInPlace(resolver: Resolver, identifier: ClientReference, storeRead: boolean, handoffs = 0): boolean {
  const member = identifier.parent;
  if (member.type === AST_NODE_TYPES.CallExpression && member.callee !== identifier) return handedToUseInPlace(resolver, member, identifier, handoffs);
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier) return false;
  const name = memberName(resolver, member);
  // In a function it is handed to, a read of its data would not be among the site's reads: only members that hand out none.
  if (handoffs > 0 && (name === undefined || STORE_MEMBERS.has(name) || STARTS.has(name) || CHAINING.has(name))) return false;
  if (name === undefined || (STORE_MEMBERS.has(name) && !(storeRead && name === 'dataStore'))) return false;
  const call = member.parent;
  const called = call.type === AST_NODE_TYPES.CallExpression && call.callee === member;
  if (STARTS.has(name)) return called && connectTakes(resolver, call.arguments[0]);
  if (!CHAINING.has(name)) return true;
  if (!called || call.parent.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const [event, listener] = call.arguments;
  if (!LISTENS.has(name)) return !name.startsWith('prepend');
  return event !== undefined && knownEvent(resolver, event) && (listener === undefined || !mayUseThis(resolver, listener));
}

/**
 * `Action.execute(rtm, message)`: the client handed to a function of this file or another module of the
 * project, whose parameter (a plain name, not reassigned, no `arguments` read) only reads members that
 * hand out none of `rtm.start`'s data (`sendMessage`, `activeUserId`) or hands it on the same way, in a
 * file that names no data store.
 */
function handedToUseInPlace(resolver: Resolver, call: TSESTree.CallExpression, client: Node, handoffs: number): boolean {
  const index = call.arguments.indexOf(client as TSESTree.CallExpressionArgument);
  if (handoffs >= MAX_HANDOFFS || index < 0 || call.arguments.slice(0, index).some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return false;
  const fn = calledFunction(resolver, call.callee);
  const parameter = fn?.node.params[index];
  if (!fn || parameter?.type !== AST_NODE_TYPES.Identifier || usesArguments(fn.resolver, fn.node)) return false;
  const references = variableOf(fn.resolver, parameter)?.references;
  if (!references || namesAStore(fn.resolver, programOf(fn.node))) return false;
  return references.every((ref) => !ref.isWrite() && usedInPlace(fn.resolver, ref.identifier, false, handoffs + 1));
}

/** Start options written out with none that only `rtm.start` took (`rtm.connect` may refuse them). */
function connectTakes(resolver: Resolver, options: Node | undefined): boolean {
  if (options === undefined) return true;
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return options.properties.every((p) => {
    const name = p.type === AST_NODE_TYPES.Property ? propertyKeyName(resolver, p) : undefined;
    return name !== undefined && !isRtmStartOnlyArg(name);
  });
}

/**
 * An event named by a string, or by a constant of the SDK's own (`RTM_EVENTS.MESSAGE`,
 * `CLIENT_EVENTS.RTM.AUTHENTICATED`), `@slack/client`'s or, before it had that name, `slack-client`'s.
 */
export function knownEvent(resolver: Resolver, event: Node): boolean {
  if (staticString(resolver, event) !== undefined) return true;
  const module = constantModule(resolver, event);
  return [LEGACY_RTM_CONNECT_SUPPORT.module, LEGACY_RTM_CONNECT_SUPPORT.before].some((sdk) => isPackageOrFile(module, sdk));
}

/**
 * An event named by a constant of `@slack/client` (`RTM_EVENTS.MESSAGE`, `CLIENT_EVENTS.RTM.AUTHENTICATED`):
 * only its v3 exports them (v4 dropped them for strings), so a client listened on this way is a v3 `RtmClient`.
 */
export function sdkEvent(resolver: Resolver, event: Node): boolean {
  return isSdkModule(constantModule(resolver, event));
}

/** The module a constant named by a member (`RTM_EVENTS.MESSAGE`) comes from. */
function constantModule(resolver: Resolver, event: Node): string | undefined {
  const bare = unwrap(event);
  return bare.type === AST_NODE_TYPES.MemberExpression ? originOf(resolver, bare)?.module : undefined;
}

/** `@slack/client` or a file of it (`@slack/client/lib/clients/events/rtm`). */
export function isSdkModule(module: string | undefined): boolean {
  return isPackageOrFile(module, LEGACY_RTM_CONNECT_SUPPORT.module);
}

/**
 * A listener that may read the client through `this` (EventEmitter calls it with the client as `this`):
 * any but an arrow function or a function of this file (or one a factory of it makes) that never says `this`.
 */
function mayUseThis(resolver: Resolver, listener: Node): boolean {
  const fn = functionOrMade(resolver, listener);
  if (fn?.type === AST_NODE_TYPES.ArrowFunctionExpression) return false;
  if (!fn) return true;
  for (const node of descendants(resolver, fn.body)) {
    if (node.type === AST_NODE_TYPES.ThisExpression) return true;
  }
  return false;
}
