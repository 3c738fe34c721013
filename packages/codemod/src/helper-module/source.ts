import {
  CONVERSATION_LIST_FIELDS,
  CONVERSATION_TYPE_FLAGS,
  UNFLAGGED_CONVERSATION_TYPE,
  conversationTypesOf,
  type ConversationListField,
  LEGACY_LIST_ITEM_ABSENT,
  LEGACY_LIST_ITEM_FLAGS,
  LEGACY_RTM_CONNECT_SUPPORT,
  LEGACY_RTM_RESTART,
  METHOD_TIERS,
  METHODS,
  RATE_TIERS,
  RECOMMENDED_PAGE_SIZE,
  RTM_CONNECT_ARGS,
  RTM_START_MEMBER_LIMIT,
  RTM_URL_LIFETIME_SECONDS,
  tierIntervalSeconds,
  HELPER_LIBRARIES,
  HELPER_LIBRARY_STARTS,
  HELPER_CONNECT_PARTS,
  fieldFact,
  topLevelField,
  type HelperLibrary,
} from '@rtm-migrate/core';
import { HELPER_EXTRA_METHODS, extrasSource, extrasTypes, helperExtraOf } from './extras.js';
import { itemGapsSource } from './item-gaps.js';
import { botkitSource, slackbotapiSource, slackbotsOnSource, slackbotsSource, slackClientLoginSource, slackPackageImport, slackPackageSource } from './library-start-source.js';
import { rtmApiClientSource } from './rtm-api-client-source.js';
import { slackClientSource } from './slack-client-source.js';
import { nockStubSource } from './nock-stub-source.js';
import { clientParameter, clientViewLines, standInStartLines, type ClientView } from './client-view.js';
import { forOlderTypeScript } from './older-typescript.js';

/** The source of each library's function in the module. */
const LIBRARY_START_SOURCES: Readonly<Record<HelperLibrary, (typescript: boolean, exp: string, compiled: boolean) => string[]>> = {
  botkit: botkitSource,
  slackbots: slackbotsSource,
  'slackbots-call': slackbotsOnSource,
  'slack-client': slackClientLoginSource,
  slackbotapi: slackbotapiSource,
  'slack-package': slackPackageSource,
};

/** Which file to generate: the language and module system of the code that imports it. */
export interface HelperVariant {
  readonly typescript: boolean;
  readonly commonjs: boolean;
  /** Also emit `startRtmClient()` for the legacy `@slack/client` v3 `RtmClient`, and `startRtmClientMadeElsewhere()` for an RTM client made out of sight. */
  readonly legacyClient: boolean;
  /** Also emit `startSlackClientRtm()` for a `slack-client` 2.x `RtmClient`. */
  readonly slackClient?: boolean;
  /** Also emit `withRtmStartData()` for an `@slack/rtm-api` `RTMClient` that had `useRtmConnect: false`. */
  readonly rtmApiClient?: boolean;
  /**
   * Also emit, for each library here, its function of HELPER_LIBRARY_STARTS: `withBotkitRtmStart()` for a
   * Botkit bot whose `startRTM()` requests `rtm.start`, `withSlackbotsRtmStart()` for a slackbots class
   * whose login does, `withSlackbotsRtmStartOn()` for an instance an ES5 subclass runs slackbots' constructor on,
   * `withSlackClientRtmStart()` for a `slack-client` 1.x client whose `login()` does, `withSlackbotapiRtmStart()`
   * for slackbotapi's class, whose constructor does, `withSlackPackageRtmStart()` for the `slack` package's
   * `rtm.client()` bot, whose `listen()` does (JavaScript only).
   */
  readonly libraryStarts?: ReadonlySet<HelperLibrary>;
  /** Also emit `rtmStartDataAs()` for an app helper whose own kind of promise must come back (JavaScript). */
  readonly ownPromise?: boolean;
  /** ES module syntax in a package that is not `"type": "module"`: a compiler (Babel, a bundler) makes it CommonJS, where `require` is and `import.meta` is not. */
  readonly compiled?: boolean;
  /** TypeScript only: what says the importers compile with a TypeScript the module's newer types fail on (see forOlderTypeScript). */
  readonly olderTypeScript?: string;
  /** Also emit `stubRtmStart()` for a test's nock interceptor that stood in for `rtm.start` (JavaScript). */
  readonly nockStub?: boolean;
}

/** The methods the helper calls, in the order it calls them (`rtm.connect` last). */
export const HELPER_METHODS = [
  METHODS.usersList,
  METHODS.conversationsList,
  METHODS.conversationsMembers,
  METHODS.teamInfo,
  ...HELPER_EXTRA_METHODS,
  METHODS.rtmConnect,
] as const;

/** The `rtm.start` fields the helper rebuilds (core's names), for the scopes and call counts. */
export const HELPER_FIELDS = ['users', 'channels', 'channels[].members', 'groups', 'groups[].members', 'mpims', 'mpims[].members', 'ims', 'team.icon'] as const;

/**
 * The fields the helper reads for core's `costOfReplacement()`: without `mpim_aware` group DMs are in
 * `groups`; plus the extras of `siteFields` (what the site reads) that its call asks for. Where the call
 * names the parts it fetches (`parts`, its `fields` option), only those: a list's members only as `<list>[].members`.
 */
export function helperFieldsRead(mpimAware: boolean, siteFields: readonly string[] = [], parts?: readonly string[]): string[] {
  const fetched = (f: string): boolean => parts === undefined || parts.includes(f) || (!f.includes('[]') && parts.includes(topLevelField(f)));
  const asked = (f: string): boolean => mpimAware || !f.startsWith('mpims');
  return [...HELPER_FIELDS.filter((f) => asked(f) && fetched(f)), ...(parts ?? []).filter(asked), ...siteFields.filter((f) => helperExtraOf(f) !== undefined)];
}

/** Whether the helper calls `rtm.connect` for a call naming `parts` (undefined: the whole data, so it does). */
export function helperConnects(parts: readonly string[] | undefined): boolean {
  return parts === undefined || parts.some((p) => HELPER_CONNECT_PARTS.includes(p));
}

export { helperBuilds } from '@rtm-migrate/core';

/** The bot-token scopes the helper's calls need, from core's field facts. */
export function helperScopes(): string[] {
  return [...new Set(HELPER_FIELDS.flatMap((f) => fieldFact(f)?.replacements[0]?.scopes ?? []))];
}

/** The names the generated module exports, and its file name (core's: the analysis recognises the module too). */
import { HELPER_EXPORTS, HELPER_MARK } from '@rtm-migrate/core';
export { HELPER_BASENAME, HELPER_EXPORTS, HELPER_MARK } from '@rtm-migrate/core';

/**
 * The parts of ES2015's library the TypeScript module uses, each named so that a project whose `lib`
 * stops at ES5 compiles it: not `es2015.iterable`, whose `IteratorResult` an old `@types/node` (7.0)
 * declares again.
 */
const ES2015_LIBS = ['es2015.core', 'es2015.collection', 'es2015.promise', 'es2015.proxy', 'es2015.reflect'] as const;

/** The types the TypeScript module exports for the data and the arguments (in place of `rtm.start`'s own). */
export const HELPER_TYPES = { data: 'RtmStartData', args: 'RtmStartArgs' } as const;

/**
 * The helper module's source: readable code the user owns, with no dependency, that rebuilds the
 * whole `rtm.start`-shaped data from the replacement methods. Its facts (method names, page size, rate
 * tiers, `rtm.connect`'s arguments, which list holds which conversation type) come from core's tables.
 */
export function helperSource(v: HelperVariant): string {
  const ts = v.typescript;
  /** The TypeScript-only part of a line (types, `export`), nothing in JavaScript. */
  const t = (typed: string): string => (ts ? typed : '');
  const exp = v.commonjs && !ts ? '' : 'export ';
  /** `expr as type` in TypeScript, `expr` in JavaScript. */
  const cast = (expr: string, type: string): string => (ts ? `(${expr}) as ${type}` : expr);
  /** rtmStartData()'s client: in TypeScript, its view `caller` (the parameter is any object). */
  const web = ts ? 'caller' : 'client';
  const rates = HELPER_METHODS.map((m) => {
    const r = RATE_TIERS[METHOD_TIERS[m]];
    return `  '${m}': { perMinute: ${r.perMinute}, burst: ${r.burst} }, // ${r.description}`;
  });
  const lines: string[] = [
    `${HELPER_MARK} for code that used \`rtm.start\`. It is yours now: read it, change it, keep it.`,
    '//',
    '// Slack retired `rtm.start`. rtmStartData() rebuilds the data it answered from the Web API methods',
    `// that replace it: ${METHODS.usersList}, ${METHODS.conversationsList} (every conversation type at once), ${METHODS.conversationsMembers}`,
    `// for the conversations the bot is in (complete lists: \`rtm.start\` cut them at ${RTM_START_MEMBER_LIMIT}), ${METHODS.teamInfo}, and`,
    `// ${METHODS.rtmConnect} last, because the WebSocket URL it answers must be used within ${RTM_URL_LIFETIME_SECONDS} seconds. Every list is`,
    "// read to its last page, and calls are paced by each method's rate tier. The OAuth scopes it needs:",
    `// ${helperScopes().join(', ')}.`,
    '// What costs more calls is fetched only when named in `options.include` (rtm-migrate names what the',
    `// code reads): subteams (${METHODS.usergroupsList}), dnd (${METHODS.dndInfo}), team.prefs (${METHODS.teamPreferencesList}), and per`,
    `// conversation the bot is in, latest (${METHODS.conversationsHistory}) and unread counts (${METHODS.conversationsInfo},`,
    `// which also answers is_open of groups, mpims and ims); users' presence (${METHODS.usersGetPresence}: one call`,
    `// per user, ${METHODS.usersList} has none).`,
    '// Those named in `options.optional` instead (subteams, dnd, team.prefs: for code that hands the whole',
    '// data on) are left out, with a warning, when the token may not read them (missing_scope…).',
    "// Other item attributes no replacement list has (conversations' has_pins, bots' icons…, is_open where",
    '// `include` does not name it) are not fetched: a read of one answers undefined and warns once (see',
    "// markItemGaps), as does a read of what self and team lack (self.prefs, team.plan…: see markObjectGaps).",
    '// Code that reads only some of the data names those parts in `options.fields` (rtm-migrate does where',
    "// it knows every read): only their calls are made. 'users' and 'bots' need users.list; 'channels',",
    "// 'groups', 'mpims', 'ims' their conversation types only, and their members only as '<list>[].members';",
    `// 'team' ${METHODS.teamInfo}; ${HELPER_CONNECT_PARTS.map((p) => `'${p}'`).join(', ')} ${METHODS.rtmConnect} (subteams for the bot's id), which is not`,
    '// called at all without one of them (it allows 1 call a minute). An error of a call made throws as before.',
    '// It has no dependency: it calls Slack through the client you pass, a @slack/web-api WebClient (or',
    '// a @slack/client v3 WebClient) or any function (method, args) => Promise<response>.',
    ...(ts && v.olderTypeScript !== undefined
      ? [`// Written for the TypeScript this code compiles with (${v.olderTypeScript}): \`any\` stands for \`unknown\` and`, '// `ReadonlyArray<T>` for `readonly T[]`, which need TypeScript 3.0 and 3.4.']
      : []),
    '',
    // Promise, Set, Proxy and Reflect are ES2015's: a tsconfig with no `target` or `lib` gives ES5's types alone (blind
    // s113/08: 27 errors). The directive needs TypeScript 3.0, which the older variant may predate.
    ...(ts && v.olderTypeScript === undefined ? [...ES2015_LIBS.map((lib) => `/// <reference lib="${lib}" />`), ''] : []),
  ];
  // withSlackPackageRtmStart() loads the `ws` the `slack` package depends on, from the package's folder (in TypeScript, through the `require` it declares).
  if (v.libraryStarts?.has('slack-package') && !ts) lines.push(slackPackageImport(v.commonjs && !ts), '');
  if (ts) {
    lines.push(
      '/** A Web API response or one of the objects in it. */',
      'export type SlackObject = Record<string, unknown>;',
      '',
      '/** Calls one Web API method; resolves with its `ok: true` answer. */',
      'export type SlackCall = (method: string, args: Record<string, unknown>) => Promise<SlackObject>;',
      '',
      '/** What rtmStartData() needs of a client: a WebClient has it. */',
      'export interface ApiCaller {',
      '  apiCall(method: string, options?: Record<string, unknown>): Promise<unknown>;',
      '}',
      '',
      '/** The same of a @slack/client v3 client, which has no apiCall: its own request queue. */',
      'export interface LegacyApiCaller {',
      '  _makeAPICall(method: string, args: null, options: Record<string, unknown>): Promise<SlackObject>;',
      '}',
      '',
      '/** The arguments `rtm.start` took. */',
      'export interface RtmStartArgs {',
      '  token?: string;',
      ...['batch_presence_aware', 'presence_sub', 'include_locale', 'mpim_aware', 'no_unreads', 'no_latest', 'simple_latest'].map(
        (a) => `  ${a}?: boolean | number | string;`,
      ),
      '}',
      '',
      'export interface RtmStartDataOptions {',
      '  /** Multiplies every wait between calls (0: no pacing). Default 1. */',
      '  timeScale?: number;',
      "  /** The only parts fetched ('users', 'channels', 'channels[].members', 'team', 'url'…), the others left out of the data. Default: all. */",
      '  fields?: string[];',
      "  /** Fields fetched only when named: 'subteams', 'dnd', 'team.prefs', '<list>[].latest', '<list>[].unread_count', '<list>[].is_open' (groups, mpims, ims), 'users[].presence'. */",
      '  include?: string[];',
      "  /** 'subteams', 'dnd', 'team.prefs' fetched too, but left out (with a warning) when Slack answers missing_scope, not_allowed_token_type or no_permission. */",
      '  optional?: string[];',
      '}',
      '',
      'export interface SlackUser {',
      '  id: string;',
      '  name?: string;',
      '  real_name?: string;',
      '  deleted?: boolean;',
      '  is_bot?: boolean;',
      '  is_admin?: boolean;',
      '  tz?: string;',
      '  profile?: { display_name?: string; real_name?: string; email?: string; bot_id?: string; [key: string]: unknown };',
      '  [key: string]: unknown;',
      '}',
      '',
      'export interface SlackConversation {',
      '  id: string;',
      '  name?: string;',
      '  is_channel?: boolean;',
      '  is_group?: boolean;',
      '  is_im?: boolean;',
      '  is_mpim?: boolean;',
      '  is_private?: boolean;',
      '  is_archived?: boolean;',
      '  is_general?: boolean;',
      '  is_member?: boolean;',
      '  user?: string;',
      '  created?: number;',
      '  creator?: string;',
      '  /** Every member, for the conversations the bot is in. */',
      '  members?: string[];',
      '  topic?: { value?: string; [key: string]: unknown };',
      '  purpose?: { value?: string; [key: string]: unknown };',
      '  [key: string]: unknown;',
      '}',
      '',
      'export interface SlackBot {',
      '  id: string;',
      '  name?: string;',
      '  deleted: boolean;',
      '  user_id: string;',
      '  [key: string]: unknown;',
      '}',
      '',
      '/** `rtm.start`\'s answer, as far as public methods still tell it. */',
      'export interface RtmStartData {',
      '  ok: true;',
      '  url: string;',
      '  self: { id: string; name: string; [key: string]: unknown };',
      '  team: { id: string; name: string; domain: string; [key: string]: unknown };',
      '  users: SlackUser[];',
      '  channels: SlackConversation[];',
      `  /** Private channels, and group DMs too unless \`mpim_aware\` was passed (as \`rtm.start\` did). */`,
      '  groups: SlackConversation[];',
      '  /** Only with `mpim_aware`. */',
      '  mpims?: SlackConversation[];',
      '  ims: SlackConversation[];',
      '  bots: SlackBot[];',
      "  /** With `include: ['subteams']`: the user groups, and the ids of those the bot is in. */",
      '  subteams?: { self: string[]; all: SlackObject[] };',
      "  /** With `include: ['dnd']`: the bot's own Do Not Disturb state. */",
      '  dnd?: SlackObject;',
      "  /** What else `rtm.start` answered (`cache_ts`, `latest_event_ts`…), which no method returns: a read answers undefined and warns. A Web API answer, as `WebAPICallResult` is (code casts it to its own types). */",
      '  [key: string]: unknown;',
      '}',
      '',
      ...extrasTypes(),
    );
  }
  lines.push(
    `const PAGE_SIZE = ${RECOMMENDED_PAGE_SIZE};`,
    '',
    "/** Slack's rate tiers for the methods called here: steady calls per minute, and the burst allowed. */",
    `const RATE_LIMITS${t(': Record<string, { perMinute: number; burst: number }>')} = {`,
    ...rates,
    '};',
    '',
    `/** The arguments \`${METHODS.rtmConnect}\` still accepts; \`rtm.start\`'s others (no_unreads, mpim_aware…) are gone. */`,
    `const CONNECT_ARGS${t(`: readonly (${RTM_CONNECT_ARGS.map((a) => `'${a}'`).join(' | ')})[]`)} = [${RTM_CONNECT_ARGS.map((a) => `'${a}'`).join(', ')}];`,
    '',
    '/**',
    ' * `rtm.start`\'s data, rebuilt: users, channels, groups (and mpims with `mpim_aware`), ims with',
    ` * complete \`members\`, team details, bots (the bot users of ${METHODS.usersList}), then \`url\`, \`self\` and`,
    ` * \`team\` from ${METHODS.rtmConnect}; only the parts \`options.fields\` names where it names them. Throws the first`,
    ' * error a call answers.',
    ' */',
    `${exp}function rtmStartData(client${t(': SlackCall | object')}, args${t(': RtmStartArgs')} = {}, options${t(': RtmStartDataOptions')} = {})${t(': Promise<RtmStartData>')} {`,
    '  // In a promise from the start: a client it cannot call rejects, as an error of a call does.',
    '  return Promise.resolve().then(() => {',
    ...(ts
      ? [
          '    // `object`, not ApiCaller | LegacyApiCaller: code may type its client its own way (its own declaration',
          "    // of the class, with only the methods it calls). Told apart by what it has: apiCall, or v3's _makeAPICall.",
          '    const caller = client as ApiCaller | LegacyApiCaller | SlackCall;',
        ]
      : []),
    `    const send${t(': SlackCall')} =`,
    `      typeof ${web} === 'function'`,
    `        ? (method, callArgs) => ${web}(method, formValues(callArgs))`,
    `        : 'apiCall' in ${web}`,
    // Cast, not narrowed by `in`, which TypeScript before 2.7 does not do.
    `          ? (method, callArgs) => ${ts ? `(${web} as ApiCaller)` : web}.apiCall(method, callArgs)${t(' as Promise<SlackObject>')}`,
    `          : (method, callArgs) => ${ts ? `(${web} as LegacyApiCaller)` : web}._makeAPICall(method, null, callArgs);`,
    '    const call = pacedCall(send, args, options);',
    '    const wanted = partsWanted(options);',
    '    return rtmStartLists(call, args, wanted).then((lists) =>',
    '      rtmStartExtras(call, args, lists, options).then((extras) => {',
    `        // No ${METHODS.rtmConnect} (Tier 1) for code that reads neither its url nor self.`,
    `        if (${HELPER_CONNECT_PARTS.map((p) => `!wanted('${p}')`).join(' && ')}) return withExtras(${cast('Object.assign({ ok: true }, lists)', 'RtmStartData')}, extras);`,
    `        // ${METHODS.rtmConnect} last: its url must be used within ${RTM_URL_LIFETIME_SECONDS} seconds.`,
    `        const connectArgs${t(': Record<string, unknown>')} = {};`,
    '        for (const name of CONNECT_ARGS) if (args[name] !== undefined) connectArgs[name] = args[name];',
    `        return call('${METHODS.rtmConnect}', connectArgs).then((connect) => {`,
    `          const data = Object.assign({ ok: true, url: connect.url${t(' as string')}, self: connect.self${t(" as RtmStartData['self']")} }, lists);`,
    `          data.team = Object.assign({}, lists.team, ${ts ? "connect.team as RtmStartData['team']" : 'connect.team'});`,
    `          return withExtras(${cast('data', 'RtmStartData')}, extras);`,
    '        });',
    '      })',
    '    );',
    '  });',
    '}',
    '',
    '/**',
    " * The arguments as a form carries them, for the app's own transport: Slack reads 'true' as true, and",
    ' * a form body (form-data\'s `append`) takes no booleans.',
    ' */',
    `function formValues(callArgs${t(': Record<string, unknown>')})${t(': Record<string, unknown>')} {`,
    `  const values${t(': Record<string, unknown>')} = {};`,
    '  for (const name of Object.keys(callArgs)) {',
    '    const value = callArgs[name];',
    "    values[name] = typeof value === 'boolean' ? String(value) : value;",
    '  }',
    '  return values;',
    '}',
    '',
    "/** Whether a part of the data is fetched: every part, unless `options.fields` names the ones the code reads. */",
    `function partsWanted(options${t(': RtmStartDataOptions')})${t(': (part: string) => boolean')} {`,
    '  const fields = options.fields;',
    '  return (part) => fields === undefined || fields.indexOf(part) !== -1;',
    '}',
    '',
    ...extrasSource(ts),
    '',
    ...(ts
      ? [
          "/** What rtmStartLists() fetches: everything but rtm.connect's part (the parts wanted). */",
          "type RtmStartLists = Partial<Pick<RtmStartData, 'users' | 'channels' | 'groups' | 'mpims' | 'ims' | 'bots' | 'subteams' | 'dnd'>> & { team?: SlackObject };",
          '',
        ]
      : []),
    '/** Users, conversations (with complete members), bots and team details: the part before rtm.connect, as far as `wanted`. */',
    `function rtmStartLists(call${t(': SlackCall')}, args${t(': RtmStartArgs')}, wanted${t(': (part: string) => boolean')} = () => true)${t(': Promise<RtmStartLists>')} {`,
    '  const locale = isSet(args.include_locale) ? { include_locale: true } : {};',
    '  const mpimAware = isSet(args.mpim_aware);',
    ...listTypesSource(ts),
    '  // One conversations.list of every type the wanted lists hold: one per type would wait out Tier 2\'s pace for each.',
    `  const types${t(': string[]')} = [];`,
    '  for (const list of Object.keys(listTypes)) if (wanted(list)) types.push(...(listTypes[list] || []));',
    `  const conversations = (byType${t(': Record<string, SlackConversation[]>')}, list${t(': string')})${t(': Promise<SlackConversation[] | undefined>')} => {`,
    '    const ofList = listTypes[list];',
    '    if (!ofList || !wanted(list)) return Promise.resolve(undefined);',
    `    const found${t(': SlackConversation[]')} = [];`,
    '    for (const type of ofList) found.push(...(byType[type] || []));',
    ...Object.entries(LEGACY_LIST_ITEM_FLAGS).flatMap(([list, flags]) => [
      `    // rtm.start set these on every item of its ${list}, whatever conversations.list says (group DMs among them).`,
      `    if (list === '${list}') for (const conversation of found) Object.assign(conversation, { ${Object.entries(flags).map(([flag, value]) => `${flag}: ${String(value)}`).join(', ')} });`,
    ]),
    ...Object.entries(LEGACY_LIST_ITEM_ABSENT).flatMap(([list, flags]) => [
      `    // rtm.start's ${list} had no ${flags.map((f) => `\`${f}\``).join(', ')}, which conversations.list sets on some of them.`,
      `    if (list === '${list}') for (const conversation of found) ${flags.map((f) => `delete conversation.${f};`).join(' ')}`,
    ]),
    '    return inTurn(found, (conversation) => {',
    '      // rtm.start listed members only for the conversations the bot was in; here they are complete.',
    '      if (conversation.is_member !== true || !wanted(`${list}[].members`)) return undefined;',
    `      return listAll${t('<string>')}(call, '${METHODS.conversationsMembers}', { channel: conversation.id }, 'members').then((members) => {`,
    '        conversation.members = members;',
    '      });',
    '    }).then(() => found);',
    '  };',
    `  let users${t(': SlackUser[] | undefined')};`,
    `  const listed${t(': Record<string, SlackConversation[] | undefined>')} = {};`,
    "  // `bots` are users.list's bot users.",
    `  return (${cast(`wanted('users') || wanted('bots') ? listAll${t('<SlackUser>')}(call, '${METHODS.usersList}', Object.assign({}, locale), 'members') : Promise.resolve(undefined)`, 'Promise<SlackUser[] | undefined>')})`,
    '    .then((found) => {',
    '      users = found;',
    '      return conversationsByType(call, types, locale);',
    '    })',
    "    // rtm.start's lists in their order, members after each.",
    '    .then((byType) =>',
    '      inTurn(Object.keys(listTypes), (list) =>',
    '        conversations(byType, list).then((found) => {',
    '          listed[list] = found;',
    '        })',
    '      )',
    '    )',
    `    .then${t('<SlackObject | undefined>')}(() => (wanted('team') ? call('${METHODS.teamInfo}', {}) : undefined))`,
    '    .then((answer) => {',
    `      const team = answer ? ${ts ? '(answer.team as SlackObject | undefined)' : 'answer.team'} || {} : undefined;`,
    `      const lists${t(': RtmStartLists')} = {};`,
    '      if (team) lists.team = team;',
    '      if (users) lists.users = users;',
    '      if (listed.channels) lists.channels = listed.channels;',
    '      if (listed.groups) lists.groups = listed.groups;',
    '      if (listed.mpims) lists.mpims = listed.mpims;',
    '      if (listed.ims) lists.ims = listed.ims;',
    "      if (users) lists.bots = users.filter((u) => u.is_bot === true && u.profile !== undefined && typeof u.profile.bot_id === 'string').map(botOf);",
    '      markItemGaps(lists, args);',
    '      return lists;',
    '    });',
    '}',
    '',
    '/** Runs `step` on each item, one after the other (as the calls are paced, not at once). */',
    `function inTurn${t('<T>')}(items${t(': readonly T[]')}, step${t(': (item: T) => unknown')})${t(': Promise<unknown>')} {`,
    `  return items.reduce${t('<Promise<unknown>>')}((done, item) => done.then(() => step(item)), Promise.resolve());`,
    '}',
    '',
    ...itemGapsSource(ts, v.legacyClient || v.slackClient === true || v.libraryStarts?.has('slack-client') === true),
    '',
    ...conversationsByTypeSource(ts),
    '',
    "/** Calls through `send`, paced per method by `wait`, with the token of `args` when it has one; `ok: false` throws, Slack's answer as the error's `data`. */",
    `function pacedCall(send${t(': SlackCall')}, args${t(': RtmStartArgs')}, options${t(': RtmStartDataOptions')}, wait = pacer(timeScaleOf(options)))${t(': SlackCall')} {`,
    '  const token = args.token ? { token: args.token } : {};',
    '  return (method, callArgs) =>',
    '    wait(method)',
    '      .then(() => send(method, Object.assign({}, callArgs, token)))',
    '      .then((res) => {',
    "        if (res.ok === false) throw Object.assign(new Error(`${method}: ${String(res.error)}`), { data: res });",
    '        return res;',
    '      });',
    '}',
    '',
    '/** Every item of a cursor-paginated list, page after page until `next_cursor` is empty. */',
    `function listAll${t('<T>')}(call${t(': SlackCall')}, method${t(': string')}, args${t(': Record<string, unknown>')}, key${t(': string')})${t(': Promise<T[]>')} {`,
    `  const items${t(': T[]')} = [];`,
    `  const from = (cursor${t(': string')})${t(': Promise<T[]>')} =>`,
    '    call(method, Object.assign({}, args, { limit: PAGE_SIZE }, cursor ? { cursor } : {})).then((page) => {',
    ts ? '      items.push(...((page[key] as T[] | undefined) || []));' : '      items.push(...(page[key] || []));',
    `      const next = (${ts ? '(page.response_metadata as { next_cursor?: string } | undefined)' : 'page.response_metadata'} || {}).next_cursor || '';`,
    "      return next === '' ? items : from(next);",
    '    });',
    "  return from('');",
    '}',
    '',
    '/** What multiplies every wait (0: no pacing). */',
    `function timeScaleOf(options${t(': RtmStartDataOptions')})${t(': number')} {`,
    '  return options.timeScale !== undefined && options.timeScale !== null ? options.timeScale : 1;',
    '}',
    '',
    '/**',
    " * Waits before each call as the method's rate tier asks: a burst of calls at once, then one every",
    ' * minute / perMinute (a token bucket per method). One call of the burst is kept in reserve: Slack',
    ' * counts a call when it arrives, this counts it when it leaves, and the reserve absorbs the difference.',
    ' */',
    `function pacer(timeScale${t(': number')})${t(': (method: string) => Promise<void>')} {`,
    `  const buckets = new Map${t('<string, { tokens: number; at: number }>')}();`,
    `  return (method${t(': string')}) => {`,
    '    const limit = RATE_LIMITS[method];',
    '    if (!limit || timeScale <= 0) return Promise.resolve();',
    '    const interval = (60000 / limit.perMinute) * timeScale;',
    '    const now = Date.now();',
    '    const burst = Math.max(1, limit.burst - 1);',
    '    const bucket = buckets.get(method) || { tokens: burst, at: now };',
    '    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) / interval) - 1;',
    '    bucket.at = now;',
    '    buckets.set(method, bucket);',
    `    return bucket.tokens < 0 ? new Promise${t('<void>')}((resolve) => setTimeout(resolve, -bucket.tokens * interval)) : Promise.resolve();`,
    '  };',
    '}',
    '',
    "/** How Slack reads a boolean argument: true, 1, '1', 'true'. */",
    `function isSet(value${t(': unknown')})${t(': boolean')} {`,
    "  return value === true || value === 1 || value === '1' || value === 'true';",
    '}',
    '',
    `/** A \`bots\` entry, from a bot user of ${METHODS.usersList}. */`,
    `function botOf(user${t(': SlackUser')})${t(': SlackBot')} {`,
    '  const profile = user.profile || {};',
    `  return { id: profile.bot_id${t(' as string')}, name: user.name || '', deleted: user.deleted === true, user_id: user.id, app_id: profile.api_app_id };`,
    '}',
  );
  if ((v.ownPromise && !ts) || v.libraryStarts?.has('slackbots') === true || v.libraryStarts?.has('slackbots-call') === true) lines.push('', ...answeredOnceSource(ts));
  if (v.ownPromise && !ts) lines.push('', ...ownPromiseSource(exp));
  if (v.legacyClient) lines.push('', ...legacyClientSource(v));
  if (v.slackClient) lines.push('', ...slackClientSource(ts, exp));
  if (v.rtmApiClient) lines.push('', ...rtmApiClientSource(ts, exp));
  for (const library of HELPER_LIBRARIES) if (v.libraryStarts?.has(library)) lines.push('', ...LIBRARY_START_SOURCES[library](ts, exp, v.compiled === true));
  if (v.nockStub === true && !ts) lines.push('', ...nockStubSource(exp));
  if (v.commonjs && !ts) {
    const names = helperExports(v);
    lines.push('', `module.exports = { ${names.join(', ')} };`);
  }
  const text = lines.join('\n') + '\n';
  return ts && v.olderTypeScript !== undefined ? forOlderTypeScript(text) : text;
}

/** `listTypes`: the conversation types of each of rtm.start's lists (core's mapping), for the old call's `mpim_aware`. */
function listTypesSource(ts: boolean): string[] {
  const literal = (types: readonly string[]): string => `[${types.map((type) => `'${type}'`).join(', ')}]`;
  // The lists before `mpims` in the object literal, the rest set after it in turn: the keys keep rtm.start's
  // order, with no spread (ES2018) to leave `mpims` out without mpim_aware, as rtm.start answered it.
  const first: string[] = [];
  const then: string[] = [];
  for (const list of Object.keys(CONVERSATION_LIST_FIELDS) as ConversationListField[]) {
    const aware = literal(conversationTypesOf(list, true));
    const unaware = literal(conversationTypesOf(list, false));
    const types = aware === unaware ? aware : `mpimAware ? ${aware} : ${unaware}`;
    if (list === 'mpims') then.push(`  if (mpimAware) listTypes.${list} = ${aware};`);
    else if (then.length === 0) first.push(`${list}: ${types}`);
    else then.push(`  listTypes.${list} = ${types};`);
  }
  return [
    "  // The conversation types of rtm.start's lists, in their order: without mpim_aware it listed group DMs",
    '  // among the groups, after the private channels, and had no mpims.',
    `  const listTypes${ts ? ': Record<string, string[]>' : ''} = { ${first.join(', ')} };`,
    ...then,
  ];
}

/** `conversationsByType()`, the one listing of every type wanted, and `conversationType()`, which tells its items apart. */
function conversationsByTypeSource(ts: boolean): string[] {
  const t = (typed: string): string => (ts ? typed : '');
  const tests = new Map<string, string[]>();
  for (const { flag, type } of CONVERSATION_TYPE_FLAGS) tests.set(type, [...(tests.get(type) ?? []), `conversation.${flag} === true`]);
  return [
    "/** Every conversation of `types`, from one paginated conversations.list, by type (each in Slack's order). */",
    `function conversationsByType(call${t(': SlackCall')}, types${t(': string[]')}, locale${t(': Record<string, unknown>')})${t(': Promise<Record<string, SlackConversation[]>>')} {`,
    `  const byType${t(': Record<string, SlackConversation[]>')} = {};`,
    '  if (types.length === 0) return Promise.resolve(byType);',
    '  for (const type of types) byType[type] = [];',
    `  return listAll${t('<SlackConversation>')}(call, '${METHODS.conversationsList}', Object.assign({ types: types.join(',') }, locale), 'channels').then((listed) => {`,
    '    for (const conversation of listed) {',
    '      const ofType = byType[conversationType(conversation)];',
    '      // Flags read as a type not asked for: stop, rather than start without the conversation.',
    "      if (!ofType) throw new Error(`conversations.list: ${conversation.id} is of none of the types asked for (${types.join(',')})`);",
    '      ofType.push(conversation);',
    '    }',
    '    return byType;',
    '  });',
    '}',
    '',
    '/**',
    " * A conversations.list item's type, by its flags (Slack's conversation object,",
    ' * https://docs.slack.dev/reference/objects/conversation-object): is_im a DM; is_mpim a group DM, which',
    ' * is private too, so it is asked first; is_private a private channel, or is_group one made before',
    ' * March 2021 (a G id); none of them a public channel.',
    ' */',
    `function conversationType(conversation${t(': SlackConversation')})${t(': string')} {`,
    ...[...tests].map(([type, test]) => `  if (${test.join(' || ')}) return '${type}';`),
    `  return '${UNFLAGGED_CONVERSATION_TYPE}';`,
    '}',
  ];
}

/** The functions a variant of the helper module exports. */
export function helperExports(v: HelperVariant): string[] {
  return [HELPER_EXPORTS.data, ...(v.ownPromise && !v.typescript ? [HELPER_EXPORTS.dataAs] : []), ...(v.legacyClient ? [HELPER_EXPORTS.legacyStart, HELPER_EXPORTS.legacyPrepare, HELPER_EXPORTS.elsewhereStart] : []),
    ...(v.slackClient ? [HELPER_EXPORTS.slackClientStart] : []),
    ...(v.rtmApiClient ? [HELPER_EXPORTS.rtmApiClient] : []),
    ...HELPER_LIBRARIES.filter((library) => v.libraryStarts?.has(library)).map((library) => HELPER_LIBRARY_STARTS[library].export),
    ...(v.nockStub === true && !v.typescript ? [HELPER_EXPORTS.stubStart, HELPER_EXPORTS.stubInterceptor] : [])];
}

/**
 * `rtmStartDataAs(call, args)`: the data as the app helper's own kind of promise (`vow`, `q`,
 * bluebird…), for code that chains its other methods (`.fail()`, `.done()`) or hands it on.
 */
function ownPromiseSource(exp: string): string[] {
  return [
    '/**',
    " * rtmStartData() through an app helper whose promises have methods of their own (vow's `.fail()`,",
    " * bluebird's `.spread()`…): the answer comes back as the helper's own kind of promise, chained on a",
    ' * first call made through it (firstCall()), whose answer rtmStartData() then takes as its own.',
    ' */',
    `${exp}function rtmStartDataAs(call, args = {}, options = {}) {`,
    '  const first = firstCall(options);',
    '  return call(first, args.token ? { token: args.token } : {}).then((answer) => rtmStartData(answeredOnce(call, first, answer), args, options));',
    '}',
  ];
}

/**
 * `answeredOnce(call, method, answer)`: `call`, with its first request of `method` answered by `answer`,
 * already fetched. A start that must come back as the transport's own kind of promise is chained on a
 * first call through it; its answer then serves rtmStartData() instead of a second request.
 */
function answeredOnceSource(ts: boolean): string[] {
  const t = (text: string): string => (ts ? text : '');
  return [
    '/**',
    " * The first call a start is chained on where it must come back as the transport's own kind of promise:",
    ` * ${METHODS.teamInfo} where the team is wanted (its answer then serves as the team's), else ${METHODS.authTest}, which`,
    ' * needs no scope (a token with only the scopes the parts wanted need may lack team:read).',
    ' */',
    `function firstCall(options${t(': RtmStartDataOptions')})${t(': string')} {`,
    `  return partsWanted(options)('team') ? '${METHODS.teamInfo}' : '${METHODS.authTest}';`,
    '}',
    '',
    `/** \`call\`, with its first request of \`method\` answered by \`answer\` (already fetched, so not asked twice). */`,
    `function answeredOnce(call${t(': SlackCall')}, method${t(': string')}, answer${t(': SlackObject')})${t(': SlackCall')} {`,
    `  let kept${t(': SlackObject | undefined')} = answer;`,
    '  return (name, args) => {',
    '    if (name !== method || kept === undefined) return call(name, args);',
    '    const found = kept;',
    '    kept = undefined;',
    '    return Promise.resolve(found);',
    '  };',
    '}',
  ];
}

/**
 * `startRtmClient(rtm, args)`: starts a legacy `@slack/client` v3 `RtmClient` (created with
 * `useRtmConnect: true`) so that its `AUTHENTICATED` handlers and its `dataStore` see `rtm.start`'s
 * data again, on every start and reconnect.
 */
function legacyClientSource(v: HelperVariant): string[] {
  const ts = v.typescript;
  const t = (typed: string): string => (ts ? typed : '');
  const exp = v.commonjs && !ts ? '' : 'export ';
  const lines: string[] = [];
  if (ts) {
    lines.push(
      '/** The parts of a @slack/client v3 `RtmClient` that startRtmClient() uses. */',
      'export interface LegacyRtmClient {',
      '  start(args?: RtmStartArgs): void;',
      '  emit(event: string, ...rest: unknown[]): boolean;',
      '  _makeAPICall(method: string, args: null, options: Record<string, unknown>, done: (error: Error | null, res: SlackObject) => void): void;',
      '  _useRtmConnect?: unknown;',
      '  _rtm: { start: RtmFacetCall; connect?: RtmFacetCall };',
      '  logger(level: string, ...rest: unknown[]): void;',
      '  dataStore?: { cacheRtmStart(data: object): void } & CopiedItems;',
      '}',
      '',
      '/** How a v3 RtmClient asks its `_rtm` facet for the start, and hands it its own handler of the answer. */',
      'type RtmFacetCall = (args: RtmStartArgs | null | undefined, done: (error: unknown, data: SlackObject | null) => void) => void;',
      '',
    );
  }
  lines.push(
    '/**',
    ' * Starts a legacy @slack/client v3 RtmClient so that its AUTHENTICATED handlers and its dataStore get',
    ` * \`rtm.start\`'s data again (see ${HELPER_EXPORTS.legacyPrepare}()), on this start and every later one.`,
    ' */',
    `${exp}function ${HELPER_EXPORTS.legacyStart}(${clientParameter(ts)}, args${t(': RtmStartArgs')} = {}, options${t(': RtmStartDataOptions')} = {})${t(': void')} {`,
    ...standInStartLines(ts),
    ...clientViewLines(ts, legacyClientView(HELPER_EXPORTS.legacyStart)),
    `  ${HELPER_EXPORTS.legacyPrepare}(rtm, options).start(args);`,
    '}',
    '',
    '/**',
    ' * A legacy @slack/client v3 RtmClient whose starts, wherever they are made (a base class, another',
    " * module), give its AUTHENTICATED handlers and its dataStore `rtm.start`'s data again. A client made with",
    ` * \`useRtmConnect: true\` (3.10 or later) starts with ${METHODS.rtmConnect}; any other (3.0 to 3.9 have no such option) starts`,
    ` * with the retired rtm.start, whose request is sent here as ${METHODS.rtmConnect} instead, the same arguments through the same`,
    ` * queue. On every start (the client\'s reconnects too) its ${METHODS.rtmConnect} request fetches the lists first, through the`,
    " * client's own request queue (same token, API URL, retries); the lists are added to the answer before the",
    ' * dataStore caches it and the AUTHENTICATED handlers run, with the extras `options` names (as rtmStartData()',
    ` * fetches them). A failed fetch is the client\'s failed ${METHODS.rtmConnect}: its own start handling gets it, and fires`,
    ' * the same events and reconnects, or not (invalid_auth…), as it would. Returns the client.',
    ' */',
    `${exp}function ${HELPER_EXPORTS.legacyPrepare}${t('<T extends object>')}(${ts ? 'client: T' : 'rtm'}, options${t(': RtmStartDataOptions')} = {})${t(': T')} {`,
    ...clientViewLines(ts, legacyClientView(HELPER_EXPORTS.legacyPrepare)),
    '  if (!startedClients.has(rtm)) {',
    '    startedClients.add(rtm);',
    '    const facet = rtm._rtm;',
    "    // A start the program set on the facet itself (a test's stand-in: `sinon.stub(client._rtm, 'start', …)`) answers",
    "    // the client as that test wants: its start still asks the stand-in, through the connect the option added uses too.",
    "    if (Object.prototype.hasOwnProperty.call(facet, 'start')) {",
    '      if (rtm._useRtmConnect === true && facet.connect) facet.connect = facet.start;',
    `      return ${ts ? 'client' : 'rtm'};`,
    '    }',
    '    const emit = rtm.emit;',
    `    let lists${t(': RtmStartLists | undefined')};`,
    `    let extras${t(': RtmStartExtras')} = {};`,
    '    // The arguments the lists were fetched for: the dataStore\'s models are marked as rtm.start gave them (no_unreads…).',
    `    let listsArgs${t(': RtmStartArgs')} = {};`,
    "    // Slack's `ok: false` answer to a failed call, by the queue's error: a failed start hands both on",
    '    // as the queue gave them (the error untouched: the client logs its properties).',
    `    const answers = new WeakMap${t('<object, SlackObject>')}();`,
    "    // One pacer for all its starts: Slack's rate windows go on across the client's reconnects.",
    '    const wait = pacer(timeScaleOf(options));',
    '    // The starts that failed here in a row: the client starts again at once after a failed start, and',
    "    // nothing here is paced as Slack paced its rtm.start, so each waits longer (see restartDelay).",
    '    let failedStarts = 0;',
    '    // Through the client\'s own request queue: v3 has no public method for that.',
    `    const send${t(': SlackCall')} = (method, callArgs) =>`,
    '      new Promise((resolve, reject) => {',
    '        rtm._makeAPICall(method, null, callArgs, (error, res) => {',
    '          if (!error) return resolve(res);',
    '          if (res) answers.set(error, res);',
    '          reject(error);',
    '        });',
    '      });',
    "    // Hands the client's handler its answer as its request queue does: a throw from its handlers",
    "    // (AUTHENTICATED's, UNABLE_TO_RTM_START's…) is logged; here it would be an unhandled rejection, which ends the process.",
    `    const answer = (done${t(': (error: unknown, data: SlackObject | null) => void')}, error${t(': unknown')}, data${t(': SlackObject | null')}) => {`,
    '      try {',
    '        done(error, data);',
    // No annotation: TypeScript parses one on a catch variable only from 4.0.
    '      } catch (thrown) {',
    "        rtm.logger('error', thrown);",
    '      }',
    '    };',
    "    // A failed call handed on as the client's request queue hands it: its error, with Slack's `ok: false`",
    "    // answer (or none); in a release whose queue makes no error of that answer (3.0…), the answer alone.",
    `    const fail = (done${t(': (error: unknown, data: SlackObject | null) => void')}, error${t(': unknown')}) => {`,
    "      const failure = typeof error === 'object' && error !== null ? error : undefined;",
    '      const queued = failure && answers.get(failure);',
    `      const answered = failure && ${ts ? '(failure as { data?: SlackObject }).data' : 'failure.data'};`,
    '      if (!queued && answered && answered.ok === false) answer(done, null, answered);',
    '      else answer(done, error, queued || null);',
    '    };',
    "    // rtm.start's data: the client's rtm.connect answer with the lists and extras fetched for it.",
    `    const complete = (data${t(': SlackObject')}) => {`,
    '      if (!lists) return;',
    `      Object.assign(data, lists, { team: Object.assign({}, lists.team, ${ts ? 'data.team as SlackObject' : 'data.team'}) });`,
    `      withExtras(${ts ? 'data as unknown as RtmStartData' : 'data'}, extras);`,
    '    };',
    '    // 3.10 or later, made with `useRtmConnect: true`, calls its facet\'s connect; any other v3 client its start.',
    '    const ownConnect = facet.connect;',
    `    const connect${t(': RtmFacetCall')} =`,
    `      rtm._useRtmConnect === true && ownConnect`,
    '        ? ownConnect',
    '        : function (connectArgs, done) {',
    `            send('${METHODS.rtmConnect}', ${ts ? '(connectArgs || {}) as Record<string, unknown>' : 'connectArgs || {}'}).then(`,
    '              (data) => {',
    "                // Its start caches the answer before AUTHENTICATED: the lists go in first, and its dataStore, which",
    "                // looks its own user up there (3.10 adds it where there is none), gets that one where none were fetched.",
    '                if (data.ok !== false) {',
    '                  complete(data);',
    '                  if (lists && !lists.users && data.self) data.users = [data.self];',
    '                }',
    '                answer(done, null, data);',
    '              },',
    '              (error) => fail(done, error)',
    '            );',
    '          };',
    '    // The client calls this from its start (after its CONNECTING event), with its start\'s arguments and',
    '    // its own handler of the answer, which caches it, emits AUTHENTICATED and opens the socket.',
    `    const opening = function (connectArgs${t(': RtmStartArgs | null | undefined')}, done${t(': (error: unknown, data: SlackObject | null) => void')}) {`,
    '      // The arguments its reconnect() passes on may be null (a default parameter replaces only undefined).',
    '      const startArgs = connectArgs || {};',
    '      const call = pacedCall(send, startArgs, options, wait);',
    '      const delay = restartDelay(failedStarts) * timeScaleOf(options);',
    `      (delay > 0 ? new Promise${t('<void>')}((resolve) => setTimeout(resolve, delay)) : Promise.resolve())`,
    '        .then(() => rtmStartLists(call, startArgs, partsWanted(options)))',
    '        .then((fetched) => rtmStartExtras(call, startArgs, fetched, options).then((found) => ({ fetched, found })))',
    '        .then(',
    // No destructured parameter: Node before 6 has none, and the old-toolchain check counts destructuring declarations only.
    '          (both) => {',
    '            lists = both.fetched;',
    '            listsArgs = startArgs;',
    '            extras = both.found;',
    '            failedStarts = 0;',
    '            connect.call(facet, connectArgs, done);',
    '          },',
    `          (error${t(': unknown')}) => {`,
    "            // The client's handler then emits UNABLE_TO_RTM_START, and disconnects (invalid_auth…) or",
    '            // reconnects as its release does: that next start waits.',
    '            failedStarts += 1;',
    '            fail(done, error);',
    '          }',
    '        );',
    '    };',
    '    if (connect === ownConnect) facet.connect = opening;',
    '    else facet.start = opening;',
    `    rtm.emit = function (event${t(': string')}, ...rest${t(': unknown[]')}) {`,
    `      const data = rest[0]${t(' as SlackObject | undefined')};`,
    "      // A start after the client disconnected (invalid_auth…, or the app's own) is no restart: it does not wait.",
    "      if (event === 'disconnect') failedStarts = 0;",
    "      if (event === 'authenticated' && lists && data) {",
    "        // Through its own connect the answer comes here as rtm.connect gave it: the lists go in, and the dataStore caches them again.",
    '        if (connect === ownConnect) {',
    '          complete(data);',
    '          if (rtm.dataStore) rtm.dataStore.cacheRtmStart(data);',
    '        }',
    "        // Its models copy the items by their enumerable keys: they get the items' getters of their own.",
    '        if (rtm.dataStore) markCopiedItems(rtm.dataStore, listsArgs);',
    '      }',
    '      return emit.call(rtm, event, ...rest);',
    '    };',
    '  }',
    `  return ${ts ? 'client' : 'rtm'};`,
    '}',
    '',
    `const startedClients = new WeakSet${t('<object>')}();`,
    '',
    '/**',
    " * How long a start after `failed` failed starts in a row waits, in ms: none after none; then as the",
    ` * client's request queue waits to retry a failed request (${LEGACY_RTM_RESTART.retryFirstMs / 1000} s, doubling), up to the ${tierIntervalSeconds(METHOD_TIERS[METHODS.rtmStart])} s`,
    " * Slack made its rtm.start wait (Tier 1). So an error that stays (missing_scope, a throw) costs a few",
    ' * calls a minute, not a tight loop of them; a 429 never comes here: the queue waits out its Retry-After.',
    ' */',
    `function restartDelay(failed${t(': number')})${t(': number')} {`,
    '  if (failed === 0) return 0;',
    `  return Math.min(${LEGACY_RTM_RESTART.retryFirstMs} * Math.pow(${LEGACY_RTM_RESTART.retryFactor}, failed - 1), ${tierIntervalSeconds(METHOD_TIERS[METHODS.rtmStart]) * 1000});`,
    '}',
    '',
    ...elsewhereClientSource(ts, exp),
  );
  return lines;
}

/** What startRtmClient() and withLegacyRtmStart() use of a v3 RtmClient, checked at once (see clientViewLines). */
function legacyClientView(name: string): ClientView {
  return { name, view: 'LegacyRtmClient', members: ['start', 'emit', 'logger', '_makeAPICall', '_rtm.start'], expected: `a ${LEGACY_RTM_CONNECT_SUPPORT.module} v3 RtmClient` };
}

/**
 * `startRtmClientMadeElsewhere(rtm, args)`: for `x.rtm.start(args)` where the client is made out of
 * rtm-migrate's sight. What the client is, is known only when it starts, so it is told there by what
 * each SDK's client positively has; anything else throws rather than start on the retired `rtm.start`.
 */
function elsewhereClientSource(ts: boolean, exp: string): string[] {
  const t = (typed: string): string => (ts ? typed : '');
  const { module, since } = LEGACY_RTM_CONNECT_SUPPORT;
  const expected = `a ${module} v3 RtmClient or an RTMClient of ${module} 4+ or @slack/rtm-api`;
  return [
    ...(ts
      ? [
          '/** What startRtmClientMadeElsewhere() tells a client by. */',
          'interface ClientMadeElsewhere {',
          '  start?: (args?: RtmStartArgs) => unknown;',
          '  _makeAPICall?: unknown;',
          '  _useRtmConnect?: unknown;',
          '  useRtmConnect?: unknown;',
          '  webClient?: unknown;',
          '}',
          '',
        ]
      : []),
    '/**',
    ' * Starts an RTM client made where rtm-migrate could not see it (a parameter, another module), by',
    ` * what it is when it starts. A ${module} v3 RtmClient reads its useRtmConnect option only when it`,
    ` * starts: it is set (from ${since.join('.')}, which has it), and the client starts through startRtmClient() (${METHODS.rtmConnect}, its AUTHENTICATED`,
    ` * data and dataStore filled as \`rtm.start\` filled them). An RTMClient of ${module} 4+ or @slack/rtm-api`,
    ` * calls ${METHODS.rtmConnect} itself and gave its handlers that answer before: it starts as it did. Any other`,
    ' * client throws a TypeError here, at start: an RTMClient made with `useRtmConnect: false` (its handlers',
    " * read `rtm.start`'s data: wrap it with withRtmStartData() where it is made), a slack-client 2.x",
    " * RtmClient (rtm-migrate starts one only where it sees it made), a Web API client's `rtm` methods (call rtmStartData(client, args) instead).",
    ' */',
    `${exp}function startRtmClientMadeElsewhere(rtm${t(': unknown')}, args${t(': RtmStartArgs')} = {}, options${t(': RtmStartDataOptions')} = {})${t(': void')} {`,
    `  const client = (typeof rtm === 'object' && rtm !== null ? rtm : {})${t(' as ClientMadeElsewhere')};`,
    `  // An RTMClient of ${module} 4+ or @slack/rtm-api: a WebClient of its own, and the option as it was made.`,
    "  const rtmClient = typeof client.useRtmConnect === 'boolean' && typeof client.webClient === 'object' && client.webClient !== null;",
    "  if (typeof client.start === 'function') {",
    "    // A v3 RtmClient (its request queue's _makeAPICall). From the release that takes the option it has the",
    '    // field (undefined unless the option was given): it is set. An older one starts with rtm.start, which',
    '    // startRtmClient() sends as rtm.connect.',
    "    if (typeof client._makeAPICall === 'function') {",
    "      if (Object.prototype.hasOwnProperty.call(client, '_useRtmConnect')) client._useRtmConnect = true;",
    `      startRtmClient(client, args, options);`,
    '      return;',
    '    }',
    '    if (rtmClient && client.useRtmConnect === true) {',
    '      client.start(args);',
    '      return;',
    '    }',
    '  }',
    `  const proto${t(': { constructor?: { name?: string } } | null')} = typeof rtm === 'object' && rtm !== null ? Object.getPrototypeOf(rtm) : null;`,
    "  const made = typeof rtm === 'object' && rtm !== null ? `an object of class ${(proto && proto.constructor && proto.constructor.name) || 'none'}` : String(rtm);",
    `  throw new TypeError(\`startRtmClientMadeElsewhere() expected ${expected}, and got \${rtmClient ? 'an RTMClient made with useRtmConnect: false' : made}: it would start with the retired rtm.start.\`);`,
    '}',
  ];
}

