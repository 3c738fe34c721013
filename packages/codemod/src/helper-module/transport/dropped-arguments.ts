import { readsOwnArguments, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { helperDeclaration } from './helper-contract.js';

/**
 * Why the helper's declaration in the file would drop the arguments the caller hands it at `index`
 * (`api(action)` building its URL from the method name alone): the replacement methods need theirs
 * (`types`, `limit`, `cursor`), and without them a paged list would be asked for its first page again
 * and again. Undefined where it takes them (a parameter it reads, a rest parameter, `arguments`) or
 * where its declaration is not in the file.
 */
export function droppedArguments(parsed: ParsedFile, call: TSESTree.CallExpression, helper: string, index: number): string | undefined {
  const fn = helperDeclaration(parsed, call);
  if (!fn || readsOwnArguments(parsed.resolver, fn)) return undefined;
  const restAt = fn.params.findIndex((p) => p.type === AST_NODE_TYPES.RestElement);
  if (restAt >= 0 && restAt <= index) return undefined;
  const param = fn.params[index];
  const id = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  const unread = id?.type === AST_NODE_TYPES.Identifier && (variableOf(parsed.resolver, id)?.references.filter((r) => r.identifier !== id).length ?? 0) === 0;
  if (param && !unread) return undefined;
  const what = param ? `never reads its parameter \`${id?.type === AST_NODE_TYPES.Identifier ? id.name : '…'}\`` : 'takes no parameter';
  return `the declaration of \`${helper}\` ${what} for the arguments after the method name: the replacement methods (users.list, conversations.list…) need theirs (\`types\`, \`limit\`, \`cursor\`), which it would drop`;
}
