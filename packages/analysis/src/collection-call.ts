import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { unwrap, variableOf } from './ast.js';
import { isFunctionValue } from './functions.js';
import { originOf } from './origin.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

const COLLECTION_MODULES = new Set(['lodash', 'lodash-es', 'underscore']);

/**
 * lodash's / underscore's collection functions given a list and an iteratee, by the Array method they
 * read the list like: the iteratee gets each item, and what comes back holds the same items (`filter`:
 * `reject`, `sortBy`, and `each` / `forEach`, which hand the list back), one item (`find`), or only what
 * the iteratee made or a truth value (`map`, `countBy`; `some`, `every`). `groupBy` hands the items
 * back under keys, which nothing follows: null (its result escapes).
 */
const COLLECTION_FUNCTIONS: Readonly<Record<string, string | null>> = {
  filter: 'filter', reject: 'filter', sortBy: 'filter', each: 'filter', forEach: 'filter',
  map: 'map', countBy: 'map', find: 'find', some: 'some', every: 'every', groupBy: null,
};

/**
 * `_.filter(list, fn)`: the Array method (`filter`, `map`…; null for `groupBy`) lodash's or underscore's
 * collection function `call` reads its first argument like, where `_` is provably one of them
 * (`require('lodash')`, `import _ from 'underscore'`, `require('lodash/filter')`, or the global `_`
 * of a Meteor file, which bundles underscore) and the iteratee is a function: a property-name
 * shorthand (`_.filter(users, 'is_bot')`) reads a field no function shows. Undefined otherwise,
 * so an unknown `_` stays an escape.
 */
export function collectionMethodOf(resolver: Resolver, call: TSESTree.CallExpression): string | null | undefined {
  const iteratee = call.arguments[1];
  if (!iteratee || !isFunctionValue(resolver, iteratee)) return undefined;
  const name = collectionFunctionName(resolver, unwrap(call.callee));
  return name !== undefined && Object.hasOwn(COLLECTION_FUNCTIONS, name) ? COLLECTION_FUNCTIONS[name] : undefined;
}

/**
 * The Array method lodash's / underscore's wrapper method `name` (`_(list).filter(fn)`) reads its list
 * like, as collectionMethodOf: undefined where it is none of those (`pluck`, `first`, `value`).
 */
export function collectionMethodNamed(name: string): string | null | undefined {
  return Object.hasOwn(COLLECTION_FUNCTIONS, name) ? COLLECTION_FUNCTIONS[name] : undefined;
}

/**
 * How `call` wraps its one argument in lodash's or underscore's wrapper, `_` provably one of them (as
 * collectionMethodOf): `chain` for `_.chain(list)` (each link hands back a wrapper, until `.value()`);
 * `lodash` for lodash's `_(list)` (a wrapper too, but a link answering one value, `find`, `some`,
 * unwraps it); `underscore` for underscore's `_(list)` (a link hands back its plain result).
 */
export function collectionWrapperOf(resolver: Resolver, call: TSESTree.CallExpression): 'chain' | 'lodash' | 'underscore' | undefined {
  if (call.arguments.length !== 1) return undefined;
  const callee = unwrap(call.callee);
  if (collectionFunctionName(resolver, callee) === 'chain') return 'chain';
  const origin = originOf(resolver, callee);
  if (origin && !origin.instance) {
    if (!COLLECTION_MODULES.has(origin.module) || (origin.name !== '*' && origin.name !== 'default')) return undefined;
    return origin.module === 'underscore' ? 'underscore' : 'lodash';
  }
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === '_' && meteorGlobal(resolver, callee) ? 'underscore' : undefined;
}

function collectionFunctionName(resolver: Resolver, callee: Node): string | undefined {
  const origin = originOf(resolver, callee);
  if (origin && !origin.instance) {
    if (COLLECTION_MODULES.has(origin.module) && origin.name !== '*' && origin.name !== 'default') return origin.name;
    // `require('lodash/filter')`, `import filter from 'lodash/filter'`
    const [, single] = /^lodash\/(\w+)$/.exec(origin.module) ?? [];
    if (single !== undefined && (origin.name === '*' || origin.name === 'default')) return single;
    return undefined;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const object = unwrap(callee.object);
  return object.type === AST_NODE_TYPES.Identifier && object.name === '_' && meteorGlobal(resolver, object) ? callee.property.name : undefined;
}

/** `_` declared nowhere in a file that uses Meteor's global `Meteor` (declared nowhere either). */
function meteorGlobal(resolver: Resolver, underscore: TSESTree.Identifier): boolean {
  const variable = variableOf(resolver, underscore);
  if (variable && variable.defs.length > 0) return false;
  let scope: TSESLint.Scope.Scope = resolver.getScope(underscore);
  while (scope.upper) scope = scope.upper;
  const meteor = scope.set.get('Meteor');
  if (meteor) return meteor.defs.length === 0 && meteor.references.length > 0;
  return scope.through.some((r) => r.identifier.type === AST_NODE_TYPES.Identifier && r.identifier.name === 'Meteor');
}
