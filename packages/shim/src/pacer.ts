import { RATE_TIERS, tierOf, type RateTier } from '@rtm-migrate/core';

/** How the shim paces its own calls so that it stays inside Slack's rate tiers (core's token-bucket model). */
export interface RateLimitOptions {
  /**
   * Scales every tier's minute: 1 (default) is Slack's real time; 0.01 makes a minute last 0.6 s
   * (what tests and the benchmark run fake-slack with).
   */
  readonly timeScale?: number;
  /**
   * Extra milliseconds added to every wait, for the jitter between when a request leaves and when
   * Slack counts it (default: 2 ms plus 1% of the interval).
   */
  readonly marginMs?: number;
  /** Jitter the burst reserve should absorb, in ms (default 25); see `Pacer`. */
  readonly jitterMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A token bucket per method, with core's `RATE_TIERS` (`burst` at once, then `perMinute` a minute):
 * the same model fake-slack enforces and `costOfReplacement().floorSeconds` assumes. Implemented as
 * GCRA (a "theoretical arrival time" per method): calls reserve their slot in order, so concurrent
 * callers never overshoot. Methods without a tier are not paced.
 */
export class Pacer {
  /** Per method: the theoretical arrival time (performance.now() ms) of the next call at the steady rate. */
  private readonly tat = new Map<string, number>();
  /** Per method: no call before this time (a `Retry-After`). */
  private readonly pausedUntil = new Map<string, number>();
  private readonly timeScale: number;
  private readonly marginMs: number | undefined;
  private readonly jitterMs: number;
  readonly enabled: boolean;

  constructor(options: RateLimitOptions | false = {}) {
    this.enabled = options !== false;
    const o = options === false ? {} : options;
    this.timeScale = o.timeScale ?? 1;
    if (!(this.timeScale > 0)) throw new RangeError(`rateLimit.timeScale must be > 0, got ${String(o.timeScale)}`);
    this.marginMs = o.marginMs;
    this.jitterMs = o.jitterMs ?? 25;
  }

  /** Milliseconds between two calls of `method` at its tier's steady rate (scaled). */
  intervalMs(method: string): number | undefined {
    const tier = tierOf(method);
    if (tier === undefined) return undefined;
    return (60_000 / RATE_TIERS[tier].perMinute) * this.timeScale;
  }

  /** Resolves when a call of `method` may go. */
  async take(method: string): Promise<void> {
    const wait = this.reserve(method);
    if (wait > 0) await sleep(wait);
  }

  /** Reserves the next slot of `method` and returns how long to wait for it, in ms. */
  reserve(method: string, now = performance.now()): number {
    const paused = Math.max(0, (this.pausedUntil.get(method) ?? 0) - now);
    const tier = tierOf(method);
    const interval = this.intervalMs(method);
    if (!this.enabled || tier === undefined || interval === undefined) return paused;
    const tolerance = (this.burstOf(tier) - 1) * interval;
    const tat = Math.max(this.tat.get(method) ?? now, now);
    const allowedAt = tat - tolerance;
    this.tat.set(method, tat + interval);
    return allowedAt > now ? allowedAt - now + this.margin(interval) : 0;
  }

  /** Slack answered `Retry-After: seconds` for `method`: the next call goes then, the rest at the steady rate. */
  pause(method: string, seconds: number, now = performance.now()): void {
    // honoured even with pacing off
    this.pausedUntil.set(method, Math.max(this.pausedUntil.get(method) ?? 0, now + seconds * 1000));
    const tier = tierOf(method);
    const interval = this.intervalMs(method) ?? 0;
    const tolerance = tier === undefined ? 0 : (this.burstOf(tier) - 1) * interval;
    this.tat.set(method, Math.max(this.tat.get(method) ?? now, now + seconds * 1000 + tolerance));
  }

  /**
   * The burst the shim uses: fewer calls than the tier allows (at least one), so Slack's bucket keeps
   * calls in reserve. The reserve absorbs the jitter between when a request leaves and when Slack
   * counts it: one call, or as many intervals as cover `jitterMs` when the (scaled) interval is short,
   * up to the tier's burst less one. It costs that many intervals once per method.
   */
  private burstOf(tier: RateTier): number {
    const { burst, perMinute } = RATE_TIERS[tier];
    const interval = (60_000 / perMinute) * this.timeScale;
    const reserve = Math.max(1, Math.ceil(this.jitterMs / interval));
    return Math.max(1, burst - Math.min(reserve, burst - 1));
  }

  private margin(interval: number): number {
    return this.marginMs ?? 2 + interval * 0.01;
  }
}

/** At most `limit` tasks at once; the rest wait in order. */
export class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}
