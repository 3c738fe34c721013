import { SLACKBOTS } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { descendants, isPrototype, isThisLike, memberName, outermostValue, programOf, propertyKeyName, staticString, unwrap, variableOf } from './ast.js';
import { memberDefinitions } from './overrides.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/**
 * What gives the bot `made` builds a `method` of its own, an own property in front of its class's (and so of the
 * generated module's subclass): `bot.<method> = …`, `Object.assign(bot, { <method> … })` (or any call merging an
 * object literal into it: `_.extend`), `Object.defineProperty(bot, '<method>', …)`, where `bot` is the variable
 * holding it. A bot kept elsewhere (`this.bot = new …`, `module.exports = new …`) is not followed to its uses:
 * then any such assignment in the file to something not `this` or a prototype counts, as it may be that bot.
 */
export function instanceDefinitions(resolver: Resolver, made: TSESTree.NewExpression, method: string): Node[] {
  const holder = holderOf(resolver, made);
  const found: Node[] = [];
  for (const node of descendants(resolver, programOf(made))) {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, node.left) === method) {
      if (isBot(resolver, node.left.object, holder)) found.push(node);
    } else if (node.type === AST_NODE_TYPES.CallExpression && node.arguments[0] !== undefined && isBot(resolver, node.arguments[0], holder) && mergesMethod(resolver, node, method)) {
      found.push(node);
    }
  }
  return found;
}

/** Every call in `root` merging an object with a `method` into what it is handed first (`Object.assign(this, { <method> })`, `Object.defineProperty(x, '<method>', …)`): whatever that is may be a bot. */
export function mergedDefinitions(resolver: Resolver, root: Node, method: string): Node[] {
  return [...descendants(resolver, root)].filter((n) => n.type === AST_NODE_TYPES.CallExpression && n.arguments[0] !== undefined && mergesMethod(resolver, n, method));
}

/** Every definition `root` gives a `method`, in source order: a member so named (memberDefinitions) or an object merged in (mergedDefinitions). */
export function givenDefinitions(resolver: Resolver, root: Node, method: string): Node[] {
  return [...memberDefinitions(resolver, root, method), ...mergedDefinitions(resolver, root, method)].sort((a, b) => a.range[0] - b.range[0]);
}

/**
 * Whether a slackbots bot may log in after the app has given it an `_api` of its own: its constructor's login
 * comes first, before any assignment can, so only a later `login()` asks that `_api` for `rtm.start`. It may
 * where the file names `login` on anything (`bot.login()`, `this.login()` in a subclass, a handler that logs in
 * again on `close`), where the bot is made with `disconnect` (the app logs it in) or with settings that are not
 * an object literal, or where its variable is used otherwise than through its members (handed on, exported:
 * other code may call `login()`; `export const bot = …`) or it is not held in a variable at all.
 */
export function mayLogInAgain(resolver: Resolver, made: TSESTree.NewExpression): boolean {
  const settings = made.arguments[0] === undefined ? undefined : unwrap(made.arguments[0]);
  if (settings?.type !== AST_NODE_TYPES.ObjectExpression) return true;
  for (const property of settings.properties) {
    if (property.type !== AST_NODE_TYPES.Property) return true;
    if (propertyKeyName(resolver, property) === 'disconnect' && !(property.value.type === AST_NODE_TYPES.Literal && property.value.value === false)) return true;
  }
  for (const node of descendants(resolver, programOf(made))) {
    if (node.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, node) === SLACKBOTS.login) return true;
  }
  return !usedThroughMembers(resolver, made);
}

/**
 * The bot `made` builds is held in a variable given no other value (holderOf), not declared in an
 * `export`, and every read of it is the object of a member (`bot.on(…)`, `bot.getUser(…)`): never the bot
 * itself (exported, handed on, returned, copied). No other code can reach the bot then: to log it in
 * (mayLogInAgain) or, from a module importing this one, to give it a method of its own (wrapper-override).
 */
export function usedThroughMembers(resolver: Resolver, made: TSESTree.NewExpression): boolean {
  const holder = holderOf(resolver, made);
  // `export const bot = new SlackBot(…)`: the importers reach it.
  if (holder === undefined || holder.defs.some((d) => d.parent?.parent.type === AST_NODE_TYPES.ExportNamedDeclaration)) return false;
  return holder.references.every((reference) => {
    const use = reference.identifier;
    if (reference.init === true || (use.parent.type === AST_NODE_TYPES.AssignmentExpression && use.parent.left === use)) return true;
    return use.parent.type === AST_NODE_TYPES.MemberExpression && use.parent.object === use;
  });
}

/**
 * The bot `made` builds is kept in a field of `this` (`this.slackrtm = new SlackRTM(…)` in a constructor), set
 * there only, and every use of a member so named in the file is that field as the object of a member
 * (`this.slackrtm.on(…)`): the class's own, never handed out, read back whole or set again. Code that imports
 * the class would have to reach into the field to give the bot a method of its own (blind s45/11
 * eskerda/slack-keep-presence, the class the package's entry module exports).
 */
export function keptInOwnField(resolver: Resolver, made: TSESTree.NewExpression): boolean {
  const outer = outermostValue(made);
  const assigned = outer.parent;
  if (assigned?.type !== AST_NODE_TYPES.AssignmentExpression || assigned.operator !== '=' || assigned.right !== outer) return false;
  const field = assigned.left;
  if (field.type !== AST_NODE_TYPES.MemberExpression || !isThisLike(resolver, field.object)) return false;
  const name = memberName(resolver, field);
  if (name === undefined) return false;
  for (const node of descendants(resolver, programOf(made))) {
    if (node.type !== AST_NODE_TYPES.MemberExpression || node === field) continue;
    const named = memberName(resolver, node);
    // `this[key]` may be the field.
    if (named === undefined && node.computed && isThisLike(resolver, node.object)) return false;
    if (named !== name) continue;
    if (!isThisLike(resolver, node.object) || node.parent.type !== AST_NODE_TYPES.MemberExpression || node.parent.object !== node) return false;
  }
  return true;
}

type Variable = NonNullable<ReturnType<typeof variableOf>>;

/** The variable the bot is held in (`const bot = new …`, `bot = new …`), where it is given no other value; undefined otherwise. */
function holderOf(resolver: Resolver, made: TSESTree.NewExpression): Variable | undefined {
  const outer = outermostValue(made);
  const parent = outer.parent;
  const id = parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === outer ? parent.id : parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === outer ? parent.left : undefined;
  const variable = id?.type === AST_NODE_TYPES.Identifier ? variableOf(resolver, id) : null;
  if (!variable) return undefined;
  const values = variable.references.filter((r) => r.isWrite());
  return values.length === 1 ? variable : undefined;
}

/** `node` may be the bot: its variable (where it is held in one), else anything but `this` or a prototype. */
function isBot(resolver: Resolver, node: Node, holder: Variable | undefined): boolean {
  const bare = unwrap(node);
  if (holder === undefined) return !isThisLike(resolver, bare) && !isPrototype(resolver, bare);
  return bare.type === AST_NODE_TYPES.Identifier && variableOf(resolver, bare) === holder;
}

/** `Object.assign(bot, { <method>… })` (any call handed an object literal with that key after the bot), `Object.defineProperty(bot, '<method>', …)`. */
function mergesMethod(resolver: Resolver, call: TSESTree.CallExpression, method: string): boolean {
  const [, second] = call.arguments;
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, callee) === 'defineProperty') return second !== undefined && staticString(resolver, second) === method;
  return call.arguments.slice(1).some((a) => {
    const object = unwrap(a);
    return object.type === AST_NODE_TYPES.ObjectExpression && object.properties.some((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(resolver, p) === method);
  });
}
