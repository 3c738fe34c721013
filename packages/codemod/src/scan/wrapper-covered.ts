import { relative } from 'node:path';
import { contractOf, migratedByPreviousRun, readsBuilt, sameContract, within, wrapperTarget, type FunctionLike, type Located, type WholeData, type WrapperUse as DataUse } from '@rtm-migrate/analysis';
import type { ParsedFile, Project } from '@rtm-migrate/analysis/project';
import { CODEMOD_MESSAGES } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { helperExtraOf } from '../helper-module/extras.js';
import type { PlanSite } from '../plan.js';
import { type FoundSite } from './found.js';

type Node = TSESTree.Node;

/** A site of this run's plan, with what the analysis found there. */
export interface PlannedSite {
  readonly plan: PlanSite;
  readonly found: FoundSite;
}

/** The method forms whose call the helper-module rewrite replaces by one of the same shape (no raw HTTP, no client start). */
const CALL_FORMS: ReadonlySet<string> = new Set(['method-call', 'api-call', 'call-apply', 'helper']);

/**
 * Is this target migrated whole: `fn` makes exactly one `rtm.start` call, that call is rewritten to
 * the generated helper module in this run (`planned`: the plan's sites in `fn`'s file) or was by a
 * previous one (`rtmStartData()` called there), and it hands the data back to `fn`'s own caller as
 * it is: to a Node-style callback that is `fn`'s own parameter, never reassigned, or as the promise
 * `fn` returns. Undefined when any of that is not so (the data is partial, transformed, or goes elsewhere).
 */
export function migratedWhole(fn: Located<FunctionLike>, planned: readonly PlannedSite[]): WholeData | undefined {
  const inside = planned.filter((p) => !p.found.connect && within(p.found.node, fn.node));
  if (inside.length > 0) {
    const [only] = inside;
    if (inside.length > 1 || only?.plan.rewrite !== 'helper-module' || !CALL_FORMS.has(only.plan.form) || reshapes(only.plan)) return undefined;
    const contract = contractOf(fn, only.found.node, only.found.callback);
    return contract && { contract, include: includes(only.plan.startOnlyFields), site: only.plan.id };
  }
  return migratedByPreviousRun(fn);
}

/**
 * A rewrite through the app's transport that wraps the data to keep the library's shape (`{ data }`,
 * `(err, res, body)`, the response alone): right for the wrapper, but a later run could not tell it
 * from a wrapper that hands on something else, so its uses keep their TODOs (idempotence).
 */
function reshapes(plan: PlanSite): boolean {
  const t = plan.transport;
  return t !== undefined && (t.then !== undefined || t.callbackAround !== undefined || t.responseOnly === true);
}

function includes(fields: readonly string[]): string[] {
  return [...new Set(fields.map(helperExtraOf).filter((e): e is string => e !== undefined))];
}

/** A site left as a TODO that may be a use of the app's wrapper: a call of it, or a table entry re-exporting it. */
export interface WrapperUse {
  readonly index: number;
  readonly parsed: ParsedFile;
  readonly found: FoundSite;
}

/** What the site calls (or re-exports): `f` of `f(…)`, `m` of `m.call({}, …)`, a table entry's value. */
function target(found: FoundSite): { node: Node; args: readonly Node[] } | undefined {
  if (found.form === 'method-table') return { node: found.node, args: [] };
  const call = found.node;
  if (call.type !== AST_NODE_TYPES.CallExpression || found.connect || !CALL_FORMS.has(found.form)) return undefined;
  return wrapperTarget(call, found.form === 'call-apply');
}

/** How the found site takes the wrapper's data (the analysis' `WrapperUse`). */
export function useOf(found: FoundSite): DataUse {
  return { table: found.form === 'method-table', callback: found.callback, passesOn: found.passesOn === true };
}

/**
 * Marks `covered` the TODO sites that call (or re-export) the app's own wrapper around `rtm.start`
 * when that wrapper is migrated whole (`migratedWhole`), the site uses it the way it hands the data
 * back, and reads nothing the helper does not build. Their files stay as they are. Returns the sites.
 */
export function markCoveredUses(root: string, project: Project, sites: readonly PlanSite[], uses: readonly WrapperUse[], planned: readonly PlannedSite[]): PlanSite[] {
  const out = [...sites];
  for (const use of uses) {
    const plan = sites[use.index];
    const aim = target(use.found);
    if (plan?.rewrite !== 'todo' || !aim) continue;
    const fn = project.moduleFunction(use.parsed.resolver, aim.node);
    const file = fn?.resolver.file;
    if (!fn || !file || file === use.parsed.file) continue;
    const whole = migratedWhole(fn, planned.filter((p) => p.plan.file === relative(root, file)));
    if (!whole || !sameContract(useOf(use.found), aim.args, whole.contract) || !readsBuilt(plan.startOnlyFields, whole.include)) continue;
    const kind = use.found.form === 'method-table' ? 'table' : whole.contract.kind;
    const place = `${relative(root, file)}:${fn.node.loc.start.line}`;
    const message = CODEMOD_MESSAGES.wrapperCovered(kind, wrapperName(fn.node), place, whole.site === undefined);
    out[use.index] = { ...plan, rewrite: 'covered', message, ...(whole.site === undefined ? {} : { covers: whole.site }) };
  }
  return out;
}

/** `rtmstart` of `function rtmstart(…)`, the variable or property it is stored in, else "wrapper". */
function wrapperName(fn: FunctionLike): string {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if ((parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.MethodDefinition) && parent.key.type === AST_NODE_TYPES.Identifier) return parent.key.name;
  return 'wrapper';
}
