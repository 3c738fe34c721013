import { METHODS, RTM_START_RETIRED_ERRORS } from '@rtm-migrate/core';
import { isConnectShaped, type CallFn } from './build-response.js';
import { slackErrorOf } from './errors.js';
import { createSnapshotStore, type SnapshotStore } from './snapshot/store.js';
import type { RtmStartCompatArguments, RtmStartCompatOptions, RtmStartCompatResponse, SlackObject } from './types.js';

/**
 * What the shim needs of a client: `@slack/web-api` 6, 7 and 8's `WebClient` all fit (every
 * method goes through `apiCall`).
 */
export interface ApiCallClient {
  apiCall(method: string, options?: Record<string, unknown>): Promise<unknown>;
}

/** A client whose `rtm.start` (and `apiCall('rtm.start')`) answers in `rtm.start`'s shape. */
// Our `rtm.start` signature comes first in the intersection, so calls resolve to it (with the rebuilt
// response's type) even on a v7 client whose own `rtm.start` returns the older `RtmStartResponse`; the
// result stays assignable to the client's own type (`WebClient`).
export type WithRtmStartCompat<C> = {
  rtm: { start(args?: RtmStartCompatArguments): Promise<RtmStartCompatResponse> };
} & C;

const COMPAT = Symbol.for('@rtm-migrate/shim.compat');

interface CompatState {
  /** The instance's own `apiCall` before wrapping, bound to it. */
  readonly original: CallFn;
  readonly options: RtmStartCompatOptions;
  /** One store per client: a second `rtm.start` is answered from the first one's snapshot. */
  readonly store: SnapshotStore;
}

const stores = new WeakMap<object, SnapshotStore>();

function stateOf(client: ApiCallClient): CompatState | undefined {
  return (client as unknown as { [COMPAT]?: CompatState })[COMPAT];
}

/** The store options of `options.snapshot` (`false`: nothing kept, concurrent callers still share a build). */
export function snapshotStoreOptions(options: RtmStartCompatOptions): { ttlMs?: number; staleMs?: number } {
  return options.snapshot === false ? { ttlMs: 0, staleMs: 0 } : { ...options.snapshot };
}

function storeOf(client: object, call: CallFn, options: RtmStartCompatOptions): SnapshotStore {
  let store = stores.get(client);
  if (!store) stores.set(client, (store = createSnapshotStore({ ...options, ...snapshotStoreOptions(options), call })));
  return store;
}

/** True when `withRtmStartCompat` has wrapped this instance. */
export function isRtmStartCompat(client: object): boolean {
  return stateOf(client as ApiCallClient) !== undefined;
}

/**
 * Answers `rtm.start` through `call`: in `fallback` mode asks Slack first (until it answered
 * `rtm_connect_required` / `method_deprecated` or a connect-shaped `ok: true` once) and otherwise
 * answers from `store`'s snapshot with a fresh `rtm.connect`; in `always` mode from the snapshot.
 * `rtm.start` and `rtm.connect` are not paced here: Slack's own 429 says when.
 */
export async function answerRtmStart(call: CallFn, args: RtmStartCompatArguments, options: RtmStartCompatOptions, store: SnapshotStore): Promise<SlackObject> {
  const token = typeof args.token === 'string' && args.token !== '' ? args.token : undefined;
  if ((options.mode ?? 'fallback') === 'fallback' && !store.isRtmStartRetired(token)) {
    try {
      const res = await call(METHODS.rtmStart, { ...args });
      if (!isConnectShaped(res)) return res;
    } catch (e) {
      const code = slackErrorOf(e);
      if (code === undefined || !RTM_START_RETIRED_ERRORS.includes(code)) throw e;
    }
    store.markRtmStartRetired(token);
  }
  const { snapshot, connection } = await store.answer(token, args);
  options.onProgress?.({ method: METHODS.rtmConnect, items: 1, calls: snapshot.calls + 1 });
  return snapshot.toResponse(connection);
}

/**
 * Wraps one `WebClient` instance (never a prototype or a global): its `rtm.start(args)` and
 * `apiCall('rtm.start', args)` return an `rtm.start`-shaped response; every other method and every
 * other instance is untouched. Returns the same instance; wrapping twice is a no-op (the first
 * options stay). Gives a v8 client, which dropped `rtm.start`, a typed `rtm.start` back.
 */
export function withRtmStartCompat<C extends ApiCallClient>(client: C, options: RtmStartCompatOptions = {}): WithRtmStartCompat<C> {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JavaScript callers can pass anything
  if (typeof client?.apiCall !== 'function') throw new TypeError('withRtmStartCompat: expected a WebClient (an object with apiCall)');
  if (stateOf(client)) return client as WithRtmStartCompat<C>;
  validateOptions(options);
  const originalApiCall = client.apiCall.bind(client);
  const original: CallFn = async (method, args) => (await originalApiCall(method, args)) as SlackObject;
  const state: CompatState = { original, options, store: storeOf(client, original, options) };
  Object.defineProperty(client, COMPAT, { value: state, enumerable: false });

  const start = (args: RtmStartCompatArguments = {}): Promise<RtmStartCompatResponse> =>
    answerRtmStart(original, args, options, state.store) as Promise<RtmStartCompatResponse>;

  Object.defineProperty(client, 'apiCall', {
    configurable: true,
    writable: true,
    enumerable: false,
    value: function apiCall(method: string, args?: Record<string, unknown>): Promise<unknown> {
      return method === METHODS.rtmStart ? start(args ?? {}) : originalApiCall.call(client, method, args);
    },
  });

  const holder = client as unknown as { rtm?: Record<string, unknown> };
  if (holder.rtm && typeof holder.rtm === 'object' && Object.hasOwn(client, 'rtm')) {
    // v6-v8 create `rtm` per instance: patch this instance's own object.
    holder.rtm['start'] = start;
  } else {
    Object.defineProperty(client, 'rtm', {
      configurable: true,
      enumerable: true,
      writable: true,
      value: Object.assign(Object.create(holder.rtm ?? null) as Record<string, unknown>, { start }),
    });
  }
  return client as WithRtmStartCompat<C>;
}

/**
 * The same as a function: `rtm.start`'s response for `client`, built as `withRtmStartCompat` would
 * (what `rtm-migrate --helper shim` rewrites `client.rtm.start(args)` to). Uses a wrapped client's
 * options unless `options` are given.
 */
export async function rtmStartCompat(
  client: ApiCallClient,
  args: RtmStartCompatArguments = {},
  options?: RtmStartCompatOptions,
): Promise<RtmStartCompatResponse> {
  const state = stateOf(client);
  const opts = options ?? state?.options ?? {};
  validateOptions(opts);
  const call: CallFn = state?.original ?? (async (method, a) => (await client.apiCall(method, a)) as SlackObject);
  return answerRtmStart(call, args, opts, state?.store ?? storeOf(client, call, opts)) as Promise<RtmStartCompatResponse>;
}

export function validateOptions(options: RtmStartCompatOptions): void {
  const oneOf = (name: string, value: unknown, allowed: readonly string[]): void => {
    if (value !== undefined && !allowed.includes(value as string)) {
      throw new TypeError(`rtm.start compat: ${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
    }
  };
  oneOf('mode', options.mode, ['fallback', 'always']);
  oneOf('members', options.members, ['joined', 'all', 'none']);
  oneOf('onMissingScope', options.onMissingScope, ['throw', 'omit']);
  if (options.pageSize !== undefined && (!Number.isInteger(options.pageSize) || options.pageSize < 1 || options.pageSize > 999)) {
    throw new RangeError(`rtm.start compat: pageSize must be an integer from 1 to 999, got ${options.pageSize}`);
  }
  if (options.concurrency !== undefined && (!Number.isInteger(options.concurrency) || options.concurrency < 1)) {
    throw new RangeError(`rtm.start compat: concurrency must be a positive integer, got ${options.concurrency}`);
  }
  for (const name of ['ttlMs', 'staleMs'] as const) {
    const value = options.snapshot === false ? undefined : options.snapshot?.[name];
    if (value !== undefined && !(value >= 0)) throw new RangeError(`rtm.start compat: snapshot.${name} must be >= 0, got ${value}`);
  }
}
