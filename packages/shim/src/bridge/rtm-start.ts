import { METHODS } from '@rtm-migrate/core';
import { buildRtmStartResponse, type CallFn } from '../build-response.js';
import type { Pacer } from '../pacer.js';
import type { RtmStartCompatArguments, RtmStartCompatOptions, RtmStartCompatResponse, SlackObject } from '../types.js';

/**
 * `rtm.start`'s data for a bot behind the bridge: rebuilt from the replacement methods as the proxy
 * does, with `connect` (the bridge's own `rtm.connect` answer) in place of Slack's `rtm.connect`,
 * which a modern app's token may not call. The one place the bridge builds this data.
 */
export function bridgeRtmStart(
  call: CallFn,
  connect: () => SlackObject,
  args: RtmStartCompatArguments,
  options: RtmStartCompatOptions,
  pacer: Pacer,
): Promise<RtmStartCompatResponse> {
  const withLocalConnect: CallFn = (method, callArgs) => (method === METHODS.rtmConnect ? Promise.resolve(connect()) : call(method, callArgs));
  return buildRtmStartResponse(withLocalConnect, args, options, pacer);
}
