import { conversationTypesOf, fieldFact, type ConversationListField, type ReplacementCall } from './fields.js';
import { METHODS } from './methods.js';
import { RECOMMENDED_PAGE_SIZE } from './pagination.js';
import { METHOD_TIERS, tierFloorSeconds, type RateTier } from './rate-tiers.js';
import { CONVERSATION_TYPES, type ConversationType } from './scopes.js';

/** What a workspace holds, as far as the replacement's call count depends on it (reference §5). */
export interface WorkspaceSize {
  /** Members `users.list` returns: people, bots and deactivated accounts alike. */
  readonly users: number;
  /** Conversations `conversations.list` returns per type (archived ones included). */
  readonly conversations: Readonly<Partial<Record<ConversationType, number>>>;
  /** Member counts of the conversations whose `members` are fetched, per type. */
  readonly memberCounts?: Readonly<Partial<Record<ConversationType, readonly number[]>>>;
  /**
   * Conversations the bot is in, per type: `rtm.start` gave `latest`, `last_read` and unread counts
   * for these only, so their replacements run once for each. Default: as many as `memberCounts` lists, else all.
   */
  readonly joined?: Readonly<Partial<Record<ConversationType, number>>>;
  /** Bot users, for `bots.info` per bot. */
  readonly bots?: number;
}

export interface CostOptions {
  /** `limit` per page; Slack recommends at most 200. */
  readonly pageSize?: number;
  /** Whether the old call passed `mpim_aware` (without it, `groups` also held the MPIMs). */
  readonly mpimAware?: boolean;
  /** Whether `bots` is rebuilt with a `bots.info` call per bot user (default: from `users.list` alone). */
  readonly botsInfo?: boolean;
  /** Whether `rtm.connect` is called (default true; not by the generated module for data parts that need none of it). */
  readonly connect?: boolean;
  /**
   * How the conversation lists are fetched: one `conversations.list` per type (default), or `one` listing
   * of every type needed (`types: 'public_channel,im'`), as the generated helper module does.
   */
  readonly listing?: 'one' | 'per-type';
}

export interface PlannedCall {
  readonly method: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly calls: number;
  readonly tier: RateTier;
  /** Least seconds these calls need at their tier (see `tierFloorSeconds`). */
  readonly floorSeconds: number;
  readonly scopes: readonly string[];
  /** The fields read that this call serves. */
  readonly fields: readonly string[];
}

export interface ReplacementCost {
  readonly calls: number;
  /** In the order the calls should be made: lists first, `rtm.connect` last (its URL lives 30 s). */
  readonly byMethod: readonly PlannedCall[];
  /** Union of the scopes the calls need, sorted. */
  readonly scopes: readonly string[];
  /** Scopes needed only for some data (e.g. `users:read.email`), with why. */
  readonly optionalScopes: readonly { readonly scope: string; readonly when: string }[];
  /** Lower bound for the whole start-up: each method has its own rate limit, so the slowest decides. */
  readonly floorSeconds: number;
  /** Fields read that have no public replacement. */
  readonly unreplaceable: readonly string[];
}

/**
 * Reference §5: the Web API calls that rebuild the `fieldsRead` of an `rtm.start` response for a
 * workspace of the given size, one `rtm.connect` included (unless `options.connect` is false). Only what is read is fetched.
 */
export function costOfReplacement(
  workspace: WorkspaceSize,
  fieldsRead: Iterable<string>,
  options: CostOptions = {},
): ReplacementCost {
  const pageSize = options.pageSize ?? RECOMMENDED_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw new RangeError(`pageSize must be an integer from 1 to 1000, got ${pageSize}`);
  }
  const pages = (items: number): number => Math.max(1, Math.ceil(items / pageSize));
  const planned = new Map<string, { call: ReplacementCall; args: Record<string, unknown>; calls: number; fields: Set<string> }>();
  const unreplaceable: string[] = [];

  const add = (key: string, call: ReplacementCall, args: Record<string, unknown>, calls: number, field: string): void => {
    const entry = planned.get(key) ?? { call, args, calls: 0, fields: new Set<string>() };
    if (!planned.has(key)) planned.set(key, entry);
    entry.calls = Math.max(entry.calls, calls);
    entry.fields.add(field);
  };
  const typesOf = (list: ConversationListField): ConversationType[] => conversationTypesOf(list, options.mpimAware ?? false);
  /** The types listed, with the replacement each comes from and the fields it serves. */
  const listed = new Map<ConversationType, { call: ReplacementCall; fields: Set<string> }>();
  const listConversations = (list: ConversationListField, field: string): void => {
    const listFact = fieldFact(list);
    for (const type of typesOf(list)) {
      const call = listFact?.replacements.find((r) => r.args['types'] === type);
      if (!call) throw new Error(`core has no conversations.list replacement of type ${type} for ${list}`);
      const entry = listed.get(type) ?? { call, fields: new Set<string>() };
      listed.set(type, entry);
      entry.fields.add(field);
    }
  };

  for (const field of new Set(fieldsRead)) {
    const fact = fieldFact(field);
    if (!fact) continue;
    if (fact.onRtmConnect) continue;
    if (fact.replacements.length === 0) {
      unreplaceable.push(field);
      continue;
    }
    const list = /^(channels|groups|mpims|ims)(\[\]\.)?/.exec(field)?.[1] as ConversationListField | undefined;
    if (list) {
      listConversations(list, field);
      const perConversation = fact.replacements[0];
      if (perConversation?.per !== 'conversation') continue;
      for (const type of typesOf(list)) {
        const calls =
          perConversation.method === METHODS.conversationsMembers
            ? (workspace.memberCounts?.[type] ?? []).reduce((sum, n) => sum + pages(n), 0)
            : (workspace.joined?.[type] ?? workspace.memberCounts?.[type]?.length ?? workspace.conversations[type] ?? 0);
        add(`${perConversation.method}:${type}`, perConversation, { ...perConversation.args }, calls, field);
      }
      continue;
    }
    const [primary, secondary] = fact.replacements as [ReplacementCall, ReplacementCall | undefined];
    const calls = primary.per === 'user' ? workspace.users : primary.per === 'bot' ? (workspace.bots ?? 0) : primary.pagination === 'cursor' ? pages(workspace.users) : 1;
    add(primary.method, primary, { ...primary.args }, calls, field);
    if (secondary?.per === 'bot' && options.botsInfo) {
      add(secondary.method, secondary, { ...secondary.args }, workspace.bots ?? 0, field);
    }
  }

  // One listing of every type needed (its items told apart by their flags), or one per type.
  const entries = CONVERSATION_TYPES.flatMap((type) => {
    const entry = listed.get(type);
    return entry ? [{ type, ...entry }] : [];
  });
  const listings = options.listing === 'one' ? [entries] : entries.map((entry) => [entry]);
  for (const listing of listings) {
    const [first] = listing;
    if (!first) continue;
    const types = listing.map((e) => e.type).join(',');
    const call: ReplacementCall = { ...first.call, args: { types }, scopes: [...new Set(listing.flatMap((e) => e.call.scopes))] };
    const count = listing.reduce((sum, e) => sum + (workspace.conversations[e.type] ?? 0), 0);
    const key = listing.length === 1 ? `${METHODS.conversationsList}:${first.type}` : METHODS.conversationsList;
    for (const e of listing) for (const field of e.fields) add(key, call, { types }, pages(count), field);
  }

  const order = (key: string): number => {
    const [method, type] = key.split(':');
    const methodRank = CALL_ORDER.indexOf(method as (typeof CALL_ORDER)[number]);
    const typeRank = type ? CONVERSATION_TYPES.indexOf(type as ConversationType) : 0;
    return (methodRank === -1 ? CALL_ORDER.length : methodRank) * 10 + typeRank;
  };
  const byMethod: PlannedCall[] = [...planned.entries()]
    .filter(([, entry]) => entry.calls > 0)
    .sort(([a], [b]) => order(a) - order(b))
    .map(([, { call, args, calls, fields }]) => ({
      method: call.method,
      args,
      calls,
      tier: call.tier,
      floorSeconds: tierFloorSeconds(call.tier, calls),
      scopes: call.scopes,
      fields: [...fields].sort(),
    }));
  const connectTier = METHOD_TIERS[METHODS.rtmConnect];
  if (options.connect !== false) byMethod.push({
    method: METHODS.rtmConnect,
    args: {},
    calls: 1,
    tier: connectTier,
    floorSeconds: 0,
    scopes: [],
    fields: ['url'],
  });

  // Calls of one method share one limit, wherever they sit in the plan.
  const perMethod = new Map<string, { tier: RateTier; calls: number }>();
  for (const c of byMethod) {
    const m = perMethod.get(c.method) ?? { tier: c.tier, calls: 0 };
    m.calls += c.calls;
    perMethod.set(c.method, m);
  }
  const optional = new Map<string, string>();
  for (const { call } of planned.values()) for (const o of call.optionalScopes) optional.set(o.scope, o.when);

  return {
    calls: byMethod.reduce((sum, c) => sum + c.calls, 0),
    byMethod,
    scopes: [...new Set(byMethod.flatMap((c) => c.scopes))].sort(),
    optionalScopes: [...optional].map(([scope, when]) => ({ scope, when })).sort((a, b) => a.scope.localeCompare(b.scope)),
    floorSeconds: Math.max(0, ...[...perMethod.values()].map((m) => tierFloorSeconds(m.tier, m.calls))),
    unreplaceable: unreplaceable.sort(),
  };
}

/** The order calls are planned in: data first, per-conversation next, `rtm.connect` is appended last. */
const CALL_ORDER = [
  METHODS.usersList,
  METHODS.conversationsList,
  METHODS.conversationsMembers,
  METHODS.conversationsInfo,
  METHODS.conversationsHistory,
  METHODS.botsInfo,
  METHODS.teamInfo,
  METHODS.teamPreferencesList,
  METHODS.teamBillingInfo,
  METHODS.usersInfo,
  METHODS.usersGetPresence,
  METHODS.usergroupsList,
  METHODS.dndInfo,
] as const;
