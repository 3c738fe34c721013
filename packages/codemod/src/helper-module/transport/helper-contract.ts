import { constTableString, descendants, enclosingFunction, literalMethod, resolveConst, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { ASTUtils, AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeText, isFunction, text, type Node } from './common.js';
import { ownMethod, type FunctionNode } from './this-method.js';
import { callbackAnswers, callbackTrail, failureConvention, type Lost } from './callback-answers.js';


/** `'rtm.start'`, `` `rtm.start` ``, a name bound once to one of them (`var ns = 'rtm.start'`), or an entry of a `const` table nothing changes. */
export function namesRtmStart(parsed: ParsedFile, node: Node): boolean {
  const value = unwrap(resolveConst(parsed.resolver, node));
  if (value.type === AST_NODE_TYPES.MemberExpression) return constTableString(parsed.resolver, value) === 'rtm.start';
  if (value.type === AST_NODE_TYPES.Literal) return value.value === 'rtm.start';
  return value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0 && value.quasis[0]?.value.cooked === 'rtm.start';
}

/** A value that is the same for every method: `null`, `true`, `3`, `'x'`, or a parameter defaulting to one (`cache = true`). */
export function isFlag(parsed: ParsedFile, node: Node): boolean {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.Literal) return !('regex' in bare);
  if (bare.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(parsed.resolver, bare);
  const def = variable?.defs[0];
  if (def?.type !== TSESLint.Scope.DefinitionType.Parameter || variable?.references.some((r) => r.isWrite() && r.identifier !== def.name)) return false;
  const param = def.name.parent;
  return param.type === AST_NODE_TYPES.AssignmentPattern && param.left === def.name && param.right.type === AST_NODE_TYPES.Literal && !('regex' in param.right);
}

/**
 * A name given as the `rtm.start` arguments that holds them: bound once to an object literal, or the
 * enclosing function's parameter named as an options bag (`params`, `options`, `opts`, `args`…), never
 * reassigned. Anything else (a token string, say) is not placed.
 */
export function isArgsName(parsed: ParsedFile, call: TSESTree.CallExpression, node: Node): boolean {
  const bare = unwrap(node);
  if (bare.type !== AST_NODE_TYPES.Identifier) return false;
  if (unwrap(resolveConst(parsed.resolver, bare)).type === AST_NODE_TYPES.ObjectExpression) return true;
  const variable = variableOf(parsed.resolver, bare);
  const def = variable?.defs[0];
  const fn = enclosingFunction(call);
  if (!variable || !fn || def?.type !== TSESLint.Scope.DefinitionType.Parameter || def.node !== fn) return false;
  return /^(params|parameters|options|opts|args|apiArgs|data|query|form)$/i.test(bare.name) && !variable.references.some((r) => r.isWrite() && r.identifier !== def.name);
}

/** An argument that says "an error": `err`, `error`, `e`, `Error(…)`, `new Error(…)`. */
function isErrorValue(node: Node | undefined): boolean {
  const bare = node && unwrap(node);
  if (bare?.type === AST_NODE_TYPES.Identifier) return /^(e|err|error)$/i.test(bare.name);
  if (bare?.type !== AST_NODE_TYPES.CallExpression && bare?.type !== AST_NODE_TYPES.NewExpression) return false;
  return bare.callee.type === AST_NODE_TYPES.Identifier && bare.callee.name.endsWith('Error');
}

/**
 * A callback the enclosing function got as a parameter and hands straight to the helper (`function
 * rtmstart(params, callback) { … exec(ns, params, callback); }`): the wrapper's own contract, kept
 * only where the function shows that it calls back Node-style, by calling the same parameter with an
 * error first (`callback(err)`) elsewhere. Never reassigned.
 */
export function passedThroughCallback(parsed: ParsedFile, call: TSESTree.CallExpression, arg: Node): boolean {
  const bare = unwrap(arg);
  if (bare.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(parsed.resolver, bare);
  const def = variable?.defs[0];
  const fn = enclosingFunction(call);
  if (!variable || !fn || def?.type !== TSESLint.Scope.DefinitionType.Parameter || def.node !== fn || !fn.params.includes(def.name)) return false;
  if (variable.references.some((r) => r.isWrite() && r.identifier !== def.name)) return false;
  return variable.references.some((r) => {
    const use = r.identifier.parent;
    return use.type === AST_NODE_TYPES.CallExpression && use.callee === r.identifier && use !== call && isErrorValue(use.arguments[0]) && use.arguments.length === 1;
  });
}

/**
 * The declaration of the helper a call goes to, when it is in the same file: `this._api(…)` (or
 * `self._api(…)`, `var self = this`) → the method `_api` of the same class or prototype,
 * `api(…)` → `function api(…)`, or `var api = function (…)` never reassigned (another value
 * stored in it later would be what the call runs).
 */
export function helperDeclaration(parsed: ParsedFile, call: TSESTree.CallExpression): FunctionNode | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    if (callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
    // `this.api` of a class or prototype, else `Slack.api` of an object literal held in scope.
    return ownMethod(parsed, callee.object, callee.property.name) ?? literalMethod(parsed.resolver, callee);
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(parsed.resolver, callee);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type === TSESLint.Scope.DefinitionType.FunctionName && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
  if (def?.type !== TSESLint.Scope.DefinitionType.Variable || !def.node.init || variable?.references.some((r) => r.isWrite() && r.identifier !== def.name)) return undefined;
  const init = unwrap(def.node.init);
  return isFunction(init) ? init : undefined;
}

/** Whether a function's own body returns a value (not only functions inside it). */
function returnsValue(parsed: ParsedFile, fn: FunctionNode): boolean {
  return returnedValues(parsed, fn).length > 0;
}

/** The values a function's own body returns (not those of functions inside it): an arrow's expression body. */
export function returnedValues(parsed: ParsedFile, fn: FunctionNode): Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const values: Node[] = [];
  for (const node of descendants(parsed.resolver, fn.body)) {
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && enclosingFunction(node) === fn) values.push(node.argument);
  }
  return values;
}

/**
 * The helper is declared in the file and calls the callback it gets at `index` with the response
 * alone (`callback(JSON.parse(body))`, `callback({ ok: false, error })`), itself or through a function
 * of the file it hands it to (`this._callCallBack(callback, data)`, see callback-answers.ts). Also
 * says whether the helper returns a value, and the one falsy value it answers a failure with
 * (`null`), which the rebuilt data answers every failure with too.
 */
export interface ResponseOnly {
  readonly returnsValue: boolean;
  readonly helper: FunctionNode;
  readonly falsy?: string;
}

/** A `ResponseOnly`, or why the callback's answer on a failure cannot be kept, or undefined where it is not seen. */
export function responseOnlyHelper(parsed: ParsedFile, call: TSESTree.CallExpression, index: number): ResponseOnly | string | undefined {
  const fn = helperDeclaration(parsed, call);
  const answers = fn && callbackAnswers(parsed, fn, index, (c) => helperDeclaration(parsed, c));
  if (!fn || !answers) return undefined;
  const convention = failureConvention(parsed, answers);
  if ('mixed' in convention) {
    const values = convention.mixed.map(({ value, line }) => `\`${value}\`${line === undefined ? '' : ` (line ${String(line)})`}`);
    return `\`${text(parsed, call.callee)}\` (line ${String(fn.loc.start.line)}) answers its callback's failures with ${values.slice(0, -1).join(', ')} and ${values.at(-1) ?? ''}: the rebuilt data, failing once for any of them, could not tell which the callback would have got. Rebuild the data through it by hand`;
  }
  return { returnsValue: returnsValue(parsed, fn), helper: fn, ...(convention.falsy === undefined ? {} : { falsy: convention.falsy }) };
}

/**
 * What the helper's TypeScript declaration in the same file says, for a native promise to take the
 * place of its own: its return type when it is written `Promise<…>` (the global Promise), and the
 * type of its parameter at `argsIndex` (the caller casts the arguments to it). Undefined when the
 * declaration is not seen or returns another kind of promise.
 */
export function declaredPromiseHelper(parsed: ParsedFile, call: TSESTree.CallExpression, argsIndex: number): { returns: string; argsType: string | undefined } | undefined {
  const fn = helperDeclaration(parsed, call);
  const returns = fn?.returnType?.typeAnnotation;
  if (!fn || returns?.type !== AST_NODE_TYPES.TSTypeReference || returns.typeName.type !== AST_NODE_TYPES.Identifier || returns.typeName.name !== 'Promise') return undefined;
  if (isShadowed(parsed, returns, 'Promise')) return undefined;
  const param = fn.params[argsIndex];
  const id = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  const annotation = id?.type === AST_NODE_TYPES.Identifier ? id.typeAnnotation?.typeAnnotation : undefined;
  return { returns: text(parsed, returns), argsType: annotation ? text(parsed, annotation) : undefined };
}

/** `Promise` names something of the file's own (an import, a class) rather than the global. */
function isShadowed(parsed: ParsedFile, at: Node, name: string): boolean {
  const variable = ASTUtils.findVariable(parsed.resolver.getScope(at), name);
  return variable !== null && variable.defs.length > 0;
}

/**
 * Why a one-parameter callback (`function (data) {…}`) given to the helper declared in the file at
 * `index` is not rebuilt as a response-only one, where the helper hands that callback on to another
 * function (`this._callCallBack(callback, result)`) that callback-answers.ts does not follow (not
 * declared in the file, or doing more than calling it with one of its parameters or handing it on
 * again): what the callback gets is not known. Names the step where it is lost down a chain
 * (`this._request` hands it to `this._handle`, which stores it in a map of pending requests). Said
 * too where it is handed `null` on a failure: the rebuilt data answers a failure as Slack's
 * `{ ok: false, error }`, which a callback telling failures by a falsy answer (`if (!data) return`)
 * would take for the data, going on as if logged in.
 */
export function responseOnlyRefusal(parsed: ParsedFile, call: TSESTree.CallExpression, index: number): string | undefined {
  const fn = helperDeclaration(parsed, call);
  const param = fn?.params[index];
  if (!fn || param?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const uses = variableOf(parsed.resolver, param)?.references.filter((r) => r.identifier !== param) ?? [];
  const handing = uses.flatMap((r) => {
    const use = r.identifier.parent;
    return use.type === AST_NODE_TYPES.CallExpression && use.arguments.some((a) => a === r.identifier) ? [use] : [];
  });
  const first = handing[0];
  if (!first) return undefined;
  const trail = callbackTrail(parsed, fn, index, (c) => helperDeclaration(parsed, c));
  const lost = 'lost' in trail && trail.lost.steps.length > 0 ? trail.lost : undefined;
  const helper = text(parsed, call.callee);
  const nullFailure = handing.some((use) => use.arguments.some(isNull)) || lost?.seen.some((a) => a !== undefined && isNull(a))
    ? `, and it is handed \`null\` where the request fails or Slack refuses it (an invalid token): the rebuilt data answers a failure as \`{ ok: false, error }\`, which a callback telling failures by a falsy answer takes for the data`
    : '';
  const lostAt = lost ? `${lostChain(parsed, lost)}: rtm-migrate does not follow it further to what the callback gets` : `\`${text(parsed, first.callee)}\`, which rtm-migrate does not follow to what the callback gets`;
  return `the callback takes one parameter, and \`${helper}\` (line ${String(fn.loc.start.line)}) does not call it itself: it hands it to ${lostAt}${nullFailure}. Rebuild the data through \`${helper}\` by hand${nullFailure ? ', handing the callback `null` on any failure as it does' : ''}`;
}

/** `\`this._request\` (line 12), which hands it to \`this._handle\` (line 17), which stores it (…)`: the steps, and the one where the callback is lost. */
function lostChain(parsed: ParsedFile, lost: Lost): string {
  return `${lost.steps.map((c) => `\`${calleeText(parsed, c.callee)}\` (line ${String(c.loc.start.line)})`).join(', which hands it to ')}, which ${lost.why}`;
}

/** `null`, or a choice that may be it (`err ? null : JSON.parse(body)`). */
function isNull(node: Node): boolean {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.ConditionalExpression) return isNull(bare.consequent) || isNull(bare.alternate);
  return bare.type === AST_NODE_TYPES.Literal && bare.value === null && !('regex' in bare);
}
