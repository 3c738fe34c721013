import { relative } from 'node:path';
import { ownRtmStartOf } from '@rtm-migrate/analysis';
import type { ParsedFile, Project } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { namesRtmStart } from '../helper-module/transport/helper-contract.js';
import type { FoundSite } from './found.js';

type Node = TSESTree.Node;

/**
 * Why rewriting the site in place (`rtm.connect` with the same arguments, or the inline calls) would
 * be a guess, where the analysis saw a call to `rtm.start` but not whose it is:
 * - the app's helper or `apiCall` is given the method name after another argument
 *   (`apiRequest(token, 'rtm.start', data, cb)`): the rewrite changes the first argument;
 * - `x.rtm.start(…)` where `x` is one of the app's own modules that writes an `rtm.start` function of
 *   its own (`api.rtm.start = function (cb) { … }`): that function is the app's wrapper, not a Slack
 *   client's method, and has no `rtm.connect` beside it. Its own call of Slack is a site of its own.
 * Undefined when neither is so.
 */
export function inPlaceUnsure(root: string, project: Project, parsed: ParsedFile, found: FoundSite): string | undefined {
  const call = found.node;
  if (call.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const [first, ...rest] = call.arguments;
  if ((found.form === 'helper' || found.form === 'api-call') && rest.some((a) => namesRtmStart(parsed, a)) && !(first && namesRtmStart(parsed, first))) {
    return 'the method name is not the first argument of the call, so rtm-migrate does not change it in place: change it by hand.';
  }
  return ownStartUnsure(root, project, parsed, found);
}

/**
 * `x.rtm.start(…)` where `x` is one of the app's own modules with an `rtm.start` function of its own:
 * why rtm-migrate leaves the call (whatever else is unsure about it: what its callback gets is the
 * app's function's own doing, not Slack's answer). Undefined for any other call.
 */
export function ownStartUnsure(root: string, project: Project, parsed: ParsedFile, found: FoundSite): string | undefined {
  const call = found.node;
  if (call.type !== AST_NODE_TYPES.CallExpression || found.form !== 'method-call') return undefined;
  const own = ownRtmStartOf(project, parsed.resolver, call.callee);
  return own && `\`${shortText(parsed, call.callee)}\` is the app's own function (${relative(root, own.file)}:${own.line}), not a Slack client's \`rtm.start\`: migrate the call of Slack inside it (a site of its own); rtm-migrate leaves this call as it is.`;
}

/**
 * `x.rtm.start(…)` of the app's own `rtm.start` function that requests Slack's `rtm.start` or `rtm.connect` by
 * name itself: no site. That request is one (rewritten there, or left with its own TODO); a TODO here would
 * outlive its migration and keep `--check` failing (blind s79/14).
 */
export function ownStartInView(project: Project, parsed: ParsedFile, found: FoundSite): boolean {
  const call = found.node;
  return call.type === AST_NODE_TYPES.CallExpression && found.form === 'method-call' && ownRtmStartOf(project, parsed.resolver, call.callee)?.requests === true;
}

function shortText(parsed: ParsedFile, node: Node): string {
  return parsed.text.slice(node.range[0], node.range[1]);
}
