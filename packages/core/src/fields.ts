import { deepFreeze } from './freeze.js';
import { METHODS, type SlackMethod } from './methods.js';
import { tierOf, type RateTier } from './rate-tiers.js';
import { HISTORY_SCOPE_OF_TYPE, READ_SCOPE_OF_TYPE, type ConversationType } from './scopes.js';

/** One Web API call that now serves (part of) an `rtm.start` field. */
export interface ReplacementCall {
  readonly method: SlackMethod;
  readonly args: Readonly<Record<string, unknown>>;
  /** Where the data sits in the replacement's response (`members`, `channels`, `team`…; `TOP_LEVEL`: the response itself). */
  readonly resultField: string;
  /** Bot-token scopes the call needs. */
  readonly scopes: readonly string[];
  /** Scopes needed only for some of the data, with when. */
  readonly optionalScopes: readonly { readonly scope: string; readonly when: string }[];
  readonly tier: RateTier;
  readonly pagination: 'cursor' | 'none';
  /** How many times it runs: once, or once per conversation / bot / user the data covers. */
  readonly per: 'startup' | 'conversation' | 'bot' | 'user';
  /** Filter applied to the replacement's items, if any (e.g. `is_bot` for `bots`). */
  readonly filter?: string;
}

/** `resultField` of a method whose answer's own keys are the data (`team.preferences.list`). */
export const TOP_LEVEL = '';

export interface FieldFact {
  /** `users`, `self.prefs`, `channels[].members`… */
  readonly path: string;
  /** True when `rtm.connect` returns it too: reading it needs no replacement. */
  readonly onRtmConnect: boolean;
  /** The calls that rebuild it, best first; empty when nothing public does. */
  readonly replacements: readonly ReplacementCall[];
  /** One sentence for lint messages, TODO comments and reports. */
  readonly advice: string;
  /**
   * Set when `rtm.start` itself had stopped sending the field long before it was retired: code that
   * got `rtm.start`'s data found nothing there since `since`, so handing on data rebuilt without it
   * loses nothing that code had. A read written for it is still answered where a replacement exists.
   */
  readonly droppedFromRtmStart?: { readonly since: string; readonly sources: readonly string[] };
}

function call(
  method: SlackMethod,
  resultField: string,
  scopes: readonly string[],
  extra: Partial<Omit<ReplacementCall, 'method' | 'resultField' | 'scopes' | 'tier'>> = {},
): ReplacementCall {
  const tier = tierOf(method);
  if (tier === undefined) throw new Error(`no rate tier recorded for ${method}`);
  return {
    method,
    resultField,
    scopes,
    tier,
    args: extra.args ?? {},
    optionalScopes: extra.optionalScopes ?? [],
    pagination: extra.pagination ?? 'none',
    per: extra.per ?? 'startup',
    ...(extra.filter === undefined ? {} : { filter: extra.filter }),
  };
}

function listOf(type: ConversationType): ReplacementCall {
  return call(METHODS.conversationsList, 'channels', [READ_SCOPE_OF_TYPE[type]], {
    args: { types: type },
    pagination: 'cursor',
  });
}

const usersList = call(METHODS.usersList, 'members', ['users:read'], {
  pagination: 'cursor',
  optionalScopes: [{ scope: 'users:read.email', when: 'to see `profile.email`' }],
});

/** `bots.info` per bot user: there is no list method of bots. */
const botsInfo = call(METHODS.botsInfo, 'bot', ['users:read'], { args: { bot: '<profile.bot_id>' }, per: 'bot' });

/**
 * How the `bots` entry of `rtm.start` is read off a bot user of `users.list` (the generated helper
 * module's `botOf`, the shim's `botOfUser`): entry key → the member's path. A key not here is not
 * on the rebuilt entry (`icons`, `updated`: `START_ONLY_ITEM_FIELDS`).
 */
export const BOT_ENTRY_FROM_BOT_USER: Readonly<Record<string, string>> = deepFreeze({
  id: 'profile.bot_id',
  name: 'name',
  deleted: 'deleted',
  app_id: 'profile.api_app_id',
  user_id: 'id',
});

function membersOf(type: ConversationType): ReplacementCall {
  return call(METHODS.conversationsMembers, 'members', [READ_SCOPE_OF_TYPE[type]], {
    args: { channel: '<id>' },
    pagination: 'cursor',
    per: 'conversation',
  });
}

/**
 * `latest` is the newest message of the conversation: `conversations.history` with `limit: 1`
 * (`conversations.info` does not carry it for channels). The read state (`last_read`, unread counts)
 * is on the conversation object `conversations.info` answers for a conversation the caller is in.
 */
function latestOf(type: ConversationType): ReplacementCall {
  return call(METHODS.conversationsHistory, 'messages', [HISTORY_SCOPE_OF_TYPE[type]], {
    args: { channel: '<id>', limit: 1 },
    per: 'conversation',
  });
}

function readStateOf(type: ConversationType): ReplacementCall {
  return call(METHODS.conversationsInfo, 'channel', [READ_SCOPE_OF_TYPE[type]], { args: { channel: '<id>' }, per: 'conversation' });
}

const connect = (path: string): FieldFact => ({
  path,
  onRtmConnect: true,
  replacements: [],
  advice: '`rtm.connect` returns it too',
});

const gone = (path: string, advice: string): FieldFact => ({ path, onRtmConnect: false, replacements: [], advice });

const teamInfo = call(METHODS.teamInfo, 'team', ['team:read']);

/**
 * Presence left `rtm.start`'s users in January 2018 (presence became subscription-only); `users.list`
 * followed in September 2018. `self.manual_presence` is not recorded so: the changelogs name the users'
 * `presence` and `online`, and no source says the bot's own manual setting left the answer.
 */
const PRESENCE_LEFT_RTM_START = deepFreeze({
  since: '2018-01',
  sources: ['https://api.slack.com/changelog/2017-10-making-rtm-presence-subscription-only', 'https://api.slack.com/changelog/2018-01-presence-present-and-future'],
});

/** Conversation lists of `rtm.start` and the type each one now comes from. */
export const CONVERSATION_LIST_FIELDS: Readonly<Record<'channels' | 'groups' | 'mpims' | 'ims', ConversationType>> =
  deepFreeze({ channels: 'public_channel', groups: 'private_channel', mpims: 'mpim', ims: 'im' });

/** One of `rtm.start`'s conversation lists. */
export type ConversationListField = keyof typeof CONVERSATION_LIST_FIELDS;

/**
 * The conversation types an `rtm.start` list held, in its order: without `mpim_aware` its `groups`
 * held the group DMs too, after the private channels. The one mapping from list to `conversations.list` types.
 */
export function conversationTypesOf(list: ConversationListField, mpimAware: boolean): ConversationType[] {
  return list === 'groups' && !mpimAware ? [CONVERSATION_LIST_FIELDS.groups, CONVERSATION_LIST_FIELDS.mpims] : [CONVERSATION_LIST_FIELDS[list]];
}

/**
 * Flags `rtm.start` set on every item of a list, whatever `conversations.list` says of the conversation:
 * its `groups` were group objects, `is_group: true`, the group DMs folded in without `mpim_aware` too (the
 * v3 SDK's model helper tells such an emulated group DM by `is_mpim` and `is_group` both, and bots read
 * `is_group` to tell a group); `conversations.list` flags a group DM, and a private channel made since
 * March 2021, `is_group: false`.
 */
export const LEGACY_LIST_ITEM_FLAGS: Readonly<Partial<Record<ConversationListField, Readonly<Record<string, boolean>>>>> = deepFreeze({ groups: { is_group: true } });

/**
 * Flags `conversations.list` sets on items that `rtm.start`'s items of a list did not have: a private channel
 * made since March 2021 (a C id) is `is_channel: true` there, where `rtm.start` listed it among its `groups`
 * without `is_channel`, the flag its `channels` carried. Code that tells a channel from a group by it (a
 * client printing `#` for `is_channel`, blind s130/02) would take such a group for a channel.
 */
export const LEGACY_LIST_ITEM_ABSENT: Readonly<Partial<Record<ConversationListField, readonly string[]>>> = deepFreeze({ groups: ['is_channel'] });

/**
 * How a `conversations.list` item tells its type, asked in this order (Slack's conversation object,
 * https://docs.slack.dev/reference/objects/conversation-object): `is_im` a DM; `is_mpim` a group DM, which
 * is `is_private` too, so it is asked first; `is_private` a private channel, or `is_group` one made before
 * March 2021 (a G id, older answers). An item with none of them is a public channel.
 */
export const CONVERSATION_TYPE_FLAGS: readonly { readonly flag: 'is_im' | 'is_mpim' | 'is_private' | 'is_group'; readonly type: ConversationType }[] = deepFreeze([
  { flag: 'is_im', type: 'im' },
  { flag: 'is_mpim', type: 'mpim' },
  { flag: 'is_private', type: 'private_channel' },
  { flag: 'is_group', type: 'private_channel' },
]);

/** The type of a conversation none of CONVERSATION_TYPE_FLAGS is set on. */
export const UNFLAGGED_CONVERSATION_TYPE: ConversationType = 'public_channel';

function perConversationFacts(list: ConversationListField): FieldFact[] {
  const type = CONVERSATION_LIST_FIELDS[list];
  const unread = (name: string, replacement: ReplacementCall, from: string): FieldFact => ({
    path: `${list}[].${name}`,
    onRtmConnect: false,
    replacements: [replacement],
    advice: `\`${name}\` is gone: ${from}, for each conversation the bot is in (one call each: only where it is truly needed)`,
  });
  const info = '`conversations.info` answers it on the conversation';
  return [
    {
      path: `${list}[].members`,
      onRtmConnect: false,
      replacements: [membersOf(type)],
      advice: `call \`conversations.members\` per conversation (cursor-paginated); \`rtm.start\` cut these lists short (\`member_list_truncated\`)`,
    },
    unread('latest', latestOf(type), 'the newest message is `conversations.history` with `limit: 1`'),
    unread('unread_count', readStateOf(type), info),
    unread('unread_count_display', readStateOf(type), info),
    unread('last_read', readStateOf(type), info),
  ];
}

/**
 * Attributes of `rtm.start`'s list items that the replacement list's items lack: `users.list` has no
 * `presence` (gone from it in September 2018, and from `rtm.start` itself in January 2018:
 * `droppedFromRtmStart`), `conversations.list` no `is_open` / `has_pins`, and a bot user of
 * `users.list` has no `icons` (its profile images are other sizes) nor, as the generated helper builds
 * `bots`, `updated`. A read of one finds `undefined` on every item.
 */
function itemGapFacts(): FieldFact[] {
  const perConversation = (list: ConversationListField, name: string, advice: string, replacement?: ReplacementCall): FieldFact => ({
    path: `${list}[].${name}`,
    onRtmConnect: false,
    replacements: replacement ? [replacement] : [],
    advice,
  });
  const openLists: readonly ConversationListField[] = ['groups', 'mpims', 'ims'];
  return [
    {
      path: 'users[].presence',
      onRtmConnect: false,
      replacements: [call(METHODS.usersGetPresence, 'presence', ['users:read'], { args: { user: '<id>' }, per: 'user' })],
      advice:
        '`rtm.start` stopped sending `presence` in January 2018 and `users.list` in September 2018: call `users.getPresence` per user (Tier 3: only where truly needed), or subscribe to `presence_change` events',
      droppedFromRtmStart: PRESENCE_LEFT_RTM_START,
    },
    ...openLists.map((list) =>
      perConversation(
        list,
        'is_open',
        '`conversations.list` does not say which conversations are open: `conversations.info` per conversation answers `is_open`',
        readStateOf(CONVERSATION_LIST_FIELDS[list]),
      ),
    ),
    ...(Object.keys(CONVERSATION_LIST_FIELDS) as ConversationListField[]).map((list) =>
      perConversation(list, 'has_pins', '`conversations.list` has no `has_pins`: `pins.list` per conversation tells whether it has pins'),
    ),
    {
      path: 'bots[].icons',
      onRtmConnect: false,
      replacements: [botsInfo],
      advice: 'a bot user of `users.list` has no `icons`: call `bots.info` per bot (its `bot.icons`)',
    },
    {
      path: 'bots[].updated',
      onRtmConnect: false,
      replacements: [botsInfo],
      advice: '`bots` rebuilt from `users.list` has no `updated`: call `bots.info` per bot (its `bot.updated`)',
    },
  ];
}

/** The facts of `itemGapFacts()`: list item attributes the replacement lists do not return. */
export const START_ONLY_ITEM_FIELDS: readonly string[] = deepFreeze(itemGapFacts().map((f) => f.path));

/**
 * The START_ONLY_ITEM_FIELDS `rtm.start` itself still gave when it was retired (not `users[].presence`,
 * `droppedFromRtmStart`): what code handed a rebuilt list may miss, where the lint, the TODOs and the
 * generated module's run-time warnings name a loss.
 */
export const RTM_START_ITEM_GAPS: readonly string[] = deepFreeze(itemGapFacts().filter((f) => f.droppedFromRtmStart === undefined).map((f) => f.path));

/**
 * Reference §4: every field of `rtm.start`'s response and where it comes from now. Fields that the
 * reference does not list but `@slack/web-api` 7's `RtmStartResponse` declares (`links`, `is_europe`…)
 * are recorded as having no public replacement.
 */
export const RTM_START_FIELDS: Readonly<Record<string, FieldFact>> = deepFreeze(
  Object.fromEntries(
    [
      connect('ok'),
      connect('url'),
      connect('self'),
      connect('self.id'),
      connect('self.name'),
      connect('team'),
      connect('team.id'),
      connect('team.name'),
      connect('team.domain'),
      gone('self.prefs', 'no public method returns a user\'s prefs: drop the read or keep the setting in your app'),
      gone(
        'self.created',
        "no Web API method gives the bot user's creation time (`users.info`'s user has no `created`; its `updated` is the last change): drop the read or keep the time in your app",
      ),
      {
        path: 'self.manual_presence',
        onRtmConnect: false,
        // Slack gives `manual_away` only to a caller asking about itself: the bot's own id (or no `user`).
        replacements: [call(METHODS.usersGetPresence, 'manual_away', ['users:read'], { args: { user: '<self.id>' } })],
        advice:
          'call `users.getPresence` for the bot itself: it has no `manual_presence`, but its `manual_away` is true where `manual_presence` was `"away"` and false where it was `"active"`',
      },
      ...['icon', 'email_domain', 'enterprise_id', 'enterprise_name'].map(
        (name): FieldFact => ({
          path: `team.${name}`,
          onRtmConnect: false,
          replacements: [teamInfo],
          advice: 'call `team.info` for team details',
        }),
      ),
      {
        path: 'team.prefs',
        onRtmConnect: false,
        // The preferences are the response's own keys (`msg_edit_window_mins`, `display_real_names`…), not a `prefs` object.
        replacements: [call(METHODS.teamPreferencesList, TOP_LEVEL, ['team.preferences:read'])],
        advice: 'call `team.preferences.list`: its answer is the preferences themselves (a few of them: `msg_edit_window_mins`, `display_real_names`, `disable_file_uploads`, `who_can_post_general`)',
      },
      {
        path: 'team.plan',
        onRtmConnect: false,
        replacements: [call(METHODS.teamBillingInfo, 'plan', ['team.billing:read'])],
        advice: 'call `team.billing.info`',
      },
      gone('team.msg_edit_window_mins', 'no public replacement: drop the read'),
      gone('team.over_storage_limit', 'no public replacement: drop the read'),
      {
        path: 'users',
        onRtmConnect: false,
        replacements: [usersList],
        advice: 'page through `users.list` (its `members`)',
      },
      {
        path: 'channels',
        onRtmConnect: false,
        replacements: [listOf('public_channel')],
        advice: "page through `conversations.list` with `types: 'public_channel'`",
      },
      {
        path: 'groups',
        onRtmConnect: false,
        replacements: [listOf('private_channel'), listOf('mpim')],
        advice:
          "page through `conversations.list` with `types: 'private_channel'` (plus `'mpim'` when the old call had no `mpim_aware`)",
      },
      {
        path: 'mpims',
        onRtmConnect: false,
        replacements: [listOf('mpim')],
        advice: "page through `conversations.list` with `types: 'mpim'`",
      },
      {
        path: 'ims',
        onRtmConnect: false,
        replacements: [listOf('im')],
        advice: "page through `conversations.list` with `types: 'im'`",
      },
      ...perConversationFacts('channels'),
      ...perConversationFacts('groups'),
      ...perConversationFacts('mpims'),
      ...perConversationFacts('ims'),
      ...itemGapFacts(),
      {
        path: 'bots',
        onRtmConnect: false,
        replacements: [
          { ...usersList, filter: 'is_bot' },
          botsInfo,
        ],
        advice: 'take the `users.list` members with `is_bot` (and `bots.info` per bot for app details: there is no list method)',
      },
      {
        path: 'subteams',
        onRtmConnect: false,
        replacements: [call(METHODS.usergroupsList, 'usergroups', ['usergroups:read'], { args: { include_users: true, include_count: true } })],
        advice:
          'call `usergroups.list` with `include_users` and `include_count`: its `usergroups` are `subteams.all`, and the ids of those whose `users` hold the bot\'s own id are `subteams.self`',
      },
      {
        path: 'dnd',
        onRtmConnect: false,
        replacements: [
          call(METHODS.dndInfo, 'dnd', ['dnd:read']),
          call(METHODS.dndTeamInfo, 'users', ['dnd:read'], { args: { users: '<up to 50 ids>' } }),
        ],
        advice: "call `dnd.info` without `user`: the bot's own Do Not Disturb state, as `rtm.start` gave it (`dnd.teamInfo` for other users, at most 50 a call)",
      },
      ...['cache_ts', 'cache_ts_version', 'cache_version', 'latest_event_ts'].map((name) =>
        gone(name, 'no replacement: drop the read'),
      ),
      ...[
        'accept_tos_url',
        'can_manage_shared_channels',
        'is_europe',
        'links',
        'mobile_app_requires_upgrade',
        'non_threadable_channels',
        'read_only_channels',
        'thread_only_channels',
      ].map((name) => gone(name, 'no public replacement: drop the read')),
    ].map((fact) => [fact.path, fact]),
  ),
);

/** What `rtm.connect` answers with (besides the common `ok`, `warning`, `response_metadata`). */
export const RTM_CONNECT_RESPONSE_FIELDS: readonly string[] = deepFreeze(
  Object.values(RTM_START_FIELDS)
    .filter((f) => f.onRtmConnect)
    .map((f) => f.path),
);

/** Keys every Web API response may carry; reading them is never start-only. */
export const COMMON_RESPONSE_FIELDS: readonly string[] = deepFreeze(['ok', 'error', 'warning', 'needed', 'provided', 'response_metadata']);

/** The top-level key a field path starts with: `channels` of `channels[].members`, `team` of `team.prefs`. */
export function topLevelField(path: string): string {
  return /^[^.[]*/.exec(path)?.[0] ?? path;
}

/** Top-level keys of `rtm.start`'s response. */
export const RTM_START_TOP_LEVEL_FIELDS: readonly string[] = deepFreeze([...new Set(Object.keys(RTM_START_FIELDS).map(topLevelField))]);

/**
 * The fact for a read of `path` off an `rtm.start` response, e.g. `users`, `team.icon`,
 * `channels[].members`. A sub-field of `self`/`team` that the table does not name is start-only
 * (only `id`, `name` and `domain` survive); an unknown top-level key gets undefined.
 */
export function fieldFact(path: string): FieldFact | undefined {
  const exact = RTM_START_FIELDS[path];
  if (exact) return exact;
  // A key inside a recorded object (`team.prefs.display_real_names`, `dnd.dnd_enabled`) comes with it.
  for (let cut = path.lastIndexOf('.'); cut > 0; cut = path.lastIndexOf('.', cut - 1)) {
    const within = RTM_START_FIELDS[path.slice(0, cut)];
    if (within && path.slice(0, cut).includes('.')) return within;
  }
  const [top, rest] = splitPath(path);
  if (rest === undefined) return undefined;
  if (top === 'self') return gone(path, 'not on `rtm.connect`: call `users.info` for profile data');
  if (top === 'team') return { path, onRtmConnect: false, replacements: [teamInfo], advice: 'call `team.info` for team details' };
  // Any other per-conversation attribute (`name`, `is_archived`…) comes back with the list itself.
  return RTM_START_FIELDS[top];
}

/** The member an HTTP client's response holds the parsed answer in (`res.body`: request, superagent, got; `res.data`: axios). */
const RESPONSE_LAYER = /^(body|data)(?:\.(.+))?$/;

/**
 * True when `path` is known to come back from `rtm.connect`: a field every Web API answer has (`ok`,
 * `error`…, a read inside the `error` text) or one the field table records as kept. A read through an HTTP client's response
 * (`body.url`, off a helper that resolves superagent's `{ body }` rather than the data) is judged by
 * the field inside it (`body.channels` is `channels`: not kept). An unknown key is not known to be
 * kept: switching its read to `rtm.connect` would be a guess.
 */
export function isConnectField(path: string): boolean {
  if (COMMON_RESPONSE_FIELDS.includes(path) || readsErrorText(path) || fieldFact(path)?.onRtmConnect === true) return true;
  const layer = RESPONSE_LAYER.exec(path);
  const inner = layer?.[2];
  return layer !== null && (inner === undefined || isConnectField(inner));
}

/** True for a read of a list item attribute the replacement list lacks (`users[].presence`, `ims[].is_open.x`). */
export function isStartOnlyItemField(path: string): boolean {
  const fact = fieldFact(path);
  return fact !== undefined && START_ONLY_ITEM_FIELDS.includes(fact.path);
}

/**
 * The start-only item attributes (`ims[].is_open`, `bots[].icons`…) that a list or one of its items
 * (`ims`, `ims[]`) carries: what code handed it may read that the replacement list's items lack. Not
 * one `rtm.start` had itself stopped sending (`users[].presence`): code handed `rtm.start`'s list
 * found no such attribute either, so a rebuilt list hands it the same.
 */
export function startOnlyItemFieldsOf(path: string): string[] {
  const list = /^(\w+)(?:\[\])?$/.exec(path)?.[1];
  return list === undefined ? [] : RTM_START_ITEM_GAPS.filter((f) => f.startsWith(`${list}[].`));
}

/**
 * True when `path` reads inside the `error` text every failed answer carries (`error.message`, which
 * apps written for an error object read): `rtm.connect` fails with the same codes, so the read finds
 * what it found on `rtm.start` (a string's member, often nothing).
 */
export function readsErrorText(path: string): boolean {
  return /^error\.[A-Za-z_$][\w$.]*$/.test(path);
}

/** True when reading `path` off a connect-shaped response finds nothing. */
export function isStartOnlyField(path: string): boolean {
  if (COMMON_RESPONSE_FIELDS.includes(path)) return false;
  const fact = fieldFact(path);
  return fact !== undefined && !fact.onRtmConnect;
}

function splitPath(path: string): [string, string | undefined] {
  const m = /^([A-Za-z_$][\w$]*)(?:\[\])?(?:\.(.+))?$/.exec(path);
  const top = m?.[1];
  return top === undefined ? [path, undefined] : [top, m?.[2]];
}

/**
 * True when a read `path` off the answer of an HTTP client whose wrapping is not known (`data.team.domain`,
 * `result.url`, `status`) finds on `rtm.connect` what it found on `rtm.start`: no run of its names, at any depth,
 * is a field `rtm.start` alone answered (`data.users`, `body.team.icon`, `x.self.prefs`). Where the client keeps
 * Slack's answer is not known, so every level may be the answer itself.
 */
export function readsNoStartOnlyField(path: string): boolean {
  const names = path.split('.').filter((name) => name !== '');
  for (let from = 0; from < names.length; from++) {
    for (let to = from + 1; to <= names.length; to++) if (isStartOnlyField(names.slice(from, to).join('.'))) return false;
  }
  return true;
}

/**
 * True when a value handed on from such an answer (`data.url`, `ev.data.self.id`) is a text `rtm.connect` answers
 * the same: it ends in such a field (`url`, `self.id`, `team.domain`, `ok`, `error`…) and names no start-only one.
 * An object (`self`, `team`, `data`, the whole answer) may carry more on `rtm.start`: never.
 */
export function isConnectTextThroughClient(path: string): boolean {
  if (!readsNoStartOnlyField(path)) return false;
  const names = path.split('.');
  return names.some((_, from) => {
    const tail = names.slice(from).join('.');
    return tail !== 'self' && tail !== 'team' && tail !== 'response_metadata' && (COMMON_RESPONSE_FIELDS.includes(tail) || readsErrorText(tail) || fieldFact(tail)?.onRtmConnect === true);
  });
}
