import { relative } from 'node:path';
import { descendants, unwrap, variableOf, type FunctionLike, type Located } from '@rtm-migrate/analysis';
import type { ParsedFile, Project } from '@rtm-migrate/analysis/project';
import { CODEMOD_MESSAGES } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { PlanSite } from '../plan.js';
import { literalWrapper } from './literal-wrapper.js';
import { migratedWhole, readsBuilt, sameContract, type PlannedSite, type WholeData, type WrapperUse } from './wrapper-covered.js';

type Node = TSESTree.Node;

/**
 * `holder.rtm.start(options, cb)` where `holder` is what a factory module made (`bot.api =
 * require('./Slack_web_api.js')(botkit, config)`, botkit's worker) and that factory returns the object
 * whose `rtm.start` the method-table rewrite stores (this run's override, or a previous run's): the call
 * gets the whole data and stays as it is, a `covered` use. Its holder must be written only with that
 * factory's result in the file, and nothing there may store another `rtm` or `rtm.start` on it.
 */
export function markTableCoveredUses(root: string, project: Project, sites: readonly PlanSite[], uses: readonly WrapperUse[], planned: readonly PlannedSite[]): PlanSite[] {
  const out = [...sites];
  for (const use of uses) {
    const plan = sites[use.index];
    const call = use.found.node;
    if (plan?.rewrite !== 'todo' || use.found.form !== 'method-call' || call.type !== AST_NODE_TYPES.CallExpression) continue;
    const holder = holderOf(call.callee);
    const factory = holder ? factoryOf(project, use.parsed, holder) : undefined;
    const file = factory?.resolver.file;
    if (!factory || !file) continue;
    const inFactory = planned.filter((p) => p.plan.file === relative(root, file));
    const stored = storedWrapper(factory, inFactory);
    if (!stored || !sameContract(use.found, call.arguments, stored.whole.contract) || !readsBuilt(plan, stored.whole.include)) continue;
    const place = `${relative(root, file)}:${stored.line}`;
    const message = CODEMOD_MESSAGES.wrapperCovered('callback', stored.path, place, stored.whole.site === undefined);
    out[use.index] = { ...plan, rewrite: 'covered', message, ...(stored.whole.site === undefined ? {} : { covers: stored.whole.site }) };
  }
  return out;
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
function samePlace(parsed: ParsedFile, a: Node, b: Node): boolean {
  const x = unwrap(a);
  const y = unwrap(b);
  if (x.type === AST_NODE_TYPES.Identifier && y.type === AST_NODE_TYPES.Identifier) {
    const v = variableOf(parsed.resolver, x);
    return v !== null && v === variableOf(parsed.resolver, y);
  }
  if (x.type !== AST_NODE_TYPES.MemberExpression || y.type !== AST_NODE_TYPES.MemberExpression || x.computed || y.computed) return false;
  if (x.property.type !== AST_NODE_TYPES.Identifier || y.property.type !== AST_NODE_TYPES.Identifier || x.property.name !== y.property.name) return false;
  return samePlace(parsed, x.object, y.object);
}

/**
 * The factory whose result the holder always is: every write of the holder in the file (or of its
 * property in the object literal its owner is made from) is `require('./m')(…)` of one module, or a
 * name bound to that `require` (at least one write), and no write in the file stores on `holder.rtm`.
 */
function factoryOf(project: Project, parsed: ParsedFile, holder: Node): Located<FunctionLike> | undefined {
  const made: Node[] = [];
  for (const node of descendants(parsed.resolver, parsed.program)) {
    const written = node.type === AST_NODE_TYPES.AssignmentExpression ? { left: node.left, right: node.right } : node.type === AST_NODE_TYPES.VariableDeclarator && node.init ? { left: node.id, right: node.init } : undefined;
    if (!written) continue;
    const value = samePlace(parsed, written.left, holder) ? written.right : holder.type === AST_NODE_TYPES.MemberExpression && samePlace(parsed, written.left, holder.object) ? literalMember(written.right, holder) : undefined;
    if (value === null) return undefined;
    if (value) {
      const made_ = unwrap(value);
      if (made_.type !== AST_NODE_TYPES.CallExpression) return undefined;
      made.push(made_.callee);
      continue;
    }
    // `holder.rtm = …`, `holder.rtm.start = …`: the wrapper may not be the factory's.
    for (let left = unwrap(written.left); left.type === AST_NODE_TYPES.MemberExpression; left = unwrap(left.object)) {
      if (samePlace(parsed, left.object, holder)) return undefined;
    }
  }
  const factories = made.map((callee) => project.moduleFunction(parsed.resolver, callee));
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

/**
 * The wrapper the factory stores at `<returned>.rtm.start` through the method-table rewrite (or writes
 * out in the object literal it returns, `literalWrapper`), when the
 * factory returns that one object (every `return` of its own body): this run's override (its plan
 * site) or a previous run's (the stored function calls `rtmStartData()` and calls back its caller).
 */
function storedWrapper(factory: Located<FunctionLike>, planned: readonly PlannedSite[]): { whole: WholeData; path: string; line: number } | undefined {
  const returned = returnedName(factory);
  if (!returned) return undefined;
  const path = `${returned}.rtm.start`;
  const inside = (n: Node): boolean => n.range[0] >= factory.node.range[0] && n.range[1] <= factory.node.range[1];
  // The override follows a statement of the factory's own body: it runs on every call, before the return.
  const body = factory.node.body.type === AST_NODE_TYPES.BlockStatement ? factory.node.body.body : [];
  const table = planned.find((p) => p.plan.table?.path === path && body.some((s) => s.range[1] === p.plan.table?.after));
  if (table) {
    if (planned.some((p) => p !== table && p.plan.form === 'method-table' && inside(p.found.node) && p.plan.rewrite !== 'helper-module')) return undefined;
    return { whole: { contract: { kind: 'callback', param: 1 }, include: [], site: table.plan.id }, path, line: table.plan.line };
  }
  for (const node of descendants(factory.resolver, factory.node.body)) {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.right.type !== AST_NODE_TYPES.FunctionExpression) continue;
    if (pathText(node.left) !== path) continue;
    const whole = migratedWhole({ node: node.right, resolver: factory.resolver }, []);
    return whole && { whole, path, line: node.loc.start.line };
  }
  const written = literalWrapper(factory, returned, planned);
  return written && { ...written, path };
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
