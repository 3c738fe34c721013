import { BOTKIT, HELPER_EXPORTS, METHODS, SLACK_PACKAGE, SLACKBOTAPI, SLACKBOTS } from '@rtm-migrate/core';

/** Leaves `typed` out of the JavaScript module. */
type Typed = (typed: string) => string;

/**
 * A wrapper of the generated module around what a library starts with: `export function name(target,
 * options = {})`, typed as handing back what it was given. In TypeScript, preceded by the part of the
 * library's internals it uses (its typings, if any, leave them out). It fails at once on a target
 * without those internals, which would still request `rtm.start`, rather than at the first start;
 * unless it `passesOthers`.
 */
interface LibraryWrapper {
  readonly name: string;
  /** TypeScript only: the declarations of the internals. */
  readonly types: readonly string[];
  /** The doc comment's lines, but for its first and last. */
  readonly doc: readonly string[];
  /** The parameter, and its type's bound (TypeScript). */
  readonly target: string;
  readonly bound: string;
  /** The lines before the check: what it reads the internals through. */
  readonly setup: readonly string[];
  /** What else would request rtm.start, a test that is true without the internals, and what the target then lacks. */
  readonly other: string;
  readonly lacksInternals: string;
  readonly lacks: string;
  /**
   * Hand back a target without the internals untouched, with a warning (once), rather than throwing:
   * what the warning says then happens (after what the target lacks). For a target that may be the app's own object
   * around the library's (`this` of a class with a `startRTM()` of its own), whose method still works.
   */
  readonly passesOthers?: string;
  /** The rest of the body, returning the target or its subclass. */
  readonly body: readonly string[];
}

function librarySource(typescript: boolean, exp: string, spec: (t: Typed) => LibraryWrapper): string[] {
  const t: Typed = (typed) => (typescript ? typed : '');
  const w = spec(t);
  return [
    ...(typescript ? [...w.types, ''] : []),
    ...(w.passesOthers === undefined ? [] : [`/** Whether ${w.name}() has warned about a target it passed on (once is enough). */`, `let ${warnedFlag(w)} = false;`, '']),
    '/**',
    ...w.doc,
    ' */',
    `${exp}function ${w.name}${t(`<T extends ${w.bound}>`)}(${w.target}${t(': T')}, options${t(': RtmStartDataOptions')} = {})${t(': T')} {`,
    ...w.setup,
    ...(w.passesOthers === undefined ? throwsWithout(w) : passesWithout(w, w.passesOthers)),
    ...w.body,
    '}',
  ];
}

/** The check that fails at once on a target without the internals. */
function throwsWithout(w: LibraryWrapper): string[] {
  return [
    `  // ${w.other} would still request rtm.start: say so at start.`,
    `  if (${w.lacksInternals}) {`,
    `    throw new TypeError('${w.name}: this ${w.lacks} to answer rtm.start through');`,
    '  }',
  ];
}

/** The name of the module's flag that a wrapper has warned about a target it passed on. */
function warnedFlag(w: LibraryWrapper): string {
  return `warned${w.name.charAt(0).toUpperCase()}${w.name.slice(1)}`;
}

/** The check that hands back a target without the internals as it is, warning once. */
function passesWithout(w: LibraryWrapper, warning: string): string[] {
  return [
    `  // ${w.other} is passed on as it is: its own start still runs, which beats stopping the app.`,
    `  if (${w.lacksInternals}) {`,
    `    if (!${warnedFlag(w)}) console.warn('${w.name}: this ${w.lacks}, so ${warning}');`,
    `    ${warnedFlag(w)} = true;`,
    `    return ${w.target};`,
    '  }',
  ];
}

/**
 * `withBotkitRtmStart(bot)`: a Botkit 0.x bot whose own `bot.api.rtm.start`, which `startRTM()` calls
 * before 0.5.4, is answered by rtmStartData() through the bot's `bot.api.callAPI`. Botkit then reads
 * `url`, `self` and `team` as before and hands the whole data to the `startRTM` callback.
 */
export function botkitSource(typescript: boolean, exp: string): string[] {
  const since = BOTKIT.connectSince.join('.');
  return librarySource(typescript, exp, (t) => ({
    name: HELPER_EXPORTS.botkitStart,
    types: [
      `/** The part of a Botkit 0.x bot that ${HELPER_EXPORTS.botkitStart}() uses (its \`bot.api\`). */`,
      'interface BotkitBotInternals {',
      '  api: {',
      '    callAPI(method: string, data: Record<string, unknown>, done: (error: unknown, res?: SlackObject) => void): void;',
      '    rtm: { start(args: RtmStartArgs | undefined, done: (error: unknown, data?: RtmStartData) => void): void };',
      '  };',
      '}',
    ],
    doc: [
      ` * Makes a Botkit bot's startRTM() get \`rtm.start\`'s data again. Botkit before ${since} requests`,
      ' * rtm.start inside startRTM, through the bot\'s own `bot.api.rtm.start`: that function is replaced on this',
      ' * bot by one that answers with rtmStartData(), called through the bot\'s `bot.api.callAPI` (its token and',
      ` * API URL), with ${METHODS.rtmConnect} last and the extras \`options\` names. Botkit reads \`url\`, \`self\` and \`team\``,
      ' * as before and hands the whole data to the startRTM callback; an error reaches it as Botkit\'s own',
      ` * would (Slack's error code). Botkit ${since} and later call ${METHODS.rtmConnect} in startRTM and never this.`,
      ' * Returns the bot; anything else (no `bot.api`) comes back as it is, with a warning.',
    ],
    target: 'bot',
    bound: 'object',
    setup: [`  const api = ${typescript ? '(bot as unknown as Partial<BotkitBotInternals>).api' : 'bot.api'};`],
    other: 'Another kind of bot (or a Botkit without these)',
    lacksInternals: "!api || typeof api.callAPI !== 'function' || !api.rtm || typeof api.rtm.start !== 'function'",
    lacks: 'bot has no Botkit `api.callAPI` and `api.rtm.start`',
    passesOthers:
      'it is returned unchanged and its own startRTM() runs as before (a Botkit 0.x bot it starts inside still requests rtm.start: wrap that bot instead)',
    body: [
      `  const send${t(': SlackCall')} = (method, args) =>`,
      '    new Promise((resolve, reject) => {',
      '      api.callAPI(method, args, (error, res) => (error ? reject(error) : resolve(res || {})));',
      '    });',
      '  api.rtm.start = (args, done) => {',
      `    rtmStartData(send, args || {}, options).then((data) => done(null, data), (error${t(': unknown')}) => done(error));`,
      '  };',
      '  return bot;',
    ],
  }));
}

/**
 * `withSlackbotsRtmStart(SlackBot)`: a subclass of a slackbots class whose `_api('rtm.start')`, which its
 * login calls before 1.3.0, answers with rtmStartData() through the class's own `_api`; and whose
 * `_api('rtm.connect')`, which the login of 1.3.0 calls, does too, putting on the bot the lists that login no
 * longer keeps (blind s77/07: a bot declaring `^1.0.2` runs 1.3.0 and reads `this.users`).
 */
export function slackbotsSource(typescript: boolean, exp: string): string[] {
  const since = SLACKBOTS.connectSince.join('.');
  return librarySource(typescript, exp, (t) => ({
    name: HELPER_EXPORTS.slackbotsStart,
    types: [
      ...slackbotsInternals(),
      '',
      '/** A slackbots class, as far as the subclass needs it (its typings, if any, may leave `_api` out). */',
      'type SlackbotsClass = new (...args: never[]) => SlackbotsInternals;',
    ],
    doc: [
      ` * A subclass of a slackbots class (\`require('slackbots')\`) whose bots get \`rtm.start\`'s data again:`,
      ` * slackbots before ${since} logs in with \`this._api('rtm.start')\`, which the subclass answers with`,
      ' * rtmStartData() through the class\'s own `_api` (the bot\'s token and API URL), with',
      ` * ${METHODS.rtmConnect} last and the extras \`options\` names; every other call goes through as it did. The bot`,
      ' * then keeps its users, channels, groups, ims, self and team as before. `instanceof` the class still',
      ` * holds. slackbots ${since} and later log in with ${METHODS.rtmConnect}, which the subclass answers the same way,`,
      ` * putting the lists that release no longer keeps (${SLACKBOTS.connectLeaves.join(', ')}) on the bot before its login goes on.`,
    ],
    target: 'SlackBot',
    bound: 'new (...args: never[]) => object',
    // A base of a concrete constructor type: TypeScript extends a type parameter only as a mixin of `any[]`.
    setup: typescript ? ['  const Base = SlackBot as unknown as SlackbotsClass;'] : [],
    other: 'Another class (or a slackbots without it)',
    lacksInternals: `typeof ${typescript ? '((Base.prototype || {}) as Partial<SlackbotsInternals>)' : '(SlackBot.prototype || {})'}._api !== 'function'`,
    lacks: 'class has no slackbots `_api`',
    body: [
      ...slackbotsFunction(typescript, t),
      ...namedAsItsBase('SlackBot', t),
    ],
  }));
}

/**
 * What `withSlackbotsRtmStart()`'s `_api` does with `rtm.start` and `rtm.connect`, given `send`, the class's own
 * `_api` on the bot: the data, through it, as slackbots' own kind of promise.
 */
function slackbotsStartLines(t: Typed): string[] {
  const since = SLACKBOTS.connectSince.join('.');
  return [
    "      // The login chains slackbots' own kind of promise (vow's `.fail()`): the data come back as one,",
    '      // chained on a first call through it (firstCall()), whose answer serves as its own.',
    '      const first = firstCall(options);',
    "      const data = send(first, {}).then((answer) => rtmStartData(answeredOnce(send, first, answer), params || {}, options));",
    `      if (method === '${METHODS.rtmStart}') return data;`,
    `      // slackbots ${since} and later log in with ${METHODS.rtmConnect} and keep only its url, self and team: the lists`,
    `      // the login before ${since} kept of rtm.start's data are put on the bot here, as that login did.`,
    `      return data.then((all) => {`,
    `        const kept${t(': Record<string, unknown>')} = {};`,
    `        for (const list of [${SLACKBOTS.connectLeaves.map((list) => `'${list}'`).join(', ')}]) kept[list] = (all${t(' as unknown as Record<string, unknown>')})[list];`,
    '        Object.assign(this, kept);',
    '        return all;',
    '      });',
  ];
}

/**
 * The subclass: a function that makes the bot with `Reflect.construct`, not a `class`. Babel 6, and
 * TypeScript for an ES5 target, compile a class into a function that calls its base without `new`, which
 * slackbots 1.x's native class refuses (blind s120/09, s138/01: `Class constructor Bot cannot be invoked
 * without 'new'`). `new.target` is the class a bot is made of (a subclass of this one, too); called as a
 * base by such a compiled subclass, the bot's constructor.
 */
function slackbotsFunction(typescript: boolean, t: Typed): string[] {
  const base = typescript ? 'Base' : 'SlackBot';
  return [
    `  const Wrapped = function (${t('this: object, ')}...args${t(': never[]')}) {`,
    `    return Reflect.construct(${base}, args, new.target || (this instanceof Wrapped ? this.constructor : Wrapped));`,
    `  }${t(' as unknown as T')};`,
    `  Wrapped.prototype = Object.create(${base}.prototype, { constructor: { value: Wrapped, writable: true, configurable: true } });`,
    `  Object.setPrototypeOf(Wrapped, ${base});`,
    '  // Not enumerable, as a method of a class.',
    "  Object.defineProperty(Wrapped.prototype, '_api', {",
    '    writable: true,',
    '    configurable: true,',
    `    value: function (${t('this: SlackbotsInternals, ')}method${t(': string')}, params${t('?: Record<string, unknown>')})${t(': PromiseLike<unknown>')} {`,
    `      const parent = ${typescript ? '(Base.prototype as SlackbotsInternals)._api' : 'SlackBot.prototype._api'};`,
    `      if (method !== '${METHODS.rtmStart}' && method !== '${METHODS.rtmConnect}') return parent.call(this, method, params);`,
    `      const send${t(': SlackCall')} = (name, args) => parent.call(this, name, args)${t(' as Promise<SlackObject>')};`,
    ...slackbotsStartLines(t),
    '    },',
    '  });',
  ];
}

/**
 * The end of a wrapper making a subclass of `target`: the subclass takes the name of the class it extends, so a
 * bot made with it (`new (withSlackbotsRtmStart(SlackBot))(…)`) keeps the `constructor.name` it had (`Bot`), which
 * an anonymous class would leave empty (blind s46/09, seen in the text of an uncaught error).
 */
function namedAsItsBase(target: string, t: (text: string) => string): string[] {
  return [`  Object.defineProperty(Wrapped, 'name', { value: ${target}.name });`, `  return Wrapped${t(' as unknown as T')};`];
}

/**
 * The part of a slackbots bot the module's slackbots wrappers use (TypeScript). Both wrappers declare it:
 * a module with both merges the two declarations, which are the same.
 */
function slackbotsInternals(): string[] {
  return [
    '/** The part of a slackbots bot that the slackbots wrappers use: its own Web API call (a vow promise). */',
    'interface SlackbotsInternals {',
    '  _api(method: string, params?: Record<string, unknown>): PromiseLike<unknown>;',
    '}',
  ];
}

/**
 * `withSlackbotsRtmStartOn(bot)`: the instance an ES5 subclass runs slackbots' constructor on
 * (`SlackBot.call(this, …)`), given an `_api` of its own that answers `rtm.start`, which the login the
 * constructor starts requests before 1.3.0, with rtmStartData() through the `_api` it had. A class
 * cannot be `.call`ed, so `withSlackbotsRtmStart()`'s subclass does not fit there.
 */
export function slackbotsOnSource(typescript: boolean, exp: string): string[] {
  const since = SLACKBOTS.connectSince.join('.');
  // TypeScript reaches `_api` through a view of the bot (slackbots' typings, if any, leave it out).
  const own = typescript ? 'internals' : 'bot';
  return librarySource(typescript, exp, (t) => ({
    name: HELPER_EXPORTS.slackbotsStartOn,
    types: slackbotsInternals(),
    doc: [
      ` * Makes the login of a slackbots bot get \`rtm.start\`'s data again, where an ES5 subclass runs slackbots'`,
      ` * constructor on its own instance (\`SlackBot.call(${HELPER_EXPORTS.slackbotsStartOn}(this), …)\`): slackbots before ${since}`,
      " * logs in from the constructor with `this._api('rtm.start')`. The instance gets an `_api` of its own that",
      ' * answers that request with rtmStartData(), called through the `_api` it had (the bot\'s token and API URL),',
      ` * with ${METHODS.rtmConnect} last and the extras \`options\` names; every other call goes through as it did. The bot`,
      ` * then keeps its users, channels, groups, ims, self and team as before. Returns the instance. slackbots ${since}`,
      ` * and later log in with ${METHODS.rtmConnect} and never ask for this.`,
    ],
    target: 'bot',
    bound: 'object',
    setup: typescript ? ['  const internals = bot as unknown as Partial<SlackbotsInternals>;'] : [],
    other: 'An instance without slackbots\' prototype (or a slackbots without it)',
    lacksInternals: `typeof ${own}._api !== 'function'`,
    lacks: 'instance has no slackbots `_api` (is the subclass given its parent first?)',
    body: [
      `  const api = ${own}._api.bind(bot);`,
      `  const send${t(': SlackCall')} = (name, args) => api(name, args)${t(' as Promise<SlackObject>')};`,
      `  ${own}._api = (method${t(': string')}, params${t('?: Record<string, unknown>')}) => {`,
      `    if (method !== '${METHODS.rtmStart}') return api(method, params);`,
      "    // The login chains slackbots' own kind of promise (vow's `.fail()`): the data come back as one,",
      '    // chained on a first call through it (firstCall()), whose answer serves as its own.',
      '    const first = firstCall(options);',
      '    return send(first, {}).then((answer) => rtmStartData(answeredOnce(send, first, answer), params || {}, options));',
      '  };',
      '  return bot;',
    ],
  }));
}

/**
 * `withSlackClientRtmStart(client)`: a `slack-client` 1.x client whose own `_apiCall('rtm.start', …)`, which
 * its `login()` makes, is answered by rtmStartData() through the client's original `_apiCall`.
 */
export function slackClientLoginSource(typescript: boolean, exp: string): string[] {
  // TypeScript reaches `_apiCall` through a view of the client (its typings, if any, leave it out).
  const own = typescript ? 'internals' : 'client';
  return librarySource(typescript, exp, (t) => ({
    name: HELPER_EXPORTS.slackClientLogin,
    types: [
      `/** The part of a \`slack-client\` 1.x client that ${HELPER_EXPORTS.slackClientLogin}() uses: its own Web API call, answering in one argument. */`,
      'interface SlackClientLoginInternals {',
      '  _apiCall(method: string, params: Record<string, unknown>, callback?: (answer: SlackObject) => void): unknown;',
      '  channels?: Record<string, SlackObject>;',
      '  groups?: Record<string, SlackObject>;',
      '  dms?: Record<string, SlackObject>;',
      '  self?: SlackObject;',
      '  prependOnceListener?(event: string, listener: () => void): unknown;',
      '  removeListener?(event: string, listener: () => void): unknown;',
      '}',
    ],
    doc: [
      ` * Makes a \`slack-client\` 1.x client's login() get \`rtm.start\`'s data again. Every 1.x release logs in with`,
      ` * \`this._apiCall('${METHODS.rtmStart}', …, this._onLogin)\`: \`_apiCall\` is replaced on this client by one that answers`,
      ' * that request with rtmStartData(), called through the original `_apiCall` (the client\'s token and API',
      ` * host), with ${METHODS.rtmConnect} last and the extras \`options\` names; every other call goes through as it did.`,
      ' * The client then fills its users, channels, groups and dms as before; an error reaches `_onLogin` as the',
      " * SDK's own would (`{ ok: false, error }`, Slack's error code). It copies each item into an object of its own",
      " * by its enumerable keys, which leaves behind the getters markItemGaps() gave: its copies get them before its",
      ' * `loggedIn` handlers run, so a read of `groups[].has_pins` off `client.groups` (or of an `is_open` that `include`',
      ' * does not name, or of `prefs` off `client.self`) warns too. Returns the client; anything else (no `_apiCall`) comes back as it is, with a warning.',
    ],
    target: 'client',
    bound: 'object',
    setup: typescript ? ['  const internals = client as unknown as Partial<SlackClientLoginInternals>;'] : [],
    other: 'Another kind of client',
    lacksInternals: `typeof ${own}._apiCall !== 'function'`,
    lacks: 'client has no slack-client 1.x `_apiCall`',
    // A test's stand-in for the client (slack-irc's own tests: `{ login() {…}, on() {…} }`, blind s141/04) logs in as it did.
    passesOthers: 'it is returned unchanged and its own login() runs as before (a stand-in, as in a test)',
    body: [
      `  const apiCall = ${own}._apiCall.bind(client);`,
      "  // `_apiCall` adds the token to the params it is handed and answers once, with Slack's answer or `{ ok: false, error }`.",
      `  const send${t(': SlackCall')} = (method, args) => new Promise((resolve) => apiCall(method, Object.assign({}, args), resolve));`,
      "  // The client's own copies of the lists' items and of `self`, as `_onLogin` makes them (its Team keeps only",
      "  // `id`, `name` and `domain`, as it always did).",
      `  const markCopies = (args${t(': RtmStartArgs')}) => {`,
      `    markCopiedItems(${own}, args);`,
      `    markObjectGaps({ self: ${own}.self }${t(' as unknown as RtmStartData')});`,
      '  };',
      `  ${own}._apiCall = (method, params, callback) => {`,
      `    if (method !== '${METHODS.rtmStart}') return apiCall(method, params, callback);`,
      "    // The copies' read state is marked as rtm.start would have given it for these arguments (no_unreads…).",
      '    const mark = () => markCopies(params);',
      '    return rtmStartData(send, params, options).then(',
      '      (data) => {',
      "        // `_onLogin` builds its copies and emits `loggedIn` at once: the getters go on in between.",
      `        if (${own}.prependOnceListener) ${own}.prependOnceListener('loggedIn', mark);`,
      '        try {',
      `          if (callback) callback(data${t(' as unknown as SlackObject')});`,
      '        } finally {',
      `          if (${own}.removeListener) ${own}.removeListener('loggedIn', mark);`,
      '        }',
      '      },',
      `      (error${t(': unknown')}) => {`,
      "        // Slack's error codes are never empty: `||` takes the first given.",
      `        if (callback) callback({ ok: false, error: ${typescript ? '(((error || {}) as { data?: SlackObject }).data || {}).error || String(error)' : '((error || {}).data || {}).error || String(error)'} });`,
      '      }',
      '    );',
      '  };',
      '  return client;',
    ],
  }));
}

/**
 * `withSlackbotapiRtmStart(slackAPI)`: a subclass of slackbotapi's class whose `reqAPI('rtm.start', data, cb)`,
 * which its constructor calls (and its reconnect), answers with rtmStartData() through the class's own
 * `reqAPI`. A class may extend slackbotapi's ES5 constructor function: `super(…)` runs it on the
 * subclass's instance, whose `reqAPI` is then this one.
 */
export function slackbotapiSource(typescript: boolean, exp: string): string[] {
  const request = SLACKBOTAPI.request;
  const base = typescript ? 'Base' : 'SlackAPI';
  return librarySource(typescript, exp, (t) => ({
    name: HELPER_EXPORTS.slackbotapiStart,
    types: [
      `/** The part of a slackbotapi bot that ${HELPER_EXPORTS.slackbotapiStart}() uses: its own Web API call, calling back with Slack's parsed answer alone. */`,
      'interface SlackbotapiInternals {',
      `  ${request}(method: string, data: Record<string, unknown>, callback?: (answer: SlackObject) => void): unknown;`,
      '}',
      '',
      '/** slackbotapi\'s class, as far as the subclass needs it (it has no typings of its own). */',
      'type SlackbotapiClass = new (...args: never[]) => SlackbotapiInternals;',
    ],
    doc: [
      " * A subclass of slackbotapi's class (`require('slackbotapi')`) whose bots get `rtm.start`'s data again:",
      ` * slackbotapi requests rtm.start from its constructor, and again on each reconnect, with`,
      ` * \`this.${request}('${METHODS.rtmStart}', data, callback)\`, which the subclass answers with rtmStartData() through`,
      ` * the class's own \`${request}\` (the bot's token and API URL), with ${METHODS.rtmConnect} last and the extras`,
      ' * `options` names; every other call goes through as it did. The callback gets the data once, and the bot',
      ' * keeps its users, channels, groups, ims, self and team for getUser(), getChannel(), getGroup(), getIM()',
      " * as before; an error reaches it as slackbotapi's own would (`{ ok: false, error }`, Slack's error code).",
      ` * Like slackbotapi's own requests, a call Slack answers with an HTTP error (429…) never calls back.`,
      ' * `instanceof` the class still holds.',
    ],
    target: 'SlackAPI',
    bound: 'new (...args: never[]) => object',
    // A base of a concrete constructor type: TypeScript extends a type parameter only as a mixin of `any[]`.
    setup: typescript ? ['  const Base = SlackAPI as unknown as SlackbotapiClass;'] : [],
    other: 'Another class',
    lacksInternals: `typeof ${typescript ? '((Base.prototype || {}) as Partial<SlackbotapiInternals>)' : '(SlackAPI.prototype || {})'}.${request} !== 'function'`,
    lacks: `class has no slackbotapi \`${request}\``,
    body: [
      `  const Wrapped = class extends ${base} {`,
      `    ${request}(method${t(': string')}, data${t(': Record<string, unknown>')}, callback${t('?: (answer: SlackObject) => void')})${t(': unknown')} {`,
      `      if (method !== '${METHODS.rtmStart}') return super.${request}(method, data, callback);`,
      `      // ${request} adds the bot's token to the data it is handed and calls back once, with Slack's parsed answer.`,
      `      const parent = super.${request};`,
      `      const send${t(': SlackCall')} = (name, args) => new Promise((resolve) => {`,
      `        parent.call(this, name, Object.assign({}, args), resolve);`,
      '      });',
      `      rtmStartData(send, data${t(' as RtmStartArgs')}, options).then(`,
      '        (answer) => {',
      `          if (callback) callback(answer${t(' as unknown as SlackObject')});`,
      '        },',
      `        (error${t(': unknown')}) => {`,
      `          if (callback) callback({ ok: false, error: ${typescript ? '(((error || {}) as { data?: SlackObject }).data || {}).error || String(error)' : '((error || {}).data || {}).error || String(error)'} });`,
      '        }',
      '      );',
      '      return undefined;',
      '    }',
      '  };',
      ...namedAsItsBase('SlackAPI', t),
    ],
  }));
}

/**
 * The line at the top of a module with `withSlackPackageRtmStart()`: Node's `createRequire`, with which the
 * wrapper loads the `ws` the `slack` package depends on from the package's own folder. `module`, not
 * `node:module`: Node reads the `node:` prefix in `require` only from 14.18, and these bots run on older ones.
 */
export function slackPackageImport(commonjs: boolean): string {
  return commonjs ? "const { createRequire } = require('module');" : "import { createRequire } from 'module';";
}

/**
 * `withSlackPackageRtmStart(bot)`: a `slack.rtm.client()` bot of the `slack` package (5.x–8.x) whose
 * `listen(params, callback)` is replaced by one doing what 7.x and 8.x's does (read off each major's
 * methods/rtm.client.js) with rtmStartData() in place of the package's own `rtm.start`, which `listen`
 * holds in its closure and so cannot be answered otherwise: the data rebuilt through the package's own
 * methods, then the socket opened with the package's `ws`. `exp` is empty for CommonJS; `compiled`: ES
 * module syntax a compiler turns into CommonJS. Loading `ws` takes `require` or `import.meta.url`: the
 * TypeScript module is generated only for a project whose compiler emits CommonJS (the scan tells), and
 * declares the `require` and `process` it uses, so it compiles with or without `@types/node`.
 */
export function slackPackageSource(typescript: boolean, exp: string, compiled = false): string[] {
  // ES module syntax compiled to CommonJS (Babel, blind s57/16's babel-node 6) has `require`, and no `import.meta`: Babel 6 cannot parse it, Babel 7 leaves it in.
  const commonjs = exp === '' || compiled || typescript;
  const missing = SLACK_PACKAGE.missingMethods.join(', ');
  const own = typescript ? 'internals' : 'bot';
  return librarySource(typescript, exp, (t) => ({
    name: HELPER_EXPORTS.slackPackageStart,
    types: [
      `/** The part of a \`slack\` package \`rtm.client()\` bot that ${HELPER_EXPORTS.slackPackageStart}() uses. */`,
      'interface SlackPackageBotInternals {',
      '  listen(params?: RtmStartArgs, callback?: (error: unknown, data?: RtmStartData) => void): void;',
      '  handlers: { [type: string]: ((this: object, message: unknown) => unknown)[] | undefined };',
      "  ws?: { on(event: 'message', listener: (message: unknown) => void): unknown };",
      '}',
      '',
      '/** The `ws` WebSocket class, as the `slack` package depends on it. */',
      "type PackageWebSocket = new (url: string) => { on(event: 'message', listener: (message: unknown) => void): unknown };",
      '',
      '/** A method of the `slack` package: `slack.users.list(args, (err, res) => …)`. */',
      'type SlackPackageMethod = (args: Record<string, unknown>, callback: (error: unknown, res: SlackObject) => void) => void;',
      '',
      "/** The `slack` package's own methods/_exec, which its methods call: `exec('users.list', form, (err, res) => …)`. */",
      'type SlackPackageExec = (method: string, form: Record<string, unknown>, callback: (error: unknown, res: SlackObject) => void) => void;',
      '',
      `// Node's CommonJS \`require\` and \`process\`, as ${HELPER_EXPORTS.slackPackageStart}() uses them (this project compiles to`,
      '// CommonJS): declared here, so that this module compiles with or without `@types/node`.',
      'declare const require: { (id: string): unknown; resolve(id: string): string };',
      'declare const process: { nextTick(callback: () => void): void };',
    ],
    doc: [
      " * Makes the `slack` package's `rtm.client()` bot get `rtm.start`'s data again. Its `listen(params, callback)`",
      ` * requests rtm.start inside the package (every release that has \`rtm.client()\`, up to ${SLACK_PACKAGE.botThroughMajor}.x): it is replaced on`,
      " * this bot by one that does what the package's did with rtmStartData() instead, called through the package's",
      ` * own methods (the token of \`params\`, the package's API URL), with ${METHODS.rtmConnect} last and the extras \`options\``,
      " * names. It then opens the socket at the data's `url` with the package's own `ws` (`bot.ws`, which",
      " * `bot.close()` closes), hands each message to the bot's handlers of its `type`, and the whole data to its",
      " * `started` handlers and to `callback`; an error goes to `callback`, or is thrown without one. Handlers are",
      " * called as the package called them (`this` a fresh object). The package has no",
      ` * ${missing}: team.prefs is not fetched, but an empty object that keeps what is written`,
      ' * into it; a read of a key never written warns once. Returns the bot.',
    ],
    target: 'bot',
    bound: 'object',
    // TypeScript reaches the bot's `listen` and `handlers` through a view of it (the package has no typings of them).
    setup: typescript ? ['  const internals = bot as unknown as SlackPackageBotInternals;'] : [],
    other: 'Another kind of bot',
    lacksInternals: `!${own} || typeof ${own}.listen !== 'function' || !${own}.handlers || !Array.isArray(${own}.handlers.started)`,
    lacks: 'bot has no `slack` package `listen` and `handlers.started`',
    body: [
      "  // The package as this module finds it (the app's own copy): its methods, and the `ws` it depends on.",
      `  const requireHere = ${commonjs ? 'require' : 'createRequire(import.meta.url)'};`,
      ...(typescript ? ["  const { createRequire } = requireHere('module') as { createRequire(path: string): (id: string) => unknown };"] : []),
      `  const slackPath = requireHere.resolve('${SLACK_PACKAGE.module}');`,
      `  const slack = requireHere(slackPath)${t(' as { [name: string]: unknown; conversations?: { list?: unknown; members?: unknown } }')};`,
      '  const requireInSlack = createRequire(slackPath);',
      `  // Every release with \`rtm.client()\` (${SLACK_PACKAGE.execSince.join('.')} to the last ${SLACK_PACKAGE.botThroughMajor}.x) calls Slack through its own methods/_exec, \`exec(method, form, callback)\`:`,
      `  // a method a release lacks (before ${SLACK_PACKAGE.conversationsSince.join('.')} conversations.list and conversations.members, before ${SLACK_PACKAGE.connectSince.join('.')} rtm.connect) goes through it.`,
      `  let exec${t(': SlackPackageExec | undefined')};`,
      '  try {',
      `    exec = requireInSlack('./_exec')${t(' as SlackPackageExec')};`,
      '  } catch (error) {',
      '    exec = undefined;',
      '  }',
      "  if (typeof exec !== 'function' && (!slack.conversations || typeof slack.conversations.list !== 'function' || typeof slack.conversations.members !== 'function')) {",
      `    throw new TypeError('${HELPER_EXPORTS.slackPackageStart}: this \`slack\` package has no conversations.list and conversations.members, nor the methods/_exec to call them through, to rebuild rtm.start\\'s data with: upgrade it to the last ${SLACK_PACKAGE.botThroughMajor}.x');`,
      '  }',
      `  const WebSocket = requireInSlack('ws')${t(' as PackageWebSocket')};`,
      "  // Each method as the package takes it: `slack.users.list(args, (err, res) => …)`, errors as the package's.",
      `  const send${t(': SlackCall')} = (method, args) =>`,
      `    new Promise${t('<SlackObject>')}((resolve, reject) => {`,
      `      const call = method.split('.').reduce${t('<unknown>')}((methods, name) => methods && ${typescript ? '(methods as { [name: string]: unknown })' : 'methods'}[name], slack);`,
      `      const done = (error${t(': unknown')}, res${t(': SlackObject')}) => (error ? reject(error) : resolve(res));`,
      `      if (typeof call === 'function') ${typescript ? '(call as SlackPackageMethod)' : 'call'}(args, done);`,
      "      else if (typeof exec === 'function') exec(method, Object.assign({}, args), done);",
      `      else throw new TypeError(\`${HELPER_EXPORTS.slackPackageStart}: the \\\`slack\\\` package has no \${method}\`);`,
      '    });',
      `  ${own}.listen = function botListen(params, callback) {`,
      `    const opened = (data${t(': RtmStartData')}) => {`,
      `      ${own}.ws = new WebSocket(data.url);`,
      `      ${own}.ws.on('message', (message) => {`,
      `        const json = JSON.parse(${typescript ? 'String(message)) as SlackObject' : 'message)'};`,
      `        for (const handler of ${own}.handlers[${typescript ? 'String(json.type)' : 'json.type'}] || []) handler.call({}, json);`,
      '      });',
      `      for (const handler of ${own}.handlers.started${t(' || []')}) handler.call({}, data);`,
      '      if (callback) callback(null, data);',
      '    };',
      `    const failed = (error${t(': unknown')}) => {`,
      '      if (callback) callback(error);',
      '      else throw error;',
      '    };',
      "    // Out of the promise, as the package's own callbacks ran: what a handler or `failed` throws is an",
      '    // uncaught exception, as it was, not a rejection.',
      '    rtmStartData(send, params || {}, options).then(',
      '      (data) => {',
      "        // No call here fetches team.prefs (the package lacks the method): its object from markObjectGaps(), which",
      "        // no event has written into yet (the socket opens after), is replaced by one whose warning says why.",
      `        if (data.team) data.team.prefs = gapObjectOf('team.prefs', 'no release of the \`slack\` package has ${missing}: call it through another client');`,
      `        ${typescript ? 'process.nextTick(() => opened(data))' : 'process.nextTick(opened, data)'};`,
      '      },',
      `      (error${t(': unknown')}) => ${typescript ? 'process.nextTick(() => failed(error))' : 'process.nextTick(failed, error)'}`,
      '    );',
      '  };',
      '  return bot;',
    ],
  }));
}
