import { BOTKIT, HELPER_LIBRARY_STARTS, SLACKBOTS, helperDataFields, helperExtraOf, isConnectField, type HelperLibrary } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { declaredWith, descendants, isFunction, memberName, outermost, unwrap, variableOf } from './ast.js';
import { botkitReads } from './botkit-reads.js';
import type { Resolver } from './resolver.js';
import type { LibraryStartSite } from './slack-package-bot.js';

/**
 * What the app can reach of `rtm.start`'s data through a library that requests it itself: `reach`, the
 * parts the library keeps or hands on (`''`: all of it), so that an extra none of them holds is never
 * fetched; `fields`, where every read of the library's data is known, the parts those reads and the
 * library itself need (undefined: the whole data, as before).
 */
export interface LibraryReach {
  readonly reach: readonly string[];
  readonly fields?: readonly string[];
}

/** What the app can reach of the data through `site`'s library, wrapped as `library` (which may differ: slackbots run on an instance). */
export function libraryReach(resolver: Resolver, site: LibraryStartSite, library: HelperLibrary): LibraryReach {
  const keeps: readonly string[] = HELPER_LIBRARY_STARTS[library].keeps;
  if (library === 'botkit' && site.call.type === AST_NODE_TYPES.CallExpression) {
    const fields = botkitParts(resolver, site.call);
    if (fields) return fields;
    if (payloadRead(resolver, site.call.arguments[0])) return { reach: [...keeps, ''] };
  }
  if (library !== 'slackbots' || site.call.type !== AST_NODE_TYPES.NewExpression) return { reach: keeps };
  const fields = slackbotsParts(resolver, site.call);
  return fields === undefined ? { reach: keeps } : { reach: fields, fields };
}

/**
 * The parts of the data a Botkit bot's `startRTM` needs, where every read is known (botkitReads): `url` and
 * `self` (Botkit opens the socket and keeps the bot's identity), which `rtm.connect` answers with the team's
 * `id`, `name` and `domain`; and the parts of the reads it does not answer, as for any response (`team`:
 * `team.info`, for `team_info.icon`; `users`, for the callback's `payload.users`). Only `rtm.connect` is
 * called where nothing else is read. `reach`: those parts but `self` and `team` (whose every other
 * attribute is not read), and the extras read (`team.prefs`), fetched as optional, as they were.
 */
function botkitParts(resolver: Resolver, call: TSESTree.CallExpression): LibraryReach | undefined {
  const reads = botkitReads(resolver, call);
  const others = reads && helperDataFields(reads.filter((read) => !isConnectField(read)), true);
  if (others === undefined) return undefined;
  const fields = [...new Set(['self', 'url', ...others])].sort();
  const extras = reads?.map(helperExtraOf).filter((e): e is string => e !== undefined) ?? [];
  return { reach: [...new Set([...fields.filter((p) => p !== 'self' && p !== 'team'), ...extras])], fields };
}

/**
 * Whether Botkit's `startRTM` callback may read the data it is handed after the bot: anything but a
 * function written here with no parameter at that place and no `arguments` (no callback reads nothing).
 */
function payloadRead(resolver: Resolver, callback: TSESTree.CallExpressionArgument | undefined): boolean {
  if (callback === undefined) return false;
  const fn = unwrap(callback);
  if (!isFunction(fn)) return true;
  if (fn.params.length > BOTKIT.payloadArgument + 1 || fn.params.some((p) => p.type === AST_NODE_TYPES.RestElement)) return true;
  // A payload parameter declared but never read is no read (blind s92/09: `function (err, bot, payload)` reading `err` alone).
  const payload = fn.params[BOTKIT.payloadArgument];
  if (payload !== undefined && (payload.type !== AST_NODE_TYPES.Identifier || (variableOf(resolver, payload)?.references.length ?? 1) > 0)) return true;
  return usesOwn(resolver, fn, 'arguments');
}

/** Whether a function reads `arguments` or `this` (its own or an inner arrow's: conservatively, any inside it). */
function usesOwn(resolver: Resolver, fn: TSESTree.Node, what: 'arguments' | 'this'): boolean {
  for (const node of descendants(resolver, fn)) {
    if (what === 'this' && node.type === AST_NODE_TYPES.ThisExpression) return true;
    if (what === 'arguments' && node.type === AST_NODE_TYPES.Identifier && node.name === 'arguments') return true;
  }
  return false;
}

/**
 * The parts of the data a slackbots bot made by `made` needs, where it is held by a variable (`const bot =
 * new SlackBot(…)`) whose every use is a member of SLACKBOTS.reads (`bot.postMessageToChannel(…)`,
 * `bot.users`): those members' parts, and what the bot needs itself. A handler given to the bot that is
 * not an arrow function may read the bot through `this` (EventEmitter calls it so): only one that never
 * says `this` or `arguments` is known. Undefined where any use is not known (the bot handed on,
 * exported, another member, a variable assigned again).
 */
function slackbotsParts(resolver: Resolver, made: TSESTree.NewExpression): string[] | undefined {
  const variable = declaredWith(resolver, made);
  if (!variable) return undefined;
  const reads: Readonly<Record<string, readonly string[]>> = SLACKBOTS.reads;
  const parts = new Set<string>(SLACKBOTS.needs);
  for (const reference of variable.references) {
    if (reference.init === true) continue;
    if (reference.isWrite()) return undefined;
    const use = outermost(reference.identifier);
    const member = use.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== use || member.computed) return undefined;
    const name = memberName(resolver, member);
    const read = name === undefined || !Object.hasOwn(reads, name) ? undefined : reads[name];
    if (read === undefined || written(member)) return undefined;
    const call = outermost(member).parent;
    const listens = LISTENS.includes(name ?? '') && call?.type === AST_NODE_TYPES.CallExpression && call.callee === outermost(member);
    if (listens && !call.arguments.every((a) => knownListener(resolver, a))) return undefined;
    for (const part of read) parts.add(part);
  }
  return [...parts].sort();
}

/** A member assigned, deleted or updated rather than read (`bot.users = []`). */
function written(member: TSESTree.MemberExpression): boolean {
  const parent = outermost(member).parent;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === outermost(member)) return true;
  if (parent?.type === AST_NODE_TYPES.UpdateExpression) return true;
  return parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete';
}

/** The members of the bot that take a listener, which EventEmitter calls with the bot as `this`. */
const LISTENS = ['on', 'once', 'addListener'];

/**
 * Whether a listener given to the bot reads nothing of it through `this` or `arguments`: an arrow function, or
 * a function written here (inline or declared in the file) that never says either. An identifier whose value
 * is not seen (a parameter, an import) may be any function.
 */
function knownListener(resolver: Resolver, argument: TSESTree.CallExpressionArgument): boolean {
  const bare = unwrap(argument);
  if (bare.type === AST_NODE_TYPES.Literal || bare.type === AST_NODE_TYPES.TemplateLiteral) return true;
  if (isFunction(bare)) return !usesOwn(resolver, bare, 'this') && !usesOwn(resolver, bare, 'arguments');
  if (bare.type !== AST_NODE_TYPES.Identifier) return false;
  const defs = variableOf(resolver, bare)?.defs ?? [];
  const def = defs.length === 1 ? defs[0] : undefined;
  const value = def?.node.type === AST_NODE_TYPES.FunctionDeclaration ? def.node : def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init ? unwrap(def.node.init) : undefined;
  return value !== undefined && isFunction(value) && !usesOwn(resolver, value, 'this') && !usesOwn(resolver, value, 'arguments');
}
