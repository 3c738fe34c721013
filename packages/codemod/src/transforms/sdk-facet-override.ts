import { HELPER_EXPORTS } from '../helper-module/source.js';
import { addImport, commentLines, endedBefore, indentAt, styled, type Transform } from './common.js';

/**
 * An SDK's own `rtm.start` → the legacy facet's `return this.makeAPICall('rtm.start', …)` gives way to
 * a body that resolves `rtmStartData()` through the same `makeAPICall`, a later WebClient's bound
 * `apiCall` to a function that resolves it through the client, with the release's contract (see
 * scan/sdk-facet.ts and scan/sdk-bound-start.ts for the releases and the shapes these take).
 */
export const sdkFacetOverrideTransform: Transform = (ctx) => {
  const module = ctx.helperModule;
  if (!module) return;
  for (const site of ctx.sites) {
    const facet = site.facet;
    if (ctx.handled.has(site) || site.rewrite !== 'helper-module' || !facet) continue;
    const note = commentLines(`rtm-migrate: ${site.message}`);
    const code = endedBefore(ctx.source, facet.end, facet.lines.map((l) => styled(ctx, l)));
    if (facet.noteAt === undefined) {
      ctx.edits.push({ start: facet.start, end: facet.end, text: [...note, ...code].join(ctx.eol + indentAt(ctx.source, facet.start)) });
    } else {
      const indent = indentAt(ctx.source, facet.noteAt);
      ctx.edits.push({ start: facet.noteAt, end: facet.noteAt, text: note.map((l) => l + ctx.eol + indent).join('') });
      ctx.edits.push({ start: facet.start, end: facet.end, text: code.join(ctx.eol + indent) });
    }
    if (code.some((l) => l.includes('callbackify('))) addImport(ctx, 'util', 'callbackify', false);
    addImport(ctx, module, HELPER_EXPORTS.data, false);
    if (facet.ownPromise) addImport(ctx, module, HELPER_EXPORTS.dataAs, false);
    ctx.handled.add(site);
    ctx.outcomes.push({ site, rewrite: 'helper-module', changed: true, message: site.message });
  }
};
