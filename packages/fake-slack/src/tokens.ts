import { APP_TOKEN_PREFIX } from '@rtm-migrate/core';
import { ALL_SCOPES } from './scopes.js';

export interface TokenOptions {
  /** Scopes granted (default: every scope core knows of). */
  scopes?: readonly string[];
  /** Answer `account_inactive` for this token. */
  inactive?: boolean;
  /** `app` for an app-level token (only `apps.connections.open`); default: `app` for `xapp-…`, else `bot`. */
  type?: 'bot' | 'app';
  /** False for the bot token of a modern app: `rtm.connect` / `rtm.start` answer `not_allowed_token_type` (default true). */
  classic?: boolean;
}

export interface TokenInfo {
  readonly scopes: readonly string[];
  readonly inactive: boolean;
  readonly type: 'bot' | 'app';
  readonly classic: boolean;
}

/** Tokens every fake knows unless `tokens` overrides them. Any other token is `invalid_auth`. */
export const DEFAULT_TOKENS: Readonly<Record<string, TokenOptions>> = {
  'xoxb-test': {},
  'xoxb-inactive': { inactive: true },
  'xoxb-modern': { classic: false },
  'xapp-test': { type: 'app' },
};

export function tokenTable(tokens: Record<string, TokenOptions> = {}): Map<string, TokenInfo> {
  const table = new Map<string, TokenInfo>();
  for (const [token, options] of Object.entries({ ...DEFAULT_TOKENS, ...tokens })) {
    table.set(token, {
      scopes: [...(options.scopes ?? ALL_SCOPES)],
      inactive: options.inactive ?? false,
      type: options.type ?? (token.startsWith(APP_TOKEN_PREFIX) ? 'app' : 'bot'),
      classic: options.classic ?? true,
    });
  }
  return table;
}
