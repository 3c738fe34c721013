import { isPossiblySlackModule, LEGACY_RTM_CLIENT_MODULES, RTM_CLIENT_MODULES } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { destructuredKey, memberName, requiredModule, singleValueOf, unwrap, variableOf } from './ast.js';

type Node = TSESTree.Node;
type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Where a value comes from: an export of a module (`*` for the namespace), possibly an instance of it. */
export interface Origin {
  readonly module: string;
  readonly name: string;
  readonly instance: boolean;
}

const MAX_HOPS = 6;

/**
 * The module an expression's value comes from, following `import`, `require`, `new`, member access
 * and single-assignment variables. Undefined when unknown (parameters, globals, calls…).
 */
export function originOf(context: Context, node: Node, hops = 0): Origin | undefined {
  if (hops > MAX_HOPS) return undefined;
  const bare = unwrap(node);
  const required = requiredModule(bare);
  if (required !== undefined) return { module: required, name: '*', instance: false };
  switch (bare.type) {
    case AST_NODE_TYPES.Identifier:
      return originOfIdentifier(context, bare, hops);
    case AST_NODE_TYPES.MemberExpression: {
      const base = originOf(context, bare.object, hops + 1);
      if (!base) return undefined;
      const name = memberName(context, bare);
      if (base.name === '*' && !base.instance && name !== undefined) return { module: base.module, name, instance: false };
      return { ...base, instance: base.instance };
    }
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.CallExpression: {
      // `new X()` and factories (`acme.createClient()`): the value is provided by X's module.
      const ctor = originOf(context, bare.callee, hops + 1);
      return ctor ? { ...ctor, instance: true } : undefined;
    }
    default:
      return undefined;
  }
}

function originOfIdentifier(context: Context, identifier: TSESTree.Identifier, hops: number): Origin | undefined {
  const variable = variableOf(context, identifier);
  const def = variable?.defs[0];
  if (!variable || !def) return undefined;
  if (def.type === 'ImportBinding') return importOrigin(def.node);
  if (def.type !== 'Variable') return undefined;
  const value = singleValueOf(variable);
  if (!value) return undefined;
  const source = originOf(context, value, hops + 1);
  if (!source) return undefined;
  if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
    const key = destructuredKey(context, def.node.id, def.name);
    if (key === undefined) return undefined;
    return source.name === '*' && !source.instance ? { module: source.module, name: key, instance: false } : source;
  }
  return source;
}

function importOrigin(node: Node): Origin | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.ImportSpecifier: {
      const imported = node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : String(node.imported.value);
      const source = node.parent.source;
      return source ? { module: source.value, name: imported, instance: false } : undefined;
    }
    case AST_NODE_TYPES.ImportDefaultSpecifier:
      return { module: node.parent.source.value, name: 'default', instance: false };
    case AST_NODE_TYPES.ImportNamespaceSpecifier:
      return { module: node.parent.source.value, name: '*', instance: false };
    case AST_NODE_TYPES.TSImportEqualsDeclaration: {
      const ref = node.moduleReference;
      if (ref.type === AST_NODE_TYPES.TSExternalModuleReference && ref.expression.type === AST_NODE_TYPES.Literal) {
        return { module: String(ref.expression.value), name: '*', instance: false };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** True when the value provably comes from a module that is not Slack's (another vendor's SDK). */
export function isFromOtherVendor(context: Context, node: Node): boolean {
  const origin = originOf(context, node);
  return origin !== undefined && !isPossiblySlackModule(origin.module);
}

export type ClientKind = 'rtm-client' | 'legacy-rtm-client';

/** What `new X(...)` constructs, when X is one of Slack's RTM clients. */
export function clientKindOfConstructor(context: Context, callee: Node): ClientKind | undefined {
  const origin = originOf(context, callee);
  const bare = unwrap(callee);
  if (!origin) {
    // Unknown origin (global, parameter…): judge by the name alone for the current client.
    const name = bare.type === AST_NODE_TYPES.Identifier ? bare.name : undefined;
    return name === 'RTMClient' ? 'rtm-client' : undefined;
  }
  if (origin.instance) return undefined;
  if (LEGACY_RTM_CLIENT_MODULES.includes(origin.module) && origin.name === 'RtmClient') return 'legacy-rtm-client';
  if (RTM_CLIENT_MODULES.includes(origin.module) && origin.name === 'RTMClient') return 'rtm-client';
  if (!isPossiblySlackModule(origin.module)) return undefined;
  return origin.name === 'RTMClient' ? 'rtm-client' : undefined;
}

/**
 * The `new X(...)` an expression's value comes from (itself, or a single-assignment variable's value,
 * or a `this.x = new X(...)` assignment in the enclosing class).
 */
export function constructionOf(context: Context, node: Node): TSESTree.NewExpression | undefined {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.NewExpression) return bare;
  if (bare.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(context, bare);
    const value = variable ? singleValueOf(variable) : undefined;
    const def = variable?.defs[0];
    if (!value || def?.type !== 'Variable' || def.node.id !== def.name) return undefined;
    const init = unwrap(value);
    return init.type === AST_NODE_TYPES.NewExpression ? init : undefined;
  }
  if (bare.type === AST_NODE_TYPES.MemberExpression && bare.object.type === AST_NODE_TYPES.ThisExpression) {
    const name = memberName(context, bare);
    return name === undefined ? undefined : thisAssignment(context, bare, name);
  }
  return undefined;
}

/** `this.<name> = new X(...)` inside the class (or constructor function) enclosing `node`. */
function thisAssignment(context: Context, node: Node, name: string): TSESTree.NewExpression | undefined {
  let owner: Node | undefined = node.parent;
  while (owner && owner.type !== AST_NODE_TYPES.ClassBody && owner.type !== AST_NODE_TYPES.Program) owner = owner.parent;
  if (!owner) return undefined;
  return findThisNew(context, owner, name);
}

function findThisNew(context: Context, root: Node, name: string): TSESTree.NewExpression | undefined {
  const keys = context.sourceCode.visitorKeys;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      node.left.type === AST_NODE_TYPES.MemberExpression &&
      node.left.object.type === AST_NODE_TYPES.ThisExpression &&
      memberName(context, node.left) === name
    ) {
      const right = unwrap(node.right);
      if (right.type === AST_NODE_TYPES.NewExpression) return right;
    }
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const c of child) if (c && typeof c === 'object' && 'type' in c) stack.push(c as Node);
      } else if (child && typeof child === 'object' && 'type' in child) stack.push(child as Node);
    }
  }
  return undefined;
}
