import { createRequire } from 'node:module';

import type { ParserServices, ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import type * as TsApiUtils from 'ts-api-utils';
import type * as ts from 'typescript';

import type { Resolver } from './resolver.js';

const require = createRequire(import.meta.url);

/**
 * TypeScript and ts-api-utils, loaded on the first type-aware check: a project linted without type
 * information (plain JavaScript, no `typescript` installed) never loads them.
 */
let typescriptModules: { ts: typeof ts; utils: typeof TsApiUtils } | undefined;
function typescript(): { ts: typeof ts; utils: typeof TsApiUtils } {
  typescriptModules ??= { ts: require('typescript') as typeof ts, utils: require('ts-api-utils') as typeof TsApiUtils };
  return typescriptModules;
}

function isAnyOrUnknown(type: ts.Type): boolean {
  const { ts, utils } = typescript();
  return utils.isTypeFlagSet(type, ts.TypeFlags.Any | ts.TypeFlags.Unknown);
}

/** Parser services with a program, when the file was parsed with type information. */
export function typeServices(resolver: Resolver): ParserServicesWithTypeInformation | undefined {
  return resolver.types;
}

/** The services of a parse when they carry a program (type information), else undefined. */
export function withTypeInformation(services: Partial<ParserServices> | undefined): ParserServicesWithTypeInformation | undefined {
  if (!services?.program || !services.esTreeNodeToTSNodeMap) return undefined;
  return services as ParserServicesWithTypeInformation;
}

function namesOfType(checker: ts.TypeChecker, type: ts.Type, seen = new Set<ts.Type>()): string[] {
  if (seen.has(type)) return [];
  seen.add(type);
  const names: string[] = [];
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  if (symbol) names.push(symbol.getName());
  if (type.aliasSymbol) names.push(type.aliasSymbol.getName());
  if (type.isUnionOrIntersection()) for (const part of type.types) names.push(...namesOfType(checker, part, seen));
  if (type.isClassOrInterface()) {
    for (const base of checker.getBaseTypes(type)) names.push(...namesOfType(checker, base, seen));
  }
  return names;
}

/** True when the type of `node` is `any`/`unknown` or names one of `names` (itself, a union member or a base). */
export function typeIsAnyOr(services: ParserServicesWithTypeInformation, node: TSESTree.Node, names: readonly string[]): boolean {
  const type = services.getTypeAtLocation(node);
  if (isAnyOrUnknown(type)) return true;
  const checker = services.program.getTypeChecker();
  return namesOfType(checker, type).some((n) => names.includes(n));
}

/** True when the type of `node` names one of `names` (no `any`). */
export function typeIs(services: ParserServicesWithTypeInformation, node: TSESTree.Node, names: readonly string[]): boolean {
  const type = services.getTypeAtLocation(node);
  if (isAnyOrUnknown(type)) return false;
  return namesOfType(services.program.getTypeChecker(), type).some((n) => names.includes(n));
}

/** Names of the properties the type of `node` is sure to have (declared, not optional). */
export function requiredPropertyNames(services: ParserServicesWithTypeInformation, node: TSESTree.Node): string[] {
  const type = services.getTypeAtLocation(node);
  if (isAnyOrUnknown(type)) return [];
  const { ts, utils } = typescript();
  return type
    .getProperties()
    .filter((p) => !utils.isSymbolFlagSet(p, ts.SymbolFlags.Optional))
    .map((p) => p.getName());
}

function partsOf(type: ts.Type): ts.Type[] {
  return type.isUnionOrIntersection() ? type.types.flatMap(partsOf) : [type];
}

/**
 * True when the type of `node` (or one of its union/intersection parts) is declared in a file whose
 * name matches `file` — e.g. `@slack/web-api`'s `RtmStartResponse.d.ts`, whose type survives
 * `Awaited<ReturnType<…>>` without its alias name.
 */
export function typeDeclaredIn(services: ParserServicesWithTypeInformation, node: TSESTree.Node, file: RegExp): boolean {
  const type = services.getTypeAtLocation(node);
  if (isAnyOrUnknown(type)) return false;
  return partsOf(type).some((part) => {
    const symbol = part.aliasSymbol ?? part.getSymbol();
    return symbol?.getDeclarations()?.some((d) => file.test(d.getSourceFile().fileName)) ?? false;
  });
}
