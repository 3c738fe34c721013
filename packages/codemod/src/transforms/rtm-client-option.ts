import { findSiteNode, isObjectLiteral, type CallNode, type Transform } from './common.js';
import { removeProperties } from './drop-args.js';

/** `new RTMClient(token, { useRtmConnect: false })` → `new RTMClient(token)`: RTMClient then calls rtm.connect. */
export const rtmClientOptionTransform: Transform = (ctx) => {
  for (const site of ctx.sites) {
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
