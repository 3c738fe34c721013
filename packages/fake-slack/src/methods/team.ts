import { METHODS } from '@rtm-migrate/core';
import { METHOD_SCOPES } from '../scopes.js';
import { flag, usergroupShape } from '../shapes.js';
import { fail, missingScope, ok, type MethodHandler } from './context.js';

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
