import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import type { ParsedCommandLine } from 'typescript';

/** The tsconfig.json nearest above `dir`, inside `root` (never one of another project). */
export function nearestTsconfig(root: string, dir: string): string | undefined {
  for (let at = dir; !relative(root, at).startsWith('..'); at = dirname(at)) {
    const candidate = join(at, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(at) === at) break;
  }
  return undefined;
}

/** TypeScript, loaded only where a tsconfig.json is read. */
export const typescriptApi = (): typeof import('typescript') => createRequire(import.meta.url)('typescript') as typeof import('typescript');

/** A tsconfig.json as tsc reads it (its `extends` followed); a broken one yields nothing. */
export function parsedTsconfig(tsconfig: string): ParsedCommandLine | undefined {
  const ts = typescriptApi();
  return ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
}
