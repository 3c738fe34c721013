import { METHODS, SDK_BOUND_RTM_START } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { unwrap } from './ast.js';
import { followClientAnswer, followResponse, isSignificantEscape, type Flow } from './flow.js';
import { readsOwnArguments } from './functions.js';
import { originOf } from './origin.js';
import type { Resolver } from './resolver.js';
import type { MethodSite } from './sites.js';
import { unknownClientAnswer } from './unknown-client.js';

type Request = TSESTree.CallExpression | TSESTree.NewExpression;

/**
 * An `rtm.start` call whose answer nothing reads (no field, nothing handed where the analysis does not
 * follow it), so it may ask `auth.test` instead: that checks the same token at no Tier-1 cost, where a
 * second `rtm.connect` beside the app's own would be answered 429 (corpus s27 case 13). The lint's fix
 * and the codemod's `token-check` both ask this, so they never pick different methods for one call.
 *
 * Only calls that take nothing but the method's name (`auth.test` accepts none of rtm.start's
 * arguments, and a callback given reads the answer): `web.rtm.start()` on an SDK's own WebClient, which
 * has `auth` beside `rtm` (`this.rtm = web.rtm; this.rtm.start()` has no `this.auth`), or
 * `web.apiCall('rtm.start')` / the app's helper given the name alone. `flow`: the site's, when the
 * caller has followed it already.
 */
export function methodAnswerUnread(resolver: Resolver, site: MethodSite, flow: Flow = followResponse(resolver, site)): boolean {
  if (site.method !== METHODS.rtmStart || flow.reads.length > 0 || flow.escapes.some(isSignificantEscape)) return false;
  const call = site.call;
  if (site.form === 'member') {
    const callee = unwrap(call.callee);
    const facet = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : undefined;
    const client = facet?.type === AST_NODE_TYPES.MemberExpression ? originOf(resolver, facet.object) : undefined;
    return call.arguments.length === 0 && client?.instance === true && client.name === 'WebClient' && SDK_BOUND_RTM_START.some((sdk) => sdk.module === client.module);
  }
  // A module written one per method (`require('./rtm.start')(…)`) is called with its arguments, not a name.
  return site.form === 'name' && site.methodNode !== call.callee && call.arguments.length === 1;
}


/**
 * A request through a client the analysis does not know (AngularJS's `$http.get(url)`, Meteor's
 * `HTTP.get(url, fn)`) whose answer provably goes nowhere: every way back is seen (unknownClientAnswer),
 * nothing is read off or handed on from what comes back, and each function given takes no parameter
 * (nor `arguments`): a callback's `err`, or a wrapper's `status`, is the answer too, and a caller reading
 * `ok` / `error` needs the request it made. A request whose answer is not seen coming back at all
 * (`xhr.open(…)`, a bare `$http.get(url);`) is not taken: it may arrive some other way.
 */
export function clientAnswerUnread(resolver: Resolver, request: Request): boolean {
  const answer = unknownClientAnswer(resolver, request);
  if ('unclear' in answer || !answer.handlers.every(({ fn }) => fn.params.length === 0 && !readsOwnArguments(resolver, fn))) return false;
  const flow = followClientAnswer(resolver, answer);
  return flow.reads.length === 0 && flow.escapes.length === 0;
}
