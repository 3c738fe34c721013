import { constructionOf, unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { FoundSite } from '../../scan/found.js';
import { isSdkWebClient } from '../fits.js';
import { text, type Node, type TransportResult } from './common.js';
import { namesRtmStart } from './helper-contract.js';

/** The type written on `this.<name>`'s declaration in the enclosing class: a field or a constructor parameter property. */
function fieldType(call: Node, name: string): Node | undefined {
  let owner: Node | undefined = call.parent;
  while (owner && owner.type !== AST_NODE_TYPES.ClassBody) owner = owner.parent;
  if (owner?.type !== AST_NODE_TYPES.ClassBody) return undefined;
  for (const member of owner.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.computed && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === name) {
      return member.readonly ? typeName(member.typeAnnotation) : undefined;
    }
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'constructor') continue;
    for (const param of member.value.params) {
      if (param.type !== AST_NODE_TYPES.TSParameterProperty || !param.readonly || param.parameter.type !== AST_NODE_TYPES.Identifier) continue;
      if (param.parameter.name === name) return typeName(param.parameter.typeAnnotation);
    }
  }
  return undefined;
}

function typeName(annotation: TSESTree.TSTypeAnnotation | undefined): Node | undefined {
  const type = annotation?.typeAnnotation;
  return type?.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier ? type.typeName : undefined;
}

/** `this.web` declared `readonly web: WebClient` (the SDK's), or a name made by `new WebClient(…)`. */
function isSdkClient(parsed: ParsedFile, call: Node, client: Node): boolean {
  const construction = constructionOf(parsed.resolver, client);
  if (construction) return isSdkWebClient(parsed, construction.callee);
  if (client.type !== AST_NODE_TYPES.MemberExpression || client.computed || client.object.type !== AST_NODE_TYPES.ThisExpression || client.property.type !== AST_NODE_TYPES.Identifier) return false;
  const type = fieldType(call, client.property.name);
  return type !== undefined && isSdkWebClient(parsed, type);
}

/**
 * `client.apiCall.bind(client, 'rtm.start')` on an SDK `WebClient` (a function called elsewhere) →
 * `rtmStartData.bind(undefined, client)`: the client taken when bound, as before, and the function's
 * `rtm.start` arguments handed on; it resolves to the whole data wherever it is called.
 */
export function boundApiCall(parsed: ParsedFile, site: FoundSite): TransportResult | undefined {
  const call = site.node;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.length !== 2) return undefined;
  const bind = unwrap(call.callee);
  if (bind.type !== AST_NODE_TYPES.MemberExpression || bind.computed || bind.property.type !== AST_NODE_TYPES.Identifier || bind.property.name !== 'bind') return undefined;
  const method = unwrap(bind.object);
  if (method.type !== AST_NODE_TYPES.MemberExpression || method.computed || method.property.type !== AST_NODE_TYPES.Identifier || method.property.name !== 'apiCall') return undefined;
  const [thisArg, name] = call.arguments;
  if (!thisArg || !name || !namesRtmStart(parsed, name)) return undefined;
  const client = unwrap(method.object);
  if (text(parsed, thisArg) !== text(parsed, client) || !isSdkClient(parsed, call, client)) return { why: 'the bound `apiCall` is not on an SDK `WebClient` bound to itself' };
  return { call: { start: call.range[0], end: call.range[1], caller: text(parsed, thisArg), args: undefined, bound: true } };
}
