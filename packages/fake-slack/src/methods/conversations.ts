import { CONVERSATION_TYPES, METHODS, type ConversationType } from '@rtm-migrate/core';
import { pageBounds, readPage } from '../pagination.js';
import { historyScopeOf, readScopeOf } from '../scopes.js';
import { conversationShape, flag, latestMessage, unreadCounts } from '../shapes.js';
import { fail, missingArgument, missingScope, ok, type MethodContext, type MethodHandler, type MethodResult } from './context.js';
import type { Conversation } from '../workspace.js';

function isType(t: string): t is ConversationType {
  return (CONVERSATION_TYPES as readonly string[]).includes(t);
}

/** `types` (default `public_channel`), `exclude_archived`, `include_locale`; every requested type needs its read scope. */
export const conversationsList: MethodHandler = (ctx) => {
  const raw = (ctx.args['types'] ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  const requested = raw.length === 0 ? (['public_channel'] as ConversationType[]) : raw;
  if (!requested.every(isType)) return fail('invalid_types');
  const types = CONVERSATION_TYPES.filter((t) => requested.includes(t));
  const needed = types.map(readScopeOf);
  const denied = missingScope(ctx, needed);
  if (denied) return denied;
  const excludeArchived = flag(ctx.args, 'exclude_archived');
  const all = types.flatMap((t) => ctx.workspace.byType[t]).filter((c) => !(excludeArchived && c.isArchived));
  const page = readPage(METHODS.conversationsList, 'conv', ctx.args, all.length);
  if (!page.ok) return fail(page.error);
  const { start, end, nextCursor } = pageBounds('conv', page.offset, page.limit, all.length, ctx.shortPages);
  const locale = flag(ctx.args, 'include_locale');
  return ok(
    {
      channels: all.slice(start, end).map((c) => conversationShape(ctx.workspace, c, { locale, numMembers: true })),
      response_metadata: { next_cursor: nextCursor },
    },
    { acceptedScopes: needed },
  );
};

function withChannel(ctx: MethodContext, then: (c: Conversation, needed: readonly string[]) => MethodResult): MethodResult {
  const id = ctx.args['channel'];
  if (!id) return missingArgument('channel');
  const c = ctx.workspace.conversation(id);
  if (!c) return fail('channel_not_found');
  const needed = [readScopeOf(c.type)];
  return missingScope(ctx, needed) ?? then(c, needed);
}

export const conversationsMembers: MethodHandler = (ctx) =>
  withChannel(ctx, (c, needed) => {
    const ws = ctx.workspace;
    const total = ws.memberCount(c);
    const page = readPage(METHODS.conversationsMembers, 'members', ctx.args, total);
    if (!page.ok) return fail(page.error);
    const { start, end, nextCursor } = pageBounds('members', page.offset, page.limit, total, ctx.shortPages);
    return ok({ members: ws.members(c, start, end - start), response_metadata: { next_cursor: nextCursor } }, { acceptedScopes: needed });
  });

export const conversationsInfo: MethodHandler = (ctx) =>
  withChannel(ctx, (c, needed) => {
    const shape = conversationShape(ctx.workspace, c, {
      locale: flag(ctx.args, 'include_locale'),
      numMembers: flag(ctx.args, 'include_num_members'),
    });
    // The read state of a conversation the caller is in, as rtm.start listed it.
    if (c.isMember) Object.assign(shape, { last_read: c.lastRead, ...unreadCounts(c) });
    // Whether a group, group DM or DM is open, which rtm.start gave on those lists and conversations.list does not.
    if (c.type !== 'public_channel') shape['is_open'] = c.isOpen;
    return ok({ channel: shape }, { acceptedScopes: needed });
  });

/**
 * `conversations.history`: the workspace keeps one message per conversation, its newest (what
 * `rtm.start` called `latest`). A bot outside the conversation gets `not_in_channel`.
 */
export const conversationsHistory: MethodHandler = (ctx) => {
  const id = ctx.args['channel'];
  if (!id) return missingArgument('channel');
  const c = ctx.workspace.conversation(id);
  if (!c) return fail('channel_not_found');
  const needed = [historyScopeOf(c.type)];
  const denied = missingScope(ctx, needed);
  if (denied) return denied;
  if (!c.isMember) return fail('not_in_channel');
  const page = readPage(METHODS.conversationsHistory, 'history', ctx.args, 1);
  if (!page.ok) return fail(page.error);
  return ok({ messages: page.offset === 0 ? [latestMessage(c)] : [], has_more: false, pin_count: 0, response_metadata: { next_cursor: '' } }, { acceptedScopes: needed });
};
