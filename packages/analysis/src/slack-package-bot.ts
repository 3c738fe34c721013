import { isKnownPackage, SLACK_PACKAGE } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { heldValueOfName, memberName, unwrap } from './ast.js';
import { everyReturnIs } from './factory-client.js';
import { functionOf } from './functions.js';
import { libraryVersion } from './library-start.js';
import { isOwnPackage } from './modules.js';
import { soleFieldValue } from './module-load.js';
import { originOf, type Origin } from './origin.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/**
 * A library's call that requests `rtm.start` inside the library; the app never names the method, so the
 * site is that call. `slack-package`: `bot.listen(params[, callback])` of a bot the `slack` package
 * (smallwins/slack) made with `slack.rtm.client()` (every version that has `rtm.client()`, see
 * SLACK_PACKAGE.botThroughMajor; `version`: the installed one or the declared range, undefined when neither is known); `slack-client`: `login()` of a `slack-client` 1.x client (SLACK_CLIENT_1);
 * `botkit`: `startRTM(cb)` of a Botkit Slack bot whose Botkit may be older than BOTKIT.connectSince;
 * `slackbots`: `new SlackBot(…)`, which logs in from its constructor, of a `slackbots` that may be older than
 * SLACKBOTS.connectSince (`version`: the installed one or the declared range; undefined when neither is known),
 * or that constructor run on an instance by an ES5 subclass (`SlackBot.call(this, …)`, `X.super_.apply(this, arguments)`),
 * or an ES6 subclass (`class X extends SlackBot`, the class the site) whose every `new X(…)` runs it;
 * `slackbotapi`: `new slackAPI(…)` of `slackbotapi`, whose constructor requests `rtm.start` in every release (SLACKBOTAPI),
 * or that constructor run on an instance by an ES5 subclass (`slackAPI.call(this, …)`), or an ES6 subclass (`class X extends slackAPI`).
 */
export type LibraryStartSite =
  | { readonly kind: 'library-start'; readonly library: 'slack-client'; readonly call: TSESTree.CallExpression }
  | {
      readonly kind: 'library-start';
      readonly library: 'slack-package';
      readonly call: TSESTree.CallExpression;
      readonly version: LibraryVersion | undefined;
      /** The package the bot's `rtm.client()` comes from where it is not `slack` but another named for Slack, with its API (a fork: `slack-promise`): reported, never wrapped. */
      readonly fork?: string;
    }
  | {
      readonly kind: 'library-start';
      readonly library: 'botkit';
      readonly call: TSESTree.CallExpression;
      readonly version: LibraryVersion | undefined;
      /** Called on the app's own object (`this`, `new` of a class of this file) nothing shows to be a Botkit bot: reported, never wrapped. */
      readonly appObject: boolean;
      /** The relative module (`./lib/Botkit.js`) a vendored Botkit is loaded from, where that file is not there to read: reported, never wrapped. */
      readonly vendoredFrom?: string;
    }
  | {
      readonly kind: 'library-start';
      readonly library: 'slackbots';
      readonly call: TSESTree.NewExpression | TSESTree.CallExpression | Subclass;
      readonly version: LibraryVersion | undefined;
      /**
       * Where the release it runs with logs in with `rtm.connect` (`version`), the app's read of a list that login
       * no longer fills (`this.users`): the site is why that read finds nothing (unfilledListRead).
       */
      readonly unfilledRead?: TSESTree.MemberExpression;
      /** Of a subclass or `new`: why the generated module's subclass put under it would not be asked (the app's own `_api`, on the class or on the bot): reported, never wrapped. */
      readonly override?: string;
    }
  | {
      readonly kind: 'library-start';
      readonly library: 'slackbotapi';
      readonly call: TSESTree.NewExpression | TSESTree.CallExpression | Subclass;
      /** Of a subclass or `new`: why the generated module's subclass put under it would not be asked (the app's own `reqAPI`, on the class or on the bot): reported, never wrapped. */
      readonly override?: string;
    };

/** A class with an `extends` clause. */
export type Subclass = (TSESTree.ClassDeclaration | TSESTree.ClassExpression) & { readonly superClass: TSESTree.LeftHandSideExpression };

/** What a library start site names of the library: the class of `new`, the callee of a call, the parent of a subclass. */
export function startedThrough(site: LibraryStartSite): TSESTree.Node {
  const { call } = site;
  return call.type === AST_NODE_TYPES.ClassDeclaration || call.type === AST_NODE_TYPES.ClassExpression ? call.superClass : call.callee;
}

/** What says which release of a library a file runs with: the copy installed for it, the one a lockfile pins, else the range its package.json declares. */
export interface LibraryVersion {
  readonly from: 'installed' | 'locked' | 'declared';
  readonly text: string;
}

/**
 * The `listen(…)` call of a `slack.rtm.client()` bot, as a site; or of a bot made the same way by another
 * package named for Slack (blind s87/10: `slack-promise`, a fork of `slack` 7, whose `listen` requests
 * `rtm.start` as every `rtm.client()` up to 8.x did), as a site naming that fork. Undefined for any other call.
 */
export function slackPackageBotSite(resolver: Resolver, call: TSESTree.CallExpression): LibraryStartSite | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, callee) !== 'listen') return undefined;
  const site = { kind: 'library-start', library: 'slack-package', call } as const;
  // The package's own files (its examples, `require('..')`) are its business: its own `rtm.start` method is migrated
  // where it is, and the generated wrapper, which loads `slack` by name, finds no such package there (blind s109/07).
  if (resolver.file !== undefined && isOwnPackage(resolver.file, SLACK_PACKAGE.module)) return undefined;
  if (isSlackPackageBot(resolver, callee.object, isBotFactoryCall)) return { ...site, version: resolver.file === undefined ? undefined : libraryVersion(resolver.file, SLACK_PACKAGE.module) };
  let fork: string | undefined;
  const forkBot = (r: Resolver, node: Node): boolean => {
    const module = forkFactoryModule(r, node);
    if (module !== undefined) fork = module;
    return module !== undefined;
  };
  return isSlackPackageBot(resolver, callee.object, forkBot) && fork !== undefined ? { ...site, version: undefined, fork } : undefined;
}

/** The package of `x.rtm.client()` where `x` is a whole package named for Slack that is neither `slack` nor one rtm-migrate knows (`require('slack-promise')`). */
function forkFactoryModule(resolver: Resolver, node: Node): string | undefined {
  const call = unwrap(node);
  if (call.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, callee) !== 'client') return undefined;
  const family = unwrap(callee.object);
  if (family.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, family) !== 'rtm') return undefined;
  const origin = originOf(resolver, family.object);
  if (origin?.module === undefined || origin.instance || (origin.name !== '*' && origin.name !== 'default')) return undefined;
  const { module } = origin;
  return /slack/i.test(module) && !/^[./]/.test(module) && !module.startsWith('@slack/') && !isKnownPackage(module) ? module : undefined;
}

/**
 * `slack.rtm.client()` itself, or a variable bound to it once (`const bot = slack.rtm.client()`, or
 * `var bot = null` given it by its one assignment, or an undeclared `bot` so assigned), or what another
 * module of the project exports once as such a bot (`let bot = require('./bot')`, blind s63/14), or a
 * field of `this` written once with it, or a call of a function or method of this file whose every
 * return is such a bot (`this.bot = this.setupBot()`, blind s89/10). A bot handed in as a parameter is
 * not followed. `factory`: what makes the bot (`slack.rtm.client()`, or a fork's).
 */
function isSlackPackageBot(resolver: Resolver, node: Node, factory: (resolver: Resolver, node: Node) => boolean, hops = 0): boolean {
  const bare = unwrap(node);
  if (factory(resolver, bare)) return true;
  if (hops >= MAX_HOPS) return false;
  if (bare.type === AST_NODE_TYPES.Identifier) {
    // Not `const { listen } = slack.rtm.client()`, a member of the bot; an implicit global counts as a `let`.
    const value = heldValueOfName(resolver, bare);
    if (value !== undefined && factory(resolver, value)) return true;
    // `const bot = this.bot`: what the field holds; `const bot = makeBot()`: what the function returns.
    const held = value === undefined ? undefined : unwrap(value);
    if (held?.type === AST_NODE_TYPES.MemberExpression && soleFieldValue(resolver, held) !== undefined) return isSlackPackageBot(resolver, held, factory, hops + 1);
    if (held?.type === AST_NODE_TYPES.CallExpression && isSlackPackageBot(resolver, held, factory, hops + 1)) return true;
  }
  const maker = bare.type === AST_NODE_TYPES.CallExpression ? functionOf(resolver, bare.callee) : undefined;
  if (maker !== undefined) return everyReturnIs(resolver, maker, (value) => isSlackPackageBot(resolver, value, factory, hops + 1));
  // `this.bot = slack.rtm.client()` in the constructor, `this.bot.listen(…)` in a method (blind s74/02).
  const field = soleFieldValue(resolver, bare);
  if (field !== undefined) return isSlackPackageBot(resolver, field, factory, hops + 1);
  const exported = resolver.project?.importedValue?.(resolver, bare);
  return exported !== undefined && isSlackPackageBot(exported.resolver, exported.node, factory, hops + 1);
}

/** How many steps handing the bot on are followed (modules: `index.js` ← `bot.js` ← `client.js`…; fields, variables, returns). */
const MAX_HOPS = 4;

/** `slack.rtm.client()` on the `slack` package's own `rtm` family (`require('slack').rtm`, `const { rtm } = require('slack')`, `import slack from 'slack'`). */
function isBotFactoryCall(resolver: Resolver, node: Node): boolean {
  const call = unwrap(node);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, callee) !== 'client') return false;
  return isRtmFamily(resolver, callee.object);
}

/** The `slack` package's `rtm` family: `slack.rtm`, `const { rtm } = require('slack')`, or what a module of the app exports as it (`module.exports = { rtm: slack.rtm }`, blind s74/01). */
function isRtmFamily(resolver: Resolver, node: Node, hops = 0): boolean {
  const family = unwrap(node);
  if (family.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, family) === 'rtm' && isWholePackage(originOf(resolver, family.object))) return true;
  const origin = originOf(resolver, family);
  if (origin?.module === SLACK_PACKAGE.module && origin.name === 'rtm' && !origin.instance) return true;
  const exported = hops < MAX_HOPS ? resolver.project?.importedValue?.(resolver, family) : undefined;
  return exported !== undefined && isRtmFamily(exported.resolver, exported.node, hops + 1);
}

/** The `slack` package itself (`require('slack')`, its default or namespace import), not one of its clients. */
function isWholePackage(origin: Origin | undefined): boolean {
  return origin?.module === SLACK_PACKAGE.module && !origin.instance && (origin.name === '*' || origin.name === 'default');
}
