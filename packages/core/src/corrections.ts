import { deepFreeze } from './freeze.js';

export interface ReferenceCorrection {
  /** Where the facts document (`reference/slack-rtm-reference.md`) states the fact. */
  readonly section: string;
  /** What the other source says. */
  readonly reference: string;
  readonly corrected: string;
  /** Where the corrected fact comes from. */
  readonly sources: readonly string[];
}

/**
 * Facts on which Slack's sources disagree (a method page and a changelog, an old page and the SDKs):
 * what one source says, what core follows, and the sources that settle it.
 */
export const REFERENCE_CORRECTIONS: readonly ReferenceCorrection[] = deepFreeze([
  {
    section: '§4 members note',
    reference: 'members arrays were cut at 1,500 (an older changelog says 500)',
    corrected:
      'the cut was 1,500 from 2017-12-01 and was lowered to 500 by 2018-03-06, so 500 is the later, lasting figure (RTM_START_MEMBER_LIMIT)',
    sources: ['https://api.slack.com/changelog/2017-10-members-array-truncating (updated 2018-03-06)', 'https://api.slack.com/methods/rtm.start (usage note)'],
  },
  {
    section: '§4 self.id row',
    reference: 'auth.test is Tier 4',
    corrected: "auth.test has special rate limits (hundreds per minute): tier 'special'",
    sources: ['https://docs.slack.dev/reference/methods/auth.test', 'slackapi/java-slack-sdk MethodsRateLimitTier.java (SpecialTier_auth_test)'],
  },
  {
    section: '§4 latest/unread_count/last_read row',
    reference: 'scope `*:history`',
    corrected: '`conversations.info` needs the `*:read` scope of the conversation type; `*:history` is only for `conversations.history`',
    sources: ['https://docs.slack.dev/reference/methods/conversations.info'],
  },
  {
    section: '§4 pagination note',
    reference: '`limit` default 100, up to 1,000',
    corrected:
      '`users.list` has no default page size (without `limit` Slack tries to answer with everyone); `conversations.list` defaults to 100 and takes under 1,000; `conversations.members` defaults to 100 (PAGINATION)',
    sources: [
      'https://docs.slack.dev/reference/methods/users.list',
      'https://docs.slack.dev/reference/methods/conversations.list',
      'https://api.slack.com/docs/pagination',
    ],
  },
  {
    section: '§1 errors / timeline',
    reference: 'apps created from 2021-11-30 get `rtm_connect_required`',
    corrected:
      'the method page documents `rtm_connect_required`, the changelog calls the error `method_deprecated`: tools treat both as "rtm.start is retired" (RTM_START_RETIRED_ERRORS); the full error text ends with a link to the changelog',
    sources: ['https://docs.slack.dev/changelog/2021-10-rtm-start-to-stop', 'https://docs.slack.dev/reference/methods/rtm.start'],
  },
  {
    section: '§6 @slack/web-api v8',
    reference: 'v8 removed `client.rtm.start` and the types `RTMStartArguments` / `RtmStartResponse`',
    corrected:
      'v8.0.0 (2026-07-14) removed `rtm.start` and `RTMStartArguments`, but still exports `RtmStartResponse`; its errors are classes (`WebAPIPlatformError`, `WebAPIRateLimitedError`) with the same `code` values',
    sources: ['slackapi/node-slack-sdk @slack/web-api@8.0.0 packages/web-api/CHANGELOG.md, src/methods.ts, src/errors.ts'],
  },
  {
    section: '§1 arguments',
    reference: '`presence_sub` (no default given)',
    corrected: '`presence_sub` defaults to true',
    sources: ['https://docs.slack.dev/reference/methods/rtm.start'],
  },
  {
    section: '§4 team.prefs row',
    reference: '`team.prefs` → `team.preferences.list`',
    corrected:
      "`team.preferences.list` answers the preferences as its own top-level keys (`msg_edit_window_mins`, `display_real_names`, `disable_file_uploads`, `who_can_post_general`; `allow_message_deletion` until August 2025), not under `prefs`: the rewrite takes the answer without `ok`, `warning` and `response_metadata` as `team.prefs`, a subset of what `rtm.start` sent",
    sources: [
      'https://docs.slack.dev/tools/node-slack-sdk/reference/web-api/type-aliases/TeamPreferencesListResponse',
      'https://docs.slack.dev/changelog/2025/08/26/field-deprecation',
    ],
  },
  {
    section: '§4 latest/unread_count/last_read row',
    reference: '`conversations.info` / `conversations.history` `limit=1`',
    corrected:
      '`latest` comes from `conversations.history` with `limit: 1` (its `messages[0]`); `last_read`, `unread_count` and `unread_count_display` from the conversation object of `conversations.info`, which carries this read state only for conversations the caller is in (as `rtm.start` did)',
    sources: ['https://api.slack.com/types/conversation', 'https://api.slack.com/types/group', 'https://api.slack.com/types/im', 'https://docs.slack.dev/reference/methods/conversations.history'],
  },
  {
    section: '§4 subteams / dnd rows',
    reference: '`subteams` → `usergroups.list`; `dnd` → `dnd.info` / `dnd.teamInfo`',
    corrected:
      "`rtm.start`'s `subteams` was `{ self, all }`: `all` is `usergroups.list`'s `usergroups` with `include_users` and `include_count` (as `rtm.start` listed them, with `users` and `user_count`), `self` the ids of those the bot is in; its `dnd` was the bot's own state, which `dnd.info` without `user` answers (`dnd_enabled`, `next_dnd_start_ts`, `next_dnd_end_ts`, and `snooze_*` for the caller)",
    sources: [
      'https://api.slack.com/methods/usergroups.list',
      'https://docs.slack.dev/tools/node-slack-sdk/reference/web-api/type-aliases/DndInfoResponse',
      'https://docs.slack.dev/tools/node-slack-sdk/reference/types/interfaces/DNDUpdatedEvent',
    ],
  },
  {
    section: '§4 users / channels / groups / mpims / ims / bots rows',
    reference: '`users` → `users.list` `members`; the conversation lists → `conversations.list`; `bots` → `users.list` members with `is_bot`',
    corrected:
      "the replacement lists' items lack attributes `rtm.start`'s items had: `conversations.list` no `is_open` (`conversations.info` per conversation) nor `has_pins`, a bot user of `users.list` no `icons` / `updated` in the `bots` entry's shape (`bots.info` per bot), and `users.list` no `presence` (since September 2018; `users.getPresence` per user, or `presence_change` events): each is a start-only item fact (START_ONLY_ITEM_FIELDS), never covered by the list",
    sources: [
      'https://api.slack.com/changelog/2018-01-presence-present-and-future',
      'https://api.slack.com/methods/users.getPresence',
      'https://api.slack.com/types/conversation',
      'https://api.slack.com/methods/bots.info',
    ],
  },
  {
    section: '§4 users[].presence row',
    reference: "`users[].presence` as a field of `rtm.start`'s answer",
    corrected:
      "`rtm.start` stopped sending its users' `presence` (and `online`) in January 2018: code handed `rtm.start`'s `users` has found no `presence` since, so a `users` list rebuilt from `users.list` hands on nothing less (FieldFact.droppedFromRtmStart; `startOnlyItemFieldsOf('users')` is empty). A read written for it is still answered by `users.getPresence`",
    sources: ['https://api.slack.com/changelog/2017-10-making-rtm-presence-subscription-only', 'https://api.slack.com/changelog/2018-01-presence-present-and-future'],
  },
  {
    section: '§4 self.prefs / self.created / self.manual_presence row',
    reference: '`self.manual_presence` → `users.getPresence` (for presence)',
    corrected:
      "`users.getPresence` has no `manual_presence`: asked about the caller itself it answers `presence`, `online`, `auto_away`, `manual_away` (a boolean), `connection_count` and `last_activity`, about anyone else only `presence`. `rtm.start`'s `self.manual_presence` was the bot's own manual setting, `active` or `away` (a manual `active` meaning the automatic presence applies), and `manual_away` is true exactly when that setting is `away`: the read is answered by `users.getPresence` for the bot itself, `manual_away ? 'away' : 'active'`",
    sources: [
      'https://docs.slack.dev/reference/methods/users.getPresence',
      'https://docs.slack.dev/tools/node-slack-sdk/reference/web-api/type-aliases/UsersGetPresenceResponse',
      'https://api.slack.com/docs/presence (Manual Away)',
      'slackhq/slack-api-docs methods/rtm.start.md (`self` with `manual_presence: "active"`), methods/presence.set.json (`active` or `away`)',
    ],
  },
  {
    section: '§4 self.prefs / self.created / self.manual_presence row',
    reference: '`self.created` → `users.info` (for profile data)',
    corrected:
      "a user object (`users.info`'s `user`, `users.list`'s members) has no `created`; its `updated` is the time of the last change, not of the creation, and no other Web API method gives the bot user's creation time: `self.created` has no replacement",
    sources: ['https://api.slack.com/types/user', 'https://docs.slack.dev/tools/node-slack-sdk/reference/web-api/type-aliases/UsersInfoResponse'],
  },
]);
