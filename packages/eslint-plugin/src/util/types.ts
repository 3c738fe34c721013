import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** `ts.TypeFlags.Any | ts.TypeFlags.Unknown` (stable values; no runtime import of typescript). */
const ANY_OR_UNKNOWN = 1 | 2;

/** Parser services with a program, when the file was parsed with type information. */
export function typeServices(context: Context): ParserServicesWithTypeInformation | undefined {
  const services = context.sourceCode.parserServices;
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
  if ((type.flags & ANY_OR_UNKNOWN) !== 0) return true;
  const checker = services.program.getTypeChecker();
  return namesOfType(checker, type).some((n) => names.includes(n));
}

/** True when the type of `node` names one of `names` (no `any`). */
export function typeIs(services: ParserServicesWithTypeInformation, node: TSESTree.Node, names: readonly string[]): boolean {
  const type = services.getTypeAtLocation(node);
  if ((type.flags & ANY_OR_UNKNOWN) !== 0) return false;
  return namesOfType(services.program.getTypeChecker(), type).some((n) => names.includes(n));
}

/** Names of the properties the type of `node` is sure to have (declared, not optional). */
export function requiredPropertyNames(services: ParserServicesWithTypeInformation, node: TSESTree.Node): string[] {
  const type = services.getTypeAtLocation(node);
  if ((type.flags & ANY_OR_UNKNOWN) !== 0) return [];
  const OPTIONAL = 1 << 24; // ts.SymbolFlags.Optional
  return type
    .getProperties()
    .filter((p) => (p.flags & OPTIONAL) === 0)
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
  if ((type.flags & ANY_OR_UNKNOWN) !== 0) return false;
  return partsOf(type).some((part) => {
    const symbol = part.aliasSymbol ?? part.getSymbol();
    return symbol?.getDeclarations()?.some((d) => file.test(d.getSourceFile().fileName)) ?? false;
  });
}
