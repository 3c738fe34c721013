import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { children, isFunction, memberName, unwrap, variableOf } from './ast.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/**
 * What a `slack-client` 1.x client's members the file uses give: `maps`, its map of a list
 * (`client.groups` holds `groups`' items, `client.dms` `ims`'), `lookups`, a look-up answering an item of
 * the lists named (`client.getDMByName` answers `ims`', `getChannelGroupOrDMByID` any of three).
 */
export interface ClientLists {
  readonly maps: ReadonlyMap<Node, string>;
  readonly lookups: ReadonlyMap<Node, readonly string[]>;
}

/** The array methods whose callback's first parameter is an element of the array they are called on. */
const ELEMENT_CALLBACKS = new Set(['filter', 'map', 'forEach', 'some', 'every', 'find', 'findIndex', 'flatMap']);
/** The array methods whose answer holds elements of the array they are called on (and no others). */
const SAME_ELEMENTS = new Set(['filter', 'slice', 'sort', 'reverse']);

/**
 * The lists whose items `node` may hold, as far as the file shows it: an item of a map
 * (`client.groups[id]`, also through a variable, `_ref = client.groups; group = _ref[id]`), a look-up's
 * answer, or a callback's element of an array made of them (`Object.keys(client.groups).map((k) =>
 * client.groups[k]).filter((g) => …)`, `Object.values(client.dms)`). Undefined where any value it may
 * hold comes from anything else (a function's parameter, a call of the app's own, a destructuring…):
 * then it may be an item of any list the file reaches, as slackClientReads() takes it.
 */
export function itemListsOf(resolver: Resolver, client: ClientLists, node: Node): ReadonlySet<string> | undefined {
  return new Follow(resolver, client).items(node);
}

/** One walk of itemListsOf(): the variables under way, so that a cycle (`g = g.next`) ends as unknown. */
class Follow {
  private readonly under = new Set<TSESLint.Scope.Variable>();

  constructor(
    private readonly resolver: Resolver,
    private readonly client: ClientLists,
  ) {}

  /** The lists whose items `node` may be (see itemListsOf). */
  items(node: Node): ReadonlySet<string> | undefined {
    const bare = unwrap(node);
    if (bare.type === AST_NODE_TYPES.CallExpression) {
      const lookup = this.client.lookups.get(unwrap(bare.callee));
      return lookup === undefined ? undefined : new Set(lookup);
    }
    if (bare.type === AST_NODE_TYPES.MemberExpression && bare.computed) return this.maps(bare.object);
    if (bare.type === AST_NODE_TYPES.ConditionalExpression) return union([this.items(bare.consequent), this.items(bare.alternate)]);
    if (bare.type === AST_NODE_TYPES.LogicalExpression) return union([this.items(bare.left), this.items(bare.right)]);
    if (bare.type === AST_NODE_TYPES.Identifier) return this.held(bare, (value) => this.items(value), (array) => this.elements(array));
    return undefined;
  }

  /** The lists of whose map `node` may be the client's map. */
  private maps(node: Node): ReadonlySet<string> | undefined {
    const bare = unwrap(node);
    const list = this.client.maps.get(bare);
    if (list !== undefined) return new Set([list]);
    if (bare.type === AST_NODE_TYPES.Identifier) return this.held(bare, (value) => this.maps(value), () => undefined);
    return undefined;
  }

  /** The lists whose items the array `node` may hold. */
  private elements(node: Node): ReadonlySet<string> | undefined {
    const bare = unwrap(node);
    if (bare.type === AST_NODE_TYPES.Identifier) return this.held(bare, (value) => this.elements(value), () => undefined);
    if (bare.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrap(bare.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(this.resolver, callee);
    const [first] = bare.arguments;
    const object = unwrap(callee.object);
    if (method === 'values' && object.type === AST_NODE_TYPES.Identifier && object.name === 'Object' && first) return this.maps(first);
    if (method !== undefined && SAME_ELEMENTS.has(method)) return this.elements(callee.object);
    if (method === 'map' && first && isFunction(first)) return this.returned(first);
    return undefined;
  }

  /** The lists whose items a callback may return. */
  private returned(fn: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration): ReadonlySet<string> | undefined {
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return this.items(fn.body);
    const values: (ReadonlySet<string> | undefined)[] = [];
    // Its own returns, not those of the functions inside it.
    const visit = (node: Node): void => {
      if (isFunction(node)) return;
      if (node.type === AST_NODE_TYPES.ReturnStatement) values.push(node.argument ? this.items(node.argument) : new Set());
      for (const child of children(this.resolver, node)) visit(child);
    };
    visit(fn.body);
    return union(values);
  }

  /**
   * What the variable `name` refers to may hold: each value written to it (`value`), or an element of
   * the array a `for…of` walks or of the array whose method calls back with it as first parameter (`element`).
   */
  private held(name: TSESTree.Identifier, value: (node: Node) => ReadonlySet<string> | undefined, element: (array: Node) => ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
    const variable = variableOf(this.resolver, name);
    if (!variable || variable.defs.length === 0 || this.under.has(variable)) return undefined;
    this.under.add(variable);
    try {
      const found: (ReadonlySet<string> | undefined)[] = [];
      for (const def of variable.defs) {
        if (def.type === TSESLint.Scope.DefinitionType.Parameter) found.push(this.parameter(def.name, element));
        else if (def.type !== TSESLint.Scope.DefinitionType.Variable) return undefined;
      }
      for (const reference of variable.references) if (reference.isWrite()) found.push(this.written(reference.identifier, value, element));
      return union(found);
    } finally {
      this.under.delete(variable);
    }
  }

  /** What one write of a name gives it: `x = value`, `var x = value`, `for (x of array)`; undefined for any other (`x += …`, destructuring, `for…in`'s keys). */
  private written(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier, value: (node: Node) => ReadonlySet<string> | undefined, element: (array: Node) => ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
    const parent = identifier.parent;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === identifier && parent.operator === '=') return value(parent.right);
    const loop = parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id === identifier ? parent.parent.parent : parent;
    if (loop.type === AST_NODE_TYPES.ForOfStatement && (loop.left === identifier || loop.left === parent.parent)) return element(loop.right);
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id === identifier && parent.init) return value(parent.init);
    return undefined;
  }

  /** A callback's parameter that an array method calls with an element of the array (`groups.filter((g) => …)`). */
  private parameter(name: TSESTree.BindingName, element: (array: Node) => ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
    const fn = name.parent;
    if (!isFunction(fn)) return undefined;
    const index = fn.params.indexOf(name);
    const call = fn.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return undefined;
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(this.resolver, callee) ?? '';
    if ((index === 0 && ELEMENT_CALLBACKS.has(method)) || (index <= 1 && method === 'sort')) return element(callee.object);
    return undefined;
  }
}

/** The lists of every one of `sets`, undefined where any one is. */
function union(sets: readonly (ReadonlySet<string> | undefined)[]): ReadonlySet<string> | undefined {
  const all = new Set<string>();
  for (const set of sets) {
    if (set === undefined) return undefined;
    for (const list of set) all.add(list);
  }
  return all;
}
