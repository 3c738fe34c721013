import { CONVERSATION_LIST_FIELDS, HELPER_READ_STATE, SLACK_CLIENT_1 } from '@rtm-migrate/core';

/** The conversation lists a `slack-client` 1.x client keeps (`channels`, `groups`, `dms` as `ims`). */
const LISTS: readonly string[] = Object.values(SLACK_CLIENT_1.lists).filter((list) => list in CONVERSATION_LIST_FIELDS);

/**
 * The item attributes a `slack-client` 1.x client's wrapper asks for because the other modules of the
 * site's program spell them (`count`: how often a word is written there): the client's own methods that
 * read them (`getUnreadCount()`), the read state (`unread_count`, `last_read`…) of every list it keeps and
 * `is_open` of its groups and DMs. The site's file is read precisely (slackClientReads); a module the client
 * is handed to is not (blind s92/08: `slack.on('open', require('./slackbot-events/open').bind(this, slack))`,
 * whose handler read `getUnreadCount()` and `groups[key].is_open`, printed 0 unread and no open group). A
 * word spelled for something else costs calls, never data.
 */
export function slackClientProgramReads(count: (word: string) => number): string[] {
  const itemReads: Readonly<Record<string, readonly string[]>> = SLACK_CLIENT_1.itemReads;
  const byMethod = Object.entries(itemReads).flatMap(([method, paths]) => (count(method) > 0 ? paths : []));
  const readState = HELPER_READ_STATE.some((word) => count(word) > 0) ? LISTS.map((list) => `${list}[].unread_count`) : [];
  const open = count('is_open') > 0 ? LISTS.filter((list) => list !== 'channels').map((list) => `${list}[].is_open`) : [];
  return [...new Set([...byMethod, ...readState, ...open])].sort();
}
