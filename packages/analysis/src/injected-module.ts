import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { descendants, isThisLike, memberName, programOf, unwrap, variableOf } from './ast.js';
import { es5Methods, prototypeMethodOwner } from './es5-class.js';
import { isExportsTarget } from './every-call.js';
import { classOf, localFunction, ownThisFunction, thisFunction, type FunctionNode } from './functions.js';
import { constructionOf, originOf } from './origin.js';
import type { Located, Resolver } from './resolver.js';

type Node = TSESTree.Node;

/** An ES5 constructor function with its prototype methods, or a class (no `extends`): whose `init` is called. */
interface MethodHolder {
  readonly ctor: FunctionNode | TSESTree.ClassDeclaration | TSESTree.ClassExpression;
  readonly method: FunctionNode;
  readonly name: string;
  /** The expression, in `resolver`'s file, constructs the holder. */
  constructs(resolver: Resolver, callee: Node): boolean;
  /** The function whose `this` a receiver is (its file's) is one of the holder's. */
  within(fn: FunctionNode): boolean;
}

/** Methods being followed: a holder whose method hands on a field filled the same way stops at itself. */
const following = new Set<FunctionNode>();
const found = new WeakMap<FunctionNode, Map<number, string | undefined>>();

/**
 * The module a method's parameter stores into a field (`X.prototype.init = function (slack) { this.slack = slack }`,
 * or a class's `init(slack)`), where every call of that method in the project hands it the same whole module:
 * `controller.init(require('@slack/client'))`, or the field of another holder filled so (blind s69/01 handed
 * `@slack/client` through two `init` methods to `new this.slackClient.RtmClient(…)`). Undefined where a call
 * may be unseen: a call of a method of that name on a receiver that is neither made by `new` of the holder nor
 * of another constructor that defines the method itself, the method used but not called, the holder's name
 * used other than in `new`, its prototype methods and its export (a subclass, `X.call(this)`), a spread
 * argument, or the lint's view of one file.
 */
export function parameterFieldModule(resolver: Resolver, value: Node): string | undefined {
  const bare = unwrap(value);
  if (bare.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(resolver, bare);
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def?.type !== TSESLint.Scope.DefinitionType.Parameter || variable.references.some((r) => r.isWrite())) return undefined;
  const method = def.node;
  if (method.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  const index = method.params.indexOf(def.name);
  // The write is the method's own (not of a function it makes, which may run with another `this`).
  if (index < 0 || ownThisFunction(bare) !== method) return undefined;
  const holder = holderOf(resolver, method);
  if (!holder) return undefined;
  let known = found.get(method);
  if (!known) found.set(method, (known = new Map<number, string | undefined>()));
  if (known.has(index)) return known.get(index);
  if (following.has(method)) return undefined;
  following.add(method);
  try {
    const module = moduleGiven(resolver, holder, index);
    known.set(index, module);
    return module;
  } finally {
    following.delete(method);
  }
}

function holderOf(resolver: Resolver, method: TSESTree.FunctionExpression): MethodHolder | undefined {
  const owner = prototypeMethodOwner(method);
  if (owner) {
    const ctor = localFunction(resolver, owner);
    const store = method.parent;
    const name = store.type === AST_NODE_TYPES.AssignmentExpression && store.left.type === AST_NODE_TYPES.MemberExpression ? memberName(resolver, store.left) : undefined;
    if (!ctor || ctor.type === AST_NODE_TYPES.ArrowFunctionExpression || name === undefined || !onlyConstructed(resolver, owner)) return undefined;
    const roots = new Set<Node>([ctor, ...es5Methods(resolver, ctor, false).map((m) => m.method)]);
    return {
      ctor,
      method,
      name,
      constructs: (at, callee) => constructedFunction(at, callee)?.node === ctor,
      within: (fn) => roots.has(fn),
    };
  }
  const definition = method.parent;
  if (definition.type !== AST_NODE_TYPES.MethodDefinition || definition.kind !== 'method' || definition.static || definition.computed || definition.key.type !== AST_NODE_TYPES.Identifier) return undefined;
  const cls = definition.parent.parent;
  if (cls.superClass) return undefined;
  return {
    ctor: cls,
    method,
    name: definition.key.name,
    constructs: (at, callee) => programOf(callee) === programOf(cls) && classOf(at, callee) === cls,
    within: (fn) => fn.parent.type === AST_NODE_TYPES.MethodDefinition && fn.parent.parent.parent === cls,
  };
}

/**
 * The constructor function's name is used only in `new`, through its `prototype` and in its export: no
 * subclass (`util.inherits(Y, X)`, `X.call(this)`) may call the method unseen.
 */
function onlyConstructed(resolver: Resolver, owner: TSESTree.Identifier): boolean {
  const variable = variableOf(resolver, owner);
  if (!variable) return false;
  return variable.references.every(({ identifier }) => {
    const parent = identifier.parent;
    if (parent.type === AST_NODE_TYPES.NewExpression && parent.callee === identifier) return true;
    // `X.prototype.m = …`, `X.prototype.m.bind(this)`; `Object.create(X.prototype)` makes an instance no `new` shows,
    // whose calls of the method have receivers of unknown make (and so stop the search).
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier && memberName(resolver, parent) === 'prototype') return true;
    return parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === identifier && isExportsTarget(parent.left);
  });
}

/** The function a `new` callee names: local, imported from a project file (`new TeamController.TeamController()`), or the module itself. */
function constructedFunction(resolver: Resolver, callee: Node): Located<FunctionNode> | undefined {
  const bare = unwrap(callee);
  const local = bare.type === AST_NODE_TYPES.Identifier ? localFunction(resolver, bare) : undefined;
  if (local) return { node: local, resolver };
  return resolver.project?.importedFunction(resolver, bare) ?? resolver.project?.moduleFunction?.(resolver, bare);
}

/** The one whole module every call of the holder's method hands the parameter at `index`. */
function moduleGiven(resolver: Resolver, holder: MethodHolder, index: number): string | undefined {
  const programs = resolver.project?.filesMentioning?.(new RegExp(`\\b${holder.name.replace(/\$/g, '\\$')}\\b`));
  if (!programs) return undefined;
  const modules = new Set<string>();
  for (const { node: program, resolver: at } of programs) {
    for (const node of descendants(at, program)) {
      if (node.type !== AST_NODE_TYPES.MemberExpression || memberName(at, node) !== holder.name) continue;
      // `X.prototype.init = function …`: a definition, its own or another constructor's.
      if (node.parent.type === AST_NODE_TYPES.AssignmentExpression && node.parent.left === node && unwrap(node.object).type === AST_NODE_TYPES.MemberExpression) continue;
      const call = node.parent;
      if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== node) return undefined;
      const target = callTarget(at, holder, node.object);
      if (target === 'other') continue;
      if (target === 'unknown') return undefined;
      const args = call.arguments.slice(0, index + 1);
      const arg = args[index];
      if (!arg || args.some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return undefined;
      const origin = originOf(at, arg);
      if (!origin || origin.instance || (origin.name !== '*' && origin.name !== 'default')) return undefined;
      modules.add(origin.module);
    }
  }
  const [only] = modules;
  return modules.size === 1 ? only : undefined;
}

/** Whose method a call on `receiver` is: the holder's, another constructor's own (`db.init()` of `new DB()` with `DB.prototype.init`), or unknown. */
function callTarget(resolver: Resolver, holder: MethodHolder, receiver: Node): 'holder' | 'other' | 'unknown' {
  if (isThisLike(resolver, receiver)) {
    const fn = thisFunction(resolver, receiver);
    return fn && programOf(fn) === programOf(holder.method) && holder.within(fn) ? 'holder' : 'unknown';
  }
  const made = constructionOf(resolver, receiver);
  if (!made) return 'unknown';
  if (holder.constructs(resolver, made.callee)) return 'holder';
  const fn = constructedFunction(resolver, made.callee);
  const own = fn && fn.node.type !== AST_NODE_TYPES.ArrowFunctionExpression && es5Methods(fn.resolver, fn.node, false).some((m) => m.name === holder.name);
  return own === true ? 'other' : 'unknown';
}
