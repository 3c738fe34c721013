import { HELPER_EXPORTS } from '@rtm-migrate/core';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, TSESLint } from '@typescript-eslint/utils';

import { descendants, propertyKeyName, requiredModule, unwrap, variableOf } from './ast.js';
import type { ParsedFile } from './project.js';
import { clientKindOfConstructor, constructionOf, thisOwner } from './origin.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/** Reads the project's other modules (the codemod's and the lint's `Project`). */
export interface ModuleFiles {
  resolveModule(from: string, specifier: string): string | undefined;
  file(path: string): ParsedFile | undefined;
}

/**
 * Slack's `rtm.start` or `rtm.connect` named in code (the method given as text, or called on a client), or
 * the generated module's data call or RTM client start that a run put in place of such a request.
 */
const REQUESTS_BY_NAME = new RegExp(
  `['"\`]rtm\\.(?:start|connect)['"\`]|\\.rtm\\.(?:start|connect)\\s*\\(|\\b(?:${[HELPER_EXPORTS.data, HELPER_EXPORTS.dataAs, HELPER_EXPORTS.legacyStart, HELPER_EXPORTS.legacyPrepare, HELPER_EXPORTS.elsewhereStart, HELPER_EXPORTS.slackClientStart].join('|')})\\b`,
);

/**
 * `x.rtm.start` where `x` is one of the app's own modules (`require('./api')`, an `import` from a
 * relative path) that writes an `rtm.start` function of its own (`api.rtm.start = function (cb) { … }`,
 * `rtm: { start: function … }`): that function is the app's wrapper, not a Slack client's method, and
 * there is no `rtm.connect` beside it. Where it is written, and whether it `requests` Slack's `rtm.start` or
 * `rtm.connect` by name itself (that request is a site of its own, or one a run migrated); undefined otherwise.
 */
export function ownRtmStartOf(files: ModuleFiles, resolver: Resolver, callee: Node): { file: string; line: number; requests: boolean } | undefined {
  const root = rootOf(callee);
  const module = relativeModuleOf(resolver, root);
  const target = module !== undefined && resolver.file ? files.resolveModule(resolver.file, module) : undefined;
  const other = target ? files.file(target) : undefined;
  if (!other) return instanceRtmStart(files, resolver, root);
  for (const node of descendants(other.resolver, other.program)) {
    const fn = node.type === AST_NODE_TYPES.AssignmentExpression && isRtmStartMember(node.left) ? node.right : node.type === AST_NODE_TYPES.Property && isRtmStartProperty(other, node) ? node.value : undefined;
    const value = fn && unwrap(fn);
    if (value && (value.type === AST_NODE_TYPES.FunctionExpression || value.type === AST_NODE_TYPES.ArrowFunctionExpression)) {
      return { file: other.file, line: node.loc.start.line, requests: REQUESTS_BY_NAME.test(other.text.slice(...value.range)) };
    }
  }
  return undefined;
}

/**
 * `bot.rtm.start()` where `bot = new SlackAPI(token)`, a class of the app's own modules (re-exported through
 * `module.exports = require('./lib/SlackAPI')` at most twice) whose code sets `this.rtm = new RTM(…)`, a class of
 * its own with a `start()` method (blind s102/04, frozor-slack: `bot.rtm.connect()` was written, which that class
 * does not have). Its `start` is the app's method, not a Slack client's.
 */
function instanceRtmStart(files: ModuleFiles, resolver: Resolver, root: Node): { file: string; line: number; requests: boolean } | undefined {
  // `this.rtm.start()` in the class that sets `this.rtm = new RTMClientWrapper(token)` (blind s104/10, SlackStream).
  if (root.type === AST_NODE_TYPES.ThisExpression) {
    const owner = thisOwner(root);
    return owner?.type === AST_NODE_TYPES.ClassBody ? facetStart(files, resolver, owner) : undefined;
  }
  if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = variableOf(resolver, root)?.defs[0];
  const made = def?.type === TSESLint.Scope.DefinitionType.Variable && def.node.init ? unwrap(def.node.init) : undefined;
  if (made?.type !== AST_NODE_TYPES.NewExpression || !resolver.file) return undefined;
  const maker = classFile(files, resolver, made.callee);
  return maker && facetStart(files, maker.resolver, maker.program);
}

/** The `start()` of the app's own class whose instance `within` sets as `this.rtm = new X(…)`, the only value it gives it. */
function facetStart(files: ModuleFiles, resolver: Resolver, within: Node): { file: string; line: number; requests: boolean } | undefined {
  const facets = [...descendants(resolver, within)].flatMap((node) => (node.type === AST_NODE_TYPES.AssignmentExpression && isThisRtm(node.left) ? [unwrap(node.right)] : []));
  const [facet] = facets;
  const facetFile = facets.length === 1 && facet?.type === AST_NODE_TYPES.NewExpression ? classFile(files, resolver, facet.callee) : undefined;
  const start = facetFile && startMethod(facetFile);
  return facetFile && start ? { file: facetFile.file, line: start.loc.start.line, requests: REQUESTS_BY_NAME.test(facetFile.text.slice(...start.range)) || startsRtmClient(facetFile.resolver, start) } : undefined;
}

/** The method starts an RTM client its class keeps (`this.client.start()`, `this.client = new RtmClient(token)`): that start is a site of its own. */
function startsRtmClient(resolver: Resolver, method: TSESTree.MethodDefinition): boolean {
  return [...descendants(resolver, method)].some((node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || memberKey(callee) !== 'start') return false;
    const made = constructionOf(resolver, callee.object);
    return made !== undefined && clientKindOfConstructor(resolver, made.callee) !== undefined;
  });
}

/** The file of the app's own class a name holds: declared in the same file, or required from a relative module (followed through its re-exports). */
function classFile(files: ModuleFiles, resolver: Resolver, name: Node): ParsedFile | undefined {
  const bare = unwrap(name);
  const def = bare.type === AST_NODE_TYPES.Identifier ? variableOf(resolver, bare)?.defs[0] : undefined;
  if (def?.type === TSESLint.Scope.DefinitionType.ClassName) return files.file(resolver.file ?? '');
  let module = relativeModuleOf(resolver, bare);
  let from = resolver.file;
  for (let hops = 0; module !== undefined && from !== undefined && hops < 3; hops++) {
    const path = files.resolveModule(from, module);
    const file = path === undefined ? undefined : files.file(path);
    if (file === undefined) return undefined;
    const reexported = reexportedModule(file);
    if (reexported === undefined) return file;
    [module, from] = [reexported, file.file];
  }
  return undefined;
}

/** `module.exports = require('./lib/SlackAPI')`: a module that is another, under its own name. */
function reexportedModule(file: ParsedFile): string | undefined {
  for (const statement of file.program.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
    const { left, right } = statement.expression;
    const target = unwrap(left);
    if (target.type === AST_NODE_TYPES.MemberExpression && memberKey(target) === 'exports') {
      const module = requiredModule(right);
      if (module?.startsWith('.')) return module;
    }
  }
  return undefined;
}

/** `this.rtm` */
function isThisRtm(node: Node): boolean {
  const bare = unwrap(node);
  return bare.type === AST_NODE_TYPES.MemberExpression && memberKey(bare) === 'rtm' && unwrap(bare.object).type === AST_NODE_TYPES.ThisExpression;
}

/** The `start()` method of a class of the file (one with such a method: a module holds its class and helpers). */
function startMethod(file: ParsedFile): TSESTree.MethodDefinition | undefined {
  for (const node of descendants(file.resolver, file.program)) {
    if (node.type === AST_NODE_TYPES.MethodDefinition && node.kind === 'method' && !node.static && !node.computed && node.key.type === AST_NODE_TYPES.Identifier && node.key.name === 'start') return node;
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
