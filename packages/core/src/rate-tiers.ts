import { deepFreeze } from './freeze.js';
import { METHODS, type SlackMethod } from './methods.js';

/** Slack's four numbered tiers, plus `special` for methods with their own limits (`auth.test`). */
export type RateTier = 1 | 2 | 3 | 4 | 'special';

export interface RateTierInfo {
  readonly tier: RateTier;
  /** The documented floor ("N+ per minute"), per method, per workspace, per app. */
  readonly perMinute: number;
  /**
   * Calls allowed back to back before the steady rate applies. Slack documents bursts per tier without
   * a number (api.slack.com/docs/rate-limits): Tier 1 "a small amount of burst behavior is tolerated",
   * Tier 2 "occasional bursts of more requests", Tier 3 "sporadic bursts are welcome", Tier 4
   * "generous burst behavior". Our model: one call at Tier 1, a tenth of a minute's floor at Tier 2,
   * half of it at Tiers 3 and 4, shared by fake-slack's limiter, the shim's pacing and the cost
   * estimates so that they agree. A tenth at every tier made a 300-user start wait ~13 s for its 25
   * `conversations.members` calls, past the 5 s an app gave its connect (blind s114/09).
   */
  readonly burst: number;
  readonly description: string;
}

/** Reference §3. Slack tolerates brief bursts; past the allowance it answers HTTP 429 + `Retry-After`. */
export const RATE_TIERS: Readonly<Record<RateTier, RateTierInfo>> = deepFreeze({
  1: { tier: 1, perMinute: 1, burst: 1, description: 'Tier 1: 1+ per minute' },
  2: { tier: 2, perMinute: 20, burst: 2, description: 'Tier 2: 20+ per minute' },
  3: { tier: 3, perMinute: 50, burst: 25, description: 'Tier 3: 50+ per minute' },
  4: { tier: 4, perMinute: 100, burst: 50, description: 'Tier 4: 100+ per minute' },
  // Slack documents only "hundreds per minute" for auth.test; 600 is our model of that.
  special: { tier: 'special', perMinute: 600, burst: 60, description: 'special rate limits (hundreds per minute)' },
});

/** The tier of every method the tools call or replace (reference §1 and §4). */
export const METHOD_TIERS: Readonly<Record<SlackMethod, RateTier>> = deepFreeze({
  [METHODS.rtmStart]: 1,
  [METHODS.rtmConnect]: 1,
  [METHODS.authTest]: 'special',
  [METHODS.usersList]: 2,
  [METHODS.usersInfo]: 4,
  [METHODS.usersGetPresence]: 3,
  [METHODS.conversationsList]: 2,
  [METHODS.conversationsMembers]: 4,
  [METHODS.conversationsInfo]: 3,
  [METHODS.conversationsHistory]: 3,
  [METHODS.teamInfo]: 3,
  [METHODS.teamPreferencesList]: 3,
  [METHODS.teamBillingInfo]: 3,
  [METHODS.botsInfo]: 3,
  [METHODS.usergroupsList]: 2,
  [METHODS.dndInfo]: 3,
  [METHODS.dndTeamInfo]: 2,
} satisfies Record<SlackMethod, RateTier>);

export function tierOf(method: string): RateTier | undefined {
  return (METHOD_TIERS as Record<string, RateTier | undefined>)[method];
}

/** Seconds between two calls at a tier's steady rate. */
export function tierIntervalSeconds(tier: RateTier): number {
  return 60 / RATE_TIERS[tier].perMinute;
}

/**
 * The least time, in seconds, that `calls` calls of one method need under the token-bucket model:
 * `burst` go at once, every further call waits one interval. Reference §5's example (30 `users.list`
 * pages at Tier 2 need ~90 s) gives (30 - 2) × 3 s = 84 s here.
 */
export function tierFloorSeconds(tier: RateTier, calls: number): number {
  const { burst } = RATE_TIERS[tier];
  // Rounded to the millisecond so that 18 × 0.6 s reads 10.8, not 10.799999999999999.
  return Math.round(Math.max(0, calls - burst) * tierIntervalSeconds(tier) * 1000) / 1000;
}
