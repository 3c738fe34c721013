import {
  CONVERSATION_LIST_FIELDS,
  LEGACY_LIST_ITEM_ABSENT,
  LEGACY_LIST_ITEM_FLAGS,
  METHODS,
  RECOMMENDED_PAGE_SIZE,
  RTM_CONNECT_ARGS,
  conversationTypesOf,
  costOfReplacement,
  fieldFact,
  type ConversationType,
  type CostOptions,
  type ReplacementCost,
  type WorkspaceSize,
} from '@rtm-migrate/core';
import {
  CompatPlatformError,
  explainMissingScope,
  isPlatformError,
  isRateLimitedError,
  slackErrorOf,
  withContext,
} from './errors.js';
import { Limiter, Pacer } from './pacer.js';
import { JsonList } from './snapshot/json-list.js';
import { RtmStartSnapshot, type RtmConnection, type SnapshotListField } from './snapshot/snapshot.js';
import {
  COMPAT_EXTRA_FIELDS,
  COMPAT_FIELDS,
  type CompatConversation,
  type CompatExtraField,
  type CompatField,
  type RtmStartCompatArguments,
  type RtmStartCompatOptions,
  type SlackObject,
} from './types.js';

/** One Web API call: resolves with the `ok: true` body, throws in WebClient's shapes otherwise. */
export type CallFn = (method: string, args: Record<string, unknown>) => Promise<SlackObject>;

/** The warning every rebuilt response carries in `response_metadata.warnings` (and `warning`). */
export const COMPAT_WARNING = 'rtm_start_compat';
/** Added when `onMissingScope: 'omit'` left a field out; `response_metadata.messages` says which. */
export const COMPAT_OMITTED_WARNING = 'rtm_start_compat_field_omitted';

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_RATE_LIMIT_RETRIES = 3;

/** `true`, `1`, `'1'`, `'true'`: how Slack reads a boolean argument. */
export function flag(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

type ListField = keyof typeof CONVERSATION_LIST_FIELDS;

/** The fields a call builds, after defaults: `mpims` only with `mpim_aware` (without it they are in `groups`). */
export function resolveFields(args: RtmStartCompatArguments, options: RtmStartCompatOptions = {}): Set<CompatField> {
  const requested = options.fields ?? COMPAT_FIELDS;
  for (const f of requested) {
    if (!COMPAT_FIELDS.includes(f)) throw new TypeError(`rtm.start compat: unknown field ${JSON.stringify(f)} (known: ${COMPAT_FIELDS.join(', ')})`);
  }
  const fields = new Set(requested);
  if (!flag(args.mpim_aware)) fields.delete('mpims');
  return fields;
}

/**
 * The `rtm.start` field paths (core's names) that a build reads, for `costOfReplacement()`:
 * the lists, their `members` where filled, `bots`, `team.icon` for `team.info`.
 */
export function compatFieldsRead(args: RtmStartCompatArguments = {}, options: RtmStartCompatOptions = {}): string[] {
  const fields = resolveFields(args, options);
  const members = options.members ?? 'joined';
  const read: string[] = [];
  for (const f of fields) {
    if (f === 'team') {
      read.push('team.icon');
      continue;
    }
    if (isExtra(f)) {
      read.push(f);
      continue;
    }
    read.push(f);
    if (f !== 'users' && f !== 'bots' && f !== 'ims' && members !== 'none') read.push(`${f}[].members`);
  }
  return read;
}

/** core's cost options for a build. */
export function compatCostOptions(args: RtmStartCompatArguments = {}, options: RtmStartCompatOptions = {}): CostOptions {
  // A listing per type, unlike the generated helper's one: with `onMissingScope: 'omit'` a missing scope then drops only its list.
  return { pageSize: options.pageSize ?? RECOMMENDED_PAGE_SIZE, mpimAware: flag(args.mpim_aware), botsInfo: options.botsInfo ?? false, listing: 'per-type' };
}

/**
 * Exactly the calls a build makes for a workspace of this size (`memberCounts`: the conversations
 * whose `members` are filled), per core's `costOfReplacement()`, `rtm.connect` last. In `fallback`
 * mode one `rtm.start` comes first.
 */
export function compatCost(workspace: WorkspaceSize, args: RtmStartCompatArguments = {}, options: RtmStartCompatOptions = {}): ReplacementCost {
  return costOfReplacement(workspace, compatFieldsRead(args, options), compatCostOptions(args, options));
}

interface Steps {
  users: boolean;
  listTypes: ConversationType[];
  memberTypes: Set<ConversationType>;
  teamInfo: boolean;
  botsInfo: boolean;
  /** The extras, each one call, with the method core plans for it. */
  extras: Map<CompatExtraField, string>;
}

function isExtra(f: string): f is CompatExtraField {
  return (COMPAT_EXTRA_FIELDS as readonly string[]).includes(f);
}

/** The build's steps, read off core's plan (so the shim makes the calls core counts, in its order). */
function stepsOf(args: RtmStartCompatArguments, options: RtmStartCompatOptions): Steps {
  const mpimAware = flag(args.mpim_aware);
  const probe: WorkspaceSize = {
    users: 1,
    bots: 1,
    conversations: { public_channel: 1, private_channel: 1, mpim: 1, im: 1 },
    memberCounts: { public_channel: [1], private_channel: [1], mpim: [1], im: [1] },
  };
  const plan = compatCost(probe, args, options);
  const steps: Steps = { users: false, listTypes: [], memberTypes: new Set(), teamInfo: false, botsInfo: false, extras: new Map() };
  for (const c of plan.byMethod) {
    switch (c.method) {
      case METHODS.usersList:
        steps.users = true;
        break;
      case METHODS.conversationsList:
        steps.listTypes.push(c.args['types'] as ConversationType);
        break;
      case METHODS.conversationsMembers:
        for (const f of c.fields) for (const t of conversationTypesOf(f.split('[')[0] as ListField, mpimAware)) steps.memberTypes.add(t);
        break;
      case METHODS.teamInfo:
        steps.teamInfo = true;
        break;
      case METHODS.botsInfo:
        steps.botsInfo = true;
        break;
      case METHODS.rtmConnect:
        break;
      case METHODS.usergroupsList:
      case METHODS.dndInfo:
      case METHODS.teamPreferencesList:
        for (const f of c.fields) if (isExtra(f)) steps.extras.set(f, c.method);
        break;
      default:
        throw new Error(`rtm.start compat: core planned ${c.method}, which the shim cannot build`);
    }
  }
  return steps;
}

function listFieldOf(type: ConversationType, mpimAware: boolean): ListField {
  if (type === 'mpim') return mpimAware ? 'mpims' : 'groups';
  const field = (Object.keys(CONVERSATION_LIST_FIELDS) as ListField[]).find((k) => CONVERSATION_LIST_FIELDS[k] === type);
  if (field === undefined) throw new Error(`core lists no rtm.start field for conversations of type ${type}`);
  return field;
}

class Aborted extends Error {}

/** True for an `ok: true` answer of `rtm.start` in `rtm.connect`'s shape (no snapshot). */
export function isConnectShaped(res: SlackObject): boolean {
  return res['ok'] === true && !Array.isArray(res['users']) && !Array.isArray(res['channels']);
}

/**
 * Builds the data of `rtm.start`'s response (everything `rtm.connect` does not answer) from the
 * replacement methods: the calls of core's `costOfReplacement()` but `rtm.connect`, paced per method
 * by core's rate tiers, at most `concurrency` in flight. Pages are serialized as they arrive (see
 * `JsonList`). Either the whole snapshot or an error: a field is only ever missing when
 * `onMissingScope: 'omit'` says so, with a warning.
 */
export async function buildRtmStartSnapshot(
  call: CallFn,
  args: RtmStartCompatArguments = {},
  options: RtmStartCompatOptions = {},
  pacer: Pacer = new Pacer(options.rateLimit ?? {}),
): Promise<RtmStartSnapshot> {
  const mpimAware = flag(args.mpim_aware);
  const fields = resolveFields(args, options);
  const steps = stepsOf(args, options);
  const pageSize = options.pageSize ?? RECOMMENDED_PAGE_SIZE;
  const membersMode = options.members ?? 'joined';
  const onMissingScope = options.onMissingScope ?? 'throw';
  const maxRetries = options.maxRateLimitRetries ?? DEFAULT_RATE_LIMIT_RETRIES;
  const limiter = new Limiter(options.concurrency ?? DEFAULT_CONCURRENCY);
  // Members are fetched a few conversations at a time, each to its end: conversations whose pages
  // took turns in one queue would all hold a partial list at once (22M ids at 50k users / 5k
  // channels). Four per request slot keep the request queue full.
  const conversations = new Limiter(limiter.limit * 4);
  const locale = flag(args.include_locale) ? { include_locale: true } : {};
  const token = tokenArg(args);

  let aborted = false;
  let calls = 0;
  const omitted = new Map<string, string>();

  const request = async (method: string, callArgs: Record<string, unknown>, detail?: string): Promise<SlackObject> => {
    for (let attempt = 0; ; attempt++) {
      if (aborted) throw new Aborted();
      try {
        // The pacer's slot is taken inside the concurrency slot, so that calls held back by the
        // limiter cannot bunch up behind it and reach Slack faster than their tier.
        const res = await limiter.run(async () => {
          await pacer.take(method);
          if (aborted) throw new Aborted();
          return call(method, { ...callArgs, ...token });
        });
        calls++;
        return res;
      } catch (e) {
        // With `rejectRateLimitedCalls` the client hands 429s back: honour Retry-After here.
        if (isRateLimitedError(e) && attempt < maxRetries) {
          pacer.pause(method, e.retryAfter);
          continue;
        }
        throw e instanceof Aborted || isPlatformError(e) ? e : withContext(e, `${method}${detail ? ` ${detail}` : ''}`);
      }
    }
  };
  const progress = (method: string, items: number, detail?: string): void =>
    options.onProgress?.({ method, items, calls, ...(detail === undefined ? {} : { detail }) });

  /** Follows `next_cursor` to the end, handing every page to `onPage` as it arrives. */
  const paginate = async (
    method: string,
    base: Record<string, unknown>,
    resultField: string,
    onPage: (page: SlackObject[]) => void,
    detail?: string,
  ): Promise<void> => {
    let cursor = '';
    do {
      const res = await request(method, { ...base, limit: pageSize, ...(cursor ? { cursor } : {}) }, detail);
      const page = res[resultField];
      if (!Array.isArray(page)) {
        throw new CompatPlatformError({ ok: false, error: 'invalid_response', rtm_start_compat: { method, missing: resultField } });
      }
      onPage(page as SlackObject[]);
      progress(method, page.length, detail);
      const meta = res['response_metadata'] as { next_cursor?: unknown } | undefined;
      cursor = typeof meta?.next_cursor === 'string' ? meta.next_cursor : '';
    } while (cursor !== '');
  };

  /** Runs a field's work; `missing_scope` omits the field (with `omit`) or becomes an error naming it. */
  const guard = async <T>(field: string, method: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (e) {
      if (slackErrorOf(e) !== 'missing_scope' || !isPlatformError(e)) throw e;
      const needed = typeof e.data['needed'] === 'string' && e.data['needed'] !== '' ? e.data['needed'].split(',') : scopesOf(field, method);
      if (onMissingScope === 'omit') {
        omitted.set(field, `omitted \`${field}\`: missing scope ${needed.map((s) => `\`${s}\``).join(', ')} for ${method}`);
        return undefined;
      }
      throw explainMissingScope(e, { field, method, scopes: needed });
    }
  };

  let firstError: unknown;
  const fail = (e: unknown): never => {
    aborted = true;
    if (firstError === undefined && !(e instanceof Aborted)) firstError = e;
    throw e;
  };

  // users.list (and bots, from its is_bot members; bots.info per bot when asked)
  const usersTask = async (): Promise<{ users?: JsonList; bots?: JsonList }> => {
    if (!steps.users) return {};
    const label = fields.has('users') ? 'users' : 'bots';
    const users = new JsonList();
    const botUsers: SlackObject[] = [];
    const bots = new JsonList();
    const done = await guard(label, METHODS.usersList, async () => {
      await paginate(METHODS.usersList, { ...locale }, 'members', (page) => {
        if (fields.has('users')) users.push(page);
        const pageBots = page.filter((u) => u['is_bot'] === true && typeof (u['profile'] as SlackObject | undefined)?.['bot_id'] === 'string');
        if (steps.botsInfo) botUsers.push(...pageBots);
        else bots.push(pageBots.map(botOfUser));
      });
      return true;
    });
    if (done === undefined) {
      if (fields.has('bots') && label === 'users') omitted.set('bots', `omitted \`bots\`: it is read off users.list`);
      return {};
    }
    let botsDone: boolean | undefined = true;
    if (fields.has('bots') && steps.botsInfo) {
      botsDone = await guard('bots', METHODS.botsInfo, async () => {
        await Promise.all(
          botUsers.map(async (u) => {
            const fill = bots.reserve();
            const bot = (u['profile'] as SlackObject)['bot_id'] as string;
            const res = await request(METHODS.botsInfo, { bot }, bot);
            progress(METHODS.botsInfo, 1, bot);
            fill(JSON.stringify(res['bot']));
          }),
        );
        return true;
      });
    }
    return { ...(fields.has('users') ? { users } : {}), ...(fields.has('bots') && botsDone ? { bots } : {}) };
  };

  // conversations.list per type, then conversations.members for the ones whose members are filled
  const listsTask = async (): Promise<Partial<Record<ListField, JsonList>>> => {
    const lists: Partial<Record<ListField, JsonList>> = {};
    const memberJobs: Promise<unknown>[] = [];
    const wantsMembers = (type: ConversationType, c: CompatConversation): boolean =>
      steps.memberTypes.has(type) && (membersMode === 'all' || (membersMode === 'joined' && c.is_member === true));
    for (const type of steps.listTypes) {
      const field = listFieldOf(type, mpimAware);
      if (omitted.has(field) || aborted) continue;
      const list = (lists[field] ??= new JsonList());
      const membersField = `${field}[].members`;
      const listed = await guard(field, METHODS.conversationsList, async () => {
        await paginate(
          METHODS.conversationsList,
          { types: type, ...locale },
          'channels',
          (page) => {
            let ready: CompatConversation[] = [];
            for (const c of page as CompatConversation[]) {
              // What rtm.start set on every item of the list, whatever conversations.list says (a group DM's `is_group`).
              Object.assign(c, LEGACY_LIST_ITEM_FLAGS[field]);
              for (const flag of LEGACY_LIST_ITEM_ABSENT[field] ?? []) Reflect.deleteProperty(c, flag);
              if (!wantsMembers(type, c)) {
                ready.push(c);
                continue;
              }
              list.push(ready);
              ready = [];
              const fill = list.reserve();
              // The conversation waits for its members as JSON text, not as an object: thousands
              // wait at once in a big workspace. Member ids stay text too, a string per page:
              // millions of short strings in arrays would outlive many collections while a big
              // channel pages through.
              const { id } = c;
              const listed = conversationText(c);
              let pages: string[] | undefined;
              const job = guard(membersField, METHODS.conversationsMembers, () =>
                conversations.run(async () => {
                  if (omitted.has(membersField) || aborted) return;
                  const texts: string[] = [];
                  await paginate(METHODS.conversationsMembers, { channel: id }, 'members', (ids) => ids.length > 0 && texts.push(JSON.stringify(ids).slice(1, -1)), `channel=${id}`);
                  pages = texts;
                }),
              )
                .then(() => fill(withMembers(listed, pages)))
                .catch(fail);
              job.catch(() => undefined); // awaited below; never an unhandled rejection if the build stops first
              memberJobs.push(job);
            }
            list.push(ready);
          },
          `types=${type}`,
        );
        return true;
      });
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- an omitted list must be absent, not undefined: old bots test `'groups' in res`
      if (listed === undefined) delete lists[field];
    }
    await Promise.all(memberJobs);
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- as above: an omitted list is absent from the response
    for (const field of Object.keys(lists) as ListField[]) if (omitted.has(field)) delete lists[field];
    return lists;
  };

  const teamTask = async (): Promise<SlackObject | undefined> => {
    if (!steps.teamInfo) return undefined;
    const res = await guard('team', METHODS.teamInfo, () => request(METHODS.teamInfo, {}));
    if (res) progress(METHODS.teamInfo, 1);
    return res?.['team'] as SlackObject | undefined;
  };

  // subteams, dnd, team.prefs: one call each; a missing scope omits the field (with a warning), never fails the build.
  const extrasTask = async (): Promise<Partial<Record<CompatExtraField, SlackObject>>> => {
    const found: Partial<Record<CompatExtraField, SlackObject>> = {};
    for (const [field, method] of steps.extras) {
      try {
        const fact = fieldFact(field);
        found[field] = await request(method, { ...(fact?.replacements[0]?.args ?? {}) });
        progress(method, 1);
      } catch (e) {
        if (slackErrorOf(e) !== 'missing_scope' || !isPlatformError(e)) throw e;
        const needed = typeof e.data['needed'] === 'string' && e.data['needed'] !== '' ? e.data['needed'].split(',') : scopesOf(field, method);
        omitted.set(field, `omitted \`${field}\`: missing scope ${needed.map((s) => `\`${s}\``).join(', ')} for ${method}`);
      }
    }
    return found;
  };

  let people: Awaited<ReturnType<typeof usersTask>>;
  let lists: Awaited<ReturnType<typeof listsTask>>;
  let teamDetails: SlackObject | undefined;
  let extras: Awaited<ReturnType<typeof extrasTask>>;
  try {
    [people, lists, teamDetails, extras] = await Promise.all([usersTask().catch(fail), listsTask().catch(fail), teamTask().catch(fail), extrasTask().catch(fail)]);
  } catch (e) {
    // The first real failure, not a task that stopped because of it.
    throw firstError ?? e;
  }

  const ordered: [SnapshotListField, JsonList][] = [];
  if (people.users) ordered.push(['users', people.users]);
  for (const field of LIST_ORDER) if (lists[field]) ordered.push([field, lists[field]]);
  if (people.bots) ordered.push(['bots', people.bots]);
  const warnings = [COMPAT_WARNING, ...(omitted.size > 0 ? [COMPAT_OMITTED_WARNING] : [])];
  const messages = [...omitted.values()].map((m) => `[WARN] ${COMPAT_WARNING}: ${m}`);
  const prefs = extras['team.prefs'] ? withoutEnvelope(extras['team.prefs']) : undefined;
  return new RtmStartSnapshot({
    lists: ordered,
    teamDetails: prefs ? { ...(teamDetails ?? {}), prefs } : teamDetails,
    usergroups: extras.subteams?.['usergroups'] as SlackObject[] | undefined,
    dnd: extras.dnd ? withoutEnvelope(extras.dnd) : undefined,
    warnings,
    messages,
    calls,
  });
}

/** An answer whose own keys are the data (`dnd.info`, `team.preferences.list`), without `ok`, `warning`, `response_metadata`. */
function withoutEnvelope(res: SlackObject): SlackObject {
  return Object.fromEntries(Object.entries(res).filter(([key]) => !ENVELOPE.includes(key)));
}

const ENVELOPE: readonly string[] = ['ok', 'warning', 'response_metadata'];

/** `{ token }` when `rtm.start` was called with one (it then goes with every call). */
function tokenArg(args: RtmStartCompatArguments): { token?: string } {
  return typeof args.token === 'string' && args.token !== '' ? { token: args.token } : {};
}

/** The conversation lists in `rtm.start`'s order. */
const LIST_ORDER: readonly ListField[] = ['channels', 'groups', 'mpims', 'ims'];

/**
 * Calls `rtm.connect` (with `rtm.start`'s `batch_presence_aware` / `presence_sub`): a fresh URL,
 * never cached, for one answer. Not paced: Slack's own limit answers 429 with `Retry-After`.
 */
export async function connectRtm(call: CallFn, args: RtmStartCompatArguments = {}): Promise<RtmConnection> {
  const connectArgs: Record<string, unknown> = {};
  for (const name of RTM_CONNECT_ARGS) if (args[name] !== undefined) connectArgs[name] = args[name];
  const connect = await call(METHODS.rtmConnect, { ...connectArgs, ...tokenArg(args) });
  if (typeof connect['url'] !== 'string') {
    throw new CompatPlatformError({ ok: false, error: 'invalid_response', rtm_start_compat: { method: METHODS.rtmConnect, missing: 'url' } });
  }
  return { url: connect['url'], self: connect['self'] as RtmConnection['self'], team: connect['team'] as RtmConnection['team'] };
}

/** A conversation as listed, as JSON text without `members` (and the listed `members`, if Slack sent any). */
interface ConversationText {
  readonly bare: string;
  readonly members: string | undefined;
}

function conversationText(c: CompatConversation): ConversationText {
  // JSON drops an undefined member: `members` is put last by `withMembers`.
  return { bare: JSON.stringify({ ...c, members: undefined }), members: c.members === undefined ? undefined : JSON.stringify(c.members).slice(1, -1) };
}

/** A conversation's JSON with `members` (pages of ids, as JSON text) last, as `rtm.start` had it. */
function withMembers(c: ConversationText, pages: readonly string[] | undefined): string {
  const members = pages === undefined ? c.members : pages.join(',');
  if (members === undefined) return c.bare;
  return `${c.bare.slice(0, -1)}${c.bare === '{}' ? '' : ','}"members":[${members}]}`;
}

/** `bots` entry from a bot user of `users.list`, in `rtm.start`'s shape as far as users.list tells. */
function botOfUser(u: SlackObject): SlackObject {
  const profile = (u['profile'] ?? {}) as SlackObject;
  const icons: SlackObject = {};
  for (const size of ['36', '48', '72']) if (typeof profile[`image_${size}`] === 'string') icons[`image_${size}`] = profile[`image_${size}`];
  return {
    id: profile['bot_id'],
    deleted: u['deleted'] === true,
    name: u['name'],
    ...(typeof u['updated'] === 'number' ? { updated: u['updated'] } : {}),
    ...(typeof profile['api_app_id'] === 'string' ? { app_id: profile['api_app_id'] } : {}),
    user_id: u['id'],
    icons,
  };
}

function scopesOf(field: string, method: string): string[] {
  const fact = fieldFact(field === 'team' ? 'team.icon' : field);
  const call = fact?.replacements.find((r) => r.method === method) ?? fact?.replacements[0];
  return [...(call?.scopes ?? [])];
}
