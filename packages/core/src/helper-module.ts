import { COMMON_RESPONSE_FIELDS, CONVERSATION_LIST_FIELDS, RTM_START_FIELDS, RTM_START_TOP_LEVEL_FIELDS, START_ONLY_ITEM_FIELDS, fieldFact, isStartOnlyItemField, isStartOnlyField, readsErrorText, topLevelField } from './fields.js';
import { deepFreeze } from './freeze.js';
import { METHODS } from './methods.js';
import { BOTKIT, SLACK_CLIENT_1, SLACKBOTAPI, SLACKBOTS } from './modules.js';

/**
 * The module `rtm-migrate apply` generates next to the code it rewrites. The codemod writes it; the
 * analysis recognises code that starts clients through it (their data is filled again), so the lint
 * and a second codemod run agree that such code needs nothing more.
 */

/** The names the generated module exports. */
export const HELPER_EXPORTS = deepFreeze({
  data: 'rtmStartData',
  dataAs: 'rtmStartDataAs',
  legacyStart: 'startRtmClient',
  elsewhereStart: 'startRtmClientMadeElsewhere',
  slackClientStart: 'startSlackClientRtm',
  rtmApiClient: 'withRtmStartData',
  botkitStart: 'withBotkitRtmStart',
  slackbotsStart: 'withSlackbotsRtmStart',
  slackbotsStartOn: 'withSlackbotsRtmStartOn',
  slackClientLogin: 'withSlackClientRtmStart',
  slackbotapiStart: 'withSlackbotapiRtmStart',
  slackPackageStart: 'withSlackPackageRtmStart',
} as const);

/**
 * The libraries whose own `rtm.start` request the generated module answers, each through a function
 * that wraps what starts it: `export`, its name; `wraps`, the receiver of the library's start call
 * (Botkit's `bot.startRTM(…)`, slack-client 1.x's `client.login()`, the `slack` package's `bot.listen(…)`) or the class of its `new`
 * (slackbots' `new SlackBot(…)`, slackbotapi's `new slackAPI(…)`: both request `rtm.start` from the constructor) or the instance its constructor is
 * called on (`SlackBot.call(this, …)` of an ES5 subclass: an ES6 class cannot be called, so no subclass
 * of the module's fits there); `client`, the kind of helper
 * the codemod's message names (`slack-client` alone is 2.x's RtmClient: 1.x's login has its own); `keeps`,
 * the parts of the data the library keeps where the app can read them (`''`: all of it), so that an extra
 * none of them holds is never fetched. In the order the module defines them.
 */
export const HELPER_LIBRARY_STARTS = deepFreeze({
  botkit: { export: HELPER_EXPORTS.botkitStart, wraps: 'receiver', client: 'botkit', keeps: BOTKIT.keeps },
  slackbots: { export: HELPER_EXPORTS.slackbotsStart, wraps: 'class', client: 'slackbots', keeps: SLACKBOTS.keeps },
  'slackbots-call': { export: HELPER_EXPORTS.slackbotsStartOn, wraps: 'instance', client: 'slackbots-call', keeps: SLACKBOTS.keeps },
  'slack-client': { export: HELPER_EXPORTS.slackClientLogin, wraps: 'receiver', client: 'slack-client-login', keeps: SLACK_CLIENT_1.keeps },
  slackbotapi: { export: HELPER_EXPORTS.slackbotapiStart, wraps: 'class', client: 'slackbotapi', keeps: SLACKBOTAPI.keeps },
  // Its bot hands the whole data to its `started` handlers and `listen`'s callback.
  'slack-package': { export: HELPER_EXPORTS.slackPackageStart, wraps: 'receiver', client: 'slack-package', keeps: [''] },
} as const);

/** A library whose own `rtm.start` request the generated module answers. */
export type HelperLibrary = keyof typeof HELPER_LIBRARY_STARTS;

/** The libraries of HELPER_LIBRARY_STARTS, in its order. */
export const HELPER_LIBRARIES = Object.freeze(Object.keys(HELPER_LIBRARY_STARTS)) as readonly HelperLibrary[];

/** Name of the generated file, without extension. */
export const HELPER_BASENAME = 'rtm-start-data';

const LISTS = Object.keys(CONVERSATION_LIST_FIELDS);
/** A conversation's read state, which the module's `<list>[].unread_count` extra fills. */
export const HELPER_READ_STATE: readonly string[] = deepFreeze(['last_read', 'unread_count', 'unread_count_display']);

/**
 * What the generated module's warning on a read of a conversation's read state (HELPER_READ_STATE) that
 * `include` did not name advises: the entry that fetches it. `rtm.start` gave it for every conversation the
 * bot was in; `conversations.list` has none of it.
 */
export function helperReadStateAdvice(list: string): string {
  return `\`conversations.list\` has no read state: add '${list}[].unread_count' to the \`include\` option of the call into rtm-start-data (it fetches ${HELPER_READ_STATE.join(', ')} with one \`conversations.info\` per conversation the bot is in)`;
}

/** The item attribute of the lists the generated module fetches when asked: one `users.getPresence` per user. */
export const HELPER_PRESENCE = 'users[].presence';

/**
 * The item attributes the replacement lists lack that `conversations.info` answers on the conversation
 * (core's facts: `groups|mpims|ims[].is_open`): the module's `<list>[].is_open` extra fetches them when
 * asked, in the one call per conversation that also gives the read state. Not `has_pins`, which no
 * method answers on the conversation.
 */
export const HELPER_INFO_ITEM_FIELDS: readonly string[] = deepFreeze(
  START_ONLY_ITEM_FIELDS.filter((f) => fieldFact(f)?.replacements.some((r) => r.method === METHODS.conversationsInfo) === true),
);

/** The `include` entry of the generated module that rebuilds `field`, undefined for a field it builds anyway (or never). */
export function helperExtraOf(field: string): string | undefined {
  const path = fieldFact(field)?.path;
  if (path === HELPER_PRESENCE) return HELPER_PRESENCE;
  if (path !== undefined && HELPER_INFO_ITEM_FIELDS.includes(path)) return path;
  const top = topLevelField(field);
  if (top === 'subteams' || top === 'dnd') return top;
  if (/^team\.prefs(\.|$)/.test(field)) return 'team.prefs';
  const m = /^(\w+)\[\]\.(\w+)/.exec(field);
  if (!m || !LISTS.includes(m[1] ?? '')) return undefined;
  if (m[2] === 'latest') return `${m[1]}[].latest`;
  return HELPER_READ_STATE.includes(m[2] ?? '') ? `${m[1]}[].unread_count` : undefined;
}

/**
 * True for a start-only field the generated module rebuilds: the lists with their members, `bots` (from
 * users.list), team details (team.info), and the extras a call asks for (`subteams`, `dnd`,
 * `team.prefs`, `latest`, read state, `<list>[].is_open` and `users[].presence`). Not `self.*`,
 * `team.plan`, `cache_ts`…, nor the other item attributes the lists lack (`channels[].has_pins`, `bots[].icons`…).
 */
export function helperBuilds(field: string): boolean {
  if (helperExtraOf(field) !== undefined) return true;
  if (isStartOnlyItemField(field)) return false;
  if (/^(users|channels|groups|mpims|ims|bots)(\[\]|\.|$)/.test(field)) return true;
  return field.startsWith('team.') && fieldFact(field)?.replacements[0]?.method === METHODS.teamInfo;
}

/**
 * The parts of `rtm.start`'s data the generated module's `fields` option can name: the top-level keys it
 * rebuilds (the lists, `bots`, `subteams`, `dnd`) or `rtm.connect` answers (`url`, `self`, `team`), not the
 * keys every answer has (`ok`, `error`). The module has no other key (`cache_ts`, `links`…) either way.
 */
export const HELPER_DATA_PARTS: readonly string[] = deepFreeze(
  RTM_START_TOP_LEVEL_FIELDS.filter((top) => !COMMON_RESPONSE_FIELDS.includes(top) && (helperBuilds(top) || fieldFact(top)?.onRtmConnect === true)),
);

/**
 * The parts for which the generated module calls `rtm.connect`: `url` and `self`, which only it answers,
 * and `subteams`, whose `self` list needs the bot's id. Without one of them it makes no such call (Tier 1:
 * one a minute). `team` comes from `team.info` (merged with `rtm.connect`'s where that is called).
 */
export const HELPER_CONNECT_PARTS: readonly string[] = deepFreeze(['url', 'self', 'subteams']);

/**
 * The `fields` option of the generated module for code whose every read of the data is in `fieldsRead`:
 * the parts read (`users`, `channels`, `url`…), and `<list>[].members` where a list's members are read
 * (their replacement costs a call per conversation). The module then makes only those parts' calls.
 * Undefined, so that everything is fetched, where a read is of a key core has no fact for (it might
 * be anything), or where no part is read (`ok`, `error` alone): some call must still try the token,
 * unless one is made anyway (`tokenTried`: a v3 client calls `rtm.connect` itself), where that is `[]`.
 */
export function helperDataFields(fieldsRead: readonly string[], tokenTried = false): string[] | undefined {
  const parts = new Set<string>();
  for (const read of fieldsRead) {
    // Every answer has these: an error of any call made answers them as `rtm.start`'s did (invalid_auth…).
    if (COMMON_RESPONSE_FIELDS.includes(read) || readsErrorText(read)) continue;
    const fact = fieldFact(read);
    if (fact === undefined) return undefined;
    const top = topLevelField(fact.path);
    if (!HELPER_DATA_PARTS.includes(top)) continue;
    parts.add(top);
    if (fact.replacements[0]?.method === METHODS.conversationsMembers) parts.add(fact.path);
  }
  return parts.size > 0 || tokenTried ? [...parts].sort() : undefined;
}

/**
 * The attributes of `rtm.start`'s `self` and `team` that the generated module does not rebuild: not on
 * `rtm.connect` (which gives `self` its id and name), not from `team.info` nor an extra it fetches
 * (`self.prefs`, `self.created`, `self.manual_presence`, `team.plan`, `team.over_storage_limit`…).
 * Code handed the data that the analysis cannot follow may read one: the module's `self` and `team`
 * answer `undefined` for it and warn once, as its list items do for `RTM_START_ITEM_GAPS`.
 */
export const RTM_START_OBJECT_GAPS: readonly string[] = deepFreeze(
  Object.values(RTM_START_FIELDS)
    .filter((f) => /^(self|team)\.\w+$/.test(f.path) && !f.onRtmConnect && f.droppedFromRtmStart === undefined && !helperBuilds(f.path))
    .map((f) => f.path),
);

/**
 * The objects of `rtm.start`'s data that RTM events write into, each with its event: `pref_change` sets
 * `self.prefs[name]` (slack-client 1.x's own handler, on its User copied from `self` by enumerable keys, and
 * a v3 or slack-client 2.x dataStore's), `team_pref_change` sets `team.prefs[name]` (the dataStore's, on the
 * `team` it keeps as given; slack-client 1.x writes into a Team of its own, whose `prefs` it makes).
 * The rebuilt data may lack them: `self.prefs` always (no public method returns it), `team.prefs` where
 * `team.preferences.list` was not called (the code was not seen to read it) or the token may not read it
 * (an optional extra left out). The write then throws a TypeError: slack-client 1.x's ends the bot; a
 * dataStore's handler catches it (logged at debug level) and the pref is lost, so the app's next read of it
 * throws. So every rebuilt answer holds an object there: the generated module an empty one that keeps the
 * writes and warns once on a read of a key never written, the shim a plain empty one.
 */
export const RTM_START_WRITTEN_OBJECTS = deepFreeze({ 'self.prefs': 'pref_change', 'team.prefs': 'team_pref_change' } as const);

/** The paths of RTM_START_WRITTEN_OBJECTS (`self.prefs`, `team.prefs`). */
export const RTM_START_WRITTEN_GAPS: readonly string[] = deepFreeze(Object.keys(RTM_START_WRITTEN_OBJECTS));

/** The RTM event that writes into `path` of RTM_START_WRITTEN_GAPS, undefined for any other path. */
export function writtenByEvent(path: string): string | undefined {
  return (RTM_START_WRITTEN_OBJECTS as Readonly<Record<string, string>>)[path];
}

/** The RTM_START_OBJECT_GAPS that escaping `path` carries: `self` its own, `team` its own, the whole response (`''`) both. */
export function objectGapsOf(path: string): string[] {
  return RTM_START_OBJECT_GAPS.filter((f) => path === '' || f.startsWith(`${path}.`));
}

/**
 * The extras `rtmStartCompat()` of @rtm-migrate/shim builds by default (its `COMPAT_EXTRA_FIELDS`):
 * not a conversation's `latest` nor its read state.
 */
export const SHIM_EXTRAS: readonly string[] = deepFreeze(['subteams', 'dnd', 'team.prefs']);

/**
 * True when `rtmStartCompat()` with its default options rebuilds a read of `field`, which `--helper
 * shim` needs of every start-only field a site reads. It builds what the generated module builds but
 * the per-conversation extras, and `bots[].updated` too (it copies `users.list`'s `updated`).
 */
export function shimBuilds(field: string): boolean {
  if (!isStartOnlyField(field)) return true;
  if (fieldFact(field)?.path === 'bots[].updated') return true;
  const extra = helperExtraOf(field);
  return helperBuilds(field) && (extra === undefined || SHIM_EXTRAS.includes(extra));
}
