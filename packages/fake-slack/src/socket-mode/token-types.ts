import { METHODS, SOCKET_MODE_METHODS } from '@rtm-migrate/core';
import type { TokenInfo } from '../tokens.js';

const RTM_METHODS = new Set<string>([METHODS.rtmConnect, METHODS.rtmStart]);

/**
 * True when Slack answers `not_allowed_token_type`: `apps.connections.open` takes only an app-level
 * token, an app-level token works for nothing else, and `rtm.connect` / `rtm.start` refuse the bot
 * token of a modern (non-classic) app.
 */
export function refusesTokenType(method: string, token: TokenInfo): boolean {
  if (method === SOCKET_MODE_METHODS.appsConnectionsOpen) return token.type !== 'app';
  if (token.type === 'app') return true;
  return RTM_METHODS.has(method) && !token.classic;
}
