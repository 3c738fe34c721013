import { METHODS } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { descendants, unwrap, variableOf } from './ast.js';
import { methodUse, migratedByPreviousRun, readsBuilt, sameContract, type ModuleFunctions, type WholeData } from './covered-wrapper.js';
import { followResponse } from './flow.js';
import type { FunctionLike, Located, Resolver } from './resolver.js';
import type { MethodSite } from './sites.js';

type Node = TSESTree.Node;

/**
 * `holder.rtm.start(options, cb)` where `holder` is what a factory module made (`bot.api =
 * require('./Slack_web_api.js')(botkit, config)`, botkit's worker) and that factory returns the object
 * whose `rtm.start` the method-table rewrite stores: the call gets the whole data, a `covered` use (the
 * codemod leaves it, the lint says nothing). Its holder must be written only with that factory's
 * result in the file, and nothing there may store another `rtm` or `rtm.start` on it.
 */

/**
 * The factory a `holder.rtm.start(…)` call's holder always comes from, the name of the object it
 * returns, and the path that object holds the wrapper at.
 */
export function tableFactoryOf(resolver: Resolver, program: TSESTree.Program, call: TSESTree.CallExpression, modules: ModuleFunctions): { factory: Located<FunctionLike>; returned: string; path: string } | undefined {
  const holder = holderOf(call.callee);
  const factory = holder ? factoryOf(resolver, program, holder, modules) : undefined;
  const returned = factory ? returnedName(factory) : undefined;
  return factory && returned ? { factory, returned, path: `${returned}.rtm.start` } : undefined;
}

/** A previous run's override: the function the factory stores at `path` calls `rtmStartData()` and calls back its caller. */
export function storedByPreviousRun(factory: Located<FunctionLike>, path: string): { whole: WholeData; line: number } | undefined {
  for (const node of descendants(factory.resolver, factory.node.body)) {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.right.type !== AST_NODE_TYPES.FunctionExpression) continue;
    if (pathText(node.left) !== path) continue;
    const whole = migratedByPreviousRun({ node: node.right, resolver: factory.resolver });
    return whole && { whole, line: node.loc.start.line };
  }
  return undefined;
}

/** For the lint: `bot.api.rtm.start(…)` whose factory a previous run migrated, used as its override hands the data back, reading only what it builds. */
export function coveredByMigratedTable(resolver: Resolver, program: TSESTree.Program, site: MethodSite, modules: ModuleFunctions): boolean {
  if (site.method !== METHODS.rtmStart || site.form !== 'member') return false;
  const made = tableFactoryOf(resolver, program, site.call, modules);
  const stored = made && storedByPreviousRun(made.factory, made.path);
  if (!stored || !sameContract(methodUse(resolver, site), site.call.arguments, stored.whole.contract)) return false;
  return readsBuilt([...new Set(followResponse(resolver, site).reads.map((r) => r.path))], stored.whole.include);
}

/** `x.rtm.start` → `x` (a name or `a.b`), the wrapper called by its place in the generated object. */
function holderOf(callee: Node): TSESTree.MemberExpression | TSESTree.Identifier | undefined {
  const start = unwrap(callee);
  if (start.type !== AST_NODE_TYPES.MemberExpression || start.computed || start.property.type !== AST_NODE_TYPES.Identifier || start.property.name !== 'start') return undefined;
  const rtm = unwrap(start.object);
  if (rtm.type !== AST_NODE_TYPES.MemberExpression || rtm.computed || rtm.property.type !== AST_NODE_TYPES.Identifier || rtm.property.name !== 'rtm') return undefined;
  const holder = unwrap(rtm.object);
  return holder.type === AST_NODE_TYPES.Identifier || (holder.type === AST_NODE_TYPES.MemberExpression && !holder.computed) ? holder : undefined;
}

/** The same place written as text with its root variable: `bot.api` of a `bot` declared once. */
function samePlace(resolver: Resolver, a: Node, b: Node): boolean {
  const x = unwrap(a);
  const y = unwrap(b);
  if (x.type === AST_NODE_TYPES.Identifier && y.type === AST_NODE_TYPES.Identifier) {
    const v = variableOf(resolver, x);
    return v !== null && v === variableOf(resolver, y);
  }
  if (x.type !== AST_NODE_TYPES.MemberExpression || y.type !== AST_NODE_TYPES.MemberExpression || x.computed || y.computed) return false;
  if (x.property.type !== AST_NODE_TYPES.Identifier || y.property.type !== AST_NODE_TYPES.Identifier || x.property.name !== y.property.name) return false;
  return samePlace(resolver, x.object, y.object);
}

/**
 * The factory whose result the holder always is: every write of the holder in the file (or of its
 * property in the object literal its owner is made from) is `require('./m')(…)` of one module, or a
 * name bound to that `require` (at least one write), and no write in the file stores on `holder.rtm`.
 */
function factoryOf(resolver: Resolver, program: TSESTree.Program, holder: Node, modules: ModuleFunctions): Located<FunctionLike> | undefined {
  const made: Node[] = [];
  for (const node of descendants(resolver, program)) {
    const written = node.type === AST_NODE_TYPES.AssignmentExpression ? { left: node.left, right: node.right } : node.type === AST_NODE_TYPES.VariableDeclarator && node.init ? { left: node.id, right: node.init } : undefined;
    if (!written) continue;
    const value = samePlace(resolver, written.left, holder) ? written.right : holder.type === AST_NODE_TYPES.MemberExpression && samePlace(resolver, written.left, holder.object) ? literalMember(written.right, holder) : undefined;
    if (value === null) return undefined;
    if (value) {
      const made_ = unwrap(value);
      if (made_.type !== AST_NODE_TYPES.CallExpression) return undefined;
      made.push(made_.callee);
      continue;
    }
    // `holder.rtm = …`, `holder.rtm.start = …`: the wrapper may not be the factory's.
    for (let left = unwrap(written.left); left.type === AST_NODE_TYPES.MemberExpression; left = unwrap(left.object)) {
      if (samePlace(resolver, left.object, holder)) return undefined;
    }
  }
  const factories = made.map((callee) => modules.moduleFunction(resolver, callee));
  const [first] = factories;
  return first && factories.every((f) => f?.node === first.node) ? first : undefined;
}

/**
 * `{ api: make(…) }` written to the holder's object (`var bot = { api: slackWebApi(botkit, config) }`):
 * the value of the holder's property; undefined when the literal has none, null when the object is
 * not a literal (what it holds is not known).
 */
function literalMember(value: Node, holder: TSESTree.MemberExpression): Node | null | undefined {
  const object = unwrap(value);
  if (object.type !== AST_NODE_TYPES.ObjectExpression || holder.property.type !== AST_NODE_TYPES.Identifier) return null;
  const name = holder.property.name;
  let found: Node | undefined;
  for (const p of object.properties) {
    if (p.type !== AST_NODE_TYPES.Property) return null;
    if (!p.computed && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === name) found = p.value;
  }
  return found;
}

/** The one name every `return` of the factory's own body gives back (`return slack_api;`). */
function returnedName(factory: Located<FunctionLike>): string | undefined {
  const body = factory.node.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  const names = new Set<string>();
  for (const node of descendants(factory.resolver, body)) {
    if (node.type !== AST_NODE_TYPES.ReturnStatement) continue;
    let owner: Node | undefined = node.parent;
    while (owner && owner.type !== AST_NODE_TYPES.FunctionExpression && owner.type !== AST_NODE_TYPES.FunctionDeclaration && owner.type !== AST_NODE_TYPES.ArrowFunctionExpression) owner = owner.parent;
    if (owner !== factory.node) continue;
    if (node.argument?.type !== AST_NODE_TYPES.Identifier) return undefined;
    names.add(node.argument.name);
  }
  const [name] = names;
  return names.size === 1 ? name : undefined;
}

/** `a.b.c` for a chain of names, else undefined. */
function pathText(node: Node): string | undefined {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.Identifier) return bare.name;
  if (bare.type !== AST_NODE_TYPES.MemberExpression || bare.computed || bare.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const object = pathText(bare.object);
  return object === undefined ? undefined : `${object}.${bare.property.name}`;
}
