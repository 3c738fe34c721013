import { isRtmStartOnlyArg, type RtmStartOnlyArg } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { memberName, propertyKeyName, resolveConst, staticString, unwrap, variableOf } from './ast.js';
import { queryParameterNames, templateText } from './url.js';
import { requiredPropertyNames, typeServices } from './types.js';

type Node = TSESTree.Node;
import type { Resolver } from './resolver.js';

/** One argument `rtm.connect` does not accept, where it is passed. */
export interface UnsupportedArg {
  readonly name: RtmStartOnlyArg;
  /** The property (removable), the spread that brings it, or the expression whose type proves it. */
  readonly node: Node;
  /** The object literal the property sits in, when it can be removed from it. */
  readonly object: TSESTree.ObjectExpression | undefined;
}

export interface OptionsScan {
  readonly unsupported: UnsupportedArg[];
  /** True when every key passed is known (literal object, no spreads, or no options at all). */
  readonly complete: boolean;
}

/** The unsupported arguments in an options expression (object literal, a `const` holding one, spreads with types). */
export function scanOptions(resolver: Resolver, options: Node | undefined): OptionsScan {
  if (!options) return { unsupported: [], complete: true };
  const value = resolveConst(resolver, options);
  const inline = unwrap(options) === value;
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return { unsupported: fromType(resolver, value), complete: false };
  const unsupported: UnsupportedArg[] = [];
  let complete = inline;
  for (const property of value.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      complete = false;
      unsupported.push(...fromType(resolver, property.argument).map((u) => ({ ...u, node: property })));
      continue;
    }
    const name = propertyKeyName(resolver, property);
    if (name === undefined) complete = false;
    else if (isRtmStartOnlyArg(name)) unsupported.push({ name, node: property, object: value });
  }
  return { unsupported, complete };
}

/** With type information: the unsupported keys the value's type declares as always present. */
function fromType(resolver: Resolver, node: Node): UnsupportedArg[] {
  const services = typeServices(resolver);
  if (!services) return [];
  return requiredPropertyNames(services, node)
    .filter(isRtmStartOnlyArg)
    .map((name) => ({ name, node, object: undefined }));
}

const MUTATORS = new Set(['append', 'set']);
const WRITERS = new Set(['write', 'end', 'send']);

/**
 * Unsupported arguments anywhere in a raw HTTP request's other arguments: object literals (bodies,
 * `params`, `form`, `qs`…), `new URLSearchParams({…})`, `qs.stringify({…})`, form strings
 * (`'token=x&no_unreads=1'`), and through a variable: its `const` value and its `append`/`set` calls.
 */
export function scanRequestArguments(resolver: Resolver, nodes: readonly Node[], depth = 0): UnsupportedArg[] {
  if (depth > 4) return [];
  const found: UnsupportedArg[] = [];
  for (const node of nodes) {
    const bare = unwrap(node);
    if (bare.type === AST_NODE_TYPES.Identifier) found.push(...scanHolder(resolver, bare, depth + 1));
    found.push(...scanValue(resolver, resolveConst(resolver, node), depth));
  }
  return found;
}

function scanValue(resolver: Resolver, value: Node, depth: number): UnsupportedArg[] {
  switch (value.type) {
    case AST_NODE_TYPES.ObjectExpression:
      return value.properties.flatMap((property) => {
        if (property.type !== AST_NODE_TYPES.Property) return [];
        const name = propertyKeyName(resolver, property);
        if (name !== undefined && isRtmStartOnlyArg(name)) return [{ name, node: property, object: value }];
        return scanRequestArguments(resolver, [property.value], depth + 1);
      });
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.CallExpression:
      return scanRequestArguments(resolver, value.arguments, depth + 1);
    case AST_NODE_TYPES.ArrayExpression:
      return scanRequestArguments(resolver, value.elements.filter((e): e is TSESTree.Expression => e !== null), depth + 1);
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
      return formStringArgs(value);
    default:
      return [];
  }
}

/** A form body or query written as a string: `'token=x&no_unreads=1'`. */
function formStringArgs(node: TSESTree.Literal | TSESTree.TemplateLiteral): UnsupportedArg[] {
  const text = node.type === AST_NODE_TYPES.Literal ? (typeof node.value === 'string' ? node.value : '') : templateText(node);
  if (!text.includes('=')) return [];
  return [...new Set(queryParameterNames(text).filter(isRtmStartOnlyArg))].map((name) => ({ name, node, object: undefined }));
}

/**
 * What is done with a variable that holds request data, a URL or a request: `x.append(k, v)`,
 * `x.set(k, v)`, `x.searchParams.set(k, v)`, `x.write(body)`, `x.end(body)`.
 */
export function scanHolder(resolver: Resolver, identifier: TSESTree.Identifier, depth: number): UnsupportedArg[] {
  const variable = variableOf(resolver, identifier);
  if (!variable || depth > 4) return [];
  const found: UnsupportedArg[] = [];
  for (const reference of variable.references) {
    if (!reference.isRead()) continue;
    let target: Node = reference.identifier;
    if (target.parent.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, target.parent) === 'searchParams') target = target.parent;
    const member = target.parent;
    if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== target) continue;
    const call = member.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) continue;
    const name = memberName(resolver, member);
    const key = call.arguments[0];
    if (name !== undefined && MUTATORS.has(name) && key) {
      const text = staticString(resolver, key);
      if (text !== undefined && isRtmStartOnlyArg(text)) found.push({ name: text, node: key, object: undefined });
    } else if (name !== undefined && WRITERS.has(name)) {
      found.push(...scanRequestArguments(resolver, call.arguments, depth + 1));
    }
  }
  return found;
}

/** The calls a variable is passed to (directly or in an options object), with their other arguments. */
export function scanPassedTo(resolver: Resolver, identifier: TSESTree.Identifier): UnsupportedArg[] {
  const variable = variableOf(resolver, identifier);
  if (!variable) return [];
  const found: UnsupportedArg[] = [];
  for (const reference of variable.references) {
    if (!reference.isRead()) continue;
    let current: Node = reference.identifier;
    while ((current.parent.type === AST_NODE_TYPES.Property || current.parent.type === AST_NODE_TYPES.ObjectExpression)) {
      current = current.parent;
    }
    const call = current.parent;
    if ((call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression) || call.callee === current) continue;
    found.push(...scanRequestArguments(resolver, call.arguments.filter((a) => a !== current), 1));
  }
  return found;
}
