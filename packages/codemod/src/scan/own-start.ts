import { relative } from 'node:path';
import { descendants, propertyKeyName, requiredModule, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile, Project } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
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
  if (found.form !== 'method-call') return undefined;
  const own = ownStartOf(project, parsed, call.callee);
  return own && `\`${shortText(parsed, call.callee)}\` is the app's own function (${relative(root, own.file)}:${own.line}), not a Slack client's \`rtm.start\`: migrate the call of Slack inside it (a site of its own); rtm-migrate leaves this call as it is.`;
}

function shortText(parsed: ParsedFile, node: Node): string {
  return parsed.text.slice(node.range[0], node.range[1]);
}

/** The root name of `a.b.c`: `a`. */
function rootOf(node: Node): Node {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return current;
}

/** The relative module a name holds: `const api = require('./api')`, `import api from './api'`, `import * as api from './api'`. */
function relativeModuleOf(parsed: ParsedFile, node: Node): string | undefined {
  const direct = requiredModule(node);
  if (direct !== undefined) return direct.startsWith('.') ? direct : undefined;
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = variableOf(parsed.resolver, node)?.defs[0];
  const module =
    def?.type === TSESLint.Scope.DefinitionType.Variable && def.node.init
      ? requiredModule(def.node.init)
      : def?.type === TSESLint.Scope.DefinitionType.ImportBinding && def.node.type !== AST_NODE_TYPES.TSImportEqualsDeclaration
        ? def.node.parent.source?.value
        : undefined;
  return module?.startsWith('.') ? module : undefined;
}

/** `X.rtm.start = function …` or `rtm: { start: function … }` written in the module: where. */
function ownStartOf(project: Project, parsed: ParsedFile, callee: Node): { file: string; line: number } | undefined {
  const module = relativeModuleOf(parsed, rootOf(callee));
  const target = module !== undefined && parsed.resolver.file ? project.resolveModule(parsed.resolver.file, module) : undefined;
  const other = target ? project.file(target) : undefined;
  if (!other) return undefined;
  for (const node of descendants(other.resolver, other.program)) {
    const fn = node.type === AST_NODE_TYPES.AssignmentExpression && isRtmStartMember(node.left) ? node.right : node.type === AST_NODE_TYPES.Property && isRtmStartProperty(other, node) ? node.value : undefined;
    const value = fn && unwrap(fn);
    if (value && (value.type === AST_NODE_TYPES.FunctionExpression || value.type === AST_NODE_TYPES.ArrowFunctionExpression)) return { file: other.file, line: node.loc.start.line };
  }
  return undefined;
}

function memberKey(member: TSESTree.MemberExpression): string | undefined {
  return !member.computed && member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
}

/** `….rtm.start` */
function isRtmStartMember(node: Node): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression || memberKey(node) !== 'start') return false;
  const object = unwrap(node.object);
  return object.type === AST_NODE_TYPES.MemberExpression && memberKey(object) === 'rtm';
}

/** `start: …` in an object literal that is the value of `rtm: { … }`. */
function isRtmStartProperty(parsed: ParsedFile, property: TSESTree.Property): boolean {
  if (propertyKeyName(parsed.resolver, property) !== 'start') return false;
  const holder = property.parent.parent;
  return holder.type === AST_NODE_TYPES.Property && holder.value === property.parent && propertyKeyName(parsed.resolver, holder) === 'rtm';
}
