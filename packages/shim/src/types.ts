import type { RateLimitOptions } from './pacer.js';

/** What the shim can rebuild (each maps to replacement calls in core's `RTM_START_FIELDS`). */
export type CompatField = 'users' | 'channels' | 'groups' | 'mpims' | 'ims' | 'bots' | 'team' | CompatExtraField;

/**
 * Fields of one call each that only some bots read: `subteams` (usergroups.list), `dnd` (dnd.info),
 * `team.prefs` (team.preferences.list). Built by default, but never worth failing a build for: a token
 * without their scope gets the response without them, with a warning.
 */
export type CompatExtraField = 'subteams' | 'dnd' | 'team.prefs';

export const COMPAT_EXTRA_FIELDS: readonly CompatExtraField[] = Object.freeze(['subteams', 'dnd', 'team.prefs']);

export const COMPAT_FIELDS: readonly CompatField[] = Object.freeze(['users', 'channels', 'groups', 'mpims', 'ims', 'bots', 'team', ...COMPAT_EXTRA_FIELDS]);

/** Progress of a build, one event per Web API call answered. */
export interface CompatProgress {
  readonly method: string;
  /** `types` of a `conversations.list` call, `channel` of a `conversations.members` call. */
  readonly detail?: string;
  /** Items that call returned. */
  readonly items: number;
  /** Calls answered so far in this build. */
  readonly calls: number;
}

export interface RtmStartCompatOptions {
  /**
   * `'fallback'` (default): call `rtm.start` and build the response only when Slack answers
   * `rtm_connect_required` / `method_deprecated` or an `ok: true` response in `rtm.connect`'s shape.
   * `'always'`: never call `rtm.start`.
   */
  readonly mode?: 'fallback' | 'always';
  /**
   * Fields to build (default: all of `COMPAT_FIELDS` that `rtm.start` returned; `mpims` only with
   * `mpim_aware`). `team` means `team.info`'s details; `team.id/name/domain` always come from `rtm.connect`.
   */
  readonly fields?: readonly CompatField[];
  /** Whose `members` arrays to fill: conversations the bot is in (default, as `rtm.start` did), all, or none. */
  readonly members?: 'joined' | 'all' | 'none';
  /** `limit` of every page (default 200, core's RECOMMENDED_PAGE_SIZE). */
  readonly pageSize?: number;
  /** Most requests in flight at once (default 4). */
  readonly concurrency?: number;
  /**
   * On `missing_scope`: throw an error naming the scope and the field (default), or omit the field with
   * a warning. The extras (`subteams`, `dnd`, `team.prefs`) are always omitted with a warning.
   */
  readonly onMissingScope?: 'throw' | 'omit';
  /** Called after every Web API call the build makes. */
  readonly onProgress?: (progress: CompatProgress) => void;
  /**
   * Pacing of the shim's own calls by core's rate tiers: `{ timeScale }` (1 = Slack's real minute,
   * the default) or `false` to send as fast as `concurrency` allows.
   */
  readonly rateLimit?: RateLimitOptions | false;
  /** Rebuild `bots` with a `bots.info` call per bot user (default false: from `users.list` alone). */
  readonly botsInfo?: boolean;
  /** How often one call is retried after a rate-limit answer the client handed back (default 3). */
  readonly maxRateLimitRetries?: number;
  /**
   * Keep what a build fetched and answer the next `rtm.start` from it, with a fresh `rtm.connect`
   * (default `{}`: 10 minutes fresh, then 24 hours stale-while-revalidate); `false` builds for every
   * call (concurrent calls still share one build).
   */
  readonly snapshot?: SnapshotTtl | false;
}

/** How long a snapshot answers: fresh, then while a rebuild runs in the background. */
export interface SnapshotTtl {
  /** Default 10 minutes. */
  readonly ttlMs?: number;
  /** Default 24 hours. */
  readonly staleMs?: number;
}

/** `rtm.start`'s arguments. `no_latest`, `no_unreads` and `simple_latest` are accepted and have no effect. */
export interface RtmStartCompatArguments {
  token?: string;
  batch_presence_aware?: boolean | 0 | 1 | '0' | '1';
  presence_sub?: boolean | 0 | 1 | '0' | '1';
  include_locale?: boolean | 0 | 1 | '0' | '1';
  mpim_aware?: boolean | 0 | 1 | '0' | '1';
  /** Accepted, no effect: the rebuilt lists carry no `latest`. */
  no_latest?: boolean | 0 | 1 | '0' | '1';
  /** Accepted, no effect: the rebuilt lists carry no unread counts. */
  no_unreads?: boolean | 0 | 1 | '0' | '1';
  /** Accepted, no effect: the rebuilt lists carry no `latest`. */
  simple_latest?: boolean | 0 | 1 | '0' | '1';
  [key: string]: unknown;
}

export type SlackObject = Record<string, unknown>;

export interface CompatConversation extends SlackObject {
  id: string;
  name?: string;
  is_member?: boolean;
  is_archived?: boolean;
  /** Complete (never cut at 500 as `rtm.start` did), where `members` says to fill it. */
  members?: string[];
}

/** What `rtm.start` answered, rebuilt. */
export interface RtmStartCompatResponse extends SlackObject {
  ok: true;
  url: string;
  self: { id: string; name: string; [key: string]: unknown };
  team: { id: string; name: string; domain: string; [key: string]: unknown };
  users?: SlackObject[];
  channels?: CompatConversation[];
  groups?: CompatConversation[];
  mpims?: CompatConversation[];
  ims?: CompatConversation[];
  bots?: SlackObject[];
  /** The user groups (`all`) and the ids of those the bot is in (`self`). */
  subteams?: { self: string[]; all: SlackObject[] };
  /** The bot's own Do Not Disturb state. */
  dnd?: SlackObject;
  warning?: string;
  response_metadata: { warnings: string[]; messages?: string[] };
}
