import { isStartOnlyField } from '@rtm-migrate/core';

import { followResponse } from './flow.js';
import type { Resolver } from './resolver.js';
import type { ClientSite, RtmSite } from './sites.js';

/**
 * A v3 client made with `useRtmConnect: true` (`connects`) already calls `rtm.connect`: it still needs
 * `rtm.start`'s data where its AUTHENTICATED handlers or its `dataStore` (this client's, or a store
 * looked up by its name, which may be its) are seen reading what only `rtm.start` returned. Data handed
 * on unseen does not count: it gets today what it got.
 */
export function connectsClientNeedsStartData(resolver: Resolver, sites: readonly RtmSite[], client: ClientSite): boolean {
  const { construction } = client;
  if (sites.some((s) => s.kind === 'data-store' && (s.construction === undefined || s.construction === construction))) return true;
  const same = sites.filter((s) => 'construction' in s && s.construction === construction);
  return same.some((s) => followResponse(resolver, s).reads.some((r) => isStartOnlyField(r.path)));
}
