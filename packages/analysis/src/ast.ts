import { asKnownPackage } from '@rtm-migrate/core';
import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

type Node = TSESTree.Node;
import type { Resolver } from './resolver.js';
import { constTableString } from './const-table.js';

/** Wrappers that do not change the value: `x!`, `x as T`, `x satisfies T`, `<T>x`, `a?.b` (the chain). */
const TRANSPARENT = new Set<string>([
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.ChainExpression,
]);

export function isTransparent(node: Node): node is
  | TSESTree.TSNonNullExpression
  | TSESTree.TSAsExpression
  | TSESTree.TSSatisfiesExpression
  | TSESTree.TSTypeAssertion
  | TSESTree.ChainExpression {
  return TRANSPARENT.has(node.type);
}

/** `(0, x.fn)`: how Babel and TypeScript call an imported function without a `this`. */
function isIndirection(node: Node): node is TSESTree.SequenceExpression {
  if (node.type !== AST_NODE_TYPES.SequenceExpression || node.expressions.length !== 2) return false;
  const [first] = node.expressions;
  return first?.type === AST_NODE_TYPES.Literal && first.value === 0;
}

/** The expression inside any number of transparent wrappers (and `(0, x)` indirections). */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    if (isTransparent(current)) current = current.expression;
    else if (isIndirection(current)) current = current.expressions[1] ?? current;
    else return current;
  }
}

/** `this`, or a variable that holds it for good (`var self = this`, Babel's `var _this = this`). */
export function isThisLike(resolver: Resolver, node: Node): boolean {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.ThisExpression) return true;
  if (bare.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(resolver, bare);
  const value = variable ? singleValueOf(variable) : undefined;
  return value !== undefined && (unwrap(value).type === AST_NODE_TYPES.ThisExpression || isConstructorReturn(unwrap(value)));
}

/** Babel's `_possibleConstructorReturn(this, …)`: the `this` of a derived class's constructor. */
function isConstructorReturn(node: Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.Identifier) return false;
  return /^_?possibleConstructorReturn$/.test(node.callee.name) && node.arguments[0]?.type === AST_NODE_TYPES.ThisExpression;
}

/** Every node under `root` (itself included), depth first. */
export function* descendants(resolver: Resolver, root: Node): Generator<Node> {
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    yield node;
    // Each field's list in reverse, the fields in order: the order every caller has walked in.
    for (const group of childGroups(resolver, node)) stack.push(...group.reverse());
  }
}

/** The direct children of a node, in source order. */
export function children(resolver: Resolver, node: Node): Node[] {
  return childGroups(resolver, node).flat();
}

/** A node's children, field by field (a field holding one node, or none, is a group of that many). */
function childGroups(resolver: Resolver, node: Node): Node[][] {
  return (resolver.visitorKeys[node.type] ?? []).map((key) => {
    const child = (node as unknown as Record<string, unknown>)[key];
    return (Array.isArray(child) ? (child as unknown[]) : [child]).filter(isNode);
  });
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The outermost transparent wrapper around `node` (itself if none). */
export function outermost(node: Node): Node {
  let current = node;
  while (current.parent && isTransparent(current.parent)) current = current.parent;
  return current;
}

/** The program a node is part of. */
export function programOf(node: Node): TSESTree.Program {
  let current: Node = node;
  while (current.type !== AST_NODE_TYPES.Program) current = current.parent;
  return current;
}

/** The statements of the nearest block (or the program) around `node`. */
export function enclosingStatements(node: Node): readonly TSESTree.Node[] {
  for (let at: Node | undefined = node.parent; at; at = at.parent) {
    if (at.type === AST_NODE_TYPES.Program || at.type === AST_NODE_TYPES.BlockStatement) return at.body;
  }
  return [];
}

/**
 * The outermost node standing for `node`'s value: `node` through every wrapper `unwrap` sees through around it
 * (type assertions, `!`, a `?.` chain, `(0, x)`); its parent is what uses the value.
 */
export function outermostValue(node: Node): Node {
  let outer = node;
  while (outer.parent && unwrap(outer.parent) !== outer.parent) outer = outer.parent;
  return outer;
}

/** A member assigned, updated, deleted or destructured into (through parentheses and type assertions): written, not read. */
export function isWrittenTo(member: Node): boolean {
  const outer = outermostValue(member);
  const parent = outer.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression) return parent.left === outer;
  if (parent.type === AST_NODE_TYPES.UpdateExpression) return true;
  if (parent.type === AST_NODE_TYPES.UnaryExpression) return parent.operator === 'delete';
  return parent.type === AST_NODE_TYPES.ArrayPattern || parent.type === AST_NODE_TYPES.RestElement || (parent.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectPattern);
}

/** The name a class member is declared with (`name() {}`, `name = …`, `'name'() {}`); undefined for a computed name. */
export function classMemberName(member: TSESTree.ClassElement): string | undefined {
  if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) return undefined;
  if (member.key.type === AST_NODE_TYPES.Identifier) return member.computed ? undefined : member.key.name;
  return member.key.type === AST_NODE_TYPES.Literal ? String(member.key.value) : undefined;
}

/** `X.prototype`. */
export function isPrototype(resolver: Resolver, node: Node): boolean {
  const bare = unwrap(node);
  return bare.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, bare) === 'prototype';
}

/** True when `node` lies inside `outer` (or is it), by their source ranges. */
export function within(node: Node, outer: Node): boolean {
  return node.range[0] >= outer.range[0] && node.range[1] <= outer.range[1];
}

/** A string the expression always evaluates to (literals, templates, `+`, `const`s, entries of `const` tables), or undefined. */
export function staticString(resolver: Resolver, node: Node): string | undefined {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.Literal) return typeof bare.value === 'string' ? bare.value : undefined;
  if (bare.type === AST_NODE_TYPES.TemplateLiteral && bare.expressions.length === 0) return bare.quasis[0]?.value.cooked ?? undefined;
  if (bare.type === AST_NODE_TYPES.MemberExpression) return constTableString(resolver, bare);
  if (bare.type !== AST_NODE_TYPES.Identifier && bare.type !== AST_NODE_TYPES.TemplateLiteral && bare.type !== AST_NODE_TYPES.BinaryExpression) {
    return undefined;
  }
  const result = ASTUtils.getStaticValue(bare, resolver.getScope(bare));
  return result && typeof result.value === 'string' ? result.value : undefined;
}

/**
 * The name a member access reads: `a.b` → `b`, `a['b']` → `b`, `a[0]` → `0`, `this.#b` → `#b` (a field of
 * its own: no other name says it); undefined when dynamic.
 */
export function memberName(resolver: Resolver, member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : `#${member.property.name}`;
  const property = unwrap(member.property);
  if (property.type === AST_NODE_TYPES.Literal && typeof property.value === 'number') return String(property.value);
  return staticString(resolver, property);
}

/** The key a property (of an object literal or pattern) names, when static. */
export function propertyKeyName(resolver: Resolver, property: TSESTree.Property): string | undefined {
  if (!property.computed) {
    if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
    return String(property.key.value);
  }
  return staticString(resolver, property.key);
}

/** The name of what is called or constructed: `f()` → `f`, `a.b.c()` → `c`. */
export function calleeName(resolver: Resolver, callee: Node): string | undefined {
  const bare = unwrap(callee);
  if (bare.type === AST_NODE_TYPES.Identifier) return bare.name;
  if (bare.type === AST_NODE_TYPES.MemberExpression) return memberName(resolver, bare);
  return undefined;
}

export function isFunction(node: Node): node is TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration {
  return (
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** A value written out in place (`true`, `'x'`, `{…}`, `[…]`): no function, nothing that can receive a response. */
export function isPlainValue(node: Node): boolean {
  const bare = unwrap(node);
  return (
    bare.type === AST_NODE_TYPES.Literal ||
    bare.type === AST_NODE_TYPES.ObjectExpression ||
    bare.type === AST_NODE_TYPES.ArrayExpression ||
    bare.type === AST_NODE_TYPES.TemplateLiteral
  );
}

/**
 * `...args` where `args` is a `const` array of plain values (`const args = [{ include_locale: true }]`)
 * that is only ever spread: it hands nothing on (no callback), whatever call it is spread into.
 */
export function isSpreadOfPlainConst(resolver: Resolver, node: Node): boolean {
  if (node.type !== AST_NODE_TYPES.SpreadElement) return false;
  const name = unwrap(node.argument);
  if (name.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(resolver, name);
  const def = variable?.defs[0];
  if (!variable || def?.type !== TSESLint.Scope.DefinitionType.Variable || def.parent.kind !== 'const') return false;
  const array = resolveConst(resolver, name);
  if (array.type !== AST_NODE_TYPES.ArrayExpression || !array.elements.every((e) => e !== null && e.type !== AST_NODE_TYPES.SpreadElement && isPlainValue(e))) return false;
  // Spread wherever it is read: never pushed to, passed or handed on whole.
  return variable.references.every((r) => !r.isRead() || r.identifier.parent.type === AST_NODE_TYPES.SpreadElement);
}

/**
 * `import … from 'm'` or `require('m')` → `m`, a known package by its own name (`require('Botkit')` →
 * `botkit`: asKnownPackage); undefined for any other node.
 */
export function importedModule(node: Node): string | undefined {
  return node.type === AST_NODE_TYPES.ImportDeclaration ? asKnownPackage(node.source.value) : requiredModule(node);
}

/**
 * `require('m')` → `m`; `require(__dirname + '/api.js')` → `./api.js` (the app's own module by a computed
 * path). A known package spelt in other case is given its own name (`require('Botkit')` → `botkit`: asKnownPackage).
 */
export function requiredModule(node: Node): string | undefined {
  const bare = unwrap(node);
  if (bare.type !== AST_NODE_TYPES.CallExpression) return undefined;
  if (bare.callee.type !== AST_NODE_TYPES.Identifier || bare.callee.name !== 'require') return undefined;
  const arg = bare.arguments[0];
  if (arg?.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string') return asKnownPackage(arg.value);
  if (arg?.type === AST_NODE_TYPES.Identifier) {
    const bound = topLevelStrings(programOf(arg)).get(arg.name);
    return typeof bound === 'string' ? asKnownPackage(bound) : undefined;
  }
  if (arg?.type !== AST_NODE_TYPES.BinaryExpression || arg.operator !== '+') return undefined;
  const { left, right } = arg;
  if (left.type !== AST_NODE_TYPES.Identifier || left.name !== '__dirname') return undefined;
  return right.type === AST_NODE_TYPES.Literal && typeof right.value === 'string' && right.value.startsWith('/') ? `.${right.value}` : undefined;
}

const boundStrings = new WeakMap<TSESTree.Program, ReadonlyMap<string, string | null>>();

/**
 * The names a file binds once, at its top level, to a string and never writes again, with their strings
 * (`let sdk = '@slack/client'; … require(sdk)`: blind s137/05, Slack-Stream, whose start was missed); `null`
 * for a name bound more than once anywhere in the file (a parameter, a function, an inner declaration) or
 * written. Read without a scope manager: `requiredModule` is given a node alone.
 */
function topLevelStrings(program: TSESTree.Program): ReadonlyMap<string, string | null> {
  const known = boundStrings.get(program);
  if (known) return known;
  const found = new Map<string, string | null>();
  const spoil = (name: string): void => {
    found.set(name, null);
  };
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const d of statement.declarations) {
      if (d.id.type === AST_NODE_TYPES.Identifier && d.init?.type === AST_NODE_TYPES.Literal && typeof d.init.value === 'string') found.set(d.id.name, found.has(d.id.name) ? null : d.init.value);
    }
  }
  if (found.size > 0) {
    const bindings = new Map<string, number>();
    walkPlain(program, (node) => {
      const bound = bindingNames(node);
      for (const name of bound) bindings.set(name, (bindings.get(name) ?? 0) + 1);
      if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier) spoil(node.left.name);
      if (node.type === AST_NODE_TYPES.UpdateExpression && node.argument.type === AST_NODE_TYPES.Identifier) spoil(node.argument.name);
    });
    for (const [name, count] of bindings) if (count > 1 && found.has(name)) spoil(name);
  }
  boundStrings.set(program, found);
  return found;
}

/** The names a node binds as a plain identifier: a declarator's, a function's or class's, a parameter's, a catch clause's. */
function bindingNames(node: Node): string[] {
  const id = (n: Node | null | undefined): string[] => (n?.type === AST_NODE_TYPES.Identifier ? [n.name] : n?.type === AST_NODE_TYPES.AssignmentPattern ? id(n.left) : []);
  switch (node.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return id(node.id);
    case AST_NODE_TYPES.FunctionDeclaration:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return [...id(node.id), ...node.params.flatMap(id)];
    case AST_NODE_TYPES.ClassDeclaration:
      return id(node.id);
    case AST_NODE_TYPES.CatchClause:
      return id(node.param);
    default:
      return [];
  }
}

/** Every node under `root`, by its own fields (no visitor keys at hand). */
function walkPlain(root: Node, visit: (node: Node) => void): void {
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    visit(node);
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      for (const child of Array.isArray(value) ? (value as unknown[]) : [value]) if (isNode(child)) stack.push(child);
    }
  }
}

/** The variable an identifier refers to (or declares). */
export function variableOf(resolver: Resolver, identifier: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  return ASTUtils.findVariable(resolver.getScope(identifier), identifier);
}

/**
 * The variable a value is the initializer of, declared there only (`const bot = new SlackBot(…)`, through
 * parentheses and type assertions); undefined for a value held otherwise. Later writes are the caller's to see.
 */
export function declaredWith(resolver: Resolver, value: Node): TSESLint.Scope.Variable | undefined {
  const holder = outermost(value).parent;
  if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.id.type !== AST_NODE_TYPES.Identifier || holder.init === null || unwrap(holder.init) !== value) return undefined;
  const variable = variableOf(resolver, holder.id);
  return variable?.defs.length === 1 ? variable : undefined;
}

/** singleValueOf() of the variable a name refers to: none for a name no variable of the file declares. */
export function singleValueOfName(resolver: Resolver, identifier: TSESTree.Identifier): Node | undefined {
  const variable = variableOf(resolver, identifier);
  return variable ? singleValueOf(variable) : undefined;
}

/**
 * The value a variable holds for good: the `init` of a `const` (or of a `let`/`var` never assigned
 * again), or the right side of its only assignment. Undefined when it cannot be known syntactically.
 */
export function singleValueOf(variable: TSESLint.Scope.Variable): Node | undefined {
  const def = variable.defs[0];
  if (!def || variable.defs.length > 1 || def.type !== TSESLint.Scope.DefinitionType.Variable) return undefined;
  const declarator = def.node;
  if (declarator.id !== def.name && declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  return soleWrite(declarator.init ?? undefined, laterWrites(variable, def.name));
}

/** The writes of a variable other than its declaration's own. */
function laterWrites(variable: TSESLint.Scope.Variable, declared: TSESTree.Identifier): TSESLint.Scope.Reference[] {
  return variable.references.filter((r) => r.isWrite() && r.identifier !== declared);
}

/** singleValueOf's rule on a name's initial value and later writes: the init never written again, or the one plain `=` of a name with no init. */
function soleWrite(init: Node | undefined, writes: readonly TSESLint.Scope.Reference[]): Node | undefined {
  if (init && writes.length === 0) return init;
  const [onlyWrite] = writes;
  return !init && onlyWrite && writes.length === 1 ? plainWrite(onlyWrite.identifier) : undefined;
}

/**
 * The value a write of a name gives: the right side of a plain `=`, or the init of a `var` declared again
 * (`var rtm = null; … var rtm = new RtmClient(t)`, blind s62/07); undefined for any other write.
 */
function plainWrite(name: Node): Node | undefined {
  const w = name.parent;
  if (w?.type === AST_NODE_TYPES.VariableDeclarator && w.id === name) return w.init ?? undefined;
  return w?.type === AST_NODE_TYPES.AssignmentExpression && w.operator === '=' && w.left === name ? w.right : undefined;
}

/** assignedValueOf's rule on a name's initial value and later writes: one value, every other write (and the init) `null` / `undefined`. */
function heldWrite(init: Node | undefined, writes: readonly TSESLint.Scope.Reference[]): Node | undefined {
  const single = soleWrite(init, writes);
  if (single) return single;
  if (init && !isEmpty(init)) return undefined;
  const values = writes.map((r) => plainWrite(r.identifier));
  if (!values.every((v) => v !== undefined)) return undefined;
  const held = values.filter((v) => !isEmpty(v));
  return held.length === 1 ? held[0] : undefined;
}

const UNRESOLVED = new WeakMap<TSESLint.Scope.Scope, Map<string, TSESLint.Scope.Reference[]>>();

/** The global scope's unresolved references by name, grouped once per file (big bundles have thousands). */
function unresolvedByName(global: TSESLint.Scope.Scope): Map<string, TSESLint.Scope.Reference[]> {
  let byName = UNRESOLVED.get(global);
  if (!byName) {
    byName = new Map();
    for (const reference of global.through) {
      const same = byName.get(reference.identifier.name);
      if (same) same.push(reference);
      else byName.set(reference.identifier.name, [reference]);
    }
    UNRESOLVED.set(global, byName);
  }
  return byName;
}

/**
 * Names the runtime itself binds (Node's module wrapper, the host's global objects): a write to one of
 * them is no binding of the file's own.
 */
const HOST_GLOBALS = new Set(['module', 'exports', 'require', '__dirname', '__filename', 'process', 'global', 'globalThis', 'window', 'self', 'document', 'console', 'Buffer', 'undefined', 'NaN', 'Infinity']);

/**
 * The writes of a name no declaration binds (`bot = slack.rtm.client()` in a sloppy-mode script: an
 * implicit global), wherever in the file they are (top level or in functions). The scope manager leaves
 * its references unresolved (the global scope's `through`), or, when a configured global has that name,
 * on a variable with no definition. Undefined for a declared name, a host global, or a name never written.
 */
function implicitGlobalWrites(resolver: Resolver, identifier: TSESTree.Identifier): TSESLint.Scope.Reference[] | undefined {
  if (HOST_GLOBALS.has(identifier.name)) return undefined;
  const variable = variableOf(resolver, identifier);
  if (variable && variable.defs.length > 0) return undefined;
  let global: TSESLint.Scope.Scope = resolver.getScope(identifier);
  while (global.upper) global = global.upper;
  const references = variable ? variable.references : (unresolvedByName(global).get(identifier.name) ?? []);
  const writes = references.filter((r) => r.isWrite());
  return writes.length > 0 ? writes : undefined;
}

/**
 * The value of an implicit global, by singleValueOf's rule for a module-level `let x;` (the file's
 * writes are all its values): its one plain `=`.
 */
export function implicitGlobalValue(resolver: Resolver, identifier: TSESTree.Identifier): Node | undefined {
  const writes = implicitGlobalWrites(resolver, identifier);
  return writes ? soleWrite(undefined, writes) : undefined;
}

/**
 * The value a plain name holds whenever it holds anything (assignedValueOf's rule): a variable declared
 * by the name itself (not destructured), or an implicit global taken as a module-level `let x;`
 * (`function init() { bot = slack.rtm.client() }`, later `bot = null` to drop it).
 */
export function heldValueOfName(resolver: Resolver, identifier: TSESTree.Identifier): Node | undefined {
  const variable = variableOf(resolver, identifier);
  const def = variable?.defs[0];
  if (variable && def) return def.type === TSESLint.Scope.DefinitionType.Variable && def.node.id === def.name ? (assignedValueOf(variable) ?? valueBeforeUse(variable, identifier)) : undefined;
  const writes = implicitGlobalWrites(resolver, identifier);
  return writes ? heldWrite(undefined, writes) : undefined;
}

/**
 * The value a variable written more than once holds at `use`, where every write is a statement of one
 * block (`var rtm = new RtmClient('token'); … var rtm = new RtmClient(process.argv[2]); … rtm.start();`,
 * blind s62/07) and `use` sits in a later statement of it: straight-line code runs them in order and no
 * function can write the variable, so it holds the last value given before. Undefined for a `var x;`-only
 * write, a compound assignment, or a write anywhere else.
 */
function valueBeforeUse(variable: TSESLint.Scope.Variable, use: TSESTree.Identifier): Node | undefined {
  const at = statementIn(use);
  if (!at) return undefined;
  let last: { index: number; value: Node } | undefined;
  for (const write of variable.references.filter((r) => r.isWrite())) {
    const given = writtenValue(write.identifier);
    const statement = statementIn(write.identifier);
    if (!given || statement?.body !== at.body) return undefined;
    if (statement.index < at.index && (!last || statement.index > last.index)) last = { index: statement.index, value: given };
  }
  return last?.value;
}

/** The statement of a block or program that holds `node` directly, with its place. */
function statementIn(node: Node): { body: readonly Node[]; index: number } | undefined {
  for (let child: Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (isFunction(parent)) return undefined;
    if (parent.type === AST_NODE_TYPES.Program || parent.type === AST_NODE_TYPES.BlockStatement) return { body: parent.body, index: parent.body.indexOf(child as TSESTree.ProgramStatement) };
  }
  return undefined;
}

/** plainWrite's value where the write is a statement of its own: a declarator alone in its declaration, or a `=` not inside another expression. */
function writtenValue(name: Node): Node | undefined {
  const w = name.parent;
  const alone = w?.type === AST_NODE_TYPES.VariableDeclarator ? w.parent.declarations.length === 1 : w?.parent?.type === AST_NODE_TYPES.ExpressionStatement;
  return alone ? plainWrite(name) : undefined;
}

/**
 * The value `name` was given by a statement just before the statement `use` is (`slack = new Slack(t);
 * slack.on('open', onOpen); slack.login();`): between the two only calls of the variable's own methods
 * with plain arguments, which cannot give it another value, so that is what it holds there, however
 * many other values the variable is given elsewhere (`if (payload) slack = payload.slack; else { … }`).
 */
export function assignedJustBefore(resolver: Resolver, use: Node, name: TSESTree.Identifier): Node | undefined {
  const statement = use.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression !== use) return undefined;
  const block = statement.parent;
  const body = block.type === AST_NODE_TYPES.BlockStatement || block.type === AST_NODE_TYPES.Program ? block.body : block.type === AST_NODE_TYPES.SwitchCase ? block.consequent : undefined;
  if (!body) return undefined;
  const variable = variableOf(resolver, name);
  const isName = (node: Node): boolean => node.type === AST_NODE_TYPES.Identifier && (variable ? variableOf(resolver, node) === variable : node.name === name.name && variableOf(resolver, node) === null);
  for (let at = body.indexOf(statement) - 1; at >= 0; at--) {
    const before = body[at];
    if (before?.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
    const expression = before.expression;
    if (expression.type === AST_NODE_TYPES.AssignmentExpression) return expression.operator === '=' && isName(expression.left) ? expression.right : undefined;
    if (!isOwnMethodCall(expression, isName)) return undefined;
  }
  return undefined;
}

/** `x.on('open', onOpen)`: a call of a method of `x` whose arguments are names, literals or functions (none runs anything of the app's). */
function isOwnMethodCall(node: Node, isReceiver: (node: Node) => boolean): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression || node.callee.computed || !isReceiver(node.callee.object)) return false;
  return node.arguments.every((a) => a.type === AST_NODE_TYPES.Identifier || a.type === AST_NODE_TYPES.Literal || a.type === AST_NODE_TYPES.FunctionExpression || a.type === AST_NODE_TYPES.ArrowFunctionExpression);
}

/**
 * `singleValueOf`, also for a variable that holds nothing but one value (`var client = null; … client =
 * new RtmClient(…)`, later `client = undefined` to drop it): whenever it holds anything else it is `null`
 * or `undefined`, which no call can use.
 */
export function assignedValueOf(variable: TSESLint.Scope.Variable): Node | undefined {
  const single = singleValueOf(variable);
  if (single) return single;
  const def = variable.defs[0];
  if (!def || !variable.defs.every(plainVar(variable.defs.length)) || def.type !== TSESLint.Scope.DefinitionType.Variable) return undefined;
  return heldWrite(def.node.init ?? undefined, laterWrites(variable, def.name));
}

/** A definition `name = …` of a plain declarator, and, where the name is declared more than once, each a `var`'s (which redeclares one variable). */
function plainVar(defs: number): (def: TSESLint.Scope.Definition) => boolean {
  return (def) =>
    def.type === TSESLint.Scope.DefinitionType.Variable && def.node.id === def.name && (defs === 1 || def.parent.kind === 'var');
}

/**
 * The value `node` holds whenever it holds anything usable: `cond ? new Slack(t) : undefined` is only
 * that client (a call on the other branch's `null` / `undefined` fails, or with `?.` does nothing).
 */
export function soleValueOf(node: Node): Node {
  const bare = unwrap(node);
  // `const slack = this.slack = new Slack(token)`: a plain assignment's value is its right side (blind s43/01).
  if (bare.type === AST_NODE_TYPES.AssignmentExpression && bare.operator === '=') return soleValueOf(bare.right);
  if (bare.type !== AST_NODE_TYPES.ConditionalExpression) return bare;
  if (isEmpty(bare.alternate) && !isEmpty(bare.consequent)) return soleValueOf(bare.consequent);
  if (isEmpty(bare.consequent) && !isEmpty(bare.alternate)) return soleValueOf(bare.alternate);
  return bare;
}

/** `null`, `undefined`, `void 0`. */
function isEmpty(node: Node): boolean {
  const bare = unwrap(node);
  return (
    (bare.type === AST_NODE_TYPES.Literal && bare.value === null) ||
    (bare.type === AST_NODE_TYPES.Identifier && bare.name === 'undefined') ||
    (bare.type === AST_NODE_TYPES.UnaryExpression && bare.operator === 'void')
  );
}

/** For `const { a: b } = init`, the key `a` that the identifier `b` is bound from (top level only). */
export function destructuredKey(resolver: Resolver, pattern: Node, identifier: TSESTree.Identifier): string | undefined {
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value === identifier) return propertyKeyName(resolver, property);
  }
  return undefined;
}

/** The expression a `const` identifier stands for (one hop), else the node itself. */
export function resolveConst(resolver: Resolver, node: Node): Node {
  const bare = unwrap(node);
  if (bare.type !== AST_NODE_TYPES.Identifier) return bare;
  const variable = variableOf(resolver, bare);
  const value = variable ? singleValueOf(variable) : undefined;
  const def = variable?.defs[0];
  // An implicit global written once stands for that value as a `let` would.
  if (!def) return unwrap(implicitGlobalValue(resolver, bare) ?? bare);
  if (!value || def.type !== TSESLint.Scope.DefinitionType.Variable || def.node.id !== def.name) return bare;
  return unwrap(value);
}
