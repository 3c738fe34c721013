import { isRtmStartOnlyArg } from '@rtm-migrate/core';
import { CALL_TYPES, findSiteNode, type Transform, type TransformContext } from './common.js';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   Nodes of jscodeshift's babel, tsx and flow parsers are read through the untyped `N`: the parsers disagree
   on shapes (Literal / StringLiteral, start / range). Typing them with ast-types' namedTypes is still to do. */
type N = any;

/** Removes `props` from an object literal, with their commas; an emptied `{ }` argument goes too. */
export function removeProperties(ctx: TransformContext, obj: N, props: readonly N[], emptyArg?: { call: N; index: number }): void {
  const all: N[] = obj.properties;
  if (props.length === all.length && emptyArg) {
    const { call, index } = emptyArg;
    const args: N[] = call.arguments;
    const start = index > 0 ? args[index - 1].end : obj.start;
    const end = index > 0 ? obj.end : (args[index + 1]?.start ?? obj.end);
    ctx.edits.push({ start, end, text: '' });
    return;
  }
  if (props.length === all.length) {
    ctx.edits.push({ start: obj.start, end: obj.end, text: '{}' });
    return;
  }
  // One cut per run of consecutive removed properties: up to the next kept one, or from the last kept one.
  for (let i = 0; i < all.length; i++) {
    if (!props.includes(all[i])) continue;
    let k = i;
    while (k + 1 < all.length && props.includes(all[k + 1])) k++;
    const next = all[k + 1];
    const prev = all[i - 1];
    if (next) ctx.edits.push({ start: all[i].start, end: next.start, text: '' });
    else if (prev) ctx.edits.push({ start: prev.end, end: all[k].end, text: '' });
    i = k;
  }
}

/** `rtm.connect({ no_unreads: true, presence_sub: true })` → `rtm.connect({ presence_sub: true })`. */
export const dropConnectArgsTransform: Transform = (ctx) => {
  for (const site of ctx.sites) {
    if (ctx.handled.has(site) || site.form !== 'connect-unsupported-args' || site.rewrite !== 'drop-option') continue;
    const path = findSiteNode(ctx, site, CALL_TYPES);
    if (!path) continue;
    const call = path.node as N;
    const index = call.arguments.findIndex((a: N) => a.type === 'ObjectExpression');
    const obj = call.arguments[index];
    if (!obj) continue;
    const props = obj.properties.filter((p: N) => {
      const key = p.key?.name ?? p.key?.value;
      return typeof key === 'string' && isRtmStartOnlyArg(key);
    });
    if (props.length === 0) continue;
    removeProperties(ctx, obj, props, { call, index });
    ctx.handled.add(site);
    ctx.outcomes.push({ site, rewrite: 'drop-option', changed: true, message: site.message });
  }
};
