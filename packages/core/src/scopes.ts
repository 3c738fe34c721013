import { deepFreeze } from './freeze.js';

/** Conversation types as `conversations.list`'s `types` argument spells them. */
export type ConversationType = 'public_channel' | 'private_channel' | 'mpim' | 'im';

export const CONVERSATION_TYPES: readonly ConversationType[] = deepFreeze(['public_channel', 'private_channel', 'mpim', 'im']);

/** The bot-token read scope of each conversation type (reference §4). */
export const READ_SCOPE_OF_TYPE: Readonly<Record<ConversationType, string>> = deepFreeze({
  public_channel: 'channels:read',
  private_channel: 'groups:read',
  mpim: 'mpim:read',
  im: 'im:read',
});

/** The history scope of each conversation type, for `latest` / unread replacements. */
export const HISTORY_SCOPE_OF_TYPE: Readonly<Record<ConversationType, string>> = deepFreeze({
  public_channel: 'channels:history',
  private_channel: 'groups:history',
  mpim: 'mpim:history',
  im: 'im:history',
});
