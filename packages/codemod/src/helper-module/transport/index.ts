import type { ParsedFile } from '@rtm-migrate/analysis/project';
import type { FoundSite } from '../../scan/found.js';
import type { TransportResult } from './common.js';
import { boundApiCall } from './bound.js';
import { fetchTransport } from './fetch.js';
import { helperTransport } from './helper.js';

export type { TransportResult } from './common.js';

/**
 * How the app's own transport is called, where the analysis can see it, so that the replacement calls
 * go through the same helper, with the same token passing and callback style (`rtmStartData(caller,
 * args)` with `caller` built from the app's code):
 * - the app's helper: `helper('rtm.start'[, { …args }][, (err, data) => …])`, method name first, the
 *   arguments second (see helper.ts for what its contract must show); a Node-style callback (two parameters or more, written out) as a statement of
 *   its own in JavaScript, or a promise used only through `await` / `.then` / `.catch` / `.finally`;
 * - `web.apiCall.bind(web, 'rtm.start')` on an SDK `WebClient`: `rtmStartData.bind(undefined, web)`;
 * - `fetch(base + 'rtm.start', { …init })` (or the URL written out, or a template ending in it) followed
 *   by `.then((res) => res.json())`, with its arguments in `body: new URLSearchParams({ … })` or none.
 */
export function transportOf(parsed: ParsedFile, site: FoundSite): TransportResult {
  if (site.form === 'helper') return boundApiCall(parsed, site) ?? helperTransport(parsed, site);
  if (site.form === 'raw-url') return fetchTransport(parsed, site.node);
  return { why: 'not a transport the app calls itself' };
}

