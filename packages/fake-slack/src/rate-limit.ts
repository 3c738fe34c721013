import { RATE_TIERS, tierOf } from '@rtm-migrate/core';

export interface RateLimitOptions {
  /** 1 = real time; 0.001 makes a minute last 60 ms. */
  timeScale?: number;
}

/**
 * Core's token-bucket model per method and token: `burst` calls at once, then `perMinute` a
 * (scaled) minute. Over it: HTTP 429 with `Retry-After` in whole seconds, at least 1.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  readonly timeScale: number;

  constructor(options: RateLimitOptions = {}) {
    this.timeScale = options.timeScale ?? 1;
    if (!(this.timeScale > 0)) throw new RangeError(`timeScale must be > 0, got ${this.timeScale}`);
  }

  /** Undefined when the call may go ahead, else the seconds to send in `Retry-After`. */
  take(method: string, tokenKey: string, now = performance.now()): number | undefined {
    const tier = tierOf(method);
    if (tier === undefined) return undefined;
    const { perMinute, burst } = RATE_TIERS[tier];
    const msPerToken = (60_000 / perMinute) * this.timeScale;
    const key = `${method}\u0000${tokenKey}`;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) / msPerToken);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil(((1 - bucket.tokens) * msPerToken) / 1000));
  }

  reset(): void {
    this.buckets.clear();
  }
}
