import { CONVERSATION_LIST_FIELDS, HELPER_INFO_ITEM_FIELDS, HELPER_READ_STATE } from '@rtm-migrate/core';
import type { Escape } from '../plan.js';

const LISTS: readonly string[] = Object.keys(CONVERSATION_LIST_FIELDS);

/**
 * The read state (`last_read`, `unread_count`, `unread_count_display`), and what `conversations.info` answers
 * with it (`is_open`: HELPER_INFO_ITEM_FIELDS), of the conversation lists whose
 * items reach code the analysis cannot follow, where the modules of the site's program spell it (`count`: how
 * often a word is written in them), as fields read: the helper module's start then fetches it (`include`, one
 * `conversations.info` per conversation the bot is in) rather than answering `undefined` with a warning
 * (blind s90/07: the whole data handed to PixelsController, whose pixels read `unread_count_display`).
 */
export function escapedReadState(escapes: readonly Escape[], count: (word: string) => number): string[] {
  const lists = new Set(
    escapes
      .filter((e) => e.own !== true)
      .flatMap((e) => {
        const path = e.path ?? '';
        if (path === '') return LISTS;
        const top = path.split(/[.[]/)[0] ?? path;
        return LISTS.includes(top) && (path === top || path === `${top}[]`) ? [top] : [];
      }),
  );
  if (lists.size === 0) return [];
  const words = HELPER_READ_STATE.filter((word) => count(word) > 0);
  // What `conversations.info` answers in the same call (`groups[].is_open`), on the lists whose items have it (blind s109/09:
  // slack-client 1.3.1 copied its groups into objects of its own, and its example's open groups went missing).
  const info = HELPER_INFO_ITEM_FIELDS.filter((field) => lists.has(field.split('[')[0] ?? field) && count(field.split('.').at(-1) ?? field) > 0);
  return [...[...lists].flatMap((list) => words.map((word) => `${list}[].${word}`)), ...info];
}
