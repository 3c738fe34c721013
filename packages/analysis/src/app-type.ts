import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { classMemberName, isThisLike, memberName, variableOf } from './ast.js';
import { thisOwner } from './origin.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/** What declares a client with a type: the parameter, the class field. */
export type Declaration = TSESTree.Identifier | TSESTree.PropertyDefinition;

/** The name of the declared type when it is the app's own: a class of this file, or any name imported from a relative module. */
export function appType(resolver: Resolver, declaration: Declaration): string | undefined {
  const type = declaration.typeAnnotation?.typeAnnotation;
  if (type?.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = variableOf(resolver, type.typeName)?.defs[0];
  if (def?.type === TSESLint.Scope.DefinitionType.ClassName) return type.typeName.name;
  const module = def?.type === TSESLint.Scope.DefinitionType.ImportBinding && def.parent.type === AST_NODE_TYPES.ImportDeclaration ? def.parent.source.value : undefined;
  return module?.startsWith('.') === true ? type.typeName.name : undefined;
}

/**
 * The app's own type (appType) a field `this.<name>` of a class is declared with: its class property, or
 * a TypeScript parameter property of its constructor. A value so typed may be a wrapper forwarding `on`
 * and `start` to the client (blind s82/10's `BaseRtmClient`), which the helper module's run-time start refuses.
 */
export function fieldAppType(resolver: Resolver, member: Node): string | undefined {
  if (member.type !== AST_NODE_TYPES.MemberExpression || !isThisLike(resolver, member.object)) return undefined;
  const owner = thisOwner(member);
  const name = memberName(resolver, member);
  if (owner?.type !== AST_NODE_TYPES.ClassBody || name === undefined) return undefined;
  for (const element of owner.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && classMemberName(element) === name) {
      const own = appType(resolver, element);
      if (own !== undefined) return own;
    }
    if (element.type !== AST_NODE_TYPES.MethodDefinition || element.kind !== 'constructor') continue;
    for (const param of element.value.params) {
      if (param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter.type === AST_NODE_TYPES.Identifier && param.parameter.name === name) {
        const own = appType(resolver, param.parameter);
        if (own !== undefined) return own;
      }
    }
  }
  return undefined;
}
