import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { isFunction, memberName, unwrap, variableOf } from './ast.js';
import { firstParameterIsError, leaves } from './callback-answer.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/**
 * True when `value` (the whole answer, `body` or `res.body`) is used only where that answer is a
 * failure: in the branch of `if (!body.ok)`, `if (body.ok === false)`, `if (body.error)`, the `else` of
 * `if (body.ok)`, or after `if (body.ok) { …; return; }`. Slack's failure answer is `ok`, `error`,
 * `warning` and `response_metadata` for `rtm.connect` as for `rtm.start`, so printing it whole there
 * shows the same either way, and handing it on there (`reject(body)`, `cb(body)`, `throw body`) hands
 * on the same. Strict: the guard must test this very value (a variable never given another value),
 * and a branch that may also run on success (`if (err || retries > 3)`) is no guard.
 * In `if (err || !body.ok)` the `err` part is a guard only when it is the error parameter of the
 * callback that gets the answer (set, no answer came). The walk stops at a function: a function
 * defined in the branch may be called later from anywhere.
 */
export function usedOnlyOnFailure(resolver: Resolver, value: Node): boolean {
  const subject = unwrap(value);
  if (!stable(resolver, subject)) return false;
  for (let child: Node = value, parent = value.parent; parent && !isFunction(parent); child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) {
      if (child === parent.consequent && failureTest(resolver, parent.test, subject)) return true;
      if (child === parent.alternate && successTest(resolver, parent.test, subject)) return true;
    }
    if (parent.type === AST_NODE_TYPES.LogicalExpression && child === parent.right) {
      // `!body.ok && log(body)`, `body.ok || log(body)`.
      if (parent.operator === '&&' && failureTest(resolver, parent.left, subject)) return true;
      if (parent.operator === '||' && successTest(resolver, parent.left, subject)) return true;
    }
    if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program || parent.type === AST_NODE_TYPES.SwitchCase) {
      const body: readonly Node[] = parent.type === AST_NODE_TYPES.SwitchCase ? parent.consequent : parent.body;
      // `if (body.ok) { …; return; }` before it: reached only when the test was false.
      if (body.slice(0, body.indexOf(child)).some((s) => s.type === AST_NODE_TYPES.IfStatement && leaves(s.consequent) && successTest(resolver, s.test, subject))) return true;
    }
  }
  return false;
}

/** True when `test` holds only if `subject` is a failure answer (or, through the callback's error, no answer came). */
function failureTest(resolver: Resolver, test: Node, subject: Node): boolean {
  const bare = unwrap(test);
  if (bare.type === AST_NODE_TYPES.UnaryExpression && bare.operator === '!') return successTest(resolver, bare.argument, subject);
  if (bare.type === AST_NODE_TYPES.LogicalExpression) {
    if (bare.operator === '&&') return failureTest(resolver, bare.left, subject) || failureTest(resolver, bare.right, subject);
    if (bare.operator === '||') return [bare.left, bare.right].every((side) => failureTest(resolver, side, subject) || callbackError(resolver, side, subject));
    return false;
  }
  if (bare.type === AST_NODE_TYPES.BinaryExpression) return comparesOk(resolver, bare, subject, false) || httpErrorStatus(resolver, bare, subject);
  // `if (body.error)`: only a failure answer carries one.
  return fieldOf(resolver, bare, subject, 'error');
}

/** True when `test` holds only if `subject` is a success answer. */
function successTest(resolver: Resolver, test: Node, subject: Node): boolean {
  const bare = unwrap(test);
  if (bare.type === AST_NODE_TYPES.UnaryExpression && bare.operator === '!') {
    // `!body.error`: no error, so `ok` (a failure answer always names its error).
    return fieldOf(resolver, bare.argument, subject, 'error') || failureTest(resolver, bare.argument, subject);
  }
  if (bare.type === AST_NODE_TYPES.LogicalExpression) {
    if (bare.operator === '&&') return successTest(resolver, bare.left, subject) || successTest(resolver, bare.right, subject);
    if (bare.operator === '||') return successTest(resolver, bare.left, subject) && successTest(resolver, bare.right, subject);
    return false;
  }
  if (bare.type === AST_NODE_TYPES.BinaryExpression) return comparesOk(resolver, bare, subject, true);
  return fieldOf(resolver, bare, subject, 'ok');
}

/** `body.ok === true` (`outcome` true) or `body.ok === false` / `!== true` (false), either side, `==` too. */
function comparesOk(resolver: Resolver, test: TSESTree.BinaryExpression, subject: Node, outcome: boolean): boolean {
  const equal = test.operator === '===' || test.operator === '==';
  if (!equal && test.operator !== '!==' && test.operator !== '!=') return false;
  const [field, other] = fieldOf(resolver, test.left, subject, 'ok') ? [test.left, test.right] : [test.right, test.left];
  if (!fieldOf(resolver, field, subject, 'ok') || other.type !== AST_NODE_TYPES.Literal || typeof other.value !== 'boolean') return false;
  // `ok !== false` is left alone: an answer without `ok` would pass it.
  return equal ? other.value === outcome : other.value && !outcome;
}

/**
 * `res.statusCode >= 400` (or `> 399`, `!== 200`; `res.status` too) where `subject` is that response's body
 * (`res.body`, `res.data`): Slack sends its data, `rtm.start`'s as `rtm.connect`'s, only with status 200, so the
 * body under an error status is never the data (blind s98/05: `connectionError(err || new Error(JSON.stringify(res.body)))`
 * made a bot that reads only `url` fetch every list).
 */
function httpErrorStatus(resolver: Resolver, test: TSESTree.BinaryExpression, subject: Node): boolean {
  const body = unwrap(subject);
  if (body.type !== AST_NODE_TYPES.MemberExpression) return false;
  const bodyName = memberName(resolver, body);
  if (bodyName !== 'body' && bodyName !== 'data') return false;
  const isStatus = (node: Node): boolean => {
    const bare = unwrap(node);
    if (bare.type !== AST_NODE_TYPES.MemberExpression) return false;
    const name = memberName(resolver, bare);
    return (name === 'statusCode' || name === 'status') && sameValue(resolver, bare.object, body.object);
  };
  const number = (node: Node): number | undefined => {
    const bare = unwrap(node);
    return bare.type === AST_NODE_TYPES.Literal && typeof bare.value === 'number' ? bare.value : undefined;
  };
  // Written either way round: `400 <= res.statusCode` is `res.statusCode >= 400`.
  const flipped: Record<string, string> = { '>=': '<=', '>': '<', '<=': '>=', '<': '>', '!==': '!==', '!=': '!=' };
  const [operator, limit] = isStatus(test.left) ? [test.operator, number(test.right)] : isStatus(test.right) ? [flipped[test.operator], number(test.left)] : [undefined, undefined];
  if (limit === undefined) return false;
  if (operator === '>=') return limit >= 300;
  if (operator === '>') return limit >= 299;
  return (operator === '!==' || operator === '!=') && limit === 200;
}

/** `subject.name` (or `subject?.name`, `subject['name']`). */
function fieldOf(resolver: Resolver, node: Node, subject: Node, name: string): boolean {
  const bare = unwrap(node);
  return bare.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, bare) === name && sameValue(resolver, bare.object, subject);
}

/**
 * `err` in `err || !body.ok`: the first parameter, an error by name or use, of the function whose
 * other parameter `subject` starts from (`(err, res, body) => …`): when it is set no answer came.
 */
function callbackError(resolver: Resolver, node: Node, subject: Node): boolean {
  const bare = unwrap(node);
  const root = rootOf(subject);
  if (bare.type !== AST_NODE_TYPES.Identifier || root === undefined) return false;
  const fn = variableOf(resolver, root)?.defs[0]?.node;
  if (!fn || !isFunction(fn) || fn.params[0]?.type !== AST_NODE_TYPES.Identifier || fn.params.slice(1).every((p) => p.type !== AST_NODE_TYPES.Identifier || p.name !== root.name)) return false;
  return variableOf(resolver, bare) === variableOf(resolver, fn.params[0]) && firstParameterIsError(resolver, fn, true);
}

/** `body` and `body`, `res.body` and `res.body`: the same variable, the same fields. */
function sameValue(resolver: Resolver, a: Node, b: Node): boolean {
  const left = unwrap(a);
  const right = unwrap(b);
  if (left.type === AST_NODE_TYPES.Identifier && right.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(resolver, left);
    return variable !== null && variable === variableOf(resolver, right);
  }
  if (left.type === AST_NODE_TYPES.MemberExpression && right.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(resolver, left);
    return name !== undefined && name === memberName(resolver, right) && sameValue(resolver, left.object, right.object);
  }
  return false;
}

/** The variable a value is read through (`res` of `res.body`), or undefined for anything else. */
function rootOf(node: Node): TSESTree.Identifier | undefined {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.Identifier) return bare;
  return bare.type === AST_NODE_TYPES.MemberExpression ? rootOf(bare.object) : undefined;
}

/** A variable given its value once (a parameter, or a declaration's init), so a guard on it still holds where it is used. */
function stable(resolver: Resolver, subject: Node): boolean {
  const root = rootOf(subject);
  const variable = root && variableOf(resolver, root);
  if (!variable) return false;
  return variable.references.every((r) => !r.isWrite() || r.init === true);
}
