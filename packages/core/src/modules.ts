import { deepFreeze } from './freeze.js';

/** Which npm modules provide Slack's RTM clients, and which specifiers may provide a Slack client at all. */

/** Modules whose `RTMClient` is `@slack/rtm-api`'s (v4+: `start()` uses `rtm.connect` unless `useRtmConnect: false`). */
export const RTM_CLIENT_MODULES: readonly string[] = deepFreeze(['@slack/rtm-api', '@slack/client']);

/** Modules whose `RtmClient` is the legacy v3 client that starts with `rtm.start` (reference §6). */
export const LEGACY_RTM_CLIENT_MODULES: readonly string[] = deepFreeze(['@slack/client', 'slack-client']);

/**
 * The files of the Slack SDKs that stand for one of their exports, by package and path inside it (no
 * extension): the file's module is that export (`lib/clients/rtm/client` of the legacy SDK is its
 * `RtmClient` class), or `*` when the file exports by name what the package exports by the same names
 * (`dist/WebClient` exports `WebClient`). The SDK's own examples and compiled `dist/` require them by
 * relative paths (`require('../lib/clients/rtm/client')`, `require('./WebClient')`), apps by deep
 * imports (`require('@slack/client/lib/clients/rtm/client')`). A package's `main` is the package.
 */
export const SDK_FILES: Readonly<Record<string, Readonly<Record<string, string>>>> = deepFreeze({
  '@slack/client': {
    'lib/clients/rtm/client': 'RtmClient',
    'lib/clients/web/client': 'WebClient',
    'lib/data-store/memory-data-store': 'MemoryDataStore',
    'dist/RTMClient': '*',
    'dist/WebClient': '*',
  },
  'slack-client': {
    'lib/clients/rtm/client': 'RtmClient',
    'lib/clients/web/client': 'WebClient',
    'lib/data-store/memory-data-store': 'MemoryDataStore',
  },
  '@slack/rtm-api': { 'dist/RTMClient': '*' },
  '@slack/web-api': { 'dist/WebClient': '*' },
});

/** How a legacy SDK release's `makeAPICall` takes `rtm.start`'s arguments and hands back its answer. */
export interface FacetContract {
  /**
   * `required-optional`: `makeAPICall(method, requiredArgs, optionalArgs, callback)` (3.x), the facet's
   * `start` is `return this.makeAPICall('rtm.start', null, opts, optCb)`; `opts-in-data`:
   * `makeAPICall(method, { opts }, callback)` (2.x), the facet's `start` is `var args = { opts: opts };
   * return this.makeAPICall('rtm.start', args, optCb)`.
   */
  readonly call: 'required-optional' | 'opts-in-data';
  /** On `ok: false` the callback gets `(new Error(res.error), res)` (`error-and-answer`) or `(null, res)` (`answer`). */
  readonly okFalse: 'error-and-answer' | 'answer';
  /** Without a callback: a bluebird promise that rejects on `ok: false`, or nothing (the answer goes to a no-op). */
  readonly promise: 'bluebird' | 'none';
  /** From this release an `opts` that is a function is the callback (`start(cb)`, `getAPICallArgs`); never when absent. */
  readonly optionsAsCallbackSince?: readonly number[];
}

/**
 * The legacy SDKs' web facet whose `start(opts, optCb)` is Slack's `rtm.start`, by package and
 * releases (`since` included, `before` not), with the files (the facet, and the RTM client that calls
 * it as `this._rtm.start(opts, bind(this._onStart, this))`) and the contract of its `makeAPICall`,
 * the web (or RTM) client's own, bound and handed to the facet's constructor. Read off each release in
 * `readFrom` (their `client.js`, `helpers.js`, `transports/call-transport.js`): with a callback
 * `makeAPICall` queues the request, returns nothing and calls back once; the RTM client's `_onStart`
 * reads Slack's `error` off the second argument to choose between disconnecting (`invalid_auth`…)
 * and reconnecting, so the answer stays there.
 */
export interface SdkRtmStartFacet {
  readonly module: string;
  readonly since: readonly number[];
  readonly before: readonly number[];
  /** The facet's file and its RTM client's, inside the package, without extension. */
  readonly files: readonly { readonly facet: string; readonly client: string }[];
  /** How the RTM client calls the facet. */
  readonly clientCall: string;
  readonly contract: FacetContract;
  readonly readFrom: readonly string[];
}

const LEGACY_FILES = [{ facet: 'lib/clients/web/facets/rtm', client: 'lib/clients/rtm/client' }] as const;
const V2_CONTRACT = { call: 'opts-in-data', okFalse: 'answer' } as const;

export const SDK_RTM_START_FACETS: readonly SdkRtmStartFacet[] = deepFreeze([
  {
    module: '@slack/client',
    since: [3, 0, 0],
    before: [4, 0, 0],
    // 3.16.0 also ships `dist/lib/`, a compiled copy of `lib/`.
    files: [...LEGACY_FILES, { facet: 'dist/lib/clients/web/facets/rtm', client: 'dist/lib/clients/rtm/client' }],
    clientCall: 'this._rtm.start',
    // 3.0.0 and 3.1.0 have no `getAPICallArgs`: `start(cb)` gets a promise there.
    contract: { call: 'required-optional', okFalse: 'error-and-answer', promise: 'bluebird', optionsAsCallbackSince: [3, 4, 0] },
    readFrom: ['3.0.0', '3.1.0', '3.4.0', '3.5.0', '3.6.0', '3.8.1', '3.9.0', '3.10.0', '3.16.0'],
  },
  { module: '@slack/client', since: [2, 1, 0], before: [3, 0, 0], files: LEGACY_FILES, clientCall: 'this._rtm.start', contract: { ...V2_CONTRACT, promise: 'bluebird' }, readFrom: ['2.1.0', '2.3.0'] },
  { module: '@slack/client', since: [2, 0, 0], before: [2, 1, 0], files: LEGACY_FILES, clientCall: 'this._rtm.start', contract: { ...V2_CONTRACT, promise: 'none' }, readFrom: ['2.0.4'] },
  { module: 'slack-client', since: [2, 0, 0], before: [3, 0, 0], files: LEGACY_FILES, clientCall: 'this._rtm.start', contract: { ...V2_CONTRACT, promise: 'none' }, readFrom: ['2.0.1', '2.0.6'] },
]);

/**
 * The later SDKs' own WebClient `rtm.start`: a method bound to the client's `apiCall`, by package,
 * releases and file, and the binders that write it there: `this.apiCall.bind(this, 'rtm.start')`
 * (`@slack/client` 4.x `dist/WebClient`) or `bindApiCall(this, 'rtm.start')` /
 * `bindApiCallWithOptionalArgument(…)` (`@slack/web-api` 5.x to 7.x `dist/methods`, a function of that
 * file returning `self.apiCall.bind(self, method)`; 8.x has no `rtm.start`). Read off `readFrom`:
 * `apiCall(method, options)` resolves Slack's `ok: true` answer and rejects with the SDK's platform
 * error (its `data` is Slack's answer) on `ok: false`; `callback`: 4.x's also takes
 * `apiCall(method, options, callback)`, calls it back once through `callbackify` (`(err)` or
 * `(null, result)`) and returns nothing (it logs a deprecation warning first).
 */
export const SDK_BOUND_RTM_START = deepFreeze([
  { module: '@slack/client', since: [4, 0, 0] as const, before: [5, 0, 0] as const, file: 'dist/WebClient', binders: ['this.apiCall.bind'] as const, callback: true, readFrom: ['4.0.0', '4.12.0'] as const },
  {
    module: '@slack/web-api',
    since: [5, 0, 0] as const,
    before: [8, 0, 0] as const,
    file: 'dist/methods',
    binders: ['bindApiCall', 'bindApiCallWithOptionalArgument'] as const,
    callback: false,
    readFrom: ['5.15.0', '6.13.0', '7.19.0'] as const,
  },
]);

export type SdkBoundRtmStart = (typeof SDK_BOUND_RTM_START)[number];

/** The bound `rtm.start` fact for a file of a release of `pkg` (its path inside the package, no extension). */
export function sdkBoundRtmStart(pkg: string, version: string, path: string): SdkBoundRtmStart | undefined {
  return SDK_BOUND_RTM_START.find((f) => f.module === pkg && f.file === path && inReleases(version, f));
}

/** True when `version` (`3.16.0`, `3.16.1-sec`) is at or after `since` (`[3, 4, 0]`); a prerelease (`2.0.0-beta.2`) comes before its release. */
export function releaseAtLeast(version: string, since: readonly number[]): boolean {
  const [numbers = '', prerelease] = version.split(/-(.*)/);
  const parts = numbers.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const differ = since.findIndex((n, i) => (parts[i] ?? 0) !== n);
  return differ < 0 ? prerelease === undefined : (parts[differ] ?? 0) > (since[differ] ?? 0);
}

/** `version` is one of the releases from `since` up to, not including, `before`. */
function inReleases(version: string, releases: { readonly since: readonly number[]; readonly before: readonly number[] }): boolean {
  return releaseAtLeast(version, releases.since) && !releaseAtLeast(version, releases.before);
}

/** The facet fact for a release of `pkg`, when its `rtm.start` facet is listed for that release. */
export function sdkRtmStartFacet(pkg: string, version: string): SdkRtmStartFacet | undefined {
  return SDK_RTM_START_FACETS.find((f) => f.module === pkg && inReleases(version, f));
}

/**
 * The legacy SDK a package published under a name of its own is a copy of (a fork: `slack-talkus`, @slack/client
 * 3.14 renamed, blind s135/05): the first whose rtm facet and RtmClient files, as listed for the package's
 * version, it holds (`has`: a path inside the package, `/`-separated, no extension). Undefined for any other.
 */
export function forkedSdk(version: string, has: (path: string) => boolean): string | undefined {
  return SDK_RTM_START_FACETS.find((f) => inReleases(version, f) && f.files.some((pair) => has(pair.facet) && has(pair.client)))?.module;
}

/** The export of `pkg` that its file at `path` (inside the package, `/`-separated, extension optional) stands for. */
export function sdkFileExport(pkg: string, path: string): string | undefined {
  return SDK_FILES[pkg]?.[path.replace(/\.[cm]?js$/, '')];
}

/**
 * The legacy v3 `RtmClient` required by its file (`@slack/client/lib/clients/rtm/client`): the module
 * itself is the class.
 */
export function isLegacyRtmClientModule(specifier: string): boolean {
  const pkg = LEGACY_RTM_CLIENT_MODULES.find((name) => specifier.startsWith(`${name}/`));
  return pkg !== undefined && sdkFileExport(pkg, specifier.slice(pkg.length + 1)) === 'RtmClient';
}

/** `module` (a specifier) is the package `name` or a file of it (`@slack/client/lib/clients/rtm/client`). */
export function isPackageOrFile(module: string | undefined, name: string): boolean {
  return module === name || module?.startsWith(`${name}/`) === true;
}

/**
 * True when an import specifier may provide a Slack client: `@slack/*`, anything named `slack`, and
 * relative paths (the app's own wrapper). A bare specifier without `slack` in it is another vendor's
 * module, whose `rtm.start` is not Slack's.
 */
export function isPossiblySlackModule(specifier: string): boolean {
  return /slack/i.test(specifier) || specifier.startsWith('.') || specifier.startsWith('/');
}

/**
 * The legacy client takes `useRtmConnect: true` (and then starts with `rtm.connect`) only in
 * `@slack/client` 3.10.0 and later; `slack-client` (its name up to 2.x) always calls `rtm.start`, and
 * so does `@slack/client` 2.x (`major2`: the same 2.x client published under its new name, with the
 * same `_rtm.start(opts, cb)` facet and `makeAPICall(method, { opts }, cb)` queue). `v3Removed`: the
 * major (4.0.0) that removed the v3 client API: no `RtmClient` export (v4's is `RTMClient`, which
 * starts with `rtm.connect`), no data stores, no `CLIENT_EVENTS` (v4 migration guide). `defaultStoreSince`:
 * from 3.4.0 a client given no `dataStore` option makes a `MemoryDataStore` of its own (`if
 * (isUndefined(clientOpts.dataStore)) this.registerDataStore(new MemoryDataStore())` in
 * lib/clients/rtm/client.js; 3.1.0 and the 2.x releases register only a store they are given), and
 * `dataStore: false` keeps it from making one.
 */
export const LEGACY_RTM_CONNECT_SUPPORT = deepFreeze({ module: '@slack/client', since: [3, 10, 0] as const, before: 'slack-client', major2: 2, v3Removed: 4, defaultStoreSince: '3.4.0' });

/**
 * How a @slack/client v3 RtmClient (3.16.0 read) paces its starts. After a failed start its reconnect()
 * starts again at once: it has no delay of its own, and its `rtm.start` was paced by Slack's rate limit
 * (429 + Retry-After, which its request queue waits out). That queue retries a failed request after
 * `retryFirstMs`, times `retryFactor` each further time (node-retry's defaults, which its default policy keeps).
 */
export const LEGACY_RTM_RESTART = deepFreeze({ retryFirstMs: 1000, retryFactor: 2 });

/**
 * The `slack` npm package (github.com/smallwins/slack): an object of Web API methods generated from
 * Slack's method list, each `method(params, callback)` with the token in `params`. Read off its
 * published versions (each one's method list, `api.json`): `rtm.connect` is there from 8.3.0,
 * `conversations.list` and `conversations.members` from 8.4.0; from 9.0.0 a method called without a
 * callback returns a promise, and the module is also a factory, `new Slack({ token })`, whose methods
 * add that token; 8.x's `slack.api.client(token)` (callbacks only, the same method list) is gone from 9.0.0. 11.0.2 is the last version checked (the latest published). No version has
 * `team.preferences.list`. Its RTM bot, `slack.rtm.client()`, is there from 5.x through 8.x
 * (`botThroughMajor`; 9.0.0 dropped it): in every one of those versions the bot's `listen(params, cb)`
 * calls the package's own `rtm.start` with `params`, opens a WebSocket at the answer's `url` and hands the
 * whole answer to its `started` handlers and to `cb`. It has no option to call `rtm.connect` instead.
 * Every release with `rtm.client()` (`execSince`, the first published one with it, 5.3.0, through 8.4.2;
 * read off 5.3.0, 6.1.0, 6.2.0, 7.0.1, 7.5.7, 7.7.3, 8.1.1, 8.2.7 and 8.4.2) calls Slack through its own
 * `methods/_exec.js`, `exec(method, form, callback)` posting `form` to the method's URL: a method a release
 * has no function for goes through it (5.x–7.x delete `ok` from the answers).
 */
export const SLACK_PACKAGE = deepFreeze({
  module: 'slack',
  connectSince: [8, 3, 0] as const,
  conversationsSince: [8, 4, 0] as const,
  promisesSince: [9, 0, 0] as const,
  execSince: [5, 3, 0] as const,
  botThroughMajor: 8,
  checkedThroughMajor: 11,
  missingMethods: ['team.preferences.list'] as const,
});

/**
 * `slack-client` 1.x (its CoffeeScript SDK, before 2.0 made it the `RtmClient` of `@slack/client`): the
 * module itself is the client class, `new Slack(token, autoReconnect, autoMark)`, and its `login()` requests
 * `rtm.start` (read off 1.5.1's `src/client.js`: `login` is `this._apiCall('rtm.start', …, this._onLogin)`)
 * and opens the socket at the answer's `url`, keeping its users, channels and groups. No 1.x release has
 * `rtm.connect`; from 2.0.0 the module is an object of classes, no longer constructed itself.
 */
export const SLACK_CLIENT_1 = deepFreeze({
  module: 'slack-client',
  start: 'login',
  throughMajor: 1,
  /**
   * Events its client emits that name it (`'open'` once the socket is up, `'loggedIn'` with `self` and
   * `team`); not `'message'`, which other chat clients with a `login()` emit too.
   */
  events: ['open', 'loggedIn'],
  /**
   * What its client holds that names it (`self`, `team`, `dms`) and its look-ups; not `users` or
   * `channels`, which other chat clients with a `login()` hold too.
   */
  members: ['self', 'team', 'dms', 'getUserByID', 'getUserByName', 'getChannelByID', 'getChannelByName', 'getDMByID', 'getDMByName', 'getGroupByID', 'getGroupByName', 'getChannelGroupOrDMByID', 'getChannelGroupOrDMByName'],
  /** Look-ups no other client spells: a call of one names a `slack-client` 1.x client even where no package.json says so. */
  ownMethods: ['getChannelGroupOrDMByID', 'getChannelGroupOrDMByName'],
  /**
   * The client's maps of `rtm.start`'s lists (`client.dms` holds `ims`): `_onLogin` copies each item into a
   * User, Channel, DM or Group of its own, key by enumerable key (`for (k in data) this[k] = data[k]`), so
   * what the item carries as a non-enumerable getter is not copied. 1.5.1's `src/client.js`, `src/channel.js`.
   */
  lists: { users: 'users', channels: 'channels', groups: 'groups', dms: 'ims' },
  /** What `_onLogin` keeps of the data, all the app can reach: copies of `self` and the lists, and a Team of `team`'s id, name and domain (`prefs` its own, empty). */
  keeps: ['url', 'self', 'team.id', 'team.name', 'team.domain', 'users', 'channels', 'groups', 'ims'],
  /** Its look-ups (`src/client.js`), by the lists whose items they answer. */
  lookups: {
    getUserByID: ['users'],
    getUserByName: ['users'],
    getUserByEmail: ['users'],
    getChannelByID: ['channels'],
    getChannelByName: ['channels'],
    getDMByID: ['ims'],
    getDMByName: ['ims'],
    getGroupByID: ['groups'],
    getGroupByName: ['groups'],
    getChannelGroupOrDMByID: ['channels', 'groups', 'ims'],
    getChannelGroupOrDMByName: ['channels', 'groups', 'ims'],
  },
  /**
   * Its methods that read item attributes themselves (`src/client.js`): `getUnreadCount()` sums and
   * `getChannelsWithUnreads()` filters on the `unread_count` of every channel, DM and group it holds.
   */
  itemReads: {
    getUnreadCount: ['channels[].unread_count', 'ims[].unread_count', 'groups[].unread_count'],
    getChannelsWithUnreads: ['channels[].unread_count', 'ims[].unread_count', 'groups[].unread_count'],
  },
  /**
   * The release from which those methods walk the DMs it keeps (`this.dms`): through 1.4.1 they walk
   * `this.ims`, which the client never sets (1.4.1's `src/client.js`), so they read no DM's `unread_count`.
   */
  itemReadsDmsSince: [1, 5, 0] as const,
});

/**
 * Botkit (npm `botkit`): a worker its Slack controller spawns (`Botkit.slackbot(…).spawn({ token })`)
 * opens the socket with `startRTM(cb)`, which through 0.5.3 requests `bot.api.rtm.start` and from 0.5.4 on
 * `bot.api.rtm.connect` (read off both releases' `lib/Slackbot_worker.js`).
 */
export const BOTKIT = deepFreeze({
  module: 'botkit',
  controller: 'slackbot',
  start: 'startRTM',
  connectSince: [0, 5, 4] as const,
  /**
   * The parts of `rtm.start`'s data a worker keeps where the app can read them (`bot.identity`, `bot.team_info`);
   * the whole data reach only `startRTM`'s callback, as its argument at `payloadArgument` (`cb(null, bot, res)`,
   * 0.2.2 and 0.4.10; Botkit's own reconnect passes a callback that reads only the error).
   */
  keeps: ['self', 'team'],
  payloadArgument: 2,
  /** The worker's members that hold those parts (`bot.identity = res.self`, `bot.team_info = res.team`), which every handler's `bot` has. */
  keptAs: { identity: 'self', team_info: 'team' },
  /**
   * What Botkit itself reads of the data, 0.0.5 to 0.5.3: the socket's `url`; `identity.id` and `.name` (its
   * own messages, mentions, logs, `identifyBot()`), `team_info.id` (`identifyTeam()`, Studio's stats). It
   * stores nothing else of the answer, hands no event more than the bot, and a conversation's templates get
   * `identity` (`{{identity.name}}`, CoreBot's `replaceTokens`), which is the app's text to read.
   */
  reads: ['url', 'self.id', 'self.name', 'team.id'],
  /**
   * Where Botkit hands the worker to a function of the app, at the parameter named (0.x's `CoreBot.js` and
   * `Slackbot_worker.js`): `controller.hears(…, fn(bot, message))`, `controller.on(event, fn(bot, …))`,
   * `controller.spawn(config, fn(bot))` (which also returns it), `bot.startRTM(fn(err, bot, payload))`, and
   * `controller.middleware.<stage>.use(fn(bot, message, next))`; anything the app hands it on to may read its
   * `identity` and `team_info`.
   */
  handsWorker: { hears: 0, on: 0, spawn: 0, startRTM: 1, use: 0 },
  spawn: 'spawn',
  /** The controller's member whose stages' `use(fn)` take middleware (`controller.middleware.receive.use`). */
  middleware: 'middleware',
});

/**
 * hubot-slack, Hubot's Slack adapter, makes an `@slack/client` 3 `RtmClient` and starts it; from 4.4.0 with the
 * options `HUBOT_SLACK_RTM_CLIENT_OPTS` holds (JSON: `slackAPIUrl`, `useRtmConnect`…). From 4.10.0 it sets `useRtmConnect: true` unless
 * that variable says otherwise (4.10.0's slack.coffee, citing Slack's 2021 rtm.start changelog), so the client
 * starts with `rtm.connect`. From 4.5.1 its own code no longer reads the client's data store (its message
 * handling fetches users and conversations with the Web API; its `authenticated` handler reads `users` only
 * where present), so `useRtmConnect` set in that variable is all such a release needs; before, 4.4.0's message
 * handler looked every user up in the store, which `rtm.connect` leaves empty. Read off the published releases.
 */
export const HUBOT_SLACK = deepFreeze({
  module: 'hubot-slack',
  connectSince: [4, 10, 0] as const,
  connectOptionSince: [4, 5, 1] as const,
  optionsEnv: 'HUBOT_SLACK_RTM_CLIENT_OPTS',
  optionsEnvSince: [4, 4, 0] as const,
  /** Where a Hubot script reaches the adapter's RTM client's data store (`robot.adapter.client.rtm.dataStore`). */
  store: 'adapter.client.rtm.dataStore',
});

/**
 * SlackBots.js (npm `slackbots`): `new SlackBot({ token, name })` logs in from its constructor (unless
 * given `disconnect: true`, when the app calls `login()` itself). Through 1.2.x `login()` requests
 * `rtm.start` and keeps its `users`, `channels`, `ims` and `groups` on the bot; from 1.3.0 it requests
 * `rtm.connect` and the bot's `get…` methods fetch the lists instead (read off both releases' `index.js`).
 * 1.3.0 also looks groups up with `usergroups.list` rather than `groups.list`, so the upgrade is the app's
 * to check, not a range to raise.
 */
export const SLACKBOTS = deepFreeze({
  module: 'slackbots',
  login: 'login',
  /** Its own Web API call (`this._api(name, params)`), through which its login requests rtm.start. */
  request: '_api',
  connectSince: [1, 3, 0] as const,
  /** What its login keeps of the data on the bot (1.2.0's `index.js`: `this.wsUrl = data.url`, `this.self = data.self`…): all the app can reach. */
  keeps: ['url', 'self', 'team', 'users', 'channels', 'groups', 'ims'],
  /**
   * The bot's lists that login kept from `rtm.start`'s data and no longer fills from connectSince on (1.3.0's
   * `login()` keeps `url`, `self` and `team` of `rtm.connect`'s answer): a bot of such a release reads them as undefined.
   */
  connectLeaves: ['users', 'channels', 'groups', 'ims'],
  /** What the bot itself needs of the data whatever the app reads: the socket's `url` (`connect()`). */
  needs: ['url'],
  /**
   * The parts of the data each member of a bot reads (1.2.0's `index.js`); a list handed to the app whole
   * (`bot.channels`, `getChannels()`, `getChannel(name)`) with its members, which the app may read. A list it
   * does not hold is fetched with a retired method (`getChannels()` falls back on `channels.list`): a member
   * that reads one needs it. Its own calls and EventEmitter's read nothing of it; a member not here may.
   */
  reads: {
    wsUrl: ['url'],
    self: ['self'],
    team: ['team'],
    users: ['users'],
    channels: ['channels', 'channels[].members'],
    groups: ['groups', 'groups[].members'],
    ims: ['ims'],
    getUsers: ['users'],
    getUser: ['users'],
    getUserById: ['users'],
    getUserByEmail: ['users'],
    getUserId: ['users'],
    getChannels: ['channels', 'channels[].members'],
    getChannel: ['channels', 'channels[].members'],
    getChannelById: ['channels', 'channels[].members'],
    getChannelId: ['channels'],
    postMessageToChannel: ['channels'],
    getGroups: ['groups', 'groups[].members'],
    getGroup: ['groups', 'groups[].members'],
    getGroupById: ['groups', 'groups[].members'],
    getGroupId: ['groups'],
    postMessageToGroup: ['groups'],
    getImChannels: ['ims'],
    getChatId: ['users', 'ims'],
    postMessageToUser: ['users', 'ims'],
    postTo: ['channels', 'users', 'groups', 'ims'],
    postMessage: [],
    postEphemeral: [],
    updateMessage: [],
    openIm: [],
    on: [],
    once: [],
    addListener: [],
    removeListener: [],
    removeAllListeners: [],
    off: [],
    token: [],
    name: [],
    ws: [],
  },
});

/**
 * slackbotapi (npm `slackbotapi`, xBytez; 1.3.9 is its only release): `new slackAPI({ token, logging,
 * autoReconnect })` requests `rtm.start` from its constructor, and again on each reconnect, through its own
 * `reqAPI(method, data, callback)` (a form post to the fixed `https://slack.com/api/`, calling back with the
 * parsed body alone, and only on HTTP 200); it keeps `self`, `team`, `channels`, `groups`, `users` and `ims`
 * of the answer in `slackData`, which its look-ups (`getUser`, `getChannel`, `getIM`…) read. No release
 * calls `rtm.connect` (read off 1.3.9's `lib/index.js`).
 */
export const SLACKBOTAPI = deepFreeze({ module: 'slackbotapi', request: 'reqAPI', keeps: ['self', 'team', 'channels', 'groups', 'users', 'ims'] });

/** Every package the facts above are about, by its npm name (all lower case: npm names have had no capitals since 2014). */
const KNOWN_PACKAGES: readonly string[] = [
  ...new Set([
    ...RTM_CLIENT_MODULES,
    ...LEGACY_RTM_CLIENT_MODULES,
    ...Object.keys(SDK_FILES),
    ...SDK_BOUND_RTM_START.map((f) => f.module),
    SLACK_PACKAGE.module,
    SLACK_CLIENT_1.module,
    BOTKIT.module,
    SLACKBOTS.module,
    SLACKBOTAPI.module,
  ]),
];

/** True for a package the facts above are about (by its npm name). */
export function isKnownPackage(name: string): boolean {
  return KNOWN_PACKAGES.includes(name);
}

/**
 * The `main` file of known packages (inside the package, no extension), as every release read names it
 * (botkit 0.2.2–0.6.21 `lib/Botkit.js`, slackbots 0.5.3–1.3.0 `index.js`, slackbotapi 1.3.9 `lib/index.js`,
 * slack-client 1.4.1–2.0.6 and @slack/client 3.16 `./index`): a deep require of it loads the package itself
 * (`require('./node_modules/botkit/lib/Botkit.js')`, blind s54/07).
 */
const PACKAGE_MAINS: Readonly<Record<string, string>> = deepFreeze({ botkit: 'lib/Botkit', slackbots: 'index', slackbotapi: 'lib/index', 'slack-client': 'index', '@slack/client': 'index' });

/**
 * The packages whose client's own start requests `rtm.start` in every release before `connectSince`
 * (in all of them, where absent): what a package the app depends on may start inside itself (blind s60/03:
 * `slack-terminalize`, an npm package whose `index.js` starts an `@slack/client` 2.3 `RtmClient`).
 * `@slack/client`'s v3 `RtmClient` asks `rtm.connect` only when given `useRtmConnect`; v4's `RTMClient` by default.
 */
export const RTM_START_PACKAGES: readonly { readonly module: string; readonly connectSince?: readonly number[] }[] = deepFreeze([
  { module: LEGACY_RTM_CONNECT_SUPPORT.module, connectSince: [LEGACY_RTM_CONNECT_SUPPORT.v3Removed, 0, 0] },
  { module: SLACK_CLIENT_1.module },
  { module: BOTKIT.module, connectSince: BOTKIT.connectSince },
  { module: SLACKBOTS.module, connectSince: SLACKBOTS.connectSince },
  { module: SLACKBOTAPI.module },
]);

/**
 * A bare specifier as the known package it loads: `require('Botkit')` is `botkit`. On a file system that
 * ignores case (macOS's, where such apps were written and run) Node finds `node_modules/botkit` for
 * `Botkit`, and no other package can be meant: npm refuses capitals in new names, and the packages above
 * have none. Only the package's name is matched so (`Botkit/lib/Bot.js` is `botkit/lib/Bot.js`): the path
 * inside it, and a relative or absolute specifier (the app's own files), stay exact, except a relative
 * path into a `node_modules` folder, which loads the known package installed there, and the package's
 * `main` file (PACKAGE_MAINS), which is the package.
 */
export function asKnownPackage(specifier: string): string {
  // `require('./node_modules/slack-client')` (blind s49/01): a path into an installed known package is that package.
  const installed = /^(?:\.{1,2}\/)+(?:[^/]+\/)*?node_modules\/(.+)$/.exec(specifier)?.[1];
  if (installed !== undefined && !installed.startsWith('.')) {
    const known = asKnownPackage(installed);
    const name = known.split('/').slice(0, known.startsWith('@') ? 2 : 1).join('/');
    if (KNOWN_PACKAGES.includes(name)) return known;
  }
  if (specifier.startsWith('.') || specifier.startsWith('/')) return specifier;
  const parts = specifier.split('/');
  const nameParts = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameParts).join('/');
  const known = KNOWN_PACKAGES.find((p) => p.toLowerCase() === name.toLowerCase());
  if (known === undefined) return specifier;
  const inside = parts.slice(nameParts).join('/').replace(/\.js$/, '');
  if (inside !== '' && PACKAGE_MAINS[known] === inside) return known;
  return known === name ? specifier : [known, ...parts.slice(nameParts)].join('/');
}
