import { relative } from 'node:path';
import { descendants, importedFromHelperModule, unwrap, variableOf, type FunctionLike, type Located } from '@rtm-migrate/analysis';
import type { ParsedFile, Project } from '@rtm-migrate/analysis/project';
import { CODEMOD_MESSAGES } from '@rtm-migrate/core';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { helperExtraOf } from '../helper-module/extras.js';
import { HELPER_EXPORTS, helperBuilds } from '../helper-module/source.js';
import type { PlanSite } from '../plan.js';
import { type FoundSite } from './found.js';

type Node = TSESTree.Node;

/** How a wrapper hands `rtm.start`'s data to whoever calls it. */
export type WrapperContract = { readonly kind: 'callback'; readonly param: number } | { readonly kind: 'promise' };

/** A wrapper whose `rtm.start` call gives the whole data through the generated helper module. */
export interface WholeData {
  readonly contract: WrapperContract;
  /** The extras (`include`) its helper call fetches besides the lists: `subteams`, `channels[].latest`… */
  readonly include: readonly string[];
  /** The id of its site in this run's plan; undefined when a previous run rewrote it. */
  readonly site?: string;
}

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
  const calls = helperCalls(fn);
  const [call] = calls;
  if (calls.length !== 1 || !call) return undefined;
  const contract = contractOf(fn, call.node, call.callback);
  return contract && { contract, include: call.include };
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

/** A call of the helper module's `rtmStartData()` left by a previous run: plain, or `callbackify`d with its callback. */
interface HelperCall {
  readonly node: Node;
  readonly callback: Node | undefined;
  readonly include: readonly string[];
}

const DATA_EXPORTS: readonly string[] = [HELPER_EXPORTS.data, HELPER_EXPORTS.dataAs];

function helperCalls(fn: Located<FunctionLike>): HelperCall[] {
  const { resolver } = fn;
  const isHelper = (node: Node | undefined): node is TSESTree.Identifier =>
    node?.type === AST_NODE_TYPES.Identifier && DATA_EXPORTS.includes(node.name) && importedFromHelperModule(resolver, node);
  const calls: HelperCall[] = [];
  for (const node of descendants(resolver, fn.node)) {
    if (node.type !== AST_NODE_TYPES.CallExpression) continue;
    const callee = unwrap(node.callee);
    if (isHelper(callee)) {
      // `callbackify(() => rtmStartData(…))(callback)` (TypeScript output) is counted at the outer call.
      if (!isCallbackified(node)) calls.push({ node, callback: undefined, include: includeOf(node.arguments[2]) });
      continue;
    }
    if (callee.type !== AST_NODE_TYPES.CallExpression || unwrap(callee.callee).type !== AST_NODE_TYPES.Identifier || (unwrap(callee.callee) as TSESTree.Identifier).name !== 'callbackify') continue;
    const wrapped = callee.arguments[0] ? unwrap(callee.arguments[0]) : undefined;
    const callback = node.arguments[node.arguments.length - 1];
    if (isHelper(wrapped)) {
      // `callbackify(rtmStartData)(client, args, [options,] callback)`
      calls.push({ node, callback, include: node.arguments.length === 4 ? includeOf(node.arguments[2]) : [] });
    } else if (wrapped?.type === AST_NODE_TYPES.ArrowFunctionExpression && wrapped.body.type === AST_NODE_TYPES.CallExpression && isHelper(unwrap(wrapped.body.callee))) {
      calls.push({ node, callback, include: includeOf(wrapped.body.arguments[2]) });
    }
  }
  return calls;
}

function isCallbackified(call: TSESTree.CallExpression): boolean {
  const arrow = call.parent;
  const wrapper = arrow.parent;
  return arrow.type === AST_NODE_TYPES.ArrowFunctionExpression && wrapper?.type === AST_NODE_TYPES.CallExpression && unwrap(wrapper.callee).type === AST_NODE_TYPES.Identifier && (unwrap(wrapper.callee) as TSESTree.Identifier).name === 'callbackify';
}

/** The strings of `{ include: ['subteams', …] }` (none when the options are not written out so). */
function includeOf(options: Node | undefined): string[] {
  const bare = options ? unwrap(options) : undefined;
  if (bare?.type !== AST_NODE_TYPES.ObjectExpression) return [];
  for (const p of bare.properties) {
    if (p.type !== AST_NODE_TYPES.Property || p.computed || p.key.type !== AST_NODE_TYPES.Identifier || p.key.name !== 'include') continue;
    const list = unwrap(p.value);
    if (list.type !== AST_NODE_TYPES.ArrayExpression) return [];
    return list.elements.flatMap((e) => (e?.type === AST_NODE_TYPES.Literal && typeof e.value === 'string' ? [e.value] : []));
  }
  return [];
}

/**
 * How the call at `node` (directly in `fn`, not in a nested function) hands its data to `fn`'s caller:
 * its callback is `fn`'s parameter, never reassigned; or, without a callback, `fn` returns it.
 */
function contractOf(fn: Located<FunctionLike>, node: Node, callback: Node | undefined): WrapperContract | undefined {
  if (enclosingFunction(node) !== fn.node) return undefined;
  if (callback) {
    // `cb || function () {}`: the parameter, a missing one defaulted (the method-table override's form).
    const given = unwrap(callback);
    const id = given.type === AST_NODE_TYPES.LogicalExpression && given.operator === '||' ? unwrap(given.left) : given;
    if (id.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = variableOf(fn.resolver, id);
    const def = variable?.defs[0];
    if (variable?.defs.length !== 1 || def?.type !== TSESLint.Scope.DefinitionType.Parameter || def.node !== fn.node) return undefined;
    if (variable.references.some((r) => r.isWrite())) return undefined;
    const param = fn.node.params.indexOf(def.name);
    return param >= 0 ? { kind: 'callback', param } : undefined;
  }
  let value: Node = node;
  while (value.parent && (unwrap(value.parent) !== value.parent || value.parent.type === AST_NODE_TYPES.AwaitExpression)) value = value.parent;
  const holder = value.parent;
  if (holder?.type === AST_NODE_TYPES.ReturnStatement) return { kind: 'promise' };
  return holder === fn.node && fn.node.type === AST_NODE_TYPES.ArrowFunctionExpression && fn.node.body === value ? { kind: 'promise' } : undefined;
}

const FUNCTION_TYPES: ReadonlySet<string> = new Set([AST_NODE_TYPES.FunctionDeclaration, AST_NODE_TYPES.FunctionExpression, AST_NODE_TYPES.ArrowFunctionExpression]);

function enclosingFunction(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (FUNCTION_TYPES.has(p.type)) return p;
  return undefined;
}

function within(node: Node, outer: Node): boolean {
  return node.range[0] >= outer.range[0] && node.range[1] <= outer.range[1];
}

/** A site left as a TODO that may be a use of the app's wrapper: a call of it, or a table entry re-exporting it. */
export interface WrapperUse {
  readonly index: number;
  readonly parsed: ParsedFile;
  readonly found: FoundSite;
}

/** What the site calls (or re-exports): `f` of `f(…)`, `m` of `m.call({}, …)` / `m.apply`, a table entry's value. */
function target(found: FoundSite): { node: Node; args: readonly Node[] } | undefined {
  if (found.form === 'method-table') return { node: found.node, args: [] };
  const call = found.node;
  if (call.type !== AST_NODE_TYPES.CallExpression || found.connect || !CALL_FORMS.has(found.form)) return undefined;
  const callee = unwrap(call.callee);
  if (found.form !== 'call-apply') return { node: callee, args: call.arguments };
  // `.apply(this, [a, b])` hides where the callback stands: only `.call(this, a, b)` is followed.
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'call') return undefined;
  return { node: callee.object, args: call.arguments.slice(1) };
}

/** True when the use takes the data as the wrapper gives it: the callback where the wrapper's parameter is, or the promise. */
export function sameContract(found: FoundSite, args: readonly Node[], contract: WrapperContract): boolean {
  if (found.form === 'method-table') return true;
  if (contract.kind === 'promise') return found.callback === undefined && found.passesOn !== true;
  return found.callback !== undefined && args.indexOf(found.callback) === contract.param;
}

/** True when every start-only field the use reads is one the wrapper's helper call builds. */
export function readsBuilt(plan: PlanSite, include: readonly string[]): boolean {
  return plan.startOnlyFields.every((f) => {
    const extra = helperExtraOf(f);
    return helperBuilds(f) && (extra === undefined || include.includes(extra));
  });
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
    if (!whole || !sameContract(use.found, aim.args, whole.contract) || !readsBuilt(plan, whole.include)) continue;
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
