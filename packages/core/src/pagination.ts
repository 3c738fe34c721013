import { deepFreeze } from './freeze.js';
import { METHODS } from './methods.js';

export interface PaginationFact {
  /** Page size when `limit` is not sent; null where Slack then tries to answer with everything. */
  readonly defaultLimit: number | null;
  /** Largest `limit` Slack documents for the method. */
  readonly maxLimit: number;
}

/**
 * Cursor pagination of the list methods (reference §4, corrected: see REFERENCE_CORRECTIONS).
 * Follow `response_metadata.next_cursor` until it is empty or missing; never stop on a short page.
 */
export const PAGINATION: Readonly<Record<string, PaginationFact>> = deepFreeze({
  [METHODS.usersList]: { defaultLimit: null, maxLimit: 1000 },
  [METHODS.conversationsList]: { defaultLimit: 100, maxLimit: 999 },
  [METHODS.conversationsMembers]: { defaultLimit: 100, maxLimit: 1000 },
});

/** Slack recommends 100-200 items a page; `WebClient#paginate` sends 200. */
export const RECOMMENDED_PAGE_SIZE = 200;
