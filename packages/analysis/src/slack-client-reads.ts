import { HELPER_PRESENCE, HELPER_READ_STATE, SLACK_CLIENT_1, startOnlyItemFieldsOf } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { descendants, isThisLike, memberName, programOf, singleValueOf, unwrap, variableOf } from './ast.js';
import { functionOf, thisFunction } from './functions.js';
import { itemListsOf } from './client-items.js';
import { ADDS_LISTENER } from './in-place-client.js';
import { libraryVersion, methodCall, surelyPrecedes } from './library-start.js';
import type { Resolver } from './resolver.js';

/** A read of `rtm.start`'s data through a `slack-client` 1.x client: the field (`users[].presence`) and where. */
export interface SlackClientRead {
  readonly path: string;
  readonly node: TSESTree.Node;
}

/**
 * What the file reads, through the `slack-client` 1.x client `login()` is called on, of the item
 * attributes `rtm.start`'s replacement fetches only when asked (`users[].presence`, read state,
 * `groups|ims[].is_open`: HELPER_INFO_ITEM_FIELDS) or never (`channels[].has_pins`: the rest of
 * START_ONLY_ITEM_FIELDS): the client's own methods that read them (`getUnreadCount()`:
 * SLACK_CLIENT_1.itemReads, not the DMs' where the release is known to be before 1.5.0), and a read of such an attribute anywhere in the file where the file
 * reaches that list's items through the client (its map, `client.users[id]`, or a look-up,
 * `client.getUserByID(id)`). The read counts for the lists whose items the object it is read off may
 * be, where the file shows them all (itemListsOf: `group = client.groups[id]`, `client.getDMByName(n)`,
 * a callback's element of `Object.keys(client.groups).map(…)`): a file reading `group.is_open` of its
 * groups asks for `groups[].is_open` alone even where it also looks up DMs (`getChannelGroupOrDMByID`),
 * rather than for a `conversations.info` per DM it never reads. Where they are not all shown (a
 * parameter of a function of its own, a call of the app's), it counts for every list the file reaches:
 * a file reading the client's users and some `.presence` reads presence (which no start fetches: `rtm.start` had
 * sent none since January 2018; the report names it), one reading its groups
 * and some `.is_open` asks for `is_open`, which costs calls but never loses data, and one reading
 * some `.has_pins` is a TODO, which costs a rewrite but never answers `undefined` where `rtm.start`
 * answered. Empty where the client is neither a variable nor a field of `this` (its uses are not
 * found then); reads in other files are not seen either.
 */
export function slackClientReads(resolver: Resolver, call: TSESTree.CallExpression): SlackClientRead[] {
  const client = methodCall(resolver, call, SLACK_CLIENT_1.start);
  if (client === undefined) return [];
  const reads: SlackClientRead[] = [];
  const lists = new Set<string>();
  const maps = new Map<TSESTree.Node, string>();
  const found = new Map<TSESTree.Node, readonly string[]>();
  const ownLists: Readonly<Record<string, string>> = SLACK_CLIENT_1.lists;
  const lookups: Readonly<Record<string, readonly string[]>> = SLACK_CLIENT_1.lookups;
  const itemReads: Readonly<Record<string, readonly string[]>> = SLACK_CLIENT_1.itemReads;
  // A release known to be before 1.5.0 walks `this.ims`, never set, in those methods: no DM of it is read (a range that may allow 1.5+ reads them).
  const version = resolver.file === undefined ? undefined : libraryVersion(resolver.file, SLACK_CLIENT_1.module);
  const walksDms = version === undefined || !surelyPrecedes(version, SLACK_CLIENT_1.itemReadsDmsSince);
  for (const use of clientMembers(resolver, client)) {
    const name = memberName(resolver, use) ?? '';
    for (const path of itemReads[name] ?? []) if (walksDms || !path.startsWith('ims[].')) reads.push({ path, node: use });
    const list = ownLists[name];
    if (list !== undefined) maps.set(use, list);
    if (lookups[name] !== undefined) found.set(use, lookups[name]);
    for (const reached of [...(list === undefined ? [] : [list]), ...(lookups[name] ?? [])]) lists.add(reached);
  }
  if (lists.size === 0) return reads;
  for (const node of descendants(resolver, programOf(call))) {
    if (node.type !== AST_NODE_TYPES.MemberExpression || assigned(node)) continue;
    const name = memberName(resolver, node);
    if (name === undefined || !itemAttributes.has(name)) continue;
    const held = itemListsOf(resolver, { maps, lookups: found }, node.object) ?? lists;
    if (`users[].${name}` === HELPER_PRESENCE && held.has('users')) reads.push({ path: HELPER_PRESENCE, node });
    if (HELPER_READ_STATE.includes(name)) for (const list of held) if (list !== 'users') reads.push({ path: `${list}[].${name}`, node });
    // An attribute the replacement lists lack: read, the start asks for it (`groups[].is_open`) or, where the helper cannot fetch it (`has_pins`), is a TODO, as off rtm.start's own answer.
    for (const list of held) if (startOnlyItemFieldsOf(list).includes(`${list}[].${name}`)) reads.push({ path: `${list}[].${name}`, node });
  }
  return reads;
}

/** The item attributes slackClientReads() looks for: presence, read state and those the replacement lists lack (`is_open`, `has_pins`). */
const itemAttributes: ReadonlySet<string> = new Set([
  HELPER_PRESENCE.slice(HELPER_PRESENCE.indexOf('[].') + 3),
  ...HELPER_READ_STATE,
  ...Object.values(SLACK_CLIENT_1.lists).flatMap((list) => startOnlyItemFieldsOf(list).map((f) => f.slice(f.indexOf('[].') + 3))),
]);

/** A member written, not read (`u.presence = message.presence`). */
function assigned(member: TSESTree.MemberExpression): boolean {
  return member.parent.type === AST_NODE_TYPES.AssignmentExpression && member.parent.left === member;
}

/**
 * The members the file reads or calls on the client: off the variable that holds it, off `this.<field>` where
 * the client is (or that variable is put in) a field of `this` (any `this.<field>` of the file: an object's
 * methods share it), off a variable given one of those once (`var slack = this.slack`), and off `this` in a
 * listener the file gives the client unbound (`slack.on('open', onOpen)`: EventEmitter calls it with the
 * client as `this`; blind s46/08 rbtdev/sdeslackbot read `getUnreadCount()` so, and lost its unread counts).
 */
function clientMembers(resolver: Resolver, client: TSESTree.Node): TSESTree.MemberExpression[] {
  const bare = unwrap(client);
  const program = programOf(bare);
  const fields = new Set<string>();
  let variable: ReturnType<typeof variableOf> = null;
  if (bare.type === AST_NODE_TYPES.Identifier) {
    variable = variableOf(resolver, bare);
    for (const reference of variable?.references ?? []) {
      // `this.slack = slack`: the field holds the client too.
      const assigned = reference.identifier.parent;
      if (assigned.type === AST_NODE_TYPES.AssignmentExpression && assigned.right === reference.identifier && assigned.left.type === AST_NODE_TYPES.MemberExpression && isThisLike(resolver, assigned.left.object)) {
        const field = memberName(resolver, assigned.left);
        if (field !== undefined) fields.add(field);
      }
    }
  } else if (bare.type === AST_NODE_TYPES.MemberExpression && isThisLike(resolver, bare.object)) {
    const field = memberName(resolver, bare);
    if (field !== undefined) fields.add(field);
  } else {
    return [];
  }
  const isField = (node: TSESTree.Node): boolean => node.type === AST_NODE_TYPES.MemberExpression && isThisLike(resolver, node.object) && fields.has(memberName(resolver, node) ?? '');
  const listeners = new Set<TSESTree.Node>();
  // The client itself: its variable, its field, a variable given one of them once, or `this` of a listener it calls.
  const isClient = (node: TSESTree.Node, depth = 0): boolean => {
    const held = unwrap(node);
    if (isField(held)) return true;
    if (held.type === AST_NODE_TYPES.ThisExpression) {
      const fn = thisFunction(resolver, held);
      return fn !== undefined && listeners.has(fn);
    }
    if (held.type !== AST_NODE_TYPES.Identifier) return false;
    const named = variableOf(resolver, held);
    if (named === null) return false;
    if (named === variable) return true;
    const value = singleValueOf(named);
    return value !== undefined && depth < 3 && isClient(value, depth + 1);
  };
  for (const node of descendants(resolver, program)) {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression || !ADDS_LISTENER.has(memberName(resolver, node.callee) ?? '')) continue;
    if (!isClient(listenedOn(resolver, node.callee.object))) continue;
    // Unbound: `.bind(x)` gives it x as `this`, an arrow function its own scope's.
    const given = node.arguments[1] === undefined ? undefined : unwrap(node.arguments[1]);
    const fn = given === undefined || given.type === AST_NODE_TYPES.CallExpression || given.type === AST_NODE_TYPES.ArrowFunctionExpression ? undefined : functionOf(resolver, given);
    if (fn !== undefined && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) listeners.add(fn);
  }
  const members: TSESTree.MemberExpression[] = [];
  for (const node of descendants(resolver, program)) {
    if (node.type === AST_NODE_TYPES.MemberExpression && isClient(node.object)) members.push(node);
  }
  return members;
}

/** What a chain of listener calls is made on: `slack` of `slack.on('open', f).on('message', g)`. */
function listenedOn(resolver: Resolver, node: TSESTree.Node): TSESTree.Node {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.CallExpression && bare.callee.type === AST_NODE_TYPES.MemberExpression && ADDS_LISTENER.has(memberName(resolver, bare.callee) ?? '')) return listenedOn(resolver, bare.callee.object);
  return bare;
}
