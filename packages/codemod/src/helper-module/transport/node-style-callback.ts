import { descendants, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { Node } from './common.js';

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

/** How far a callback is followed from function to function (`callAPI(…, cb)` → `postForm(…, cb)`). */
const MAX_DEPTH = 3;

/**
 * The one function of the file a callee names: `f` → `function f` (or `var f = function`), `x.m` →
 * the only function stored as `m` (`a.m = function`, `A.prototype.m = function`, `m: function`, a
 * class method `m`). Undefined when none or several.
 */
export function declarationOf(parsed: ParsedFile, callee: Node): FunctionNode | undefined {
  const bare = unwrap(callee);
  if (bare.type === AST_NODE_TYPES.Identifier) {
    const def = variableOf(parsed.resolver, bare)?.defs[0];
    if (def?.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
    if (def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && isFunctionNode(def.node.init)) return def.node.init;
    return undefined;
  }
  if (bare.type !== AST_NODE_TYPES.MemberExpression || bare.computed || bare.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const name = bare.property.name;
  const found: FunctionNode[] = [];
  for (const node of descendants(parsed.resolver, parsed.program)) {
    const stored = storedName(node);
    if (stored?.name === name) found.push(stored.fn);
  }
  return found.length === 1 ? found[0] : undefined;
}

function isFunctionNode(node: Node): node is FunctionNode {
  return node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration;
}

/** A function and the member name it is stored under, for the assignments, properties and methods that store one. */
function storedName(node: Node): { name: string; fn: FunctionNode } | undefined {
  if (node.type === AST_NODE_TYPES.AssignmentExpression && isFunctionNode(node.right) && node.left.type === AST_NODE_TYPES.MemberExpression && !node.left.computed && node.left.property.type === AST_NODE_TYPES.Identifier) {
    return { name: node.left.property.name, fn: node.right };
  }
  if ((node.type === AST_NODE_TYPES.Property || node.type === AST_NODE_TYPES.MethodDefinition) && !node.computed && node.key.type === AST_NODE_TYPES.Identifier && isFunctionNode(node.value)) {
    return { name: node.key.name, fn: node.value };
  }
  return undefined;
}

/** What a Node-style callback gets first: `null`, an error (`err`, `parseError`, `json.error`, `new Error(…)`, `'Invalid JSON'`), or either (`error || new Error(…)`, `json.ok ? null : json.error`). */
function isErrorOrNull(node: Node | undefined): boolean {
  const bare = node && unwrap(node);
  if (!bare) return false;
  // A message string (`cb('Invalid response')`) is an error too: the callback's first argument is truthy.
  if (bare.type === AST_NODE_TYPES.Literal) return bare.value === null || (typeof bare.value === 'string' && bare.value !== '');
  if (bare.type === AST_NODE_TYPES.Identifier) return /err(or)?$/i.test(bare.name) || bare.name === 'e';
  if (bare.type === AST_NODE_TYPES.MemberExpression) return !bare.computed && bare.property.type === AST_NODE_TYPES.Identifier && /^err(or)?$/i.test(bare.property.name);
  if (bare.type === AST_NODE_TYPES.LogicalExpression) return isErrorOrNull(bare.left) && isErrorOrNull(bare.right);
  if (bare.type === AST_NODE_TYPES.ConditionalExpression) return isErrorOrNull(bare.consequent) && isErrorOrNull(bare.alternate);
  if (bare.type === AST_NODE_TYPES.NewExpression || bare.type === AST_NODE_TYPES.CallExpression) return bare.callee.type === AST_NODE_TYPES.Identifier && bare.callee.name.endsWith('Error');
  return false;
}

interface Seen {
  /** A call hands data on, after its error slot: `cb(null, json)`, `callback(err, body)`. */
  delivers: boolean;
  /** A missing callback is defaulted (`cb = cb || noop`): the transport may be called without one. */
  defaults: boolean;
  /** The callback is checked before it is called (`if (cb)`, `cb && cb(…)`): the transport may be called without one. */
  checks: boolean;
}

/**
 * The function calls its parameter at `index` Node-style, and only so: every call of it gets an error
 * or `null` first, it is otherwise only checked, defaulted (`cb = cb || noop`) or handed at the same
 * kind of place to another function of the file that does the same; at least one call hands data on.
 */
function callsBackNodeStyle(parsed: ParsedFile, fn: FunctionNode, index: number, depth: number, seen: Seen): boolean {
  const param = fn.params[index];
  if (param?.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(parsed.resolver, param);
  if (!variable) return false;
  for (const ref of variable.references) {
    const id = ref.identifier;
    if (id === param) continue;
    if (id.type !== AST_NODE_TYPES.Identifier) return false;
    const use = id.parent;
    if (ref.isWrite()) {
      // `cb = cb || noop`: a missing callback defaulted.
      if (use.type !== AST_NODE_TYPES.AssignmentExpression || use.left !== id || use.right.type !== AST_NODE_TYPES.LogicalExpression || use.right.operator !== '||') return false;
      seen.defaults = true;
      continue;
    }
    if (use.type === AST_NODE_TYPES.LogicalExpression && use.left === id && use.parent.type === AST_NODE_TYPES.AssignmentExpression && use.parent.left.type === AST_NODE_TYPES.Identifier && use.parent.left.name === id.name) continue;
    if (isCheck(use, id)) {
      seen.checks = true;
      continue;
    }
    if (use.type !== AST_NODE_TYPES.CallExpression) return false;
    if (use.callee === id) {
      if (!isErrorOrNull(use.arguments[0])) return false;
      if (use.arguments.length >= 2) seen.delivers = true;
      continue;
    }
    const at = use.arguments.indexOf(id);
    const next = depth < MAX_DEPTH && at >= 0 ? declarationOf(parsed, use.callee) : undefined;
    if (!next || next === fn || !callsBackNodeStyle(parsed, next, at, depth + 1, seen)) return false;
  }
  return true;
}

/** `if (cb)`, `cb && cb(…)`'s test, `typeof cb`, `cb != null`. */
export function isCheck(use: Node, id: Node): boolean {
  if (use.type === AST_NODE_TYPES.BinaryExpression) return ['!=', '==', '!==', '==='].includes(use.operator);
  if (use.type === AST_NODE_TYPES.UnaryExpression) return use.operator === 'typeof' || use.operator === '!';
  if (use.type === AST_NODE_TYPES.LogicalExpression) return use.left === id && use.operator === '&&';
  return (use.type === AST_NODE_TYPES.IfStatement || use.type === AST_NODE_TYPES.ConditionalExpression) && use.test === id;
}

/**
 * The transport `call` goes to is declared in the file and calls the callback it gets at `index`
 * Node-style, `(err, data)`, as its code shows (followed through the functions it hands it to):
 * what lets a caller turn it into a promise of the data. Also says whether it defaults or checks a missing callback.
 */
export function transportCallsBackNodeStyle(parsed: ParsedFile, call: TSESTree.CallExpression, index: number): { readonly defaults: boolean; readonly checks: boolean } | undefined {
  const fn = declarationOf(parsed, call.callee);
  const seen: Seen = { delivers: false, defaults: false, checks: false };
  return fn !== undefined && callsBackNodeStyle(parsed, fn, index, 1, seen) && seen.delivers ? { defaults: seen.defaults, checks: seen.checks } : undefined;
}
