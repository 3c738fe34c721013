import { isRtmStartOnlyArg, METHODS } from '@rtm-migrate/core';
import {
  CALL_TYPES,
  endOf,
  enclosingStatement,
  findSiteNode,
  isObjectLiteral,
  propertyKey,
  startOf,
  todoAbove,
  type AnyNode,
  type CallNode,
  type Transform,
} from './common.js';

/** A string or template literal, as the babel, tsx and flow parsers give it. */
interface LiteralNode extends AnyNode {
  readonly value?: unknown;
  readonly expressions?: readonly AnyNode[];
  readonly quasis?: readonly { readonly value: { readonly cooked?: string | null } }[];
}
import { removeProperties } from './drop-args.js';

/**
 * The app's own helper given the method name (`api.post('rtm.start', { no_unreads: 1 }, cb)`,
 * `this._api('rtm.start')`): the name becomes `'rtm.connect'` in place and start-only arguments written
 * out in an object literal are dropped (the object stays, `{}` at worst: the helper's positional
 * arguments keep their places). The fields read still need their replacement calls, so a
 * `TODO(rtm-migrate)` comment above it names them (or says where the response escapes).
 */
export const helperMethodNameTransform: Transform = (ctx) => {
  for (const site of ctx.sites) {
    if (ctx.handled.has(site) || site.form !== 'helper' || site.rewrite !== 'connect-todo') continue;
    const path = findSiteNode(ctx, site, CALL_TYPES);
    // No statement to put the TODO above: never rename without it (left to the TODO transform).
    if (!path || !enclosingStatement(path)) continue;
    const [name, args] = (path.node as CallNode).arguments as [LiteralNode | undefined, AnyNode | undefined];
    const literal =
      name && (name.type === 'StringLiteral' || name.type === 'Literal') && name.value === 'rtm.start'
        ? 'string'
        : name?.type === 'TemplateLiteral' && name.expressions?.length === 0 && name.quasis?.[0]?.value.cooked === 'rtm.start'
          ? 'template'
          : undefined;
    if (!name || !literal) continue; // left to the TODO transform
    const quote = ctx.source[startOf(name)] ?? "'";
    ctx.edits.push({ start: startOf(name), end: endOf(name), text: `${quote}${METHODS.rtmConnect}${quote}` });
    if (isObjectLiteral(args)) {
      const props = args.properties.filter((p) => {
        const key = propertyKey(p);
        return (p.type === 'ObjectProperty' || p.type === 'Property') && key !== undefined && isRtmStartOnlyArg(key);
      });
      if (props.length > 0) removeProperties(ctx, args, props);
    }
    todoAbove(ctx, path, site.message);
    ctx.handled.add(site);
    ctx.outcomes.push({ site, rewrite: 'connect-todo', changed: true, message: site.message });
  }
};
