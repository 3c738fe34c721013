import { METHODS } from '@rtm-migrate/core';
import { pageBounds, readPage } from '../pagination.js';
import { EMAIL_SCOPE, METHOD_SCOPES } from '../scopes.js';
import { flag, presenceAnswer, userShape } from '../shapes.js';
import { fail, missingArgument, missingScope, ok, type MethodHandler } from './context.js';

export const usersList: MethodHandler = (ctx) => {
  const needed = METHOD_SCOPES.get(METHODS.usersList) ?? [];
  const denied = missingScope(ctx, needed);
  if (denied) return denied;
  const users = ctx.workspace.users;
  const page = readPage(METHODS.usersList, 'user', ctx.args, users.length);
  if (!page.ok) return fail(page.error);
  const { start, end, nextCursor } = pageBounds('user', page.offset, page.limit, users.length, ctx.shortPages);
  const options = { locale: flag(ctx.args, 'include_locale'), email: ctx.scopes.includes(EMAIL_SCOPE) };
  return ok(
    {
      members: users.slice(start, end).map((u) => userShape(u, options)),
      cache_ts: Math.floor(Date.now() / 1000),
      response_metadata: { next_cursor: nextCursor },
    },
    { acceptedScopes: needed },
  );
};

export const usersInfo: MethodHandler = (ctx) => {
  const needed = METHOD_SCOPES.get(METHODS.usersInfo) ?? [];
  const denied = missingScope(ctx, needed);
  if (denied) return denied;
  const id = ctx.args['user'];
  if (!id) return missingArgument('user');
  const user = ctx.workspace.user(id);
  if (!user) return fail('user_not_found');
  return ok(
    { user: userShape(user, { locale: flag(ctx.args, 'include_locale'), email: ctx.scopes.includes(EMAIL_SCOPE) }) },
    { acceptedScopes: needed },
  );
};

/** The presence of `user` (default: the caller), which `users.list` does not carry; the details only for the caller. */
export const usersGetPresence: MethodHandler = (ctx) => {
  const needed = METHOD_SCOPES.get(METHODS.usersGetPresence) ?? [];
  const denied = missingScope(ctx, needed);
  if (denied) return denied;
  const user = ctx.workspace.user(ctx.args['user'] ?? ctx.workspace.self.id);
  if (!user) return fail('user_not_found');
  return ok(presenceAnswer(user, user.id === ctx.workspace.self.id, Math.floor(Date.now() / 1000)), { acceptedScopes: needed });
};
