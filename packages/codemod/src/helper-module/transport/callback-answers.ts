import { unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { Node } from './common.js';
import { isCheck } from './node-style-callback.js';
import type { FunctionNode } from './this-method.js';

/** What a callback is called with once: the argument, or undefined for a call with none (`cb()`). */
type Answer = Node | undefined;

/** Finds the declaration of the function a call goes to (helper-contract.ts's `helperDeclaration`, given to avoid a cycle). */
type Declared = (call: TSESTree.CallExpression) => FunctionNode | undefined;

/**
 * What the helper `fn` calls its callback parameter at `index` with, every time: its own calls of it
 * with one argument (or none), and those of a function it hands the callback to that calls it in turn
 * (`this._callCallBack(callback, data)`, where `_callCallBack (cb, data)` calls `cb(data)`: the
 * callback gets the helper's `data`). Null checks of it are no calls. Undefined where a use is none of
 * these (stored, called with more, `cb.call(…)`, handed to a function not declared in the file or that
 * does anything else with it), or where nothing calls it: what the callback gets is then not known.
 */
export function callbackAnswers(parsed: ParsedFile, fn: FunctionNode, index: number, declared: Declared): Answer[] | undefined {
  const uses = usesOf(parsed, fn, index);
  if (!uses) return undefined;
  const answers: Answer[] = [];
  for (const id of uses) {
    const use = id.parent;
    if (isCheck(use, id)) continue;
    if (use.type !== AST_NODE_TYPES.CallExpression) return undefined;
    if (use.callee === id) {
      const answer = onlyArgument(use);
      if (answer === false) return undefined;
      answers.push(answer);
      continue;
    }
    const forwarded = forwardedAnswers(parsed, use, id, fn, declared);
    if (!forwarded) return undefined;
    answers.push(...forwarded);
  }
  return answers.length > 0 ? answers : undefined;
}

/** The references to `fn`'s parameter at `index` besides its declaration; undefined where it is no plain name or is reassigned. */
function usesOf(parsed: ParsedFile, fn: FunctionNode, index: number): TSESTree.Identifier[] | undefined {
  const param = fn.params[index];
  if (param?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const refs = variableOf(parsed.resolver, param)?.references.filter((r) => r.identifier !== param) ?? [];
  if (refs.some((r) => r.isWrite() || r.identifier.type !== AST_NODE_TYPES.Identifier)) return undefined;
  return refs.map((r) => r.identifier as TSESTree.Identifier);
}

/** A call's one argument, undefined for none; false for more, or a spread. */
function onlyArgument(call: TSESTree.CallExpression): Answer | false {
  const [first, ...more] = call.arguments;
  if (more.length > 0 || first?.type === AST_NODE_TYPES.SpreadElement) return false;
  return first;
}

/**
 * `this._callCallBack(callback, data)`: the callback handed once to a function of the file (a method of
 * the same class, prototype or object, or a plain function), which calls it only with one of its own
 * parameters (never reassigned) or a literal, and otherwise only checks it: what the callback gets is
 * the argument given there (`data`). Followed one step: a forwarder that hands it on again is not.
 */
function forwardedAnswers(parsed: ParsedFile, call: TSESTree.CallExpression, id: TSESTree.Identifier, helper: FunctionNode, declared: Declared): Answer[] | undefined {
  const at = call.arguments.indexOf(id);
  if (at < 0 || call.arguments.lastIndexOf(id) !== at || call.arguments.slice(0, at).some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const forwarder = declared(call);
  const uses = forwarder && forwarder !== helper ? usesOf(parsed, forwarder, at) : undefined;
  if (!forwarder || !uses) return undefined;
  const answers: Answer[] = [];
  for (const use of uses) {
    const parent = use.parent;
    if (isCheck(parent, use)) continue;
    if (parent.type !== AST_NODE_TYPES.CallExpression || parent.callee !== use) return undefined;
    const answer = onlyArgument(parent);
    if (answer === false) return undefined;
    const given = answer === undefined ? undefined : givenFor(parsed, forwarder, answer, call);
    if (given === false) return undefined;
    answers.push(given);
  }
  return answers.length > 0 ? answers : undefined;
}

/** What the forwarder's call hands on: its parameter's argument in `call` (undefined where none is given), a literal as it is; false otherwise. */
function givenFor(parsed: ParsedFile, forwarder: FunctionNode, answer: Node, call: TSESTree.CallExpression): Answer | false {
  const bare = unwrap(answer);
  if (bare.type === AST_NODE_TYPES.Literal) return bare;
  if (bare.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(parsed.resolver, bare);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== TSESLint.Scope.DefinitionType.Parameter || def.node !== forwarder || variable?.references.some((r) => r.isWrite() && r.identifier !== def.name)) return false;
  const k = forwarder.params.indexOf(def.name);
  if (k < 0) return false;
  const arg = call.arguments[k];
  return arg?.type === AST_NODE_TYPES.SpreadElement ? false : arg;
}

/**
 * How the helper tells its callback a failure, from what it calls it with: the one falsy literal
 * among its answers (`null` where the request fails, the body does not parse or Slack refuses, as
 * `cond ? data : null` too), or none (it answers a failure otherwise, `{ ok: false, error }`).
 * `mixed`: two falsy values, which the rebuilt data, failing once, could not tell apart.
 */
export type FailureConvention = { readonly falsy: string | undefined } | { readonly mixed: readonly string[] };

export function failureConvention(parsed: ParsedFile, answers: readonly Answer[]): FailureConvention {
  const values = [...new Set(answers.flatMap((a) => falsyValues(parsed, a)))];
  return values.length > 1 ? { mixed: values } : { falsy: values[0] };
}

/** The falsy literals an answer may be, as text: `null`, `undefined` (a call with none, `void 0`), `false`, `0`, `''`. */
function falsyValues(parsed: ParsedFile, answer: Answer): string[] {
  if (answer === undefined) return ['undefined'];
  const bare = unwrap(answer);
  if (bare.type === AST_NODE_TYPES.ConditionalExpression) return [...falsyValues(parsed, bare.consequent), ...falsyValues(parsed, bare.alternate)];
  if (bare.type === AST_NODE_TYPES.UnaryExpression && bare.operator === 'void') return ['undefined'];
  if (bare.type === AST_NODE_TYPES.Identifier && bare.name === 'undefined' && (variableOf(parsed.resolver, bare)?.defs.length ?? 0) === 0) return ['undefined'];
  if (bare.type !== AST_NODE_TYPES.Literal || 'regex' in bare || 'bigint' in bare) return [];
  if (bare.value === null || bare.value === false) return [String(bare.value)];
  return bare.value === 0 ? ['0'] : bare.value === '' ? ["''"] : [];
}
