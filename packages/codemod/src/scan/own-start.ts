import { relative } from 'node:path';
import { ownRtmStartOf, readsOwnArguments, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile, Project } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { helperDeclaration, namesRtmStart } from '../helper-module/transport/helper-contract.js';
import type { PlanSite } from '../plan.js';
import type { FoundSite } from './found.js';

type Node = TSESTree.Node;

/**
 * Why rewriting the site in place (`rtm.connect` with the same arguments, or the inline calls) would
 * be a guess, where the analysis saw a call to `rtm.start` but not whose it is:
 * - the app's helper or `apiCall` is given the method name after another argument
 *   (`apiRequest(token, 'rtm.start', data, cb)`) and no declaration in view joins that argument into a URL;
 * - `x.rtm.start(…)` where `x` is one of the app's own modules that writes an `rtm.start` function of
 *   its own (`api.rtm.start = function (cb) { … }`): that function is the app's wrapper, not a Slack
 *   client's method, and has no `rtm.connect` beside it. Its own call of Slack is a site of its own.
 * Undefined when neither is so.
 */
export function inPlaceUnsure(root: string, project: Project, parsed: ParsedFile, found: FoundSite): string | undefined {
  const call = found.node;
  if (call.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const [first, ...rest] = call.arguments;
  if ((found.form === 'helper' || found.form === 'api-call') && rest.some((a) => namesRtmStart(parsed, a)) && !(first && namesRtmStart(parsed, first)) && methodAt(parsed, call) === undefined) {
    return 'the method name is not the first argument of the call, so rtm-migrate does not change it in place: change it by hand.';
  }
  return ownStartUnsure(root, project, parsed, found);
}

/**
 * Where the method name stands after other arguments (`apiRequest(token, 'rtm.start', data, cb)`), the index
 * it stands at, when the helper's declaration in the file only joins the parameter there into a string
 * (`` `https://slack.com/api/${method}` ``, `base + method`): a Web API method's name, which the rewrite
 * changes in its place (blind s132/05, slack-mock's example app). Undefined for a name first, or a helper not seen.
 */
export function methodAt(parsed: ParsedFile, call: TSESTree.CallExpression): number | undefined {
  const at = call.arguments.findIndex((a) => namesRtmStart(parsed, a));
  const helper = at > 0 ? helperDeclaration(parsed, call) : undefined;
  if (!helper || helper.params.slice(0, at + 1).some((p) => p.type === AST_NODE_TYPES.RestElement)) return undefined;
  // `arguments[1]` reads the same value under another name.
  if (readsOwnArguments(parsed.resolver, helper)) return undefined;
  const param = helper.params[at];
  const id = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  const uses = id?.type === AST_NODE_TYPES.Identifier ? variableOf(parsed.resolver, id)?.references.filter((r) => r.identifier !== id) : undefined;
  if (!uses || uses.length === 0) return undefined;
  return uses.every((r) => r.isReadOnly() && joinedIntoString(r.identifier)) ? at : undefined;
}

/** The plan's `methodAt` of a call given the method name after other arguments. */
export function methodAtOf(parsed: ParsedFile, call: TSESTree.CallExpression): Pick<PlanSite, 'methodAt'> {
  const at = methodAt(parsed, call);
  return at === undefined ? {} : { methodAt: at };
}

function joinedIntoString(use: Node): boolean {
  const parent = use.parent;
  if (parent?.type === AST_NODE_TYPES.TemplateLiteral) return true;
  // `base + method`: joined after something, as a URL's last part is.
  return parent?.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+' && (parent.right === use || isString(parent.left) || isString(parent.right));
}

function isString(node: Node): boolean {
  return (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') || node.type === AST_NODE_TYPES.TemplateLiteral;
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
