import { CONVERSATION_LIST_FIELDS, isStartOnlyField, RTM_START_FIELDS } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { isFunction, memberName, propertyKeyName, unwrap, variableOf } from './ast.js';

type Node = TSESTree.Node;
type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * What a tracked expression holds: (part of) a response at `path` (`''` the whole response,
 * `channels` a list, `channels[]` one of its items, `self`…), a promise of one, or an array whose
 * item `index` is one (`Promise.all([…])`).
 */
export type Shape =
  | { readonly kind: 'value'; readonly path: string }
  | { readonly kind: 'promise'; readonly of: Shape }
  | { readonly kind: 'tuple'; readonly index: number; readonly of: Shape };

export const RESPONSE: Shape = { kind: 'value', path: '' };
export const PROMISED_RESPONSE: Shape = { kind: 'promise', of: RESPONSE };

/** A read of a response field: `path` as core names it (`users`, `self.prefs`, `channels[].members`). */
export interface FieldRead {
  readonly path: string;
  readonly node: Node;
}

export interface Flow {
  readonly reads: FieldRead[];
  /** True when the value goes where this analysis cannot follow (returned, passed on, stored…). */
  escaped: boolean;
}

const LIST_FIELDS = new Set(Object.keys(CONVERSATION_LIST_FIELDS));
const OBJECT_FIELDS = new Set(['self', 'team']);
/** List methods whose callback gets an item (index of the item parameter). */
const ITEM_CALLBACKS: Readonly<Record<string, number>> = {
  forEach: 0, map: 0, filter: 0, find: 0, findLast: 0, findIndex: 0, some: 0, every: 0, flatMap: 0, reduce: 1, reduceRight: 1,
};
const LIST_RESULTS = new Set(['filter', 'slice', 'sort', 'toSorted', 'reverse', 'toReversed', 'concat']);
const ITEM_RESULTS = new Set(['find', 'findLast', 'at', 'pop', 'shift']);
const MAX_DEPTH = 40;

/** True when a read at `path` finds nothing in a connect-shaped response and is worth its own report. */
export function isReportableRead(path: string): boolean {
  if (!isStartOnlyField(path)) return false;
  // Item attributes (`channels[].name`) come back with the replacement list; only named facts count.
  return !path.includes('[]') || RTM_START_FIELDS[path] !== undefined;
}

/** Follows a response from `start` (an expression holding `shape`) and collects the fields read. */
export function followFrom(context: Context, start: Node, shape: Shape): Flow {
  const tracker = new Tracker(context);
  tracker.follow(start, shape, 0);
  return tracker.flow;
}

/** Follows a response bound to a function's parameter `index` (a callback or event handler). */
export function followParameter(context: Context, fn: Node, index: number, shape: Shape): Flow {
  const tracker = new Tracker(context);
  tracker.bindParameter(fn, index, shape, 0);
  return tracker.flow;
}

function childPath(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function shouldFollowValue(path: string): boolean {
  return path === '' || OBJECT_FIELDS.has(path) || LIST_FIELDS.has(path) || path.endsWith('[]');
}

class Tracker {
  readonly flow: Flow = { reads: [], escaped: false };
  private readonly seen = new Set<string>();

  constructor(private readonly context: Context) {}

  private escape(): void {
    this.flow.escaped = true;
  }

  private read(path: string, node: Node, depth: number, next: () => void): void {
    this.flow.reads.push({ path, node });
    if (shouldFollowValue(path) && depth < MAX_DEPTH) next();
  }

  follow(node: Node, shape: Shape, depth: number): void {
    const parent = node.parent;
    if (!parent || depth > MAX_DEPTH) return;
    const d = depth + 1;
    switch (parent.type) {
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
        return this.follow(parent, shape, d);
      case AST_NODE_TYPES.AwaitExpression:
        return this.follow(parent, shape.kind === 'promise' ? shape.of : shape, d);
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.operator === '&&' && parent.left === node) return;
        return this.follow(parent, shape, d);
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === node) return;
        return this.follow(parent, shape, d);
      case AST_NODE_TYPES.SequenceExpression:
        if (parent.expressions.at(-1) === node) this.follow(parent, shape, d);
        return;
      case AST_NODE_TYPES.MemberExpression:
        if (parent.object === node) return this.member(parent, shape, d);
        return;
      case AST_NODE_TYPES.CallExpression:
        return this.argument(parent, node, shape, d);
      case AST_NODE_TYPES.VariableDeclarator:
        if (parent.init === node) return this.bind(parent.id, shape, d);
        return;
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right === node && parent.operator === '=') return this.bind(parent.left, shape, d);
        return;
      case AST_NODE_TYPES.ForOfStatement:
        if (parent.right === node) return this.iterate(parent.left, shape, d);
        return;
      case AST_NODE_TYPES.ArrayExpression:
        return this.arrayItem(parent, node, shape, d);
      case AST_NODE_TYPES.ExpressionStatement:
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.SwitchStatement:
        return;
      default:
        return this.escape();
    }
  }

  private member(member: TSESTree.MemberExpression, shape: Shape, depth: number): void {
    const name = memberName(this.context, member);
    if (shape.kind === 'promise') return this.promiseMember(member, name, shape, depth);
    if (shape.kind === 'tuple') {
      if (name === String(shape.index)) this.follow(member, shape.of, depth);
      return;
    }
    const { path } = shape;
    if (LIST_FIELDS.has(path)) return this.listMember(member, name, path, depth);
    if (name === undefined || /^\d+$/.test(name)) {
      if (!path.endsWith('[]')) this.escape();
      return;
    }
    const next = childPath(path, name);
    this.read(next, member.property, depth, () => this.follow(member, { kind: 'value', path: next }, depth));
  }

  private promiseMember(member: TSESTree.MemberExpression, name: string | undefined, shape: Shape & { kind: 'promise' }, depth: number): void {
    const call = member.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return this.escape();
    if (name === 'then') {
      const onFulfilled = call.arguments[0];
      if (onFulfilled) this.bindParameter(onFulfilled, 0, shape.of, depth);
      return;
    }
    if (name === 'catch' || name === 'finally') return this.follow(call, shape, depth);
    this.escape();
  }

  private listMember(member: TSESTree.MemberExpression, name: string | undefined, path: string, depth: number): void {
    const item: Shape = { kind: 'value', path: `${path}[]` };
    if (name === undefined || /^\d+$/.test(name)) return this.follow(member, item, depth);
    const call = member.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return;
    const itemIndex = ITEM_CALLBACKS[name];
    const callback = call.arguments[0];
    if (itemIndex !== undefined && callback) this.bindParameter(callback, itemIndex, item, depth);
    if (LIST_RESULTS.has(name)) this.follow(call, { kind: 'value', path }, depth);
    else if (ITEM_RESULTS.has(name)) this.follow(call, item, depth);
  }

  /** The value passed as an argument: `Promise.resolve`-like calls are not followed; local functions are. */
  private argument(call: TSESTree.CallExpression, node: Node, shape: Shape, depth: number): void {
    if (call.callee === node) return this.escape();
    const index = call.arguments.indexOf(node as TSESTree.CallExpressionArgument);
    const callee = unwrap(call.callee);
    if (index >= 0 && callee.type === AST_NODE_TYPES.Identifier && localFunction(this.context, callee)) {
      return this.bindParameter(callee, index, shape, depth);
    }
    this.escape();
  }

  private arrayItem(array: TSESTree.ArrayExpression, node: Node, shape: Shape, depth: number): void {
    const call = array.parent;
    const index = array.elements.indexOf(node as TSESTree.Expression);
    if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === array && isPromiseAll(this.context, call.callee)) {
      const item = shape.kind === 'promise' ? shape.of : shape;
      return this.follow(call, { kind: 'promise', of: { kind: 'tuple', index, of: item } }, depth);
    }
    this.escape();
  }

  private iterate(left: TSESTree.ForOfStatement['left'], shape: Shape, depth: number): void {
    if (shape.kind !== 'value' || !LIST_FIELDS.has(shape.path)) return this.escape();
    const item: Shape = { kind: 'value', path: `${shape.path}[]` };
    if (left.type === AST_NODE_TYPES.VariableDeclaration) {
      const declarator = left.declarations[0];
      if (declarator) this.bind(declarator.id, item, depth);
      return;
    }
    this.bind(left, item, depth);
  }

  /** Binds a value to a pattern (variable, destructuring, default, rest) and follows its uses. */
  bind(pattern: Node, shape: Shape, depth: number): void {
    if (depth > MAX_DEPTH) return;
    switch (pattern.type) {
      case AST_NODE_TYPES.Identifier:
        return this.bindIdentifier(pattern, shape, depth);
      case AST_NODE_TYPES.AssignmentPattern:
        return this.bind(pattern.left, shape, depth + 1);
      case AST_NODE_TYPES.ObjectPattern:
        return this.bindObject(pattern, shape, depth + 1);
      case AST_NODE_TYPES.ArrayPattern:
        return this.bindArray(pattern, shape, depth + 1);
      default:
        return this.escape();
    }
  }

  private bindIdentifier(identifier: TSESTree.Identifier, shape: Shape, depth: number): void {
    const variable = variableOf(this.context, identifier);
    if (!variable) return this.escape();
    const key = `${identifier.range[0]}:${JSON.stringify(shape)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (isExported(identifier)) this.escape();
    for (const reference of variable.references) {
      if (reference.identifier === identifier || !reference.isRead()) continue;
      this.follow(reference.identifier, shape, depth + 1);
    }
  }

  private bindObject(pattern: TSESTree.ObjectPattern, shape: Shape, depth: number): void {
    if (shape.kind !== 'value') return this.escape();
    for (const property of pattern.properties) {
      if (property.type === AST_NODE_TYPES.RestElement) {
        this.bind(property.argument, shape, depth);
        continue;
      }
      const name = propertyKeyName(this.context, property);
      if (name === undefined) {
        this.escape();
        continue;
      }
      if (LIST_FIELDS.has(shape.path)) continue; // `const { length } = res.channels`
      const next = childPath(shape.path, name);
      this.read(next, property.key, depth, () => this.bind(property.value, { kind: 'value', path: next }, depth));
    }
  }

  private bindArray(pattern: TSESTree.ArrayPattern, shape: Shape, depth: number): void {
    pattern.elements.forEach((element, index) => {
      if (!element) return;
      if (shape.kind === 'tuple') {
        if (index === shape.index) this.bind(element, shape.of, depth);
        return;
      }
      if (shape.kind === 'value' && LIST_FIELDS.has(shape.path)) {
        if (element.type === AST_NODE_TYPES.RestElement) this.bind(element.argument, shape, depth);
        else this.bind(element, { kind: 'value', path: `${shape.path}[]` }, depth);
        return;
      }
      this.escape();
    });
  }

  /** Binds parameter `index` of a function (inline, or a local function named by an identifier). */
  bindParameter(fnNode: Node, index: number, shape: Shape, depth: number): void {
    const fn = functionOf(this.context, fnNode);
    if (!fn) return this.escape();
    const param = fn.params[index];
    if (!param) return;
    if (param.type === AST_NODE_TYPES.RestElement || param.type === AST_NODE_TYPES.TSParameterProperty) return this.escape();
    this.bind(param, shape, depth + 1);
  }
}

function isPromiseAll(context: Context, callee: Node): boolean {
  const bare = unwrap(callee);
  return (
    bare.type === AST_NODE_TYPES.MemberExpression &&
    bare.object.type === AST_NODE_TYPES.Identifier &&
    bare.object.name === 'Promise' &&
    memberName(context, bare) === 'all'
  );
}

function isExported(identifier: TSESTree.Identifier): boolean {
  const declarator = identifier.parent;
  const declaration = declarator?.parent;
  return declaration?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
}

type FunctionNode = TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration;

/** The function an expression is, or that a local identifier names (`function f`, `const f = () => …`). */
export function functionOf(context: Context, node: Node): FunctionNode | undefined {
  const bare = unwrap(node);
  if (isFunction(bare)) return bare;
  if (bare.type !== AST_NODE_TYPES.Identifier) return undefined;
  return localFunction(context, bare);
}

function localFunction(context: Context, identifier: TSESTree.Identifier): FunctionNode | undefined {
  const variable = variableOf(context, identifier);
  const def = variable?.defs[0];
  if (!variable || !def || variable.defs.length > 1) return undefined;
  if (def.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
  if (def.type === 'Variable' && def.node.id === def.name && def.node.init && def.parent.kind === 'const') {
    const init = unwrap(def.node.init);
    return isFunction(init) ? init : undefined;
  }
  return undefined;
}
