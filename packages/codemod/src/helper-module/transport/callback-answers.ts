import { unwrap, variableOf, within } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeText, isJsonParse, text, type Node } from './common.js';
import { isCheck } from './node-style-callback.js';
import type { FunctionNode } from './this-method.js';

/** What a callback is called with once: the argument, or undefined for a call with none (`cb()`). */
type Answer = Node | undefined;

/** Finds the declaration of the function a call goes to (helper-contract.ts's `helperDeclaration`, given to avoid a cycle). */
type Declared = (call: TSESTree.CallExpression) => FunctionNode | undefined;

/** One step the callback is handed down: the call that hands it on (none for the helper, the first), and the declaration of the function it goes to. */
interface Step {
  readonly call: TSESTree.CallExpression | undefined;
  readonly fn: FunctionNode;
}

/**
 * Where the callback is lost: the calls that handed it on before (`this._request(url, form, cb)`,
 * none where the helper itself loses it), what the last function does with it instead (`why`), and
 * the answers seen before that.
 */
export interface Lost {
  readonly steps: readonly TSESTree.CallExpression[];
  readonly why: string;
  readonly seen: readonly Answer[];
}

/** What the callback gets, every time, or where that stops being known. */
export type Trail = { readonly answers: readonly Answer[] } | { readonly lost: Lost };

/**
 * How many functions the callback may be handed down: real helpers hand it two or three times
 * (`api` → `_request` → `_handle` → `_callCallBack`); a longer chain is more likely a loop of calls.
 */
const MAX_STEPS = 6;

/**
 * What the helper `fn` calls its callback parameter at `index` with, every time: its own calls of it
 * with one argument (or none), and those of the functions it hands the callback to, and they hand it
 * to in turn (`this._request(url, form, cb)` → `this._handle(err, body, cb)` → `cb(body.ok ? body : null)`).
 * Null checks of it are no calls. Undefined where a use is none of these (stored, called with more,
 * `cb.call(…)`, handed to a function not declared in the file or that does anything else with it), or
 * where nothing calls it: what the callback gets is then not known (`callbackTrail` says where).
 */
export function callbackAnswers(parsed: ParsedFile, fn: FunctionNode, index: number, declared: Declared): Answer[] | undefined {
  const trail = callbackTrail(parsed, fn, index, declared);
  return 'answers' in trail ? [...trail.answers] : undefined;
}

/** `callbackAnswers`, or where the callback is lost. */
export function callbackTrail(parsed: ParsedFile, fn: FunctionNode, index: number, declared: Declared): Trail {
  return answersIn(parsed, fn, index, declared, [{ call: undefined, fn }]);
}

/**
 * The answers of `fn`, the function at the end of `chain` (the helper first), to its callback
 * parameter at `index`, each as the value some function of the chain gives (see `resolved`).
 */
function answersIn(parsed: ParsedFile, fn: FunctionNode, index: number, declared: Declared, chain: readonly Step[]): Trail {
  const steps = chain.flatMap((s) => (s.call ? [s.call] : []));
  const answers: Answer[] = [];
  const lost = (why: string): Trail => ({ lost: { steps, why, seen: answers } });
  const uses = usesOf(parsed, fn, index);
  if (!uses) return lost('takes it as no plain parameter, or assigns it another value');
  for (const id of uses) {
    const use = id.parent;
    if (isCheck(use, id)) continue;
    if (use.type !== AST_NODE_TYPES.CallExpression) return lost(otherUse(parsed, use, id));
    if (use.callee === id) {
      const answer = onlyArgument(use);
      if (answer === false) return lost(`calls it with more than one argument (line ${String(use.loc.start.line)})`);
      const given = chain.length === 1 || answer === undefined ? [answer] : resolved(parsed, answer, chain, chain.length - 1, true);
      if (typeof given === 'string') return lost(`calls it with ${given} (line ${String(use.loc.start.line)})`);
      answers.push(...given);
      continue;
    }
    // `return self.api(method, args, cb)` on a rate limit: the callback gets what that call answers,
    // which is what these steps answer (its other calls), not a value of its own.
    if (isRetry(parsed, use, declared, chain)) continue;
    const handed = handedTo(parsed, use, id, declared, chain);
    if (typeof handed === 'string') return lost(handed);
    const further = answersIn(parsed, handed.fn, handed.at, declared, [...chain, { call: use, fn: handed.fn }]);
    if ('lost' in further) return { lost: { ...further.lost, seen: [...answers, ...further.lost.seen] } };
    answers.push(...further.answers);
  }
  return answers.length > 0 ? { answers } : lost('never calls it');
}

/**
 * `this._callCallBack(callback, data)`: the callback handed once to a function of the file (a method of
 * the same class, prototype or object, or a plain function) not already in the chain: that function,
 * and where it takes the callback. Otherwise why it is not followed.
 */
function handedTo(parsed: ParsedFile, call: TSESTree.CallExpression, id: TSESTree.Identifier, declared: Declared, chain: readonly Step[]): { fn: FunctionNode; at: number } | string {
  const line = String(call.loc.start.line);
  const callee = `\`${calleeText(parsed, call.callee)}\``;
  const at = call.arguments.indexOf(id);
  if (at < 0 || call.arguments.lastIndexOf(id) !== at || call.arguments.slice(0, at).some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return `calls ${callee} with it (line ${line})`;
  const forwarder = declared(call);
  if (!forwarder) return `hands it to ${callee} (line ${line}), whose declaration is not a function of the same class, prototype, object or file`;
  if (chain.some((s) => s.fn === forwarder)) return `hands it back to ${callee} (line ${line}), a function already handed it`;
  if (chain.length > MAX_STEPS) return `hands it to ${callee} (line ${line}), past ${String(MAX_STEPS)} functions handing it on`;
  return { fn: forwarder, at };
}

/**
 * A call, inside a function of the chain, of that same function with its own parameters again, each
 * in its place and none reassigned (`self.api(method, args, cb)`, `this._request(url, form, cb)`):
 * the same request made again, whose answers are the ones this function gives on its other calls.
 * Any other argument (`tries + 1`, another method) may make another request: not a retry.
 */
function isRetry(parsed: ParsedFile, call: TSESTree.CallExpression, declared: Declared, chain: readonly Step[]): boolean {
  const again = declared(call);
  const step = chain.find((s) => s.fn === again);
  if (!step || !within(call, step.fn) || call.arguments.length !== step.fn.params.length) return false;
  return call.arguments.every((arg, i) => arg.type === AST_NODE_TYPES.Identifier && parameterIndex(parsed, step.fn, arg) === i);
}

/**
 * What a function of the chain (`chain[k]`, not the helper) hands the callback, as the value it comes
 * from: a literal as it is; one of its parameters (never reassigned) as the argument the step before
 * gives it there (undefined where none is given), followed up the chain while that is a parameter in
 * turn; `cond ? a : b` as each of the two. Where the function calling the callback (`direct`) calls it
 * with anything else, it is not followed (a string saying what); a value the steps before give is taken
 * as it is, as the helper's own answers are (`body`, request's response, in `this._handle(err, body, cb)`).
 */
function resolved(parsed: ParsedFile, node: Node, chain: readonly Step[], k: number, direct: boolean): Answer[] | string {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.ConditionalExpression) {
    const [yes, no] = [resolved(parsed, bare.consequent, chain, k, direct), resolved(parsed, bare.alternate, chain, k, direct)];
    return typeof yes === 'string' ? yes : typeof no === 'string' ? no : [...yes, ...no];
  }
  const step = chain[k];
  const param = k > 0 && step?.call && bare.type === AST_NODE_TYPES.Identifier ? parameterIndex(parsed, step.fn, bare) : undefined;
  if (step?.call && param !== undefined) {
    if (param < 0) return `\`${oneLine(parsed, bare)}\`, a parameter it assigns again or takes with a default or destructured`;
    const arg = step.call.arguments[param];
    if (arg === undefined) return [undefined];
    if (arg.type === AST_NODE_TYPES.SpreadElement) return `a value given in spread arguments (line ${String(step.call.loc.start.line)})`;
    return resolved(parsed, arg, chain, k - 1, false);
  }
  if (!direct || bare.type === AST_NODE_TYPES.Literal) return [node];
  const parsedBody = k > 0 ? parsedParameter(parsed, bare, chain, k) : undefined;
  if (parsedBody !== undefined) return parsedBody;
  return `\`${oneLine(parsed, node)}\`, neither one of its parameters nor a literal`;
}

/**
 * `cb(JSON.parse(raw))`, `raw` one of the step's parameters given a value the steps before hand it (the
 * request's raw body in `this._handle(err, body, cb)`): the answer those steps get, parsed, as the
 * helper's own `cb(JSON.parse(body))` is taken. Undefined for anything else; a literal it comes from
 * (`JSON.parse('null')`) is a value of the app's own, not followed (the string saying so).
 */
function parsedParameter(parsed: ParsedFile, node: Node, chain: readonly Step[], k: number): Answer[] | string | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression || !isJsonParse(parsed, node.callee) || node.arguments.length !== 1) return undefined;
  const [raw] = node.arguments;
  const step = chain[k];
  if (!step || raw?.type !== AST_NODE_TYPES.Identifier || parameterIndex(parsed, step.fn, raw) === undefined) return undefined;
  const given = resolved(parsed, raw, chain, k, false);
  if (typeof given === 'string') return given;
  return given.every((value) => value !== undefined && unwrap(value).type !== AST_NODE_TYPES.Literal) ? [node] : `\`${oneLine(parsed, node)}\`, parsing a value of its own`;
}

/** Where `id` is a parameter of `fn`: its place; -1 for one assigned again; undefined for any other name. */
function parameterIndex(parsed: ParsedFile, fn: FunctionNode, id: TSESTree.Identifier): number | undefined {
  const variable = variableOf(parsed.resolver, id);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== TSESLint.Scope.DefinitionType.Parameter || def.node !== fn) return undefined;
  const at = fn.params.indexOf(def.name);
  return at < 0 || variable?.references.some((r) => r.isWrite() && r.identifier !== def.name) ? -1 : at;
}

/** What a use that is no call does with the callback, for a TODO: stored (in a map of pending requests, say), or anything else. */
function otherUse(parsed: ParsedFile, use: Node, id: TSESTree.Identifier): string {
  // `cb.call(this, value)`: the whole call, not `cb.call` alone.
  const shown = use.type === AST_NODE_TYPES.MemberExpression && use.parent.type === AST_NODE_TYPES.CallExpression && use.parent.callee === use ? use.parent : use;
  const where = `(\`${oneLine(parsed, shown)}\`, line ${String(use.loc.start.line)})`;
  const stored = (use.type === AST_NODE_TYPES.AssignmentExpression && use.right === id) || (use.type === AST_NODE_TYPES.Property && use.value === id) || (use.type === AST_NODE_TYPES.VariableDeclarator && use.init === id);
  return stored ? `stores it ${where}, to be called from code rtm-migrate does not tie to this call` : `does something else with it ${where}`;
}

/** A node's text on one line, cut after 60 characters: for a TODO. */
function oneLine(parsed: ParsedFile, node: Node): string {
  const flat = text(parsed, node).replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
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
 * How the helper tells its callback a failure, from what it calls it with: the one falsy literal
 * among its answers (`null` where the request fails, the body does not parse or Slack refuses, as
 * `cond ? data : null` too), or none (it answers a failure otherwise, `{ ok: false, error }`).
 * `mixed`: two falsy values, which the rebuilt data, failing once, could not tell apart, each with
 * the line it is first written on (none for a call with no argument), down a chain the step to name.
 */
export type FailureConvention = { readonly falsy: string | undefined } | { readonly mixed: readonly { readonly value: string; readonly line: number | undefined }[] };

export function failureConvention(parsed: ParsedFile, answers: readonly Answer[]): FailureConvention {
  const lines = new Map<string, number | undefined>();
  for (const answer of answers) {
    for (const value of falsyValues(parsed, answer)) if (!lines.has(value)) lines.set(value, answer?.loc.start.line);
  }
  const values = [...lines.keys()];
  return values.length > 1 ? { mixed: values.map((value) => ({ value, line: lines.get(value) })) } : { falsy: values[0] };
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
