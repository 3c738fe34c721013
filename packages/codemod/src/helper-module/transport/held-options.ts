import { propertyKeyName, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { calleeText, type Node } from './common.js';

/**
 * `var options = { host: 'slack.com', path: '/api/rtm.start', … }; https.request(options, …)`: the URL
 * is an entry of request options held in a variable and handed to a request call, not a table of
 * endpoints. Why that is not rebuilt, naming the call (the rebuilt requests are those whose options
 * are written out in the call).
 */
export function heldOptionsRequest(parsed: ParsedFile, url: Node): string | undefined {
  const property = url.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== url) return undefined;
  const object = property.parent;
  const declarator = object.parent;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== object || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(parsed.resolver, declarator.id);
  const given = variable?.references.flatMap((r) => {
    const call = r.identifier.parent;
    return call.type === AST_NODE_TYPES.CallExpression && call.arguments.some((a) => unwrap(a) === r.identifier) ? [call] : [];
  });
  const [request, ...more] = given ?? [];
  if (!request || more.length > 0) return undefined;
  const key = propertyKeyName(parsed.resolver, property) ?? '[…]';
  return `the URL is the \`${key}\` of request options held in \`${declarator.id.name}\` and given to \`${calleeText(parsed, request.callee)}(…)\` (line ${request.loc.start.line}): rtm-migrate rebuilds a request only from options written out in the call itself`;
}
