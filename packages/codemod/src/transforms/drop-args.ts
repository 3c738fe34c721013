import { isRtmStartOnlyArg } from '@rtm-migrate/core';
import type { ASTPath } from 'jscodeshift';
import { CALL_TYPES, endOf, findSiteNode, isObjectLiteral, startOf, type AnyNode, type CallNode, type ObjectLiteralNode, type PropertyNode, type Transform, type TransformContext } from './common.js';

/** Removes `props` from an object literal, with their commas; an emptied `{ }` argument goes too. */
export function removeProperties(
  ctx: TransformContext,
  obj: ObjectLiteralNode,
  props: readonly PropertyNode[],
  emptyArg?: { call: CallNode; index: number },
): void {
  const all = obj.properties;
  if (props.length === all.length && emptyArg) {
    const { call, index } = emptyArg;
    const before = index > 0 ? call.arguments[index - 1] : undefined;
    const after: AnyNode | undefined = call.arguments[index + 1];
    const start = before ? endOf(before) : startOf(obj);
    const end = before || !after ? endOf(obj) : startOf(after);
    ctx.edits.push({ start, end, text: '' });
    return;
  }
  if (props.length === all.length) {
    ctx.edits.push({ start: startOf(obj), end: endOf(obj), text: '{}' });
    return;
  }
  const removed = (p: PropertyNode | undefined): p is PropertyNode => p !== undefined && props.includes(p);
  // One cut per run of consecutive removed properties: up to the next kept one, or from the last kept one.
  for (let i = 0; i < all.length; i++) {
    const first = all[i];
    if (!removed(first)) continue;
    let k = i;
    while (removed(all[k + 1])) k++;
    const last = all[k] ?? first;
    const next = all[k + 1];
    const prev = all[i - 1];
    if (next) ctx.edits.push({ start: startOf(first), end: startOf(next), text: '' });
    else if (prev) ctx.edits.push({ start: endOf(prev), end: endOf(last), text: '' });
    i = k;
  }
}

/** `rtm.connect({ no_unreads: true, presence_sub: true })` → `rtm.connect({ presence_sub: true })`. */
export const dropConnectArgsTransform: Transform = (ctx) => {
  const edited = new Set<ObjectLiteralNode>();
  for (const site of ctx.sites) {
    if (ctx.handled.has(site) || site.form !== 'connect-unsupported-args' || site.rewrite !== 'drop-option') continue;
    const path = findSiteNode(ctx, site, CALL_TYPES);
    if (!path) continue;
    const call = path.node as CallNode;
    const index = call.arguments.findIndex((a) => isObjectLiteral(a));
    // Or the constant the options are in (the plan saw that only `rtm.connect` is given it).
    const obj = index >= 0 ? call.arguments[index] : constObject(ctx, call.arguments);
    if (!isObjectLiteral(obj)) continue;
    const props = obj.properties.filter((p) => {
      const key = p.key?.name ?? p.key?.value;
      return typeof key === 'string' && isRtmStartOnlyArg(key);
    });
    if (props.length === 0) continue;
    // A constant two calls share is edited once.
    if (index >= 0) removeProperties(ctx, obj, props, { call, index });
    else if (!edited.has(obj)) removeProperties(ctx, obj, props);
    edited.add(obj);
    ctx.handled.add(site);
    ctx.outcomes.push({ site, rewrite: 'drop-option', changed: true, message: site.message });
  }
};

/** The object literal of the one `const` named by an argument (`rtm.connect(START_OPTIONS)`). */
function constObject(ctx: TransformContext, args: readonly AnyNode[]): ObjectLiteralNode | undefined {
  const names = args.flatMap((a) => (a.type === 'Identifier' ? [(a as AnyNode & { name?: string }).name ?? ''] : []));
  let found: ObjectLiteralNode | undefined;
  let count = 0;
  ctx.root.find(ctx.j.VariableDeclarator).forEach((p: ASTPath) => {
    const declarator = p.node as AnyNode & { id: AnyNode & { name?: string }; init?: AnyNode | null };
    if (declarator.id.type !== 'Identifier' || !names.includes(declarator.id.name ?? '')) return;
    count++;
    if (declarator.init && isObjectLiteral(declarator.init)) found = declarator.init;
  });
  return count === 1 ? found : undefined;
}
