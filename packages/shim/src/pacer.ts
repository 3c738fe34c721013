import { RATE_TIERS, tierOf } from '@rtm-migrate/core';

/** How the shim paces its own calls so that it stays inside Slack's rate tiers (core's token-bucket model). */
export interface RateLimitOptions {
  /**
   * Scales every tier's minute: 1 (default) is Slack's real time; 0.01 makes a minute last 0.6 s
   * (what tests and the benchmark run fake-slack with).
   */
  readonly timeScale?: number;
  /**
   * Latency jitter, in ms, that the calls kept in reserve in Slack's bucket should absorb (default 25);
   * see `Pacer.burstOf`.
   */
  readonly jitterMs?: number;
  /**
   * Fraction added to every tier's interval (default 0.01): the shim's steady rate is a little under
   * Slack's, so Slack's bucket slowly refills whatever jitter took from its reserve.
   */
  readonly intervalSlack?: number;
}

/** One method's queue: calls leave one by one, in the order they asked. */
interface Lane {
  /** Theoretical arrival time (performance.now() ms) of the next call at the steady rate. */
  tat: number;
  /** No call before this time (a `Retry-After`). */
  pausedUntil: number;
  readonly waiting: (() => void)[];
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * A token bucket per method, with core's `RATE_TIERS` (`burst` at once, then `perMinute` a minute):
 * the model fake-slack enforces and `costOfReplacement().floorSeconds` assumes. Implemented as GCRA
 * (a "theoretical arrival time" per method) checked when a call actually leaves, not when it asks:
 * callers wait in a queue per method and are let go against the clock. So an event-loop stall
 * (a GC pause, parsing a large page) never releases more than the shim's burst at once: late calls
 * are not "owed" slots, which Slack's bucket, capped at its burst, would not grant either. The shim's
 * burst is smaller than Slack's (`burstOf`), and its interval a little longer (`intervalSlack`), so
 * that jitter between when a call leaves and when Slack counts it is absorbed by Slack's reserve.
 * Methods without a tier are not paced; `Retry-After` is honoured for every method, even unpaced.
 */
export class Pacer {
  private readonly lanes = new Map<string, Lane>();
  private readonly timeScale: number;
  private readonly jitterMs: number;
  private readonly intervalSlack: number;
  readonly enabled: boolean;

  constructor(options: RateLimitOptions | false = {}) {
    this.enabled = options !== false;
    const o = options === false ? {} : options;
    this.timeScale = o.timeScale ?? 1;
    if (!(this.timeScale > 0)) throw new RangeError(`rateLimit.timeScale must be > 0, got ${String(o.timeScale)}`);
    this.jitterMs = o.jitterMs ?? 25;
    if (!(this.jitterMs >= 0)) throw new RangeError(`rateLimit.jitterMs must be >= 0, got ${String(o.jitterMs)}`);
    this.intervalSlack = o.intervalSlack ?? 0.01;
    if (!(this.intervalSlack >= 0)) throw new RangeError(`rateLimit.intervalSlack must be >= 0, got ${String(o.intervalSlack)}`);
  }

  /** Milliseconds between two calls of `method` at its tier's steady rate (scaled; Slack's, without the slack). */
  intervalMs(method: string): number | undefined {
    const tier = tierOf(method);
    if (tier === undefined) return undefined;
    return (60_000 / RATE_TIERS[tier].perMinute) * this.timeScale;
  }

  /** Resolves when a call of `method` may go; calls of one method go in the order they asked. */
  take(method: string): Promise<void> {
    const lane = this.lanes.get(method);
    if (lane === undefined && (!this.enabled || tierOf(method) === undefined)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const l = lane ?? this.lane(method);
      l.waiting.push(resolve);
      this.pump(method, l);
    });
  }

  /** Slack answered `Retry-After: seconds` for `method`: the next call goes then, the rest at the steady rate. */
  pause(method: string, seconds: number, now = performance.now()): void {
    const lane = this.lane(method);
    const until = now + seconds * 1000;
    lane.pausedUntil = Math.max(lane.pausedUntil, until);
    // Slack's bucket is empty now: after the pause one call, then one an interval (no burst).
    lane.tat = Math.max(lane.tat, until + this.tolerance(method));
    if (lane.timer !== undefined) {
      clearTimeout(lane.timer);
      lane.timer = undefined;
    }
    this.pump(method, lane);
  }

  /**
   * The burst the shim uses: Slack's `burst` less a reserve, so that Slack's bucket always holds
   * calls the shim does not count on. The reserve absorbs the jitter between when a call leaves and
   * when Slack counts it: `jitterMs` worth of intervals, at least half a call and at most half the
   * burst (the rest absorbs the shim's own timer lateness). Fractional: a bucket, not a count. A
   * tier whose burst is one call keeps no reserve (its interval is the margin).
   */
  burstOf(method: string): number {
    const tier = tierOf(method);
    if (tier === undefined) return Infinity;
    const { burst } = RATE_TIERS[tier];
    if (burst <= 1) return 1;
    const interval = (60_000 / RATE_TIERS[tier].perMinute) * this.timeScale;
    const reserve = Math.min(Math.max(0.5, this.jitterMs / interval), burst / 2);
    return burst - reserve;
  }

  private tolerance(method: string): number {
    const interval = this.pacedIntervalMs(method);
    return interval === undefined ? 0 : (this.burstOf(method) - 1) * interval;
  }

  private pacedIntervalMs(method: string): number | undefined {
    const interval = this.intervalMs(method);
    return interval === undefined ? undefined : interval * (1 + this.intervalSlack);
  }

  private lane(method: string): Lane {
    let lane = this.lanes.get(method);
    if (lane === undefined) {
      lane = { tat: -Infinity, pausedUntil: -Infinity, waiting: [], timer: undefined };
      this.lanes.set(method, lane);
    }
    return lane;
  }

  /** Lets go every waiting call that may leave now; sets one timer for the next. */
  private pump(method: string, lane: Lane): void {
    if (lane.timer !== undefined) return;
    const interval = this.enabled ? this.pacedIntervalMs(method) : undefined;
    const tolerance = this.tolerance(method);
    while (lane.waiting.length > 0) {
      const now = performance.now();
      const allowedAt = Math.max(lane.pausedUntil, interval === undefined ? -Infinity : lane.tat - tolerance);
      if (allowedAt > now) {
        // Never early (Node's timers have 1 ms resolution); lateness is absorbed by the tolerance.
        lane.timer = setTimeout(() => {
          lane.timer = undefined;
          this.pump(method, lane);
        }, Math.ceil(allowedAt - now));
        return;
      }
      if (interval !== undefined) lane.tat = Math.max(lane.tat, now) + interval;
      lane.waiting.shift()?.();
    }
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
