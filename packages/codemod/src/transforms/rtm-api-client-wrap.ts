import { escapeExtras } from '../helper-module/escape-extras.js';
import { extrasOptions } from '../helper-module/extras.js';
import { HELPER_EXPORTS } from '../helper-module/source.js';
import type { PlanSite } from '../plan.js';
import { addImport, endOf, findSiteNode, isObjectLiteral, propertyKey, startOf, type CallNode, type TransformContext } from './common.js';
import { removeProperties } from './drop-args.js';

/**
 * `new RTMClient(token, { useRtmConnect: false, … })` → `withRtmStartData(new RTMClient(token, { … }))`:
 * the client starts with `rtm.connect`, and the helper module hands its `authenticated` handlers and
 * `start()` result the whole `rtm.start` data (with the extras the site reads, `{ include: [...] }`). The handlers are not touched. False when the
 * expression is not as planned (nothing is changed then).
 */
export function wrapRtmApiClient(ctx: TransformContext, site: PlanSite, module: string): boolean {
  const path = findSiteNode(ctx, site, ['NewExpression']);
  if (!path) return false;
  const expr = path.node as CallNode;
  const index = 1;
  const options = expr.arguments[index];
  if (!isObjectLiteral(options)) return false;
  const option = options.properties.find((p) => propertyKey(p) === 'useRtmConnect');
  if (!option) return false;
  removeProperties(ctx, options, [option], { call: expr, index });
  ctx.edits.push({ start: startOf(expr), end: startOf(expr), text: `${HELPER_EXPORTS.rtmApiClient}(` });
  // The extras its handlers read (`subteams`…), and those escaping data may carry, as optional.
  const extras = extrasOptions(site.startOnlyFields, escapeExtras(site));
  ctx.edits.push({ start: endOf(expr), end: endOf(expr), text: extras ? `, ${extras})` : ')' });
  addImport(ctx, module, HELPER_EXPORTS.rtmApiClient, false);
  return true;
}
