import { BOTKIT } from '@rtm-migrate/core';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { descendants, heldValueOfName, memberName, programOf, unwrap, variableOf } from './ast.js';
import { enclosingFunction, type FunctionNode } from './functions.js';
import { originOf, thisOwner } from './origin.js';
import type { Located, ProjectLinks, Resolver } from './resolver.js';
import { memberPath } from './rtm-member-use.js';

/** Past this many functions handing a controller on (or spawns of one), a value is not followed further. */
const MAX_DEPTH = 4;

/** The controller a bot is spawned by (`controller.spawn(…)`, or a variable given it once). */
export function spawningController(resolver: Resolver, bot: TSESTree.Node): TSESTree.Node | undefined {
  const bare = unwrap(bot);
  const value = bare.type === AST_NODE_TYPES.Identifier ? heldValueOfName(resolver, bare) : bare;
  const made = value ? unwrap(value) : undefined;
  const spawner = made?.type === AST_NODE_TYPES.CallExpression ? unwrap(made.callee) : undefined;
  return spawner?.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, spawner) === BOTKIT.spawn ? spawner.object : undefined;
}

/**
 * `botResource.worker.startRTM(…)` where the function the call is in (or the module) sets
 * `botResource.worker = this.controller.spawn(config)` and writes that member nothing else: a worker
 * spawned by a controller handed in (beepboop-botkit 1.4, a plugin that leaves Botkit to the app).
 */
export function spawnedMember(resolver: Resolver, bot: TSESTree.Node): boolean {
  const bare = unwrap(bot);
  const path = bare.type === AST_NODE_TYPES.MemberExpression ? memberPath(resolver, bare) : undefined;
  if (path === undefined) return false;
  const writes = [...descendants(resolver, enclosingFunction(bare) ?? programOf(bare))].filter(
    (n): n is TSESTree.AssignmentExpression => n.type === AST_NODE_TYPES.AssignmentExpression && memberPath(resolver, n.left) === path,
  );
  return writes.length > 0 && writes.every((w) => w.operator === '=' && spawnedByHandedIn(resolver, w.right));
}

/**
 * A worker `controller.spawn(…)` made, where the controller is handed in: a parameter, or `this.controller`
 * given one only (`this.controller = controller` in the constructor). A controller the file makes itself
 * (`Botkit.slackbot(…)` of a copy or fork loaded through an object, blind s102/02) is no plugin's: its
 * origin decides.
 */
export function spawnedByHandedIn(resolver: Resolver, bot: TSESTree.Node): boolean {
  const controller = spawningController(resolver, bot);
  const bare = controller ? unwrap(controller) : undefined;
  if (bare?.type === AST_NODE_TYPES.Identifier) return isParameter(resolver, bare);
  if (bare?.type !== AST_NODE_TYPES.MemberExpression || bare.object.type !== AST_NODE_TYPES.ThisExpression) return false;
  const name = memberName(resolver, bare);
  const owner = thisOwner(bare);
  const writes = owner && name !== undefined ? [...descendants(resolver, owner)].filter(
    (n): n is TSESTree.AssignmentExpression => n.type === AST_NODE_TYPES.AssignmentExpression && n.left.type === AST_NODE_TYPES.MemberExpression && n.left.object.type === AST_NODE_TYPES.ThisExpression && memberName(resolver, n.left) === name,
  ) : [];
  return writes.length > 0 && writes.every((w) => w.operator === '=' && w.right.type === AST_NODE_TYPES.Identifier && isParameter(resolver, w.right));
}

function isParameter(resolver: Resolver, name: TSESTree.Identifier): boolean {
  const variable = variableOf(resolver, name);
  return variable?.defs.length === 1 && variable.defs[0]?.type === TSESLint.Scope.DefinitionType.Parameter && !variable.references.some((r) => r.isWrite());
}

/**
 * Which values are Botkit's Slack controller, or a worker it spawned, as far as the analysis follows them to
 * Botkit: a value Botkit made (`Botkit.slackbot(…)`, `require('botkit').slackbot(…)`, a name holding one,
 * its `spawn(…)`), the start site's own bot and the controller it was spawned by (the site is Botkit's:
 * library-start.ts judged it so, whatever its `require`), a worker such a controller spawned, or a parameter
 * of a function the project calls with one (`module.exports = function (controller)` of a skill file,
 * `require('./skills/x')(controller)` in another). An object of unknown origin (`emitter.on` of a parameter
 * no call is seen handing a controller) is none: its handlers' arguments are not Botkit's workers.
 */
export class BotkitValues {
  private readonly site = new Set<TSESLint.Scope.Variable>();
  private readonly calls = new Map<FunctionNode, Located<TSESTree.CallExpression>[]>();
  private byCallee: Map<FunctionNode, Located<TSESTree.CallExpression>[]> | undefined;

  /** `files`: where calls of a function with a controller are looked for; `start`: the start site's `startRTM(…)` call. */
  constructor(private readonly files: readonly Located<TSESTree.Program>[], start: Located<TSESTree.Node>) {
    const callee = start.node.type === AST_NODE_TYPES.CallExpression ? unwrap(start.node.callee) : undefined;
    const bot = callee?.type === AST_NODE_TYPES.MemberExpression ? callee.object : undefined;
    for (const held of [bot, bot && spawningController(start.resolver, bot)]) {
      const name = held ? unwrap(held) : undefined;
      const variable = name?.type === AST_NODE_TYPES.Identifier ? variableOf(start.resolver, name) : undefined;
      if (variable) this.site.add(variable);
    }
  }

  /** Whether `node` is followed to Botkit's Slack controller or a worker it spawned. */
  holds(resolver: Resolver, node: TSESTree.Node, depth = 0): boolean {
    const origin = originOf(resolver, node);
    if (origin !== undefined) return origin.module === BOTKIT.module && origin.instance && origin.name === BOTKIT.controller;
    const bare = unwrap(node);
    if (depth >= MAX_DEPTH) return false;
    const spawner = spawningController(resolver, bare);
    if (spawner !== undefined) return this.holds(resolver, spawner, depth + 1);
    if (bare.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = variableOf(resolver, bare);
    if (variable && this.site.has(variable)) return true;
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    const fn = def?.type === TSESLint.Scope.DefinitionType.Parameter ? def.node : undefined;
    if (fn?.type !== AST_NODE_TYPES.FunctionDeclaration && fn?.type !== AST_NODE_TYPES.FunctionExpression && fn?.type !== AST_NODE_TYPES.ArrowFunctionExpression) return false;
    const declared = def?.name;
    const index = fn.params.findIndex((p) => p === declared);
    if (index < 0 || fn.params.slice(0, index).some((p) => p.type === AST_NODE_TYPES.RestElement)) return false;
    return this.callsOf(resolver, fn).some((call) => {
      const argument = call.node.arguments[index];
      return argument !== undefined && argument.type !== AST_NODE_TYPES.SpreadElement && this.holds(call.resolver, argument, depth + 1);
    });
  }

  /**
   * The calls of `fn` seen: by its name in its own file, of its module or export where the project resolves
   * the callee to it (`require('./skills/x')(controller)`, `skill(controller)` of an imported name).
   */
  private callsOf(resolver: Resolver, fn: FunctionNode): Located<TSESTree.CallExpression>[] {
    const known = this.calls.get(fn);
    if (known) return known;
    const calls: Located<TSESTree.CallExpression>[] = [];
    this.calls.set(fn, calls);
    const name = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id : fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn ? fn.parent.id : undefined;
    const variable = name?.type === AST_NODE_TYPES.Identifier ? variableOf(resolver, name) : undefined;
    for (const reference of variable?.references ?? []) {
      const parent = reference.identifier.parent;
      if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier) calls.push({ node: parent, resolver });
    }
    const project = resolver.project;
    if (!project) return calls;
    calls.push(...project.callersElsewhere(resolver, fn));
    calls.push(...(this.moduleCalls(project).get(fn) ?? []).filter((call) => call.resolver !== resolver));
    return calls;
  }

  /**
   * Every call in `files` of a function another module exports (`require('./skills/x')(controller)`),
   * by the function it calls: found in one pass over the files, not one per function asked about (a
   * project with hundreds of skill modules asks for each handler's).
   */
  private moduleCalls(project: ProjectLinks): Map<FunctionNode, Located<TSESTree.CallExpression>[]> {
    if (this.byCallee) return this.byCallee;
    const found = new Map<FunctionNode, Located<TSESTree.CallExpression>[]>();
    for (const file of this.files) {
      for (const node of descendants(file.resolver, file.node)) {
        if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length === 0) continue;
        const callee = unwrap(node.callee);
        if (callee.type !== AST_NODE_TYPES.CallExpression && callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) continue;
        const called = project.moduleFunction ? project.moduleFunction(file.resolver, callee) : project.importedFunction(file.resolver, callee);
        if (called === undefined) continue;
        const calls = found.get(called.node) ?? [];
        calls.push({ node, resolver: file.resolver });
        found.set(called.node, calls);
      }
    }
    this.byCallee = found;
    return found;
  }
}
