import { findSiteNode, isObjectLiteral, type CallNode, type Transform } from './common.js';
import { removeProperties } from './drop-args.js';
import { useRtmConnect } from './helper-module-call.js';

/**
 * `new RTMClient(token, { useRtmConnect: false })` → `new RTMClient(token)`: RTMClient then calls
 * rtm.connect. A v3 `RtmClient` that needs nothing of `rtm.start`'s data: `useRtmConnect: true` on its
 * `new`, its starts left as they are.
 */
export const rtmClientOptionTransform: Transform = (ctx) => {
  for (const site of ctx.sites) {
    if (!ctx.handled.has(site) && site.form === 'legacy-client' && site.rewrite === 'connect-only' && useRtmConnect(ctx, site)) {
      ctx.handled.add(site);
      ctx.outcomes.push({ site, rewrite: 'connect-only', changed: true, message: site.message });
      continue;
    }
    if (ctx.handled.has(site) || site.form !== 'rtm-client-option' || site.rewrite !== 'drop-option') continue;
    const path = findSiteNode(ctx, site, ['NewExpression']);
    if (!path) continue;
    const expr = path.node as CallNode;
    const index = 1;
    const obj = expr.arguments[index];
    if (!isObjectLiteral(obj)) continue;
    const prop = obj.properties.find((p) => (p.key?.name ?? p.key?.value) === 'useRtmConnect');
    if (!prop) continue;
    removeProperties(ctx, obj, [prop], { call: expr, index });
    ctx.handled.add(site);
    ctx.outcomes.push({ site, rewrite: 'drop-option', changed: true, message: site.message });
  }
};
