import { METHODS } from '@rtm-migrate/core';
import { METHOD_SCOPES } from '../scopes.js';
import { dndShape, flag, teamPreferences, usergroupShape } from '../shapes.js';
import { fail, missingArgument, missingScope, ok, type MethodHandler } from './context.js';

export const teamInfo: MethodHandler = (ctx) => {
  const needed = METHOD_SCOPES.get(METHODS.teamInfo) ?? [];
  return missingScope(ctx, needed) ?? ok({ team: { ...ctx.workspace.team } }, { acceptedScopes: needed });
};

export const botsInfo: MethodHandler = (ctx) => {
  const needed = METHOD_SCOPES.get(METHODS.botsInfo) ?? [];
  const denied = missingScope(ctx, needed);
  if (denied) return denied;
  const bot = ctx.workspace.bot(ctx.args['bot'] ?? '');
  return bot ? ok({ bot: { ...bot } }, { acceptedScopes: needed }) : fail('bot_not_found');
};

export const usergroupsList: MethodHandler = (ctx) => {
  const needed = METHOD_SCOPES.get(METHODS.usergroupsList) ?? [];
  const denied = missingScope(ctx, needed);
  if (denied) return denied;
  const ws = ctx.workspace;
  const options = { users: flag(ctx.args, 'include_users'), count: flag(ctx.args, 'include_count') };
  return ok({ usergroups: ws.usergroups.map((g) => usergroupShape(ws, g, options)) }, { acceptedScopes: needed });
};

export const teamPreferencesList: MethodHandler = (ctx) => {
  const needed = METHOD_SCOPES.get(METHODS.teamPreferencesList) ?? [];
  return missingScope(ctx, needed) ?? ok(teamPreferences(), { acceptedScopes: needed });
};

/** `dnd.info`: the caller's own state without `user` (with its `snooze_*`), another user's with it. */
export const dndInfo: MethodHandler = (ctx) => {
  const needed = METHOD_SCOPES.get(METHODS.dndInfo) ?? [];
  const denied = missingScope(ctx, needed);
  if (denied) return denied;
  const user = ctx.args['user'];
  if (user !== undefined && user !== '' && !ctx.workspace.user(user)) return fail('user_not_found');
  return ok(dndShape(user === undefined || user === '' || user === ctx.workspace.self.id), { acceptedScopes: needed });
};

/** Slack's documented cap on `dnd.teamInfo`'s `users`. */
const DND_TEAM_INFO_MAX_USERS = 50;

export const dndTeamInfo: MethodHandler = (ctx) => {
  const needed = METHOD_SCOPES.get(METHODS.dndTeamInfo) ?? [];
  const denied = missingScope(ctx, needed);
  if (denied) return denied;
  const ids = (ctx.args['users'] ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  if (ids.length === 0) return missingArgument('users');
  if (ids.length > DND_TEAM_INFO_MAX_USERS) return fail('invalid_arguments');
  const known = ids.filter((id) => ctx.workspace.user(id));
  return ok({ users: Object.fromEntries(known.map((id) => [id, dndShape(false)])) }, { acceptedScopes: needed });
};
