import {
  BRIDGE_BOT_SCOPES,
  HISTORY_SCOPE_OF_TYPE,
  RTM_EVENTS_ON_SOCKET_MODE,
  METHODS,
  READ_SCOPE_OF_TYPE,
  RTM_START_FIELDS,
  type ConversationType,
} from '@rtm-migrate/core';

const BY_CONVERSATION_TYPE = new Set<string>([METHODS.conversationsList, METHODS.conversationsMembers, METHODS.conversationsInfo, METHODS.conversationsHistory]);

/**
 * Scopes of the methods whose scope does not depend on a conversation type, read off core's
 * replacement table (`users.list` → `users:read`, `team.info` → `team:read`, …), so no scope is spelled here.
 */
export const METHOD_SCOPES: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, readonly string[]>();
  for (const fact of Object.values(RTM_START_FIELDS)) {
    for (const call of fact.replacements) {
      if (!BY_CONVERSATION_TYPE.has(call.method) && !map.has(call.method)) map.set(call.method, call.scopes);
    }
  }
  // users.info replaces no rtm.start field (its user has no `created`) and reads a user as users.list does.
  const usersList = map.get(METHODS.usersList);
  if (usersList) map.set(METHODS.usersInfo, usersList);
  return map;
})();

/** Every scope core knows of: what the default token `xoxb-test` is granted. */
export const ALL_SCOPES: readonly string[] = [
  ...new Set([
    ...Object.values(RTM_START_FIELDS).flatMap((f) =>
      f.replacements.flatMap((r) => [...r.scopes, ...r.optionalScopes.map((o) => o.scope)]),
    ),
    ...Object.values(READ_SCOPE_OF_TYPE),
    ...Object.values(HISTORY_SCOPE_OF_TYPE),
    ...BRIDGE_BOT_SCOPES,
    ...Object.values(RTM_EVENTS_ON_SOCKET_MODE).flatMap((e) => e.scopes),
  ]),
].sort();

export function readScopeOf(type: ConversationType): string {
  return READ_SCOPE_OF_TYPE[type];
}

export function historyScopeOf(type: ConversationType): string {
  return HISTORY_SCOPE_OF_TYPE[type];
}

/** The email scope (`users:read.email`), as core's `users.list` replacement names it. */
export const EMAIL_SCOPE: string =
  RTM_START_FIELDS['users']?.replacements[0]?.optionalScopes.find((o) => o.scope.endsWith('.email'))?.scope ?? 'users:read.email';
