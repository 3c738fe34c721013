import { HELPER_EXPORTS } from '../helper-module/source.js';
import { addImport, commentLines, indentAt, styled, type Transform } from './common.js';

/**
 * A legacy SDK's own `rtm.start` facet → its `return this.makeAPICall('rtm.start', …)` gives way to a
 * body that resolves `rtmStartData()` through the same `makeAPICall`, with the release's contract
 * (see scan/sdk-facet.ts for the releases and the shape this takes).
 */
export const sdkFacetOverrideTransform: Transform = (ctx) => {
  const module = ctx.helperModule;
  if (!module) return;
  for (const site of ctx.sites) {
    const facet = site.facet;
    if (ctx.handled.has(site) || site.rewrite !== 'helper-module' || !facet) continue;
    const indent = indentAt(ctx.source, facet.start);
    const lines = [...commentLines(`rtm-migrate: ${site.message}`), ...facet.lines.map((l) => styled(ctx, l))];
    ctx.edits.push({ start: facet.start, end: facet.end, text: lines.join(ctx.eol + indent) });
    addImport(ctx, 'util', 'callbackify', false);
    addImport(ctx, module, HELPER_EXPORTS.data, false);
    ctx.handled.add(site);
    ctx.outcomes.push({ site, rewrite: 'helper-module', changed: true, message: site.message });
  }
};
