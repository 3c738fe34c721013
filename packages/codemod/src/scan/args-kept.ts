import { unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { helperDeclaration } from '../helper-module/transport/helper-contract.js';
import type { PlanSite } from '../plan.js';
import type { FoundSite } from './found.js';

/**
 * A helper given an object literal after the method name whose declaration here reads or sets a field
 * of that parameter (`parameters.token = TOKEN`): on `undefined` it would throw. When the call goes to
 * `rtm.connect` with every start-only option gone, its emptied `{}` stays, never dropped.
 */
export function argsKeptAt(parsed: ParsedFile, site: FoundSite): Pick<PlanSite, 'argsKept'> {
  const call = site.node;
  if (site.form !== 'helper' || call.type !== AST_NODE_TYPES.CallExpression) return {};
  const at = call.arguments.findIndex((a) => a === site.argsNode);
  const given = call.arguments[at];
  const param = helperDeclaration(parsed, call)?.params[at];
  if (!given || unwrap(given).type !== AST_NODE_TYPES.ObjectExpression || param?.type !== AST_NODE_TYPES.Identifier) return {};
  const fieldsUsed = variableOf(parsed.resolver, param)?.references.some((r) => {
    const parent = r.identifier.parent;
    return parent.type === AST_NODE_TYPES.MemberExpression && parent.object === r.identifier;
  });
  return fieldsUsed ? { argsKept: true } : {};
}
