import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { descendants, isThisLike, memberName, programOf, unwrap, variableOf } from './ast.js';
import { callsSeen } from './every-call.js';
import { classConstructor, classOf, declaredBinding, thisMethod, usesArguments, type FunctionNode } from './functions.js';
import { constructorGivenClient, type ClassProject } from './injected-client.js';
import { isPackageEntry } from './modules.js';
import { clientKindOfConstructor, constructionOf, isLegacyClientConstruction, originOf, thisOwner } from './origin.js';
import type { Located, Resolver } from './resolver.js';

type Node = TSESTree.Node;
type Class = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Functions being followed: one that hands its parameter on to itself stops there. */
const following = new Set<string>();

/**
 * `slack.start()` where `slack` is a parameter (never assigned) of a function of the project (spleenboy/bidbot's
 * `new Bot(slack)` → `this.connect(slack)` → `slack.start()`): the one legacy client (`new RtmClient(…)`, or
 * `new Slack(…)` of `slack-client` 1.x) every call of it hands there, a parameter handed on being followed in
 * turn. The calls are those of a function declared by name (every one, exported ones in the project's other
 * files: callsSeen), of a class's constructor (every `new` of the class: constructorGivenClient), or of a
 * method of a class (methodCalls). Undefined where a call may be unseen, or two calls hand different clients.
 */
export function handedConstruction(project: ClassProject, resolver: Resolver, node: Node): Located<TSESTree.NewExpression> | undefined {
  const parameter = parameterAt(resolver, node);
  if (!parameter) return undefined;
  const { fn, index } = parameter;
  const key = `${resolver.file ?? ''}:${String(fn.range[0])}:${String(index)}`;
  if (following.has(key)) return undefined;
  following.add(key);
  try {
    if (isConstructor(fn)) return constructorGivenClient(project, resolver, fn, index);
    const seen = callsOfFunction(resolver, fn);
    return seen?.complete === true ? clientHandedBy(project, seen.calls, index) : undefined;
  } finally {
    following.delete(key);
  }
}

/**
 * Where a parameter whose every call handedConstruction cannot tie to one client is handed a legacy
 * client all the same (`connect(new RtmClient(a))` beside `connect(other)`): the first such call seen
 * (in the file, or the exported function's importers), for the report. Its `start()` requests `rtm.start`.
 */
export function legacyClientHandedAt(resolver: Resolver, node: Node): Located<TSESTree.CallExpression | TSESTree.NewExpression> | undefined {
  const parameter = parameterAt(resolver, node);
  if (!parameter) return undefined;
  const { fn, index } = parameter;
  const calls = isConstructor(fn) ? constructionsHere(resolver, fn) : (callsOfFunction(resolver, fn)?.calls ?? []);
  return calls.find((call) => {
    const made = call.node.arguments.length > index ? constructionOf(call.resolver, call.node.arguments[index] as Node) : undefined;
    return made !== undefined && clientKindOfConstructor(call.resolver, made.callee) === 'legacy-rtm-client';
  });
}

/** The function a parameter (never assigned; no `arguments` read that could change it) belongs to, and its position. */
function parameterAt(resolver: Resolver, node: Node): { readonly fn: FunctionNode; readonly index: number } | undefined {
  const bare = unwrap(node);
  const variable = bare.type === AST_NODE_TYPES.Identifier ? variableOf(resolver, bare) : undefined;
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def?.type !== TSESLint.Scope.DefinitionType.Parameter || variable.references.some((r) => r.isWrite())) return undefined;
  const fn = def.node as FunctionNode;
  const index = fn.params.findIndex((p) => p === def.name || (p.type === AST_NODE_TYPES.TSParameterProperty && p.parameter === def.name));
  // Sloppy-mode `arguments[0] = other` would change the parameter unseen.
  return index < 0 || usesArguments(resolver, fn) ? undefined : { fn, index };
}

function isConstructor(fn: FunctionNode): boolean {
  return fn.parent.type === AST_NODE_TYPES.MethodDefinition && fn.parent.kind === 'constructor';
}

/** A method's calls (methodCalls), or a function's declared by name (callsSeen). */
function callsOfFunction(resolver: Resolver, fn: FunctionNode): { readonly calls: Located<TSESTree.CallExpression>[]; readonly complete: boolean } | undefined {
  return fn.parent.type === AST_NODE_TYPES.MethodDefinition ? methodCalls(resolver, fn, fn.parent) : callsSeen(resolver, fn);
}

/** The `new`s of a constructor's class in its own file (by its name, outside the class or in it). */
function constructionsHere(resolver: Resolver, ctor: FunctionNode): Located<TSESTree.NewExpression>[] {
  const cls = ctor.parent.parent?.parent;
  if (cls?.type !== AST_NODE_TYPES.ClassDeclaration && cls?.type !== AST_NODE_TYPES.ClassExpression) return [];
  return classReferences(resolver, cls).flatMap((reference) => {
    const made = reference.identifier.parent;
    return made.type === AST_NODE_TYPES.NewExpression && made.callee === reference.identifier ? [{ node: made, resolver }] : [];
  });
}

/** The legacy client all the calls hand in at `index`, when it is one and the same `new`. */
function clientHandedBy(project: ClassProject, calls: readonly Located<TSESTree.CallExpression>[], index: number): Located<TSESTree.NewExpression> | undefined {
  let found: Located<TSESTree.NewExpression> | undefined;
  for (const call of calls) {
    const args = call.node.arguments.slice(0, index + 1);
    const arg = args[index];
    if (!arg || args.some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return undefined;
    const local = constructionOf(call.resolver, arg);
    const client = local ? { node: local, resolver: call.resolver } : project.importedConstruction(call.resolver, arg);
    if (!client || (found && found.node !== client.node)) return undefined;
    found = client;
  }
  return found && isLegacyClientConstruction(found.resolver, found.node) ? found : undefined;
}

/**
 * Every call of a method of a class (no `extends`, declared by name): `this.connect(…)` in the class,
 * `bot.connect(…)` / `new Bot().connect(…)` on one of its instances, in its file and, where its
 * instances may leave the file (instancesStayHere, thisLeaves), in every other file of the project that names the
 * method (callsElsewhere). Not complete where a file names the method otherwise (`this.connect` handed
 * on, a `.connect(…)` on a value that may be an instance): some call may be unseen. A `.connect(…)` of a
 * module's value (`mongoose.connect()`) or of another class's instance is not one of its calls.
 */
function methodCalls(resolver: Resolver, fn: FunctionNode, definition: TSESTree.MethodDefinition): { readonly calls: Located<TSESTree.CallExpression>[]; readonly complete: boolean } | undefined {
  const cls = definition.parent.parent;
  const name = definition.static || definition.computed || definition.key.type !== AST_NODE_TYPES.Identifier ? undefined : definition.key.name;
  if (name === undefined) return undefined;
  const own = programOf(fn);
  const here = methodUses(resolver, own, name, (member) => {
    if (isThisLike(resolver, member.object)) return thisMethod(resolver, member, name) === fn ? 'ours' : 'other';
    const made = constructionOf(resolver, member.object);
    return made !== undefined && classOf(resolver, made.callee) === cls ? 'ours' : valueOfOthers(resolver, member.object);
  });
  // A subclass may call the method with anything.
  const complete = here.complete && !cls.superClass;
  if (instancesStayHere(resolver, cls) && !thisLeaves(resolver, cls)) return { calls: here.calls, complete };
  const elsewhere = callsElsewhere(resolver, own, name, classConstructor(cls));
  return { calls: [...here.calls, ...(elsewhere?.calls ?? [])], complete: complete && elsewhere?.complete === true };
}

/**
 * `new Bot()` in another file makes the class at hand: the class `ctor` constructs, as that file's
 * import names it; or, for a class with no constructor of its own, a class of its module, `own`, which
 * declares no other.
 */
function madeHere(there: Resolver, made: TSESTree.NewExpression, ctor: FunctionNode | undefined, home: Resolver, own: TSESTree.Program): boolean {
  if (ctor) return there.project?.moduleFunction?.(there, made.callee)?.node === ctor;
  const module = originOf(there, made.callee)?.module;
  if (module === undefined || !module.startsWith('.') || there.file === undefined || home.file === undefined) return false;
  const classes = [...descendants(home, own)].filter((n) => n.type === AST_NODE_TYPES.ClassDeclaration || n.type === AST_NODE_TYPES.ClassExpression);
  return classes.length === 1 && there.project?.resolveModule?.(there.file, module) === home.file;
}

/** What a `.connect` names: the method at hand (its call is one of them), another's (`mongoose.connect`), or maybe the method. */
type MethodUse = 'ours' | 'other' | 'unknown';

/** The calls of a method named `name` in one file, as `judge` tells them; not complete where another use may be one. */
function methodUses(resolver: Resolver, program: TSESTree.Program, name: string, judge: (member: TSESTree.MemberExpression) => MethodUse): { readonly calls: Located<TSESTree.CallExpression>[]; readonly complete: boolean } {
  const calls: Located<TSESTree.CallExpression>[] = [];
  let complete = true;
  for (const node of descendants(resolver, program)) {
    if (node.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, node) !== name) continue;
    const use = judge(node);
    if (use === 'other') continue;
    const call = node.parent;
    if (use === 'ours' && call.type === AST_NODE_TYPES.CallExpression && call.callee === node) calls.push({ node: call, resolver });
    else complete = false;
  }
  return { calls, complete };
}

/**
 * A package's value (`mongoose`), or an instance of another class of the file: not an instance of the
 * class at hand (which the caller has ruled out). A value of the app's own modules may be one.
 */
function valueOfOthers(resolver: Resolver, node: Node): MethodUse {
  const made = constructionOf(resolver, node);
  const module = originOf(resolver, node)?.module;
  return (made !== undefined && classOf(resolver, made.callee) !== undefined) || (module !== undefined && !module.startsWith('.')) ? 'other' : 'unknown';
}

/**
 * The calls of the method in the project's other files that name it: on an instance of the class
 * (`new Bot()` of the class `ctor` constructs, required from its module); `this.connect` in a class of
 * their own with no `extends` is another's. Not complete where a use may be one unseen, or where code
 * outside the project loads the class's file (the package's entry); undefined without the project's
 * files (the lint's view of one file).
 */
function callsElsewhere(resolver: Resolver, own: TSESTree.Program, name: string, ctor: FunctionNode | undefined): { readonly calls: Located<TSESTree.CallExpression>[]; readonly complete: boolean } | undefined {
  if (resolver.file === undefined) return undefined;
  const files = resolver.project?.filesMentioning?.(new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`));
  if (!files) return undefined;
  const calls: Located<TSESTree.CallExpression>[] = [];
  let complete = !isPackageEntry(resolver.file);
  for (const { node: program, resolver: there } of files) {
    if (program === own) continue;
    const found = methodUses(there, program, name, (member) => {
      if (isThisLike(there, member.object)) {
        const owner = thisOwner(member);
        return owner?.type === AST_NODE_TYPES.ClassBody && !owner.parent.superClass ? 'other' : 'unknown';
      }
      const made = constructionOf(there, member.object);
      if (made && madeHere(there, made, ctor, resolver, own)) return 'ours';
      return valueOfOthers(there, member.object);
    });
    calls.push(...found.calls);
    complete &&= found.complete;
  }
  return { calls, complete };
}

/**
 * A class declared by name, used only in `new` in its own file (not exported, extended or handed on), each
 * instance called on in place (`new Bot(slack).run()`), dropped, or kept in a variable only called on.
 */
function instancesStayHere(resolver: Resolver, cls: Class): boolean {
  const references = classReferences(resolver, cls);
  return references.length > 0 && references.every((reference) => {
    const made = reference.identifier.parent;
    if (made.type !== AST_NODE_TYPES.NewExpression || made.callee !== reference.identifier) return false;
    const holder = made.parent;
    if (holder.type === AST_NODE_TYPES.ExpressionStatement || (holder.type === AST_NODE_TYPES.MemberExpression && holder.object === made)) return true;
    if (holder.type !== AST_NODE_TYPES.VariableDeclarator || holder.init !== made || holder.id.type !== AST_NODE_TYPES.Identifier) return false;
    const uses = variableOf(resolver, holder.id)?.references ?? [];
    return uses.every((use) => use.init === true || (!use.isWrite() && use.identifier.parent.type === AST_NODE_TYPES.MemberExpression && use.identifier.parent.object === use.identifier));
  });
}

/** The instance leaves through `this` (`registry.add(this)`, `const self = this`): code of other files may call its methods. */
function thisLeaves(resolver: Resolver, cls: Class): boolean {
  return [...descendants(resolver, cls.body)].some((n) => n.type === AST_NODE_TYPES.ThisExpression && (n.parent.type !== AST_NODE_TYPES.MemberExpression || n.parent.object !== n));
}

/** The uses of a declared class's name, outside it and inside (`static make() { return new Bot() }` names its inner binding); none for a class expression. */
function classReferences(resolver: Resolver, cls: Class): TSESLint.Scope.Reference[] {
  if (cls.type !== AST_NODE_TYPES.ClassDeclaration || !cls.id) return [];
  const outer = declaredBinding(resolver, cls, cls.id);
  return outer ? [...outer.references, ...(resolver.getScope(cls).set.get(cls.id.name)?.references ?? [])] : [];
}
