import { dirname, relative, resolve } from 'node:path';

import { SLACKBOTAPI, SLACKBOTS } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { children, descendants, isFunction, isPrototype, isThisLike, memberName, programOf, requiredModule, unwrap, within } from './ast.js';
import { givenDefinitions, instanceDefinitions, keptInOwnField, mayLogInAgain, usedThroughMembers } from './instance-override.js';
import { resolveRelativeModule } from './modules.js';
import { originOf } from './origin.js';
import { exportsAnything, memberDefinitions } from './overrides.js';
import type { Resolver } from './resolver.js';
import type { Subclass } from './slack-package-bot.js';

type Node = TSESTree.Node;

/**
 * Why the generated module's subclass of a library class (`withSlackbotsRtmStart(SlackBot)`, whose `_api`
 * answers `rtm.start`; `withSlackbotapiRtmStart(slackAPI)`, whose `reqAPI` does) would never be asked, put
 * under `cls`: the app gives that method (slackbots' `_api`, slackbotapi's `reqAPI`) another function that
 * does not hand every call on to the parent's with `super.<method>(<its first parameter>, …)` before anything
 * else can answer, so the library's own `this.<method>('rtm.start')` runs the app's function, not the
 * wrapper's. Looked for in the class's own file (its member, `this.<method> = …` inside it,
 * `X.prototype.<method> = …` of its name, a member of a class there extending it by name, or a function given
 * to an instance `new X(…)` there makes: instanceOverride), then in the project's modules that load the
 * class's (overrideElsewhere). Undefined where none is found.
 */
export function skippedOverride(resolver: Resolver, cls: Subclass, library: 'slackbots' | 'slackbotapi'): string | undefined {
  const method = requestMethod(library);
  const name = cls.id?.name ?? classBinding(cls);
  const program = programOf(cls);
  const own = memberDefinitions(resolver, program, method).filter((d) => within(d, cls) || (name !== undefined && ofClassNamed(resolver, d, name)));
  const here = own.find((d) => !forwards(resolver, d, method));
  if (here) return `\`${method}\` is given a function of the app's own on line ${String(here.loc.start.line)}, which ${forwardingAdvice(method)}`;
  const made = name === undefined ? [] : [...descendants(resolver, program)].filter((n): n is TSESTree.NewExpression => n.type === AST_NODE_TYPES.NewExpression && isNamed(unwrap(n.callee), name));
  return made.map((m) => instanceOverride(resolver, m, library)).find((why) => why !== undefined) ?? overrideElsewhere(resolver, method);
}

/** The method each library asks for `rtm.start` through, which the generated module's subclass answers. */
function requestMethod(library: 'slackbots' | 'slackbotapi'): string {
  return library === 'slackbots' ? SLACKBOTS.request : SLACKBOTAPI.request;
}

/**
 * Why the generated module's subclass, made the class of the bot `made` builds (`new (withSlackbotsRtmStart(SlackBot))(…)`),
 * would not be asked: the app gives that bot itself a `method` of its own (`bot._api = …`, `Object.assign(bot, { reqAPI … })`),
 * an own property that stands in front of every class's, and the library asks that method for `rtm.start` after it
 * is set: slackbotapi on each reconnect; slackbots (whose constructor's login comes before any such assignment)
 * only when the bot logs in again (mayLogInAgain). Undefined where none is found.
 */
export function instanceOverride(resolver: Resolver, made: TSESTree.NewExpression, library: 'slackbots' | 'slackbotapi'): string | undefined {
  const method = requestMethod(library);
  if (library === 'slackbots' && !mayLogInAgain(resolver, made)) return undefined;
  const [first] = instanceDefinitions(resolver, made, method);
  const where =
    first !== undefined
      ? `on line ${String(first.loc.start.line)}`
      : usedThroughMembers(resolver, made)
        ? undefined
        : keptInOwnField(resolver, made)
          ? importerDefinition(resolver, programOf(made), method, () => true, true)
          : importedInstanceDefinition(resolver, programOf(made), method);
  if (where === undefined) return undefined;
  const when = library === 'slackbots' ? 'when the bot logs in again (the file calls `login()`, the bot is made with `disconnect` or with settings not shown here, or it is handed where that cannot be seen)' : 'for the `rtm.start` request slackbotapi makes again on each reconnect';
  return `\`${method}\` is given a function of the app's own ${where}, on the bot itself, which stands in front of any class's \`${method}\` and runs in place of the generated module's ${when}; a function given to the bot cannot hand its calls on with \`super.${method}(…)\`: define it in a subclass instead`;
}

/**
 * Where a module of the project importing this one may give a bot this module exports (`module.exports = new
 * SlackBot(…)`, then `require('./bot')._api = …`, `const bot = require('./bot'); bot._api = …` or
 * `Object.assign(require('./bot'), { _api })`) a `method` of its own: one such definition in an importer that
 * `counts` (see importerDefinition), or a project file that cannot be read.
 */
function importedInstanceDefinition(resolver: Resolver, program: TSESTree.Program, method: string): string | undefined {
  // Code outside the project is not asked (see instanceRunOverride): the bot logs in as it is made, through the
  // generated module; a method given to it afterwards takes its later logins to `rtm.start` as before the migration.
  return importerDefinition(resolver, program, method, mayBeExportedBot, true);
}

/**
 * The one search of this module's importers for a `method` they give what it exports (importedInstanceDefinition,
 * instanceRunOverride): the place of the first definition there that `counts`. Where not every importer can be
 * read (one cannot be parsed, this is the package's entry module, which code outside the project loads, or the
 * lint, which reads one file), the app's own `method` may be given there unseen: that is named, never taken for
 * "none"; `projectOnly`: code outside the project is not asked (what it could reach, a field of the class's own, is
 * no interface of it). Undefined where the module exports nothing (no importer can reach what it makes) or no
 * importer gives one.
 */
function importerDefinition(resolver: Resolver, program: TSESTree.Program, method: string, counts: (resolver: Resolver, definition: Node, home: string) => boolean, projectOnly = false): string | undefined {
  const home = resolver.file === undefined ? undefined : resolve(resolver.file);
  if (home === undefined || !exportsAnything(resolver, program)) return undefined;
  const elsewhere = resolver.project?.memberDefinitionsElsewhere(resolver, method, projectOnly);
  if (elsewhere === undefined) return 'where it is imported (this module exports it, and not every module that may import it can be read)';
  const other = elsewhere.find((d) => importsFrom(d.resolver, d.node, home) && counts(d.resolver, d.node, home));
  return other === undefined ? undefined : `in ${placeOf(other, home)}, a module that imports this one`;
}

/**
 * Whether what `definition` gives a member (`x._api = <definition>`, `Object.assign(x, { _api })`: see
 * memberDefinitionsElsewhere) may be what `home` exports: loaded from it (`require('./bot')`, a variable given
 * that), or of an origin not followed (a parameter). Not `this`, a prototype, a class's member or what another
 * module exports, which are no bot made in `home`.
 */
function mayBeExportedBot(resolver: Resolver, definition: Node, home: string): boolean {
  const target = receiverOf(definition);
  if (target === undefined || isThisLike(resolver, target) || isPrototype(resolver, target)) return false;
  const origin = originOf(resolver, target);
  return origin === undefined || resolver.file === undefined || resolveRelativeModule(resolver.file, origin.module) === home;
}

/** What a definition gives its member to: `x` of `x._api = <definition>`, the first argument of a merging call (`Object.assign(x, { _api })`); undefined for a class's member. */
function receiverOf(definition: Node): Node | undefined {
  if (definition.type === AST_NODE_TYPES.CallExpression) return definition.arguments[0] === undefined ? undefined : unwrap(definition.arguments[0]);
  const assigned = definition.parent;
  return assigned?.type === AST_NODE_TYPES.AssignmentExpression && assigned.left.type === AST_NODE_TYPES.MemberExpression ? unwrap(assigned.left.object) : undefined;
}

/**
 * Why `withSlackbotsRtmStartOn(this)` of the generated module, handed the instance an ES5 subclass runs slackbots'
 * constructor on (`SlackBot.call(this, …)`), may not answer a login's `rtm.start`: it gives the instance an `_api`
 * of its own, which any `_api` the app gives the same instance later replaces (`this._api = …` in the constructor
 * or a method, `bot._api = …`, `Object.assign(this, { _api })`), and whose place a prototype's `_api` given after
 * it is made would not take either. The instance's class is not followed to each of its objects, so any `_api`
 * given in the file, or in a project module that imports it, counts (importerDefinition: where one of those cannot
 * be read, that risk is named; code outside the project, which may load the package's entry module, is not asked).
 * Undefined where none is found.
 */
export function instanceRunOverride(resolver: Resolver, call: TSESTree.CallExpression): string | undefined {
  const method = SLACKBOTS.request;
  const program = programOf(call);
  const [here] = givenDefinitions(resolver, program, method);
  // As for a class extending the wrapped one (overrideElsewhere), code outside the project is not asked: an `_api` it
  // gives the instance before this call is what the generated module's hands its calls to; one given after stands
  // in front of it for later logins only, which then ask Slack for `rtm.start` as they did before the migration.
  const where = here === undefined ? importerDefinition(resolver, program, method, () => true, true) : `on line ${String(here.loc.start.line)}`;
  return where === undefined ? undefined : `\`${method}\` is given a function of the app's own ${where}, which a login of the instance (the constructor's, or a later \`login()\`) may ask for \`rtm.start\` in place of the \`${method}\` the generated module gives it`;
}

/** `other`'s file and line, its file relative to `home`'s folder. */
function placeOf(other: { readonly resolver: Resolver; readonly node: Node }, home: string): string {
  const file = other.resolver.file === undefined ? 'another module' : relative(dirname(home), other.resolver.file);
  return `${file} (line ${String(other.node.loc.start.line)})`;
}

/**
 * A function a module of the project that imports this one gives `method` (see memberDefinitions) where it may
 * stand in front of the generated module's: a member of a class extending what it imports from here
 * (`class X extends require('./base')`), a prototype's or an instance's (which may be one of this class's), that does
 * not hand its calls on with `super.<method>(…)`. Found only where the project is read (`rtm-migrate scan` /
 * `apply`, not the lint); a class in the package's entry module, which code outside the project may extend, is
 * not looked for further.
 */
export function overrideElsewhere(resolver: Resolver, method: string): string | undefined {
  const home = resolver.file === undefined ? undefined : resolve(resolver.file);
  if (home === undefined) return undefined;
  const elsewhere = resolver.project?.memberDefinitionsElsewhere(resolver, method) ?? [];
  const other = elsewhere.find((d) => importsFrom(d.resolver, d.node, home) && mayStandInFront(d.resolver, d.node, home) && !forwards(d.resolver, d.node, method));
  if (!other) return undefined;
  const where = other.resolver.file === undefined ? 'another module' : relative(dirname(home), other.resolver.file);
  return `\`${method}\` is given a function of the app's own in ${where} (line ${String(other.node.loc.start.line)}), a module that imports this one, which ${forwardingAdvice(method)}`;
}

/** The file of `node` loads `home` (`require('./base')`, an `import` of it). */
function importsFrom(resolver: Resolver, node: Node, home: string): boolean {
  const { file } = resolver;
  if (file === undefined) return false;
  for (const each of descendants(resolver, programOf(node))) {
    const specifier = each.type === AST_NODE_TYPES.ImportDeclaration ? each.source.value : requiredModule(each);
    if (specifier !== undefined && resolveRelativeModule(file, specifier) === home) return true;
  }
  return false;
}

/** A member of a class whose parent is what `home` exports; anything else (a prototype's, an instance's) may be given to one of its objects. */
function mayStandInFront(resolver: Resolver, definition: Node, home: string): boolean {
  const body = definition.parent?.parent;
  if (body?.type !== AST_NODE_TYPES.ClassBody || resolver.file === undefined) return true;
  const parent = body.parent.superClass;
  const origin = parent ? originOf(resolver, parent) : undefined;
  return origin !== undefined && !origin.instance && resolveRelativeModule(resolver.file, origin.module) === home;
}

function isNamed(node: Node, name: string): boolean {
  return node.type === AST_NODE_TYPES.Identifier && node.name === name;
}

/** The name a class expression is held by (`const X = class extends …`). */
function classBinding(cls: Subclass): string | undefined {
  const holder = cls.parent;
  return holder.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier ? holder.id.name : undefined;
}

/** A definition given to `<name>.prototype.<method>`, or a member of a class that extends `<name>`. */
function ofClassNamed(resolver: Resolver, definition: Node, name: string): boolean {
  const assigned = definition.parent;
  if (assigned?.type === AST_NODE_TYPES.AssignmentExpression && assigned.left.type === AST_NODE_TYPES.MemberExpression) {
    const prototype = unwrap(assigned.left.object);
    const of = prototype.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, prototype) === 'prototype' ? unwrap(prototype.object) : undefined;
    return of?.type === AST_NODE_TYPES.Identifier && of.name === name;
  }
  const body = definition.parent?.parent;
  const parent = body?.type === AST_NODE_TYPES.ClassBody ? body.parent.superClass : undefined;
  return parent?.type === AST_NODE_TYPES.Identifier && parent.name === name;
}

function forwardingAdvice(method: string): string {
  return `does not first hand each call on with \`super.${method}(…)\` (the library's \`this.${method}('rtm.start', …)\` would run it and never reach the generated module's \`${method}\`)`;
}

/**
 * A function whose body hands its call on to the parent's method before it can return or throw:
 * `super.<method>(<first parameter>, …)` in a statement of the body's own (not in a branch, a loop, a
 * nested function), with no earlier statement that returns or throws, and no `'rtm.start'` named in it
 * (which would treat that request apart). An arrow function's expression body counts as a statement.
 */
function forwards(resolver: Resolver, value: Node, method: string): boolean {
  const fn = unwrap(value);
  if (!isFunction(fn)) return false;
  const first = fn.params[0];
  if (first?.type !== AST_NODE_TYPES.Identifier) return false;
  if ([...descendants(resolver, fn.body)].some((n) => n.type === AST_NODE_TYPES.Literal && n.value === 'rtm.start')) return false;
  const statements: readonly Node[] = fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body : [fn.body];
  for (const statement of statements) {
    if (handsOn(resolver, statement, method, first.name)) return true;
    if (leaves(resolver, statement)) return false;
  }
  return false;
}

/** Whether `statement` calls `super.<method>(<name>, …)` on every run of it: not under a branch, loop or nested function. */
function handsOn(resolver: Resolver, statement: Node, method: string, name: string): boolean {
  for (const node of unconditional(resolver, statement)) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    const callee = unwrap(node.callee);
    const [argument] = node.arguments;
    if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Super && memberName(resolver, callee) === method && argument?.type === AST_NODE_TYPES.Identifier && argument.name === name) return true;
  }
  return false;
}

/** Whether a statement may return or throw (anywhere in it but a nested function). */
function leaves(resolver: Resolver, statement: Node): boolean {
  const stack: Node[] = [statement];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement) return true;
    if (node !== statement && isFunction(node)) continue;
    for (const child of children(resolver, node)) stack.push(child);
  }
  return false;
}

/** What of `root` runs whenever it runs: not what is under a branch, a loop, a `try` or a nested function. */
function* unconditional(resolver: Resolver, root: Node): Generator<Node> {
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    yield node;
    if (CONDITIONAL.has(node.type) || (node !== root && isFunction(node))) continue;
    for (const child of children(resolver, node)) stack.push(child);
  }
}

const CONDITIONAL: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.IfStatement,
  AST_NODE_TYPES.ConditionalExpression,
  AST_NODE_TYPES.LogicalExpression,
  AST_NODE_TYPES.SwitchStatement,
  AST_NODE_TYPES.TryStatement,
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
  AST_NODE_TYPES.ChainExpression,
]);
