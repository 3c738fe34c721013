import { createRequire } from 'node:module';
import { packageVersion, undeclaredLockedVersion } from '@rtm-migrate/analysis';
import { WRITTEN_SYNTAX } from '@rtm-migrate/core';
import semver from 'semver';
import type TypeScript from 'typescript';

/**
 * What says that `file` compiles with a TypeScript older than `version` (`typescript 2.9.2 installed`,
 * `` `typescript` ~2.9.2 in package.json``), or undefined when it may be that version or newer, or nothing
 * says: the installed copy, then the lockfile's version, then a declared range whose every version is older,
 * then the one version a lockfile holds though no package.json declares it (a dependency's: tslint's, ts-node's).
 */
export function typescriptOlderThan(file: string, version: string): string | undefined {
  const found = packageVersion(file, 'typescript');
  if (found === undefined) {
    const locked = undeclaredLockedVersion(file, 'typescript');
    return locked !== undefined && semver.lt(locked, version) ? `typescript ${locked} locked, though not declared` : undefined;
  }
  if (found.from !== 'declared') return semver.valid(found.version) && semver.lt(found.version, version) ? `typescript ${found.version} ${found.from}` : undefined;
  return semver.validRange(found.range) !== null && semver.gtr(version, found.range) ? `\`typescript\` ${found.range} in package.json` : undefined;
}

/** True where something says which TypeScript compiles `file`: an installed copy, a lockfile, or a declared range. */
export function typescriptKnown(file: string): boolean {
  return packageVersion(file, 'typescript') !== undefined || undeclaredLockedVersion(file, 'typescript') !== undefined;
}

/**
 * Why the generated TypeScript module of a file is written for an older TypeScript (see
 * forOlderTypeScript), or undefined when the file's TypeScript compiles it as it is.
 */
export function olderTypeScriptOf(file: string): string | undefined {
  return typescriptOlderThan(file, WRITTEN_SYNTAX.helperModule.typescript);
}

/**
 * The generated TypeScript module in types TypeScript 2.2 to 3.4 compile (blind s48/06 pins 2.9, s140/01
 * 2.6): `any` for `unknown` (3.0) and `ReadonlyArray<T>` for `readonly T[]` (3.4). The rest of the module is
 * written for both (explicit type arguments where 2.x infers `{}`, one promise type where it cannot call
 * `.then` on a union, casts where 2.7 would narrow by `in`); the `object` type needs 2.2
 * (WRITTEN_SYNTAX.helperModule.older).
 */
export function forOlderTypeScript(source: string): string {
  const ts = createRequire(import.meta.url)('typescript') as typeof TypeScript;
  const file = ts.createSourceFile('rtm-start-data.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: TypeScript.Node): void => {
    if (node.kind === ts.SyntaxKind.UnknownKeyword) edits.push({ start: node.getStart(file), end: node.end, text: 'any' });
    if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.ReadonlyKeyword && ts.isArrayTypeNode(node.type)) {
      // Two edits around the element type, which keeps its own (`readonly unknown[]`: `ReadonlyArray<any>`).
      edits.push({ start: node.getStart(file), end: node.type.elementType.getStart(file), text: 'ReadonlyArray<' });
      edits.push({ start: node.type.elementType.end, end: node.end, text: '>' });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let text = source;
  for (const { start, end, text: replacement } of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, start) + replacement + text.slice(end);
  return text;
}
