import { descendants, memberName, originOf, propertyKeyName, staticString, unwrap, variableOf, type Resolver } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { isConnectField, LEGACY_RTM_CONNECT_SUPPORT } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { legacyClientKind } from '../helper-module/legacy-client-fits.js';
import type { FoundSite } from './found.js';

type Node = TSESTree.Node;

/** The members through which a v3 client hands out what `rtm.start` filled its store with. */
const STORE_MEMBERS = new Set(['dataStore', 'registerDataStore']);

/** EventEmitter methods that return the client itself: their result must go nowhere. */
const CHAINING = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'removeListener', 'off', 'removeAllListeners', 'setMaxListeners']);

/**
 * A v3 `RtmClient` start that needs nothing of `rtm.start`'s data, so `useRtmConnect: true` alone
 * migrates it (3.10 to 3.16 then call `rtm.connect`, whose `self` and `team` the client and its
 * store's `cacheRtmStart` read): proven only where
 * - every field its AUTHENTICATED handlers read is one `rtm.connect` returns, and none escapes;
 * - its `new RtmClient(token[, { … }])` is in this file, of an `@slack/client` that takes the option,
 *   with no `dataStore` option, and kept in a variable every use of which is a member other than its
 *   store (`rtm.on(…)`, `rtm.sendMessage(…)`): so it goes nowhere unseen and nothing reads its store;
 * - its listeners are for events named by a string or by the SDK's own constants (one named at run
 *   time may be AUTHENTICATED), and none is a `function` that may read the store through `this`;
 * - nothing in the file names a data store (`MemoryDataStore`, another store read by name).
 * Anything else keeps the helper module's start, which fills the data and the store.
 */
export function legacyConnectOnly(parsed: ParsedFile, found: FoundSite, fieldsRead: readonly string[]): boolean {
  const made = found.construction;
  // The site's own escape (the legacy client) is first; any other is data read where it is not followed.
  if (found.form !== 'legacy-client' || !made || found.madeIn || found.escapes.length !== 1) return false;
  if (!fieldsRead.every(isConnectField)) return false;
  if (legacyClientKind(parsed, made) !== 'use-rtm-connect') return false;
  if (!optionsWithoutStore(parsed.resolver, made)) return false;
  if (namesAStore(parsed)) return false;
  const holder = made.parent;
  if (holder.type !== AST_NODE_TYPES.VariableDeclarator || holder.init !== made || holder.id.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(parsed.resolver, holder.id);
  if (!variable) return false;
  return variable.references.every((ref) => ref.init === true || usedInPlace(parsed.resolver, ref.identifier));
}

function optionsWithoutStore(resolver: Resolver, made: TSESTree.NewExpression): boolean {
  const [, options, ...rest] = made.arguments;
  if (rest.length > 0) return false;
  if (!options) return true;
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return options.properties.every((p) => {
    const name = p.type === AST_NODE_TYPES.Property && !p.computed ? propertyKeyName(resolver, p) : undefined;
    return name !== undefined && name !== 'dataStore';
  });
}

/** A store named anywhere in the file: whatever reads it may read this client's. */
function namesAStore(parsed: ParsedFile): boolean {
  for (const node of descendants(parsed.resolver, parsed.program)) {
    if (node.type === AST_NODE_TYPES.Identifier && /data_?store/i.test(node.name)) return true;
  }
  return false;
}

/** `client.member` (not its store), and where a listener is added, a listener the analysis sees. */
function usedInPlace(resolver: Resolver, identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const member = identifier.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier) return false;
  const name = memberName(resolver, member);
  if (name === undefined || STORE_MEMBERS.has(name)) return false;
  if (!CHAINING.has(name)) return true;
  const call = member.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member || call.parent.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const [event, listener] = call.arguments;
  return (event === undefined || knownEvent(resolver, event)) && (listener === undefined || !mayUseThis(resolver, listener));
}

/** An event named by a string, or by a constant of the SDK's own (`RTM_EVENTS.MESSAGE`, `CLIENT_EVENTS.RTM.AUTHENTICATED`). */
function knownEvent(resolver: Resolver, event: Node): boolean {
  if (staticString(resolver, event) !== undefined) return true;
  const bare = unwrap(event);
  if (bare.type !== AST_NODE_TYPES.MemberExpression) return false;
  const module = originOf(resolver, bare)?.module;
  const sdk = LEGACY_RTM_CONNECT_SUPPORT.module;
  return module === sdk || module?.startsWith(`${sdk}/`) === true;
}

/** A listener that is no arrow function: EventEmitter calls it with the client as `this`. */
function mayUseThis(resolver: Resolver, listener: Node): boolean {
  const bare = unwrap(listener);
  if (bare.type === AST_NODE_TYPES.ArrowFunctionExpression) return false;
  if (bare.type !== AST_NODE_TYPES.FunctionExpression) return true;
  for (const node of descendants(resolver, bare.body)) {
    if (node.type === AST_NODE_TYPES.ThisExpression) return true;
  }
  return false;
}
