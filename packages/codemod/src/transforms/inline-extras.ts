import { METHODS, fieldFact } from '@rtm-migrate/core';
import { addImport, freshName, indentUnit, type TransformContext } from './common.js';

/**
 * The inline rewrite's part for the `rtm.start` fields beyond the lists: `bots` (off `users.list`),
 * `subteams` (`usergroups.list`), `dnd` (`dnd.info`), `team.prefs` (`team.preferences.list`), and the
 * per-conversation `latest` / `last_read` / unread counts (`conversations.history` / `conversations.info`,
 * one call per conversation the bot is in, only for the lists whose fields are read).
 */
export interface ExtrasPlan {
  /** The start-only fields the site reads (core's paths). */
  readonly fields: readonly string[];
  /** Receiver of the Web API calls. */
  readonly client: string;
  /** The variable holding `users.list`'s members, when fetched. */
  readonly users: string | undefined;
  /** The variables holding each conversation list, by `rtm.start` field. */
  readonly lists: readonly { readonly field: string; readonly name: string }[];
  /** The variable holding `team.info`'s answer, when fetched. */
  readonly teamInfo: string | undefined;
  /** `rtm.start`'s `simple_latest`, `no_latest`, `no_unreads`. */
  readonly simpleLatest: boolean;
  readonly noLatest: boolean;
  readonly noUnreads: boolean;
}

export interface ExtrasFetch {
  readonly lines: string[];
  /** Properties of the rebuilt response; they may name `connection` (rtm.connect's answer). */
  readonly props: string[];
  readonly methods: string[];
  readonly described: string[];
  /** True when a property needs `rtm.connect`'s answer (`subteams.self`, a `team` of its own). */
  readonly usesConnection: boolean;
}

const READ_STATE = ['last_read', 'unread_count', 'unread_count_display'] as const;

/**
 * Keys of a Web API answer that are not the data (`team.preferences.list`, `dnd.info` answer their
 * data at top level). Not `warning`: @slack/web-api's response types do not declare it.
 */
const ENVELOPE = ['ok', 'response_metadata'] as const;

function reads(fields: readonly string[], top: string): boolean {
  return fields.some((f) => f === top || f.startsWith(`${top}.`) || f.startsWith(`${top}[]`));
}

/** `const { ok: _okN, …, ...name } = await call;`: an answer without its envelope. */
function bareAnswer(ctx: TransformContext, name: string, call: string): string {
  // `response_metadata` → `_dndStateResponseMetadata`: underscored, the usual mark of a name left unused.
  const dropped = ENVELOPE.map((k) => `${k}: ${freshName(ctx, [`_${name}${k.replace(/(?:^|_)(\w)/g, (_, c: string) => c.toUpperCase())}`])}`);
  return `const { ${dropped.join(', ')}, ...${name} } = await ${call};`;
}

/** `{ include_users: true, … }`: a replacement's fixed arguments as source text. */
export function argsText(args: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(args).map(([k, v]) => `${k}: ${typeof v === 'string' ? `'${v}'` : String(v)}`);
  return entries.length === 0 ? '' : `{ ${entries.join(', ')} }`;
}

export function inlineExtras(ctx: TransformContext, plan: ExtrasPlan, connection: string): ExtrasFetch {
  const ts = ctx.typescript;
  const unit = indentUnit(ctx.source);
  const c = plan.client;
  const { fields } = plan;
  const lines: string[] = [];
  const props: string[] = [];
  const methods: string[] = [];
  const described: string[] = [];
  let usesConnection = false;

  if (reads(fields, 'bots') && plan.users) {
    // rtm.start's `bots` were the bot users' apps: users.list tells their id, name and app.
    const name = freshName(ctx, ['botUsers', 'workspaceBots']);
    lines.push(
      `const ${name} = ${plan.users}`,
      `${unit}.filter((user) => user.is_bot === true && typeof ${optionalMember(ts, 'user.profile', 'bot_id')} === 'string')`,
      `${unit}.map((user) => ({ id: ${optionalMember(ts, 'user.profile', 'bot_id')}, name: user.name, deleted: user.deleted === true, user_id: user.id, app_id: ${optionalMember(ts, 'user.profile', 'api_app_id')} }));`,
    );
    props.push(`bots: ${name}`);
    described.push('bots');
  }
  if (reads(fields, 'subteams')) {
    const name = freshName(ctx, ['userGroups', 'allUsergroups']);
    const call = fieldFact('subteams')?.replacements[0];
    methods.push(METHODS.usergroupsList);
    described.push('subteams');
    lines.push(`const ${name} = ${orElse(ts, `(await ${c}.usergroups.list(${argsText(call?.args ?? {})})).usergroups`, '[]')};`);
    const groupHasSelf = ts
      ? `group.users?.includes((${connection}.self as { id?: string } | undefined)?.id ?? '')`
      : `(group.users || []).includes((${connection}.self || {}).id)`;
    props.push(`subteams: { self: ${name}.filter((group) => ${groupHasSelf}).map((group) => group.id), all: ${name} }`);
    usesConnection = true;
  }
  if (reads(fields, 'dnd')) {
    const name = freshName(ctx, ['dndState', 'ownDnd']);
    methods.push(METHODS.dndInfo);
    described.push('dnd');
    lines.push(bareAnswer(ctx, name, `${c}.dnd.info()`));
    props.push(`dnd: ${name}`);
  }
  if (reads(fields, 'team.prefs')) {
    const name = freshName(ctx, ['teamPrefs', 'teamPreferences']);
    methods.push(METHODS.teamPreferencesList);
    described.push('team.prefs');
    lines.push(bareAnswer(ctx, name, `${c}.team.preferences.list()`));
    const base = plan.teamInfo ? `${plan.teamInfo}.team` : ts ? `(${connection}.team as Record<string, unknown> | undefined)` : `${connection}.team`;
    if (!plan.teamInfo) usesConnection = true;
    props.push(`team: { ...${base}, prefs: ${name} }`);
  } else if (plan.teamInfo) {
    props.push(`team: ${plan.teamInfo}.team`);
  }
  lines.push(...conversationState(ctx, plan, methods, described));
  return { lines, props, methods, described, usesConnection };
}

/** What of a list's per-conversation state the site reads (and `rtm.start` would have sent). */
function stateRead(plan: Pick<ExtrasPlan, 'fields' | 'noLatest' | 'noUnreads'>, field: string): { latest: boolean; state: (typeof READ_STATE)[number][] } {
  // rtm.start sent no `latest` nor unread counts with no_latest, no counts with no_unreads; `last_read` always.
  const latest = !plan.noLatest && plan.fields.some((f) => f === `${field}[].latest` || f.startsWith(`${field}[].latest.`));
  const state = READ_STATE.filter((k) => plan.fields.includes(`${field}[].${k}`) && (k === 'last_read' || !(plan.noLatest || plan.noUnreads)));
  return { latest, state };
}

/**
 * TypeScript: the type the state adds to a list's conversations (`{ latest?: string }`), undefined
 * when none is read. `conversations.list`'s own type has none of these keys.
 */
export function conversationStateType(
  ctx: TransformContext,
  plan: Pick<ExtrasPlan, 'fields' | 'noLatest' | 'noUnreads' | 'simpleLatest'>,
  field: string,
): string | undefined {
  const { latest, state } = stateRead(plan, field);
  if (!latest && state.length === 0) return undefined;
  const keys: string[] = [];
  if (latest) {
    if (!plan.simpleLatest) addImport(ctx, '@slack/web-api', 'ConversationsHistoryResponse', true);
    keys.push(`latest?: ${plan.simpleLatest ? 'string' : "NonNullable<ConversationsHistoryResponse['messages']>[number]"}`);
  }
  for (const k of state) keys.push(`${k}?: ${k === 'last_read' ? 'string' : 'number'}`);
  return `{ ${keys.join('; ')} }`;
}

/** `latest` and the read state of each listed conversation the bot is in: what `rtm.start` gave for those. */
function conversationState(ctx: TransformContext, plan: ExtrasPlan, methods: string[], described: string[]): string[] {
  const unit = indentUnit(ctx.source);
  const c = plan.client;
  const lines: string[] = [];
  for (const { field, name } of plan.lists) {
    const { latest, state } = stateRead(plan, field);
    if (!latest && state.length === 0) continue;
    // rtm.start gave this state only for the public channels the bot was in; the other lists hold only those.
    const skip = field === 'channels' ? '!conversation.is_member || !conversation.id' : '!conversation.id';
    const body: string[] = [];
    if (latest) {
      if (!methods.includes(METHODS.conversationsHistory)) methods.push(METHODS.conversationsHistory);
      const value = plan.simpleLatest ? optionalMember(ctx.typescript, 'messages[0]', 'ts') : 'messages[0]';
      body.push(
        `${unit}const { messages = [] } = await ${c}.conversations.history({ channel: conversation.id, limit: 1 });`,
        `${unit}Object.assign(conversation, { latest: ${value} });`,
      );
    }
    if (state.length > 0) {
      if (!methods.includes(METHODS.conversationsInfo)) methods.push(METHODS.conversationsInfo);
      // The unread counts are not in @slack/web-api's type of `conversations.info`'s channel.
      const from = ctx.typescript ? '(channel ?? {}) as Record<string, unknown>' : 'channel || {}';
      body.push(
        `${unit}const { channel } = await ${c}.conversations.info({ channel: conversation.id });`,
        `${unit}const state = ${from};`,
        `${unit}Object.assign(conversation, { ${state.map((k) => `${k}: state['${k}']`).join(', ')} });`,
      );
    }
    described.push(`${field}[].${[...(latest ? ['latest'] : []), ...state].join(' / ')}`);
    lines.push(`for (const conversation of ${name}) {`, `${unit}if (${skip}) continue;`, ...body, '}');
  }
  return lines;
}

/**
 * `object?.key` and `value ?? fallback` in TypeScript (tsc lowers them to its target); in JavaScript
 * the forms Node 8 to 12 parse, as the helper module writes: a callback-era bot often still runs there
 * (blind corpus s39/11), and each value here is an object, an array or undefined, never another falsy one.
 */
function optionalMember(ts: boolean, object: string, key: string): string {
  return ts ? `${object}?.${key}` : `(${object} || {}).${key}`;
}

/** `value ?? fallback`, or `value || fallback` in JavaScript (see optionalMember). */
export function orElse(ts: boolean, value: string, fallback: string): string {
  return ts ? `${value} ?? ${fallback}` : `${value} || ${fallback}`;
}
