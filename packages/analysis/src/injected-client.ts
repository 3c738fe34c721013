import { resolve } from 'node:path';

import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { descendants, isThisLike, memberName, outermostValue, programOf, propertyKeyName, requiredModule, unwrap, variableOf } from './ast.js';
import { classConstructor, classOf, enclosingFunction, iifeReturnedName, localFunction, type FunctionNode } from './functions.js';
import { babelHelperCall, babelMethodOwner, es5Methods, prototypeMethodOwner } from './es5-class.js';
import { constructionOf, isLegacyClientConstruction } from './origin.js';
import type { ParsedFile } from './project.js';
import type { FunctionLike, Located, Resolver } from './resolver.js';

type Node = TSESTree.Node;

/** What the injected-client search asks of the project: its files, parsed, and how modules name each other. */
export interface ClassProject {
  /** Every file of the project; none for the lint, which sees the file at hand (and what it requires) alone. */
  readonly fileList: readonly string[];
  file(path: string): ParsedFile | undefined;
  resolveModule(from: string, specifier: string): string | undefined;
  mayImport(path: string, module: string): boolean;
  moduleFunction(resolver: Resolver, node: Node): Located<FunctionLike> | undefined;
  importedConstruction(resolver: Resolver, node: Node): Located<TSESTree.NewExpression> | undefined;
}

/** Where the constructor takes the client from: its parameter at `index`, or the `key` member of it (`{ rtm }`, `options.rtm`). */
interface Injection {
  readonly index: number;
  readonly key: string | undefined;
}

/** Members being followed: a class whose construction hands on another injected member stops at itself. */
const following = new Set<string>();

/**
 * What keeps the client: a class, or an ES5 constructor function with its `X.prototype.m = function`
 * methods (the top-level statements of its own file that store them).
 */
interface Holder {
  readonly start: number;
  readonly ctor: FunctionNode;
  /** Where `this` is the holder's instance: the class body, or the constructor function and its prototype methods. */
  readonly roots: readonly Node[];
  /** `Bot.prototype.m = function …` statements: uses of the constructor's name that construct nothing and hand it nowhere. */
  readonly methods: ReadonlySet<Node>;
  /** The expression names the holder, in its own file. */
  names(resolver: Resolver, target: Node): boolean;
}

/**
 * `this.rtm` in a method of a class (no `extends`) whose constructor is the one place that sets the
 * field, from a parameter (`constructor(rtm) { this.rtm = rtm }`, `constructor({ rtm })`,
 * `constructor(options) { this.rtm = options.rtm }`, TypeScript's `constructor(private rtm: …)`):
 * the legacy v3 `new RtmClient(…)` that every construction of the class in the project is given
 * (`new Standup(new RtmClient(token), db)` in another module, or a variable holding that `new`).
 * Undefined unless each `new` of the class hands that one client, and the class is used nowhere else
 * but in `new` and its own export (passed around, extended, re-exported: its other constructions
 * cannot be seen). An ES5 constructor function (`function Bot(rtm) { this.rtm = rtm }`, methods
 * `Bot.prototype.run = function () { this.rtm.start() }`) is held to the same rules, its prototype
 * methods standing for the class body: any other use of its name (`util.inherits(Bot, …)`,
 * `Bot.prototype = {…}`, `Bot.call(this, …)`, a call without `new`) leaves it unfollowed.
 */
export function injectedConstruction(project: ClassProject, resolver: Resolver, node: Node): Located<TSESTree.NewExpression> | undefined {
  const member = unwrap(node);
  if (member.type !== AST_NODE_TYPES.MemberExpression || !isThisLike(resolver, member.object) || !resolver.file) return undefined;
  const name = memberName(resolver, member);
  const holder = classHolder(member) ?? constructorFunctionHolder(resolver, member);
  const injection = holder && name !== undefined ? injectionOf(resolver, holder, name) : undefined;
  if (!holder || !injection || name === undefined) return undefined;
  return givenOnce(project, resolver, holder, injection, name);
}

/**
 * `constructor(slack) { slack.start() }`: the legacy client every construction of the class (no
 * `extends`) hands the constructor's parameter at `index`, held to the rules of injectedConstruction.
 */
export function constructorGivenClient(project: ClassProject, resolver: Resolver, ctor: FunctionNode, index: number): Located<TSESTree.NewExpression> | undefined {
  const definition = ctor.parent;
  const cls = definition.type === AST_NODE_TYPES.MethodDefinition && definition.kind === 'constructor' ? definition.parent.parent : undefined;
  const holder = cls ? classHolderOf(cls) : undefined;
  return holder?.ctor === ctor ? givenOnce(project, resolver, holder, { index, key: undefined }, `#${String(index)}`) : undefined;
}

/** givenClient, once at a time per holder and field: a class whose construction hands on its own field stops at itself. */
function givenOnce(project: ClassProject, resolver: Resolver, holder: Holder, injection: Injection, field: string): Located<TSESTree.NewExpression> | undefined {
  if (!resolver.file) return undefined;
  const key = `${resolver.file}:${String(holder.start)}:${field}`;
  if (following.has(key)) return undefined;
  following.add(key);
  try {
    return givenClient(project, { file: resolver.file, program: programOf(holder.ctor), resolver }, holder, injection);
  } finally {
    following.delete(key);
  }
}

/**
 * `this.rtm` of a class (or ES5 constructor function) whose constructor alone sets the field, from
 * one of its parameters (see `injectedConstruction`): where `this` means that instance (the class body,
 * or the constructor and its prototype methods), and the parameter's own name when the field is the
 * parameter itself (`constructor(private rtm)`, `this.rtm = rtm`), not a member of it (`options.rtm`).
 */
export function injectedField(resolver: Resolver, member: TSESTree.MemberExpression): { readonly roots: readonly Node[]; readonly parameter: TSESTree.Identifier | undefined } | undefined {
  if (!isThisLike(resolver, member.object)) return undefined;
  const name = memberName(resolver, member);
  const holder = classHolder(member) ?? constructorFunctionHolder(resolver, member);
  const injection = holder && name !== undefined ? injectionOf(resolver, holder, name) : undefined;
  if (!holder || !injection) return undefined;
  const param = injection.key === undefined ? holder.ctor.params[injection.index] : undefined;
  const bound = param?.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
  return { roots: holder.roots, parameter: bound?.type === AST_NODE_TYPES.Identifier ? bound : undefined };
}

function classHolder(member: Node): Holder | undefined {
  const cls = enclosingClassBody(member)?.parent;
  return cls ? classHolderOf(cls) : undefined;
}

function classHolderOf(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Holder | undefined {
  const ctor = cls.superClass ? undefined : classConstructor(cls);
  if (!ctor) return undefined;
  return { start: cls.range[0], ctor, roots: [cls.body], methods: new Set(), names: (resolver, target) => classOf(resolver, target) === cls };
}

/**
 * `this.rtm` used directly (arrows keep `this`) in an ES5 constructor function or in one of its
 * prototype methods: the constructor a top-level `X.prototype.m = function` statement names.
 */
function constructorFunctionHolder(resolver: Resolver, member: TSESTree.MemberExpression): Holder | undefined {
  if (unwrap(member.object).type !== AST_NODE_TYPES.ThisExpression) return undefined;
  let fn: Node | undefined = member.parent;
  while (fn && fn.type !== AST_NODE_TYPES.FunctionDeclaration && fn.type !== AST_NODE_TYPES.FunctionExpression) fn = fn.parent;
  if (!fn || fn.parent.type === AST_NODE_TYPES.MethodDefinition || (fn.parent.type === AST_NODE_TYPES.Property && !babelMethodOwner(fn))) return undefined;
  const named = prototypeMethodOwner(fn) ?? babelMethodOwner(fn);
  const ctor = named ? localFunction(resolver, named) : fn;
  if (ctor?.type !== AST_NODE_TYPES.FunctionDeclaration && ctor?.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  // A constructor that returns a value may hand `new` another object than the one its `this` set up.
  if (ctor.generator || ctor.async || returnsValue(resolver, ctor)) return undefined;
  const methods = new Set<Node>();
  const roots: Node[] = [ctor];
  for (const { method, owner } of es5Methods(resolver, ctor, false)) {
    methods.add(owner);
    roots.push(method);
  }
  // Babel's check that the constructor was called with `new` names it, and only that.
  for (const statement of ctor.body.body) {
    const check = statement.type === AST_NODE_TYPES.ExpressionStatement ? babelHelperCall(statement.expression, 'classCallCheck') : undefined;
    const [self, named] = check?.arguments ?? [];
    if (self?.type === AST_NODE_TYPES.ThisExpression && named?.type === AST_NODE_TYPES.Identifier) methods.add(named);
  }
  if (!roots.includes(fn)) return undefined;
  return { start: ctor.range[0], ctor, roots, methods, names: (at, target) => target.type === AST_NODE_TYPES.Identifier && localFunction(at, target) === ctor };
}

/** The class body `this` means at `node`: the nearest one, with no ordinary function in between (arrows keep `this`). */
function enclosingClassBody(node: Node): TSESTree.ClassBody | undefined {
  for (let at: Node | undefined = node.parent; at; at = at.parent) {
    if (at.type === AST_NODE_TYPES.ClassBody) return at;
    if (at.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
    if (at.type === AST_NODE_TYPES.FunctionExpression && at.parent.type !== AST_NODE_TYPES.MethodDefinition) return undefined;
  }
  return undefined;
}

/** A `return` of a value in the constructor itself: `new` then hands out that value, not the `this` it set up. */
function returnsValue(resolver: Resolver, ctor: FunctionNode): boolean {
  for (const node of descendants(resolver, ctor.body)) {
    if (node.type !== AST_NODE_TYPES.ReturnStatement || !node.argument) continue;
    let fn: Node | undefined = node.parent;
    while (fn && fn.type !== AST_NODE_TYPES.FunctionDeclaration && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) fn = fn.parent;
    if (fn === ctor) return true;
  }
  return false;
}

/** The parameter the constructor stores into `this.<name>`, when that is the field's only assignment in the class. */
function injectionOf(resolver: Resolver, holder: Holder, name: string): Injection | undefined {
  const { ctor } = holder;
  const stores: Injection[] = [];
  for (const [index, param] of ctor.params.entries()) {
    const bound = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : undefined;
    if (bound?.type === AST_NODE_TYPES.Identifier && bound.name === name) stores.push({ index, key: undefined });
  }
  for (const node of holder.roots.flatMap((root) => [...descendants(resolver, root)])) {
    if (node.type === AST_NODE_TYPES.PropertyDefinition && !node.computed && node.key.type === AST_NODE_TYPES.Identifier && node.key.name === name && node.value) return undefined;
    if (!isFieldWrite(resolver, node, name)) continue;
    const write = node.parent;
    if (write?.type !== AST_NODE_TYPES.AssignmentExpression || write.operator !== '=' || !directlyIn(write, ctor)) return undefined;
    const from = parameterSource(resolver, ctor, write.right);
    if (!from) return undefined;
    stores.push(from);
  }
  return stores.length === 1 ? stores[0] : undefined;
}

/** Any write to `this.<name>`: an assignment of any operator, `++`, a destructuring target. */
function isFieldWrite(resolver: Resolver, node: Node, name: string): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression || !isThisLike(resolver, node.object) || memberName(resolver, node) !== name) return false;
  const parent = node.parent;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression) return parent.left === node;
  if (parent.type === AST_NODE_TYPES.UpdateExpression) return true;
  return parent.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectPattern;
}

/** In the constructor's own body, not in a function or arrow it makes (which may run later, or never). */
function directlyIn(node: Node, ctor: FunctionNode): boolean {
  for (let at: Node | undefined = node.parent; at; at = at.parent) {
    if (at === ctor) return true;
    if (at.type === AST_NODE_TYPES.FunctionExpression || at.type === AST_NODE_TYPES.ArrowFunctionExpression || at.type === AST_NODE_TYPES.FunctionDeclaration) return false;
    if (at.type === AST_NODE_TYPES.IfStatement || at.type === AST_NODE_TYPES.ConditionalExpression || at.type === AST_NODE_TYPES.LogicalExpression) return false;
  }
  return false;
}

/** `rtm` (a parameter never reassigned), `options.rtm`, or `rtm` destructured from a parameter (`{ rtm }`). */
function parameterSource(resolver: Resolver, ctor: FunctionNode, value: Node): Injection | undefined {
  const bare = unwrap(value);
  if (bare.type === AST_NODE_TYPES.MemberExpression && !bare.computed) {
    const object = unwrap(bare.object);
    const key = memberName(resolver, bare);
    const whole = object.type === AST_NODE_TYPES.Identifier ? parameterIndex(resolver, ctor, object) : undefined;
    // `options.rtm` of a parameter taken whole; not of one destructured (`{ deps }` then `deps.rtm`).
    return whole && whole.key === undefined && key !== undefined ? { index: whole.index, key } : undefined;
  }
  return bare.type === AST_NODE_TYPES.Identifier ? parameterIndex(resolver, ctor, bare) : undefined;
}

/** The position of the parameter an identifier names (with its key when destructured from an object), if it is never assigned again. */
function parameterIndex(resolver: Resolver, ctor: FunctionNode, identifier: TSESTree.Identifier): Injection | undefined {
  const variable = variableOf(resolver, identifier);
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def?.type !== TSESLint.Scope.DefinitionType.Parameter || def.node !== ctor) return undefined;
  if (variable.references.some((r) => r.isWrite())) return undefined;
  for (const [index, param] of ctor.params.entries()) {
    const bare = param.type === AST_NODE_TYPES.AssignmentPattern ? undefined : param;
    if (bare === def.name) return { index, key: undefined };
    if (bare?.type !== AST_NODE_TYPES.ObjectPattern) continue;
    const property = bare.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && p.value === def.name);
    const key = property ? propertyKeyName(resolver, property) : undefined;
    if (key !== undefined) return { index, key };
  }
  return undefined;
}

/** A file as the search reads it: the holder's own is the tree at hand (the lint's, not one parsed again from disk). */
type SearchedFile = Pick<ParsedFile, 'file' | 'program' | 'resolver'>;

/**
 * The one legacy client all constructions of the class are given, found in its own file and across
 * the project's other files. A project that does not list the holder's file sees none of the others
 * (the lint): there an exported holder may be constructed anywhere, so it is not followed.
 */
function givenClient(project: ClassProject, own: SearchedFile, holder: Holder, injection: Injection): Located<TSESTree.NewExpression> | undefined {
  const home = own.file;
  const clients = new Set<TSESTree.NewExpression>();
  let found: Located<TSESTree.NewExpression> | undefined;
  const others = project.fileList.filter((path) => resolve(path) !== home);
  const exportable = others.length < project.fileList.length;
  const searched = [own, ...others.flatMap((path) => (project.mayImport(path, home) ? (project.file(path) ?? []) : []))];
  for (const parsed of searched) {
    const news = constructionsIn(project, parsed, home, holder, exportable);
    if (news === undefined) return undefined;
    for (const made of news) {
      const client = clientGiven(project, parsed.resolver, made, injection);
      if (!client) return undefined;
      clients.add(client.node);
      found = client;
    }
  }
  return clients.size === 1 ? found : undefined;
}

/**
 * The `new` expressions of the class in one file; undefined when the file uses the class any other
 * way (extends it, hands it on, re-exports it, requires its module without binding it).
 */
function constructionsIn(project: ClassProject, parsed: SearchedFile, home: string, holder: Holder, exportable: boolean): TSESTree.NewExpression[] | undefined {
  const { resolver } = parsed;
  const isClass = (target: Node): boolean => (parsed.file === home && holder.names(resolver, target)) || project.moduleFunction(resolver, target)?.node === holder.ctor;
  const made: TSESTree.NewExpression[] = [];
  for (const reference of references(resolver.getScope(parsed.program))) {
    // A type's name (`rtm: Bot`) constructs nothing; eslint-scope (ESLint's own JavaScript parse) marks no reference either way.
    if (!reference.isRead() || (reference.isTypeReference && !reference.isValueReference)) continue;
    const id = reference.identifier;
    const target = id.parent.type === AST_NODE_TYPES.MemberExpression && id.parent.object === id ? id.parent : id;
    if (!isClass(target)) continue;
    if (target.parent.type === AST_NODE_TYPES.NewExpression && target.parent.callee === target) made.push(target.parent);
    else if (!(parsed.file === home && ((exportable && isExport(resolver, target)) || holder.methods.has(id)))) return undefined;
  }
  for (const node of descendants(resolver, parsed.program)) {
    if (node.type === AST_NODE_TYPES.ExportAllDeclaration || (node.type === AST_NODE_TYPES.ExportNamedDeclaration && node.source)) {
      if (project.resolveModule(parsed.file, node.source.value) === home) return undefined;
    }
    const module = requiredModule(node);
    if (module === undefined || project.resolveModule(parsed.file, module) !== home) continue;
    // `new (require('./standup'))(rtm)` and `require('./standup').Standup` used in place are not followed.
    if (node.parent?.type !== AST_NODE_TYPES.VariableDeclarator) return undefined;
  }
  return made;
}

function* references(scope: TSESLint.Scope.Scope): Generator<TSESLint.Scope.Reference> {
  yield* scope.references;
  for (const child of scope.childScopes) yield* references(child);
}

/**
 * `module.exports = Standup`, `exports.Standup = Standup`, `export { Standup }`, `export default Standup`,
 * and `return Standup` ending an ES5 module pattern's function whose call is exported so.
 */
function isExport(resolver: Resolver, target: Node): boolean {
  const parent = target.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.ReturnStatement) {
    const call = enclosingFunction(parent)?.parent;
    return call !== undefined && iifeReturnedName(resolver, call) === target && isExport(resolver, outermostValue(call));
  }
  if (parent.type === AST_NODE_TYPES.ExportSpecifier || parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  if (parent.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== target || parent.parent.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  let left: Node = parent.left;
  while (left.type === AST_NODE_TYPES.MemberExpression) left = left.object;
  return left.type === AST_NODE_TYPES.Identifier && (left.name === 'module' || left.name === 'exports');
}

/** The legacy `new RtmClient(…)` one construction hands in where the constructor takes the client. */
function clientGiven(project: ClassProject, resolver: Resolver, made: TSESTree.NewExpression, injection: Injection): Located<TSESTree.NewExpression> | undefined {
  const args = made.arguments.slice(0, injection.index + 1);
  const arg = args[injection.index];
  if (!arg || args.some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  let value: Node | undefined = arg;
  if (injection.key !== undefined) {
    const literal = unwrap(arg);
    if (literal.type !== AST_NODE_TYPES.ObjectExpression || literal.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return undefined;
    const matching = literal.properties.filter((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(resolver, p) === injection.key);
    value = matching.length === 1 && matching[0]?.kind === 'init' ? matching[0].value : undefined;
  }
  if (!value) return undefined;
  const local = constructionOf(resolver, value);
  const client = local ? { node: local, resolver } : project.importedConstruction(resolver, value);
  return client && isLegacyClientConstruction(client.resolver, client.node) ? client : undefined;
}
