import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { classMemberName, descendants, memberName, programOf, unwrap, variableOf } from './ast.js';
import { localFunction, usesArguments, type FunctionNode } from './functions.js';
import { overrideOf } from './overrides.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/**
 * The uses of a callback's parameter (a response, or the data parsed from it), where a use that only
 * hands the value on whole, as an argument, to a method of the same class (`this.onres(err, res)`) or
 * a function of the same module (`onres(err, res)`) whose body is followed (see handOffTarget) stands
 * for that function's uses of its parameter, transitively; a function already entered is not entered
 * again (a use handing the value back to it stays a use). Every other use is one of the result.
 */
export function parameterUses(resolver: Resolver, param: TSESTree.Identifier): TSESLint.Scope.Reference[] {
  const uses: TSESLint.Scope.Reference[] = [];
  const entered = new Set<FunctionNode>();
  const collect = (name: TSESTree.Identifier): void => {
    for (const reference of variableOf(resolver, name)?.references ?? []) {
      const target = reference.isReadOnly() ? handOffTarget(resolver, reference.identifier) : undefined;
      if (target && !entered.has(target.fn)) {
        entered.add(target.fn);
        collect(target.param);
      } else uses.push(reference);
    }
  };
  collect(param);
  return uses;
}

/**
 * `value` given as an argument (no spread before it) to the function a call reaches for sure, whose
 * parameter in that place is a plain name and which reads no `arguments`: a function of this module
 * (`onres(…)`, see moduleFunction) or a method of the class whose `this` the call is made on
 * (`this.onres(…)`, see classMethod). Undefined otherwise: the value is then used there unseen.
 */
function handOffTarget(resolver: Resolver, value: Node): { fn: FunctionNode; param: TSESTree.Identifier } | undefined {
  const call = value.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee === value) return undefined;
  const index = call.arguments.indexOf(value as TSESTree.CallExpressionArgument);
  if (index < 0 || call.arguments.slice(0, index).some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const callee = unwrap(call.callee);
  const fn = callee.type === AST_NODE_TYPES.Identifier ? moduleFunction(resolver, callee) : callee.type === AST_NODE_TYPES.MemberExpression ? classMethod(resolver, callee) : undefined;
  const param = fn?.params[index];
  if (!fn || param?.type !== AST_NODE_TYPES.Identifier || usesArguments(resolver, fn)) return undefined;
  return { fn, param };
}

/**
 * `onres` of `onres(…)`: a function this module declares once and never gives another value, called
 * here and nowhere else (passed around or called with other values, its parameter would hold those too).
 */
function moduleFunction(resolver: Resolver, callee: TSESTree.Identifier): FunctionNode | undefined {
  const fn = localFunction(resolver, callee);
  const variable = variableOf(resolver, callee);
  if (!fn || !variable) return undefined;
  const uses = variable.references.filter((r) => !variable.defs.some((d) => d.name === r.identifier));
  return uses.length === 1 && uses[0]?.identifier === callee ? fn : undefined;
}

/**
 * The method `name` of `this.name(…)` in a method (or a class field's arrow function) of a class: the
 * one member of that name in the class body, a plain method that nothing can override (see overrideOf:
 * a subclass here or in an importing module), and nothing else in the module names a member so (no other
 * call, no `.bind`, no look-up on an instance): this call is the method's only one in the module.
 */
function classMethod(resolver: Resolver, callee: TSESTree.MemberExpression): FunctionNode | undefined {
  const name = memberName(resolver, callee);
  if (name === undefined || callee.computed || unwrap(callee.object).type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const body = thisClass(callee);
  if (!body) return undefined;
  const members = body.body.filter((m) => classMemberName(m) === name);
  const [method] = members;
  if (members.length !== 1 || method?.type !== AST_NODE_TYPES.MethodDefinition || method.kind !== 'method' || method.static || method.value.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  for (const node of descendants(resolver, programOf(body))) {
    if (node === callee) continue;
    if (node.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, node) === name) return undefined;
  }
  return overrideOf(resolver, method.value, name) === undefined ? method.value : undefined;
}

/**
 * The class body whose instance `this` is at `node`: the nearest function that is not an arrow is a
 * method of it that is not static (or `node` sits in a class field's value). Undefined elsewhere
 * (a plain function's `this` is whatever it is called with).
 */
function thisClass(node: Node): TSESTree.ClassBody | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === AST_NODE_TYPES.PropertyDefinition) return p.static ? undefined : p.parent;
    if (p.type !== AST_NODE_TYPES.FunctionExpression && p.type !== AST_NODE_TYPES.FunctionDeclaration) continue;
    const method = p.parent;
    return method.type === AST_NODE_TYPES.MethodDefinition && !method.static && method.value === p ? method.parent : undefined;
  }
  return undefined;
}
