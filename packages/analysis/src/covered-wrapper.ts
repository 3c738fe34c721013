import { HELPER_EXPORTS, METHODS, helperBuilds, helperExtraOf, isStartOnlyField } from '@rtm-migrate/core';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { descendants, isSpreadOfPlainConst, unwrap, variableOf } from './ast.js';
import { followResponse } from './flow.js';
import { forwardedCallback } from './forwarding-callback.js';
import { enclosingFunction } from './functions.js';
import type { FunctionLike, Located, Resolver } from './resolver.js';
import type { MethodSite, TableSite } from './sites.js';
import { importedFromHelperModule } from './stores.js';

type Node = TSESTree.Node;

/**
 * A use of the app's own wrapper around `rtm.start` (`slack.rtm.start(params, cb)` of a module written
 * one per method, a table entry re-exporting it) is `covered` once that wrapper hands back the whole
 * data through the generated helper module: the codemod leaves the use as it is, and the lint, on code
 * rtm-migrate migrated, does not report it. Both decide it here.
 */

/** How a wrapper hands `rtm.start`'s data to whoever calls it. */
export type WrapperContract = { readonly kind: 'callback'; readonly param: number } | { readonly kind: 'promise' };

/** A wrapper whose `rtm.start` call gives the whole data through the generated helper module. */
export interface WholeData {
  readonly contract: WrapperContract;
  /** The extras (`include`) its helper call fetches besides the lists: `subteams`, `channels[].latest`… */
  readonly include: readonly string[];
  /** The id of its site in the codemod's plan; undefined when a previous run rewrote it. */
  readonly site?: string;
}

/** How a use takes the wrapper's data: a table entry takes it as it is; a call by its callback or its result. */
export interface WrapperUse {
  readonly table: boolean;
  /** The Node-style callback the call hands the data to, when it passes nothing else on. */
  readonly callback: Node | undefined;
  /** The call also hands on a callback or other arguments. */
  readonly passesOn: boolean;
}

/** Finds the function a module's value stands for (the codemod's `Project`, or the lint's links to the package). */
export interface ModuleFunctions {
  moduleFunction(resolver: Resolver, node: Node): Located<FunctionLike> | undefined;
}

/** A call of the generated module's `rtmStartData()` that a previous run wrote: plain, or `callbackify`d with its callback. */
interface HelperCall {
  readonly node: Node;
  readonly callback: Node | undefined;
  readonly include: readonly string[];
}

/** The wrapper already migrated: its one `rtm.start` call became a call of `rtmStartData()` that hands the data back as it is. */
export function migratedByPreviousRun(fn: Located<FunctionLike>): WholeData | undefined {
  const calls = helperCalls(fn);
  const [call] = calls;
  if (calls.length !== 1 || !call) return undefined;
  const contract = contractOf(fn, call.node, call.callback);
  return contract && { contract, include: call.include };
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
 * its callback is `fn`'s parameter, never reassigned, or a written-out callback that only forwards the
 * error and the data to that parameter; or, without a callback, `fn` returns it.
 */
export function contractOf(fn: Located<FunctionLike>, node: Node, callback: Node | undefined): WrapperContract | undefined {
  if (enclosingFunction(node) !== fn.node) return undefined;
  if (callback) {
    // `cb || function () {}`: the parameter, a missing one defaulted (the method-table override's form).
    // `function (err, data) { if (err) return cb(err); cb(null, data); }`: the parameter `cb`, handed the data as it is.
    const given = forwardedCallback(callback) ?? unwrap(callback);
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


/**
 * What a call stands for as a use of a wrapper: `f` of `f(…)` with its arguments, `m` of
 * `m.call(thisArg, …)` (`.apply(this, [a, b])` hides where the callback stands: not followed).
 */
export function wrapperTarget(call: TSESTree.CallExpression, throughCall: boolean): { node: Node; args: readonly Node[] } | undefined {
  const callee = unwrap(call.callee);
  if (!throughCall) return { node: callee, args: call.arguments };
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'call') return undefined;
  return { node: callee.object, args: call.arguments.slice(1) };
}

/** True when the use takes the data as the wrapper gives it: the callback where the wrapper's parameter is, or the promise. */
export function sameContract(use: WrapperUse, args: readonly Node[], contract: WrapperContract): boolean {
  if (use.table) return true;
  if (contract.kind === 'promise') return use.callback === undefined && !use.passesOn;
  return use.callback !== undefined && args.indexOf(use.callback) === contract.param;
}

/** True when every start-only field the use reads is one the wrapper's helper call builds. */
export function readsBuilt(fields: readonly string[], include: readonly string[]): boolean {
  return fields.filter(isStartOnlyField).every((f) => {
    const extra = helperExtraOf(f);
    return helperBuilds(f) && (extra === undefined || include.includes(extra));
  });
}

/** How a method site uses what it calls (as the codemod's found site has it). */
export function methodUse(resolver: Resolver, site: MethodSite): WrapperUse {
  const passesOn = site.callback !== undefined || site.otherArgs.some((a) => !isSpreadOfPlainConst(resolver, a));
  return { table: false, callback: site.callback !== undefined && site.otherArgs.length === 0 ? site.callback : undefined, passesOn };
}

/**
 * For the lint: a method site or table entry that uses a wrapper of another module which a previous run
 * migrated whole (`migratedByPreviousRun`), as the wrapper hands the data back, reading only what the
 * helper builds. The codemod reports such a use `covered` and leaves it; so the lint says nothing there.
 */
export function coveredByMigratedWrapper(resolver: Resolver, site: MethodSite | TableSite, modules: ModuleFunctions): boolean {
  let aim: { node: Node; args: readonly Node[] } | undefined;
  let use: WrapperUse;
  if (site.kind === 'table') {
    if (site.method !== METHODS.rtmStart) return false;
    aim = { node: site.node, args: [] };
    use = { table: true, callback: undefined, passesOn: false };
  } else {
    if (site.method !== METHODS.rtmStart || site.form === 'apply' || site.form === 'bound') return false;
    aim = wrapperTarget(site.call, site.form === 'call');
    use = methodUse(resolver, site);
  }
  if (!aim) return false;
  const fn = modules.moduleFunction(resolver, aim.node);
  if (!fn?.resolver.file || fn.resolver.file === resolver.file) return false;
  const whole = migratedByPreviousRun(fn);
  if (!whole || !sameContract(use, aim.args, whole.contract)) return false;
  if (site.kind === 'table') return true;
  const fields = [...new Set(followResponse(resolver, site).reads.map((r) => r.path))];
  return readsBuilt(fields, whole.include);
}
