import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';

import { withTypeInformation } from './types.js';

/** Child keys per node type, to walk any ESTree (espree's or typescript-estree's). */
export type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

/**
 * What the analysis asks of its host about one file: the scope a node is in (variables and their
 * references), the keys to walk the tree with and, when the file was parsed with a TypeScript
 * program, its type services. ESLint's `SourceCode` answers all three; so does a parse with
 * `@typescript-eslint/parser` (see `@rtm-migrate/analysis/project`).
 */
export interface Resolver {
  getScope(node: TSESTree.Node): TSESLint.Scope.Scope;
  readonly visitorKeys: VisitorKeys;
  readonly types: ParserServicesWithTypeInformation | undefined;
}

/** The resolver of a file ESLint is linting: its scope manager and, when present, its type services. */
export function resolverOfSourceCode(sourceCode: Readonly<TSESLint.SourceCode>): Resolver {
  return {
    getScope: (node) => sourceCode.getScope(node),
    visitorKeys: sourceCode.visitorKeys,
    types: withTypeInformation(sourceCode.parserServices),
  };
}
