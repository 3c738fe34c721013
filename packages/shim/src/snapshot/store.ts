import { createHash } from 'node:crypto';
import { buildRtmStartSnapshot, connectRtm, flag, type CallFn } from '../build-response.js';
import { Pacer } from '../pacer.js';
import type { RtmStartCompatArguments, RtmStartCompatOptions } from '../types.js';
import type { RtmConnection, RtmStartSnapshot } from './snapshot.js';

export interface SnapshotStoreOptions extends RtmStartCompatOptions {
  /** One Web API call (`token` is in its arguments when the snapshot is for a given token). */
  readonly call: CallFn;
  /** A snapshot younger than this answers without a rebuild (default 10 minutes). */
  readonly ttlMs?: number;
  /**
   * Past `ttlMs`, for this long a snapshot still answers at once while a rebuild runs in the
   * background (stale-while-revalidate; default 24 hours). Older, callers wait for a rebuild.
   */
  readonly staleMs?: number;
  /** Builds, answers and failures, e.g. for a log. `key` names the snapshot without the token. */
  readonly onEvent?: (event: SnapshotEvent) => void;
}

export type SnapshotEvent =
  | { readonly type: 'build'; readonly key: string; readonly background: boolean }
  | { readonly type: 'built'; readonly key: string; readonly ms: number; readonly snapshot: RtmStartSnapshot }
  | { readonly type: 'failed'; readonly key: string; readonly error: unknown; readonly background: boolean }
  | { readonly type: 'hit'; readonly key: string; readonly ageMs: number; readonly stale: boolean };

export interface SnapshotStoreStats {
  /** Builds started (a rebuild in the background counts). */
  readonly builds: number;
  readonly failures: number;
  /** Answers from a snapshot within its TTL, from a stale one, and after waiting for a build. */
  readonly fresh: number;
  readonly stale: number;
  readonly waited: number;
}

/**
 * Snapshots of `rtm.start`'s data per token and shape (`mpim_aware`, `include_locale`): built once,
 * shared by concurrent callers (single flight), kept for `ttlMs`, refreshed in the background
 * (stale-while-revalidate). A build runs to its end whoever still waits for it, so a caller that
 * gave up finds it on its retry. `rtm.connect` is never part of a snapshot: call `connect()` for
 * every answer (its URL is good for one connection, 30 s).
 */
export interface SnapshotStore {
  /** The snapshot for `token` and the shape `args` ask for (from the store, or built now). */
  get(token: string | undefined, args?: RtmStartCompatArguments): Promise<RtmStartSnapshot>;
  /** A fresh `rtm.connect` for one answer (with `args`' `batch_presence_aware` / `presence_sub`). */
  connect(token: string | undefined, args?: RtmStartCompatArguments): Promise<RtmConnection>;
  /** What an `rtm.start` caller gets: `get`, then `connect`, last. */
  answer(token: string | undefined, args?: RtmStartCompatArguments): Promise<{ snapshot: RtmStartSnapshot; connection: RtmConnection }>;
  /** True once Slack answered this token's `rtm.start` as retired (fallback mode then asks no more). */
  isRtmStartRetired(token: string | undefined): boolean;
  markRtmStartRetired(token: string | undefined): void;
  stats(): SnapshotStoreStats;
  /** Forgets every snapshot (builds under way still finish, into nothing). */
  clear(): void;
}

interface Entry {
  snapshot?: RtmStartSnapshot;
  building?: Promise<RtmStartSnapshot>;
}

const DEFAULT_TTL_MS = 10 * 60_000;
const DEFAULT_STALE_MS = 24 * 60 * 60_000;
/** setTimeout's longest delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Names a token without revealing it. */
function tokenKey(token: string | undefined): string {
  return createHash('sha256').update(token ?? '').digest('hex').slice(0, 12);
}

/** The arguments that change what a snapshot holds; the rest go to `rtm.connect` or have no effect. */
function shapeOf(args: RtmStartCompatArguments): RtmStartCompatArguments {
  return { ...(flag(args.mpim_aware) ? { mpim_aware: true } : {}), ...(flag(args.include_locale) ? { include_locale: true } : {}) };
}

function withToken(token: string | undefined, args: RtmStartCompatArguments): RtmStartCompatArguments {
  return token === undefined || token === '' ? args : { ...args, token };
}

export function createSnapshotStore(options: SnapshotStoreOptions): SnapshotStore {
  const { call, onEvent } = options;
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  if (!(ttlMs >= 0)) throw new RangeError(`snapshot ttlMs must be >= 0, got ${ttlMs}`);
  if (!(staleMs >= 0)) throw new RangeError(`snapshot staleMs must be >= 0, got ${staleMs}`);
  const entries = new Map<string, Entry>();
  /** One pacer per token: Slack's rate budget is per token, whichever shape is built. */
  const pacers = new Map<string, Pacer>();
  const retired = new Set<string>();
  const counts = { builds: 0, failures: 0, fresh: 0, stale: 0, waited: 0 };

  const pacerOf = (id: string): Pacer => {
    let pacer = pacers.get(id);
    if (!pacer) pacers.set(id, (pacer = new Pacer(options.rateLimit ?? {})));
    return pacer;
  };

  /** A snapshot past `ttlMs + staleMs` can no longer answer: its memory goes, whether or not its token asks again. */
  const forgetWhenExpired = (entry: Entry, key: string, snapshot: RtmStartSnapshot): void => {
    const lifetime = ttlMs + staleMs;
    if (!Number.isFinite(lifetime) || lifetime > MAX_TIMER_MS) return;
    setTimeout(() => {
      if (entry.snapshot !== snapshot) return;
      entry.snapshot = undefined;
      if (!entry.building) entries.delete(key);
    }, lifetime).unref();
  };

  const build = (entry: Entry, id: string, key: string, shape: RtmStartCompatArguments, token: string | undefined, background: boolean): Promise<RtmStartSnapshot> => {
    if (entry.building) return entry.building;
    counts.builds++;
    onEvent?.({ type: 'build', key, background });
    const started = performance.now();
    const building = buildRtmStartSnapshot(call, withToken(token, shape), options, pacerOf(id)).then(
      (snapshot) => {
        if (entries.get(key) === entry) {
          entry.snapshot = snapshot;
          forgetWhenExpired(entry, key, snapshot);
        }
        entry.building = undefined;
        onEvent?.({ type: 'built', key, ms: performance.now() - started, snapshot });
        return snapshot;
      },
      (error: unknown) => {
        entry.building = undefined;
        counts.failures++;
        onEvent?.({ type: 'failed', key, error, background });
        throw error;
      },
    );
    building.catch(() => undefined); // a build nobody waits for any more must not be an unhandled rejection
    entry.building = building;
    return building;
  };

  const store: SnapshotStore = {
    get(token, args = {}) {
      const id = tokenKey(token);
      const shape = shapeOf(args);
      const key = [id, ...Object.keys(shape)].join(' ');
      let entry = entries.get(key);
      if (!entry) entries.set(key, (entry = {}));
      const snapshot = entry.snapshot;
      if (snapshot) {
        const ageMs = Date.now() - snapshot.builtAt;
        if (ageMs < ttlMs) {
          counts.fresh++;
          onEvent?.({ type: 'hit', key, ageMs, stale: false });
          return Promise.resolve(snapshot);
        }
        if (ageMs < ttlMs + staleMs) {
          counts.stale++;
          onEvent?.({ type: 'hit', key, ageMs, stale: true });
          void build(entry, id, key, shape, token, true).catch(() => undefined);
          return Promise.resolve(snapshot);
        }
      }
      counts.waited++;
      return build(entry, id, key, shape, token, false);
    },
    connect(token, args = {}) {
      return connectRtm(call, withToken(token, args));
    },
    async answer(token, args = {}) {
      const snapshot = await store.get(token, args);
      return { snapshot, connection: await store.connect(token, args) };
    },
    isRtmStartRetired: (token) => retired.has(tokenKey(token)),
    markRtmStartRetired: (token) => void retired.add(tokenKey(token)),
    stats: () => ({ ...counts }),
    clear: () => entries.clear(),
  };
  return store;
}
