import { descendants, ERROR_NAME, requiredModule, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeText, isProcessExit, text, type Node } from './common.js';
import { declarationOf, transportCallsBackNodeStyle } from './node-style-callback.js';
import { helperDeclaration } from './helper-contract.js';
import { declarationUnseen } from './declaration-unseen.js';

type Callback = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;

/** Names only a success flag goes by: `ok`, `success`, `succeeded`. */
const SUCCESS_NAME = /^(ok|okay|success|succeeded|successful|isOk|isSuccess|worked|passed)$/i;

/** Where a test of the first parameter leads when it is truthy and when it is falsy. */
interface Branches {
  readonly truthy: Node | undefined;
  readonly falsy: Node | undefined;
  readonly test: Node;
}

/**
 * `if (p) A else B`, `p ? A : B`, and the same negated: the branch taken when the first parameter is
 * truthy and the one taken when it is falsy.
 */
function branchesOf(id: TSESTree.Identifier): Branches | undefined {
  const negated = id.parent.type === AST_NODE_TYPES.UnaryExpression && id.parent.operator === '!';
  const test = negated ? id.parent : id;
  const owner = test.parent;
  if ((owner?.type !== AST_NODE_TYPES.IfStatement && owner?.type !== AST_NODE_TYPES.ConditionalExpression) || owner.test !== test) return undefined;
  const [yes, no] = [owner.consequent, owner.alternate ?? undefined];
  return negated ? { truthy: no, falsy: yes, test } : { truthy: yes, falsy: no, test };
}

/** A branch that leaves the callback: `return …`, `throw …`, `process.exit(…)`, or a block ending in one. */
function exits(node: Node | undefined): boolean {
  if (!node) return false;
  if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (node.type === AST_NODE_TYPES.BlockStatement) return exits(node.body.at(-1));
  return node.type === AST_NODE_TYPES.ExpressionStatement && isProcessExit(unwrap(node.expression));
}

/** The callback's data parameter is read inside `branch`. */
function readsData(parsed: ParsedFile, fn: Callback, branch: Node | undefined): boolean {
  const data = fn.params[1];
  if (!branch || data?.type !== AST_NODE_TYPES.Identifier) return false;
  return (variableOf(parsed.resolver, data)?.references ?? []).some((r) => r.identifier !== data && r.identifier.range[0] >= branch.range[0] && r.identifier.range[1] <= branch.range[1]);
}

/** A use only an error has: `throw e`, `reject(e)`, `console.error(e)`, `e.message` / `.stack` / `.code`. */
function usedAsError(parsed: ParsedFile, id: TSESTree.Identifier): boolean {
  const use = id.parent;
  if (use.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (use.type === AST_NODE_TYPES.MemberExpression) return use.object === id && !use.computed && use.property.type === AST_NODE_TYPES.Identifier && ['message', 'stack', 'code'].includes(use.property.name);
  return use.type === AST_NODE_TYPES.CallExpression && use.arguments.includes(id) && /^(reject|console\.(error|warn|log))$/.test(calleeText(parsed, use.callee));
}

/**
 * What the callback written at the call site shows of its first parameter: `'error'` where it is
 * named or used as one (`if (err) return …`, `if (!err)` guarding the data, `reject(err)`), `'success'`
 * where it is tested as a success flag (`if (!ok) return fail(…)`, `if (ok)` guarding the data), with
 * the code that shows it; undefined where nothing does. A flag outweighs any sign of an error.
 */
function firstParameterRole(parsed: ParsedFile, fn: Callback): { role: 'error' | 'success'; shown: string } | undefined {
  const first = fn.params[0];
  if (first?.type !== AST_NODE_TYPES.Identifier) return undefined;
  let error: string | undefined;
  let success: string | undefined;
  for (const ref of variableOf(parsed.resolver, first)?.references ?? []) {
    const id = ref.identifier;
    if (id === first || id.type !== AST_NODE_TYPES.Identifier) continue;
    const shown = (node: Node): string => `\`${firstLine(text(parsed, node))}\``;
    if (usedAsError(parsed, id)) error ??= shown(id.parent);
    const branches = branchesOf(id);
    if (!branches) continue;
    const owner = branches.test.parent ?? branches.test;
    // The branch taken on a falsy value leaves (`if (!ok) return fail()`), or the one taken on a truthy value carries on with the data.
    if ((exits(branches.falsy) && !exits(branches.truthy)) || (readsData(parsed, fn, branches.truthy) && !exits(branches.truthy) && !readsData(parsed, fn, branches.falsy))) success ??= shown(owner);
    else if ((exits(branches.truthy) && !exits(branches.falsy)) || (readsData(parsed, fn, branches.falsy) && !exits(branches.falsy) && !readsData(parsed, fn, branches.truthy))) error ??= shown(owner);
  }
  // The name says so only where the code does not show it.
  success ??= SUCCESS_NAME.test(first.name) ? `it is named \`${first.name}\`` : undefined;
  error ??= ERROR_NAME.test(first.name) ? `it is named \`${first.name}\`` : undefined;
  if (success !== undefined) return { role: 'success', shown: success };
  return error === undefined ? undefined : { role: 'error', shown: error };
}

function firstLine(code: string): string {
  const [line = ''] = code.split('\n');
  return line === code ? code : `${line.trimEnd()} …`;
}

/** What a failure path does: `throw`, `process.exit`, a call that names one (`emit('requestFail', …)`, `reject(…)`, `console.error(…)`, `onError(…)`), or makes one (`new Error(…)`). */
const FAILURE = /fail|error|\berr\b|reject|abort/i;

function looksLikeFailure(parsed: ParsedFile, branch: Node): boolean {
  for (const node of descendants(parsed.resolver, branch)) {
    if (node.type === AST_NODE_TYPES.ThrowStatement || isProcessExit(node)) return true;
    if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) continue;
    if (FAILURE.test(calleeText(parsed, node.callee))) return true;
    if (node.arguments.some((a) => a.type === AST_NODE_TYPES.Literal && typeof a.value === 'string' && FAILURE.test(a.value))) return true;
  }
  return false;
}

/** The callback's data parameter is read outside `branch` (in the other branch, or after an `if` whose branch leaves). */
function readsDataOutside(parsed: ParsedFile, fn: Callback, branch: Node): boolean {
  const data = fn.params[1];
  if (data?.type !== AST_NODE_TYPES.Identifier) return false;
  return (variableOf(parsed.resolver, data)?.references ?? []).some((r) => r.identifier !== data && (r.identifier.range[0] < branch.range[0] || r.identifier.range[1] > branch.range[1]));
}

/**
 * Every call of the callback at `index` in the helper's declaration, when it is in this file, hands a
 * flag first (`callback(true, body)`, `callback(false, err)`); with no declaration in view, only the
 * callback tells.
 */
function declarationFlags(parsed: ParsedFile, call: TSESTree.CallExpression, index: number): boolean {
  const helper = helperDeclaration(parsed, call) ?? declarationOf(parsed, call.callee);
  if (!helper) return true;
  const param = helper.params[index];
  if (param?.type !== AST_NODE_TYPES.Identifier) return false;
  const uses = (variableOf(parsed.resolver, param)?.references ?? []).filter((r) => r.identifier !== param);
  return uses.length > 0 && uses.every((r) => {
    const use = r.identifier.parent;
    const flag = use.type === AST_NODE_TYPES.CallExpression && use.callee === r.identifier ? use.arguments[0] : undefined;
    return flag?.type === AST_NODE_TYPES.Literal && typeof flag.value === 'boolean';
  });
}

/**
 * The helper calls back `(ok, data)`, as the callback written at the call site proves by its code (a
 * name alone does not): its first parameter is tested (`if (!ok) return fail(data)`, `ok ? use(data) :
 * onError(data)`), the branch taken on a falsy value is a failure path (it throws, ends the process, or
 * calls something named for a failure: `emit('requestFail', …)`, `console.error`), and the data
 * parameter is read outside that branch. A declaration in this file must agree (a flag first in every
 * call). Then a promise can stand for the helper, `ok ? resolve(data) : reject(data)`, and the
 * callback be called back `(true, data)` / `(false, error)` as before.
 */
export function provenSuccessFlag(parsed: ParsedFile, call: TSESTree.CallExpression, fn: Callback, index: number): boolean {
  const first = fn.params[0];
  if (first?.type !== AST_NODE_TYPES.Identifier || fn.params[1]?.type !== AST_NODE_TYPES.Identifier || !declarationFlags(parsed, call, index)) return false;
  return (variableOf(parsed.resolver, first)?.references ?? []).some((ref) => {
    const branches = ref.identifier.type === AST_NODE_TYPES.Identifier ? branchesOf(ref.identifier) : undefined;
    const failure = branches?.falsy;
    if (!branches || !failure || !looksLikeFailure(parsed, failure) || !readsDataOutside(parsed, fn, failure)) return false;
    // With no other branch, the rest of the callback is the success path only when the failure leaves.
    return branches.truthy !== undefined ? readsData(parsed, fn, branches.truthy) : exits(failure);
  });
}

/** Where the helper comes from when it is not declared here: `slackRequest` (from `../slackRequest`). */
function helperNamed(parsed: ParsedFile, call: TSESTree.CallExpression): string {
  let base = unwrap(call.callee);
  while (base.type === AST_NODE_TYPES.MemberExpression) base = unwrap(base.object);
  const named = `\`${text(parsed, call.callee)}\``;
  if (base.type !== AST_NODE_TYPES.Identifier) return named;
  const def = variableOf(parsed.resolver, base)?.defs[0];
  if (def?.type === TSESLint.Scope.DefinitionType.ImportBinding && def.parent.type === AST_NODE_TYPES.ImportDeclaration) return `${named} (from \`${def.parent.source.value}\`)`;
  const module = def?.type === TSESLint.Scope.DefinitionType.Variable && def.node.init ? requiredModule(def.node.init) : undefined;
  return module === undefined ? named : `${named} (from \`${module}\`)`;
}

/**
 * Whether the helper calls the callback written out at `index` Node-style, `(err, data)`, which the
 * rewrite's promise depends on: proven by the helper's declaration in this file, or else by the
 * callback itself treating its first parameter as an error. Undefined when it does; otherwise why
 * not, for the TODO (a first parameter tested as a success flag proves the convention is another:
 * provenSuccessFlag says when the callback shows enough of it to rebuild it).
 */
export function unprovenNodeStyle(parsed: ParsedFile, call: TSESTree.CallExpression, fn: Callback, index: number): string | undefined {
  if (transportCallsBackNodeStyle(parsed, call, index)) return undefined;
  const role = firstParameterRole(parsed, fn);
  if (role?.role === 'error') return undefined;
  const helper = helperNamed(parsed, call);
  const first = fn.params[0];
  const name = first?.type === AST_NODE_TYPES.Identifier ? `\`${first.name}\`` : 'its first parameter';
  if (role?.role === 'success') {
    return `the callback tests ${name} as a success flag (${role.shown}), not as an error, but rtm-migrate cannot rebuild that convention: the branch taken when it is falsy is not shown to be a failure (a throw, an exit, a call named for one such as \`emit('requestFail', …)\`) with the data read on the other, or a declaration here calls it back otherwise. ${helper} calls back in a convention of its own, not Node-style \`(err, data)\`, and a promise of the rebuilt data could hand it the wrong values`;
  }
  const seen = helperDeclaration(parsed, call) ?? declarationOf(parsed, call.callee) ? 'its declaration here does not show what it calls back with' : (declarationUnseen(parsed, call) ?? 'its code is not in this file');
  return `the callback convention of ${helper} is unknown: ${seen} and the callback does not treat ${name} as an error, so rtm-migrate cannot tell whether it calls back Node-style \`(err, data)\``;
}
