import { findSiteNode, type Transform } from './common.js';
import { removeProperties } from './drop-args.js';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call --
   Nodes of jscodeshift's babel, tsx and flow parsers are read through the untyped `N`: the parsers disagree
   on shapes (Literal / StringLiteral, start / range). Typing them with ast-types' namedTypes is still to do. */
type N = any;

/** `new RTMClient(token, { useRtmConnect: false })` → `new RTMClient(token)`: RTMClient then calls rtm.connect. */
export const rtmClientOptionTransform: Transform = (ctx) => {
  for (const site of ctx.sites) {
    if (ctx.handled.has(site) || site.form !== 'rtm-client-option' || site.rewrite !== 'drop-option') continue;
    const path = findSiteNode(ctx, site, ['NewExpression']);
    if (!path) continue;
    const expr = path.node as N;
    const index = 1;
    const obj = expr.arguments[index];
    if (obj?.type !== 'ObjectExpression') continue;
    const prop = obj.properties.find((p: N) => (p.key?.name ?? p.key?.value) === 'useRtmConnect');
    if (!prop) continue;
    removeProperties(ctx, obj, [prop], { call: expr, index });
    ctx.handled.add(site);
    ctx.outcomes.push({ site, rewrite: 'drop-option', changed: true, message: site.message });
  }
};
