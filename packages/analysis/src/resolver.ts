import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';

import { relativeModuleText } from './modules.js';
import { withTypeInformation } from './types.js';

/** Child keys per node type, to walk any ESTree (espree's or typescript-estree's). */
export type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

/**
 * What the analysis asks of its host about one file: the scope a node is in (variables and their
 * references), the keys to walk the tree with and, when the file was parsed with a TypeScript
 * program, its type services. ESLint's `SourceCode` answers all three; so does a parse with
 * `@typescript-eslint/parser` (see `@rtm-migrate/analysis/project`).
 */
export interface Resolver {
  getScope(node: TSESTree.Node): TSESLint.Scope.Scope;
  readonly visitorKeys: VisitorKeys;
  readonly types: ParserServicesWithTypeInformation | undefined;
  /** The file's path, when the host knows it (reads and escapes in other files carry it). */
  readonly file?: string | undefined;
  /** Links to the other files of a project: the lint sees one file, the codemod a project. */
  readonly project?: ProjectLinks | undefined;
}

/** The source of a module the file requires by a relative path, when the file's path is known. */
export function moduleText(resolver: Resolver, specifier: string): string | undefined {
  return resolver.file ? relativeModuleText(resolver.file, specifier) : undefined;
}

/** A node together with the resolver of the file it is in. */
export interface Located<T extends TSESTree.Node> {
  readonly node: T;
  readonly resolver: Resolver;
}

/** Where a response goes across files: into an imported function, back to callers elsewhere. */
export interface ProjectLinks {
  /** The function that `callee` (an imported name, `ns.fn`, `require('./x').fn`) stands for in the file it comes from. */
  importedFunction(resolver: Resolver, callee: TSESTree.Node): Located<FunctionLike> | undefined;
  /** The calls of `fn` (exported from `resolver`'s file) in the project's other files. */
  callersElsewhere(resolver: Resolver, fn: FunctionLike): Located<TSESTree.CallExpression>[];
  /**
   * Every call of `fn` (exported from `resolver`'s file) in the project's other files, or undefined
   * where some may be unseen: its module is the package's entry point (code outside the project loads
   * it), or an importer also uses it (or its module) otherwise than by calling it.
   */
  everyCallElsewhere(resolver: Resolver, fn: FunctionLike): Located<TSESTree.CallExpression>[] | undefined;
  /**
   * The `new X(…)` that a value imported from another project file is (`const rtm = require('./rtm')`
   * where `rtm.js` has `module.exports = new RtmClient(…)`, or exports a variable made so once), or
   * the client every construction of a class hands the constructor that stores it in `this.<name>`.
   */
  importedConstruction(resolver: Resolver, node: TSESTree.Node): Located<TSESTree.NewExpression> | undefined;
  /**
   * The methods named `name` that the project's files importing `resolver`'s file define where they
   * may override one of its (see memberDefinitions), or merge into what they load from it (the calls of
   * mergedDefinitions: `Object.assign(require('./bot'), { _api })`), or undefined where some may be unseen: the file
   * is the package's entry point (code outside the project may extend what it exports; `projectOnly`: only the
   * project's importers are asked, for the wrappers, which such code can only make fail as it failed before), or
   * an importer cannot be parsed.
   */
  memberDefinitionsElsewhere(resolver: Resolver, name: string, projectOnly?: boolean): Located<TSESTree.Node>[] | undefined;
  /**
   * The programs of every project file whose text `mentions` matches, or undefined where one of them cannot be
   * parsed. Absent (the lint's view of one file): the file alone is known.
   */
  filesMentioning?(mentions: RegExp): Located<TSESTree.Program>[] | undefined;
  /**
   * The function a module's value stands for, besides what `importedFunction` sees: the module itself
   * (`require('./m')`, a name bound to it), that is its default export. Absent: what `importedFunction` sees alone.
   */
  moduleFunction?(resolver: Resolver, node: TSESTree.Node): Located<FunctionLike> | undefined;
  /**
   * The one value another project file exports that a value imported here is (`let bot = require('./bot')`
   * where `bot.js` has `module.exports = bot`), with that file's resolver; undefined where the module
   * exports it more than once or is not in the project. Absent (the lint's view of one file): not followed.
   */
  importedValue?(resolver: Resolver, node: TSESTree.Node): Located<TSESTree.Node> | undefined;
  /**
   * The one value the entry point of the package `resolver`'s file is in exports whole, where `module` is that
   * package's own name (`require('..')` in its example, which origins name after the package). Absent: not followed.
   */
  ownPackageValue?(resolver: Resolver, module: string): Located<TSESTree.Node> | undefined;
  /** The file a relative specifier names from `from`, answered once per folder and specifier. Absent: looked up on disk each time. */
  resolveModule?(from: string, specifier: string): string | undefined;
}

/** Functions a response can be handed to (same as `FunctionNode` in functions.ts, kept here to avoid an import cycle). */
export type FunctionLike = TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration;

/**
 * The resolver of a file ESLint is linting: its scope manager and, when present, its type services.
 * `file` (ESLint's `physicalFilename`) lets it read the modules the file requires by relative paths.
 */
export function resolverOfSourceCode(sourceCode: Readonly<TSESLint.SourceCode>, file?: string): Resolver {
  return {
    getScope: (node) => sourceCode.getScope(node),
    visitorKeys: sourceCode.visitorKeys,
    types: withTypeInformation(sourceCode.parserServices),
    file: file && file !== '<input>' && file !== '<text>' ? file : undefined,
  };
}
