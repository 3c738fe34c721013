/** Web API method names the tools reason about, so no package spells one by hand. */
export const METHODS = {
  rtmStart: 'rtm.start',
  rtmConnect: 'rtm.connect',
  authTest: 'auth.test',
  usersList: 'users.list',
  usersInfo: 'users.info',
  usersGetPresence: 'users.getPresence',
  conversationsList: 'conversations.list',
  conversationsMembers: 'conversations.members',
  conversationsInfo: 'conversations.info',
  conversationsHistory: 'conversations.history',
  teamInfo: 'team.info',
  teamPreferencesList: 'team.preferences.list',
  teamBillingInfo: 'team.billing.info',
  botsInfo: 'bots.info',
  usergroupsList: 'usergroups.list',
  dndInfo: 'dnd.info',
  dndTeamInfo: 'dnd.teamInfo',
} as const;

export type MethodKey = keyof typeof METHODS;
export type SlackMethod = (typeof METHODS)[MethodKey];

export const RTM_START = METHODS.rtmStart;
export const RTM_CONNECT = METHODS.rtmConnect;

/**
 * The source text of a string literal that spells `rtm.start` out (`'/rtm.start'`), naming `method` instead,
 * what surrounds the name kept (a helper joining it to its base URL as it is asks the same path); undefined
 * where it does not spell it.
 */
export function methodSwappedIn(literal: string, method: string): string | undefined {
  return literal.includes(METHODS.rtmStart) ? literal.replace(METHODS.rtmStart, method) : undefined;
}

/** Slack's default Web API base URL (what `WebClient`'s `slackApiUrl` defaults to). */
export const SLACK_API_URL = 'https://slack.com/api/';
