import { HELPER_EXPORTS } from '@rtm-migrate/core';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, TSESLint } from '@typescript-eslint/utils';

import { descendants, propertyKeyName, requiredModule, unwrap, variableOf } from './ast.js';
import type { ParsedFile } from './project.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/** Reads the project's other modules (the codemod's and the lint's `Project`). */
export interface ModuleFiles {
  resolveModule(from: string, specifier: string): string | undefined;
  file(path: string): ParsedFile | undefined;
}

/**
 * Slack's `rtm.start` or `rtm.connect` named in code (the method given as text, or called on a client), or
 * the generated module's data call that a run put in place of such a request.
 */
const REQUESTS_BY_NAME = new RegExp(`['"\`]rtm\\.(?:start|connect)['"\`]|\\.rtm\\.(?:start|connect)\\s*\\(|\\b(?:${HELPER_EXPORTS.data}|${HELPER_EXPORTS.dataAs})\\b`);

/**
 * `x.rtm.start` where `x` is one of the app's own modules (`require('./api')`, an `import` from a
 * relative path) that writes an `rtm.start` function of its own (`api.rtm.start = function (cb) { … }`,
 * `rtm: { start: function … }`): that function is the app's wrapper, not a Slack client's method, and
 * there is no `rtm.connect` beside it. Where it is written, and whether it `requests` Slack's `rtm.start` or
 * `rtm.connect` by name itself (that request is a site of its own, or one a run migrated); undefined otherwise.
 */
export function ownRtmStartOf(files: ModuleFiles, resolver: Resolver, callee: Node): { file: string; line: number; requests: boolean } | undefined {
  const module = relativeModuleOf(resolver, rootOf(callee));
  const target = module !== undefined && resolver.file ? files.resolveModule(resolver.file, module) : undefined;
  const other = target ? files.file(target) : undefined;
  if (!other) return undefined;
  for (const node of descendants(other.resolver, other.program)) {
    const fn = node.type === AST_NODE_TYPES.AssignmentExpression && isRtmStartMember(node.left) ? node.right : node.type === AST_NODE_TYPES.Property && isRtmStartProperty(other, node) ? node.value : undefined;
    const value = fn && unwrap(fn);
    if (value && (value.type === AST_NODE_TYPES.FunctionExpression || value.type === AST_NODE_TYPES.ArrowFunctionExpression)) {
      return { file: other.file, line: node.loc.start.line, requests: REQUESTS_BY_NAME.test(other.text.slice(...value.range)) };
    }
  }
  return undefined;
}

/** The root name of `a.b.c`: `a`. */
function rootOf(node: Node): Node {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return current;
}

/** The relative module a name holds: `const api = require('./api')`, `import api from './api'`, `import * as api from './api'`. */
function relativeModuleOf(resolver: Resolver, node: Node): string | undefined {
  const direct = requiredModule(node);
  if (direct !== undefined) return direct.startsWith('.') ? direct : undefined;
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = variableOf(resolver, node)?.defs[0];
  const module =
    def?.type === TSESLint.Scope.DefinitionType.Variable && def.node.init
      ? requiredModule(def.node.init)
      : def?.type === TSESLint.Scope.DefinitionType.ImportBinding && def.node.type !== AST_NODE_TYPES.TSImportEqualsDeclaration
        ? def.node.parent.source?.value
        : undefined;
  return module?.startsWith('.') ? module : undefined;
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
