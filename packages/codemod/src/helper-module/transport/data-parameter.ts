import { unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { text } from './common.js';
import type { FunctionNode } from './this-method.js';

/** Calls that only read a value as data: they never call it. */
const READS_DATA = /^(Object\.(assign|keys|entries)|JSON\.stringify|(querystring|qs)\.stringify|URLSearchParams)$/;

/** A use of the parameter that treats it as data (an object of arguments), never as a function. */
function usedAsData(parsed: ParsedFile, id: TSESTree.Identifier): boolean {
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
    case AST_NODE_TYPES.AssignmentExpression:
      // `params = params || {}`.
      return use.left === id && unwrap(use.right).type === AST_NODE_TYPES.LogicalExpression;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return use.callee !== id && READS_DATA.test(text(parsed, use.callee));
    default:
      return false;
  }
}

/**
 * The helper's declaration takes its parameter at `index` as data, as an options bag: every use of
 * it reads, copies or serializes it (`Object.assign({ token }, params)`, `form: params`, `params.x`),
 * none calls it or hands it to a function that might. What tells a name given there from a callback.
 */
export function takesDataAt(parsed: ParsedFile, helper: FunctionNode | undefined, index: number): boolean {
  const param = helper?.params[index];
  const id = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  if (!helper || id?.type !== AST_NODE_TYPES.Identifier) return false;
  // `arguments[1]` reads the same value under another name.
  if ((parsed.resolver.getScope(helper).set.get('arguments')?.references.length ?? 0) > 0) return false;
  const uses = variableOf(parsed.resolver, id)?.references.filter((r) => r.identifier !== id) ?? [];
  return uses.every((r) => r.identifier.type === AST_NODE_TYPES.Identifier && usedAsData(parsed, r.identifier));
}
