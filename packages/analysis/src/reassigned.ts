import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { memberName, unwrap } from './ast.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/**
 * The writes that may give a variable bound to (part of) a response another value, past `binding`
 * (the write the response came in by): an assignment, `+=`, `++`, a `for … of` target. Not its
 * declaration's own initial value (it comes before), not `x = null`, and not a parse of the
 * variable's own text (`x = JSON.parse(x)`, `JSON.parse(x.toString())`,
 * `typeof x === 'string' ? JSON.parse(x) : x`): after those it still holds the response.
 */
export function otherWrites(resolver: Resolver, variable: TSESLint.Scope.Variable, binding: TSESTree.Identifier): Node[] {
  const writes: Node[] = [];
  for (const reference of variable.references) {
    const identifier = reference.identifier;
    if (identifier === binding || !reference.isWrite() || reference.init === true) continue;
    const parent = identifier.parent;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === identifier && parent.operator === '=') {
      if (isNothing(parent.right) || isReparse(resolver, parent.right, variable)) continue;
      writes.push(parent);
      continue;
    }
    writes.push(parent);
  }
  return writes;
}

/** `null`, `undefined`, `void 0`: nothing is read off the variable after that. */
function isNothing(node: Node): boolean {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.Literal) return bare.value === null;
  if (bare.type === AST_NODE_TYPES.Identifier) return bare.name === 'undefined';
  return bare.type === AST_NODE_TYPES.UnaryExpression && bare.operator === 'void';
}

/** The variable itself, or its text: `x`, `x.toString()`, `String(x)`. */
function isTextOf(resolver: Resolver, node: Node, variable: TSESLint.Scope.Variable): boolean {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.Identifier) return variable.references.some((r) => r.identifier === bare);
  if (bare.type !== AST_NODE_TYPES.CallExpression || bare.arguments.length > 1) return false;
  const callee = unwrap(bare.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, callee) === 'toString' && bare.arguments.length === 0) return isTextOf(resolver, callee.object, variable);
  const [only] = bare.arguments;
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'String' && only !== undefined && isTextOf(resolver, only, variable);
}

/** `JSON.parse(x)` of the variable's text, or `cond ? JSON.parse(x) : x` (either order). */
function isReparse(resolver: Resolver, node: Node, variable: TSESLint.Scope.Variable): boolean {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.ConditionalExpression) {
    const branches = [bare.consequent, bare.alternate];
    return branches.some((b) => isReparse(resolver, b, variable)) && branches.every((b) => isReparse(resolver, b, variable) || isTextOf(resolver, b, variable));
  }
  if (bare.type !== AST_NODE_TYPES.CallExpression || !isJsonParse(resolver, bare.callee)) return false;
  const [text] = bare.arguments;
  return text !== undefined && isTextOf(resolver, text, variable);
}

/** `JSON.parse`: the parsed body is the response itself. */
export function isJsonParse(resolver: Resolver, callee: Node): boolean {
  const bare = unwrap(callee);
  return bare.type === AST_NODE_TYPES.MemberExpression && bare.object.type === AST_NODE_TYPES.Identifier && bare.object.name === 'JSON' && memberName(resolver, bare) === 'parse';
}
