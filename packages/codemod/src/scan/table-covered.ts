import { relative } from 'node:path';
import { readsBuilt, sameContract, storedByPreviousRun, tableFactoryOf, type FunctionLike, type Located, type WholeData } from '@rtm-migrate/analysis';
import type { Project } from '@rtm-migrate/analysis/project';
import { CODEMOD_MESSAGES } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { PlanSite } from '../plan.js';
import { literalWrapper } from './literal-wrapper.js';
import { useOf, type PlannedSite, type WrapperUse } from './wrapper-covered.js';

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
    const made = tableFactoryOf(use.parsed.resolver, use.parsed.program, call, project);
    const file = made?.factory.resolver.file;
    if (!made || !file) continue;
    const inFactory = planned.filter((p) => p.plan.file === relative(root, file));
    const stored = storedWrapper(made.factory, made.returned, inFactory);
    if (!stored || !sameContract(useOf(use.found), call.arguments, stored.whole.contract) || !readsBuilt(plan.startOnlyFields, stored.whole.include)) continue;
    const place = `${relative(root, file)}:${stored.line}`;
    const message = CODEMOD_MESSAGES.wrapperCovered('callback', made.path, place, stored.whole.site === undefined);
    out[use.index] = { ...plan, rewrite: 'covered', message, ...(stored.whole.site === undefined ? {} : { covers: stored.whole.site }) };
  }
  return out;
}

/**
 * The wrapper the factory's returned object holds at `returned.rtm.start`: stored through the
 * method-table rewrite (this run's override, its plan site, or a previous run's: the stored function
 * calls `rtmStartData()` and calls back its caller), or written out in the object literal the factory
 * returns (`literalWrapper`).
 */
function storedWrapper(factory: Located<FunctionLike>, returned: string, planned: readonly PlannedSite[]): { whole: WholeData; line: number } | undefined {
  const path = `${returned}.rtm.start`;
  const inside = (n: Node): boolean => n.range[0] >= factory.node.range[0] && n.range[1] <= factory.node.range[1];
  // The override follows a statement of the factory's own body: it runs on every call, before the return.
  const body = factory.node.body.type === AST_NODE_TYPES.BlockStatement ? factory.node.body.body : [];
  const table = planned.find((p) => p.plan.table?.path === path && body.some((s) => s.range[1] === p.plan.table?.after));
  if (!table) return storedByPreviousRun(factory, path) ?? literalWrapper(factory, returned, planned);
  if (planned.some((p) => p !== table && p.plan.form === 'method-table' && inside(p.found.node) && p.plan.rewrite !== 'helper-module')) return undefined;
  return { whole: { contract: { kind: 'callback', param: 1 }, include: [], site: table.plan.id }, line: table.plan.line };
}
