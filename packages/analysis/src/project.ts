import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';

import { HELPER_MARK, requiredAsWord } from '@rtm-migrate/core';
import type * as TsParser from '@typescript-eslint/parser';
import type * as Ts from 'typescript';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { barrelPath } from './barrel.js';
import { descendants, destructuredKey, memberName, propertyKeyName, requiredModule, singleValueOf, unwrap, variableOf } from './ast.js';
import { classConstructor, classOf, functionOf, iifeReturnedName, moduleStatements } from './functions.js';
import { babelScriptFile, isOwnPackage, isPackageEntry, nearestManifest, resolveRelativeModule } from './modules.js';
import { factoryCall, returnedConstruction } from './factory-client.js';
import { handedConstruction } from './handed-client.js';
import { injectedConstruction, type ClassProject } from './injected-client.js';
import { constructionOf, originOf } from './origin.js';
import { givenDefinitions } from './instance-override.js';
import type { FunctionLike, Located, ProjectLinks, Resolver, VisitorKeys } from './resolver.js';

type Node = TSESTree.Node;

/** One file of a project, parsed with typescript-estree and its scope manager. */
export interface ParsedFile {
  readonly file: string;
  /** The text parsed (without a BOM): ranges are offsets into it. */
  readonly text: string;
  readonly program: TSESTree.Program;
  readonly resolver: Resolver;
}

/** True when a file is parsed as an ES module (otherwise as CommonJS, like ESLint's `commonjs` source type). */
function isModuleFile(file: string, text: string): boolean {
  const ext = extname(file).toLowerCase();
  if (ext === '.cjs' || ext === '.cts') return false;
  if (ext === '.js' || ext === '.jsx' || babelScriptFile(file)) return /^\s*(import|export)\b/m.test(text);
  return true;
}

/**
 * Parses one file the way the lint sees it (typescript-estree, `@typescript-eslint/parser`'s scope
 * manager) and gives the analysis its resolver. Throws the parser's error on a syntax error.
 */
export function parseFile(file: string, source: string, project?: ProjectLinks): ParsedFile {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const module = isModuleFile(file, text);
  const ext = extname(file).toLowerCase();
  // Loaded on first use: the lint reaches here only for other files of a package, and a JavaScript-only
  // lint run should not pay for TypeScript's start-up.
  const { parseForESLint } = createRequire(import.meta.url)('@typescript-eslint/parser') as typeof TsParser;
  const parse = (code: string) =>
    parseForESLint(code, {
      filePath: file,
      range: true,
      loc: true,
      comment: false,
      tokens: false,
      ecmaVersion: 'latest',
      sourceType: module ? 'module' : 'script',
      ecmaFeatures: { jsx: ext === '.tsx' || ext === '.jsx' || ext === '.js' || babelScriptFile(file), globalReturn: !module },
    });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(text);
  } catch (err) {
    const plain = (module ? undefined : withStrictLiterals(file, text)) ?? withoutFlowTypes(file, text);
    if (plain === undefined) throw err;
    parsed = parse(plain);
  }
  const { ast, scopeManager, visitorKeys } = parsed;
  setParents(ast, visitorKeys);
  const globalScope = scopeManager.scopes[0];
  if (!globalScope) throw new Error(`${file}: the scope manager made no global scope`);
  const getScope = (current: Node): TSESLint.Scope.Scope => {
    // As ESLint's SourceCode#getScope: the innermost scope a node opens or sits in.
    const inner = current.type !== AST_NODE_TYPES.Program;
    for (let node: Node | undefined = current; node; node = node.parent) {
      const scope = scopeManager.acquire(node, inner);
      if (scope) return scope.type === TSESLint.Scope.ScopeType.functionExpressionName ? (scope.childScopes[0] ?? scope) : scope;
    }
    return globalScope;
  };
  return { file, text, program: ast, resolver: { getScope, visitorKeys, types: undefined, file, project } };
}

/** flow-remove-types' one function: the text with every Flow annotation blanked. */
type RemoveFlowTypes = (source: string, options: { readonly all: boolean }) => { toString(): string };

/**
 * A JavaScript file with Flow annotations (`(token: any)`, `?Object`, `import type`), which TypeScript's
 * parser refuses: the text with them blanked by flow-remove-types, which keeps every offset the file's
 * (blind s125/01: koack's `src/`, whose Babel builds alone were migrated and the next build undid it).
 * Undefined for another language, or where Flow's parser refuses the text too.
 */
function withoutFlowTypes(file: string, text: string): string | undefined {
  if (!/\.(?:[cm]?jsx?|es6?)$/i.test(file)) return undefined;
  let out: string;
  try {
    out = (createRequire(import.meta.url)('flow-remove-types') as RemoveFlowTypes)(text, { all: true }).toString();
  } catch {
    return undefined;
  }
  return out !== text && out.length === text.length ? out : undefined;
}

/** TypeScript's codes for a legacy octal (`0755`) and a decimal with a leading zero (`08`). */
const LEGACY_NUMBERS = new Set([1121, 1489]);
/** TypeScript's codes for an octal escape in a string (`"\033"`) and for `"\8"` / `"\9"`. */
const LEGACY_ESCAPES = new Set([1487, 1488]);

/**
 * A script may write `0755`, `08` or `"\033[32m"` (sloppy mode, as Node runs a CommonJS file), which
 * TypeScript's parser refuses. The text with each number as its value in decimal, padded with spaces,
 * and each such escape as the same character in hex (`\x1b`) where that is as long, else as as many
 * `x` (no analysis reads a value through it), so every offset stays the file's; undefined when the script
 * has none (or a number does not fit).
 */
function withStrictLiterals(file: string, text: string): string | undefined {
  const ts = createRequire(import.meta.url)('typescript') as typeof Ts;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  // Not in TypeScript's public typings: the syntax errors of the parse, each with its span.
  const { parseDiagnostics } = source as unknown as { parseDiagnostics: readonly Ts.DiagnosticWithLocation[] };
  const legacy = parseDiagnostics.filter((d) => LEGACY_NUMBERS.has(d.code) || LEGACY_ESCAPES.has(d.code));
  if (legacy.length === 0) return undefined;
  let out = text;
  for (const { code, start, length } of legacy) {
    const raw = text.slice(start, start + length);
    const value = LEGACY_ESCAPES.has(code) ? strictEscape(raw) : String(code === 1121 ? parseInt(raw, 8) : Number(raw));
    if (value === 'NaN' || value.length > raw.length) return undefined;
    out = out.slice(0, start) + value.padStart(raw.length) + out.slice(start + length);
  }
  return out;
}

/** `\033` as `\x1b`; an escape shorter than that (`\1`, `\12`, `\8`) as as many `x`. */
function strictEscape(raw: string): string {
  const octal = /^\\([0-7]{3})$/.exec(raw)?.[1];
  const code = octal === undefined ? undefined : parseInt(octal, 8);
  return code !== undefined && code < 256 ? `\\x${code.toString(16).padStart(2, '0')}` : 'x'.repeat(raw.length);
}

/** ESLint sets `parent` on every node as it traverses; a parse for the analysis alone does it here. */
function setParents(program: TSESTree.Program, keys: VisitorKeys): void {
  const stack: Node[] = [program];
  for (let node = stack.pop(); node; node = stack.pop()) {
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const c of Array.isArray(child) ? child : [child]) {
        if (typeof c === 'object' && c !== null && typeof (c as { type?: unknown }).type === 'string') {
          (c as { parent: Node }).parent = node;
          stack.push(c as Node);
        }
      }
    }
  }
}

/**
 * A project-wide view for `rtm-migrate scan`: files parsed on demand (and cached), relative
 * `import`s and `require`s resolved between them, functions followed into other files and returned
 * values followed to the callers that import them.
 */
export class Project implements ProjectLinks, ClassProject {
  private readonly parsed = new Map<string, ParsedFile | null>();
  /** Why a file could not be read or parsed (the reader's or parser's error). */
  private readonly errors = new Map<string, unknown>();
  /** The text of files read only to see whether they may import a module (never parsed unless they do). */
  private readonly texts = new Map<string, string>();
  private readonly resolved = new Map<string, string | undefined>();

  /**
   * `files`: every file of the project (where callers are looked for). `admits`: a test on a file's
   * text before it is parsed (a file it refuses is taken as unparsable: nothing is followed into it).
   */
  constructor(
    private readonly files: readonly string[],
    private readonly admits?: (text: string) => boolean,
  ) {}

  /** Every file of the project, where the constructions of a class are looked for. */
  get fileList(): readonly string[] {
    return this.files;
  }

  /** The parsed file, or undefined when it cannot be read or parsed. */
  file(path: string): ParsedFile | undefined {
    const key = resolve(path);
    let entry = this.parsed.get(key);
    if (entry === undefined) {
      try {
        const text = readFileSync(key, 'utf8');
        entry = !this.admits || this.admits(text) ? parseFile(key, text, this) : null;
      } catch (err) {
        entry = null;
        this.errors.set(key, err);
      }
      this.parsed.set(key, entry);
    }
    return entry ?? undefined;
  }

  /** The error that made `file(path)` undefined, if reading or parsing it threw. */
  failure(path: string): unknown {
    return this.errors.get(resolve(path));
  }

  /**
   * A cheap test before a file is parsed to look for callers: its text names the module (`./workspace`
   * for `workspace.js`, the folder for an `index.js`). A file already parsed is always looked at.
   */
  mayImport(path: string, module: string): boolean {
    if (this.parsed.has(resolve(path))) return true;
    return this.text(path).includes(requiredAsWord(module));
  }

  /** The file's text, read once however often it is looked at ('' for a file gone since it was listed). */
  text(path: string): string {
    const key = resolve(path);
    const parsed = this.parsed.get(key);
    if (parsed) return parsed.text;
    let text = this.texts.get(key);
    if (text === undefined) {
      try {
        text = readFileSync(key, 'utf8');
      } catch {
        text = '';
      }
      this.texts.set(key, text);
    }
    return text;
  }

  filesMentioning(mentions: RegExp): Located<TSESTree.Program>[] | undefined {
    const found: Located<TSESTree.Program>[] = [];
    for (const path of this.files) {
      const text = this.text(path);
      // The module an earlier run generated takes any client it is handed: none of the app's code.
      if (!mentions.test(text) || text.startsWith(HELPER_MARK)) continue;
      const parsed = this.file(path);
      if (!parsed) return undefined;
      found.push({ node: parsed.program, resolver: parsed.resolver });
    }
    return found;
  }

  /**
   * The project file a relative specifier names, looked up once per folder and specifier: following a
   * value across modules asks again for every call it checks (a Botkit project's skills, hundreds of times),
   * and each answer is up to 19 `stat`s. The project is a snapshot anyway (texts and parses are kept too).
   */
  resolveModule(from: string, specifier: string): string | undefined {
    const key = `${dirname(from)}\0${specifier}`;
    if (!this.resolved.has(key)) this.resolved.set(key, resolveRelativeModule(from, specifier));
    return this.resolved.get(key);
  }

  importedFunction(resolver: Resolver, callee: Node): Located<FunctionLike> | undefined {
    const imported = importedName(resolver, unwrap(callee));
    const target = imported && resolver.file ? this.resolveModule(resolver.file, imported.module) : undefined;
    const parsed = target ? this.file(target) : undefined;
    if (!imported || !parsed) return this.barrelFunction(resolver, unwrap(callee));
    const node = exportedFunctions(parsed).get(imported.name);
    return node ? { node, resolver: parsed.resolver } : undefined;
  }

  /**
   * `slack.rtm.start` with `slack` a project module bound once, whose export `rtm` (exported once) is
   * another project module taken whole (`module.exports = { rtm: require('./rtm') }`, or a name bound
   * once to `require('./rtm')` / `import * as rtm`): that module's export `start`.
   */
  private barrelFunction(resolver: Resolver, callee: Node): Located<FunctionLike> | undefined {
    const path = barrelPath(resolver, callee);
    const outer = path?.outer;
    const barrelModule = outer === undefined ? undefined : requiredModule(outer) ?? (outer.type === AST_NODE_TYPES.Identifier && singleBinding(resolver, outer) ? namespaceModule(resolver, outer) : undefined);
    const barrelFile = barrelModule !== undefined && resolver.file ? this.resolveModule(resolver.file, barrelModule) : undefined;
    const barrel = barrelFile ? this.file(barrelFile) : undefined;
    const values = path && barrel ? exportedValues(barrel).get(path.key) : undefined;
    const value = values?.length === 1 && values[0] ? unwrap(values[0]) : undefined;
    if (!path || !barrel || !value) return undefined;
    const held = requiredModule(value) ?? (value.type === AST_NODE_TYPES.Identifier && singleBinding(barrel.resolver, value) ? namespaceModule(barrel.resolver, value) : undefined);
    const target = held !== undefined ? this.resolveModule(barrel.file, held) : undefined;
    const parsed = target ? this.file(target) : undefined;
    const node = parsed ? exportedFunctions(parsed).get(path.name) : undefined;
    return node && parsed ? { node, resolver: parsed.resolver } : undefined;
  }

  /**
   * The function a module's value stands for, besides what `importedFunction` sees: the module itself
   * (`require('./m')`, Babel's `_interopRequireDefault(require('./m')).default`), that is its default export.
   */
  moduleFunction(resolver: Resolver, node: Node): Located<FunctionLike> | undefined {
    const named = this.importedFunction(resolver, node);
    if (named) return named;
    const origin = originOf(resolver, node);
    if (!origin || origin.instance || (origin.name !== '*' && origin.name !== 'default')) return undefined;
    const target = resolver.file ? this.resolveModule(resolver.file, origin.module) : undefined;
    const parsed = target ? this.file(target) : undefined;
    const fn = parsed ? exportedFunctions(parsed).get('default') : undefined;
    return fn && parsed ? { node: fn, resolver: parsed.resolver } : undefined;
  }

  importedValue(resolver: Resolver, node: Node): Located<Node> | undefined {
    const bare = unwrap(node);
    // `var slack; slack = require('./client');` (CoffeeScript declares every name first): its one value.
    const assigned = bare.type === AST_NODE_TYPES.Identifier && !singleBinding(resolver, bare) ? assignedRequire(resolver, bare) : undefined;
    if (assigned) return this.importedValue(resolver, assigned);
    const whole = requiredModule(bare);
    const bound = bare.type === AST_NODE_TYPES.Identifier ? singleBinding(resolver, bare) : bare.type === AST_NODE_TYPES.MemberExpression;
    const imported = whole !== undefined ? { module: whole, name: 'default' } : bound ? importedName(resolver, bare) : undefined;
    // `var rtm = helper.rtm` with `helper = require('./bothelp')` (blind s112/03): the member's value. Only
    // values are followed so: a function reached so is the lint's concern too, which follows no call across files.
    const member = imported === undefined && bound && bare.type === AST_NODE_TYPES.Identifier ? memberInit(resolver, bare) : undefined;
    if (member) return this.importedValue(resolver, member);
    const target = imported && resolver.file ? this.resolveModule(resolver.file, imported.module) : undefined;
    const parsed = target ? this.file(target) : undefined;
    const values = imported && parsed ? exportedValues(parsed).get(imported.name) : undefined;
    // Exported once: a module that assigns its export twice may hand out another client.
    const value = values?.length === 1 ? values[0] : undefined;
    return value && parsed ? { node: value, resolver: parsed.resolver } : undefined;
  }

  ownPackageValue(resolver: Resolver, module: string): Located<Node> | undefined {
    const found = resolver.file !== undefined && isOwnPackage(resolver.file, module) ? nearestManifest(dirname(resolver.file)) : undefined;
    const main = found ? this.resolveModule(join(found.dir, 'package.json'), `./${found.manifest.main ?? 'index.js'}`) : undefined;
    const parsed = main ? this.file(main) : undefined;
    const values = parsed ? exportedValues(parsed).get('default') : undefined;
    const value = values?.length === 1 ? values[0] : undefined;
    return value && parsed ? { node: value, resolver: parsed.resolver } : undefined;
  }

  importedConstruction(resolver: Resolver, node: Node): Located<TSESTree.NewExpression> | undefined {
    const exported = this.importedValue(resolver, node);
    const made = exported ? constructionOf(exported.resolver, exported.node) : undefined;
    const bare = unwrap(node);
    return made && exported ? { node: made, resolver: exported.resolver } : (this.factoryConstruction(resolver, bare) ?? injectedConstruction(this, resolver, bare) ?? handedConstruction(this, resolver, bare));
  }

  /**
   * The `new X(…)` a function of another project module returns, called here (`const rtm =
   * slackClient.init(token)` where `init` returns the module's `rtm`, only ever assigned `new RtmClient(…)`).
   */
  private factoryConstruction(resolver: Resolver, node: Node): Located<TSESTree.NewExpression> | undefined {
    const call = factoryCall(resolver, node);
    const fn = call ? this.moduleFunction(resolver, unwrap(call.callee)) : undefined;
    const made = fn ? returnedConstruction(fn.resolver, fn.node) : undefined;
    return made && fn ? { node: made, resolver: fn.resolver } : undefined;
  }

  callersElsewhere(resolver: Resolver, fn: FunctionLike): Located<TSESTree.CallExpression>[] {
    const home = resolver.file ? this.file(resolver.file) : undefined;
    if (!home) return [];
    const names = [...exportedFunctions(home)].filter(([, f]) => f === fn).map(([name]) => name);
    if (names.length === 0) return [];
    return this.importerCalls(home, names).calls;
  }

  everyCallElsewhere(resolver: Resolver, fn: FunctionLike): Located<TSESTree.CallExpression>[] | undefined {
    const home = resolver.file ? this.file(resolver.file) : undefined;
    // The package's entry point is there for code outside the project (it is what `require('<package>')` loads).
    if (!home || isPackageEntry(home.file)) return undefined;
    const names = [...exportedFunctions(home)].filter(([, f]) => f === fn).map(([name]) => name);
    const found = names.length > 0 ? this.importerCalls(home, names) : undefined;
    return found && !found.unseen ? found.calls : undefined;
  }

  memberDefinitionsElsewhere(resolver: Resolver, name: string, projectOnly = false): Located<Node>[] | undefined {
    const home = resolver.file ? this.file(resolver.file) : undefined;
    if (!home || (!projectOnly && isPackageEntry(home.file))) return undefined;
    const importers = this.importersOf(home);
    if (importers.unseen) return undefined;
    // An importer may merge the method into what it loads (`Object.assign(require('./bot'), { _api })`), not only assign it.
    return importers.files.flatMap((other) => givenDefinitions(other.resolver, other.program, name).map((node) => ({ node, resolver: other.resolver })));
  }

  /**
   * The calls of `home`'s exports `names` in the project's other files; `unseen` where the module or one
   * of those functions is also used otherwise there (handed on, re-exported, `require`d into no plain
   * name), or a file that may import it cannot be parsed.
   */
  private importerCalls(home: ParsedFile, names: readonly string[]): { calls: Located<TSESTree.CallExpression>[]; unseen: boolean } {
    const calls: Located<TSESTree.CallExpression>[] = [];
    const importers = this.importersOf(home);
    let unseen = importers.unseen;
    for (const other of importers.files) {
      const found = callsOfImports(other, (specifier) => this.resolveModule(other.file, specifier) === home.file, names);
      unseen ||= found.unseen;
      for (const call of found.calls) calls.push({ node: call, resolver: other.resolver });
    }
    return { calls, unseen };
  }

  /** The project's other files that may import `home` (see mayImport), parsed; `unseen` where one of them cannot be. */
  private importersOf(home: ParsedFile): { files: ParsedFile[]; unseen: boolean } {
    const files: ParsedFile[] = [];
    let unseen = false;
    for (const path of this.files) {
      if (resolve(path) === home.file || !this.mayImport(path, home.file)) continue;
      const other = this.file(path);
      if (other) files.push(other);
      else unseen = true;
    }
    return { files, unseen };
  }
}


/** `import { f } from './m'`, `const { f } = require('./m')`, `m.f` with `m` a namespace or a required module. */
function importedName(resolver: Resolver, callee: Node): { module: string; name: string } | undefined {
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(resolver, callee);
    const object = unwrap(callee.object);
    const module = requiredModule(object) ?? (object.type === AST_NODE_TYPES.Identifier ? namespaceModule(resolver, object) : undefined);
    return module !== undefined && name !== undefined ? { module, name } : undefined;
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = variableOf(resolver, callee)?.defs[0];
  if (!def) return undefined;
  if (def.type === TSESLint.Scope.DefinitionType.ImportBinding) {
    const node = def.node;
    if (node.type === AST_NODE_TYPES.ImportSpecifier) {
      const name = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value;
      const source = node.parent.source;
      return source ? { module: source.value, name } : undefined;
    }
    if (node.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { module: node.parent.source.value, name: 'default' };
    return undefined;
  }
  if (def.type !== TSESLint.Scope.DefinitionType.Variable || !def.node.init) return undefined;
  const init = unwrap(def.node.init);
  const module = requiredModule(init);
  if (module !== undefined) {
    if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
      const key = destructuredKey(resolver, def.node.id, def.name);
      return key === undefined ? undefined : { module, name: key };
    }
    return { module, name: 'default' };
  }
  if (init.type === AST_NODE_TYPES.MemberExpression) {
    const inner = requiredModule(init.object);
    const name = memberName(resolver, init);
    return inner !== undefined && name !== undefined ? { module: inner, name } : undefined;
  }
  return undefined;
}

/** The module an identifier holds as a whole: `import * as m`, `import m` (CommonJS default), `const m = require(…)`. */
function namespaceModule(resolver: Resolver, identifier: TSESTree.Identifier): string | undefined {
  const def = variableOf(resolver, identifier)?.defs[0];
  if (!def) return undefined;
  if (def.type === TSESLint.Scope.DefinitionType.ImportBinding) {
    const node = def.node;
    const isWhole = node.type === AST_NODE_TYPES.ImportNamespaceSpecifier || node.type === AST_NODE_TYPES.ImportDefaultSpecifier;
    return isWhole ? node.parent.source.value : undefined;
  }
  if (def.type === TSESLint.Scope.DefinitionType.Variable && def.node.id === def.name && def.node.init) return requiredModule(def.node.init);
  return undefined;
}

/** The functions a file exports, by exported name (`default` for `export default` / `module.exports = fn`). */
function exportedFunctions(parsed: ParsedFile): Map<string, FunctionLike> {
  const { resolver } = parsed;
  const found = new Map<string, FunctionLike>();
  for (const [name, values] of exportedValues(parsed)) {
    for (const value of values) {
      // A class exported is followed into as its constructor (`new User(data)` in another file).
      const declared = classOf(resolver, value);
      const fn = functionOf(resolver, value) ?? (declared ? classConstructor(declared) : undefined);
      if (fn && !found.has(name)) found.set(name, fn);
    }
  }
  return found;
}

/** The `require(…)` (or a member of one) a name declared without a value is assigned, once: `var slack; slack = require('./client');`. */
function assignedRequire(resolver: Resolver, identifier: TSESTree.Identifier): Node | undefined {
  const variable = variableOf(resolver, identifier);
  const value = variable ? singleValueOf(variable) : undefined;
  const bare = value ? unwrap(value) : undefined;
  const required = bare && (requiredModule(bare) ?? (bare.type === AST_NODE_TYPES.MemberExpression ? requiredModule(unwrap(bare.object)) : undefined));
  return required === undefined ? undefined : value;
}

/**
 * The initializer `helper.rtm` of `var rtm = helper.rtm`, where `helper` is bound once: importedName then tells
 * whether `helper` holds a module taken whole.
 */
function memberInit(resolver: Resolver, identifier: TSESTree.Identifier): TSESTree.MemberExpression | undefined {
  const def = variableOf(resolver, identifier)?.defs[0];
  if (def?.type !== TSESLint.Scope.DefinitionType.Variable || def.node.id !== def.name || !def.node.init) return undefined;
  const init = unwrap(def.node.init);
  if (init.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const object = unwrap(init.object);
  return object.type === AST_NODE_TYPES.Identifier && singleBinding(resolver, object) ? init : undefined;
}

/** `const rtm = require('./rtm')`: a variable bound once, at its declaration, and never assigned again. */
function singleBinding(resolver: Resolver, identifier: TSESTree.Identifier): boolean {
  const variable = variableOf(resolver, identifier);
  if (variable?.defs.length !== 1) return false;
  return variable.references.every((r) => !r.isWrite() || r.init === true);
}

/** The values a file exports, by exported name, in source order (`default` for `export default` / `module.exports = x`). */
function exportedValues(parsed: ParsedFile): Map<string, Node[]> {
  const { program, resolver } = parsed;
  const found = new Map<string, Node[]>();
  const add = (name: string | undefined, value: Node | null | undefined): void => {
    if (name !== undefined && value) found.set(name, [...(found.get(name) ?? []), value]);
  };
  for (const statement of moduleStatements(program)) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration || declaration?.type === AST_NODE_TYPES.ClassDeclaration) add(declaration.id?.name, declaration);
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const d of declaration.declarations) if (d.id.type === AST_NODE_TYPES.Identifier) add(d.id.name, d.init);
      }
      if (!statement.source) {
        for (const specifier of statement.specifiers) {
          const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
          add(exported, specifier.local);
        }
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      add('default', statement.declaration);
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AssignmentExpression) {
      commonJsExports(resolver, statement.expression, add);
    }
  }
  return found;
}

/** `module.exports = { f, g: h }`, `module.exports = f`, `module.exports.f = …`, `exports.f = …`. */
function commonJsExports(resolver: Resolver, assignment: TSESTree.AssignmentExpression, add: (name: string | undefined, value: Node) => void): void {
  const { left, right } = assignment;
  if (left.type !== AST_NODE_TYPES.MemberExpression) return;
  if (isModuleExports(resolver, left)) {
    const value = unwrap(right);
    if (value.type !== AST_NODE_TYPES.ObjectExpression) { add('default', iifeReturnedName(resolver, value) ?? value); return; }
    for (const property of value.properties) {
      if (property.type === AST_NODE_TYPES.Property) add(propertyKeyName(resolver, property), property.value);
    }
    return;
  }
  const object = unwrap(left.object);
  const isExportsObject = (object.type === AST_NODE_TYPES.Identifier && object.name === 'exports') || (object.type === AST_NODE_TYPES.MemberExpression && isModuleExports(resolver, object));
  if (isExportsObject) add(memberName(resolver, left), right);
}

function isModuleExports(resolver: Resolver, member: TSESTree.MemberExpression): boolean {
  const object = unwrap(member.object);
  return object.type === AST_NODE_TYPES.Identifier && object.name === 'module' && memberName(resolver, member) === 'exports';
}

/**
 * The calls, in `parsed`, of the functions `names` exported by the module `isTarget` accepts; `unseen`
 * when the module or one of those functions is used there in another way too: a name bound to one of
 * them (or to the function the module is) used but to call it, a name bound to the whole module
 * handed on or read with a computed key, the module re-exported, imported at run time, or `require`d
 * into anything but a name (`require('./m')(cb)`, `use(require('./m'))`).
 */
function callsOfImports(parsed: ParsedFile, isTarget: (specifier: string) => boolean, names: readonly string[]): { calls: TSESTree.CallExpression[]; unseen: boolean } {
  const { program, resolver } = parsed;
  const calls: TSESTree.CallExpression[] = [];
  let unseen = false;
  const scope = resolver.getScope(program);
  for (const variable of allVariables(scope)) {
    const def = variable.defs[0];
    if (!def) continue;
    const imported = def.name.type === AST_NODE_TYPES.Identifier ? importedName(resolver, def.name) : undefined;
    const whole = def.name.type === AST_NODE_TYPES.Identifier ? namespaceModule(resolver, def.name) : undefined;
    // The name is one of the functions itself (`import f`, `const { f } = require(…)`, `const f = require(…)` of `module.exports = f`).
    const isFunction = imported !== undefined && isTarget(imported.module) && names.includes(imported.name);
    const isWhole = whole !== undefined && isTarget(whole);
    for (const reference of variable.references) {
      if (!reference.isRead()) continue;
      const id = reference.identifier;
      const parent = id.parent;
      if (isFunction) {
        if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === id) calls.push(parent);
        else unseen = true;
      } else if (isWhole) {
        const key = parent.type === AST_NODE_TYPES.MemberExpression && parent.object === id ? memberName(resolver, parent) : undefined;
        if (key === undefined) {
          unseen = true;
          continue;
        }
        if (!names.includes(key)) continue;
        const call = parent.parent;
        if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent) calls.push(call);
        else unseen = true;
      }
    }
  }
  return { calls, unseen: unseen || otherImportOf(parsed, isTarget) };
}

/** The module re-exported, imported at run time, or `require`d into anything but a name (see callsOfImports). */
function otherImportOf(parsed: ParsedFile, isTarget: (specifier: string) => boolean): boolean {
  const { program, resolver } = parsed;
  for (const node of descendants(resolver, program)) {
    if ((node.type === AST_NODE_TYPES.ExportAllDeclaration || node.type === AST_NODE_TYPES.ExportNamedDeclaration) && node.source && isTarget(node.source.value)) return true;
    if (node.type === AST_NODE_TYPES.ImportExpression) return true;
    const module = node.type === AST_NODE_TYPES.CallExpression ? requiredModule(node) : undefined;
    if (module === undefined || !isTarget(module)) continue;
    const required: Node = node;
    const parent = required.parent;
    // `const m = require(…)`, `const { f } = require(…)`, `const f = require(…).f`: names whose uses callsOfImports checks.
    const named = (at: Node): boolean => at.parent?.type === AST_NODE_TYPES.VariableDeclarator && at.parent.init === at && (at.parent.id.type === AST_NODE_TYPES.Identifier || at.parent.id.type === AST_NODE_TYPES.ObjectPattern);
    if (named(required)) continue;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === required && named(parent)) continue;
    return true;
  }
  return false;
}

function* allVariables(scope: TSESLint.Scope.Scope): Generator<TSESLint.Scope.Variable> {
  yield* scope.variables;
  for (const child of scope.childScopes) yield* allVariables(child);
}
