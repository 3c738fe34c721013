import { dirname, extname, relative } from 'node:path';
import { nearestManifest } from '@rtm-migrate/analysis/modules';
import { CODEMOD_MESSAGES } from '@rtm-migrate/core';
import { nearestTsconfig, parsedTsconfig, typescriptApi } from './tsconfig.js';

/**
 * Whether tsc compiles the TypeScript `file` to CommonJS, as its tsconfig.json says (tsc's own default
 * where it names no `module`: CommonJS below ES2015; Node16/NodeNext by the package's `type`): undefined
 * when it surely does, otherwise why that is not known. Only the tsconfig.json of the file's own package
 * counts.
 */
export function notCommonJsEmit(file: string): string | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === '.cts') return undefined;
  if (ext === '.mts') return CODEMOD_MESSAGES.typescriptEsmFile;
  const owner = nearestManifest(dirname(file));
  const tsconfig = nearestTsconfig(owner?.dir ?? dirname(file), dirname(file));
  if (tsconfig === undefined) return CODEMOD_MESSAGES.typescriptEmitUnknown;
  const named = relative(owner?.dir ?? dirname(file), tsconfig) || 'tsconfig.json';
  const parsed = parsedTsconfig(tsconfig);
  if (parsed === undefined) return CODEMOD_MESSAGES.typescriptEmitUnreadable(named);
  const ts = typescriptApi();
  const { module, target } = parsed.options;
  if (module === ts.ModuleKind.CommonJS) return undefined;
  if (module === undefined && (target === undefined || target < ts.ScriptTarget.ES2015)) return undefined;
  if (module !== undefined && module >= ts.ModuleKind.Node16 && module <= ts.ModuleKind.NodeNext && owner?.manifest.type !== 'module') return undefined;
  return CODEMOD_MESSAGES.typescriptEmitsEsm(named, module === undefined ? `left to its target, ${ts.ScriptTarget[target ?? ts.ScriptTarget.ES5]}` : ts.ModuleKind[module]);
}
