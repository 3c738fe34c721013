import { METHODS } from '@rtm-migrate/core';
import { authTest } from './auth.js';
import { conversationsHistory, conversationsInfo, conversationsList, conversationsMembers } from './conversations.js';
import type { MethodHandler } from './context.js';
import { rtmConnect, rtmStart } from './rtm.js';
import { SOCKET_MODE_HANDLERS } from '../socket-mode/methods.js';
import { botsInfo, dndInfo, dndTeamInfo, teamInfo, teamPreferencesList, usergroupsList } from './team.js';
import { usersGetPresence, usersInfo, usersList } from './users.js';

export * from './context.js';

/** The methods the fake serves; any other name is `unknown_method`. */
export const METHOD_HANDLERS: ReadonlyMap<string, MethodHandler> = new Map<string, MethodHandler>([
  [METHODS.authTest, authTest],
  [METHODS.rtmStart, rtmStart],
  [METHODS.rtmConnect, rtmConnect],
  [METHODS.usersList, usersList],
  [METHODS.usersInfo, usersInfo],
  [METHODS.usersGetPresence, usersGetPresence],
  [METHODS.conversationsList, conversationsList],
  [METHODS.conversationsMembers, conversationsMembers],
  [METHODS.conversationsInfo, conversationsInfo],
  [METHODS.conversationsHistory, conversationsHistory],
  [METHODS.teamInfo, teamInfo],
  [METHODS.botsInfo, botsInfo],
  [METHODS.usergroupsList, usergroupsList],
  [METHODS.teamPreferencesList, teamPreferencesList],
  [METHODS.dndInfo, dndInfo],
  [METHODS.dndTeamInfo, dndTeamInfo],
  ...SOCKET_MODE_HANDLERS,
]);
