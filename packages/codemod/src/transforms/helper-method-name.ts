import { isRtmStartOnlyArg, METHODS } from '@rtm-migrate/core';
import type { ASTPath } from 'jscodeshift';
import { CALL_TYPES, enclosingStatement, findSiteNode, todoAbove, type Transform } from './common.js';
import { removeProperties } from './drop-args.js';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   Nodes of jscodeshift's babel, tsx and flow parsers are read through the untyped `N`: the parsers disagree
   on shapes (Literal / StringLiteral, start / range). Typing them with ast-types' namedTypes is still to do. */
type N = any;

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
    const path = findSiteNode(ctx, site, CALL_TYPES) as ASTPath<N> | undefined;
    // No statement to put the TODO above: never rename without it (left to the TODO transform).
    if (!path || !enclosingStatement(path)) continue;
    const call = path.node;
    const [name, args] = call.arguments as N[];
    const literal =
      name && (name.type === 'StringLiteral' || name.type === 'Literal') && name.value === 'rtm.start'
        ? 'string'
        : name?.type === 'TemplateLiteral' && name.expressions.length === 0 && name.quasis[0]?.value.cooked === 'rtm.start'
          ? 'template'
          : undefined;
    if (!literal) continue; // left to the TODO transform
    const quote = ctx.source[name.start];
    ctx.edits.push({ start: name.start, end: name.end, text: `${quote}${METHODS.rtmConnect}${quote}` });
    if (args?.type === 'ObjectExpression') {
      const props = args.properties.filter((p: N) => {
        const key = p.computed ? undefined : (p.key?.name ?? p.key?.value);
        return (p.type === 'ObjectProperty' || p.type === 'Property') && typeof key === 'string' && isRtmStartOnlyArg(key);
      });
      if (props.length > 0) removeProperties(ctx, args, props);
    }
    todoAbove(ctx, path, site.message);
    ctx.handled.add(site);
    ctx.outcomes.push({ site, rewrite: 'connect-todo', changed: true, message: site.message });
  }
};
