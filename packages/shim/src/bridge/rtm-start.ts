import { METHODS } from '@rtm-migrate/core';
import type { CallFn } from '../build-response.js';
import { createSnapshotStore, type SnapshotStore } from '../snapshot/store.js';
import type { RtmStartCompatOptions, SlackObject } from '../types.js';

/**
 * The snapshot store behind the bridge's `rtm.start`: the same store the proxy keeps (built once,
 * shared by every bot, refreshed in the background), with `connect` (the bridge's own `rtm.connect`
 * answer) in place of Slack's `rtm.connect`, which a modern app's token may not call.
 */
export function bridgeSnapshotStore(call: CallFn, connect: () => SlackObject, options: RtmStartCompatOptions): SnapshotStore {
  const withLocalConnect: CallFn = (method, callArgs) => (method === METHODS.rtmConnect ? Promise.resolve(connect()) : call(method, callArgs));
  return createSnapshotStore({ ...options, call: withLocalConnect });
}
