import { basename } from 'node:path';

import { BOTKIT, HELPER_LIBRARY_STARTS, SLACK_CLIENT_1, SLACKBOTAPI, SLACKBOTS, type HelperLibrary } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import semver from 'semver';

import { assignedJustBefore, descendants, heldValueOfName, isPrototype, isThisLike, memberName, importedModule, propertyKeyName, staticString, unwrap, variableOf } from './ast.js';
import { spawnedByHandedIn, spawnedMember, spawningController } from './botkit-controller.js';
import { classOf } from './functions.js';
import { installedEntryConnects, isOwnPackage, resolveRelativeModule } from './modules.js';
import { packageVersion } from './package-version.js';
import { constructionOf, isWholeModule, originOf, thisOwner, utilInheritsParent, type Origin } from './origin.js';
import type { Resolver } from './resolver.js';
import { unfilledListRead } from './slackbots-lists.js';
import type { LibraryStartSite, LibraryVersion, Subclass } from './slack-package-bot.js';
import { importedFromHelperModule } from './stores.js';
import type { UnfollowedClientSite } from './unfollowed-client.js';
import { instanceOverride, instanceRunOverride, skippedOverride } from './wrapper-override.js';

/** The method a call calls on its receiver, with that receiver; undefined for a call of anything else. */
export function methodCall(resolver: Resolver, call: TSESTree.CallExpression, name: string): TSESTree.Node | undefined {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, callee) === name ? callee.object : undefined;
}

/**
 * `client.login()` of a client made with `new` of the `slack-client` module itself (`new Slack(token, …)`,
 * held in a variable, a field set once or an object built once, or exported once by another module of the
 * project: `module.exports = new Slack(token, true, true)` required here): only 1.x's module is a class,
 * and its `login` requests `rtm.start`. Not through `withSlackClientRtmStart(client)` of the generated module.
 */
export function slackClientLoginSite(resolver: Resolver, call: TSESTree.CallExpression): LibraryStartSite | undefined {
  const client = methodCall(resolver, call, SLACK_CLIENT_1.start);
  if (client === undefined || throughHelper(resolver, client, 'slack-client')) return undefined;
  const local = constructionOf(resolver, client) ?? newJustBefore(resolver, call, client);
  const made = local ? { node: local, resolver } : resolver.project?.importedConstruction(resolver, client);
  const origin = made ? (subclassedOrigin(made.resolver, made.node.callee) ?? originOf(made.resolver, made.node.callee)) : extendedClass(resolver, client);
  return isWholeModule(origin, SLACK_CLIENT_1.module) ? { kind: 'library-start', library: 'slack-client', call } : undefined;
}

/** `new Bot(…)` of a class of the same file that extends a module's class: that class's origin (`class Bot extends Slack {}`, `new Bot(t).login()`). */
function subclassedOrigin(resolver: Resolver, callee: TSESTree.Node): Origin | undefined {
  const cls = classOf(resolver, callee);
  return cls?.superClass ? originOf(resolver, cls.superClass) : undefined;
}

/**
 * `this` in a method of a class that extends a module's class: that class's origin (blind s83/03's
 * `class Jabbot extends Slack` off `slack-client`, calling `this.login()` in its constructor).
 */
function extendedClass(resolver: Resolver, receiver: TSESTree.Node): Origin | undefined {
  if (!isThisLike(resolver, unwrap(receiver))) return undefined;
  const owner = thisOwner(receiver);
  const cls = owner?.type === AST_NODE_TYPES.ClassBody ? owner.parent : undefined;
  return cls?.superClass ? originOf(resolver, cls.superClass) : undefined;
}

/** `new X(…)` assigned to the receiver by the statement just before the call (a variable given other values elsewhere). */
function newJustBefore(resolver: Resolver, call: TSESTree.CallExpression, client: TSESTree.Node): TSESTree.NewExpression | undefined {
  const bare = unwrap(client);
  const value = bare.type === AST_NODE_TYPES.Identifier ? assignedJustBefore(resolver, call, bare) : undefined;
  const made = value === undefined ? undefined : unwrap(value);
  return made?.type === AST_NODE_TYPES.NewExpression ? made : undefined;
}

/**
 * `client.login()` of a value required from a module of the app that is not followed to a construction
 * (`var slack = require('./lib/slack.js')`, or what one of its functions answers, that file absent or making its client where it is not
 * followed), used here as a `slack-client` 1.x client: its `login()` may request `rtm.start`, so it is
 * reported, never rewritten. The evidence: a `slack-client` the project installs or declares that may
 * be 1.x and the value used as its client (an `'open'` or `'loggedIn'` handler, `self`, `team`, a
 * look-up); or, where the project names no `slack-client` at all, a call of a look-up only 1.x's client
 * has. `login()`, `on('message')`, `users` and `channels` are no evidence: other libraries' chat clients
 * have them too (`client.login(token)` of a Discord bot beside a Slack one).
 */
export function requiredSlackClientLoginSite(resolver: Resolver, call: TSESTree.CallExpression): UnfollowedClientSite | undefined {
  const client = methodCall(resolver, call, SLACK_CLIENT_1.start);
  const bare = client === undefined ? undefined : unwrap(client);
  if (bare?.type !== AST_NODE_TYPES.Identifier || resolver.file === undefined) return undefined;
  const origin = originOf(resolver, bare);
  // A value an app's function answers (`require('./lib/bot').getSlack()`) may be its client; one its class makes (`new Bot()`) is the app's object.
  const appObject = origin?.instance === true && constructionOf(resolver, bare) !== undefined;
  if (origin === undefined || appObject || !origin.module.startsWith('.') || resolver.project?.importedConstruction(resolver, bare)) return undefined;
  const uses = clientUses(resolver, (variableOf(resolver, bare)?.references ?? []).map((r) => r.identifier));
  return usedAsSlackClient1(resolver.file, uses) ? { kind: 'unfollowed-client', call, candidate: bare, slackClientFrom: origin.module } : undefined;
}

/**
 * A value used as a `slack-client` 1.x client (see requiredSlackClientLoginSite): the project installs or
 * declares a `slack-client` that may be 1.x and the value has one of its members or handlers; or, where it
 * names no `slack-client`, the value calls a look-up only 1.x's client has.
 */
export function usedAsSlackClient1(file: string, uses: ReadonlySet<string>): boolean {
  const version = libraryVersion(file, SLACK_CLIENT_1.module);
  return version === undefined
    ? SLACK_CLIENT_1.ownMethods.some((name) => uses.has(name))
    : mayPrecede(version, [SLACK_CLIENT_1.throughMajor + 1, 0, 0]) && [...SLACK_CLIENT_1.members, ...SLACK_CLIENT_1.events.map((e) => `on:${e}`)].some((name) => uses.has(name));
}

/** What the code does with a value named at `names`: the members it reads or calls, and `on:<event>` for each handler it adds with a literal event name. */
export function clientUses(resolver: Resolver, names: readonly TSESTree.Node[]): Set<string> {
  const uses = new Set<string>();
  for (const named of names) {
    const member = named.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== named) continue;
    const name = memberName(resolver, member);
    if (name === undefined) continue;
    uses.add(name);
    const listen = member.parent;
    const event = listen.type === AST_NODE_TYPES.CallExpression && listen.callee === member && (name === 'on' || name === 'once') && listen.arguments[0] ? staticString(resolver, listen.arguments[0]) : undefined;
    if (event !== undefined) uses.add(`on:${event}`);
  }
  return uses;
}

/**
 * `bot.startRTM(…)` of a Botkit bot (a value Botkit made: `Botkit.slackbot(…).spawn({ token })`), or of a
 * receiver not followed (a `create_bot` handler's parameter, a value of the app's own module) in a file
 * that loads Botkit or runs with it (installed or declared), unless that Botkit is known to be
 * BOTKIT.connectSince or later. Another package's value is not Botkit's; Botkit's own files are Botkit's
 * business: its examples and tests run with the release they ship in. Nor is an object of the app's own
 * that has a `startRTM` of its own (`ownsStart`): the Botkit call is inside that method.
 */
export function botkitStartSite(resolver: Resolver, call: TSESTree.CallExpression): LibraryStartSite | undefined {
  const bot = methodCall(resolver, call, BOTKIT.start);
  if (bot === undefined || throughHelper(resolver, bot, 'botkit') || ownsStart(resolver, bot)) return undefined;
  if (resolver.file !== undefined && isOwnPackage(resolver.file, BOTKIT.module)) return undefined;
  const origin = botOrigin(resolver, bot);
  const vendoredFrom = missingVendoredBotkit(resolver, bot, origin);
  if (vendoredFrom !== undefined) return { kind: 'library-start', library: 'botkit', call, version: undefined, appObject: false, vendoredFrom };
  const version = resolver.file === undefined ? undefined : libraryVersion(resolver.file, BOTKIT.module);
  const madeByBotkit = origin?.module === BOTKIT.module && origin.instance;
  // The app's own module may hand on a bot Botkit made (`module.exports = controller.spawn(…)`).
  const followed = origin !== undefined && !origin.module.startsWith('.');
  // A worker spawned by a controller handed in (no origin: a copy of Botkit in the app is its own code) is Botkit's API, in a
  // plugin that leaves Botkit to the app (nothing loads or declares it: blind s106/07); the generated module's wrap checks the bot's `bot.api` at run time.
  const spawned = origin === undefined && (spawnedByHandedIn(resolver, bot) || spawnedMember(resolver, bot));
  if (!madeByBotkit && (followed || (version === undefined && !loadsBotkit(resolver, call) && !spawned))) return undefined;
  const made = constructionOf(resolver, bot);
  // `this` or `new` of a class of this file is the app's object: loading Botkit does not make it a bot.
  const appObject = !madeByBotkit && (isThisLike(resolver, bot) || (made !== undefined && classOf(resolver, made.callee) !== undefined));
  return version === undefined || mayPrecede(version, BOTKIT.connectSince) ? { kind: 'library-start', library: 'botkit', call, version, appObject } : undefined;
}

/**
 * `new SlackBot(…)` of `slackbots` itself (`require('slackbots')`, its default import), unless the
 * `slackbots` the file runs with is known to be SLACKBOTS.connectSince or later. The constructor logs in;
 * made with `disconnect: true` the bot logs in when the app calls its `login()`, so the construction is
 * reported either way: it is where the bot's release decides. slackbots' own files are its business.
 * `override`: a function the app gives that bot's own `_api` where it may be asked for a later login (instanceOverride).
 */
export function slackbotsSite(resolver: Resolver, made: TSESTree.NewExpression): LibraryStartSite | undefined {
  if (throughHelper(resolver, made.callee, 'slackbots')) return undefined;
  const site = slackbotsConstructorSite(resolver, made, made.callee);
  return site && withOverride(site, instanceOverride(resolver, made, 'slackbots'));
}

/**
 * An ES6 subclass of slackbots itself (`class X extends SlackBot`, with or without a constructor of its
 * own): every `new X(…)`, in this module or any other, runs slackbots' constructor, which logs in as under
 * `new SlackBot(…)`. The class is the site, as its parent is what every instance's login comes from,
 * however far the instances go. So is a class extending slackbotapi's (`class X extends slackAPI`), whose
 * constructor requests `rtm.start` as under `new slackAPI(…)`. Not `extends withSlackbotsRtmStart(SlackBot)`
 * (`withSlackbotapiRtmStart(slackAPI)`) of the generated module. `override`: why that module's subclass,
 * put under this class, would not be asked (skippedOverride: the class's own file, its instances there,
 * the project's modules loading it).
 */
export function libraryClassSite(resolver: Resolver, cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): LibraryStartSite | undefined {
  if (!isSubclass(cls)) return undefined;
  const slackbots = throughHelper(resolver, cls.superClass, 'slackbots') ? undefined : slackbotsConstructorSite(resolver, cls, cls.superClass);
  if (slackbots) return withOverride(slackbots, skippedOverride(resolver, cls, 'slackbots'));
  const slackbotapi = throughHelper(resolver, cls.superClass, 'slackbotapi') ? undefined : slackbotapiConstructorSite(resolver, cls, cls.superClass);
  return slackbotapi && withOverride(slackbotapi, skippedOverride(resolver, cls, 'slackbotapi'));
}

/** A site of a library whose wrapper is a subclass (slackbots, slackbotapi). */
type SubclassedSite = Extract<LibraryStartSite, { readonly library: 'slackbots' | 'slackbotapi' }>;

function withOverride(site: SubclassedSite, override: string | undefined): LibraryStartSite {
  return override === undefined ? site : { ...site, override };
}

function isSubclass(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): cls is Subclass {
  return cls.superClass !== null;
}

/**
 * `new slackAPI(…)` of `slackbotapi` itself (`require('slackbotapi')`, its default import): the constructor
 * requests `rtm.start` through the package's `reqAPI`, in its only release and with no option for
 * `rtm.connect`, so no version is asked. slackbotapi's own files (its example) are its business. Not
 * through `withSlackbotapiRtmStart(slackAPI)` of the generated module. `override`: a function the app gives
 * that bot's own `reqAPI`, which each reconnect asks for `rtm.start` (instanceOverride).
 */
export function slackbotapiSite(resolver: Resolver, made: TSESTree.NewExpression): LibraryStartSite | undefined {
  if (throughHelper(resolver, made.callee, 'slackbotapi')) return undefined;
  const site = slackbotapiConstructorSite(resolver, made, made.callee);
  return site && withOverride(site, instanceOverride(resolver, made, 'slackbotapi'));
}

/** `call`, a run of `constructor`, as a site where `constructor` is slackbotapi's own (every release requests rtm.start from it). */
function slackbotapiConstructorSite(resolver: Resolver, call: TSESTree.NewExpression | TSESTree.CallExpression | Subclass, constructor: TSESTree.Node): SubclassedSite | undefined {
  if (!isWholeModule(originOf(resolver, constructor), SLACKBOTAPI.module)) return undefined;
  if (resolver.file !== undefined && isOwnPackage(resolver.file, SLACKBOTAPI.module)) return undefined;
  return { kind: 'library-start', library: 'slackbotapi', call };
}

/**
 * slackbots' constructor run on an instance, as an ES5 subclass does (`function Bot(s) { SlackBot.call(this, s); }`,
 * `Bot.super_.apply(this, arguments)`): `P.call(…)` / `P.apply(…)` where P is slackbots' own constructor
 * (as for `new`), or `X.super_` of a function X that `util.inherits(X, P)` gives that parent, once. The
 * constructor logs in as it does under `new`. Not when the instance is handed through
 * `withSlackbotsRtmStartOn(…)` of the generated module. `override`: an `_api` the app gives in the file or an importer,
 * which may take the place of the one that function gives the instance (instanceRunOverride). slackbotapi's constructor run the same way is a
 * site too (it requests rtm.start as under `new`). A parent not shown to be either: no site.
 */
export function slackbotsCallSite(resolver: Resolver, call: TSESTree.CallExpression): LibraryStartSite | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const how = memberName(resolver, callee);
  if (how !== 'call' && how !== 'apply') return undefined;
  const instance = call.arguments[0];
  if (instance && throughHelper(resolver, instance, 'slackbots-call')) return undefined;
  const parent = inheritedParent(resolver, callee.object) ?? callee.object;
  const slackbots = slackbotsConstructorSite(resolver, call, parent);
  return slackbots ? withOverride(slackbots, instanceRunOverride(resolver, call)) : slackbotapiConstructorSite(resolver, call, parent);
}

/** A slackbots site that runs the constructor on an instance (an ES5 subclass's `SlackBot.call(this, …)`), not `new SlackBot(…)`. */
export function runsSlackbotsOnInstance(site: LibraryStartSite): boolean {
  return site.library === 'slackbots' && site.call.type === AST_NODE_TYPES.CallExpression;
}

/** A slackbotapi site that runs the constructor on an instance (an ES5 subclass's `slackAPI.call(this, …)`), not `new slackAPI(…)`. */
export function runsSlackbotapiOnInstance(site: LibraryStartSite): boolean {
  return site.library === 'slackbotapi' && site.call.type === AST_NODE_TYPES.CallExpression;
}

/** `call`, a run of `constructor`, as a site where `constructor` is slackbots' own and the release it runs with may log in with rtm.start. */
function slackbotsConstructorSite(resolver: Resolver, call: TSESTree.NewExpression | TSESTree.CallExpression | Subclass, constructor: TSESTree.Node): SubclassedSite | undefined {
  if (!isWholeModule(originOf(resolver, constructor), SLACKBOTS.module)) return undefined;
  if (resolver.file !== undefined && isOwnPackage(resolver.file, SLACKBOTS.module)) return undefined;
  const version = resolver.file === undefined ? undefined : libraryVersion(resolver.file, SLACKBOTS.module);
  if (version === undefined || mayPrecede(version, SLACKBOTS.connectSince)) {
    return resolver.file !== undefined && installedEntryConnects(resolver.file, SLACKBOTS.module) ? undefined : { kind: 'library-start', library: 'slackbots', call, version };
  }
  // A release that logs in with rtm.connect, read as if it still kept rtm.start's lists (blind s77/07).
  const unfilledRead = unfilledListRead(resolver, call);
  return unfilledRead && { kind: 'library-start', library: 'slackbots', call, version, unfilledRead };
}

/**
 * For `X.super_`, what Node's `util.inherits(X, P)` set it to: P, where X is a variable (a function) given a
 * parent by exactly one `util.inherits(X, …)`; undefined otherwise (several parents, none, or not `super_`).
 */
function inheritedParent(resolver: Resolver, node: TSESTree.Node): TSESTree.Node | undefined {
  const member = unwrap(node);
  if (member.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, member) !== 'super_') return undefined;
  const child = unwrap(member.object);
  return child.type === AST_NODE_TYPES.Identifier ? utilInheritsParent(resolver, child) : undefined;
}

/**
 * `withBotkitRtmStart(bot)` / `withSlackbotsRtmStart(SlackBot)` / `withSlackbotsRtmStartOn(this)` / `withSlackClientRtmStart(client)` /
 * `withSlackbotapiRtmStart(slackAPI)` of the generated helper module, as
 * `rtm-migrate apply` writes them: the library's `rtm.start` request is answered by the module.
 */
function throughHelper(resolver: Resolver, node: TSESTree.Node, library: HelperLibrary): boolean {
  const bare = unwrap(node);
  return bare.type === AST_NODE_TYPES.CallExpression && bare.callee.type === AST_NODE_TYPES.Identifier && bare.callee.name === HELPER_LIBRARY_STARTS[library].export && importedFromHelperModule(resolver, bare.callee);
}

/**
 * Where a bot comes from: for a worker spawned by a controller (`controller.spawn(…)`, or a variable given
 * it once), that controller's origin, which originOf then follows back to `require('botkit')` with the
 * hops the spawn and the variable would have taken.
 */
function botOrigin(resolver: Resolver, bot: TSESTree.Node): Origin | undefined {
  return originOf(resolver, spawningController(resolver, bot) ?? bot);
}

/**
 * A copy of Botkit kept in the app (`require('./lib/Botkit.js').slackbot(…)`, then `.spawn(…)`) whose file is
 * not there to read: the relative module named. Present, that copy is the app's own code, and its worker's
 * `rtm.start` request is found (and migrated) where it is made; absent, the bot's `startRTM()` is the only
 * trace of it. A spawned bot of a module's `slackbot` controller, or of a module named after Botkit, is
 * taken to be Botkit's.
 */
function missingVendoredBotkit(resolver: Resolver, bot: TSESTree.Node, origin: Origin | undefined): string | undefined {
  if (origin === undefined || !origin.instance || !origin.module.startsWith('.') || resolver.file === undefined) return undefined;
  if (spawningController(resolver, bot) === undefined) return undefined;
  if (origin.name !== BOTKIT.controller && !/botkit|slackbot/i.test(basename(origin.module))) return undefined;
  return resolveRelativeModule(resolver.file, origin.module) === undefined ? origin.module : undefined;
}

/**
 * The app's own object with a `startRTM` of its own, whatever it calls inside (a promisified Botkit start,
 * typically): `this` where its class, its object literal or an assignment (`this.startRTM = …`,
 * `X.prototype.startRTM = …`) gives it one; an object literal held in a variable with one; `new X(…)` of a
 * class of this file, or a constructor function, that gives its instances one. Wrapping such an object
 * as a Botkit bot would fail at start (it has no `bot.api`) or answer nothing.
 */
function ownsStart(resolver: Resolver, receiver: TSESTree.Node): boolean {
  const bare = unwrap(receiver);
  if (isThisLike(resolver, bare)) {
    const owner = thisOwner(bare);
    const literal = objectOfMethod(bare);
    if ((owner?.type === AST_NODE_TYPES.ClassBody && owner.body.some((e) => definesStart(resolver, e))) || literal?.properties.some((p) => definesStart(resolver, p))) return true;
    return owner !== undefined && assignsStart(resolver, owner, (target) => isThisLike(resolver, target) || isPrototype(resolver, target));
  }
  const value = bare.type === AST_NODE_TYPES.Identifier ? heldValueOfName(resolver, bare) : bare;
  const literal = value ? unwrap(value) : undefined;
  if (literal?.type === AST_NODE_TYPES.ObjectExpression) return literal.properties.some((p) => definesStart(resolver, p));
  const made = constructionOf(resolver, bare);
  if (!made) return false;
  const declared = classOf(resolver, made.callee);
  if (declared) return declared.body.body.some((e) => definesStart(resolver, e)) || assignsStart(resolver, declared.body, (target) => isThisLike(resolver, target));
  const constructor = unwrap(made.callee);
  if (constructor.type !== AST_NODE_TYPES.Identifier) return false;
  let program: TSESTree.Node = made;
  while (program.parent) program = program.parent;
  return assignsStart(resolver, program, (target) => {
    const prototype = unwrap(target);
    const of = prototype.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, prototype) === 'prototype' ? unwrap(prototype.object) : undefined;
    return of?.type === AST_NODE_TYPES.Identifier && of.name === constructor.name;
  });
}

/** A class member or object literal property named `startRTM`. */
function definesStart(resolver: Resolver, element: TSESTree.Node): boolean {
  if (element.type === AST_NODE_TYPES.Property) return propertyKeyName(resolver, element) === BOTKIT.start;
  if (element.type !== AST_NODE_TYPES.MethodDefinition && element.type !== AST_NODE_TYPES.PropertyDefinition) return false;
  return !element.computed && ((element.key.type === AST_NODE_TYPES.Identifier && element.key.name === BOTKIT.start) || (element.key.type === AST_NODE_TYPES.Literal && element.key.value === BOTKIT.start));
}

/** An assignment under `root` that stores something as `<target>.startRTM`. */
function assignsStart(resolver: Resolver, root: TSESTree.Node, target: (object: TSESTree.Node) => boolean): boolean {
  for (const node of descendants(resolver, root)) {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, node.left) === BOTKIT.start && target(node.left.object)) return true;
  }
  return false;
}

/** The object literal whose method (`{ run() {…} }`, `run: function () {…}`) `this` at `node` is in. */
function objectOfMethod(node: TSESTree.Node): TSESTree.ObjectExpression | undefined {
  let fn: TSESTree.Node | undefined = node.parent;
  while (fn && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.FunctionDeclaration) fn = fn.parent;
  const property = fn?.parent;
  return property?.type === AST_NODE_TYPES.Property && property.value === fn && property.parent.type === AST_NODE_TYPES.ObjectExpression ? property.parent : undefined;
}

/** The file of `node` loads Botkit (`require('botkit')`, an `import` of it). */
function loadsBotkit(resolver: Resolver, node: TSESTree.Node): boolean {
  let program: TSESTree.Node = node;
  while (program.parent) program = program.parent;
  for (const each of descendants(resolver, program)) {
    if (importedModule(each) === BOTKIT.module) return true;
  }
  return false;
}

/** The release of `module` installed for a file, else the one a lockfile pins, else the range its nearest package.json declares; undefined when none says. */
export function libraryVersion(file: string, module: string): LibraryVersion | undefined {
  const found = packageVersion(file, module);
  if (found === undefined) return undefined;
  return found.from === 'declared' ? { from: 'declared', text: found.range } : { from: found.from, text: found.version };
}

/**
 * An installed release before `since`, or a declared range that allows one (`^0.5.0`, `*`); a version or
 * range semver cannot read (a git URL, a tag) may be anything.
 */
function mayPrecede(version: LibraryVersion, since: readonly number[]): boolean {
  const first = since.join('.');
  if (version.from !== 'declared') return semver.valid(version.text) === null || semver.lt(version.text, first);
  return semver.validRange(version.text) === null || semver.intersects(version.text, `<${first}`);
}

/**
 * An installed release before `since`, or a declared range that allows none from `since` on (`^7.0.0`
 * before 8.4.0); a version or range semver cannot read may be anything, so it is not known to precede.
 */
export function surelyPrecedes(version: LibraryVersion, since: readonly number[]): boolean {
  const first = since.join('.');
  if (version.from !== 'declared') return semver.valid(version.text) !== null && semver.lt(version.text, first);
  return semver.validRange(version.text) !== null && !semver.intersects(version.text, `>=${first}`);
}
