import { descendants, originOf, propertyKeyName, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, type Node } from './common.js';
import { helperDeclaration } from './helper-contract.js';

type Callback = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;

/** How the helper's callback gets request's arguments: the body as text, or parsed (`json: true`). */
export interface RequestForwarded {
  readonly parsedBody: boolean;
}

/**
 * The helper declared in the file hands the callback it gets at `index` exactly what `request` hands
 * its own, `(err, res, body)`: the parameter is called once, `callback.apply(this, arguments)` or
 * `callback(err, res, body)` (request's parameters in order, none given another value), as a
 * statement directly in the written-out callback of the helper's one `request` call; otherwise it is
 * only tested (`if (callback)`, `callback && …`). The body is text, or parsed where the request's
 * options say `json: true`; any other `json`, or options not written out, and it is not known.
 */
export function requestForwardedCallback(parsed: ParsedFile, call: TSESTree.CallExpression, index: number): RequestForwarded | undefined {
  const helper = helperDeclaration(parsed, call);
  const param = helper?.params[index];
  if (!helper || param?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(parsed.resolver, param);
  let forwarding: TSESTree.CallExpression | undefined;
  for (const reference of variable?.references ?? []) {
    const id = reference.identifier;
    if (id === param) continue;
    if (reference.isWrite() || id.type !== AST_NODE_TYPES.Identifier) return undefined;
    const use = id.parent;
    if (isTest(use, id)) continue;
    const forward = forwardingCall(id);
    if (!forward || forwarding) return undefined;
    forwarding = forward;
  }
  const requestCallback = forwarding && enclosingCallback(forwarding);
  const request = requestCallback?.parent;
  if (!forwarding || !requestCallback || request?.type !== AST_NODE_TYPES.CallExpression || request.arguments.at(-1) !== requestCallback) return undefined;
  if (forwarding.parent.type !== AST_NODE_TYPES.ExpressionStatement && forwarding.parent.type !== AST_NODE_TYPES.ConditionalExpression && forwarding.parent.type !== AST_NODE_TYPES.LogicalExpression) return undefined;
  if (!forwardsRequestArguments(parsed, forwarding, requestCallback) || !isRequestCall(parsed, request) || !withinOnce(parsed, helper, request)) return undefined;
  const json = jsonOption(parsed, request);
  return json === undefined ? undefined : { parsedBody: json };
}

/** `if (cb)`, `cb && cb(…)`'s test, `typeof cb`, `cb != null`, `!cb`. */
function isTest(use: Node, id: Node): boolean {
  if (use.type === AST_NODE_TYPES.BinaryExpression) return ['!=', '==', '!==', '==='].includes(use.operator);
  if (use.type === AST_NODE_TYPES.UnaryExpression) return use.operator === 'typeof' || use.operator === '!';
  if (use.type === AST_NODE_TYPES.LogicalExpression) return use.left === id && use.operator === '&&';
  return (use.type === AST_NODE_TYPES.IfStatement || use.type === AST_NODE_TYPES.ConditionalExpression) && use.test === id;
}

/** `cb(…)` or `cb.apply(…)`: the call that hands the callback its arguments. */
function forwardingCall(id: TSESTree.Identifier): TSESTree.CallExpression | undefined {
  const use = id.parent;
  if (use.type === AST_NODE_TYPES.CallExpression && use.callee === id) return use;
  const call = use.parent;
  const apply = use.type === AST_NODE_TYPES.MemberExpression && use.object === id && !use.computed && use.property.type === AST_NODE_TYPES.Identifier && use.property.name === 'apply';
  return apply && call?.type === AST_NODE_TYPES.CallExpression && call.callee === use ? call : undefined;
}

/** The function a call is directly in. */
function enclosingCallback(node: Node): Callback | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
    if (isFunction(p)) return p;
  }
  return undefined;
}

/**
 * `cb.apply(this, arguments)` in a `function` whose parameters are never given another value (in
 * sloppy mode `arguments` follows them), or `cb(err, res, body)` with the request callback's three
 * parameters in order, never given another value.
 */
function forwardsRequestArguments(parsed: ParsedFile, forwarding: TSESTree.CallExpression, fn: Callback): boolean {
  const unchanged = fn.params.every((p) => p.type === AST_NODE_TYPES.Identifier && !variableOf(parsed.resolver, p)?.references.some((r) => r.isWrite() && r.identifier !== p));
  if (!unchanged) return false;
  const args = forwarding.arguments;
  if (forwarding.callee.type === AST_NODE_TYPES.MemberExpression) {
    const [, list, ...more] = args;
    return fn.type === AST_NODE_TYPES.FunctionExpression && more.length === 0 && list?.type === AST_NODE_TYPES.Identifier && list.name === 'arguments';
  }
  return fn.params.length === 3 && args.length === 3 && args.every((a, i) => a.type === AST_NODE_TYPES.Identifier && a.name === (fn.params[i] as TSESTree.Identifier).name);
}

/** `request(…)`, `request.get(…)`, `request.post(…)` of the `request` package. */
function isRequestCall(parsed: ParsedFile, request: TSESTree.CallExpression): boolean {
  const callee = unwrap(request.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && (callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier || !['get', 'post'].includes(callee.property.name))) return false;
  return originOf(parsed.resolver, callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : callee)?.module === 'request';
}

/** The request is made once per call of the helper: directly in its body, in no loop nor inner function. */
function withinOnce(parsed: ParsedFile, helper: Node, request: Node): boolean {
  const requests = [...descendants(parsed.resolver, helper)].filter((n) => n.type === AST_NODE_TYPES.CallExpression && n !== request && isRequestCall(parsed, n));
  if (requests.length > 0) return false;
  for (let p = request.parent; p && p !== helper; p = p.parent) {
    if (isFunction(p) || p.type === AST_NODE_TYPES.FunctionDeclaration || /^(For|ForIn|ForOf|While|DoWhile)Statement$/.test(p.type)) return false;
  }
  return true;
}

/** False: the body is text (no `json` option); true: `json: true`; undefined: options not written out, or another `json`. */
function jsonOption(parsed: ParsedFile, request: TSESTree.CallExpression): boolean | undefined {
  let parsedBody = false;
  for (const argument of request.arguments.slice(0, -1)) {
    const bare = unwrap(argument);
    if (bare.type === AST_NODE_TYPES.Literal || bare.type === AST_NODE_TYPES.TemplateLiteral || bare.type === AST_NODE_TYPES.BinaryExpression) continue;
    if (bare.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    for (const property of bare.properties) {
      const name = property.type === AST_NODE_TYPES.Property ? propertyKeyName(parsed.resolver, property) : undefined;
      if (name === undefined) return undefined;
      if (name !== 'json' || property.type !== AST_NODE_TYPES.Property) continue;
      const value = unwrap(property.value);
      if (value.type !== AST_NODE_TYPES.Literal || value.value !== true) return undefined;
      parsedBody = true;
    }
  }
  return parsedBody;
}
