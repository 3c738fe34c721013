import { METHODS } from '@rtm-migrate/core';
import { rtmStartPathsIn } from '../text/rtm-start-path.js';
import { findSiteNode, startOf, text, type Transform } from './common.js';

const URL_TYPES = ['StringLiteral', 'TemplateLiteral', 'Literal'] as const;

/**
 * A raw HTTP request read for `rtm.connect`'s fields only (see scan/raw-url-connect.ts): `rtm.start`
 * in its URL string becomes `rtm.connect` (`auth.test` where nothing reads the answer), nothing else changes. A string that no longer spells the
 * method out once is left to the TODO transform.
 */
export const rawUrlConnectTransform: Transform = (ctx) => {
  for (const site of ctx.sites) {
    if (ctx.handled.has(site) || site.form !== 'raw-url' || (site.rewrite !== 'connect-only' && site.rewrite !== 'token-check')) continue;
    const path = findSiteNode(ctx, site, URL_TYPES);
    if (!path) continue;
    const [at, ...more] = rtmStartPathsIn(text(ctx, path.node));
    if (at === undefined || more.length > 0) continue;
    const start = startOf(path.node) + at;
    ctx.edits.push({ start, end: start + METHODS.rtmStart.length, text: site.rewrite === 'token-check' ? METHODS.authTest : METHODS.rtmConnect });
    ctx.handled.add(site);
    ctx.outcomes.push({ site, rewrite: site.rewrite, changed: true, message: site.message });
  }
};
