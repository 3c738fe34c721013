import { BOTKIT } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { descendants, isPlainValue, isThisLike, memberName, propertyKeyName, outermost, programOf, unwrap, variableOf } from './ast.js';
import { BotkitValues } from './botkit-controller.js';
import { calledFunction, usesArguments, type FunctionNode } from './functions.js';
import { thisOwner } from './origin.js';
import type { Located, Resolver } from './resolver.js';

type Node = TSESTree.Node;

/** Past this many uses followed, a worker is taken as escaping: what is not looked at is not known. */
const MAX_STEPS = 4000;

/** Files that may hand a worker to a function, or spawn one: a cheap look at a file's text before it is parsed. */
const HANDS_WORKER = new RegExp(`\\.\\s*(${Object.keys(BOTKIT.handsWorker).join('|')})\\b`);

/**
 * Whether a Botkit worker leaves for code the analysis does not read, anywhere in the project (this file
 * alone without one): handed to a function of another package or one that cannot be resolved
 * (`someLib.handle(bot, message)`, `require('botkit-middleware-x')(bot)`, `handlers[name](bot)`), put in an
 * object, array or export, returned, or given to Botkit by a handler that cannot be seen. There it may
 * read any field of `bot.identity` / `bot.team_info` (rtm.start's `self` and `team`), which the reads found
 * by name (botkit-reads.ts) would not count. Workers are the values Botkit hands the app (BOTKIT.handsWorker:
 * every handler's `bot`, `startRTM`'s callback's, `spawn`'s) and `spawn(…)`'s result, followed into the
 * project's own functions they are handed to, into variables and `this.<name>` fields they are kept in.
 * True too where a file that may hold one cannot be parsed.
 */
export function workerEscapes(resolver: Resolver, call: Node): boolean {
  const files = resolver.project?.filesMentioning ? resolver.project.filesMentioning(HANDS_WORKER) : [{ node: programOf(call), resolver }];
  if (files === undefined) return true;
  const follower = new WorkerFollower(new BotkitValues(files, { node: call, resolver }));
  return files.some((file) => follower.escapesIn(file));
}

class WorkerFollower {
  private readonly seen = new Set<Node>();
  private steps = 0;

  constructor(private readonly botkit: BotkitValues) {}

  /** Whether a worker Botkit hands a function of this file, or one its `spawn` returns here, escapes. */
  escapesIn({ node: program, resolver }: Located<TSESTree.Program>): boolean {
    for (const node of descendants(resolver, program)) {
      if (node.type !== AST_NODE_TYPES.CallExpression) continue;
      const index = workerParameter(this.botkit, resolver, node);
      if (index === undefined) continue;
      if (memberName(resolver, node.callee as TSESTree.MemberExpression) === BOTKIT.spawn && this.valueEscapes(resolver, node)) return true;
      // Botkit's callback is the last argument (`hears(patterns, events, middleware, fn)`); `spawn(config)` may have none.
      const handler = node.arguments.at(-1);
      if (handler === undefined || isPlainValue(handler)) continue;
      const fn = calledFunction(resolver, handler);
      // A handler not seen (`require('botkit-handler')`, `handlers[name]`) gets the worker where it cannot be followed.
      if (!fn || this.parameterEscapes(fn.resolver, fn.node, index)) return true;
    }
    return false;
  }

  /** Whether what `fn` is handed at `index` (a worker) escapes from it. */
  private parameterEscapes(resolver: Resolver, fn: FunctionNode, index: number): boolean {
    if (index >= fn.params.length && !usesArguments(resolver, fn)) return false;
    const param = fn.params[index];
    if (param?.type !== AST_NODE_TYPES.Identifier || usesArguments(resolver, fn) || fn.params.slice(0, index).some((p) => p.type === AST_NODE_TYPES.RestElement)) return true;
    return this.variableEscapes(resolver, param);
  }

  /** Whether a worker a name holds escapes through any read of it. */
  private variableEscapes(resolver: Resolver, name: TSESTree.Identifier): boolean {
    if (this.seen.has(name)) return false;
    this.seen.add(name);
    for (const reference of variableOf(resolver, name)?.references ?? []) {
      if (reference.isRead() && this.valueEscapes(resolver, reference.identifier)) return true;
    }
    return false;
  }

  /**
   * Whether the worker `value` stands for escapes where it is used: a member read off it (`bot.reply`,
   * `bot.team_info.domain`: found by name) or a test keeps it here; an argument to a function of the
   * project, a variable or a `this.<name>` field are followed; every other use is an escape.
   */
  private valueEscapes(resolver: Resolver, value: Node): boolean {
    if (++this.steps > MAX_STEPS) return true;
    const use = outermost(value);
    const parent = use.parent;
    if (!parent) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.MemberExpression:
        return parent.object !== use;
      case AST_NODE_TYPES.ExpressionStatement:
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.BinaryExpression:
        return false;
      case AST_NODE_TYPES.UnaryExpression:
        return parent.operator === 'delete';
      case AST_NODE_TYPES.ConditionalExpression:
        return parent.test !== use && this.valueEscapes(resolver, parent);
      case AST_NODE_TYPES.LogicalExpression:
        return this.valueEscapes(resolver, parent);
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        return parent.callee !== use && this.argumentEscapes(resolver, parent, use);
      case AST_NODE_TYPES.VariableDeclarator:
        return parent.init === use && (parent.id.type !== AST_NODE_TYPES.Identifier || this.variableEscapes(resolver, parent.id));
      case AST_NODE_TYPES.AssignmentExpression:
        return parent.right === use && this.heldEscapes(resolver, parent);
      case AST_NODE_TYPES.Property:
        return parent.value !== use || parent.parent.type !== AST_NODE_TYPES.ObjectExpression || this.propertyEscapes(resolver, parent);
      default:
        return true;
    }
  }

  /** Whether a worker handed to a call escapes: followed into a function of the project, an escape anywhere else. */
  private argumentEscapes(resolver: Resolver, call: TSESTree.CallExpression | TSESTree.NewExpression, argument: Node): boolean {
    const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
    if (index < 0 || call.type === AST_NODE_TYPES.NewExpression || call.arguments.slice(0, index).some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return true;
    if (isObjectAssign(resolver, call.callee)) return this.copiedEscapes(resolver, call, index);
    const fn = calledFunction(resolver, call.callee);
    return !fn || this.parameterEscapes(fn.resolver, fn.node, index);
  }

  /**
   * Whether a worker whose members `Object.assign(target, …)` copies (or the target it writes them to) escapes:
   * the target then holds them, as does the call's value. A target followed: a variable, or `this` of a named
   * class (every `this` in its body, every `new` of it).
   */
  private copiedEscapes(resolver: Resolver, call: TSESTree.CallExpression, index: number): boolean {
    if (this.valueEscapes(resolver, call)) return true;
    const target = call.arguments[0] === undefined ? undefined : unwrap(call.arguments[0]);
    if (index === 0) return false;
    if (target?.type === AST_NODE_TYPES.Identifier) return this.variableEscapes(resolver, target);
    if (target?.type !== AST_NODE_TYPES.ThisExpression) return true;
    const body = thisOwner(target);
    const owner = body?.type === AST_NODE_TYPES.ClassBody ? body.parent : undefined;
    if (owner?.type !== AST_NODE_TYPES.ClassDeclaration || !owner.id) return true;
    if (this.seen.has(owner)) return false;
    this.seen.add(owner);
    for (const node of descendants(resolver, owner.body)) {
      if (node.type === AST_NODE_TYPES.ThisExpression && node !== target && this.valueEscapes(resolver, node)) return true;
    }
    for (const reference of classReferences(resolver, owner)) {
      const made = reference.identifier.parent;
      if (made.type !== AST_NODE_TYPES.NewExpression || made.callee !== reference.identifier || this.valueEscapes(resolver, made)) return true;
    }
    return false;
  }

  /** Whether a worker assigned escapes: to a variable (its reads followed) or a `this.<name>` field (every `this.<name>` of the file followed). */
  private heldEscapes(resolver: Resolver, assignment: TSESTree.AssignmentExpression): boolean {
    if (assignment.operator !== '=') return true;
    const target = assignment.left;
    if (target.type === AST_NODE_TYPES.Identifier) return this.variableEscapes(resolver, target);
    const name = target.type === AST_NODE_TYPES.MemberExpression && !target.computed && isThisLike(resolver, target.object) ? memberName(resolver, target) : undefined;
    return name === undefined || this.valueEscapes(resolver, assignment) || this.membersEscape(resolver, target, name, isThisLike);
  }

  /**
   * Whether a worker a member of an object literal holds escapes (`{ worker: controller.spawn(…) }`): through
   * the object, or any `this.<key>` / `<name>.<key>` of the file.
   */
  private propertyEscapes(resolver: Resolver, property: TSESTree.Property): boolean {
    const key = property.computed || property.kind !== 'init' ? undefined : propertyKeyName(resolver, property);
    const holdsIt = (r: Resolver, object: Node): boolean => isThisLike(r, object) || unwrap(object).type === AST_NODE_TYPES.Identifier;
    return key === undefined || this.valueEscapes(resolver, property.parent) || this.membersEscape(resolver, property, key, holdsIt);
  }

  /** Whether a worker escapes through any member `name` of the file (besides `written`) whose object `holds` may be the one holding it. */
  private membersEscape(resolver: Resolver, written: Node, name: string, holds: (resolver: Resolver, object: Node) => boolean): boolean {
    for (const node of descendants(resolver, programOf(written))) {
      if (node === written || node.type !== AST_NODE_TYPES.MemberExpression || this.seen.has(node)) continue;
      if (memberName(resolver, node) !== name || !holds(resolver, node.object)) continue;
      this.seen.add(node);
      if (this.valueEscapes(resolver, node)) return true;
    }
    return false;
  }
}

/**
 * The parameter at which the function given to `call` gets a worker (BOTKIT.handsWorker), where `call` is
 * one of Botkit's that hands one: its receiver (for `use`, the controller whose `middleware` stage it is)
 * followed to Botkit's Slack controller or a worker it spawned (BotkitValues). `on` of any other
 * object (`process.on`, a socket's, a parameter no call is seen handing a controller) hands no worker.
 */
function workerParameter(botkit: BotkitValues, resolver: Resolver, call: TSESTree.CallExpression): number | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = memberName(resolver, callee);
  const hands: Readonly<Record<string, number>> = BOTKIT.handsWorker;
  if (name === undefined || !Object.hasOwn(hands, name)) return undefined;
  const receiver = unwrap(callee.object);
  if (name !== 'use') return botkit.holds(resolver, receiver) ? hands[name] : undefined;
  const stages = receiver.type === AST_NODE_TYPES.MemberExpression ? unwrap(receiver.object) : undefined;
  if (stages?.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, stages) !== BOTKIT.middleware) return undefined;
  return botkit.holds(resolver, stages.object) ? hands[name] : undefined;
}

/** Every reference to a class declaration's name: its own scope's binding (inside the class) and the one where it is declared. */
function classReferences(resolver: Resolver, declaration: TSESTree.ClassDeclaration): TSESLint.Scope.Reference[] {
  const references: TSESLint.Scope.Reference[] = [];
  for (let scope: TSESLint.Scope.Scope | null = resolver.getScope(declaration); scope; scope = scope.upper) {
    for (const variable of scope.variables) if (variable.defs.some((d) => d.node === declaration)) references.push(...variable.references);
  }
  return references;
}

/** `Object.assign` (the global's, not shadowed), which copies a worker's members onto another object (`Object.assign(this, controller.spawn(…))`). */
function isObjectAssign(resolver: Resolver, callee: Node): boolean {
  const bare = unwrap(callee);
  if (bare.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, bare) !== 'assign') return false;
  const owner = unwrap(bare.object);
  return owner.type === AST_NODE_TYPES.Identifier && owner.name === 'Object' && !variableOf(resolver, owner)?.defs.length;
}
