import { enclosingFunction, readsOwnArguments, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { text } from './common.js';
import { helperDeclaration } from './helper-contract.js';
import type { FunctionNode } from './this-method.js';

/** Calls that only read a value as data: they never call it. */
const READS_DATA = /^(Object\.(assign|keys|entries)|JSON\.stringify|(querystring|qs)\.stringify|URLSearchParams)$/;

/** How many functions of the file deep a parameter handed on is followed (`form: this._params(params)`). */
const MAX_HANDED = 2;

/**
 * A use of the parameter (or of one element of a rest parameter, or of what a function of the file
 * hands it back as) that treats it as data (an object of arguments), never as a function.
 */
function usedAsData(parsed: ParsedFile, id: TSESTree.Identifier | TSESTree.MemberExpression | TSESTree.CallExpression, depth = 0): boolean {
  const use = id.parent;
  switch (use.type) {
    case AST_NODE_TYPES.MemberExpression:
      // `params.token = …`, `params['x']`: but not `params.call(…)` / `.apply` / `.bind`.
      return use.object === id && !(use.parent.type === AST_NODE_TYPES.CallExpression && use.parent.callee === use && !use.computed && use.property.type === AST_NODE_TYPES.Identifier && ['call', 'apply', 'bind'].includes(use.property.name));
    case AST_NODE_TYPES.SpreadElement:
      return use.parent.type === AST_NODE_TYPES.ObjectExpression;
    case AST_NODE_TYPES.Property:
      return use.value === id && use.parent.type === AST_NODE_TYPES.ObjectExpression;
    case AST_NODE_TYPES.ForInStatement:
      return use.right === id;
    case AST_NODE_TYPES.LogicalExpression: {
      // `params || {}` (defaulted to an object), `if (params && …)`: not `(params || noop)()`.
      const outer = use.parent;
      return unwrap(use.right).type === AST_NODE_TYPES.ObjectExpression || ((outer.type === AST_NODE_TYPES.IfStatement || outer.type === AST_NODE_TYPES.ConditionalExpression) && outer.test === use);
    }
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.BinaryExpression:
      // `!params`, `typeof params`, `params == null`: checked, as an options bag is.
      return true;
    case AST_NODE_TYPES.AssignmentExpression: {
      // `params = params || {}`, `params = { ...defaults, ...params }` (a new object: the old value only spread into it).
      const right = unwrap(use.right).type;
      return use.left === id && (right === AST_NODE_TYPES.LogicalExpression || right === AST_NODE_TYPES.ObjectExpression);
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      if (use.callee === id) return false;
      return READS_DATA.test(text(parsed, use.callee)) || (use.type === AST_NODE_TYPES.CallExpression && depth < MAX_HANDED && handedAsData(parsed, use, id, depth + 1));
    default:
      return false;
  }
}

/**
 * `form: this._params(params)` with `_params(params) { if (!params) return { token }; params.token = t; return params; }`
 * (blind s107/02, simple-slack-bot): a function of this file given the value takes it as data, and
 * where it hands it back, the call's value is used as data here.
 */
function handedAsData(parsed: ParsedFile, call: TSESTree.CallExpression, id: TSESTree.Node, depth: number): boolean {
  const helper = helperDeclaration(parsed, call);
  const index = call.arguments.findIndex((a) => a === id);
  const param = helper && index >= 0 ? helper.params[index] : undefined;
  if (!helper || param?.type !== AST_NODE_TYPES.Identifier || readsOwnArguments(parsed.resolver, helper)) return false;
  return usesOf(parsed, param).every((use) => {
    if (use.type !== AST_NODE_TYPES.Identifier) return false;
    if (use.parent.type === AST_NODE_TYPES.ReturnStatement) return enclosingFunction(use) === helper && usedAsData(parsed, call, depth);
    return usedAsData(parsed, use, depth);
  });
}

/**
 * The helper's declaration takes its parameter at `index` as data, as an options bag: every use of
 * it reads, copies or serializes it (`Object.assign({ token }, params)`, `form: params`, `params.x`),
 * none calls it or hands it to a function that might. What tells a name given there from a callback.
 */
export function takesDataAt(parsed: ParsedFile, helper: FunctionNode | undefined, index: number): boolean {
  if (!helper) return false;
  // `arguments[1]` reads the same value under another name.
  if (readsOwnArguments(parsed.resolver, helper)) return false;
  const restAt = helper.params.findIndex((p) => p.type === AST_NODE_TYPES.RestElement);
  if (restAt >= 0 && restAt <= index) return restTakesDataAt(parsed, helper.params[restAt] as TSESTree.RestElement, index - restAt);
  const param = helper.params[index];
  const id = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  if (id?.type !== AST_NODE_TYPES.Identifier) return false;
  return usesOf(parsed, id).every((use) => use.type === AST_NODE_TYPES.Identifier && usedAsData(parsed, use));
}

function usesOf(parsed: ParsedFile, id: TSESTree.Identifier): TSESTree.Node[] {
  return variableOf(parsed.resolver, id)?.references.filter((r) => r.identifier !== id).map((r) => r.identifier) ?? [];
}

/** `args.shift()`: takes the first element off, which moves the others down by one. */
function isShift(use: TSESTree.Node): boolean {
  const member = use.parent;
  return member?.type === AST_NODE_TYPES.MemberExpression && member.object === use && !member.computed && member.property.type === AST_NODE_TYPES.Identifier && member.property.name === 'shift' && member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member && member.parent.arguments.length === 0;
}

const LOOPS = new Set<AST_NODE_TYPES>([AST_NODE_TYPES.ForStatement, AST_NODE_TYPES.ForInStatement, AST_NODE_TYPES.ForOfStatement, AST_NODE_TYPES.WhileStatement, AST_NODE_TYPES.DoWhileStatement]);

function inLoop(node: TSESTree.Node, within: TSESTree.Node): boolean {
  for (let n = node.parent; n && n !== within; n = n.parent) if (LOOPS.has(n.type)) return true;
  return false;
}

/**
 * The rest parameter (`send(...args)`) takes its element at `element` as data: the array is only spread
 * into a call that reads data (`Object.assign({}, defaults, ...args)`), its length read, its elements
 * read by a literal index as data, or shifted (outside loops) fewer times than it takes to reach that
 * element, so whatever `args.shift()` hands on is an element before it (the method name).
 */
function restTakesDataAt(parsed: ParsedFile, rest: TSESTree.RestElement, element: number): boolean {
  if (rest.argument.type !== AST_NODE_TYPES.Identifier) return false;
  const helper = rest.parent as FunctionNode;
  const uses = usesOf(parsed, rest.argument);
  const shifts = uses.filter(isShift);
  if (shifts.length > element || shifts.some((s) => inLoop(s, helper))) return false;
  return uses.every((use) => {
    if (isShift(use)) return true;
    const parent = use.parent;
    if (parent?.type === AST_NODE_TYPES.SpreadElement) return parent.parent.type === AST_NODE_TYPES.CallExpression && READS_DATA.test(text(parsed, parent.parent.callee));
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== use) return false;
    if (!parent.computed) return parent.property.type === AST_NODE_TYPES.Identifier && parent.property.name === 'length';
    return parent.property.type === AST_NODE_TYPES.Literal && typeof parent.property.value === 'number' && usedAsData(parsed, parent);
  });
}
