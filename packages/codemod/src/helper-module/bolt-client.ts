import { constructionOf, memberName, originOf, unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

/** The package whose `App` keeps a `@slack/web-api` `WebClient` in its `client` member. */
const BOLT_MODULE = '@slack/bolt';

/**
 * `app.client` with `app` made by `new App(…)` of `@slack/bolt` (a variable bound once, or a field of
 * `this` set to that `new`): every Bolt release builds that member with `@slack/web-api`'s `WebClient`
 * (which has `apiCall` and `paginate`), so a call through it is a Web API client's call.
 */
export function isBoltAppClient(parsed: ParsedFile, client: TSESTree.Node): boolean {
  const member = unwrap(client);
  if (member.type !== AST_NODE_TYPES.MemberExpression || memberName(parsed.resolver, member) !== 'client') return false;
  const app = constructionOf(parsed.resolver, member.object);
  const origin = app ? originOf(parsed.resolver, app.callee) : undefined;
  return origin !== undefined && !origin.instance && origin.module === BOLT_MODULE && origin.name === 'App';
}
