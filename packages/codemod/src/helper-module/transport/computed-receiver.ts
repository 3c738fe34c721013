import { unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { text, type Node } from './common.js';

/** The name the caller binds the receiver to (`(slackService) => (apiMethod, apiArgs) => slackService.request(…)`). */
export const RECEIVER_NAME = 'slackService';

/**
 * A helper called on a receiver that is computed each time it is evaluated
 * (`swipes.service('slack').request('rtm.start')`): the receiver's text, evaluated once as the
 * original did, and the helper as the caller names it on the bound receiver.
 */
export interface ComputedReceiver {
  readonly receiver: string;
  readonly helper: string;
}

/** `a`, `this`, `a.b`, `a['b']`: evaluating it again reads the same names and calls nothing. */
function isPlainPath(node: Node): boolean {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.Identifier || bare.type === AST_NODE_TYPES.ThisExpression || bare.type === AST_NODE_TYPES.Super) return true;
  if (bare.type !== AST_NODE_TYPES.MemberExpression) return false;
  return (!bare.computed || bare.property.type === AST_NODE_TYPES.Literal) && isPlainPath(bare.object);
}

/** Statement lists: a statement in one is where the rewrite puts the caller's `const` (before it). */
const STATEMENT_LISTS = new Set<string>([AST_NODE_TYPES.Program, AST_NODE_TYPES.BlockStatement, AST_NODE_TYPES.StaticBlock, AST_NODE_TYPES.SwitchCase, AST_NODE_TYPES.TSModuleBlock]);

/** Statements a `const` put before them runs just before: nothing of theirs is evaluated ahead of their first expression. */
const HOISTABLE = new Set<string>([AST_NODE_TYPES.ExpressionStatement, AST_NODE_TYPES.VariableDeclaration, AST_NODE_TYPES.ReturnStatement]);

/** `child` is the first thing `parent` evaluates. */
function evaluatedFirst(parent: Node, child: Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === child;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee === child;
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.ReturnStatement:
      return true;
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === child;
    case AST_NODE_TYPES.VariableDeclaration:
      return parent.declarations[0] === child;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === child && parent.left.type === AST_NODE_TYPES.Identifier;
    default:
      return unwrap(parent) !== parent;
  }
}

function isFunctionNode(node: Node): boolean {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration;
}

/**
 * The rewrite binds the receiver where the caller is made: in place, or in a `const` before the call's
 * statement in the same function. Before the statement it is evaluated as early as in the original
 * only where the call is the first thing the statement evaluates (`svc().request('rtm.start').then(…)`,
 * `const x = await svc().request(…)`); `f(a(), svc().request(…))` would evaluate it before `a()`.
 */
function boundInOrder(call: TSESTree.CallExpression): boolean {
  let child: Node = call;
  for (let parent: Node | undefined = call.parent; parent; child = parent, parent = parent.parent) {
    if (isFunctionNode(parent)) return true;
    if (STATEMENT_LISTS.has(parent.type)) return HOISTABLE.has(child.type);
    if (!evaluatedFirst(parent, child)) return false;
  }
  return false;
}

/**
 * The helper of `call` is a member of a receiver computed by a call (or anything but a plain path of
 * names): the caller must evaluate it once, as the original did, not once per Web API method. A
 * reason (a string) where the rewrite cannot bind it in the original's order; undefined for a plain
 * receiver (`this.api`, `slack.api`), which the caller names as it is.
 */
export function computedReceiver(parsed: ParsedFile, call: TSESTree.CallExpression): ComputedReceiver | string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || isPlainPath(callee.object)) return undefined;
  if (callee.computed && callee.property.type !== AST_NODE_TYPES.Literal) return 'the helper is named by a computed key on a receiver computed by a call';
  if (!boundInOrder(call)) {
    return `the helper is called on \`${text(parsed, callee.object)}\`, which the rewrite would evaluate once before the rest of the statement: here other parts of the statement are evaluated before it`;
  }
  const name = callee.computed ? `[${text(parsed, callee.property)}]` : `.${text(parsed, callee.property)}`;
  return { receiver: text(parsed, callee.object), helper: `${RECEIVER_NAME}${callee.optional ? '?.' : ''}${name}` };
}

/** `((slackService) => caller)(receiver)`: the receiver evaluated once, where the caller is made. */
export function bindReceiver(bound: ComputedReceiver, caller: string): string {
  return `((${RECEIVER_NAME}) => ${caller})(${bound.receiver})`;
}
