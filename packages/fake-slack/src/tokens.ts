import { ALL_SCOPES } from './scopes.js';

export interface TokenOptions {
  /** Scopes granted (default: every scope core knows of). */
  scopes?: readonly string[];
  /** Answer `account_inactive` for this token. */
  inactive?: boolean;
}

export interface TokenInfo {
  readonly scopes: readonly string[];
  readonly inactive: boolean;
}

/** Tokens every fake knows unless `tokens` overrides them. Any other token is `invalid_auth`. */
export const DEFAULT_TOKENS: Readonly<Record<string, TokenOptions>> = {
  'xoxb-test': {},
  'xoxb-inactive': { inactive: true },
};

export function tokenTable(tokens: Record<string, TokenOptions> = {}): Map<string, TokenInfo> {
  const table = new Map<string, TokenInfo>();
  for (const [token, options] of Object.entries({ ...DEFAULT_TOKENS, ...tokens })) {
    table.set(token, { scopes: [...(options.scopes ?? ALL_SCOPES)], inactive: options.inactive ?? false });
  }
  return table;
}
