import {
  calleeName,
  callsRtmStart,
  connectsClientNeedsStartData,
  findSites,
  followResponse,
  methodAnswerUnread,
  isReportableRead,
  isSpreadOfPlainConst,
  libraryReach,
  memberPath,
  isSignificantEscape,
  resolveConst,
  rtmClientInMember,
  rtmClientStartable,
  runsSlackbotapiOnInstance,
  runsSlackbotsOnInstance,
  slackClientReads,
  storeRole,
  singleValueOf,
  unwrap,
  variableOf,
  type Escape,
  type FieldRead,
  type Flow,
  type ClientSite,
  type ChosenClients,
  type ReceivedClient,
  type DataStoreSite,
  type LibraryReach,
  type LibraryStartSite,
  type UnfollowedClientSite,
  type MethodSite,
  type StoreCacheSite,
  type StartListenerSite,
  type Resolver,
  type RtmSite,
  URI_ENCODERS,
  within,
} from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { BOTKIT, CODEMOD_MESSAGES, HUBOT_SLACK, isStartOnlyField, METHODS, SLACK_PACKAGE, SLACKBOTAPI, SLACKBOTS, startListenerMessage, type HelperLibrary } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { legacyClientKind } from '../helper-module/legacy-client-fits.js';
import { typescript } from '../helper-module/transport/common.js';
import { notCommonJsEmit } from '../files/typescript-emit.js';
import { helperDeclaration } from '../helper-module/transport/helper-contract.js';
import type { SiteForm } from '../plan.js';

type Node = TSESTree.Node;

/** A site as the plan sees it: the node the rewrite works on, its arguments and its flow. */
export interface FoundSite {
  readonly form: SiteForm;
  /** The call / new expression / string the plan locates the site by. */
  readonly node: Node;
  /** What carries the method arguments (an object literal, usually). */
  readonly argsNode: Node | undefined;
  readonly argsKnown: boolean;
  readonly reads: readonly FieldRead[];
  /** Where the response leaves code the analysis follows (the site's own reason first, marked `own`). */
  readonly escapes: readonly SiteEscape[];
  /** An `rtm.connect` call (planned only when it misuses start-only fields or arguments). */
  readonly connect: boolean;
  /** raw-url: the literal spells `rtm.start` out; helper: the method name is a literal argument. */
  readonly literal: boolean;
  /** raw-url: the request, as a TODO names it (`` `fetch(…)` ``, "the request"). */
  readonly request?: string;
  /** A method call also hands a callback or other arguments on (a rewrite must keep them). */
  readonly passesOn?: boolean;
  /** The Node-style callback a method call hands the response to, when it passes nothing else on. */
  readonly callback?: Node;
  /** A method call whose answer nothing reads, taking nothing but the method's name: the analysis' methodAnswerUnread. */
  readonly answerUnread?: true;
  /**
   * The call reaches `rtm.start` through a module written one per method (`require('./rtm.start')(…)`,
   * `(0, _rtm2.default)(…)`): there is no method name here to change; the module itself is migrated.
   */
  readonly methodModule?: true;
  /** The method name is chosen at run time (`cond ? 'rtm.connect' : 'rtm.start'`): it may be `rtm.connect`. */
  readonly methodChosen?: boolean;
  /** method-call of a `start` taken off the `rtm` family (`const { start } = require('slack').rtm`). */
  readonly detached?: true;
  /** method-call on `x.rtm` where this file (or one it requires) keeps an RTM client in a member `rtm`: where. */
  readonly rtmClientMember?: string;
  /** Of those, a start the generated helper module can check and start at run time (`rtmClientStartable`): where the client is used as one. */
  readonly rtmClientStart?: string;
  /** unfollowed-client of a v3 client handed in as a parameter (then `rtmClientMember` says where it is used as one). */
  readonly clientReceived?: ReceivedClient;
  /** unfollowed-client of a v3 `new RtmClient(…)` of this file handed to the base class's constructor (`super(client)`), and where it is made, for the report. */
  readonly clientToBase?: { readonly made: TSESTree.NewExpression; readonly where: string };
  /** unfollowed-client of a holder every value of which is a v3 `new RtmClient(…)` of this file, started as a statement. */
  readonly clientChosen?: ChosenClients;
  /** legacy-client / rtm-client-option / a dataStore look-up / AUTHENTICATED data started elsewhere, where known: the `new` that made the client. */
  readonly construction?: TSESTree.NewExpression;
  /** legacy-client / AUTHENTICATED data started elsewhere: the module that made the client, when it is another one (it exports the client). */
  readonly madeIn?: Resolver;
  /** legacy-data-store: a look-up in a client's `dataStore` (not a store's own `cacheRtmStart`, nor AUTHENTICATED data). */
  readonly storeLookup?: boolean;
  /** legacy-data-store: the AUTHENTICATED handler of a legacy client this file does not start (`construction`, `madeIn`). */
  readonly startedElsewhere?: true;
  /** library-start: a library whose own `rtm.start` request the generated helper module can answer. */
  readonly library?: HelperLibrary;
  /** library-start through the generated module: what the app can reach of the data through the library (analysis' libraryReach). */
  readonly libraryReach?: LibraryReach;
  /** library-start of a release that requests no `rtm.start`: why it is wrapped all the same (its rewrite's message begins with it). */
  readonly libraryWhy?: string;
}

/**
 * The plan's sites in one parsed file, from the shared analysis: method calls and helpers (with
 * their responses), legacy clients and `useRtmConnect: false` (with what their handlers, `start()`
 * results and `dataStore` read), raw HTTP URLs and method tables.
 */
export function foundSites(parsed: ParsedFile, helperStarted: ReadonlyMap<Node, string | undefined>): FoundSite[] {
  const { program, resolver, text } = parsed;
  const sites = findSites(program, resolver);
  const found: FoundSite[] = [];
  const claimed: Node[] = [];
  for (const site of sites) {
    if (site.kind === 'method') {
      const member = rtmClientInMember(program, resolver, site.call);
      const startable = member ? rtmClientStartable(program, resolver, site.call) : undefined;
      found.push(member ? { ...methodSite(parsed, site), rtmClientMember: member, ...(startable ? { rtmClientStart: startable } : {}) } : methodSite(parsed, site));
      claimed.push(...site.call.arguments);
    }
  }
  for (const site of sites) {
    switch (site.kind) {
      case 'client-start':
        if (site.client === 'legacy-rtm-client') {
          const client = clientSite(resolver, sites, site, 'legacy-client');
          if (!site.connects || needsStartData(parsed, sites, site, client)) found.push(client);
        }
        else if (!site.usesStart) found.push(connectClientSite(resolver, site));
        break;
      case 'client-option':
        found.push(clientSite(resolver, sites, site, 'rtm-client-option'));
        break;
      case 'url':
        if (callsRtmStart(site) && !claimed.some((c) => within(site.node, c))) found.push(urlSite(text, site.node, followResponse(resolver, site)));
        break;
      case 'table':
        found.push(tableSite(site.node));
        break;
      case 'unfollowed-name':
        found.push(unfollowedNameSite(text, site.node, site.use));
        break;
      case 'library-start':
        found.push(libraryStartSite(site, parsed));
        break;
      case 'unfollowed-client':
        found.push(unfollowedClientSite(text, site));
        break;
      case 'stand-in':
        found.push({ form: 'stand-in', node: site.node, argsNode: undefined, argsKnown: false, reads: [], escapes: [ownReason(site.node, CODEMOD_MESSAGES.standInRtmStart(site.written), undefined)], connect: false, literal: false });
        break;
      case 'start-listener': {
        const listener = startListenerSite(resolver, site);
        if (listener) found.push(listener);
        break;
      }
      case 'client-authenticated':
      case 'data-store':
      case 'store-cache': {
        if (site.kind === 'store-cache' && site.bySdk) break; // the SDK's own store filling itself: its start or the helper module hands it the data
        // Folded into the client's own site when this file starts it (`covered`), no site where the
        // helper module starts the client (`filled`); otherwise a site of its own.
        const role = storeRole(site, sites, helperStarted);
        if (role === 'lookup' || role === 'elsewhere' || role === 'unfilled') found.push(dataStoreSite(resolver, site));
        else if (role === undefined && site.kind === 'client-authenticated') found.push(connectClientSite(resolver, site));
        break;
      }
      default:
        break;
    }
  }
  return found.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/**
 * A v3 client made with `useRtmConnect: true` is a site only where it needs `rtm.start`'s data (which
 * the generated helper module then fetches) or where its SDK may not know the option: otherwise it is
 * left as it is, the helper would add Web API calls, and scopes a bot with `rtm:stream` alone lacks.
 */
function needsStartData(parsed: ParsedFile, sites: readonly RtmSite[], site: ClientSite, client: FoundSite): boolean {
  const { construction, madeIn } = client;
  if (!construction) return true;
  const made = madeIn?.file === undefined ? parsed : { resolver: madeIn, file: madeIn.file };
  return legacyClientKind(made, construction) !== 'use-rtm-connect' || connectsClientNeedsStartData(parsed.resolver, sites, site);
}

/** An escape the analysis found, or the site's own reason for a TODO (`own`): listed first, no place its data go. */
export type SiteEscape = Escape & { readonly own?: true };

/** The site's own reason for a TODO (a v3 client, a raw request, a library's start…): a rewrite makes it moot. */
function ownReason(node: Node, reason: string, file: string | undefined): SiteEscape {
  return { node, reason, path: '', file, own: true };
}

/** Escapes of the response that hide what is read (a string escaping is harmless). */
function significant(escapes: readonly Escape[]): Escape[] {
  return escapes.filter(isSignificantEscape);
}

function methodSite(parsed: ParsedFile, site: MethodSite): FoundSite {
  const { resolver } = parsed;
  const flow = followResponse(resolver, site);
  const connect = site.method === METHODS.rtmConnect;
  const args = argsInfo(site.options);
  const spread = site.call.arguments.some((a) => a.type === AST_NODE_TYPES.SpreadElement) && (site.form === 'member' || site.form === 'name');
  const form: SiteForm =
    site.form === 'member' || site.form === 'detached' ? 'method-call' : site.form === 'call' || site.form === 'apply' ? 'call-apply' : isClientApiCall(parsed, site.call) ? 'api-call' : 'helper';
  const name = unwrap(site.methodNode);
  const literal =
    (name.type === AST_NODE_TYPES.Literal && typeof name.value === 'string') || (name.type === AST_NODE_TYPES.TemplateLiteral && name.expressions.length === 0);
  return {
    form,
    node: site.call,
    argsNode: args.argsNode,
    argsKnown: args.argsKnown && !spread,
    reads: flow.reads,
    escapes: significant(flow.escapes),
    connect,
    passesOn: site.callback !== undefined || site.otherArgs.some((a) => !isSpreadOfPlainConst(resolver, a)),
    ...(site.callback !== undefined && site.otherArgs.length === 0 ? { callback: site.callback } : {}),
    ...(isChosenName(resolver, site.methodNode) ? { methodChosen: true } : {}),
    // Only a method module's call is located by its callee (a member call by `start`, a named one by the name).
    ...(site.methodNode === site.call.callee && site.form !== 'detached' ? { methodModule: true as const } : {}),
    literal: literal && name === site.methodNode && site.call.arguments.includes(name),
    ...(site.form === 'detached' ? { detached: true as const } : {}),
    ...(methodAnswerUnread(resolver, site, flow) ? { answerUnread: true as const } : {}),
  };
}

/**
 * `x.apiCall('rtm.start', …)`, a client's generic method: not a function of the file's own that is
 * named so (`function apiCall(token, method, qs) { … }`), which is the app's helper, its transport
 * seen in its declaration.
 */
function isClientApiCall(parsed: ParsedFile, call: TSESTree.CallExpression): boolean {
  if (calleeName(parsed.resolver, call.callee) !== 'apiCall') return false;
  return unwrap(call.callee).type !== AST_NODE_TYPES.Identifier || helperDeclaration(parsed, call) === undefined;
}

/** A method name chosen at run time: a branch of `cond ? 'rtm.connect' : 'rtm.start'`, or a constant holding one. */
function isChosenName(resolver: Resolver, node: Node): boolean {
  const choice = (n: Node | undefined): boolean => n?.type === AST_NODE_TYPES.ConditionalExpression || n?.type === AST_NODE_TYPES.LogicalExpression;
  return choice(node.parent) || choice(unwrap(resolveConst(resolver, node)));
}

function argsInfo(arg: Node | undefined): { argsNode: Node | undefined; argsKnown: boolean } {
  if (!arg) return { argsNode: undefined, argsKnown: true };
  const bare = unwrap(arg);
  if (bare.type !== AST_NODE_TYPES.ObjectExpression) return { argsNode: arg, argsKnown: false };
  const known = bare.properties.every((p) => p.type === AST_NODE_TYPES.Property && !p.computed);
  return { argsNode: bare, argsKnown: known };
}

/** A client's site gathers what its `authenticated` handlers, `start()` results and `dataStore` read. */
function clientSite(resolver: Resolver, sites: readonly RtmSite[], site: RtmSite & { construction: TSESTree.NewExpression }, form: 'legacy-client' | 'rtm-client-option'): FoundSite {
  const same = sites.filter((s) => 'construction' in s && s.construction === site.construction);
  const reads = same.flatMap((s) => followResponse(resolver, s).reads);
  const escapes = significant(same.flatMap((s) => followResponse(resolver, s).escapes));
  if (form === 'legacy-client' && site.kind === 'client-start') {
    const own = ownReason(site.call, CODEMOD_MESSAGES.legacyClient, resolver.file);
    const madeIn = site.madeIn ? { madeIn: site.madeIn } : {};
    return { form, node: site.call, argsNode: undefined, argsKnown: true, reads, escapes: [own, ...escapes], connect: false, literal: false, construction: site.construction, ...madeIn };
  }
  const property = site.kind === 'client-option' ? site.property : undefined;
  return { form, node: site.construction, argsNode: property, argsKnown: true, reads, escapes, connect: false, literal: false, construction: site.construction };
}

/** The current `RTMClient` (it calls `rtm.connect`): planned only when start-only fields are read off its data. */
function connectClientSite(resolver: Resolver, site: ClientSite): FoundSite {
  const flow = followResponse(resolver, site);
  return { form: 'method-call', node: site.call, argsNode: undefined, argsKnown: true, reads: flow.reads, escapes: significant(flow.escapes), connect: true, literal: false };
}

/**
 * A listener of the `'rtm.start'` event that reads start-only fields or hands the answer on: a TODO, no
 * rewrite (the answer is published by a request elsewhere; the listener's data must come from the
 * replacement methods). One that reads only `rtm.connect`'s fields is no site (see no-rtm-start-only-fields).
 */
function startListenerSite(resolver: Resolver, site: StartListenerSite): FoundSite | undefined {
  const flow = followResponse(resolver, site);
  const startOnly = [...new Set(flow.reads.map((r) => r.path).filter(isReportableRead))];
  const handedOn = significant(flow.escapes);
  if (startOnly.length === 0 && handedOn.length === 0) return undefined;
  const own = ownReason(site.call, startListenerMessage(startOnly, handedOn.map((e) => e.path)), resolver.file);
  return { form: 'start-listener', node: site.call, argsNode: undefined, argsKnown: true, reads: flow.reads, escapes: [own, ...handedOn], connect: false, literal: false };
}

/** `robot.adapter.client.rtm.dataStore` (`msg.robot…` too): hubot-slack's client's store (blind s72/13). */
function isHubotStore(resolver: Resolver, store: Node): boolean {
  const bare = unwrap(store);
  // `const dataStore = robot.adapter.client.rtm.dataStore`, then `dataStore.getChannelByName(…)` (blind s77/08).
  const variable = bare.type === AST_NODE_TYPES.Identifier ? variableOf(resolver, bare) : undefined;
  const held = variable ? singleValueOf(variable) : undefined;
  const member = held ? unwrap(held) : bare;
  const path = member.type === AST_NODE_TYPES.MemberExpression ? memberPath(resolver, member) : undefined;
  return path !== undefined && (path === HUBOT_SLACK.store || path.endsWith(`.${HUBOT_SLACK.store}`));
}

/** Reads of the legacy `dataStore` (or of the response a store's `cacheRtmStart` gets) away from the client that starts. */
function dataStoreSite(resolver: Resolver, site: DataStoreSite | StoreCacheSite | ClientSite): FoundSite {
  const flow = followResponse(resolver, site);
  const node = site.kind === 'store-cache' ? site.fn : site.kind === 'data-store' ? lookupCall(site.store) : site.call;
  // An AUTHENTICATED handler reads no `dataStore`: what it misses is the start this file does not make.
  const reason =
    site.kind === 'client-authenticated'
      ? CODEMOD_MESSAGES.authenticatedStartedElsewhere([...new Set(flow.reads.map((r) => r.path))].filter(isStartOnlyField).sort())
      : site.kind === 'data-store' && isHubotStore(resolver, site.store)
        ? CODEMOD_MESSAGES.hubotDataStore
        : CODEMOD_MESSAGES.legacyDataStore;
  const own = ownReason(node, reason, resolver.file);
  const lookup =
    site.kind === 'data-store'
      ? { storeLookup: true, ...(site.construction ? { construction: site.construction } : {}) }
      : site.kind === 'client-authenticated'
        ? { startedElsewhere: true as const, construction: site.construction, ...(site.madeIn ? { madeIn: site.madeIn } : {}) }
        : {};
  return { form: 'legacy-data-store', node, argsNode: undefined, argsKnown: true, reads: flow.reads, escapes: [own, ...significant(flow.escapes)], connect: false, literal: false, ...lookup };
}

/** `store.getUserById(id)`: the call a TODO goes above (the store itself when it is not called on). */
function lookupCall(store: Node): Node {
  const member = store.parent;
  const call = member?.parent;
  return member?.type === AST_NODE_TYPES.MemberExpression && call?.type === AST_NODE_TYPES.CallExpression && call.callee === member ? call : store;
}

/** A raw HTTP request to `rtm.start`: its response is followed where the request's result is read (`res.data`, `JSON.parse(body)`). */
function urlSite(text: string, node: Node, flow: Flow): FoundSite {
  const request = describeHttpCall(text, node);
  const own = ownReason(node, CODEMOD_MESSAGES.rawHttp(request), undefined);
  const escapes = [own, ...significant(flow.escapes)];
  return { form: 'raw-url', node, argsNode: undefined, argsKnown: false, reads: flow.reads, escapes, connect: false, literal: spellsRtmStart(text, node), request };
}

function tableSite(node: Node): FoundSite {
  const own = ownReason(node, CODEMOD_MESSAGES.methodTable, undefined);
  return { form: 'method-table', node, argsNode: undefined, argsKnown: false, reads: [], escapes: [own], connect: false, literal: false };
}

/**
 * A library's own request to `rtm.start` (`bot.listen(…)` of the `slack` package's bot, `login()`, `startRTM()`,
 * `new SlackBot(…)`, `new slackAPI(…)`): the call has no method to change. It goes through the library's wrapper of the
 * generated module where one fits (`library`; helperModuleFits decides), else a TODO.
 */
function libraryStartSite(site: LibraryStartSite, parsed: ParsedFile): FoundSite {
  const { call } = site;
  const unfit = site.library === 'slack-package' ? slackPackageUnfit(parsed, site.fork) : undefined;
  const own = ownReason(call, libraryStartReason(site, unfit), undefined);
  // Only the `slack` package's `listen` takes `rtm.start`'s arguments; `login()` takes none, `startRTM`'s is its callback.
  const argsNode = site.library === 'slack-package' ? site.call.arguments[0] : undefined;
  // The app's own object is no bot the generated module can wrap, nor is what an absent copy of Botkit makes known to be one: a TODO. slackbots' constructor run on an
  // instance (an ES5 subclass) has the instance wrapped, not the class; slackbotapi's has nothing that fits
  // (its wrapper is a class, which cannot be `.call`ed): a TODO. So has a `slack` package bot the wrapper cannot start (slackPackageUnfit).
  // A subclass or a bot whose own `_api` / `reqAPI` would stand in front of the wrapper's: a TODO naming it.
  const overridden = (site.library === 'slackbots' || site.library === 'slackbotapi') && site.override !== undefined;
  const library = (site.library === 'botkit' && (site.appObject || site.vendoredFrom !== undefined)) || runsSlackbotapiOnInstance(site) || overridden || unfit !== undefined ? {} : { library: runsSlackbotsOnInstance(site) ? 'slackbots-call' as const : site.library };
  // A slack-client 1.x client's extras read through its maps and methods (`client.getUnreadCount()`), which the wrapper then asks for.
  const reads = site.library === 'slack-client' && library.library === 'slack-client' ? slackClientReads(parsed.resolver, site.call).map((r) => ({ ...r, file: undefined })) : [];
  const reach = library.library === undefined ? {} : { libraryReach: libraryReach(parsed.resolver, site, library.library) };
  const unfilled = site.library === 'slackbots' && site.unfilledRead && site.version ? { read: site.unfilledRead, version: site.version } : undefined;
  const why = unfilled ? { libraryWhy: CODEMOD_MESSAGES.slackbotsListsUnfilled(unfilled.version, parsed.text.slice(...unfilled.read.range), unfilled.read.loc.start.line) } : {};
  return { form: 'library-start', node: call, argsNode, argsKnown: false, reads, escapes: [own], connect: false, literal: false, ...library, ...reach, ...why };
}

/** What a slackbots / slackbotapi site whose method the app overrides makes: a bot (`new`), an instance it runs the constructor on (an ES5 subclass), or a class. */
function overriddenForm(site: LibraryStartSite): 'bot' | 'instance' | 'class' {
  if (site.call.type === AST_NODE_TYPES.NewExpression) return 'bot';
  return site.call.type === AST_NODE_TYPES.CallExpression ? 'instance' : 'class';
}

/**
 * Why `withSlackPackageRtmStart()` cannot start a `slack` package bot of this file: a TypeScript file not
 * known to compile to CommonJS (the wrapper loads the package's `ws` through `require`), or a bot of a fork of
 * the package (`fork`: the wrapper loads `slack` itself). Every release with `rtm.client()` goes through it
 * (what a release lacks is called through its own `methods/_exec`): the wrapper itself refuses, naming the
 * problem, a package without either.
 */
function slackPackageUnfit(parsed: ParsedFile, fork: string | undefined): string | undefined {
  if (fork !== undefined) return CODEMOD_MESSAGES.slackPackageFork(fork);
  const emit = typescript(parsed) ? notCommonJsEmit(parsed.file) : undefined;
  return emit === undefined ? undefined : CODEMOD_MESSAGES.slackPackageBotTypescript(emit);
}

/** The TODO of a library's own start; `unfit`: why the `slack` package's wrapper cannot start it (slackPackageUnfit). */
function libraryStartReason(site: LibraryStartSite, unfit: string | undefined): string {
  switch (site.library) {
    case 'slack-package':
      return CODEMOD_MESSAGES.slackPackageBot(SLACK_PACKAGE.botThroughMajor, unfit);
    case 'slack-client':
      return CODEMOD_MESSAGES.slackClientLogin;
    case 'botkit':
      if (site.vendoredFrom !== undefined) return CODEMOD_MESSAGES.botkitStartRtmVendored(site.vendoredFrom, BOTKIT.connectSince.join('.'));
      return site.appObject ? CODEMOD_MESSAGES.botkitStartRtmAppObject(BOTKIT.connectSince.join('.')) : CODEMOD_MESSAGES.botkitStartRtm(BOTKIT.connectSince.join('.'), site.version);
    case 'slackbots':
      if (site.override !== undefined) return CODEMOD_MESSAGES.libraryMethodOverridden('slackbots', SLACKBOTS.request, site.override, overriddenForm(site));
      return CODEMOD_MESSAGES.slackbotsLogin(SLACKBOTS.connectSince.join('.'), site.version, runsSlackbotsOnInstance(site));
    case 'slackbotapi':
      if (site.override !== undefined) return CODEMOD_MESSAGES.libraryMethodOverridden('slackbotapi', SLACKBOTAPI.request, site.override, overriddenForm(site));
      return runsSlackbotapiOnInstance(site) ? CODEMOD_MESSAGES.slackbotapiCall : CODEMOD_MESSAGES.slackbotapiLogin;
  }
}

/**
 * A start of a holder given several values, one of them a v3 client: a TODO naming that one; a `login()`
 * of a `slack-client` 1.x client required from a module not followed: a TODO naming the module.
 */
function unfollowedClientSite(text: string, { call, candidate, slackClient, slackClientFrom, received, handedToBase, chosen, unknownModule, moduleChosen }: UnfollowedClientSite): FoundSite {
  if (chosen) {
    // Whichever `new` made it, a v3 client: the generated helper module's run-time start takes it over, as for one handed in.
    const evidence = `every value of \`${chosen.receiver}\` is a v3 \`new RtmClient(…)\`, line${chosen.lines.length > 1 ? 's' : ''} ${chosen.lines.join(', ')}`;
    return { form: 'unfollowed-client', node: call, ...argsInfo(call.arguments[0]), reads: [], escapes: [], connect: false, literal: false, rtmClientMember: evidence, rtmClientStart: evidence, clientChosen: chosen };
  }
  if (received) {
    // Started like `x.rtm.start()` of a client made elsewhere: through the generated helper module's run-time check where it is a statement.
    const { evidence, startable } = received;
    return { form: 'unfollowed-client', node: call, ...argsInfo(call.arguments[0]), reads: [], escapes: [], connect: false, literal: false, rtmClientMember: evidence, ...(startable ? { rtmClientStart: evidence } : {}), clientReceived: received };
  }
  const made = candidate.type === AST_NODE_TYPES.NewExpression ? `\`new ${text.slice(candidate.callee.range[0], candidate.callee.range[1])}(…)\`` : spelledOut(text, candidate);
  const where = `${made}, line ${candidate.loc.start.line}`;
  // Made in this file and handed to the base class: made through the generated module's withLegacyRtmStart(), whatever starts it.
  if (handedToBase && candidate.type === AST_NODE_TYPES.NewExpression) return { form: 'unfollowed-client', node: call, argsNode: undefined, argsKnown: true, reads: [], escapes: [], connect: false, literal: false, clientToBase: { made: candidate, where } };
  const reason = handedToBase ? CODEMOD_MESSAGES.legacyClientToBase(where) : moduleChosen !== undefined ? CODEMOD_MESSAGES.legacyClientModuleChosen(moduleChosen, where) : unknownModule !== undefined ? CODEMOD_MESSAGES.legacyClientOfUnknownModule(unknownModule, where) : slackClientFrom === undefined ? CODEMOD_MESSAGES.legacyClientUnfollowed(where, slackClient === true) : CODEMOD_MESSAGES.slackClientLoginRequired(slackClientFrom);
  const own = ownReason(call, reason, undefined);
  return { form: 'unfollowed-client', node: call, argsNode: call.arguments[0], argsKnown: false, reads: [], escapes: [own], connect: false, literal: false };
}

/** Short code as a report names it: `` `fetch(…)` `` for a call, else the code itself (cut at 48 characters). */
function spelledOut(text: string, node: Node): string {
  const spelled = (n: Node): string => text.slice(n.range[0], n.range[1]).replace(/\s+/g, ' ');
  const code = node.type === AST_NODE_TYPES.CallExpression ? `${spelled(node.callee)}(…)` : spelled(node);
  return `\`${code.length > 48 ? `${code.slice(0, 45)}…` : code}\``;
}

/** `rtm.start` as a string handed where it is not followed: a TODO naming where it goes. */
function unfollowedNameSite(text: string, node: Node, use: Node): FoundSite {
  const where = `${spelledOut(text, use)} (line ${use.loc.start.line})`;
  const own = ownReason(node, CODEMOD_MESSAGES.unfollowedName(where), undefined);
  return { form: 'unfollowed-name', node, argsNode: undefined, argsKnown: false, reads: [], escapes: [own], connect: false, literal: false };
}

/** The call a URL is given to: `` `fetch(…)` ``, else "the request". */
function describeHttpCall(text: string, node: Node): string {
  for (let p: Node | undefined = node.parent; p; p = p.parent) {
    // A call around the function the URL is in is not the request (`db.find(q, () => { … url … })`).
    if (p.type === AST_NODE_TYPES.ArrowFunctionExpression || p.type === AST_NODE_TYPES.FunctionExpression || p.type === AST_NODE_TYPES.FunctionDeclaration) break;
    // `encodeURI(url)` only encodes the URL on its way to the request.
    if (p.type === AST_NODE_TYPES.CallExpression && !(p.callee.type === AST_NODE_TYPES.Identifier && URI_ENCODERS.has(p.callee.name)) && p.arguments.some((a) => within(node, a))) {
      return `\`${text.slice(p.callee.range[0], p.callee.range[1]).replace(/\s+/g, '').slice(0, 40)}(…)\``;
    }
  }
  return 'the request';
}

/** The literal's own source text names `rtm.start` as a URL path (not through a constant or an escape). */
function spellsRtmStart(text: string, node: Node): boolean {
  const isString = (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') || node.type === AST_NODE_TYPES.TemplateLiteral;
  return isString && /(^|[/`'"}])rtm\.start(?=$|[?#`'"$])/.test(text.slice(node.range[0], node.range[1]));
}
