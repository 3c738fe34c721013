import { calleeName, descendants, memberName, propertyKeyName, unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, text, type Node } from './common.js';

/**
 * Why a TODO cannot lean on the helper's declaration when rtm-migrate did not tie the call to one
 * although the file declares a function of the name the call ends with (`api: function …`, `function
 * api`, `X.prototype.api = …`, a class's `api()`): the reason names that declaration and what
 * rtm-migrate could not see, so nobody looks elsewhere for code that is in front of them. Undefined
 * where the file declares none: then the declaration is not in this file, as the callers say.
 */
export function declarationUnseen(parsed: ParsedFile, call: TSESTree.CallExpression): string | undefined {
  const name = calleeName(parsed.resolver, call.callee);
  const found = name === undefined ? undefined : [...descendants(parsed.resolver, parsed.program)].find((node) => declaresFunction(parsed, node, name));
  if (!found || name === undefined) return undefined;
  const callee = unwrap(call.callee);
  const why =
    callee.type === AST_NODE_TYPES.MemberExpression
      ? `\`${text(parsed, callee.object)}\` may hold another object when the call runs, or its \`${name}\` another function`
      : `\`${name}\` may be given another function, or be another name here`;
  return `this file declares a function \`${name}\` (line ${found.loc.start.line}), but rtm-migrate cannot tell that \`${text(parsed, call.callee)}\` is that one (${why})`;
}

/** `function name`, `name: function`, `name() {}`, `x.name = function`, `const name = () => …`. */
function declaresFunction(parsed: ParsedFile, node: Node, name: string): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.FunctionDeclaration:
      return node.id?.name === name;
    case AST_NODE_TYPES.Property:
      return propertyKeyName(parsed.resolver, node) === name && isFunction(unwrap(node.value));
    case AST_NODE_TYPES.MethodDefinition:
      return !node.computed && node.key.type === AST_NODE_TYPES.Identifier && node.key.name === name;
    case AST_NODE_TYPES.AssignmentExpression:
      return node.left.type === AST_NODE_TYPES.MemberExpression && memberName(parsed.resolver, node.left) === name && isFunction(unwrap(node.right));
    case AST_NODE_TYPES.VariableDeclarator:
      return node.id.type === AST_NODE_TYPES.Identifier && node.id.name === name && node.init !== null && isFunction(unwrap(node.init));
    default:
      return false;
  }
}
