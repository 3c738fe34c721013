import { basename } from 'node:path';

import { HELPER_EXPORTS } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { descendants, soleValueOf, unwrap, variableOf } from './ast.js';
import { classConstructor } from './functions.js';
import { packageFiles } from './package-stores.js';
import { Project } from './project.js';
import type { Located, Resolver } from './resolver.js';
import { importedFromHelperModule, packageFolder } from './stores.js';

type Node = TSESTree.Node;

/**
 * The `super(…)` calls of the project's classes that extend the app's class `name` (blind s82/10's
 * `class SlackRtmClient extends BaseRtmClient`, `super(rtmClient)`), when those make every instance of
 * it: the project declares one class so named, nothing makes one with `new <name>(…)`, and each
 * subclass has a constructor of its own that calls `super` once, as one of its own statements. The
 * name is used otherwise only in imports, exports and types (any other use may hand the class to code
 * that makes one). Undefined where an instance may be made otherwise, or without the project's files
 * (the lint's view of one file).
 */
export function baseClassHandings(resolver: Resolver, name: string): Located<TSESTree.CallExpression>[] | undefined {
  const files = resolver.project?.filesMentioning?.(new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`));
  if (!files) return undefined;
  const handings: Located<TSESTree.CallExpression>[] = [];
  let declared = 0;
  const sources = new Set(files.flatMap(({ resolver: r }) => (r.file !== undefined && TYPESCRIPT.test(r.file) ? [stem(r.file)] : [])));
  for (const { node: program, resolver: there } of files) {
    if (compiledFrom(there, program, sources)) continue;
    for (const node of descendants(there, program)) {
      if (node.type !== AST_NODE_TYPES.Identifier || node.name !== name) continue;
      const parent = node.parent;
      if ((parent.type === AST_NODE_TYPES.ClassDeclaration || parent.type === AST_NODE_TYPES.ClassExpression) && parent.id === node) {
        declared += 1;
        continue;
      }
      if ((parent.type === AST_NODE_TYPES.ClassDeclaration || parent.type === AST_NODE_TYPES.ClassExpression) && parent.superClass === node) {
        const handing = soleSuperCall(there, parent);
        if (!handing) return undefined;
        handings.push({ node: handing, resolver: there });
        continue;
      }
      if (!namesOnly(node)) return undefined;
    }
  }
  return declared === 1 && handings.length > 0 ? handings : undefined;
}

/**
 * The lint's view of a start of the app's class `name` handed in: every instance of it holds a v3 client
 * a previous run made through withLegacyRtmStart() (baseClassHandings, over the package's files as they
 * are on disk, as the codemod groups them), so that start fills rtm.start's data and is no site.
 */
export function baseClassPrepared(cwd: string, resolver: Resolver, name: string): boolean {
  if (resolver.file === undefined || resolver.project === undefined) return false;
  const project = new Project(packageFiles(packageFolder(cwd, resolver.file)).files);
  const linked: Resolver = { ...resolver, project: { ...resolver.project, filesMentioning: (mentions) => project.filesMentioning(mentions) } };
  const handings = baseClassHandings(linked, name);
  return handings?.every(({ node, resolver: there }) => node.arguments.some((a) => preparedByHelper(there, a))) === true;
}

/**
 * The client a `super(…)` argument is when the generated module's withLegacyRtmStart() made it (a
 * previous run's rewrite: `super(withLegacyRtmStart(new RtmClient(t)))`, or a variable given that once).
 */
export function preparedByHelper(resolver: Resolver, argument: Node): boolean {
  let value = soleValueOf(argument);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const def = variableOf(resolver, value)?.defs;
    const declarator = def?.length === 1 && def[0]?.node.type === AST_NODE_TYPES.VariableDeclarator ? def[0].node : undefined;
    if (!declarator?.init || declarator.id.type !== AST_NODE_TYPES.Identifier || variableOf(resolver, value)?.references.some((r) => r.isWrite() && r.init !== true)) return false;
    value = soleValueOf(declarator.init);
  }
  const callee = value.type === AST_NODE_TYPES.CallExpression ? unwrap(value.callee) : undefined;
  return callee?.type === AST_NODE_TYPES.Identifier && callee.name === HELPER_EXPORTS.legacyPrepare && importedFromHelperModule(resolver, callee);
}

const TYPESCRIPT = /\.[cm]?tsx?$/;

function stem(file: string): string {
  return basename(file).replace(/\.[cm]?[jt]sx?$/, '');
}

/**
 * A JavaScript file that is the build of one of the TypeScript files (`dist/manager.js` of `src/manager.ts`:
 * the same name, and tsc's mark of an ES module compiled to CommonJS): the same classes again, not others.
 */
function compiledFrom(resolver: Resolver, program: TSESTree.Program, sources: ReadonlySet<string>): boolean {
  const file = resolver.file;
  if (file === undefined || TYPESCRIPT.test(file) || !sources.has(stem(file))) return false;
  // `Object.defineProperty(exports, "__esModule", { value: true });`
  return program.body.some((statement) => {
    const call = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : undefined;
    const marked = call?.type === AST_NODE_TYPES.CallExpression ? call.arguments[1] : undefined;
    return marked?.type === AST_NODE_TYPES.Literal && marked.value === '__esModule';
  });
}

/** The class's own constructor's one `super(…)` call, a statement of its body. */
function soleSuperCall(resolver: Resolver, cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): TSESTree.CallExpression | undefined {
  const ctor = classConstructor(cls);
  if (!ctor) return undefined;
  const calls = [...descendants(resolver, ctor.body)].filter((n): n is TSESTree.CallExpression => n.type === AST_NODE_TYPES.CallExpression && n.callee.type === AST_NODE_TYPES.Super);
  const [only] = calls;
  return calls.length === 1 && only?.parent.type === AST_NODE_TYPES.ExpressionStatement && only.parent.parent === ctor.body ? only : undefined;
}

/** The name of the class only passed along by name or used as a type: an import, an export, a type. */
function namesOnly(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  switch (parent.type) {
    case AST_NODE_TYPES.ImportSpecifier:
    case AST_NODE_TYPES.ImportDefaultSpecifier:
    case AST_NODE_TYPES.ExportSpecifier:
    case AST_NODE_TYPES.TSTypeReference:
    case AST_NODE_TYPES.TSQualifiedName:
    case AST_NODE_TYPES.TSTypeQuery:
    case AST_NODE_TYPES.TSClassImplements:
    case AST_NODE_TYPES.TSInterfaceHeritage:
      return true;
    default:
      // `new BaseRtmClient(…)`, handed on, read off a module (`sdk.BaseRtmClient`): some instance may be made unseen.
      return false;
  }
}
